import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, ok } from '../../api/client';
import { useRequestId } from '../../api/request-id';
import { hasRole, type Me } from '../../auth/session';
import { ReasonField } from '../../ui/field';
import type { PersonView } from '../../ui/people';
import { unitOfWork, type TaskDetail } from '../task-types';
import { PersonPicker } from './person-picker';
import { reassignCandidates } from './reassign-candidates';
import { useSubmission } from '../../ui/submission';

/**
 * Whether this person may give this open task to someone else (as the API allows it) — the leader's
 * tasks too: to another leader, when the one who has it is away or has left.
 */
export function mayReassign(user: Me | null, task: TaskDetail): boolean {
  if (!user || user.authenticatedBy === 'task-link' || task.status !== 'open') return false;
  const unit = unitOfWork(task);
  return hasRole(user, 'quality-representative') || (unit !== null && user.headOfUnits.includes(unit));
}

/**
 * Whether this person may urge the assignee of this open task (as the API allows it): whoever may
 * hand it over, and for an audit step the lead auditor of its audit, who chases its steps.
 */
export function mayUrge(user: Me | null, task: TaskDetail): boolean {
  if (mayReassign(user, task)) return true;
  if (!user || user.authenticatedBy === 'task-link' || task.status !== 'open') return false;
  return task.leadAuditorUserId === user.userId;
}

/**
 * The Quality Representative, or the head of the task's unit, gives an open task to someone else
 * (away, overloaded): a person of the organisation and a reason, for the record and the new
 * assignee's notice; the one who had it may still finish it. The workflow decides who may take it
 * (an active person of the directory; a leader for the leader's tasks; for an audit step an auditor
 * from another unit) and its refusal is said by the field. Folded until asked for: most visits to a
 * task are not to reassign it.
 */
export function ReassignTask({
  task,
  people,
  nameOf,
  onReassigned,
}: {
  task: TaskDetail;
  people: readonly PersonView[];
  nameOf: (userId: string) => string;
  onReassigned: () => Promise<void>;
}) {
  const { t } = useTranslation('tasks');
  const [open, setOpen] = useState(false);
  const [toUserId, setToUserId] = useState('');
  const [reason, setReason] = useState('');
  const requestId = useRequestId();
  const [done, setDone] = useState<{ to: string; from: string } | null>(null);
  const section = useRef<HTMLElement>(null);
  const { busy, problem, setProblem, submit } = useSubmission(section, t('page.networkError'));

  const refuseHere = (path: 'toUserId' | 'reason', reasonText: string) =>
    setProblem(new ApiProblem(400, 'VALIDATION', '', [{ path, reason: reasonText }], undefined));

  const send = submit(
    async () => {
      if (!toUserId) return refuseHere('toUserId', t('reassign.personRequired'));
      if (reason.trim().length < 3) return refuseHere('reason', t('reassign.reasonTooShort'));
      // The assignee this page shows: if another hand-over came first, the API refuses (409, naming
      // who holds it now) rather than undoing it.
      const body = { toUserId, reason: reason.trim(), ifAssignedTo: task.assigneeUserId };
      const answer = await ok(
        api.POST('/api/v1/tasks/{taskId}/reassign', {
          params: { path: { taskId: task.id } },
          body,
          headers: { 'x-request-id': requestId.idFor({ taskId: task.id, ...body }) },
        }),
      );
      requestId.succeeded();
      const done = { to: nameOf(answer.assigneeUserId), from: nameOf(task.assigneeUserId) };
      setOpen(false);
      setToUserId('');
      setReason('');
      // Said once the page shows it: the notice and the page's holder then name the same person.
      await onReassigned();
      setDone(done);
    },
    // Refused because the task changed meanwhile (given to someone, answered): show it as it is now.
    async (refusal) => {
      if (refusal.status === 409) await onReassigned();
    },
  );

  const general =
    problem && problem.at('toUserId').length === 0 && problem.at('reason').length === 0 ? problem : null;
  return (
    <section ref={section} className="card reassign-task" aria-labelledby="reassign-title">
      <h2 id="reassign-title">{t('reassign.title')}</h2>
      {done && (
        <div className="notice notice-ok" role="status">
          {t('reassign.done', done)}
        </div>
      )}
      {!open ? (
        <>
          <p className="muted">{t('reassign.lead', { who: nameOf(task.assigneeUserId) })}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => setOpen(true)}>
              {t('reassign.open')}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={send} noValidate aria-labelledby="reassign-title">
          <p className="muted">{t('reassign.explain', { who: nameOf(task.assigneeUserId) })}</p>
          <PersonPicker
            candidates={reassignCandidates(people, task)}
            value={toUserId}
            disabled={busy}
            label={t('reassign.person')}
            hint={t('reassign.personHint')}
            problems={problem?.at('toUserId')}
            onChange={setToUserId}
          />
          <ReasonField
            label={t('reassign.reason')}
            hint={t('reassign.reasonHint')}
            problems={problem?.at('reason')}
            value={reason}
            disabled={busy}
            onChange={setReason}
          />
          {general && (
            <div className="notice notice-error" role="alert">
              {general.status === 409
                ? general.details?.currentAssignee
                  ? general.message
                  : t('page.conflict')
                : general.status === 403
                  ? t('page.notAllowed')
                  : general.message || t('page.networkError')}
            </div>
          )}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('reassign.submitting') : t('reassign.submit')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setOpen(false)}>
              {t('reassign.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
