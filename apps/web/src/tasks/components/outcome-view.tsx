import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../ui/dates';
import { formatNumber } from './format';
import { localized, type FormIndicator, type TaskDetail } from '../task-types';
import { FigureVerdict } from './figure-verdict';
import { ReadableValue } from './readable-value';

export interface ReportedFigure {
  indicatorId: string;
  numerator?: number;
  denominator?: number;
  pendingOverdue?: number;
  value?: number;
  achieved?: boolean;
}

/**
 * The submitted answer, read-only and readable. Measurement figures are shown against their
 * targets; a period corrected since it was sent shows, to every reader, the figures as they stand
 * now next to those sent (an auditor sampling the record must not take the sent ones for current).
 */
export function OutcomeView({
  task,
  outcome,
  nameOf,
}: {
  task: TaskDetail;
  outcome: Record<string, unknown>;
  nameOf: (userId: string) => string;
}) {
  const { t } = useTranslation('tasks');
  if (task.kind === 'measurement-report' && Array.isArray(outcome.figures)) {
    const indicators = ((task.form as { indicators?: FormIndicator[] } | null)?.indicators ??
      []) as FormIndicator[];
    const { figures, ...rest } = outcome as { figures: ReportedFigure[] } & Record<string, unknown>;
    const lastCorrection = task.history.filter((entry) => entry.type === 'measurement.corrected').at(-1);
    return (
      <div className="outcome-view">
        <h3>{t(lastCorrection ? 'keys.figuresAsSent' : 'keys.figures')}</h3>
        <FiguresList indicators={indicators} figures={figures} />
        {lastCorrection && (
          <CorrectedSince indicators={indicators} correction={lastCorrection} nameOf={nameOf} />
        )}
        <ReadableValue value={rest} nameOf={nameOf} />
      </div>
    );
  }
  return (
    <div className="outcome-view">
      <ReadableValue value={outcome} nameOf={nameOf} />
    </div>
  );
}

/**
 * A period's figures, each against its indicator's target (the report's, or as corrected since), the
 * cases written as the dashboard writes them ("1.248/1.250").
 */
function FiguresList({
  indicators,
  figures,
}: {
  indicators: readonly FormIndicator[];
  figures: readonly ReportedFigure[];
}) {
  const { i18n } = useTranslation('tasks');
  return (
    <ul className="readable-list">
      {figures.map((figure) => {
        const indicator = indicators.find((i) => i.id === figure.indicatorId);
        return (
          <li key={figure.indicatorId}>
            <strong>{indicator ? localized(indicator.label, i18n.language) : figure.indicatorId}</strong>
            {figure.numerator !== undefined && (
              <span>
                {' '}
                — {formatNumber(figure.numerator, i18n.language)}/
                {figure.denominator === undefined ? '' : formatNumber(figure.denominator, i18n.language)}
              </span>
            )}
            {indicator && (
              <FigureVerdict
                indicator={indicator}
                numerator={figure.numerator}
                denominator={figure.denominator}
                pendingOverdue={figure.pendingOverdue}
                value={figure.value}
                achieved={figure.achieved}
              />
            )}
            {!indicator && <ReadableValue value={figure} />}
          </li>
        );
      })}
    </ul>
  );
}

/** The period's figures as its last correction left them: when, by whom, why (all of them in the history). */
function CorrectedSince({
  indicators,
  correction,
  nameOf,
}: {
  indicators: readonly FormIndicator[];
  correction: TaskDetail['history'][number];
  nameOf: (userId: string) => string;
}) {
  const { t, i18n } = useTranslation('tasks');
  const payload = correction.payload as { figures?: ReportedFigure[]; reason?: string; evidence?: string[] };
  return (
    <div className="notice corrected-since" role="note">
      <p>
        {t('correct.since', {
          when: formatInstant(correction.occurredAt, i18n.language),
          who: nameOf(correction.actor),
        })}
      </p>
      <FiguresList indicators={indicators} figures={payload.figures ?? []} />
      {payload.reason && <p className="muted">{t('correct.sinceReason', { reason: payload.reason })}</p>}
      {payload.evidence && payload.evidence.length > 0 && (
        <ReadableValue value={{ correctionEvidence: payload.evidence }} nameOf={nameOf} />
      )}
    </div>
  );
}
