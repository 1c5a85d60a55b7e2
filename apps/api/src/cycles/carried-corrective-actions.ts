import { In, type EntityManager } from 'typeorm';
import { recordedNonconformitySource, type NonconformitySeverity } from '@qcycle/domain';
import {
  qualityCycleId,
  qualityCycleWorkflowId,
  type CorrectiveActionToContinue,
  type QualityEventPayloads,
} from '@qcycle/contracts';
import { correctiveActionLastRounds, CorrectiveActionEntity, EventLogEntryEntity } from '@qcycle/persistence';

/**
 * The ids of the corrective actions a year's close carried into the next year, as its `cycle.closed`
 * event names them: none when it has not closed, was cancelled or carried nothing.
 */
export async function correctiveActionsCarriedForward(
  manager: EntityManager,
  organisationCode: string,
  year: number,
): Promise<string[]> {
  const closed = await manager.findOneBy(EventLogEntryEntity, {
    id: `${qualityCycleWorkflowId(organisationCode, year)}/closed`,
  });
  const payload = closed?.payload as Partial<QualityEventPayloads['cycle.closed']> | undefined;
  return payload?.correctiveActionsCarriedForward ?? [];
}

/**
 * Last year's corrective actions that its close carried forward (the `cycle.closed` event names
 * them), as the year starting continues them: awaiting a plan (`open`, also after a verification
 * found one not effective) or awaiting verification of the plan recorded (`planned`), with what
 * that plan rests on (its evidence, files of last year's record), for its verifier this year. A year
 * that was cancelled, or never ran, carries nothing.
 */
export async function correctiveActionsCarriedInto(
  manager: EntityManager,
  organisationCode: string,
  year: number,
): Promise<CorrectiveActionToContinue[]> {
  const lastYear = year - 1;
  const ids = await correctiveActionsCarriedForward(manager, organisationCode, lastYear);
  if (!ids.length) return [];
  const lastYearsCycle = qualityCycleId(organisationCode, lastYear);
  const actions = await manager.find(CorrectiveActionEntity, {
    where: { id: In(ids), cycleId: lastYearsCycle },
    order: { openedAt: 'ASC', id: 'ASC' },
  });
  const lastRounds = await correctiveActionLastRounds(manager, lastYearsCycle, actions);
  return actions
    .filter((a) => a.status === 'open' || a.status === 'planned')
    .map((a): CorrectiveActionToContinue => {
      const evidence = lastRounds.get(a.id)?.evidence ?? [];
      const plan =
        a.status === 'planned' && a.correction && a.rootCause && a.action && a.ownerUserId && a.dueDate
          ? {
              correction: a.correction,
              rootCause: a.rootCause,
              action: a.action,
              ownerUserId: a.ownerUserId,
              dueDate: a.dueDate,
              ...(evidence.length ? { evidence } : {}),
            }
          : undefined;
      return {
        correctiveActionId: a.id,
        year: lastYear,
        source: recordedNonconformitySource(a.source),
        severity: a.severity as NonconformitySeverity,
        unitCode: a.unitCode,
        description: a.finding,
        raisedBy: a.raisedBy,
        // An audit finding's verifier is its step's auditor; the row names the others' (the cycle
        // falls back to this year's Quality Representative when that person is not on its roster).
        verifierUserId: a.verifierUserId ?? a.raisedBy,
        waitingFor: plan ? 'verification' : 'plan',
        ...(plan ? { plan } : {}),
      };
    });
}
