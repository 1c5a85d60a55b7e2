import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UpdateDefinition } from '@temporalio/common';
import { Brackets, DataSource, In } from 'typeorm';
import {
  commentTaskUpdate,
  completeTaskUpdate,
  parseQualityCycleId,
  QcycleError,
  QcycleErrorCode,
  reassignTaskUpdate,
  urgeTaskUpdate,
  type PersonRef,
  type ReassignmentRole,
  type ReassignmentTarget,
  type TaskCommentResult,
  type TaskCompletionResult,
  type TaskHeldByOther,
  type TaskReassignmentResult,
  type TaskUrgedRecently,
  type TaskUrgeResult,
  type UrgedAlongside,
} from '@qcycle/contracts';
import {
  AuditEntity,
  AuditStepEntity,
  EventLogEntryEntity,
  evidenceFilesNamedIn,
  OrganisationUnitEntity,
  READ_ONLY_ROLES,
  RoleAssignmentEntity,
  TaskEntity,
  UserEntity,
} from '@qcycle/persistence';
import {
  claimsOnPaper,
  instantToVnLocal,
  openedAfterDue,
  PAPER_ANSWERED_KINDS,
  unitOfWork,
  type TaskKind,
} from '@qcycle/domain';
import { hasRole, type Principal } from '../auth/principal';
import { PrincipalService } from '../auth/principal.service';
import { TokenService, unauthenticated } from '../auth/token.service';
import { TaskLinkService } from '@qcycle/task-links';
import { decodeCursor, encodeCursor, pageWindow, type CursorPage } from '../common/pagination';
import { sortByName } from '../common/by-name';
import { escapeLike } from '../common/like-pattern';
import { sameJson } from '../common/same-json';
import {
  UPDATE_DEADLINE_MS,
  workflowRefusalCode,
  workflowRefusalFacts,
  workflowUpdateRefusal,
} from '../common/workflow-update-refusal';
import { personRef } from '../cycles/directory-roster.service';
import { previousAuditFindings } from '../cycles/previous-audit-findings';
import { checkEvidenceReferences } from '../evidence/evidence-references';
import { evidenceRecordOfTask } from '../evidence/evidence-record';
import { CycleStartSource } from '../temporal/cycle-start.source';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import type { MyTasksQuery, TaskDetailView, TaskSummaryView } from './dto/task.dto';
import { outcomeSchemaOf } from './task-outcome-schemas.openapi';

/** "Due soon" in the inbox: open and due within this many days. */
export const DUE_SOON_DAYS = 7;

/**
 * The inbox and task completion. Lists and details come from the task records (written by the
 * workflows' activities); completing goes to the owning workflow as the `completeTask` Update with
 * the task id as update id, so a retried click is applied once and answers the first result.
 */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientProvider,
    private readonly taskLinks: TaskLinkService,
    private readonly principals: PrincipalService,
    private readonly tokens: TokenService,
    private readonly starts: CycleStartSource,
  ) {}

  /** Tasks assigned to the caller or delegated to them: open ones soonest due first, done ones latest first. */
  async myTasks(caller: Principal, query: MyTasksQuery): Promise<CursorPage<TaskSummaryView>> {
    const { limit, offset } = pageWindow(query);
    const now = new Date();
    const qb = this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      // Three index lookups, OR-ed (a BitmapOr on PostgreSQL): tasks assigned to me by IDX (assignee,
      // status); delegated to me alone, whose JSON list is then exactly ["<my id>"] (simple-json; user
      // ids are UUIDs), by IDX_tasks_delegate_single; delegated to me among others (a comma in the
      // list), searched with LIKE among those only through IDX_tasks_delegates_many. Each arm repeats
      // its partial index's predicate so that both databases may use it.
      .where(
        new Brackets((w) =>
          w
            .where('t.assignee_user_id = :me', { me: caller.userId })
            .orWhere(`(t.delegate_user_ids <> '[]' AND t.delegate_user_ids = :alone)`, {
              alone: JSON.stringify([caller.userId]),
            })
            .orWhere(`(t.delegate_user_ids LIKE '%,%' AND t.delegate_user_ids LIKE :quoted)`, {
              quoted: `%"${caller.userId}"%`,
            }),
        ),
      );
    const status = query.status ?? 'open';
    if (status === 'done' && !query.due)
      qb.andWhere('t.status IN (:...done)', { done: ['completed', 'resolved'] });
    else if (status !== 'all' || query.due)
      qb.andWhere('t.status = :status', { status: query.due ? 'open' : status });
    if (query.due === 'overdue') qb.andWhere('t.due_at < :now', { now: now.toISOString() });
    if (query.due === 'soon')
      qb.andWhere('t.due_at >= :now AND t.due_at <= :soon', {
        now: now.toISOString(),
        soon: new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000).toISOString(),
      });
    if (query.kind) qb.andWhere('t.kind = :kind', { kind: query.kind });
    if (query.cycleId) qb.andWhere('t.cycle_id = :cycle', { cycle: query.cycleId });
    // The total counts the filters, not the cursor: it stays "how many match" on every page.
    const total = await qb.clone().getCount();
    // What is to do, by due date, soonest first; what was done, by when it closed, latest first: the
    // history a person looks back through. Undated last on both databases, then id; the cursor is
    // the last row's key.
    const done = status === 'done' && !query.due;
    const [column, key, direction, beyond] = done
      ? (['t.closed_at', 'closedAt', 'DESC', '<'] as const)
      : (['t.due_at', 'dueAt', 'ASC', '>'] as const);
    if (query.after) {
      const [at, id] = decodeCursor(query.after, 2);
      if (at === null) qb.andWhere(`${column} IS NULL AND t.id ${beyond} :afterId`, { afterId: id });
      else
        qb.andWhere(
          `(${column} ${beyond} :afterAt OR (${column} = :afterAt AND t.id ${beyond} :afterId) OR ${column} IS NULL)`,
          { afterAt: at, afterId: id },
        );
    }
    const rows = await qb
      .orderBy(column, direction, 'NULLS LAST')
      .addOrderBy('t.id', direction)
      .offset(offset)
      .limit(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    // Only this organisation's cycles: a user id never appears in another organisation's roster, but the rule holds here too.
    const own = page.filter(
      (task) => parseQualityCycleId(task.cycleId)?.organisationCode === caller.organisationCode,
    );
    const rehearsals = await this.starts.rehearsals(own.map((task) => task.cycleId));
    return {
      items: own.map((task) => summary(task, now, rehearsals)),
      total,
      limit,
      offset,
      nextCursor: rows.length > limit ? encodeCursor([last[key], last.id]) : null,
    };
  }

  /**
   * Exchanges a task link from a notification (single use, expiring, signed) for a short session
   * that opens exactly that task for exactly that user. A link whose task has moved on — closed, or
   * reassigned away from the link's person — is refused (409, libs/task-links), opening no session.
   */
  async openFromLink(
    taskId: string,
    token: string,
  ): Promise<{
    principal: Principal;
    session: { accessToken: string; expiresIn: number };
    task: TaskDetailView;
  }> {
    const claims = await this.taskLinks.consume(token, new Date(), taskId);
    const user = await this.principals.activeUser(claims.userId);
    if (!user) throw unauthenticated('taskLinkAccount');
    const principal: Principal = {
      ...(await this.principals.forUser(user, 'task-link')),
      onlyTaskId: taskId,
    };
    const task = await this.detail(principal, taskId);
    return { principal, session: await this.tokens.issueTaskScoped(user, taskId), task };
  }

  async detail(caller: Principal, taskId: string): Promise<TaskDetailView> {
    const task = await this.visibleTask(caller, taskId);
    // An audit step's task also says what last year's audit found in its unit (ISO 9.2.2 a).
    const [history, rehearsals, units, previousFindings, files, leadAuditor] = await Promise.all([
      this.dataSource
        .getRepository(EventLogEntryEntity)
        .createQueryBuilder('e')
        .where("e.cycle_id = :cycle AND e.id LIKE :prefix ESCAPE '\\'", {
          cycle: task.cycleId,
          prefix: `${escapeLike(task.id)}/%`,
        })
        .orderBy('e.occurred_at', 'ASC')
        .getMany(),
      this.starts.rehearsals([task.cycleId]),
      this.unitsOf(task.cycleId),
      task.kind === 'audit-step' && task.unitCode
        ? previousAuditFindings(this.dataSource.manager, task.cycleId, task.unitCode)
        : undefined,
      // A review's forms carry last year's actions with what they rest on.
      evidenceFilesNamedIn(this.dataSource, task.cycleId, [task.form, task.outcome], { yearBefore: true }),
      this.leadAuditorOf(task),
    ]);
    return {
      ...summary(task, new Date(), rehearsals),
      workflowId: task.workflowId,
      urgedAt: task.urgedAt,
      form: task.form,
      outcome: task.outcome,
      outcomeSchema: outcomeSchemaOf(task.kind),
      completedBy: task.completedBy,
      closedAt: task.closedAt,
      late: Boolean(task.late),
      history: history.map((e) => ({
        type: e.type,
        actor: e.actor,
        occurredAt: e.occurredAt,
        requestId: e.requestId,
        payload: e.payload,
      })),
      units,
      files,
      ...(previousFindings ? { previousFindings } : {}),
      ...(leadAuditor ? { leadAuditorUserId: leadAuditor } : {}),
    };
  }

  /** The units of a cycle's organisation, by code, with their names. */
  private async unitsOf(cycleId: string): Promise<TaskDetailView['units']> {
    const organisationCode = parseQualityCycleId(cycleId)?.organisationCode;
    if (!organisationCode) return [];
    const units = await this.dataSource
      .getRepository(OrganisationUnitEntity)
      .find({ where: { organisationCode }, order: { code: 'ASC' } });
    return units.map((unit) => ({ code: unit.code, name: { vi: unit.nameVi, en: unit.nameEn } }));
  }

  /**
   * Completes a task through its workflow. A repeat of the same answer by the same person answers
   * the first result (200) without asking the workflow again (it may have moved on or finished);
   * a different answer, or a task someone else completed, is a 409.
   */
  async complete(
    caller: Principal,
    taskId: string,
    outcome: Record<string, unknown>,
    requestId: string,
  ): Promise<TaskCompletionResult> {
    const task = await this.visibleTask(caller, taskId);
    if (!mayComplete(caller, task) && !mayEnterOnPaper(caller, task, outcome)) {
      throw new QcycleError(
        QcycleErrorCode.Forbidden,
        mayEnterOnPaper(caller, task, { onPaper: true }) ? 'completeNotOnPaper' : 'completeNotAssignee',
      );
    }
    // A delegate after the assignee (or the other way round) gets 409 from repeated().
    if (task.status === 'completed') return this.repeated(caller, task, outcome);
    if (task.status !== 'open')
      throw new QcycleError(
        QcycleErrorCode.Conflict,
        'taskStatus',
        { taskId, status: task.status },
        {
          status: task.status,
        },
      );
    // The files the answer names are on its task's record (a text naming a paper record is no file).
    await checkEvidenceReferences(
      this.dataSource,
      task.cycleId,
      evidenceRecordOfTask(task),
      outcome.evidence,
      QcycleErrorCode.OutcomeRefused,
    );
    let result: TaskCompletionResult;
    try {
      result = await this.updateOf(task, completeTaskUpdate, taskId, {
        taskId,
        actorUserId: caller.userId,
        outcome: outcome as never,
        requestId,
      });
    } catch (error) {
      const answer = await this.refusal(error, caller, taskId, outcome);
      if (answer instanceof CompletedMeanwhile) return answer.result;
      throw answer;
    }
    return this.ownResult(caller, taskId, outcome, result, requestId);
  }

  /**
   * Temporal answers an Update whose id it has seen with that Update's result, whatever the new
   * request carried: two completions racing with the task id as update id (a delegate and the
   * assignee, or two tabs with different answers) would both get the winner's 200. The result names
   * the winning request: this request's own id means this answer won. Otherwise the winner's record,
   * written before the Update answers, tells whose answer this was: someone else's, or a different
   * one, is a 409 as for a completion that arrives afterwards (test/faults races).
   */
  private async ownResult(
    caller: Principal,
    taskId: string,
    outcome: Record<string, unknown>,
    { requestId: winner, ...result }: TaskCompletionResult,
    requestId: string,
  ): Promise<TaskCompletionResult> {
    if (winner === requestId && result.completedBy === caller.userId) return result;
    const recorded = await this.dataSource.getRepository(TaskEntity).findOneBy({ id: taskId });
    if (recorded?.status === 'completed') await this.repeated(caller, recorded, outcome);
    else if (result.completedBy !== caller.userId)
      throw new QcycleError(
        QcycleErrorCode.Conflict,
        'taskCompletedByOther',
        { taskId },
        {
          completedBy: result.completedBy,
        },
      );
    return result;
  }

  /**
   * Gives an open task to someone else (the Quality Representative, or the head of the task's unit):
   * an active person of the organisation's directory now (422 naming toUserId otherwise), whom the
   * workflow is sent with the facts its rules read (`ReassignmentTarget`); the workflow checks they
   * fit the task. The update id carries the request id, so a client retrying with the same
   * x-request-id reassigns once.
   */
  async reassign(
    caller: Principal,
    taskId: string,
    {
      toUserId,
      reason,
      ifAssignedTo,
      movesUnitWork,
    }: { toUserId: string; reason: string; ifAssignedTo?: string; movesUnitWork?: boolean },
    requestId: string,
  ): Promise<TaskReassignmentResult> {
    const task = await this.visibleTask(caller, taskId);
    if (!oversees(caller, task)) throw new QcycleError(QcycleErrorCode.Forbidden, 'reassignNotAllowed');
    this.assertOpen(task);
    const to = await this.reassignmentTarget(caller.organisationCode, toUserId);
    // Whether the one who has it left the directory: a report taken from them takes the objective's
    // later reports with it (docs/workflows.md "Someone leaves during the year").
    const fromLeft = !(await this.dataSource
      .getRepository(UserEntity)
      .existsBy({ id: task.assigneeUserId, organisationCode: caller.organisationCode, active: true }));
    try {
      return await this.updateOf(task, reassignTaskUpdate, `${taskId}/reassign/${requestId}`, {
        taskId,
        actorUserId: caller.userId,
        toUserId,
        reason,
        requestId,
        to,
        // As checked above, from the directory now: a successor may hand over what the year's
        // roster still gives their predecessor.
        by: {
          qualityRepresentative: hasRole(caller, 'quality-representative'),
          headOfUnits: [...caller.headOfUnits],
        },
        fromLeft,
        ...(movesUnitWork ? { movesUnitWork } : {}),
        ifAssignedTo,
      });
    } catch (error) {
      // A refused person or reason is the request's rule (RULE_VIOLATED naming toUserId or reason), not an outcome's.
      const answer = await this.refusal(error, caller, taskId, undefined, {
        invalid: QcycleErrorCode.RuleViolated,
        // Handed to someone else meanwhile: said with who holds it now, so the caller decides again.
        conflict: (refused) => {
          const heldBy = workflowRefusalFacts<TaskHeldByOther>(refused)?.heldBy;
          return heldBy
            ? new QcycleError(
                QcycleErrorCode.Conflict,
                'taskHandedOverMeanwhile',
                { name: heldBy.name },
                { currentAssignee: { userId: heldBy.userId, name: heldBy.name } },
              )
            : undefined;
        },
      });
      if (answer instanceof CompletedMeanwhile)
        throw new QcycleError(QcycleErrorCode.Conflict, 'taskCompletedMeanwhile', { taskId });
      throw answer;
    }
  }

  /**
   * The person a task is given to, from the directory as it is now: active, of the caller's
   * organisation (422 naming toUserId otherwise), with the roles the workflow's rules ask about.
   * Also the hand-over of all of someone's tasks' first check (cycles/task-handovers.service.ts).
   */
  async reassignmentTarget(organisationCode: string, toUserId: string): Promise<ReassignmentTarget> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOneBy({ id: toUserId, organisationCode, active: true });
    if (!user)
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'default',
        { fields: 'toUserId' },
        {
          fields: { toUserId: [`no active user ${toUserId} in your organisation`] },
        },
      );
    const assignments = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .findBy({ userId: user.id, organisationCode });
    // The certification body's auditor reads and does nothing: a task given to them would be refused
    // at its completion, and stay undone.
    if (assignments.length > 0 && assignments.every((a) => READ_ONLY_ROLES.includes(a.role)))
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'default',
        { fields: 'toUserId' },
        {
          fields: {
            toUserId: [`${user.fullName} only reads (external auditor): a task cannot be given to them`],
          },
        },
      );
    const roles = [...new Set(assignments.map((a) => a.role))].filter((role): role is ReassignmentRole =>
      (REASSIGNMENT_ROLES as readonly string[]).includes(role),
    );
    // As the roster writes a person, so the record and the notice read alike.
    return {
      person: personRef(user),
      roles: roles.sort(),
    };
  }

  private async repeated(
    caller: Principal,
    task: TaskEntity,
    outcome: Record<string, unknown>,
  ): Promise<TaskCompletionResult> {
    if (task.completedBy !== caller.userId) {
      throw new QcycleError(
        QcycleErrorCode.Conflict,
        'taskCompletedByOther',
        { taskId: task.id },
        { completedBy: task.completedBy },
      );
    }
    if (!sameJson(task.outcome, outcome)) {
      throw new QcycleError(
        QcycleErrorCode.Conflict,
        'taskCompletedDifferently',
        { taskId: task.id },
        { outcome: task.outcome },
      );
    }
    return {
      taskId: task.id,
      status: 'completed',
      completedBy: task.completedBy,
      completedAt: task.closedAt ?? task.openedAt,
      late: Boolean(task.late),
    };
  }

  /**
   * The workflow's refusal, passed through with its meaning: 403 not yours, 409 not open (or the
   * route's own words for a CONFLICT whose facts it reads, `conflict`, as every route's
   * `workflowUpdateRefusal`), 422 answer refused.
   */
  private async refusal(
    error: unknown,
    caller: Principal,
    taskId: string,
    outcome: Record<string, unknown> | undefined,
    {
      invalid = QcycleErrorCode.OutcomeRefused,
      conflict,
    }: Pick<Parameters<typeof workflowUpdateRefusal>[1], 'invalid' | 'conflict'> = {},
  ): Promise<unknown> {
    const code = workflowRefusalCode(error);
    const said = code === QcycleErrorCode.Conflict ? conflict?.(error) : undefined;
    if (said) return said;
    if (code === QcycleErrorCode.Conflict || code === QcycleErrorCode.NotFound) {
      // Completed meanwhile (a double click racing itself): answer as a repeat would.
      const now = await this.dataSource.getRepository(TaskEntity).findOneBy({ id: taskId });
      if (now?.status === 'completed' && outcome !== undefined)
        return this.repeated(caller, now, outcome).then(
          (result) => new CompletedMeanwhile(result),
          (refused: unknown) => refused,
        );
      return new QcycleError(QcycleErrorCode.Conflict, 'taskNotOpen', { taskId });
    }
    return workflowUpdateRefusal(error, {
      notFound: () => new QcycleError(QcycleErrorCode.Conflict, 'taskWorkflowEnded', { taskId }),
      invalid,
    });
  }

  /**
   * Urges the assignee of an open task to finish it (the Quality Representative, the head of the
   * task's unit, or for an audit step the lead auditor of its audit): the workflow records it
   * (`task.urged`) and mails them the task's link with the caller's name and note. Once a day at
   * most per task: sooner is 409 saying when it was urged and from when it may be again. An assignee who left the directory is not urged (409): the task is to
   * be handed over. The same x-request-id urges once.
   */
  async urge(
    caller: Principal,
    taskId: string,
    note: string | undefined,
    requestId: string,
    /**
     * One of several of a unit's tasks urged by one request (`TaskUrgesService`): only the urge that
     * carries the request's copy (`copies`) copies those who answer for the task, listing the others
     * (`alsoUrged`); the rest copy nobody.
     */
    inBatch?: { copies: boolean; alsoUrged?: UrgedAlongside[] },
  ): Promise<TaskUrgeResult> {
    const task = await this.visibleTask(caller, taskId);
    // The lead auditor chases the steps of the audit they lead (handing one over stays the Quality
    // Representative's: the workflow's rule).
    const overseer = oversees(caller, task);
    // Read once: who may chase an audit step, and who hears of it (none for any other task).
    const leadAuditor = await this.leadAuditorOf(task);
    const leadsItsAudit = !overseer && leadAuditor === caller.userId;
    if (!overseer && !leadsItsAudit) throw new QcycleError(QcycleErrorCode.Forbidden, 'urgeNotAllowed');
    this.assertOpen(task);
    const assigneeActive = await this.dataSource
      .getRepository(UserEntity)
      .existsBy({ id: task.assigneeUserId, organisationCode: caller.organisationCode, active: true });
    if (!assigneeActive) throw new QcycleError(QcycleErrorCode.Conflict, 'urgeAssigneeLeft');
    const words = note?.trim();
    const copyTo =
      inBatch?.copies === false
        ? []
        : await this.activePeople(
            caller.organisationCode,
            (await this.answerersFor(caller.organisationCode, task, unitOfWork(task), leadAuditor)).filter(
              (id) => id !== caller.userId && id !== task.assigneeUserId,
            ),
          );
    const alsoUrged = copyTo.length > 0 ? (inBatch?.alsoUrged ?? []) : [];
    try {
      return await this.updateOf(task, urgeTaskUpdate, `${taskId}/urge/${requestId}`, {
        taskId,
        actorUserId: caller.userId,
        by: {
          qualityRepresentative: hasRole(caller, 'quality-representative'),
          headOfUnits: [...caller.headOfUnits],
          name: caller.fullName,
          ...(leadsItsAudit ? { leadAuditor: true } : {}),
        },
        ...(words ? { note: words } : {}),
        ...(copyTo.length > 0 ? { copyTo } : {}),
        ...(alsoUrged.length > 0 ? { alsoUrged } : {}),
        requestId,
      });
    } catch (error) {
      const answer = await this.refusal(error, caller, taskId, undefined, {
        invalid: QcycleErrorCode.RuleViolated,
        // Urged less than a day ago (by the caller or someone else): said with when, and from when again.
        conflict: (refused) => {
          const recently = workflowRefusalFacts<TaskUrgedRecently>(refused);
          return recently?.urgedAt && recently.againFrom
            ? new QcycleError(
                QcycleErrorCode.Conflict,
                'taskUrgedRecently',
                { urgedAt: vietnamTime(recently.urgedAt), againFrom: vietnamTime(recently.againFrom) },
                { urgedAt: recently.urgedAt, againFrom: recently.againFrom },
              )
            : undefined;
        },
      });
      throw answer;
    }
  }

  /**
   * A message about an open task ("trao đổi"), from whoever may see it — its assignee and delegates,
   * the head of its unit, the Quality Representative, the leader, the audit team on an audit step: the
   * workflow records it in the task's history and mails it to the others in the conversation — the
   * assignee and whoever wrote about the task before — and, when the assignee or a delegate writes
   * (not being one of them), to those who answer for the task: the head of its unit (for an audit
   * step, the audit's lead auditor), else the Quality Representative. The directory says who they
   * are now; nobody who left is written to. The same x-request-id writes once.
   */
  async comment(
    caller: Principal,
    taskId: string,
    text: string,
    requestId: string,
  ): Promise<TaskCommentResult> {
    const task = await this.visibleTask(caller, taskId);
    const unit = unitOfWork(task);
    // Whoever sees it writes: the certification body's auditor, who sees every task, only reads (the
    // guard refuses their writes before this).
    this.assertOpen(task);
    const recipients = await this.conversationOf(caller, task, unit);
    try {
      return await this.updateOf(task, commentTaskUpdate, `${taskId}/comment/${requestId}`, {
        taskId,
        actorUserId: caller.userId,
        by: { name: caller.fullName },
        text,
        recipients,
        requestId,
      });
    } catch (error) {
      throw await this.refusal(error, caller, taskId, undefined, {
        invalid: QcycleErrorCode.RuleViolated,
      });
    }
  }

  /**
   * Whom a message about `task` goes to: the assignee and whoever wrote about it before, and, for a
   * message of the assignee's or a delegate's, those who answer for it (`answerersFor`, else the
   * Quality Representatives) — each active in the directory, the writer left out.
   */
  private async conversationOf(caller: Principal, task: TaskEntity, unit: string | null) {
    const organisationCode = caller.organisationCode;
    // The task's own messages (`<taskId>/commented/<n>`), through the cycle's index as the task's
    // history is read: not every message of the year.
    const earlier = await this.dataSource
      .getRepository(EventLogEntryEntity)
      .createQueryBuilder('e')
      .select('e.actor', 'actor')
      .where("e.cycle_id = :cycle AND e.id LIKE :prefix ESCAPE '\\'", {
        cycle: task.cycleId,
        prefix: `${escapeLike(task.id)}/commented/%`,
      })
      .getRawMany<{ actor: string }>();
    const ids = new Set([task.assigneeUserId, ...earlier.map((e) => e.actor)]);
    // Those who answer for the task hear from whoever is to do it, not from one another: a unit head
    // is often a delegate of their staff's report, and their answer goes back to the staff member.
    if (mayComplete(caller, task) && !hasRole(caller, 'quality-representative')) {
      const answerers = await this.answerersFor(organisationCode, task, unit);
      if (!answerers.includes(caller.userId))
        for (const id of answerers.length > 0
          ? answerers
          : await this.holdersOf(organisationCode, 'quality-representative'))
          ids.add(id);
    }
    ids.delete(caller.userId);
    return this.activePeople(organisationCode, [...ids]);
  }

  /** Those of `ids` active in the directory now, by name, as the workflow tells people. */
  private async activePeople(organisationCode: string, ids: string[]): Promise<PersonRef[]> {
    if (ids.length === 0) return [];
    const people = await this.dataSource
      .getRepository(UserEntity)
      .findBy({ id: In(ids), organisationCode, active: true });
    return sortByName(people).map(personRef);
  }

  /**
   * Who answers for a task to whoever is to do it, the Quality Representative aside: for an audit
   * step, the lead auditor of its audit (who leads the team and its plan; `leadAuditor` when the
   * caller has read it already); otherwise the heads of the unit whose work it is.
   */
  private async answerersFor(
    organisationCode: string,
    task: TaskEntity,
    unit: string | null,
    leadAuditor?: string | null,
  ): Promise<string[]> {
    if (task.kind === 'audit-step') {
      const lead = leadAuditor === undefined ? await this.leadAuditorOf(task) : leadAuditor;
      return lead ? [lead] : [];
    }
    if (unit === null) return [];
    return (
      await this.dataSource
        .getRepository(RoleAssignmentEntity)
        .findBy({ organisationCode, role: 'unit-head', scope: unit })
    ).map((r) => r.userId);
  }

  private async holdersOf(organisationCode: string, role: 'quality-representative'): Promise<string[]> {
    const holders = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .findBy({ organisationCode, role });
    return holders.map((r) => r.userId);
  }

  /** The lead auditor the plan of an audit step's audit names; null for any other task. */
  private async leadAuditorOf(task: TaskEntity): Promise<string | null> {
    if (task.kind !== 'audit-step') return null;
    const audit = await this.dataSource
      .getRepository(AuditEntity)
      .createQueryBuilder('audit')
      .innerJoin(AuditStepEntity, 'step', 'step.audit_id = audit.id')
      .where('step.id = :stepId', { stepId: task.id })
      .getOne();
    return audit?.leadAuditorUserId ?? null;
  }

  /**
   * An Update of the workflow that owns `task`, its id making a repeat of the same request apply
   * once, within the time the API waits for a workflow's answer.
   */
  private updateOf<Ret, Arg>(
    task: TaskEntity,
    update: UpdateDefinition<Ret, [Arg]>,
    updateId: string,
    arg: Arg,
  ): Promise<Ret> {
    const handle = this.temporal.client.workflow.getHandle(task.workflowId);
    return this.temporal.client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
      handle.executeUpdate(update, { updateId, args: [arg] }),
    );
  }

  /** 409 once the task is no longer open, saying what it is now. */
  private assertOpen(task: TaskEntity): void {
    if (task.status !== 'open')
      throw new QcycleError(
        QcycleErrorCode.Conflict,
        'taskStatus',
        { taskId: task.id, status: task.status },
        { status: task.status },
      );
  }

  /** A task of the caller's organisation that they may see (404 outside it, 403 inside it). */
  async visibleTask(caller: Principal, taskId: string): Promise<TaskEntity> {
    const task = await this.dataSource.getRepository(TaskEntity).findOneBy({ id: taskId });
    if (!task || parseQualityCycleId(task.cycleId)?.organisationCode !== caller.organisationCode) {
      throw new QcycleError(QcycleErrorCode.NotFound, 'task', { taskId });
    }
    // The certification body's auditor reads every task (form, answer, history) to verify who did
    // what and when; what a caller may do with a task is checked after this, and their role only reads.
    // The audit team reads each other's steps, as it reads their evidence (docs/evidence.md): the lead
    // auditor follows the steps of the plan, and answers their auditors' questions on them.
    const sees =
      mayComplete(caller, task) ||
      hasRole(caller, 'quality-representative', 'leader', 'external-auditor') ||
      (task.unitCode !== null && caller.headOfUnits.includes(task.unitCode)) ||
      (task.kind === 'audit-step' && hasRole(caller, 'auditor', 'lead-auditor'));
    if (!sees) throw new QcycleError(QcycleErrorCode.Forbidden, 'taskNotYours');
    return task;
  }
}

/** An instant as the pages write it in Vietnam time: `10:00 28/03/2024`. */
function vietnamTime(instant: string): string {
  const { date, time } = instantToVnLocal(instant);
  const [year, month, day] = date.split('-');
  return `${time} ${day}/${month}/${year}`;
}

/** The directory roles the workflow's reassignment rules read. */
const REASSIGNMENT_ROLES: readonly ReassignmentRole[] = ['leader', 'auditor', 'lead-auditor'];

/** Carries a repeat's result out of the error path, to be answered as a 200. */
class CompletedMeanwhile {
  constructor(readonly result: TaskCompletionResult) {}
}

/**
 * Whether the caller oversees a task — hands it over, urges its assignee — as the Quality
 * Representative, or the head of the unit whose work it is (not the head of a unit audited, for an
 * auditor's task there).
 */
function oversees(caller: Principal, task: TaskEntity): boolean {
  const unit = unitOfWork(task);
  return hasRole(caller, 'quality-representative') || (unit !== null && caller.headOfUnits.includes(unit));
}

function mayComplete(caller: Principal, task: TaskEntity): boolean {
  return task.assigneeUserId === caller.userId || (task.delegateUserIds ?? []).includes(caller.userId);
}

/**
 * The Quality Representative enters an answer its assignee gave on paper (the leader's approval
 * and management review: `PAPER_ANSWERED_KINDS`); the workflow checks they are the year's Quality
 * Representative now.
 */
function mayEnterOnPaper(caller: Principal, task: TaskEntity, outcome: Record<string, unknown>): boolean {
  return (
    hasRole(caller, 'quality-representative') &&
    PAPER_ANSWERED_KINDS.includes(task.kind as TaskKind) &&
    claimsOnPaper(outcome)
  );
}

function summary(task: TaskEntity, now: Date, rehearsals: ReadonlySet<string>): TaskSummaryView {
  return {
    id: task.id,
    cycleId: task.cycleId,
    kind: task.kind,
    title: task.title,
    status: task.status,
    assigneeUserId: task.assigneeUserId,
    delegateUserIds: task.delegateUserIds ?? [],
    unitCode: task.unitCode,
    objectiveId: task.objectiveId,
    periodKey: task.periodKey,
    openedAt: task.openedAt,
    dueAt: task.dueAt,
    overdue: task.status === 'open' && task.dueAt !== null && task.dueAt < now.toISOString(),
    openedAfterDue: openedAfterDue(
      Date.parse(task.openedAt),
      task.dueAt === null ? null : Date.parse(task.dueAt),
    ),
    rehearsal: rehearsals.has(task.cycleId),
    commentCount: task.commentCount,
    lastCommentedAt: task.lastCommentedAt,
  };
}
