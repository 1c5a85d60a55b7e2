import type { EntityManager } from 'typeorm';
import { In, Not, IsNull } from 'typeorm';
import {
  earlierYearResult,
  qmsPerformance,
  TREND_YEARS,
  type EarlierYear,
  type EarlierYearResult,
  type QmsPerformance,
  type IndicatorEvaluation,
  type Objective,
  type ObjectiveStatus,
} from '@qcycle/domain';
import {
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  MeasurementEntity,
  ObjectiveResultEntity,
  TaskEntity,
} from './entities/cycle-records.entities';
import { QualityCycleEntity } from './entities/quality-cycle.entity';

/**
 * How each of a year's objectives ended the organisation's earlier years that ran in qcycle (up to
 * TREND_YEARS, latest first), from their `objective_results`: the trend ISO 9.3.2 c and 9.1.3 ask
 * for, read by the management review's inputs and the objectives report. A rehearsal's year is no
 * trend of the real ones; an objective no earlier year closed is absent.
 */
export async function earlierYearResults(
  manager: EntityManager,
  organisationCode: string,
  year: number,
  objectives: readonly Objective[],
): Promise<Map<string, EarlierYearResult[]>> {
  const cycleIdOf = (earlier: number) => `${organisationCode}-${earlier}`;
  const years = Array.from({ length: TREND_YEARS }, (_, i) => year - 1 - i);
  const cycleIds = years.map(cycleIdOf);
  const [rows, rehearsals] = await Promise.all([
    manager.find(ObjectiveResultEntity, { where: { cycleId: In(cycleIds) } }),
    manager.find(QualityCycleEntity, { select: { id: true }, where: { id: In(cycleIds), rehearsal: true } }),
  ]);
  const rehearsed = new Set(rehearsals.map((cycle) => cycle.id));
  const results = new Map<string, EarlierYearResult[]>();
  for (const objective of objectives) {
    const earlier = years.flatMap((earlierYear) => {
      const row = rows.find((r) => r.objectiveId === objective.id && r.cycleId === cycleIdOf(earlierYear));
      if (!row || rehearsed.has(row.cycleId)) return [];
      const closed = {
        objectiveId: row.objectiveId,
        status: row.status as ObjectiveStatus,
        indicators: row.indicators as IndicatorEvaluation[],
      };
      const result = earlierYearResult(earlierYear, closed, objective);
      return result ? [result] : [];
    });
    if (earlier.length > 0) results.set(objective.id, earlier);
  }
  return results;
}

/**
 * The figures of the organisation's earlier years besides their objectives — process performance,
 * nonconformities and corrective actions, audit results (ISO 9.3.2 c 3, 4, 6) — counted from each
 * year's records as the review counts this year's (libs/domain `qmsPerformance`), for their trend.
 * Only the years that closed in qcycle, latest first, up to TREND_YEARS; a rehearsal is no trend of
 * the real ones, and a cancelled year's figures stopped part-way.
 */
export async function earlierYearPerformance(
  manager: EntityManager,
  organisationCode: string,
  year: number,
): Promise<EarlierYear<QmsPerformance>[]> {
  const years = Array.from({ length: TREND_YEARS }, (_, i) => year - 1 - i);
  const closed = await manager.find(QualityCycleEntity, {
    select: { id: true, year: true, rehearsal: true },
    where: { id: In(years.map((earlier) => `${organisationCode}-${earlier}`)), status: 'closed' },
  });
  const real = closed.filter((cycle) => cycle.rehearsal !== true).sort((a, b) => b.year - a.year);
  if (real.length === 0) return [];
  const cycleId = In(real.map((cycle) => cycle.id));
  const [tasks, paperReports, correctiveActions, audits, auditSteps] = await Promise.all([
    manager.find(TaskEntity, {
      select: { id: true, cycleId: true, status: true, late: true, escalationLevel: true },
      where: { cycleId },
    }),
    manager.find(MeasurementEntity, {
      select: { id: true, cycleId: true, taskId: true, late: true },
      where: { cycleId, paperReportDate: Not(IsNull()) },
    }),
    manager.find(CorrectiveActionEntity, {
      select: { id: true, cycleId: true, status: true },
      where: { cycleId },
    }),
    manager.find(AuditEntity, { select: { id: true, cycleId: true, status: true }, where: { cycleId } }),
    manager.find(AuditStepEntity, { select: { id: true, cycleId: true, result: true }, where: { cycleId } }),
  ]);
  return real.map((cycle) => {
    const of = <T extends { cycleId: string }>(rows: T[]) => rows.filter((row) => row.cycleId === cycle.id);
    return {
      year: cycle.year,
      ...qmsPerformance({
        tasks: of(tasks),
        paperReports: of(paperReports).map((m) => ({ taskId: m.taskId, late: Boolean(m.late) })),
        correctiveActions: of(correctiveActions),
        audits: of(audits),
        auditSteps: of(auditSteps),
      }),
    };
  });
}
