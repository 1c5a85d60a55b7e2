import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  QcycleError,
  QcycleErrorCode,
  type ErrorLanguage,
  type TaskUrgedRecently,
  type UrgedAlongside,
} from '@qcycle/contracts';
import { RoleAssignmentEntity, TaskEntity, UserEntity } from '@qcycle/persistence';
import { unitOfWork } from '@qcycle/domain';
import type { Principal } from '../auth/principal';
import { TasksService } from '../tasks/tasks.service';
import { requireCycleOf, requireUnitOf, taskBrief } from './cycle-scope';
import {
  URGE_REFUSAL_CODES,
  type RefusedUrgeView,
  type UnitUrgeView,
  type UrgeRefusalCode,
  type UrgeUnitTasksDto,
  type UrgedTaskView,
} from './dto/task-urges.dto';

/**
 * Urges the assignees of several of a unit's open tasks at once ("Đôn đốc cả đơn vị": the dashboard's
 * overdue tasks of a division) — each task exactly as `POST /tasks/{id}/urge` urges it
 * (`TasksService.urge`: the same checks, the workflow's `urgeTask` Update and its once-a-day rule, the
 * same event and mail), with this request's id, so a retry with the same x-request-id urges none
 * twice. Those who answer for the unit (its heads) get one copy for the request, listing every task
 * urged, not one per task: it goes with the urge of one task, whose assignee is not a head when any
 * is (a head would not be copied on their own task), sent after the others so that it lists only
 * those that were urged.
 */
@Injectable()
export class TaskUrgesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
  ) {}

  async urgeUnit(
    caller: Principal,
    cycleId: string,
    { unitCode, taskIds, note }: UrgeUnitTasksDto,
    requestId: string,
    language: ErrorLanguage,
  ): Promise<UnitUrgeView> {
    await requireCycleOf(this.dataSource, caller, cycleId);
    await requireUnitOf(this.dataSource, caller, unitCode, 'urgeNotAllowed');
    const rows = await this.dataSource.getRepository(TaskEntity).findBy({ cycleId, id: In(taskIds) });
    const byId = new Map(rows.map((task) => [task.id, task]));
    // Every task named must be the unit's work in this cycle: anything else is a mistake of the
    // request (422 naming them), not a refusal of one urge.
    const strangers = taskIds.filter((id) => {
      const task = byId.get(id);
      return !task || unitOfWork(task) !== unitCode;
    });
    if (strangers.length > 0)
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'default',
        { fields: 'taskIds' },
        {
          fields: {
            taskIds: strangers.map((id) => `${id} is not a task of unit ${unitCode}'s work in ${cycleId}`),
          },
        },
      );
    const tasks = taskIds.map((id) => byId.get(id) as TaskEntity);

    const heads = new Set(
      (
        await this.dataSource
          .getRepository(RoleAssignmentEntity)
          .findBy({ organisationCode: caller.organisationCode, role: 'unit-head', scope: unitCode })
      ).map((assignment) => assignment.userId),
    );
    const carrier = tasks.find((task) => !heads.has(task.assigneeUserId)) ?? tasks[0];

    const outcomes = new Map<string, UrgedTaskView | RefusedUrgeView>();
    const urgeOne = async (task: TaskEntity, inBatch: Parameters<TasksService['urge']>[4]) => {
      try {
        const result = await this.tasks.urge(caller, task.id, note, requestId, inBatch);
        outcomes.set(task.id, {
          ...taskBrief(task),
          assigneeUserId: result.assigneeUserId,
          number: result.number,
          urgedAt: result.urgedAt,
        });
        return result;
      } catch (error) {
        outcomes.set(task.id, refusalOf(task, error, language));
        return undefined;
      }
    };
    // One after the other: each is an Update of its task's workflow, and a unit has a handful.
    for (const task of tasks) if (task !== carrier) await urgeOne(task, { copies: false });
    const names = await this.namesOf(caller.organisationCode, tasks);
    const alsoUrged: UrgedAlongside[] = tasks
      .filter((task) => task !== carrier && 'number' in (outcomes.get(task.id) ?? {}))
      .map((task) => ({
        taskId: task.id,
        title: task.title,
        assigneeName: names.get(task.assigneeUserId) ?? task.assigneeUserId,
        ...(task.dueAt ? { dueAt: task.dueAt } : {}),
      }));
    const carried = await urgeOne(carrier, { copies: true, alsoUrged });

    const answers = tasks.map((task) => outcomes.get(task.id) as UrgedTaskView | RefusedUrgeView);
    return {
      cycleId,
      unitCode,
      urged: answers.filter((answer): answer is UrgedTaskView => 'number' in answer),
      refused: answers.filter((answer): answer is RefusedUrgeView => 'code' in answer),
      copiedTo: carried?.copiedTo ?? [],
    };
  }

  /** The assignees' names as the directory has them now, for the copy's list. */
  private async namesOf(organisationCode: string, tasks: TaskEntity[]): Promise<Map<string, string>> {
    const people = await this.dataSource.getRepository(UserEntity).findBy({
      organisationCode,
      id: In([...new Set(tasks.map((task) => task.assigneeUserId))]),
    });
    return new Map(people.map((person) => [person.id, person.fullName]));
  }
}

/**
 * A task's refusal, as `POST /tasks/{id}/urge` would have answered it: its code, its message in the
 * caller's language, when it was urged and from when it can be again. Anything else — the workflow not
 * answering in time (503: retry with the same x-request-id, which urges none twice), a fault — is the
 * request's.
 */
function refusalOf(task: TaskEntity, error: unknown, language: ErrorLanguage): RefusedUrgeView {
  if (!(error instanceof QcycleError) || !(URGE_REFUSAL_CODES as readonly string[]).includes(error.code))
    throw error;
  const recently = error.details as Partial<TaskUrgedRecently> | undefined;
  return {
    ...taskBrief(task),
    code: error.code as UrgeRefusalCode,
    message: error.messageIn(language),
    ...(recently?.urgedAt && recently.againFrom
      ? { urgedAt: recently.urgedAt, againFrom: recently.againFrom }
      : {}),
  };
}
