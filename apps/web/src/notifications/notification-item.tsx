import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { taskPath } from '../api/client';
import { formatInstant } from '../ui/dates';
import { notificationText } from './notification-text';
import { whenText, type Notification } from './notifications-data';

/**
 * Where a notification leads: its task; for next year's draft (no task) the closed cycle's page; for
 * a signed paper to scan (no task) the year's documents page, where the scan is added; for a file
 * erased from a corrective action's record (no task) the year's page, where the action is listed.
 */
const targetOf = (notification: Notification) =>
  notification.reason === 'next-year-draft' ||
  (notification.reason === 'evidence-erased' && !notification.taskTitle)
    ? `/cycles/${encodeURIComponent(notification.cycleId)}`
    : notification.reason === 'paper-to-scan'
      ? `/cycles/${encodeURIComponent(notification.cycleId)}/documents`
      : taskPath(notification.taskId);

/**
 * One notification: why (in words, not only colour), what, when, read or not; the subject links to
 * the task and opening it marks it read.
 */
export function NotificationItem({
  notification,
  onOpen,
  compact = false,
}: {
  notification: Notification;
  onOpen(notification: Notification): void;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation('notifications');
  const unread = notification.readAt === null;
  return (
    <div className={`note${unread ? ' note-unread' : ''}${compact ? ' note-compact' : ''}`}>
      <p className="note-meta">
        <span className={`status note-reason note-reason-${notification.reason}`}>
          {t(`reasons.${notification.reason}`)}
        </span>
        <time dateTime={notification.createdAt} title={formatInstant(notification.createdAt, i18n.language)}>
          {whenText(notification.createdAt, i18n.language)}
        </time>
        {unread ? (
          <span className="note-state">{t('unreadMark')}</span>
        ) : (
          !compact && <span className="note-state note-state-read">{t('readMark')}</span>
        )}
      </p>
      <Link className="note-link" to={targetOf(notification)} onClick={() => onOpen(notification)}>
        {notificationText(notification, i18n.language, t)}
      </Link>
      <TaskNow notification={notification} />
      {notification.erasedFile && (
        <p className="note-task-now">
          {t('erasedFile.line', {
            file: notification.erasedFile.fileName,
            who: notification.erasedFile.erasedByName,
            when: formatInstant(notification.erasedFile.erasedAt, i18n.language),
            reason: notification.erasedFile.reason,
          })}
        </p>
      )}
      {notification.paperNow && (
        <p className="note-task-now">
          {t(notification.paperNow.scanned ? 'paperNow.scanned' : 'paperNow.missing')}
        </p>
      )}
    </div>
  );
}

/**
 * Where the notice's task stands now, so that nobody chases a task already done: done, cancelled or
 * ended with the year; or, open and someone else's (an escalation, a task handed away), whose it is
 * and when it was due. Nothing for an open task of the reader's own: the link is what to do.
 */
function TaskNow({ notification }: { notification: Notification }) {
  const { t, i18n } = useTranslation('notifications');
  const now = notification.taskNow;
  if (!now) return null;
  if (now.status !== 'open')
    return <p className="note-task-now">{t(`taskNow.${now.status}`, { defaultValue: now.status })}</p>;
  if (notification.deadlineStillYours) return null;
  const overdue = now.overdue;
  const who = now.assigneeName ?? t('taskNow.someone');
  return (
    <p className={`note-task-now${overdue ? ' note-task-overdue' : ''}`}>
      {now.dueAt
        ? t(overdue ? 'taskNow.waitingOverdue' : 'taskNow.waiting', {
            who,
            due: formatInstant(now.dueAt, i18n.language),
          })
        : t('taskNow.waitingNoDue', { who })}
    </p>
  );
}
