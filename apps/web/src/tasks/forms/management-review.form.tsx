import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceFile } from '../../ui/evidence';
import { CellControl } from '../components/cell-control';
import { EvidenceEditor, evidenceReferences } from '../components/evidence-upload';
import { AnswerText, GroupProblems } from '../components/form-fields';
import { filled, ListEditor } from '../components/list-editor';
import { usePeople, useUnits } from '../components/people';
import { ReadableValue } from '../components/readable-value';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';

interface ActionDraft {
  key: number;
  title: string;
  ownerUnitCode: string;
  dueDate: string;
}

const OUTPUTS = ['improvementOpportunities', 'qmsChanges', 'resourceNeeds'] as const;

/** The leader chairs the review: the compiled inputs (ISO 9.3.2), the outputs (9.3.3) and actions. */
export function ManagementReviewForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<{ inputs: Record<string, unknown> }>(task);
  const { units, unitName } = useUnits();
  const { nameOf } = usePeople();
  const next = useRef(0);
  const [outputs, setOutputs] = useState<Record<(typeof OUTPUTS)[number], string[]>>({
    improvementOpportunities: [''],
    qmsChanges: [],
    resourceNeeds: [],
  });
  const [minutesRef, setMinutesRef] = useState('');
  const [actions, setActions] = useState<ActionDraft[]>([]);
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const change = (index: number, patch: Partial<ActionDraft>) => {
    setActions(actions.map((a, i) => (i === index ? { ...a, ...patch } : a)));
    for (const field of Object.keys(patch)) problems.edit(`actions[${index}].${field}`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      outputs: Object.fromEntries(OUTPUTS.map((key) => [key, filled(outputs[key])])),
      minutesRef: minutesRef.trim(),
      actions: actions.map(({ title, ownerUnitCode, dueDate }) => ({
        title: title.trim(),
        ownerUnitCode,
        dueDate,
      })),
      ...(files.length > 0 ? { evidence: evidenceReferences(files) } : {}),
    });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <section aria-labelledby="inputs-title" className="review-inputs">
        <h3 id="inputs-title">{t('review.inputs')}</h3>
        {form.inputs ? (
          <ReadableValue value={form.inputs} nameOf={nameOf} />
        ) : (
          <p className="muted">{t('values.empty')}</p>
        )}
      </section>
      <h3>{t('review.outputs')}</h3>
      <GroupProblems problems={problems.exact('outputs')} />
      {OUTPUTS.map((key) => (
        <ListEditor
          key={key}
          legend={t(`keys.${key}`)}
          itemLabel={(index) => `${t(`keys.${key}`)} ${index + 1}`}
          values={outputs[key]}
          onChange={(values) => {
            setOutputs({ ...outputs, [key]: values });
            problems.edit(`outputs.${key}`);
          }}
          problems={problems.exact(`outputs.${key}`)}
          problemsAt={(index) => problems.at(`outputs.${key}[${index}]`)}
          multiline
        />
      ))}
      <AnswerText
        label={t('review.minutesRef')}
        hint={t('review.minutesRefHint')}
        path="minutesRef"
        problems={problems}
        value={minutesRef}
        onChange={setMinutesRef}
        required
      />
      <fieldset className="task-fieldset">
        <legend>{t('review.actions')}</legend>
        <GroupProblems problems={problems.exact('actions')} />
        {actions.length === 0 && <p className="muted">{t('review.noActions')}</p>}
        {actions.map((action, index) => {
          const n = index + 1;
          const at = (field: string) => problems.at(`actions[${index}].${field}`);
          return (
            <div key={action.key} className="review-action">
              <h4>{t('review.actionN', { number: n })}</h4>
              <CellControl label={t('review.actionTitle')} problems={at('title')}>
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    value={action.title}
                    onChange={(e) => change(index, { title: e.target.value })}
                  />
                )}
              </CellControl>
              <div className="form-pair">
                <CellControl label={t('review.ownerUnit')} problems={at('ownerUnitCode')}>
                  {({ id, describedBy, invalid }) =>
                    units.length > 0 ? (
                      <select
                        id={id}
                        aria-describedby={describedBy}
                        aria-invalid={invalid || undefined}
                        value={action.ownerUnitCode}
                        onChange={(e) => change(index, { ownerUnitCode: e.target.value })}
                      >
                        <option value="">{t('form.choose')}</option>
                        {units.map((unit) => (
                          <option key={unit.code} value={unit.code}>
                            {unitName(unit.code, i18n.language)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        id={id}
                        aria-describedby={describedBy}
                        aria-invalid={invalid || undefined}
                        value={action.ownerUnitCode}
                        onChange={(e) => change(index, { ownerUnitCode: e.target.value })}
                      />
                    )
                  }
                </CellControl>
                <CellControl label={t('review.dueDate')} problems={at('dueDate')}>
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      type="date"
                      aria-describedby={describedBy}
                      aria-invalid={invalid || undefined}
                      value={action.dueDate}
                      onChange={(e) => change(index, { dueDate: e.target.value })}
                    />
                  )}
                </CellControl>
              </div>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => setActions(actions.filter((_, i) => i !== index))}
              >
                {t('list.remove')}
                <span className="visually-hidden"> {t('review.actionN', { number: n })}</span>
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="button"
          onClick={() =>
            setActions([...actions, { key: next.current++, title: '', ownerUnitCode: '', dueDate: '' }])
          }
        >
          {t('review.addAction')}
        </button>
      </fieldset>
      <EvidenceEditor
        task={task}
        recordType="review"
        recordKey={task.id}
        legend={t('evidence.legend')}
        hint={t('evidence.reviewHint')}
        problems={problems}
        files={files}
        onFiles={setFiles}
      />
      <div className="actions">
        <SubmitButton busy={busy} label={t('review.submit')} />
      </div>
    </form>
  );
}
