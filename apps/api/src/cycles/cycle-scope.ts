import type { DataSource } from 'typeorm';
import { parseQualityCycleId, QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { OrganisationUnitEntity, QualityCycleEntity, TaskEntity } from '@qcycle/persistence';
import { hasRole, type Principal } from '../auth/principal';
import type { TaskBriefView } from './dto/task-brief.view';

/**
 * The checks a request about many of a cycle's tasks at once makes before any of them (a hand-over of
 * all someone's tasks, an urge of a unit's): the cycle, and the unit named.
 */

/** 404 for a cycle that is not recorded, or not of the caller's organisation. */
export async function requireCycleOf(
  dataSource: DataSource,
  caller: Principal,
  cycleId: string,
): Promise<void> {
  const known =
    parseQualityCycleId(cycleId)?.organisationCode === caller.organisationCode &&
    ((await dataSource.getRepository(QualityCycleEntity).existsBy({ id: cycleId })) ||
      (await dataSource.getRepository(TaskEntity).existsBy({ cycleId })));
  if (!known) throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
}

/**
 * A unit the caller acts for: one of the organisation's (422 naming unitCode otherwise), and, for a
 * unit head, one they head (403 with `notYours`: the others' tasks are none of theirs).
 */
export async function requireUnitOf(
  dataSource: DataSource,
  caller: Principal,
  unitCode: string,
  notYours: 'reassignNotAllowed' | 'urgeNotAllowed',
): Promise<void> {
  const known = await dataSource
    .getRepository(OrganisationUnitEntity)
    .existsBy({ organisationCode: caller.organisationCode, code: unitCode });
  if (!known)
    throw new QcycleError(
      QcycleErrorCode.RuleViolated,
      'default',
      { fields: 'unitCode' },
      { fields: { unitCode: [`no unit ${unitCode} in your organisation`] } },
    );
  if (!hasRole(caller, 'quality-representative') && !caller.headOfUnits.includes(unitCode))
    throw new QcycleError(QcycleErrorCode.Forbidden, notYours);
}

/** A task as an answer about many at once names it. */
export function taskBrief(task: TaskEntity): TaskBriefView {
  return { taskId: task.id, kind: task.kind, title: task.title };
}
