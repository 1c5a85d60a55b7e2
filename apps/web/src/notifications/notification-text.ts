import { taskTitleText, type Translate } from '../tasks/components/format';
import { localized } from '../tasks/task-types';
import type { Notification } from './notifications-data';

/** The e-mail's subject without the "[qcycle]" tag every subject starts with. */
const subjectText = (subject: string) => subject.replace(/^\[qcycle\]\s*/i, '');

/**
 * What a notification is about, in the reader's language: its task's title (the reason is in the
 * badge beside it), whatever language the e-mail went out in; for a file erased from a corrective
 * action's record, that action by its nonconformity; the e-mail's subject when it is about no task.
 */
export function notificationText(notification: Notification, language: string, t: Translate): string {
  if (notification.taskTitle)
    return taskTitleText(localized(notification.taskTitle, language), notification.periodKey, t);
  if (notification.erasedFile?.finding !== undefined)
    return t('notifications:erasedFile.correctiveAction', { finding: notification.erasedFile.finding });
  return subjectText(notification.subject);
}
