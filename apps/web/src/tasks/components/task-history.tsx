import { useTranslation } from 'react-i18next';
import type { TaskDetail } from '../task-types';
import { formatInstant } from './format';
import { ReadableValue } from './readable-value';

/** Who did what when on this task, oldest first. */
export function TaskHistory({
  history,
  nameOf,
}: {
  history: TaskDetail['history'];
  nameOf: (userId: string) => string;
}) {
  const { t, i18n } = useTranslation('tasks');
  return (
    <section className="task-history" aria-labelledby="task-history-title">
      <h2 id="task-history-title">{t('history.title')}</h2>
      {history.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="task-history-list">
          {history.map((entry, index) => {
            const details = Object.fromEntries(
              Object.entries(entry.payload ?? {}).filter(
                ([, v]) => v !== null && v !== undefined && v !== '',
              ),
            );
            return (
              <li key={index}>
                <time dateTime={entry.occurredAt}>{formatInstant(entry.occurredAt, i18n.language)}</time>
                <span className="task-history-who">
                  {entry.actor === 'system' ? t('history.system') : nameOf(entry.actor)}
                </span>
                <span className="task-history-what">
                  {t(`history.type.${entry.type}`, { defaultValue: entry.type })}
                </span>
                {Object.keys(details).length > 0 && (
                  <div className="task-history-details">
                    <ReadableValue value={details} nameOf={nameOf} />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
