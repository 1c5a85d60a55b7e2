import { useTranslation } from 'react-i18next';
import { formatDay, formatInstant } from '../../ui/dates';
import type { TaskDetail } from '../task-types';

/** What the report's record says of it (`measurement.reported`): late or not, and its paper. */
interface ReportedFacts {
  late?: unknown;
  paperReport?: { date?: unknown; reference?: unknown };
}

/**
 * Why a task given after its due date (`openedAfterDue`: a year adopted or approved late) reads
 * late: it was late the moment it was given, so its completion is recorded late whenever it comes.
 * A report made on paper is judged by the paper's day instead (docs/objectives.md "Reports made on
 * paper"): the page says how its record judged it, so that nobody reads the task's "late" as the
 * unit's.
 */
export function GivenLateNotice({ task, completed }: { task: TaskDetail; completed: boolean }) {
  const { t, i18n } = useTranslation('tasks');
  if (!task.openedAfterDue || !task.dueAt) return null;
  const opened = formatInstant(task.openedAt, i18n.language);
  const due = formatInstant(task.dueAt, i18n.language);
  const reported = task.history.find((entry) => entry.type === 'measurement.reported')?.payload as
    ReportedFacts | undefined;
  const paper = reported?.paperReport;
  const onPaper =
    reported && typeof reported.late === 'boolean' && typeof paper?.date === 'string' && paper.reference
      ? t(reported.late ? 'page.givenLate.paperLate' : 'page.givenLate.paperOnTime', {
          date: formatDay(paper.date, i18n.language),
          reference: String(paper.reference),
        })
      : undefined;
  return (
    <p className="notice notice-warn task-given-late-note" role="note">
      <strong>{t('due.givenLate')}:</strong>{' '}
      {t(completed ? 'page.givenLate.completed' : 'page.givenLate.open', { opened, due })}
      {onPaper && <> {onPaper}</>}
    </p>
  );
}
