import { useId, useState } from 'react';
import type { FieldProblem } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import type { FormIndicator, FormObjective, Localized } from '../task-types';
import { AnswerText } from './form-fields';
import { ListEditor } from './list-editor';
import { useUnits, type UnitName } from './people';
import type { ProblemBook } from './problem-book';

const FREQUENCIES = ['monthly', 'quarterly', 'half-yearly', 'yearly'] as const;
const KINDS = ['ratio', 'count', 'judged'] as const;
const COMPARATORS = ['>=', '>', '<=', '='] as const;
const PLAN_FIELDS = ['what', 'resources', 'who', 'when', 'howEvaluated'] as const;

type Kind = (typeof KINDS)[number];

/**
 * The draft's objectives as the Quality Representative revises them after the leader returned it
 * (ISO 6.2): each objective's text, how often it is measured, the unit in charge, its 6.2.2 plan and
 * its indicators — a share with its numerator and denominator, a count, or an assessment on criteria
 * — each with its target; objectives and indicators added or taken out. The workflow checks the
 * result as the leader would read it (libs/domain validateCycleDraft) and its refusals come back
 * beside each field (`objectives[i]…`). Ids stay as they were (the year's records name them); a new
 * objective or indicator gets one of its own; numbers follow the order. A text edited in Vietnamese
 * gives its English too, unless the English is edited alongside (`englishToo`): the decision's
 * English version then never keeps a text the Vietnamese no longer says.
 */
export function ObjectivesEditor({
  objectives,
  onChange,
  problems,
  units: draftUnits,
}: {
  objectives: FormObjective[];
  onChange: (objectives: FormObjective[]) => void;
  problems: ProblemBook;
  /** The units an objective may be given: the draft's own (a year not started yet), else the organisation's. */
  units?: readonly UnitName[];
}) {
  const { t, i18n } = useTranslation('tasks');
  const listed = useUnits().units;
  const units = draftUnits ?? listed;
  const [englishToo, setEnglishToo] = useState(false);
  const idPrefix = useId();

  const setObjective = (index: number, objective: FormObjective) =>
    onChange(objectives.map((o, i) => (i === index ? objective : o)));
  const removeObjective = (index: number) => onChange(numbered(objectives.filter((_, i) => i !== index)));
  const addObjective = () => onChange(numbered([...objectives, newObjective(objectives)]));

  /** A text in Vietnamese, and in English when asked: its problems beside it. */
  const text = (
    label: string,
    path: string,
    value: Localized | undefined,
    set: (value: Localized) => void,
    multiline = false,
  ) =>
    englishToo ? (
      <div className="localized-pair">
        <AnswerText
          label={`${label} (${t('editor.vi')})`}
          path={`${path}.vi`}
          problems={problems}
          value={value?.vi ?? ''}
          onChange={(vi) => set({ vi, en: value?.en ?? '' })}
          multiline={multiline}
          required
        />
        <AnswerText
          label={`${label} (${t('editor.en')})`}
          path={`${path}.en`}
          problems={problems}
          value={value?.en ?? ''}
          onChange={(en) => set({ vi: value?.vi ?? '', en })}
          multiline={multiline}
          required
        />
      </div>
    ) : (
      <AnswerText
        label={label}
        path={path}
        problems={problems}
        shown={oneTextForBoth}
        value={value?.vi ?? ''}
        onChange={(vi) => set({ vi, en: vi })}
        multiline={multiline}
        required
      />
    );

  const select = <V extends string>(
    label: string,
    path: string,
    value: string | undefined,
    options: readonly { value: V; label: string }[],
    set: (value: V) => void,
  ) => (
    <Field label={label} problems={problems.at(path)}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value ?? ''}
          onChange={(event) => {
            set(event.target.value as V);
            problems.edit(path);
          }}
        >
          {!value && <option value="">{t('editor.choose')}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  const indicatorFields = (
    objective: FormObjective,
    setObjectiveHere: (objective: FormObjective) => void,
    path: string,
  ) => {
    const indicators = objective.indicators ?? [];
    const setIndicator = (j: number, indicator: FormIndicator) =>
      setObjectiveHere({ ...objective, indicators: indicators.map((x, k) => (k === j ? indicator : x)) });
    return (
      <>
        {indicators.map((indicator, j) => {
          const at = `${path}.indicators[${j}]`;
          const name = t('editor.indicator', { number: j + 1 });
          return (
            <fieldset key={indicator.id} className="task-fieldset editor-indicator">
              <legend>{name}</legend>
              {text(t('editor.indicatorLabel'), `${at}.label`, indicator.label, (label) =>
                setIndicator(j, { ...indicator, label }),
              )}
              {select(
                t('editor.kind'),
                `${at}.kind`,
                indicator.kind,
                KINDS.map((kind) => ({ value: kind, label: t(`editor.kinds.${kind}`) })),
                (kind) => setIndicator(j, withKind(indicator, kind)),
              )}
              {indicator.kind === 'ratio' && (
                <>
                  {text(t('editor.numerator'), `${at}.numeratorLabel`, indicator.numeratorLabel, (label) =>
                    setIndicator(j, { ...indicator, numeratorLabel: label }),
                  )}
                  {text(
                    t('editor.denominator'),
                    `${at}.denominatorLabel`,
                    indicator.denominatorLabel,
                    (label) => setIndicator(j, { ...indicator, denominatorLabel: label }),
                  )}
                </>
              )}
              {indicator.kind !== 'judged' && (
                <div className="editor-target">
                  {select(
                    t('editor.comparator'),
                    `${at}.target.comparator`,
                    indicator.target?.comparator,
                    COMPARATORS.map((comparator) => ({
                      value: comparator,
                      label: t(`comparator.${comparator}`),
                    })),
                    (comparator) =>
                      setIndicator(j, {
                        ...indicator,
                        target: { value: indicator.target?.value ?? 0, comparator },
                      }),
                  )}
                  <TargetValue
                    label={indicator.kind === 'ratio' ? t('editor.targetPercent') : t('editor.targetCount')}
                    path={`${at}.target.value`}
                    problems={problems}
                    value={indicator.target?.value}
                    onChange={(value) =>
                      setIndicator(j, {
                        ...indicator,
                        // Not a number: sent as such, the workflow says so beside the field.
                        target: { comparator: indicator.target?.comparator ?? '>=', value: value as number },
                      })
                    }
                  />
                </div>
              )}
              {indicator.kind === 'judged' && (
                <ListEditor
                  legend={t('editor.criteria')}
                  itemLabel={(k) => t('editor.criterion', { number: k + 1 })}
                  values={(indicator.criteria ?? []).map((criterion) => criterion.vi ?? '')}
                  onChange={(values) =>
                    setIndicator(j, {
                      ...indicator,
                      criteria: values.map((vi, k) => {
                        const before = indicator.criteria?.[k];
                        return before && before.vi === vi ? before : { vi, en: vi };
                      }),
                    })
                  }
                  problems={problems.exact(`${at}.criteria`)}
                  problemsAt={(k) => problems.at(`${at}.criteria[${k}]`)}
                  addLabel={t('editor.addCriterion')}
                />
              )}
              <button
                type="button"
                className="button button-quiet"
                onClick={() =>
                  setObjectiveHere({ ...objective, indicators: indicators.filter((_, k) => k !== j) })
                }
              >
                {t('editor.removeIndicator', { number: j + 1 })}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button"
          onClick={() =>
            setObjectiveHere({
              ...objective,
              indicators: [...indicators, newIndicator(objectives, objective)],
            })
          }
        >
          {t('editor.addIndicator', { number: objective.number })}
        </button>
      </>
    );
  };

  return (
    <div className="objectives-editor">
      <p className="field-hint">{t('editor.hint')}</p>
      <div className="checkbox-field">
        <input
          id={`${idPrefix}-english`}
          type="checkbox"
          checked={englishToo}
          onChange={(event) => setEnglishToo(event.target.checked)}
        />
        <label htmlFor={`${idPrefix}-english`}>{t('editor.englishToo')}</label>
      </div>
      {objectives.map((objective, i) => {
        const path = `objectives[${i}]`;
        const setHere = (next: FormObjective) => setObjective(i, next);
        return (
          <fieldset key={objective.id} className="task-fieldset editor-objective">
            <legend>{t('objectiveNumber', { number: i + 1 })}</legend>
            {text(
              t('editor.title'),
              `${path}.title`,
              objective.title,
              (title) => setHere({ ...objective, title }),
              true,
            )}
            {select(
              t('draft.frequency'),
              `${path}.frequency`,
              objective.frequency,
              FREQUENCIES.map((frequency) => ({ value: frequency, label: t(`frequency.${frequency}`) })),
              (frequency) => setHere({ ...objective, frequency }),
            )}
            {select(
              t('draft.owner'),
              `${path}.ownerUnitCode`,
              objective.ownerUnitCode,
              units.map((unit) => ({
                value: unit.code,
                label: (i18n.language === 'en' ? unit.name.en : unit.name.vi) || unit.code,
              })),
              (ownerUnitCode) => setHere({ ...objective, ownerUnitCode }),
            )}
            <fieldset className="task-fieldset">
              <legend>{t('draft.plan')}</legend>
              {PLAN_FIELDS.map((key) => (
                <AnswerText
                  key={key}
                  label={t(`editor.plan.${key}`)}
                  path={`${path}.plan.${key}`}
                  problems={problems}
                  value={objective.plan?.[key] ?? ''}
                  onChange={(value) => setHere({ ...objective, plan: { ...objective.plan, [key]: value } })}
                  multiline
                  required
                />
              ))}
            </fieldset>
            {indicatorFields(objective, setHere, path)}
            <div className="actions">
              <button type="button" className="button button-quiet" onClick={() => removeObjective(i)}>
                {t('editor.removeObjective', { number: i + 1 })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="actions">
        <button type="button" className="button" onClick={addObjective}>
          {t('editor.addObjective')}
        </button>
      </div>
    </div>
  );
}

/**
 * A target's value as typed (a decimal comma or point): its own text while it is typed, so "66," is
 * not cut to "66"; the objective holds the number it reads, or NaN when it is none.
 */
function TargetValue({
  label,
  path,
  problems,
  value,
  onChange,
}: {
  label: string;
  path: string;
  problems: ProblemBook;
  value: number | undefined;
  onChange: (value: number) => void;
}) {
  const [typed, setTyped] = useState(
    value === undefined || Number.isNaN(value) ? '' : String(value).replace('.', ','),
  );
  return (
    <AnswerText
      label={label}
      path={path}
      problems={problems}
      value={typed}
      onChange={(text) => {
        setTyped(text);
        const normalised = text.trim().replace(',', '.');
        onChange(normalised === '' || !/^-?\d+(\.\d+)?$/.test(normalised) ? Number.NaN : Number(normalised));
      }}
      required
    />
  );
}

/** Numbers follow the order, 1…n, as Article 1 lists the objectives. */
export function numbered(objectives: FormObjective[]): FormObjective[] {
  return objectives.map((objective, i) =>
    objective.number === i + 1 ? objective : { ...objective, number: i + 1 },
  );
}

/** An id not used yet among `taken`: `base`, else `base-2`, `base-3`… */
function freshId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

function newObjective(objectives: FormObjective[]): FormObjective {
  const id = freshId(`obj-${objectives.length + 1}`, new Set(objectives.map((o) => o.id)));
  const blank = { id, number: objectives.length + 1, indicators: [] } as FormObjective;
  return {
    ...blank,
    title: { vi: '', en: '' },
    frequency: 'quarterly',
    ownerUnitCode: '',
    plan: { what: '', resources: '', who: '', when: '', howEvaluated: '' },
    indicators: [newIndicator([...objectives, blank], blank)],
  };
}

/** A share by default (most of a public office's objectives are), its id unique in the whole draft. */
function newIndicator(objectives: FormObjective[], objective: FormObjective): FormIndicator {
  const taken = new Set(objectives.flatMap((o) => (o.indicators ?? []).map((indicator) => indicator.id)));
  const id = freshId(`${objective.id}-${(objective.indicators ?? []).length + 1}`, taken);
  return withKind({ id, kind: 'ratio', label: { vi: '', en: '' } }, 'ratio');
}

/**
 * The indicator as another kind: its id and name kept, the fields of the new kind (a share's
 * numerator and denominator, a target; an assessment's criteria), the old kind's dropped.
 */
export function withKind(indicator: FormIndicator, kind: Kind): FormIndicator {
  const { id, label } = indicator;
  const target = { comparator: indicator.target?.comparator ?? '>=', value: indicator.target?.value ?? 0 };
  if (kind === 'judged') return { id, label, kind, criteria: indicator.criteria ?? [] } as FormIndicator;
  if (kind === 'count') return { id, label, kind, target, unit: 'count' } as FormIndicator;
  if (indicator.kind === 'ratio') return indicator;
  return {
    id,
    label,
    kind,
    numeratorLabel: { vi: '', en: '' },
    denominatorLabel: { vi: '', en: '' },
    target,
    unit: '%',
  } as FormIndicator;
}

/**
 * The problems a text says when one field stands for both languages (its English follows its
 * Vietnamese): the English refusal is the Vietnamese one's twin, so only the Vietnamese is said.
 */
export function oneTextForBoth(found: FieldProblem[]): FieldProblem[] {
  return found.some((p) => p.path.endsWith('.vi')) ? found.filter((p) => !p.path.endsWith('.en')) : found;
}
