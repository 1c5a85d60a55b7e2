import { type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import { AnswerText } from '../components/form-fields';
import { usePeople, useUnits } from '../components/people';
import { ChoiceForm, DecisionChoices, GiveBackChoice } from '../components/decision-choices';
import { periodText } from '../components/format';
import { SubmitButton } from '../components/submit-button';
import { useCycleObjectives } from '../components/use-cycle-objectives';
import { localized, type Localized } from '../task-types';
import { formOf, type TaskFormProps } from './form-props';

interface ProposalForm {
  objectiveId: string;
  periodKey: string;
  status: string;
  unitCode?: string;
  figures: {
    indicatorId: string;
    numerator?: number;
    denominator?: number;
    value?: number;
    achieved?: boolean;
  }[];
}

const figureText = (figure: ProposalForm['figures'][number]): string =>
  figure.numerator !== undefined && figure.denominator !== undefined
    ? `${figure.numerator}/${figure.denominator}`
    : figure.value !== undefined
      ? String(figure.value)
      : String(figure.achieved ?? '—');

/**
 * The engine found an objective missed (or its year's target out of reach): the Quality
 * Representative opens a nonconformity — the unit head then plans its corrective action — or
 * declines with the reason.
 */
export function NonconformityProposalForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<ProposalForm>(task);
  const objective = useCycleObjectives(task.cycleId, !!task.objectiveId).find(
    (o) => o.id === task.objectiveId,
  );
  // An indicator by its label, as the decision words it (its id only for a session that cannot read the cycle).
  const indicatorName = (indicatorId: string) => {
    const label = (objective?.indicators as { id: string; label?: Localized }[] | undefined)?.find(
      (indicator) => indicator.id === indicatorId,
    )?.label;
    return (label && localized(label, i18n.language)) || indicatorId;
  };
  const { units, unitName } = useUnits();
  const { directory } = usePeople();
  const [description, setDescription] = useDraft(task.id, 'description', '');
  const [unitCode, setUnitCode] = useDraft(task.id, 'unitCode', form.unitCode ?? '');
  const [severity, setSeverity] = useDraft(task.id, 'severity', 'minor-nc');
  const [verifierUserId, setVerifierUserId] = useDraft(task.id, 'verifierUserId', '');
  const [reason, setReason] = useDraft(task.id, 'reason', '');

  const open = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      decision: 'open',
      description: description.trim(),
      unitCode,
      severity,
      ...(verifierUserId ? { verifierUserId } : {}),
    });
  };
  const decline = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ decision: 'decline', reason: reason.trim() });
  };
  const select = (
    path: string,
    label: string,
    value: string,
    set: (value: string) => void,
    options: { value: string; label: string }[],
    hint?: string,
  ) => (
    <Field label={label} hint={hint} problems={problems.at(path)}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value}
          onChange={(e) => {
            set(e.target.value);
            problems.edit(path);
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <div className="task-form">
      <dl className="task-facts">
        <div>
          <dt>{t('page.objective')}</dt>
          <dd>
            {objective
              ? `${t('objectiveNumber', { number: objective.number })}: ${localized(objective.title, i18n.language)}`
              : task.objectiveId}
          </dd>
        </div>
        <div>
          <dt>{t('page.period')}</dt>
          <dd>{form.periodKey && periodText(form.periodKey, t)}</dd>
        </div>
        <div>
          <dt>{t('atRisk.status')}</dt>
          <dd>
            <span className="status status-danger">{t(`values.${form.status ?? 'missed'}`)}</span>
          </dd>
        </div>
        {(form.figures ?? []).map((figure) => (
          <div key={figure.indicatorId}>
            <dt>{indicatorName(figure.indicatorId)}</dt>
            <dd>{figureText(figure)}</dd>
          </div>
        ))}
      </dl>
      <DecisionChoices problems={problems}>
        <ChoiceForm
          id="nc-open-title"
          title={t('nonconformityProposal.openTitle')}
          tone="approve"
          onSubmit={open}
        >
          <AnswerText
            label={t('nonconformityProposal.description')}
            hint={t('nonconformityProposal.descriptionHint')}
            path="description"
            problems={problems}
            value={description}
            onChange={setDescription}
            multiline
            required
          />
          {select('unitCode', t('nonconformityProposal.unit'), unitCode, setUnitCode, [
            { value: '', label: t('form.choose') },
            ...units.map((u) => ({ value: u.code, label: unitName(u.code, i18n.language) })),
            ...(unitCode && !units.some((u) => u.code === unitCode)
              ? [{ value: unitCode, label: unitCode }]
              : []),
          ])}
          {select('severity', t('nonconformityProposal.severity'), severity, setSeverity, [
            { value: 'minor-nc', label: t('values.minor-nc') },
            { value: 'major-nc', label: t('values.major-nc') },
          ])}
          {select(
            'verifierUserId',
            t('nonconformityProposal.verifier'),
            verifierUserId,
            setVerifierUserId,
            [
              { value: '', label: t('nonconformityProposal.verifierDefault') },
              ...directory.map((p) => ({ value: p.userId, label: p.name })),
            ],
            t('nonconformityProposal.verifierHint'),
          )}
          <SubmitButton busy={busy} label={t('nonconformityProposal.open')} />
        </ChoiceForm>
        <GiveBackChoice
          id="nc-decline-title"
          title={t('nonconformityProposal.declineTitle')}
          label={t('nonconformityProposal.reason')}
          path="reason"
          problems={problems}
          value={reason}
          onChange={setReason}
          busy={busy}
          submitLabel={t('nonconformityProposal.decline')}
          onSubmit={decline}
        />
      </DecisionChoices>
    </div>
  );
}
