import { useTranslation } from 'react-i18next';
import type { FormIndicator } from '../task-types';
import { formatNumber } from './format';
import { countMeetsTarget, percentOf, ratioMeetsTarget } from './target';
import { useTargetText } from './target-text';

/**
 * The figure against its target, in words: "80% — mục tiêu trên 80% — Không đạt mục tiêu". The
 * comparison is exact (integers), so 80/100 visibly does not meet "> 80%". Cases pending overdue
 * join the denominator, as the engine counts them (docs/objectives.md): 90 on time of 95 settled
 * and 5 pending overdue is 90/100.
 */
export function FigureVerdict({
  indicator,
  numerator,
  denominator,
  pendingOverdue,
  value,
  achieved,
  live = false,
}: {
  indicator: FormIndicator;
  numerator?: number;
  denominator?: number;
  pendingOverdue?: number;
  value?: number;
  achieved?: boolean;
  live?: boolean;
}) {
  const { t, i18n } = useTranslation('tasks');
  const targetText = useTargetText();
  let figure: string | undefined;
  let met: boolean | undefined;
  let note: string | undefined;
  if (indicator.kind === 'ratio') {
    if (numerator !== undefined && denominator !== undefined) {
      const cases = denominator + (pendingOverdue ?? 0);
      if (cases === 0 && numerator === 0) note = t('figure.noCases');
      else if (numerator > denominator)
        note = t(denominator === 0 ? 'figure.overNoCases' : 'figure.overDenominator');
      else {
        const percent = percentOf(numerator, cases);
        figure = percent === undefined ? undefined : `${formatNumber(percent, i18n.language)}%`;
        met = indicator.target ? ratioMeetsTarget(numerator, cases, indicator.target) : undefined;
        if (pendingOverdue)
          note = t('figure.countsPendingOverdue', { numerator, denominator, pendingOverdue, cases });
      }
    }
  } else if (indicator.kind === 'count') {
    if (value !== undefined) {
      figure = formatNumber(value, i18n.language);
      met = indicator.target ? countMeetsTarget(value, indicator.target) : undefined;
    }
  } else if (achieved !== undefined) {
    met = achieved;
  } else {
    // A judgement not yet given has no figure and no target to show: no empty box under the question
    // (its own radio buttons say what was chosen).
    return null;
  }
  return (
    <div
      className={`figure-verdict${met === true ? ' figure-met' : met === false ? ' figure-not-met' : ''}`}
      aria-live={live ? 'polite' : undefined}
      data-testid={`verdict-${indicator.id}`}
    >
      {indicator.kind !== 'judged' && (
        <span className="figure-value">
          {t('figure.result')}: <strong>{figure ?? '—'}</strong>
        </span>
      )}
      {indicator.target && (
        <span className="figure-target">
          {t('figure.target')}: <strong>{targetText(indicator.target, indicator.kind)}</strong>
        </span>
      )}
      {met !== undefined && (
        <strong className={`status ${met ? 'status-ok' : 'status-danger'}`}>
          {met ? t('figure.met') : t('figure.notMet')}
        </strong>
      )}
      {note && <span className="figure-note">{note}</span>}
    </div>
  );
}
