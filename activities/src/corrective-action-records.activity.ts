import type { DataSource } from 'typeorm';
import { CorrectiveActionEntity } from '@qcycle/persistence';
import { logEntry } from './cycle-record.activities';
import { auditStepId } from './audit-records.activity';
import type { CorrectiveActionFacts } from './quality-record-facts';
import { isLegacyRecord, recordLegacyRows, upsertRow, write, type RecordWithEvent } from './record-writes';

/** A corrective action (ISO 10.2) at each step: opened, planned, verified, or carried forward at the close. */
export async function recordCorrectiveAction(
  dataSource: DataSource,
  facts: CorrectiveActionFacts | RecordWithEvent<CorrectiveActionEntity>,
): Promise<void> {
  if (isLegacyRecord(facts)) return recordLegacyRows(dataSource, CorrectiveActionEntity, facts, 'upsert');
  const { cycleId, correctiveActionId: id, at } = facts;
  switch (facts.step) {
    case 'opened':
      return write(
        dataSource,
        [
          upsertRow(CorrectiveActionEntity, {
            id,
            cycleId,
            auditId: facts.auditId,
            stepId: auditStepId(facts.auditId, facts.stepId),
            severity: facts.severity,
            unitCode: facts.unitCode,
            finding: facts.finding,
            raisedBy: facts.raisedBy,
            status: 'open',
            rounds: 1,
            openedAt: at,
          }),
        ],
        logEntry(cycleId, `${id}/opened`, 'corrective-action.opened', facts.raisedBy, at, {
          severity: facts.severity,
          unitCode: facts.unitCode,
        }),
      );
    case 'nonconformity-opened':
      return write(
        dataSource,
        [
          upsertRow(CorrectiveActionEntity, {
            ...nonconformityRow(facts),
            objectiveId: facts.objectiveId ?? null,
            periodKey: facts.periodKey ?? null,
          }),
        ],
        logEntry(
          cycleId,
          `${id}/opened`,
          'nonconformity.opened',
          facts.raisedBy,
          at,
          {
            source: facts.source,
            severity: facts.severity,
            unitCode: facts.unitCode,
            description: facts.description,
            verifierUserId: facts.verifierUserId,
            ...(facts.objectiveId ? { objectiveId: facts.objectiveId } : {}),
            ...(facts.periodKey ? { periodKey: facts.periodKey } : {}),
            ...(facts.proposalTaskId ? { proposalTaskId: facts.proposalTaskId } : {}),
          },
          facts.requestId,
        ),
      );
    case 'carried-in': {
      // Last year's record keeps its audit and step, if any; this year's row names it.
      const { plan } = facts;
      return write(
        dataSource,
        [
          upsertRow(CorrectiveActionEntity, {
            ...nonconformityRow(facts),
            carriedFromId: facts.carriedFrom,
            ...(plan
              ? {
                  correction: plan.correction,
                  rootCause: plan.rootCause,
                  action: plan.action,
                  ownerUserId: plan.ownerUserId,
                  dueDate: plan.dueDate,
                }
              : {}),
            status: plan ? 'planned' : 'open',
          }),
        ],
        logEntry(cycleId, `${id}/carried-in`, 'corrective-action.carried-in', 'system', at, {
          carriedFrom: facts.carriedFrom,
          source: facts.source,
          severity: facts.severity,
          unitCode: facts.unitCode,
          verifierUserId: facts.verifierUserId,
          waitingFor: plan ? 'verification' : 'plan',
        }),
      );
    }
    case 'planned': {
      const { correction, rootCause, action, ownerUserId, dueDate } = facts.plan;
      return write(
        dataSource,
        [
          upsertRow(CorrectiveActionEntity, {
            id,
            correction,
            rootCause,
            action,
            ownerUserId,
            dueDate,
            status: 'planned',
            rounds: facts.round,
            effective: null,
          }),
        ],
        logEntry(cycleId, `${id}/planned/${facts.round}`, 'corrective-action.planned', facts.plannedBy, at, {
          round: facts.round,
          dueDate,
        }),
      );
    }
    case 'verified': {
      const { effective, notes } = facts.verification;
      return write(
        dataSource,
        [
          upsertRow(CorrectiveActionEntity, {
            id,
            status: effective ? 'closed' : 'open',
            effective,
            verifiedBy: facts.verifiedBy,
            verifiedAt: at,
          }),
        ],
        logEntry(
          cycleId,
          `${id}/verified/${facts.round}`,
          effective ? 'corrective-action.closed' : 'corrective-action.reopened',
          facts.verifiedBy,
          at,
          { round: facts.round, effective, notes },
        ),
      );
    }
    case 'carried-forward':
      // Its status stays what its last step made it: a plan awaiting verification is still being
      // carried out ('planned'), one still awaiting its plan is 'open'. The event says it moved on.
      return write(
        dataSource,
        [],
        logEntry(cycleId, `${id}/carried-forward`, 'corrective-action.carried-forward', 'system', at, {
          round: facts.round,
          waitingFor: facts.waitingFor,
        }),
      );
  }
}

/**
 * The row of a nonconformity not found by this year's internal audit (opened by the Quality
 * Representative, or carried in from last year): open, first round, its audit and step columns empty.
 */
function nonconformityRow(facts: {
  cycleId: string;
  correctiveActionId: string;
  source: string;
  severity: string;
  unitCode: string;
  description: string;
  raisedBy: string | null;
  verifierUserId: string;
  at: string;
}) {
  return {
    id: facts.correctiveActionId,
    cycleId: facts.cycleId,
    auditId: '',
    stepId: '',
    source: facts.source,
    severity: facts.severity,
    unitCode: facts.unitCode,
    finding: facts.description,
    raisedBy: facts.raisedBy,
    verifierUserId: facts.verifierUserId,
    status: 'open',
    rounds: 1,
    openedAt: facts.at,
  };
}
