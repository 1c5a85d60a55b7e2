import type { TaskNotificationRequest } from '@qcycle/contracts';
import { icalendar, taskDeadlineEvent } from '@qcycle/domain';
import { recipientLanguage, taskTitleIn, type TaskMailContext } from './task-notification-mail';

/**
 * The task's deadline as a calendar entry (RFC 5545), sent with the mail that gives the task to its
 * assignee, so that the due date lands in the calendar they already watch (Outlook, Thunderbird,
 * Gmail, a phone) with a reminder the day before. The mail that tells them the task was cancelled
 * takes the entry out again (same UID, METHOD:CANCEL), and so does the mail that tells them the task
 * was handed to someone else, or that their answer given on paper was entered for them: its deadline
 * is no longer theirs to keep.
 *
 * Only for the assignee's own task with a due date (or the one it was taken from): a reminder or an
 * escalation repeats a deadline already given, a notice that comes to a stand-in is not their task,
 * and the other notices have no deadline to keep. The event is the calendar feed's for the same task
 * (`taskDeadlineEvent`).
 */
export function taskCalendar(
  request: TaskNotificationRequest,
  { publicUrl, now, context = {} }: { publicUrl: string; now: Date; context?: TaskMailContext },
): string | undefined {
  const method = METHODS[request.reason];
  // The one it was taken from is told with the new assignee named: theirs was the entry to take out.
  const forTheAssignee =
    (request.assignee === undefined || request.reason === 'reassigned-away') &&
    context.departed === undefined;
  if (!method || !request.dueAt || !forTheAssignee) return undefined;
  const language = recipientLanguage(request);
  return icalendar({
    method,
    stampedAt: now.toISOString(),
    events: [
      taskDeadlineEvent({
        taskId: request.taskId,
        title: taskTitleIn(request, language),
        dueAt: request.dueAt,
        language,
        rehearsal: context.rehearsal === true,
        publicUrl,
        cancelled: method === 'CANCEL',
      }),
    ],
  });
}

/** The iTIP method a calendar entry goes with, by the notice's reason; none: no entry. */
const METHODS: Partial<Record<TaskNotificationRequest['reason'], 'PUBLISH' | 'CANCEL'>> = {
  assigned: 'PUBLISH',
  reassigned: 'PUBLISH',
  'reassigned-away': 'CANCEL',
  cancelled: 'CANCEL',
  'entered-on-paper': 'CANCEL',
};
