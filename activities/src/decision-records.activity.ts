import type { DataSource } from 'typeorm';
import { AssignmentEntity, DecisionEntity } from '@qcycle/persistence';
import { logEntry } from './cycle-record.activities';
import type { AssignmentFacts, DecisionFacts } from './quality-record-facts';
import { insertRow, isLegacyRecord, recordLegacyRows, write, type RecordWithEvent } from './record-writes';

/** The decision issued by the leader's approval (ISO 6.2): its record and `objectives.approved`. */
export async function recordDecision(
  dataSource: DataSource,
  facts: DecisionFacts | RecordWithEvent<DecisionEntity>,
): Promise<void> {
  if (isLegacyRecord(facts)) return recordLegacyRows(dataSource, DecisionEntity, facts);
  const { decision, approvalId, approvedAt } = facts;
  await write(
    dataSource,
    [
      insertRow(DecisionEntity, {
        id: approvalId,
        cycleId: facts.cycleId,
        organisationCode: facts.organisationCode,
        year: facts.year,
        documentNumber: decision.documentNumber,
        signerName: decision.signerName,
        signerTitle: decision.signerTitle,
        signedBy: decision.signedBy,
        enteredBy: decision.enteredBy ?? null,
        signingDate: decision.signingDate,
        effectiveDate: decision.effectiveDate,
        rounds: decision.rounds,
        objectives: decision.objectives,
        wording: decision.wording ?? null,
        recordedAt: approvedAt,
      }),
    ],
    logEntry(
      facts.cycleId,
      `${approvalId}/decision`,
      'objectives.approved',
      facts.approvedBy,
      approvedAt,
      {
        documentNumber: decision.documentNumber,
        signingDate: decision.signingDate,
        rounds: decision.rounds,
        ...(decision.enteredBy ? { signedBy: decision.signedBy } : {}),
      },
      facts.requestId,
    ),
  );
}

/** Who each objective was given to: to a unit by the Quality Representative, to staff by the unit head. */
export async function recordAssignments(
  dataSource: DataSource,
  facts: AssignmentFacts | RecordWithEvent<AssignmentEntity>,
): Promise<void> {
  if (isLegacyRecord(facts)) return recordLegacyRows(dataSource, AssignmentEntity, facts);
  const { cycleId, assignmentId, taskId } = facts;
  if (facts.step === 'delegated-to-units') {
    await write(
      dataSource,
      facts.delegations.map((d) =>
        insertRow(AssignmentEntity, {
          id: `${assignmentId}/unit/${d.objectiveId}`,
          cycleId,
          objectiveId: d.objectiveId,
          level: 'unit',
          unitCode: d.unitCode,
          assigneeUserId: d.unitHeadUserId,
          assignedBy: facts.delegatedBy,
          assignedAt: facts.delegatedAt,
          taskId,
        }),
      ),
      logEntry(
        cycleId,
        `${assignmentId}/delegated`,
        'objectives.delegated',
        facts.delegatedBy,
        facts.delegatedAt,
        {
          delegations: facts.delegations.map(({ objectiveId, unitCode }) => ({ objectiveId, unitCode })),
        },
      ),
    );
    return;
  }
  await write(
    dataSource,
    facts.staffDelegations.map((s) =>
      insertRow(AssignmentEntity, {
        id: `${assignmentId}/staff/${s.objectiveId}`,
        cycleId,
        objectiveId: s.objectiveId,
        level: 'staff',
        unitCode: facts.unitCode,
        assigneeUserId: s.userId,
        assignedBy: facts.acceptedBy,
        assignedAt: facts.acceptedAt,
        taskId,
      }),
    ),
    logEntry(cycleId, `${taskId}/accepted`, 'objectives.unit-accepted', facts.acceptedBy, facts.acceptedAt, {
      unitCode: facts.unitCode,
      staffDelegations: facts.staffDelegations,
      ...(facts.deemed ? { deemed: true as const } : {}),
    }),
  );
}
