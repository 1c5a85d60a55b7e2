import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  CYCLE_ROLES,
  errorMessage,
  moveRoleUpdate,
  moveUnitWorkUpdate,
  parseQualityCycleId,
  QcycleError,
  QcycleErrorCode,
  qualityCycleWorkflowId,
  type CycleRole,
  type ErrorLanguage,
  type PersonRef,
} from '@qcycle/contracts';
import type { UpdateDefinition } from '@temporalio/client';
import { EventLogEntryEntity, RoleAssignmentEntity, TaskEntity, UserEntity } from '@qcycle/persistence';
import { problemInLanguage, unitOfWork, type ValidationProblem } from '@qcycle/domain';
import { hasRole, type Principal } from '../auth/principal';
import { TasksService } from '../tasks/tasks.service';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import { cycleNotRunning, updateRunningWorkflow } from '../common/workflow-update-refusal';
import { requireCycleOf, requireUnitOf, taskBrief } from './cycle-scope';
import {
  HANDOVER_REFUSAL_CODES,
  type HandOverTasksDto,
  type HandedOverTaskView,
  type HandoverRefusalCode,
  type RefusedHandoverView,
  type TaskHandoverView,
} from './dto/task-handover.dto';

/**
 * Hands every open task one person holds in a cycle to someone else at once — someone who left
 * (retired, transferred) holds 10–30 of them, each of which would otherwise be found and handed over
 * on its own page. Each task goes exactly the way `POST /tasks/{id}/reassign` sends it
 * (`TasksService.reassign`: the same checks, the workflow's `reassignTask` Update and its validator,
 * `fromLeft` from the directory, the same event and notice), one after the other, with this request's
 * id: the update id `<taskId>/reassign/<requestId>` already names the task, so a retry with the same
 * x-request-id gives none twice. What the workflow refuses stays with its holder and is answered with
 * why, as the single route's refusal would say it.
 */
@Injectable()
export class TaskHandoversService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async handOver(
    caller: Principal,
    cycleId: string,
    { fromUserId, toUserId, reason, unitCode }: HandOverTasksDto,
    requestId: string,
    language: ErrorLanguage,
  ): Promise<TaskHandoverView> {
    await requireCycleOf(this.dataSource, caller, cycleId);
    // The successor first, as the single route checks them: an active person of the organisation
    // now (422 naming toUserId), not the one whose tasks these are.
    const to = await this.tasks.reassignmentTarget(caller.organisationCode, toUserId);
    if (toUserId === fromUserId)
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'default',
        { fields: 'toUserId' },
        { fields: { toUserId: ['must be someone else than fromUserId'] } },
      );

    if (unitCode !== undefined) await requireUnitOf(this.dataSource, caller, unitCode, 'reassignNotAllowed');
    // The caller's to hand over, of the unit asked for.
    const handed = (task: TaskEntity) =>
      this.mayHandOver(caller, task) && (unitCode === undefined || unitOfWork(task) === unitCode);

    const tasks = this.dataSource.getRepository(TaskEntity);
    const open = (
      await tasks.find({
        where: { cycleId, assigneeUserId: fromUserId, status: 'open' },
        order: { openedAt: 'ASC', id: 'ASC' },
      })
    ).filter(handed);

    const handedOver: HandedOverTaskView[] = await this.handedOverBefore(cycleId, requestId, handed, {
      fromUserId,
      toUserId,
      still: new Set(open.map((task) => task.id)),
    });
    const refused: RefusedHandoverView[] = [];
    // One after the other: a workflow answers its Updates in turn anyway, and a year holds tens of
    // someone's tasks, not thousands.
    for (const task of open) {
      try {
        // Taken only from fromUserId: a task someone handed elsewhere since it was read stays there.
        const result = await this.tasks.reassign(
          caller,
          task.id,
          // A unit's work moved: its reports' later periods go with it (ReassignTaskRequest.movesUnitWork).
          { toUserId, reason, ifAssignedTo: fromUserId, movesUnitWork: unitCode !== undefined },
          requestId,
        );
        handedOver.push({ ...taskBrief(task), assigneeUserId: result.assigneeUserId });
      } catch (error) {
        refused.push(refusalOf(task, error, language));
      }
    }
    // Read once, after the tasks: whether fromUserId has left decides both what they keep of the
    // year's roles and whether their units' work goes with their tasks.
    const fromLeft = !(await this.dataSource
      .getRepository(UserEntity)
      .existsBy({ id: fromUserId, organisationCode: caller.organisationCode, active: true }));
    // A role first: the Quality Representative's takes with it the units they stood in for.
    const rolesTakenOver =
      unitCode === undefined && hasRole(caller, 'quality-representative')
        ? await this.moveRoles(caller, cycleId, { fromUserId, fromLeft, to: to.person, reason, requestId })
        : [];
    const unitsTakenOver = await this.moveUnitWork(caller, cycleId, {
      fromUserId,
      fromLeft,
      to: to.person,
      reason,
      unitCode,
      requestId,
      withRole: rolesTakenOver.includes('quality-representative'),
    });
    return {
      cycleId,
      fromUserId,
      toUserId,
      unitCode: unitCode ?? null,
      handedOver,
      refused,
      unitsTakenOver,
      rolesTakenOver,
    };
  }

  /**
   * The year's roles `fromUserId` no longer holds in the directory (they left, or it was given to
   * someone else) and `to` holds now: the cycle's `moveRole` Update for each, which moves it only
   * while `fromUserId` holds it this year, and answers whether it did. Someone away for a while keeps
   * their role (they still hold it in the directory): their tasks alone are handed over.
   */
  private async moveRoles(
    caller: Principal,
    cycleId: string,
    move: { fromUserId: string; fromLeft: boolean; to: PersonRef; reason: string; requestId: string },
  ): Promise<CycleRole[]> {
    const [fromHolds, toHolds] = await Promise.all([
      move.fromLeft ? new Set<CycleRole>() : this.rolesGiven(caller.organisationCode, move.fromUserId),
      // The successor is active: reassignmentTarget has checked.
      this.rolesGiven(caller.organisationCode, move.to.userId),
    ]);
    const moved: CycleRole[] = [];
    for (const role of CYCLE_ROLES.filter((role) => toHolds.has(role) && !fromHolds.has(role))) {
      const answer = await this.updateCycle(
        caller,
        cycleId,
        moveRoleUpdate,
        `role/${role}/${move.requestId}`,
        {
          actorUserId: caller.userId,
          fromUserId: move.fromUserId,
          to: move.to,
          role,
          reason: move.reason,
          requestId: move.requestId,
        },
      );
      if (answer?.moved) moved.push(role);
    }
    return moved;
  }

  /** The year's roles the directory gives an active person now. */
  private async rolesGiven(organisationCode: string, userId: string): Promise<Set<CycleRole>> {
    const assignments = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .findBy({ userId, organisationCode, role: In([...CYCLE_ROLES]) });
    return new Set(assignments.map((assignment) => assignment.role as CycleRole));
  }

  /**
   * What the year opens later for a unit goes to the one taking its work over (the cycle's
   * `moveUnitWork` Update): the unit named, or — handing over someone who left, or the Quality
   * Representative's role (`withRole`) — every unit whose work they held (the Quality Representative)
   * or those of them the caller heads. The cycle moves only the units `fromUserId` holds the work of,
   * and answers which; a cycle no longer running has none to move. The update id carries the request
   * id: a retry moves nothing twice.
   */
  private async moveUnitWork(
    caller: Principal,
    cycleId: string,
    move: {
      fromUserId: string;
      fromLeft: boolean;
      to: PersonRef;
      reason: string;
      unitCode?: string;
      requestId: string;
      withRole: boolean;
    },
  ): Promise<string[]> {
    const unitCodes =
      move.unitCode !== undefined
        ? [move.unitCode]
        : !move.fromLeft && !move.withRole
          ? []
          : hasRole(caller, 'quality-representative')
            ? undefined
            : caller.headOfUnits;
    if (unitCodes?.length === 0) return [];
    const moved = await this.updateCycle(caller, cycleId, moveUnitWorkUpdate, `unit-work/${move.requestId}`, {
      actorUserId: caller.userId,
      fromUserId: move.fromUserId,
      to: move.to,
      reason: move.reason,
      ...(unitCodes ? { unitCodes } : {}),
      requestId: move.requestId,
    });
    return moved?.unitCodes ?? [];
  }

  /**
   * One of the cycle's own Updates, with its update id (a retry is answered, not applied twice);
   * undefined for a year closed (or closing, or never run by a workflow), which opens nothing more:
   * its open tasks alone were handed over.
   */
  private async updateCycle<Ret, Arg>(
    caller: Principal,
    cycleId: string,
    update: UpdateDefinition<Ret, [Arg]>,
    updateId: string,
    arg: Arg,
  ): Promise<Ret | undefined> {
    const key = parseQualityCycleId(cycleId);
    if (!key) return undefined;
    const handle = this.temporal.client.workflow.getHandle(
      qualityCycleWorkflowId(key.organisationCode, key.year),
    );
    try {
      return await updateRunningWorkflow(
        this.temporal.client,
        handle,
        update,
        { updateId, args: [arg] },
        { notRunning: cycleNotRunning(cycleId), notFound: () => cycleNotRunning(cycleId)('NOT_FOUND') },
      );
    } catch (error) {
      if (error instanceof QcycleError && error.code === QcycleErrorCode.Conflict) return undefined;
      throw error;
    }
  }

  /**
   * Whom the single route lets hand this task over: the Quality Representative any, a unit head their
   * units' work (not an auditor's task in their unit) — the others are none of theirs, and not listed.
   */
  private mayHandOver(caller: Principal, task: TaskEntity): boolean {
    const unit = unitOfWork(task);
    return hasRole(caller, 'quality-representative') || (unit !== null && caller.headOfUnits.includes(unit));
  }

  /**
   * The tasks an earlier attempt of this request (same x-request-id) gave from `fromUserId` to
   * `toUserId`, as the event log records them: a retry answers them again rather than losing them
   * from its answer (they are no longer `fromUserId`'s to find).
   */
  private async handedOverBefore(
    cycleId: string,
    requestId: string,
    handed: (task: TaskEntity) => boolean,
    { fromUserId, toUserId, still }: { fromUserId: string; toUserId: string; still: ReadonlySet<string> },
  ): Promise<HandedOverTaskView[]> {
    const events = await this.dataSource
      .getRepository(EventLogEntryEntity)
      .findBy({ cycleId, type: 'task.reassigned', requestId });
    const taskIds = [
      ...new Set(
        events
          .map((event) => event.payload as { taskId?: string; from?: string; to?: string })
          .filter((payload) => payload.from === fromUserId && payload.to === toUserId && payload.taskId)
          .map((payload) => payload.taskId as string)
          .filter((taskId) => !still.has(taskId)),
      ),
    ];
    if (taskIds.length === 0) return [];
    const tasks = await this.dataSource
      .getRepository(TaskEntity)
      .find({ where: { id: In(taskIds) }, order: { openedAt: 'ASC', id: 'ASC' } });
    return tasks.filter(handed).map((task) => ({ ...taskBrief(task), assigneeUserId: toUserId }));
  }
}

/**
 * A task's refusal, as `POST /tasks/{id}/reassign` would have answered it: its code, its message in
 * the caller's language, the workflow's problems. Anything else — the workflow not answering in time
 * (503: retry with the same x-request-id, which gives none twice), a fault — is the request's.
 */
function refusalOf(task: TaskEntity, error: unknown, language: ErrorLanguage): RefusedHandoverView {
  if (!(error instanceof QcycleError) || !(HANDOVER_REFUSAL_CODES as readonly string[]).includes(error.code))
    throw error;
  const problems = (error.details?.problems as ValidationProblem[] | undefined) ?? [];
  const currentAssignee = error.details?.currentAssignee as RefusedHandoverView['currentAssignee'];
  const fields = (error.details?.fields as Record<string, string[]> | undefined) ?? {};
  return {
    ...taskBrief(task),
    code: error.code as HandoverRefusalCode,
    // The single route's words speak of a page the caller opened; here no page was.
    message:
      error.variant === 'taskHandedOverMeanwhile'
        ? errorMessage(QcycleErrorCode.Conflict, 'taskHandedOverDuringHandover', error.params, language)
        : error.messageIn(language),
    problems: [
      ...problems.map((problem) => problemInLanguage(problem, language)),
      ...Object.entries(fields).flatMap(([path, reasons]) =>
        reasons.map((reason) => ({ path, code: 'invalid-value', reason })),
      ),
    ],
    ...(currentAssignee ? { currentAssignee } : {}),
  };
}
