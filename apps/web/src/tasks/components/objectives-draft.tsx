import { useTranslation } from 'react-i18next';
import { localized, type FormObjective } from '../task-types';
import { unitNameIn, useUnits, type UnitName } from './people';
import { useTargetText } from './target-text';

/** The plan's parts besides what will be done, in the plan document's order. */
const PLAN_DETAILS = ['resources', 'who', 'when', 'howEvaluated'] as const;

/**
 * The draft objectives as Article 1 of the decision would read them: numbered, each with its
 * indicators and targets, how often it is measured and the unit that owns it.
 */
export function ObjectivesDraft({
  objectives,
  year,
  units,
  marks = {},
  unfoldedPlans = [],
}: {
  objectives: FormObjective[];
  year?: string;
  /** The draft's own units (a year not started yet), else the organisation's. */
  units?: readonly UnitName[];
  /** A word beside an objective's text, by id: what a revision did to it ("Đã sửa", "Mới"). */
  marks?: Readonly<Record<string, string>>;
  /** The objectives (by id) whose plan is shown unfolded: a revision changed it. */
  unfoldedPlans?: readonly string[];
}) {
  const { t, i18n } = useTranslation('tasks');
  const targetText = useTargetText();
  const listed = useUnits();
  const unitName = units ? unitNameIn(units) : listed.unitName;
  const ordered = [...objectives].sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  if (ordered.length === 0) return <p className="muted">{t('draft.empty')}</p>;
  return (
    <div className="decision-draft">
      <p className="decision-article">
        <strong>{t('draft.article1')}</strong>{' '}
        {year ? t('draft.article1Text', { year }) : t('draft.article1TextNoYear')}
      </p>
      <ol className="decision-objectives">
        {ordered.map((objective) => (
          <li key={objective.id} value={objective.number}>
            <p className="decision-objective-title">
              {localized(objective.title, i18n.language) || objective.id}
              {marks[objective.id] && (
                <>
                  {' '}
                  <span className="badge badge-warn">{marks[objective.id]}</span>
                </>
              )}
            </p>
            {(objective.indicators ?? []).length > 0 && (
              <ul className="decision-indicators">
                {(objective.indicators ?? []).map((indicator) => (
                  <li key={indicator.id}>
                    {localized(indicator.label, i18n.language) || indicator.id}
                    {indicator.target && (
                      <>
                        {': '}
                        <strong>{targetText(indicator.target, indicator.kind)}</strong>
                      </>
                    )}
                    {indicator.kind === 'judged' && (indicator.criteria ?? []).length > 0 && (
                      <span>
                        {' '}
                        ({t('draft.criteria')}:{' '}
                        {(indicator.criteria ?? []).map((c) => localized(c, i18n.language)).join('; ')})
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <p className="decision-meta muted">
              {objective.frequency && (
                <span>
                  {t('draft.frequency')}:{' '}
                  {t(`frequency.${objective.frequency}`, { defaultValue: objective.frequency })}
                </span>
              )}
              {objective.ownerUnitCode && (
                <span>
                  {t('draft.owner')}: {unitName(objective.ownerUnitCode, i18n.language)}
                </span>
              )}
            </p>
            {objective.plan?.what && (
              <p className="decision-plan">
                {t('draft.plan')}: {objective.plan.what}
              </p>
            )}
            {PLAN_DETAILS.some((part) => objective.plan?.[part]) && (
              // The rest of the plan the leader approves with the objective (ISO 9001 6.2.2), folded:
              // five objectives' plans in full would bury Article 1.
              <details
                className="decision-plan-details"
                open={unfoldedPlans.includes(objective.id) || undefined}
              >
                <summary>{t('draft.planDetails')}</summary>
                <dl>
                  {PLAN_DETAILS.filter((part) => objective.plan?.[part]).map((part) => (
                    <div key={part}>
                      <dt>{t(`editor.plan.${part}`)}</dt>
                      <dd>{objective.plan?.[part]}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
