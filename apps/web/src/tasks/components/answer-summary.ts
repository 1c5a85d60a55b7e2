import { formatNumber, type Translate } from './format';

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** A word of the workflows (`minor-nc`, `on-track`) in the language, or as written. */
export const word = (value: string, t: Translate) => t(`tasks:values.${value}`, { defaultValue: value });

/** One figure of a measurement report: 80/100, 12, or achieved yes/no. */
export function figureText(
  figure: Record<string, unknown>,
  t: Translate,
  language: string,
): string | undefined {
  if (typeof figure.numerator === 'number' && typeof figure.denominator === 'number')
    return `${formatNumber(figure.numerator, language)}/${formatNumber(figure.denominator, language)}`;
  if (typeof figure.value === 'number') return formatNumber(figure.value, language);
  if (typeof figure.achieved === 'boolean')
    return figure.achieved ? t('tasks:values.achieved') : t('tasks:values.missed');
  return undefined;
}

/**
 * A one-line summary of an answer: the decision, the result, the figures, the note — what a
 * person would say it contained. The full answer is shown on the task itself.
 */
export function answerSummary(outcome: unknown, t: Translate, language: string): string | undefined {
  if (!outcome || typeof outcome !== 'object' || Array.isArray(outcome)) return undefined;
  const o = outcome as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof o.decision === 'string') parts.push(word(o.decision, t));
  if (typeof o.accepted === 'boolean')
    parts.push(o.accepted ? t('tasks:history.answer.accepted') : t('tasks:history.answer.notAccepted'));
  if (typeof o.result === 'string') parts.push(word(o.result, t));
  if (typeof o.effective === 'boolean')
    parts.push(o.effective ? t('tasks:history.answer.effective') : t('tasks:history.answer.notEffective'));
  if (Array.isArray(o.figures)) {
    const figures = o.figures
      .map((f) =>
        f && typeof f === 'object' ? figureText(f as Record<string, unknown>, t, language) : undefined,
      )
      .filter((f): f is string => !!f);
    if (figures.length > 0) parts.push(t('tasks:history.answer.figures', { figures: figures.join('; ') }));
  }
  if (Array.isArray(o.steps)) parts.push(t('tasks:history.answer.steps', { count: o.steps.length }));
  if (Array.isArray(o.delegations))
    parts.push(t('tasks:history.answer.delegations', { count: o.delegations.length }));
  if (Array.isArray(o.staffDelegations))
    parts.push(t('tasks:history.answer.delegations', { count: o.staffDelegations.length }));
  if (Array.isArray(o.actions)) parts.push(t('tasks:history.answer.actions', { count: o.actions.length }));
  const reference = text(o.documentNumber) ?? text(o.minutesRef) ?? text(o.report);
  if (reference) parts.push(reference);
  // A corrective action plan is said by its action (the correction and root cause are on the task).
  const note = text(o.note) ?? text(o.comments) ?? text(o.notes) ?? text(o.finding) ?? text(o.action);
  if (note) parts.push(`“${note.length > 140 ? `${note.slice(0, 139)}…` : note}”`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
