import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, ok } from '../../api/client';
import { useRequestId } from '../../api/request-id';
import { ReasonField } from '../../ui/field';
import { focusOutcome } from '../../ui/focus';
import type { PersonView } from '../../ui/people';
import { PersonPicker } from '../../tasks/components/person-picker';
import { reassignCandidates } from '../../tasks/components/reassign-candidates';
import type { TaskKind } from '../../tasks/task-types';
import type { Schemas } from './format';
import { useSubmission } from '../../ui/submission';

/**
 * A task by its record's own title (the unit of an acceptance, the step's process and unit, the
 * report's objective and period), in the page's language.
 */
export function taskTitle(task: { title: { vi: string; en: string } }, language: string): string {
  return language === 'en' ? task.title.en : task.title.vi;
}

export type TaskHandover = Schemas['TaskHandoverView'];
/** One of the year's roles: the Quality Representative's or the leader's (`live.roles`). */
export type CycleRole = Schemas['CycleRoleHolderView']['role'];

/** A hand-over's answer, with the names it was made between as they were when it was made. */
export interface HandoverOutcome {
  result: TaskHandover;
  from: string;
  to: string;
  /** The names of the units whose later work the successor holds now (`unitsTakenOver`). */
  unitsTakenOver: string[];
}

/**
 * The Quality Representative hands every open task of one person who left to someone else at once
 * (POST /cycles/{cycleId}/handovers): a successor, a reason, then a second step that says how many
 * tasks go to whom. The workflow still decides task by task, as on each task's page: what it
 * refuses stays with the holder and the answer (HandoverResult, shown by the panel) says why.
 * Folded until asked for, one per holder. With `unit`, only that unit's work (HandOverUnitWork).
 */
export function HandOverAll({
  cycleId,
  holderId,
  holderName,
  unit,
  tasks,
  people,
  suggestedTo,
  unitName,
  roles = [],
  onHandedOver,
}: {
  cycleId: string;
  holderId: string;
  holderName: string;
  unit?: { code: string; name: string };
  /**
   * The year's roles the holder still has though they left (`live.roles`): handed to someone who
   * holds the role in the directory, what the year opens for it later goes with the tasks.
   */
  roles?: readonly CycleRole[];
  tasks: readonly { taskId: string; kind: string }[];
  people: readonly PersonView[];
  /** Someone to propose as the successor: the form opens with them chosen. */
  suggestedTo?: string;
  /** A unit's name, by code: the answer says whose later work the successor holds now. */
  unitName: (code: string) => string;
  onHandedOver: (outcome: HandoverOutcome) => Promise<void>;
}) {
  const { t } = useTranslation('cycles');
  const [open, setOpen] = useState(suggestedTo !== undefined);
  const [toUserId, setToUserId] = useState(suggestedTo ?? '');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const requestId = useRequestId();
  const section = useRef<HTMLDivElement>(null);
  const { busy, problem, setProblem, send } = useSubmission(section, t('errors.network'));
  const confirmRef = useRef<HTMLDivElement>(null);
  const formId = `hand-over-${holderId}${unit ? `-${unit.code}` : ''}`;
  /** A unit's work with nothing of it open: only what the year opens for it later moves. */
  const laterOnly = unit !== undefined && tasks.length === 0;
  /** A role of the year with nothing open: likewise, only what the year opens for it later. */
  const roleOnly = unit === undefined && tasks.length === 0 && roles.length > 0;
  const roleNames = roles.map((role) => t(`directory:roles.${role}`)).join(', ');
  const named = unit
    ? t('unitWork.handOverOf', { name: holderName, unit: unit.name })
    : roleOnly
      ? t('roleWork.handOverOf', { name: holderName, roles: roleNames })
      : t('inactive.handOverAllOf', { name: holderName });

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  // Whoever may take at least one of the tasks (the workflow refuses the others, and says why); with
  // none open, a unit's later work goes to whoever works the year's tasks.
  const byId = new Map<string, PersonView>();
  for (const task of laterOnly ? [{ kind: 'unit-acceptance' }] : tasks)
    for (const person of reassignCandidates(people, {
      kind: task.kind as TaskKind,
      unitCode: null,
      assigneeUserId: holderId,
    }))
      byId.set(person.userId, person);
  // A role goes only to someone the directory gives it to now (the API moves it to no one else).
  if (roleOnly)
    for (const person of people)
      if (person.active && person.userId !== holderId && roles.some((role) => person.roles.includes(role)))
        byId.set(person.userId, person);
  const candidates = [...byId.values()];
  const successor = byId.get(toUserId);
  /** Whether the successor holds one of the holder's roles in the directory now: it goes with the tasks. */
  const successorTakesRole = roles.some((role) => successor?.roles.includes(role));

  const refuseHere = (path: 'toUserId' | 'reason', text: string) => {
    setProblem(new ApiProblem(400, 'VALIDATION', '', [{ path, reason: text }], undefined));
    focusOutcome(section.current);
  };

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!successor) return refuseHere('toUserId', t('inactive.personRequired'));
    if (reason.trim().length < 3) return refuseHere('reason', t('inactive.reasonTooShort'));
    setConfirming(true);
  };

  const confirm = () =>
    send(
      async () => {
        if (!successor) return;
        const body = {
          fromUserId: holderId,
          toUserId: successor.userId,
          reason: reason.trim(),
          ...(unit ? { unitCode: unit.code } : {}),
        };
        const result = await ok(
          api.POST('/api/v1/cycles/{cycleId}/handovers', {
            params: { path: { cycleId } },
            body,
            headers: { 'x-request-id': requestId.idFor({ cycleId, ...body }) },
          }),
        );
        requestId.succeeded();
        setConfirming(false);
        setOpen(false);
        setToUserId('');
        setReason('');
        await onHandedOver({
          result,
          from: holderName,
          to: successor.fullName,
          unitsTakenOver: result.unitsTakenOver.map(unitName),
        });
      },
      async () => setConfirming(false),
    );

  const general =
    problem && problem.at('toUserId').length === 0 && problem.at('reason').length === 0 ? problem : null;
  return (
    <div ref={section} className="hand-over-all">
      {!open ? (
        <div className="actions">
          <button type="button" className="button" aria-label={named} onClick={() => setOpen(true)}>
            {unit ? t('unitWork.handOver') : roleOnly ? t('roleWork.handOver') : t('inactive.handOverAll')}
          </button>
        </div>
      ) : (
        <form id={formId} onSubmit={ask} noValidate aria-label={named}>
          <p className="muted">
            {laterOnly
              ? t('unitWork.explainLater', { unit: unit.name, name: holderName })
              : roleOnly
                ? t('roleWork.explainLater', { roles: roleNames, name: holderName })
                : t('inactive.explain', { name: holderName })}
          </p>
          {!roleOnly && roles.length > 0 && (
            <p className="muted">{t('roleWork.withTasks', { roles: roleNames, name: holderName })}</p>
          )}
          <PersonPicker
            candidates={candidates}
            value={toUserId}
            disabled={confirming || busy}
            label={t('inactive.person')}
            hint={
              laterOnly
                ? t('unitWork.personHintLater')
                : roleOnly
                  ? t('roleWork.personHintLater', { roles: roleNames })
                  : t('inactive.personHint')
            }
            problems={problem?.at('toUserId')}
            onChange={setToUserId}
          />
          <ReasonField
            label={t('inactive.reason')}
            hint={unit ? t('unitWork.reasonHint') : t('inactive.reasonHint')}
            problems={problem?.at('reason')}
            value={reason}
            disabled={confirming || busy}
            onChange={setReason}
          />
          {general && (
            <div className="notice notice-error" role="alert">
              {general.status === 403
                ? t('inactive.notAllowed')
                : general.status === 503
                  ? t('inactive.unavailable')
                  : general.message || t('errors.network')}
            </div>
          )}
          {!confirming && (
            <div className="actions">
              <button type="submit" className="button button-primary">
                {t('inactive.next')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setOpen(false);
                  setProblem(null);
                }}
              >
                {t('inactive.cancel')}
              </button>
            </div>
          )}
          {confirming && successor && (
            <div
              className="notice notice-warn confirm-step"
              role="alertdialog"
              aria-labelledby={`${formId}-confirm`}
              tabIndex={-1}
              ref={confirmRef}
            >
              <p id={`${formId}-confirm`}>
                <strong>
                  {laterOnly
                    ? t('unitWork.confirmLater', {
                        unit: unit.name,
                        from: holderName,
                        to: successor.fullName,
                      })
                    : roleOnly
                      ? t('roleWork.confirmLater', {
                          roles: roleNames,
                          from: holderName,
                          to: successor.fullName,
                        })
                      : unit
                        ? t('unitWork.confirmText', {
                            count: tasks.length,
                            unit: unit.name,
                            from: holderName,
                            to: successor.fullName,
                          })
                        : t('inactive.confirmText', {
                            count: tasks.length,
                            from: holderName,
                            to: successor.fullName,
                          })}
                </strong>
              </p>
              {!roleOnly && successorTakesRole && (
                <p>{t('roleWork.confirmWithTasks', { roles: roleNames, to: successor.fullName })}</p>
              )}
              <div className="actions">
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy}
                  onClick={() => void confirm()}
                >
                  {busy ? t('inactive.handingOver') : t('inactive.confirm')}
                </button>
                <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
                  {t('inactive.back')}
                </button>
              </div>
            </div>
          )}
        </form>
      )}
    </div>
  );
}

/**
 * What a hand-over did: the tasks given to the successor, and those the workflow refused or that
 * were no longer open, each with why — the workflow's own words for its rules (written in
 * Vietnamese), the app's for the rest.
 */
export function HandoverResult({ outcome }: { outcome: HandoverOutcome }) {
  const { t, i18n } = useTranslation('cycles');
  const { result, from, to, unitsTakenOver } = outcome;
  const label = (task: { title: { vi: string; en: string } }) => taskTitle(task, i18n.language);
  const why = (refusal: TaskHandover['refused'][number]) =>
    refusal.currentAssignee
      ? t('inactive.refusedHeldByOther', { who: refusal.currentAssignee.name })
      : refusal.code === 'CONFLICT'
        ? t('inactive.refusedNotOpen')
        : // Refused by a rule: the task stays with the one who left, for someone allowed to take it.
          `${
            refusal.code === 'FORBIDDEN'
              ? t('inactive.notAllowed')
              : refusal.problems.map((p) => p.reason).join(' ') || refusal.message
          } ${t('inactive.staysWith', { from })}`;
  return (
    <div className="handover-result">
      <div className="notice notice-ok">
        {(result.handedOver.length > 0 ||
          (unitsTakenOver.length === 0 && result.rolesTakenOver.length === 0)) && (
          <p>{t('inactive.handedOver', { count: result.handedOver.length, from, to })}</p>
        )}
        {result.handedOver.length > 0 && (
          <ul className="link-list">
            {result.handedOver.map((task) => (
              <li key={task.taskId}>{label(task)}</li>
            ))}
          </ul>
        )}
        {result.rolesTakenOver.map((role) => (
          <p key={role}>{t(`roleWork.takenOver.${role}`, { to })}</p>
        ))}
        {unitsTakenOver.length > 0 && (
          <p>{t('unitWork.takenOver', { units: unitsTakenOver.join(', '), to })}</p>
        )}
      </div>
      {result.refused.length > 0 && (
        <div className="notice notice-error">
          <p>{t('inactive.refused', { count: result.refused.length, to })}</p>
          <ul className="link-list">
            {result.refused.map((refusal) => (
              <li key={refusal.taskId}>
                {label(refusal)}: {why(refusal)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
