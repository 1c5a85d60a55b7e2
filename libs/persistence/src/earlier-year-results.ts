import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import {
  earlierYearResult,
  TREND_YEARS,
  type EarlierYearResult,
  type IndicatorEvaluation,
  type Objective,
  type ObjectiveStatus,
} from '@qcycle/domain';
import { ObjectiveResultEntity } from './entities/cycle-records.entities';
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
