import { useState, type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import { vietnamToday } from '../../ui/dates';
import { AnswerText } from '../components/form-fields';
import { DecisionDraftFiles } from '../components/decision-draft-files';
import { ObjectivesDraft } from '../components/objectives-draft';
import { DecisionWordingView } from '../../cycles/components/decision-wording-editor';
import type { DraftWording } from '../../cycles/decision-wording';
import { useSchemaText } from '../components/schema-text';
import { ChoiceForm, DecisionChoices, GiveBackChoice } from '../components/decision-choices';
import { SubmitButton } from '../components/submit-button';
import { EvidenceEditor, evidenceReferences } from '../components/evidence-upload';
import { AnnotatedDraftScans } from '../components/annotated-draft-scans';
import type { EvidenceFile } from '../../ui/evidence';
import { localized, type FormObjective } from '../task-types';
import { roundChanges, unchanged, type RoundChanges } from '../components/round-changes';
import { formOf, type TaskFormProps } from './form-props';

/**
 * The leader: the draft as the decision would read, then approve with its number, or return it. Or
 * the Quality Representative, entering what a leader who signs on paper gave (`onPaperFor`): the
 * decision they signed, with the day on it, or the comments they wrote on the printed draft.
 */
export function ObjectivesApprovalForm({ task, problems, busy, onSubmit, onPaperFor }: TaskFormProps) {
  const { t } = useTranslation('tasks');
  const schema = useSchemaText(task.outcomeSchema);
  // A round opened before forms carried the decision's words has none: its draft documents have them.
  const form = formOf<{
    round: number;
    objectives: FormObjective[];
    wording?: DraftWording;
    /**
     * From the second round on: what the leader asked, what the revision says it changed, and the
     * draft they returned (rounds opened before forms carried it have none).
     */
    lastRound?: {
      comments: string;
      /** The scan of the draft the leader wrote on, when the return named one. */
      evidence?: string[];
      note: string;
      objectives?: FormObjective[];
      wording?: DraftWording;
    };
  }>(task);
  const objectives = form.objectives ?? [];
  const lastRoundNumber = (form.round ?? 2) - 1;
  const changes = form.lastRound?.objectives
    ? roundChanges(
        { objectives: form.lastRound.objectives, wording: form.lastRound.wording },
        { objectives, wording: form.wording },
      )
    : undefined;
  const marks: Record<string, string> = {};
  for (const id of Object.keys(changes?.changed ?? {})) marks[id] = t('draft.changed');
  for (const id of changes?.added ?? []) marks[id] = t('draft.added');
  const year = /(\d{4})$/.exec(task.cycleId)?.[1] ?? '';
  const [documentNumber, setDocumentNumber] = useDraft(task.id, 'documentNumber', '');
  const [signingDate, setSigningDate] = useDraft(task.id, 'signingDate', '');
  const [comments, setComments] = useDraft(task.id, 'comments', '');
  // The signed decision's scan, uploaded to this round's record (the decision's `files` name it).
  const [files, setFiles] = useDraft<EvidenceFile[]>(task.id, 'files', []);
  // Or, returning it, the scan of the printed draft the leader wrote on: the same record. Each
  // choice's box leaves out the other's files, which are not "uploaded earlier" for it.
  const [returnFiles, setReturnFiles] = useDraft<EvidenceFile[]>(task.id, 'returnFiles', []);

  // Which choice was sent last: a refusal of its files is shown in its box, not in both.
  const [sent, setSent] = useState<'approve' | 'return'>('approve');

  const onPaper = onPaperFor !== undefined ? { onPaper: true } : {};
  // Entering a paper answer, the texts name the leader who gave it; else they speak to the leader.
  const said = (key: string) =>
    onPaperFor !== undefined ? t(`approval.paper.${key}`, { who: onPaperFor }) : undefined;

  const approve = (event: FormEvent) => {
    event.preventDefault();
    setSent('approve');
    onSubmit({
      decision: 'approve',
      documentNumber: documentNumber.trim(),
      ...(signingDate ? { signingDate } : {}),
      ...(files.length > 0 ? { evidence: evidenceReferences(files) } : {}),
      ...onPaper,
    });
  };
  const giveBack = (event: FormEvent) => {
    event.preventDefault();
    setSent('return');
    onSubmit({
      decision: 'return',
      comments: comments.trim(),
      ...(returnFiles.length > 0 ? { evidence: evidenceReferences(returnFiles) } : {}),
      ...onPaper,
    });
  };

  return (
    <div className="task-form">
      {form.round !== undefined && <p className="muted">{t('approval.round', { round: form.round })}</p>}
      {form.lastRound && (
        // What was asked and what changed, before the draft that changed.
        <section aria-labelledby="last-round-title" className="task-quote">
          <h3 id="last-round-title">{t('approval.lastRound.title', { round: lastRoundNumber })}</h3>
          <p className="small">{said('lastRoundComments') ?? t('approval.lastRound.comments')}</p>
          <blockquote>{form.lastRound.comments}</blockquote>
          <AnnotatedDraftScans evidence={form.lastRound.evidence} />
          <p className="small">{t('approval.lastRound.note')}</p>
          <blockquote>{form.lastRound.note}</blockquote>
          {changes && <RoundChangesList changes={changes} objectives={objectives} round={lastRoundNumber} />}
        </section>
      )}
      <section aria-labelledby="draft-title">
        <h3 id="draft-title">{t('approval.draftTitle')}</h3>
        <ObjectivesDraft
          objectives={objectives}
          year={year || undefined}
          marks={marks}
          unfoldedPlans={Object.keys(changes?.changed ?? {}).filter((id) =>
            changes?.changed[id].includes('plan'),
          )}
        />
        {form.wording && (
          // Unfolded when the revision changed these words: what the leader is to read again.
          <details className="task-details" open={(changes?.wording.length ?? 0) > 0 || undefined}>
            <summary>{t('start.wording.title', { ns: 'cycles' })}</summary>
            <DecisionWordingView wording={form.wording} changed={changes?.wording} />
          </details>
        )}
        <DecisionDraftFiles taskId={task.id} />
      </section>
      <DecisionChoices problems={problems}>
        <ChoiceForm
          id="approve-title"
          title={said('approveTitle') ?? t('approval.approveTitle')}
          tone="approve"
          onSubmit={approve}
        >
          <Field
            label={schema.label('documentNumber', t('approval.documentNumber'))}
            hint={t('approval.documentNumberHint')}
            problems={problems.at('documentNumber')}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                aria-required="true"
                placeholder="123/QĐ-UBND"
                value={documentNumber}
                onChange={(e) => {
                  setDocumentNumber(e.target.value);
                  problems.edit('documentNumber');
                }}
              />
            )}
          </Field>
          <AnswerText
            // On paper, the day written on the decision: the day it is entered is not the day it was signed.
            label={said('signingDate') ?? t('approval.signingDate')}
            required={onPaperFor !== undefined}
            hint={
              said('signingDateHint') ??
              (task.rehearsal
                ? schema.hint('signingDate', t('approval.signingDateHint'))
                : t('approval.signingDateHintReal', { year, previous: Number(year) - 1 }))
            }
            path="signingDate"
            problems={problems}
            value={signingDate}
            onChange={setSigningDate}
            type="date"
            // A real year's decision is signed in its year or the year before, and not after today.
            {...(task.rehearsal ? {} : { min: `${Number(year) - 1}-01-01`, max: vietnamToday() })}
          />
          <EvidenceEditor
            task={task}
            recordType="approval"
            recordKey={task.id}
            legend={t('approval.signedCopy')}
            hint={t('approval.signedCopyHint')}
            problems={problems}
            files={files}
            onFiles={setFiles}
            alreadyNamed={evidenceReferences(returnFiles)}
            refused={sent === 'approve'}
          />
          <SubmitButton busy={busy} label={said('approve') ?? t('approval.approve')} />
        </ChoiceForm>
        <GiveBackChoice
          id="return-title"
          title={said('returnTitle') ?? t('approval.returnTitle')}
          label={said('comments') ?? t('approval.comments')}
          hint={said('commentsHint') ?? t('approval.commentsHint')}
          path="comments"
          problems={problems}
          value={comments}
          onChange={setComments}
          busy={busy}
          submitLabel={said('return') ?? t('approval.return')}
          onSubmit={giveBack}
        >
          <EvidenceEditor
            task={task}
            recordType="approval"
            recordKey={task.id}
            legend={t('approval.annotatedDraft')}
            hint={t('approval.annotatedDraftHint')}
            problems={problems}
            files={returnFiles}
            onFiles={setReturnFiles}
            alreadyNamed={evidenceReferences(files)}
            refused={sent === 'return'}
          />
        </GiveBackChoice>
      </DecisionChoices>
    </div>
  );
}

/** What the round's draft changed from the one returned, in a line each; or that it is unchanged. */
function RoundChangesList({
  changes,
  objectives,
  round,
}: {
  changes: RoundChanges;
  objectives: FormObjective[];
  round: number;
}) {
  const { t, i18n } = useTranslation('tasks');
  if (unchanged(changes)) return <p>{t('approval.lastRound.unchanged', { round })}</p>;
  const numberOf = (id: string) => objectives.find((o) => o.id === id)?.number ?? id;
  return (
    <>
      <p className="small">{t('approval.lastRound.changes', { round })}</p>
      <ul className="round-changes">
        {Object.entries(changes.changed).map(([id, parts]) => (
          <li key={id}>
            {t('approval.lastRound.objectiveChanged', {
              number: numberOf(id),
              parts: parts.map((part) => t(`approval.lastRound.part.${part}`)).join(', '),
            })}
          </li>
        ))}
        {changes.added.map((id) => (
          <li key={id}>{t('approval.lastRound.objectiveAdded', { number: numberOf(id) })}</li>
        ))}
        {changes.removed.map((objective) => (
          <li key={objective.id}>
            {t('approval.lastRound.objectiveRemoved', {
              title: localized(objective.title, i18n.language) || objective.id,
            })}
          </li>
        ))}
        {changes.wording.map((field) => (
          <li key={field}>{t(`start.wording.${field}`, { ns: 'cycles' })}</li>
        ))}
      </ul>
    </>
  );
}
