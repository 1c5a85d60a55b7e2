import type { DataSource } from 'typeorm';
import { objectiveYearResult } from '@qcycle/domain';
import { ObjectiveResultEntity, QualityCycleEntity } from '@qcycle/persistence';
import { logEntry } from './cycle-record.activities';
import type { YearResultFacts } from './quality-record-facts';
import { insertRow, isLegacyRecord, recordLegacyRows, write, type RecordWithEvent } from './record-writes';

/** The year's close: one result row per objective, the cycle closed, and `cycle.closed` with the results. */
export async function recordObjectiveResults(
  dataSource: DataSource,
  facts: YearResultFacts | (RecordWithEvent<ObjectiveResultEntity> & { status: 'closed'; at: string }),
): Promise<void> {
  const closedAt = isLegacyRecord(facts) ? facts.at : facts.closedAt;
  if (isLegacyRecord(facts)) await recordLegacyRows(dataSource, ObjectiveResultEntity, facts);
  else {
    const { cycleId, evaluations } = facts;
    await write(
      dataSource,
      evaluations.map((e) =>
        insertRow(ObjectiveResultEntity, {
          id: `${cycleId}/${e.objectiveId}`,
          cycleId,
          objectiveId: e.objectiveId,
          status: e.status,
          indicators: e.indicators,
          computedAt: closedAt,
        }),
      ),
      logEntry(cycleId, `${facts.cycleWorkflowId}/closed`, 'cycle.closed', 'system', closedAt, {
        results: evaluations.map((evaluation) => {
          const { objectiveId, result, explanation } = objectiveYearResult(evaluation);
          return {
            objectiveId,
            status: evaluation.status,
            result,
            ...(explanation ? { explanation } : {}),
          };
        }),
        auditStatus: facts.auditStatus,
        reviewStatus: facts.reviewStatus,
        objective1JudgedBy: facts.objective1JudgedBy ?? 'engine',
        correctiveActionsCarriedForward: facts.correctiveActionsCarriedForward,
      }),
    );
  }
  await dataSource
    .getRepository(QualityCycleEntity)
    .update({ id: facts.cycleId }, { status: 'closed', phase: 'closing', updatedAt: closedAt });
}
