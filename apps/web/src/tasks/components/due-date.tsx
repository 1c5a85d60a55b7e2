import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../ui/dates';

/**
 * The due instant in Vietnam time, and "overdue" in words (never by colour alone). A task given
 * after its due instant (`givenLate`: the API's `openedAfterDue`, a year adopted or approved late) is
 * overdue from the moment it is given, through nobody's delay: it says "Giao sau hạn" in amber
 * instead of the red "Quá hạn", open or done, and an open one stays among the overdue tasks (the
 * inbox's filter finds it).
 */
export function DueDate({
  dueAt,
  overdue,
  givenLate = false,
}: {
  dueAt: string | null;
  overdue: boolean;
  givenLate?: boolean;
}) {
  const { t, i18n } = useTranslation('tasks');
  if (!dueAt) return <span className="muted">{t('due.none')}</span>;
  return (
    <span className={overdue ? (givenLate ? 'task-given-late' : 'task-overdue') : undefined}>
      <time dateTime={dueAt}>{formatInstant(dueAt, i18n.language)}</time>
      {givenLate ? (
        <strong className="status status-warn task-overdue-word">{t('due.givenLate')}</strong>
      ) : (
        overdue && <strong className="status status-danger task-overdue-word">{t('due.overdue')}</strong>
      )}
    </span>
  );
}

export function StatusWord({ status }: { status: string }) {
  const { t } = useTranslation('tasks');
  const tone =
    status === 'completed' || status === 'resolved'
      ? 'status-ok'
      : status === 'open'
        ? ''
        : status === 'expired'
          ? 'status-danger'
          : 'status-warn';
  return <span className={`status ${tone}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
}
