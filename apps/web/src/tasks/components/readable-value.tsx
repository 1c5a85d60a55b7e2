import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EvidenceLink, evidenceIdOf } from '../../ui/evidence';
import { formatDay, formatInstant } from '../../ui/dates';
import { figuresWithTrendOf, isYear, unitPerformanceOf } from '../../cycles/components/review-input-words';
import {
  ObjectiveResults,
  objectiveResultsOf,
  saidByObjectiveResults,
} from '../../cycles/components/objective-results';
import { FiguresTrend } from '../../cycles/components/figures-trend';
import { UnitPerformanceTable } from '../../cycles/components/unit-performance';
import { objectiveText, periodText } from './format';
import type { CycleObjective } from './use-cycle-objectives';

/**
 * The organisation's units by code, for the values that name one (`unitCode`, `ownerUnitCode`):
 * the page that knows them provides it; without it a code is shown as written.
 */
export const UnitNames = createContext<(code: string) => string>((code) => code);

/**
 * The cycle's indicators by id, for the values that name one (`indicatorId`, in the review's inputs):
 * the task page provides them where it shows those inputs; without them an id is shown as written.
 */
export const IndicatorNames = createContext<(id: string) => string>((id) => id);

/**
 * The cycle's objectives, for the review inputs' objective results (their titles and indicators'
 * names): the page that has them provides them; without them numbers and ids are shown.
 */
export const CycleObjectives = createContext<readonly CycleObjective[]>([]);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** `rootCause` → "root cause": a last resort when the catalogue has no label for a key. */
const humanise = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

/**
 * Any JSON the workflows recorded (an answer, the compiled review inputs, an event's details),
 * shown as labelled text: objects as definition lists, lists as lists, yes/no in words, dates in
 * the current language. Labels come from the tasks catalogue (`keys.*`), values such as
 * `minor-nc` from `values.*`; `nameOf` turns user ids into names.
 */
export function ReadableValue({
  value,
  nameOf,
  depth = 0,
}: {
  value: unknown;
  nameOf?: (userId: string) => string;
  depth?: number;
}): ReactNode {
  const { t, i18n } = useTranslation('tasks');
  const unitName = useContext(UnitNames);
  const indicatorName = useContext(IndicatorNames);
  const objectives = useContext(CycleObjectives);
  // Values that name something of the year by its id or code: the objective, the period, the unit, the indicator.
  const named = (key: string, item: string): string | undefined =>
    key === 'objectiveId'
      ? objectiveText(item, t)
      : key === 'periodKey'
        ? periodText(item, t)
        : key === 'unitCode' || key === 'ownerUnitCode'
          ? unitName(item)
          : key === 'indicatorId'
            ? indicatorName(item)
            : undefined;
  if (value === null || value === undefined || value === '')
    return <span className="muted">{t('values.empty')}</span>;
  if (typeof value === 'boolean') return <span>{value ? t('values.yes') : t('values.no')}</span>;
  if (typeof value === 'number')
    return <span>{new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN').format(value)}</span>;
  if (typeof value === 'string') {
    // An uploaded file (`evidence:<id>`): its name, with a download link.
    if (evidenceIdOf(value)) return <EvidenceLink reference={value} />;
    if (DAY.test(value)) return <span>{formatDay(value, i18n.language)}</span>;
    if (INSTANT.test(value)) return <span>{formatInstant(value, i18n.language)}</span>;
    // Machine words (`minor-nc`, `carried-over`) have a label; anything else is shown as written.
    const word = /^[a-z][a-z0-9-]*$/.test(value);
    return (
      <span className="readable-text">{word ? t(`values.${value}`, { defaultValue: value }) : value}</span>
    );
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">{t('values.none')}</span>;
    return (
      <ul className="readable-list">
        {value.map((item, index) => (
          <li key={index}>
            <ReadableValue value={item} nameOf={nameOf} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // A localized text { vi, en } reads as one text.
    if (typeof record.vi === 'string' && typeof record.en === 'string' && Object.keys(record).length === 2)
      return <span>{i18n.language === 'en' ? record.en : record.vi}</span>;
    const shown = Object.entries(record).filter(
      ([key]) => !ENGINE_IDS.has(key) && !saidByObjectiveResults(record, key),
    );
    return (
      <dl className={`readable depth-${Math.min(depth, 3)}`}>
        {shown.map(([key, item]) => {
          const results = key === 'objectiveResults' ? objectiveResultsOf(item) : undefined;
          const trend = figuresWithTrendOf(item);
          const byUnit = key === 'processPerformanceByUnit' ? unitPerformanceOf(item) : undefined;
          return (
            <div
              key={key}
              className={`readable-row${results || trend || byUnit ? ' readable-row-wide' : ''}`}
            >
              <dt>{t(`keys.${key}`, { defaultValue: humanise(key) })}</dt>
              <dd>
                {results ? (
                  // The review's objectives as a table each, not a list of every field (a screen each).
                  <ObjectiveResults results={results} objectives={objectives} />
                ) : trend ? (
                  <FiguresTrend value={trend} />
                ) : byUnit ? (
                  <UnitPerformanceTable rows={byUnit} unitName={unitName} />
                ) : nameOf &&
                  isPersonKey(key) &&
                  typeof item === 'string' &&
                  !DAY.test(item) &&
                  !INSTANT.test(item) ? (
                  nameOf(item)
                ) : typeof item === 'string' && named(key, item) !== undefined ? (
                  named(key, item)
                ) : isYear(key, item) ? (
                  // A year is a name, not a quantity: 2023, never "2.023".
                  String(item)
                ) : (
                  <ReadableValue value={item} nameOf={nameOf} depth={depth + 1} />
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    );
  }
  return <span>{String(value)}</span>;
}

/** Keys whose value is a user id (a `from`/`to` holding a date is read as a date). */
/** Who did something (`ownerUserId`, `reportedBy`, `enteredBy`): a user id, shown by name. */
const isPersonKey = (key: string) => /UserId$|^userId$|^actor$|By$|^from$|^to$/.test(key);

/** Ids by which the engine finds a record again (a review action's): the rest of the item says which it is. */
const ENGINE_IDS = new Set(['actionId']);
