import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskDetail } from '../task-types';
import { EventDetails } from './event-details';
import { formatInstant } from '../../ui/dates';

/**
 * Who did what when on this task, oldest first, each event's details in words. A task given after
 * its due date (`givenLate`) says by its late completion why: it was late when it was given.
 */
export function TaskHistory({
  history,
  nameOf,
  unitName,
  givenLate = false,
  more,
}: {
  history: TaskDetail['history'];
  nameOf: (userId: string) => string;
  unitName?: (code: string) => string;
  givenLate?: boolean;
  /** Where the history of the record the task belongs to goes on (a corrective action's rounds). */
  more?: ReactNode;
}) {
  const { t, i18n } = useTranslation('tasks');
  return (
    <section className="task-history" aria-labelledby="task-history-title">
      <h2 id="task-history-title">{t('history.title')}</h2>
      {more && <p className="small">{more}</p>}
      {history.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="task-history-list">
          {history.map((entry, index) => (
            <li key={index}>
              <time dateTime={entry.occurredAt}>{formatInstant(entry.occurredAt, i18n.language)}</time>
              <span className="task-history-who">
                {entry.actor === 'system' ? t('history.system') : nameOf(entry.actor)}
              </span>
              <span className="task-history-what">
                {/* A task's own events are worded for the task; the records it wrote (a report, a
                    sign-off) as the cycle's history words them. */}
                {t(`history.type.${entry.type}`, {
                  defaultValue: t(`cycles:eventType.${entry.type}`, { defaultValue: entry.type }),
                })}
              </span>
              <div className="task-history-details">
                <EventDetails
                  type={entry.type}
                  payload={entry.payload as Record<string, unknown> | null | undefined}
                  nameOf={nameOf}
                  unitName={unitName}
                />
                {givenLate && entry.type === 'task.completed' && entry.payload.late === true && (
                  <p className="muted task-history-why">{t('history.lateAsGiven')}</p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
