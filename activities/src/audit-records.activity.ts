import type { DataSource } from 'typeorm';
import { AuditEntity, AuditStepEntity } from '@qcycle/persistence';
import { logEntry } from './cycle-record.activities';
import type { AuditFacts, AuditStepFacts } from './quality-record-facts';
import { isLegacyRecord, recordLegacyRows, upsertRow, write, type RecordWithEvent } from './record-writes';

/** The audit's record, written at each step (opened, planned, closed or not closed): later steps update it. */
export async function recordAudit(
  dataSource: DataSource,
  facts: AuditFacts | RecordWithEvent<AuditEntity>,
): Promise<void> {
  if (isLegacyRecord(facts)) return recordLegacyRows(dataSource, AuditEntity, facts, 'upsert');
  const { cycleId, auditId, at } = facts;
  switch (facts.step) {
    case 'opened':
      return write(
        dataSource,
        [
          upsertRow(AuditEntity, {
            id: auditId,
            cycleId,
            leadAuditorUserId: facts.leadAuditorUserId,
            plan: null,
            status: 'planning',
            report: null,
            closedAt: null,
          }),
        ],
        logEntry(cycleId, `${auditId}/opened`, 'audit.opened', 'system', at, {}),
      );
    case 'planned':
      return write(
        dataSource,
        [upsertRow(AuditEntity, { id: auditId, plan: { ...facts.plan }, status: 'in-progress' })],
        logEntry(cycleId, `${auditId}/planned`, 'audit.planned', facts.plannedBy, at, {
          steps: facts.plan.steps.length,
        }),
      );
    case 'closed':
      return write(
        dataSource,
        [upsertRow(AuditEntity, { id: auditId, status: 'closed', report: facts.report, closedAt: at })],
        logEntry(cycleId, `${auditId}/closed`, 'audit.closed', facts.closedBy, at, {
          nonconformities: facts.nonconformities,
        }),
      );
    case 'report-approved':
      // The approval is an event of the audit's record: who approved (the actor) and when.
      return write(
        dataSource,
        [],
        logEntry(cycleId, `${auditId}/report-approved`, 'audit.report-approved', facts.approvedBy, at, {
          rounds: facts.rounds,
          submittedBy: facts.submittedBy,
          ...(facts.comments ? { comments: facts.comments } : {}),
        }),
      );
    case 'not-closed':
      return write(
        dataSource,
        [upsertRow(AuditEntity, { id: auditId, status: 'not-closed' })],
        logEntry(cycleId, `${auditId}/not-closed`, 'audit.not-closed', 'system', at, {
          reason: facts.reason,
          stepsUnsigned: facts.stepsUnsigned,
        }),
      );
  }
}

/** The audit's checklist steps: all of them when planned, then each one as its auditor signs it off. */
export async function recordAuditSteps(
  dataSource: DataSource,
  facts: AuditStepFacts | RecordWithEvent<AuditStepEntity>,
): Promise<void> {
  if (isLegacyRecord(facts)) return recordLegacyRows(dataSource, AuditStepEntity, facts, 'upsert');
  const { cycleId, auditId, at } = facts;
  if (facts.step === 'planned') {
    return write(
      dataSource,
      facts.steps.map((step) =>
        upsertRow(AuditStepEntity, {
          id: auditStepId(auditId, step.id),
          auditId,
          cycleId,
          unitCode: step.unitCode,
          process: step.process,
          clause: step.clause,
          auditorUserId: step.auditorUserId,
        }),
      ),
      logEntry(cycleId, `${auditId}/steps`, 'audit.steps-planned', facts.plannedBy, at, {}),
    );
  }
  const id = auditStepId(auditId, facts.stepId);
  const { outcome } = facts;
  await write(
    dataSource,
    [
      upsertRow(AuditStepEntity, {
        id,
        result: outcome.result,
        evidence: outcome.evidence,
        notes: outcome.notes ?? null,
        finding: outcome.finding ?? null,
        signedOffAt: at,
      }),
    ],
    logEntry(cycleId, `${id}/signed-off`, 'audit.step-signed-off', facts.signedOffBy, at, {
      result: outcome.result,
    }),
  );
}

/** A checklist step's record id, which is also its sign-off task's id. */
export function auditStepId(auditId: string, stepId: string): string {
  return `${auditId}/step/${stepId}`;
}
