import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../ui/dates';

/** The due instant in Vietnam time, and "overdue" in words (never by colour alone). */
export function DueDate({ dueAt, overdue }: { dueAt: string | null; overdue: boolean }) {
  const { t, i18n } = useTranslation('tasks');
  if (!dueAt) return <span className="muted">{t('due.none')}</span>;
  return (
    <span className={overdue ? 'task-overdue' : undefined}>
      <time dateTime={dueAt}>{formatInstant(dueAt, i18n.language)}</time>
      {overdue && <strong className="status status-danger task-overdue-word">{t('due.overdue')}</strong>}
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
