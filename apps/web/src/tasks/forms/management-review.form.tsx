import { useRef, type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import type { EvidenceFile } from '../../ui/evidence';
import { FieldError } from '../../ui/field';
import { CellControl } from '../components/cell-control';
import { EvidenceEditor, evidenceReferences } from '../components/evidence-upload';
import { AnswerText, ChoiceGroup, yesNoChoices } from '../components/form-fields';
import { filled, ListEditor } from '../components/list-editor';
import { usePeople, useUnits } from '../components/people';
import { ReadableValue } from '../components/readable-value';
import { cycleYear } from '../../cycles/cycle-year';
import { ReviewYear } from '../../cycles/components/figures-trend';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';
import { DateInput } from '../../ui/date-input';
import { vietnamToday } from '../../ui/dates';

interface ActionDraft {
  key: number;
  title: string;
  ownerUnitCode: string;
  /** A person of the organisation; empty: the head of the owning unit follows the action up. */
  ownerUserId: string;
  dueDate: string;
}

const OUTPUTS = ['improvementOpportunities', 'qmsChanges', 'resourceNeeds'] as const;
/** ISO 9.3.1: the review concludes whether the QMS remains suitable, adequate and effective. */
const CONCLUSIONS = ['suitable', 'adequate', 'effective'] as const;
type YesNo = '' | 'yes' | 'no';

/** Objective 1 as the review task's form gives it: its criteria, the facts of the records, the engine's reading. */
interface QmsObjectiveForm {
  objectiveId: string;
  criteria?: { vi: string; en?: string };
  facts?: {
    internalAuditCompleted: boolean;
    managementReviewCompleted: boolean;
    openCorrectiveActions: number;
  };
  engineReading?: { achieved: boolean; gaps: string[] };
}

/**
 * The leader chairs the review: the compiled inputs (ISO 9.3.2), the outputs (9.3.3) and actions. Or
 * the Quality Representative enters the minutes a leader who signs on paper signed (`onPaperFor`).
 */
export function ManagementReviewForm({ task, problems, busy, onSubmit, onPaperFor }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<{ inputs: Record<string, unknown>; qmsObjective?: QmsObjectiveForm }>(task);
  const { units, unitName } = useUnits();
  const { nameOf, directory } = usePeople();
  const next = useRef(0);
  const [outputs, setOutputs] = useDraft<Record<(typeof OUTPUTS)[number], string[]>>(task.id, 'outputs', {
    improvementOpportunities: [''],
    qmsChanges: [],
    resourceNeeds: [],
  });
  const [minutesRef, setMinutesRef] = useDraft(task.id, 'minutesRef', '');
  const [heldOn, setHeldOn] = useDraft(task.id, 'heldOn', '');
  const [actions, setActions] = useDraft<ActionDraft[]>(task.id, 'actions', []);
  const [files, setFiles] = useDraft<EvidenceFile[]>(task.id, 'files', []);
  const [qmsAchieved, setQmsAchieved] = useDraft<YesNo>(task.id, 'qmsAchieved', '');
  const [qmsNotes, setQmsNotes] = useDraft(task.id, 'qmsNotes', '');
  const [conclusion, setConclusion] = useDraft<Record<(typeof CONCLUSIONS)[number], YesNo>>(
    task.id,
    'conclusion',
    {
      suitable: '',
      adequate: '',
      effective: '',
    },
  );
  const [conclusionNotes, setConclusionNotes] = useDraft(task.id, 'conclusionNotes', '');
  const [attendees, setAttendees] = useDraft<string[]>(task.id, 'attendees', ['']);
  const [secretary, setSecretary] = useDraft(task.id, 'secretary', '');
  // The owning unit's people first, then everyone else: an owner may come from another unit.
  const ownerChoices = (unitCode: string) => [
    ...directory.filter((person) => unitCode && person.unitCode === unitCode),
    ...directory.filter((person) => !unitCode || person.unitCode !== unitCode),
  ];
  const change = (index: number, patch: Partial<ActionDraft>) => {
    setActions(actions.map((a, i) => (i === index ? { ...a, ...patch } : a)));
    for (const field of Object.keys(patch)) problems.edit(`actions[${index}].${field}`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      outputs: Object.fromEntries(OUTPUTS.map((key) => [key, filled(outputs[key])])),
      minutesRef: minutesRef.trim(),
      ...(heldOn ? { heldOn } : {}),
      actions: actions.map(({ title, ownerUnitCode, ownerUserId, dueDate }) => ({
        title: title.trim(),
        ownerUnitCode,
        ...(ownerUserId ? { ownerUserId } : {}),
        dueDate,
      })),
      ...(files.length > 0 ? { evidence: evidenceReferences(files) } : {}),
      // Optional parts (clients of the earlier form send none): sent once begun, so the API names what is missing.
      ...(qmsAchieved || qmsNotes.trim()
        ? {
            qmsJudgement: {
              ...(qmsAchieved ? { achieved: qmsAchieved === 'yes' } : {}),
              notes: qmsNotes.trim(),
            },
          }
        : {}),
      ...(CONCLUSIONS.some((key) => conclusion[key]) || conclusionNotes.trim()
        ? {
            conclusion: {
              ...Object.fromEntries(
                CONCLUSIONS.filter((key) => conclusion[key]).map((key) => [key, conclusion[key] === 'yes']),
              ),
              ...(conclusionNotes.trim() ? { notes: conclusionNotes.trim() } : {}),
            },
          }
        : {}),
      ...(filled(attendees).length > 0 ? { attendees: filled(attendees) } : {}),
      ...(secretary.trim() ? { secretary: secretary.trim() } : {}),
      ...(onPaperFor !== undefined ? { onPaper: true } : {}),
    });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <section aria-labelledby="inputs-title" className="review-inputs">
        <h3 id="inputs-title">{t('review.inputs')}</h3>
        {form.inputs ? (
          <ReviewYear.Provider value={cycleYear(task.cycleId)}>
            <ReadableValue value={form.inputs} nameOf={nameOf} />
          </ReviewYear.Provider>
        ) : (
          <p className="muted">{t('values.empty')}</p>
        )}
      </section>
      <ListEditor
        legend={t('review.attendees')}
        hint={t('review.attendeesHint')}
        itemLabel={(index) => t('review.attendeeN', { number: index + 1 })}
        addLabel={t('review.addAttendee')}
        values={attendees}
        onChange={(values) => {
          setAttendees(values);
          problems.edit('attendees');
        }}
        problems={problems.exact('attendees')}
        problemsAt={(index) => problems.at(`attendees[${index}]`)}
      />
      <AnswerText
        label={t('review.secretary')}
        hint={t('review.secretaryHint')}
        path="secretary"
        problems={problems}
        value={secretary}
        onChange={setSecretary}
      />
      <QmsJudgementPart
        objective={form.qmsObjective}
        achieved={qmsAchieved}
        onAchieved={(value) => {
          setQmsAchieved(value);
          problems.edit('qmsJudgement');
        }}
        notes={qmsNotes}
        onNotes={setQmsNotes}
        problems={problems}
      />
      <h3>{t('review.outputs')}</h3>
      <FieldError problems={problems.exact('outputs')} />
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
      <AnswerText
        // Minutes entered from paper carry their day: the day they are entered is not the meeting's.
        label={t('review.heldOn')}
        hint={onPaperFor !== undefined ? t('review.paper.heldOnHint') : t('review.heldOnHint')}
        path="heldOn"
        problems={problems}
        value={heldOn}
        onChange={setHeldOn}
        type="date"
        required={onPaperFor !== undefined}
        {...(task.rehearsal ? {} : { max: vietnamToday() })}
      />
      <fieldset className="task-fieldset">
        <legend>{t('review.conclusion')}</legend>
        <p className="field-hint">{t('review.conclusionHint')}</p>
        <FieldError problems={problems.exact('conclusion')} />
        {CONCLUSIONS.map((key) => (
          <ChoiceGroup
            key={key}
            name={`conclusion-${key}`}
            legend={t(`review.${key}`)}
            options={yesNoChoices(t('review.yes'), t('review.no'))}
            value={conclusion[key]}
            onChange={(value) => {
              setConclusion({ ...conclusion, [key]: value });
              problems.edit(`conclusion.${key}`);
            }}
            problems={problems.at(`conclusion.${key}`)}
          />
        ))}
        <AnswerText
          label={t('review.conclusionNotes')}
          path="conclusion.notes"
          problems={problems}
          value={conclusionNotes}
          onChange={setConclusionNotes}
          multiline
        />
      </fieldset>
      <fieldset className="task-fieldset">
        <legend>{t('review.actions')}</legend>
        <FieldError problems={problems.exact('actions')} />
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
                <CellControl label={t('review.owner')} problems={at('ownerUserId')}>
                  {({ id, describedBy, invalid }) => (
                    <select
                      id={id}
                      aria-describedby={describedBy}
                      aria-invalid={invalid || undefined}
                      value={action.ownerUserId}
                      onChange={(e) => change(index, { ownerUserId: e.target.value })}
                    >
                      <option value="">{t('review.ownerDefault')}</option>
                      {ownerChoices(action.ownerUnitCode).map((person) => (
                        <option key={person.userId} value={person.userId}>
                          {person.name}
                          {person.title ? ` — ${person.title}` : ''}
                        </option>
                      ))}
                    </select>
                  )}
                </CellControl>
                <CellControl label={t('review.dueDate')} problems={at('dueDate')}>
                  {({ id, describedBy, invalid }) => (
                    <DateInput
                      id={id}
                      aria-describedby={describedBy}
                      aria-invalid={invalid || undefined}
                      value={action.dueDate}
                      onChange={(dueDate) => change(index, { dueDate })}
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
            setActions([
              ...actions,
              { key: next.current++, title: '', ownerUnitCode: '', ownerUserId: '', dueDate: '' },
            ])
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
        <SubmitButton
          busy={busy}
          label={onPaperFor !== undefined ? t('review.paper.submit') : t('review.submit')}
        />
      </div>
    </form>
  );
}

/**
 * Objective 1 ("maintain and improve the QMS") is the leader's to judge at the review, against its
 * criteria, with the facts of the records; without a judgement the engine's reading applies.
 */
function QmsJudgementPart({
  objective,
  achieved,
  onAchieved,
  notes,
  onNotes,
  problems,
}: {
  objective: QmsObjectiveForm | undefined;
  achieved: YesNo;
  onAchieved: (value: YesNo) => void;
  notes: string;
  onNotes: (value: string) => void;
  problems: TaskFormProps['problems'];
}) {
  const { t, i18n } = useTranslation('tasks');
  const yesNo = (value: boolean) => (value ? t('review.yes') : t('review.no'));
  const criteria = objective?.criteria && (i18n.language === 'en' ? objective.criteria.en : undefined);
  return (
    <fieldset className="task-fieldset">
      <legend>{t('review.qmsJudgement')}</legend>
      <p className="field-hint">{t('review.qmsJudgementHint')}</p>
      {objective?.criteria && (
        <p>
          <strong>{t('review.qmsCriteria')}: </strong>
          {criteria ?? objective.criteria.vi}
        </p>
      )}
      {objective?.facts && (
        <dl>
          <div>
            <dt>{t('review.factAudit')}</dt>
            <dd>{yesNo(objective.facts.internalAuditCompleted)}</dd>
          </div>
          <div>
            <dt>{t('review.factReview')}</dt>
            <dd>{yesNo(objective.facts.managementReviewCompleted)}</dd>
          </div>
          <div>
            <dt>{t('review.factOpenActions')}</dt>
            <dd>{objective.facts.openCorrectiveActions}</dd>
          </div>
          {objective.engineReading && (
            <div>
              <dt>{t('review.engineReading')}</dt>
              <dd>
                {objective.engineReading.achieved ? t('review.achieved') : t('review.notAchieved')}
                {objective.engineReading.gaps.length > 0 &&
                  ` (${objective.engineReading.gaps
                    .map((gap) => t(`review.gap.${gap}`, { defaultValue: gap }))
                    .join('; ')})`}
              </dd>
            </div>
          )}
        </dl>
      )}
      <FieldError problems={problems.exact('qmsJudgement')} />
      <ChoiceGroup
        name="qms-achieved"
        legend={t('review.qmsAchieved')}
        options={yesNoChoices(t('review.achieved'), t('review.notAchieved'))}
        value={achieved}
        onChange={onAchieved}
        problems={problems.at('qmsJudgement.achieved')}
      />
      <AnswerText
        label={t('review.qmsNotes')}
        hint={t('review.qmsNotesHint')}
        path="qmsJudgement.notes"
        problems={problems}
        value={notes}
        onChange={onNotes}
        multiline
      />
    </fieldset>
  );
}
