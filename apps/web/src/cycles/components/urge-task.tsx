import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type ApiProblem } from '../../api/client';
import { useRequestId } from '../../api/request-id';
import { TextAreaField } from '../../ui/field';
import { useSubmission } from '../../ui/submission';
import { useFormat } from './format';

/** How long after an urge the API takes another for the same task (libs/contracts URGE_INTERVAL_MS). */
const URGE_INTERVAL_MS = 24 * 3_600_000;
export const URGE_NOTE_MAX = 500;

/** From when a task last urged at `urgedAt` may be urged again; undefined: never urged, at once. */
export const urgeAgainFrom = (urgedAt: string | undefined) =>
  urgedAt ? Date.parse(urgedAt) + URGE_INTERVAL_MS : undefined;

/**
 * "Đôn đốc": the Quality Representative, the head of the task's unit, or for an audit step its lead
 * auditor asks the assignee of an open task to finish it — a mail with the task's link, their name and
 * a few words of theirs, copied to whoever else answers for the task (the answer names them, and the
 * notice says so), recorded in the cycle's history (POST /tasks/{id}/urge). Once a day at most per task: until then the row says
 * when it was urged and from when it can be again. Folded to one button until asked for.
 */
export function UrgeTask({
  taskId,
  taskName,
  assigneeName,
  urgedAt,
  now,
  onSent,
}: {
  taskId: string;
  /** The task in words, for the button's name among a table of them. */
  taskName: string;
  assigneeName: string;
  /** When the assignee was last urged, as the dashboard read it. */
  urgedAt?: string;
  now: number;
  /** Told once the urge is recorded (the dashboard counts it in the year's tasks by unit). */
  onSent?: () => void;
}) {
  const { t } = useTranslation('cycles');
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [sent, setSent] = useState<{ at: string; copiedTo: string[] } | null>(null);
  const requestId = useRequestId();
  const box = useRef<HTMLDivElement>(null);
  const { busy, problem, submit } = useSubmission(box, t('urge.networkError'));

  const sentAt = sent?.at;
  const last = sentAt ?? urgedAt;
  const againFrom = urgeAgainFrom(last);
  // Sent from this page: not offered again here (a day must pass; the page drawn again says from when).
  const mayUrgeNow = !sentAt && (againFrom === undefined || againFrom <= now);

  const send = submit(async () => {
    const body = note.trim() ? { note: note.trim() } : {};
    const answer = await ok(
      api.POST('/api/v1/tasks/{taskId}/urge', {
        params: { path: { taskId } },
        body,
        headers: { 'x-request-id': requestId.idFor({ taskId, ...body }) },
      }),
    );
    requestId.succeeded();
    setSent({ at: answer.urgedAt, copiedTo: answer.copiedTo.map((person) => person.name) });
    setOpen(false);
    setNote('');
    onSent?.();
  });

  const general = problem && problem.at('note').length === 0 ? problem : null;
  return (
    <div ref={box} className="urge-task">
      {sent ? (
        <p className="notice notice-ok small" role="status">
          {sent.copiedTo.length > 0
            ? t('urge.doneCopied', {
                name: assigneeName,
                at: format.dateTime(sent.at),
                copies: sent.copiedTo.join(', '),
              })
            : t('urge.done', { name: assigneeName, at: format.dateTime(sent.at) })}
        </p>
      ) : (
        last && (
          <p className="muted small">
            {t('urge.last', { at: format.dateTime(last) })}
            {!mayUrgeNow && againFrom !== undefined && (
              <> {t('urge.againFrom', { at: format.dateTime(new Date(againFrom).toISOString()) })}</>
            )}
          </p>
        )
      )}
      {general && (
        <p className="notice notice-error small" role="alert">
          {general.status === 403 ? t('urge.notAllowed') : general.message || t('urge.networkError')}
        </p>
      )}
      {mayUrgeNow &&
        (!open ? (
          <button type="button" className="button" onClick={() => setOpen(true)}>
            {t('urge.open')}
            <span className="visually-hidden">
              {' '}
              {assigneeName}: {taskName}
            </span>
          </button>
        ) : (
          <UrgeNoteForm
            label={t('urge.formLabel', { name: assigneeName })}
            hint={t('urge.noteHint', { name: assigneeName, max: URGE_NOTE_MAX })}
            sendLabel={t('urge.send')}
            note={note}
            onNote={setNote}
            problem={problem}
            busy={busy}
            onSubmit={send}
            onCancel={() => setOpen(false)}
          />
        ))}
    </div>
  );
}

/**
 * The few words sent with an urge, and the buttons that send it or fold it away: one task's urge and
 * a unit's (`urge-unit.tsx`) ask for them the same way. `children` come first (what is urged).
 */
export function UrgeNoteForm({
  label,
  hint,
  sendLabel,
  note,
  onNote,
  problem,
  busy,
  onSubmit,
  onCancel,
  children,
}: {
  label: string;
  hint: string;
  sendLabel: string;
  note: string;
  onNote: (note: string) => void;
  problem: ApiProblem | null;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation('cycles');
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      {children}
      <TextAreaField
        label={t('urge.note')}
        hint={hint}
        problems={problem?.at('note')}
        value={note}
        disabled={busy}
        maxLength={URGE_NOTE_MAX}
        onChange={onNote}
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('urge.sending') : sendLabel}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          {t('urge.cancel')}
        </button>
      </div>
    </form>
  );
}
