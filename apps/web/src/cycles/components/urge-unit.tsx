import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { useRequestId } from '../../api/request-id';
import { useSubmission } from '../../ui/submission';
import { useFormat } from './format';
import { URGE_NOTE_MAX, UrgeNoteForm } from './urge-task';

/** One of the unit's tasks to urge, as its row names it. */
export interface TaskToUrge {
  taskId: string;
  name: string;
  assigneeName: string;
}

/**
 * "Đôn đốc cả đơn vị": the Quality Representative, or the unit's head, urges every overdue task of a
 * unit that may be urged now in one go (POST /cycles/{id}/urges) — each assignee gets their own mail
 * for each of their tasks; the unit's heads, if not the sender, one copy listing them all, not one per
 * task. Offered where at least two may be urged; the answer says which were, to whom the copy went,
 * and which were not and why (urged by someone else meanwhile, completed, their assignee left).
 */
export function UrgeUnit({
  cycleId,
  unitCode,
  unitName,
  tasks,
  onSent,
}: {
  cycleId: string;
  unitCode: string;
  unitName: string;
  /** The unit's overdue tasks the viewer may urge now, most overdue first. */
  tasks: TaskToUrge[];
  onSent: () => void;
}) {
  const { t } = useTranslation('cycles');
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState<{
    at: string;
    urged: number;
    copiedTo: string[];
    refused: { name: string; message: string }[];
  } | null>(null);
  const requestId = useRequestId();
  const box = useRef<HTMLDivElement>(null);
  const { busy, problem, submit } = useSubmission(box, t('urgeUnit.networkError'));

  const send = submit(async () => {
    const body = {
      unitCode,
      taskIds: tasks.map((task) => task.taskId),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const result = await ok(
      api.POST('/api/v1/cycles/{cycleId}/urges', {
        params: { path: { cycleId } },
        body,
        headers: { 'x-request-id': requestId.idFor(body) },
      }),
    );
    requestId.succeeded();
    const nameOf = new Map(tasks.map((task) => [task.taskId, task.name]));
    setAnswer({
      at: result.urged[0]?.urgedAt ?? new Date().toISOString(),
      urged: result.urged.length,
      copiedTo: result.copiedTo.map((person) => person.name),
      refused: result.refused.map((refusal) => ({
        name: nameOf.get(refusal.taskId) ?? refusal.taskId,
        message: refusal.message,
      })),
    });
    setOpen(false);
    setNote('');
    onSent();
  });

  // Once sent, the answer stays, though the rows urged now leave nothing to urge together.
  if (!answer && tasks.length < 2) return null;
  const general = problem && problem.at('note').length === 0 ? problem : null;
  return (
    <div ref={box} className="urge-task urge-unit">
      {answer && (
        <div className={`notice ${answer.refused.length ? 'notice-warn' : 'notice-ok'} small`} role="status">
          <p>
            {answer.urged === 0
              ? t('urgeUnit.noneUrged', { unit: unitName })
              : answer.copiedTo.length > 0
                ? t('urgeUnit.doneCopied', {
                    count: answer.urged,
                    unit: unitName,
                    at: format.dateTime(answer.at),
                    copies: answer.copiedTo.join(', '),
                  })
                : t('urgeUnit.done', { count: answer.urged, unit: unitName, at: format.dateTime(answer.at) })}
          </p>
          {answer.refused.length > 0 && (
            <>
              <p>{t('urgeUnit.refused', { count: answer.refused.length })}</p>
              <ul>
                {answer.refused.map((refusal) => (
                  <li key={refusal.name}>
                    {refusal.name}: {refusal.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {general && (
        <p className="notice notice-error small" role="alert">
          {general.status === 403 ? t('urge.notAllowed') : general.message || t('urgeUnit.networkError')}
        </p>
      )}
      {tasks.length >= 2 &&
        (!open ? (
          <button type="button" className="button" onClick={() => setOpen(true)}>
            {t('urgeUnit.open', { count: tasks.length })}
            <span className="visually-hidden"> {t('urgeUnit.ofUnit', { unit: unitName })}</span>
          </button>
        ) : (
          <UrgeNoteForm
            label={t('urgeUnit.formLabel', { unit: unitName })}
            hint={t('urgeUnit.noteHint', { max: URGE_NOTE_MAX })}
            sendLabel={t('urgeUnit.send', { count: tasks.length })}
            note={note}
            onNote={setNote}
            problem={problem}
            busy={busy}
            onSubmit={send}
            onCancel={() => setOpen(false)}
          >
            <p className="small">{t('urgeUnit.lead', { count: tasks.length })}</p>
            <ul className="small">
              {tasks.map((task) => (
                <li key={task.taskId}>
                  {task.name} — {task.assigneeName}
                </li>
              ))}
            </ul>
          </UrgeNoteForm>
        ))}
    </div>
  );
}
