import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../api/client';
import { Field, FieldError } from '../../ui/field';
import { localized, type FormIndicator } from '../task-types';
import { ChoiceGroup, yesNoChoices } from './form-fields';
import { FigureVerdict } from './figure-verdict';
import { merged, type ProblemBook } from './problem-book';
import { typedNumber, wholeNumber } from './target';

/** What the reporter typed for one indicator (texts, as typed). */
export interface FigureDraft {
  numerator: string;
  denominator: string;
  /** Cases still open past their deadline at the period's end, when the indicator asks. */
  pendingOverdue: string;
  value: string;
  achieved: '' | 'yes' | 'no';
}

const emptyFigure: FigureDraft = {
  numerator: '',
  denominator: '',
  pendingOverdue: '',
  value: '',
  achieved: '',
};

/**
 * A new figure of an indicator. The dossiers pending overdue start at 0, shown, so that the
 * reporter sees the question and confirms or changes the answer rather than skipping an empty box.
 */
export function emptyFigureFor(indicator: FormIndicator): FigureDraft {
  return indicator.pendingOverdueLabel ? { ...emptyFigure, pendingOverdue: '0' } : emptyFigure;
}

/**
 * A typed figure as sent: a number as the page's language writes it ("1.000" is a thousand in
 * Vietnamese), fractions too; text that is no number is sent as typed, so that the API says by the
 * field that it must be a whole number. Empty is left out.
 */
const asNumber = (text: string, language: string): number | string | undefined => {
  if (text.trim() === '') return undefined;
  return typedNumber(text, language) ?? text.trim();
};

/** The figure of one indicator as the answer carries it, its numbers read in the page's language. */
export function figureOutcome(
  indicator: FormIndicator,
  draft: FigureDraft,
  language: string,
): Record<string, unknown> {
  const figure: Record<string, unknown> = { indicatorId: indicator.id };
  if (indicator.kind === 'ratio') {
    const numerator = asNumber(draft.numerator, language);
    const denominator = asNumber(draft.denominator, language);
    if (numerator !== undefined) figure.numerator = numerator;
    if (denominator !== undefined) figure.denominator = denominator;
    const pendingOverdue = indicator.pendingOverdueLabel
      ? asNumber(draft.pendingOverdue, language)
      : undefined;
    if (pendingOverdue !== undefined) figure.pendingOverdue = pendingOverdue;
  } else if (indicator.kind === 'count') {
    const value = asNumber(draft.value, language);
    if (value !== undefined) figure.value = value;
  } else if (draft.achieved) {
    figure.achieved = draft.achieved === 'yes';
  }
  return figure;
}

/**
 * One indicator's figure: numerator and denominator with the percentage and the target as the user
 * types (ratio), a number (count), or achieved yes/no (judged). The API's problems for
 * `figures[<indicator>].…` appear by the field they name.
 */
export function FigureInput({
  indicator,
  draft,
  onChange,
  problems,
}: {
  indicator: FormIndicator;
  draft: FigureDraft;
  onChange: (draft: FigureDraft) => void;
  problems: ProblemBook;
}) {
  const { t, i18n } = useTranslation('tasks');
  const base = `figures[${indicator.id}]`;
  const label = localized(indicator.label, i18n.language) || indicator.id;
  const numerator = wholeNumber(draft.numerator, i18n.language);
  const denominator = wholeNumber(draft.denominator, i18n.language);
  const pendingOverdue = indicator.pendingOverdueLabel
    ? wholeNumber(draft.pendingOverdue, i18n.language)
    : undefined;
  const value = wholeNumber(draft.value, i18n.language);
  const ids = useId();
  const figureProblems = problems.exact(base);
  // Asked only of a judged figure: the book lists what no shown field asked for at the form's top.
  const achievedProblems = indicator.kind === 'judged' ? problems.at(`${base}.achieved`) : [];
  const own: FieldProblem[] =
    numerator !== undefined && denominator !== undefined && numerator > denominator
      ? [
          {
            path: `${base}.numerator`,
            reason: t(denominator === 0 ? 'figure.overNoCases' : 'figure.overDenominator'),
          },
        ]
      : [];
  const number = (
    text: string,
    set: (text: string) => void,
    extra: FieldProblem[],
    path: string,
    fieldLabel: string,
    testId: string,
    hint?: string,
  ) => (
    <Field label={fieldLabel} hint={hint} problems={merged(extra, problems.at(path))}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          inputMode="numeric"
          autoComplete="off"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid={testId}
          value={text}
          onChange={(e) => {
            set(e.target.value);
            problems.edit(path);
          }}
        />
      )}
    </Field>
  );
  return (
    <fieldset
      className="task-fieldset figure-input"
      aria-describedby={figureProblems.length ? `${ids}-error` : undefined}
    >
      <legend>{label}</legend>
      <FieldError id={`${ids}-error`} problems={figureProblems} />
      {indicator.kind === 'ratio' && (
        <div className="figure-pair">
          {number(
            draft.numerator,
            (numeratorText) => onChange({ ...draft, numerator: numeratorText }),
            own,
            `${base}.numerator`,
            `${t('figure.numerator')}: ${localized(indicator.numeratorLabel, i18n.language)}`.replace(
              /: $/,
              '',
            ),
            `numerator-${indicator.id}`,
          )}
          {number(
            draft.denominator,
            (denominatorText) => onChange({ ...draft, denominator: denominatorText }),
            [],
            `${base}.denominator`,
            `${t('figure.denominator')}: ${localized(indicator.denominatorLabel, i18n.language)}`.replace(
              /: $/,
              '',
            ),
            `denominator-${indicator.id}`,
          )}
          {indicator.pendingOverdueLabel &&
            number(
              draft.pendingOverdue,
              (pendingText) => onChange({ ...draft, pendingOverdue: pendingText }),
              [],
              `${base}.pendingOverdue`,
              localized(indicator.pendingOverdueLabel, i18n.language) || t('figure.pendingOverdue'),
              `pending-overdue-${indicator.id}`,
              t('figure.pendingOverdueHint'),
            )}
        </div>
      )}
      {indicator.kind === 'count' &&
        number(
          draft.value,
          (text) => onChange({ ...draft, value: text }),
          [],
          `${base}.value`,
          t('figure.value'),
          `value-${indicator.id}`,
        )}
      {indicator.kind === 'judged' && (
        <ChoiceGroup
          name={`achieved-${indicator.id}`}
          legend={t('figure.achievedQuestion')}
          options={yesNoChoices(t('figure.achievedYes'), t('figure.achievedNo'))}
          value={draft.achieved}
          onChange={(achieved) => {
            onChange({ ...draft, achieved });
            problems.edit(`${base}.achieved`);
          }}
          problems={achievedProblems}
        >
          {(indicator.criteria ?? []).length > 0 && (
            <ul className="field-hint">
              {(indicator.criteria ?? []).map((criterion, index) => (
                <li key={index}>{localized(criterion, i18n.language)}</li>
              ))}
            </ul>
          )}
        </ChoiceGroup>
      )}
      <FieldError problems={problems.at(`${base}.kind`)} />
      <FigureVerdict
        indicator={indicator}
        numerator={numerator}
        denominator={denominator}
        pendingOverdue={pendingOverdue}
        value={value}
        achieved={draft.achieved === '' ? undefined : draft.achieved === 'yes'}
        live
      />
    </fieldset>
  );
}
