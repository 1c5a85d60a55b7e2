import type { TaskNotificationRequest } from '@qcycle/contracts';
import { icalendar } from '@qcycle/domain';
import { recipientLanguage, taskTitleIn, taskPageUrl, type TaskMailContext } from './task-notification-mail';

/**
 * The task's deadline as a calendar entry (RFC 5545), sent with the mail that gives the task to its
 * assignee, so that the due date lands in the calendar they already watch (Outlook, Thunderbird,
 * Gmail, a phone) with a reminder the day before. The mail that tells them the task was cancelled
 * takes the entry out again (same UID, METHOD:CANCEL), and so does the mail that tells them the task
 * was handed to someone else: its deadline is no longer theirs to keep.
 *
 * Only for the assignee's own task with a due date (or the one it was taken from): a reminder or an
 * escalation repeats a deadline already given, a notice that comes to a stand-in is not their task,
 * and the other notices have no deadline to keep. The entry links the task's page behind the sign-in, never the mail's own
 * single-use link: calendars are synced and shared, and an entry outlives the link's validity.
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
  const words = WORDS[language];
  const page = taskPageUrl(publicUrl, request.taskId);
  const summary = `${context.rehearsal ? `[${words.rehearsal}] ` : ''}${words.due}: ${taskTitleIn(request, language)}`;
  const cancelled = method === 'CANCEL';
  return icalendar({
    method,
    stampedAt: now.toISOString(),
    events: [
      {
        // One entry per task in the assignee's calendar, whatever mail brought it: the cancel finds it.
        uid: `${request.taskId}@qcycle`,
        when: { at: new Date(request.dueAt).toISOString() },
        summary,
        description: `${words.open}: ${page}`,
        url: page,
        status: cancelled ? 'CANCELLED' : 'CONFIRMED',
        remindBefore: 'P1D',
      },
    ],
  });
}

/** The iTIP method a calendar entry goes with, by the notice's reason; none: no entry. */
const METHODS: Partial<Record<TaskNotificationRequest['reason'], 'PUBLISH' | 'CANCEL'>> = {
  assigned: 'PUBLISH',
  reassigned: 'PUBLISH',
  'reassigned-away': 'CANCEL',
  cancelled: 'CANCEL',
};

const WORDS = {
  vi: { due: 'Hạn', open: 'Việc trong qcycle, mở sau khi đăng nhập', rehearsal: 'Diễn tập' },
  en: { due: 'Due', open: 'A task in qcycle, opened after signing in', rehearsal: 'Rehearsal' },
} as const;
