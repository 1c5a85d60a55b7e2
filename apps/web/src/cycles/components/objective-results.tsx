import { useTranslation } from 'react-i18next';
import type { Translate } from '../../tasks/components/format';
import { localized } from '../../tasks/task-types';
import { indicatorName, type CycleObjective } from '../../tasks/components/use-cycle-objectives';
import { useFormat, type Format } from './format';
import { DataTable } from './page-parts';
import { StatusBadge } from './status-badge';
import './objective-results.css';

/** An indicator's cumulative figure as the review's inputs hold it (the domain's IndicatorValue). */
type FigureAtReview =
  | { kind: 'ratio'; numerator: number; denominator: number; percent: number; pendingOverdue?: number }
  | { kind: 'count'; value: number }
  | { kind: 'judged'; achieved: boolean };

/** One objective as the management review was given it (the domain's ObjectiveResultAtReview). */
export interface ObjectiveResultAtReview {
  objectiveId: string;
  number: number;
  status: string;
  final: boolean;
  result?: string;
  judgedAtReview?: boolean;
  indicators: {
    indicatorId: string;
    status: string;
    value?: FigureAtReview;
    periodsDue: number;
    periodsReported: number;
    lateReports: number;
    reasons: string[];
  }[];
  earlierYears?: {
    year: number;
    result: string;
    indicators: { indicatorId: string; value?: FigureAtReview }[];
  }[];
}

/** The compiled inputs' objective results, when they are a list of them (else the generic view shows them). */
export const objectiveResultsOf = (value: unknown): ObjectiveResultAtReview[] | undefined =>
  Array.isArray(value) &&
  value.every((item) => typeof item === 'object' && item !== null && Array.isArray(item.indicators))
    ? (value as ObjectiveResultAtReview[])
    : undefined;

/**
 * Whether a field of the review's inputs is said already by the objective results' tables beside it:
 * `objectives` (reports in and late reports per objective), which they give per indicator. The
 * record keeps it (the minutes read it); a reader is not shown it twice.
 */
export const saidByObjectiveResults = (inputs: Record<string, unknown>, key: string) =>
  key === 'objectives' && objectiveResultsOf(inputs.objectiveResults) !== undefined;

/**
 * ISO 9.3.2 c 2 as the leader reads it at the meeting: each objective, by its number and title,
 * where it stands on the review's day, and a row per indicator with its cumulative figure, how many
 * of the reports due came in (and how many late), its standing and why, and what the same indicator
 * was in earlier years. The review's page and the review's task show the compiled inputs with it, in
 * place of a list of every field of every indicator (on a phone, twelve screens of it).
 */
export function ObjectiveResults({
  results,
  objectives,
}: {
  results: readonly ObjectiveResultAtReview[];
  /** The cycle's objectives, for their titles and their indicators' names (none: numbers and ids). */
  objectives: readonly CycleObjective[];
}) {
  const { t, i18n } = useTranslation('cycles');
  const format = useFormat();
  const columns = [
    t('report.indicator'),
    t('indicator.cumulative'),
    t('indicator.reported'),
    t('reviewInput.status'),
    t('reviewInput.reasons'),
  ];
  return (
    <div className="objective-results">
      {results.map((result) => {
        const objective = objectives.find((o) => o.id === result.objectiveId);
        const headingId = `objective-result-${result.objectiveId}`;
        return (
          <section key={result.objectiveId} className="objective-result" aria-labelledby={headingId}>
            <h4 id={headingId}>
              {t('objectives.number', { number: result.number })}
              {objective ? `: ${localized(objective.title, i18n.language)}` : ''}
            </h4>
            {result.judgedAtReview ? (
              <p>{t('reviewInput.judgedAtReview')}</p>
            ) : (
              <p>
                <StatusBadge status={result.result ?? result.status} group="reviewValue" />{' '}
                <span className="muted small">{result.final ? t('report.final') : t('report.soFar')}</span>
              </p>
            )}
            {!result.judgedAtReview && result.indicators.length > 0 && (
              <DataTable className="stacked-table" columns={columns}>
                {result.indicators.map((indicator) => (
                  <tr key={indicator.indicatorId}>
                    <td>{indicatorName(indicator.indicatorId, i18n.language, objectives)}</td>
                    <td data-label={columns[1]}>
                      {indicator.value ? (
                        figureText(indicator.value, format, t)
                      ) : (
                        <span className="muted">{t('indicator.none')}</span>
                      )}
                      {(result.earlierYears ?? []).map((earlier) => {
                        const then = earlier.indicators.find((i) => i.indicatorId === indicator.indicatorId);
                        return (
                          <span key={earlier.year} className="muted small earlier-year">
                            {t('reviewInput.inYear', {
                              year: String(earlier.year),
                              figure: then?.value ? figureText(then.value, format, t) : t('indicator.none'),
                            })}
                          </span>
                        );
                      })}
                    </td>
                    <td data-label={columns[2]}>
                      {indicator.periodsDue === 0
                        ? // A year's count the engine measures is reported before it is due: "1/0" says nothing.
                          [
                            t('reviewInput.noPeriodDue'),
                            indicator.periodsReported > 0 &&
                              t('reviewInput.reportedEarly', { count: indicator.periodsReported }),
                          ]
                            .filter(Boolean)
                            .join('; ')
                        : t('indicator.reportedCount', {
                            count: indicator.periodsReported,
                            total: indicator.periodsDue,
                          })}
                      <LateReports count={indicator.lateReports} />
                    </td>
                    <td data-label={columns[3]}>
                      <StatusBadge status={indicator.status} group="reviewValue" />
                    </td>
                    <td data-label={columns[4]}>
                      {indicator.reasons.length === 0 ? (
                        <span className="muted">{t('review.none')}</span>
                      ) : (
                        <ul className="value-list">
                          {indicator.reasons.map((reason) => (
                            <li key={reason}>{t(`reviewValue.${reason}`, { defaultValue: reason })}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
            {(result.earlierYears ?? []).length > 0 && (
              <p className="muted small">
                {t('reviewInput.earlierResults', {
                  results: result
                    .earlierYears!.map((earlier) =>
                      t('reviewInput.inYear', {
                        year: String(earlier.year),
                        figure: t(`reviewValue.${earlier.result}`, { defaultValue: earlier.result }),
                      }),
                    )
                    .join('; '),
                })}
              </p>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** After the reports in, how many came late: " (1 báo cáo trễ hạn)"; nothing when none did. */
export function LateReports({ count }: { count: number }) {
  const { t } = useTranslation('cycles');
  if (count === 0) return null;
  return <span className="muted small"> ({t('report.late', { count })})</span>;
}

/** "94,74% (90/95)", with the overdue cases still open when reported; a count as is; judged in words. */
function figureText(value: FigureAtReview, format: Format, t: Translate) {
  switch (value.kind) {
    case 'ratio':
      return (
        `${format.percent(value.percent)} (${format.number(value.numerator)}/${format.number(value.denominator)})` +
        (value.pendingOverdue
          ? `, ${t('reviewInput.pendingOverdueCount', { count: value.pendingOverdue })}`
          : '')
      );
    case 'count':
      return format.number(value.value);
    case 'judged':
      return value.achieved ? t('judged.achieved') : t('judged.notAchieved');
  }
}
