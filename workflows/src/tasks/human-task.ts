import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  log,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  QcycleErrorCode,
  commentTaskUpdate,
  completeTaskUpdate,
  openTasksQuery,
  reassignTaskUpdate,
  TASK_COMMENT_MAX_LENGTH,
  URGE_INTERVAL_MS,
  urgeTaskUpdate,
  type CommentTaskRequest,
  type CompleteTaskRequest,
  type CycleRoster,
  type ReassignTaskRequest,
  type TaskReassignmentResult,
  type PersonRef,
  type TaskCommentResult,
  type TaskCompletionResult,
  type TaskHeldByOther,
  type TaskNotificationReason,
  type PaperAnswerEntered,
  type TaskNotificationRequest,
  type TaskUrgedRecently,
  type TaskUrgeResult,
  type TaskView,
  type UrgeTaskRequest,
} from '@qcycle/contracts';
import {
  answeredOnPaper,
  claimsOnPaper,
  validationProblem,
  type LocalizedText,
  type ManagementReviewOutcome,
  type ObjectivesApprovalOutcome,
  type TaskKind,
  type TaskOutcomes,
  type ValidationProblem,
} from '@qcycle/domain';
import { localRecords, notifications, records } from '../activities';
import {
  mayHandOver,
  reassignmentCandidate,
  reassignmentRefusal,
  type ReassignmentCandidate,
} from './reassignment-rules';

/**
 * Patch id (docs/versioning.md): a task closed because its cycle was cancelled tells its assignee
 * (notification `cancelled`). Cancellations recorded on older code sent none and replay without it.
 */
export const CANCELLED_TASKS_NOTIFIED = 'cancelled-tasks-notified';

/**
 * Patch id (docs/versioning.md): a task handed on by someone other than its holder tells the one it
 * was taken from (notification `reassigned-away`, whose calendar entry takes the deadline out of
 * theirs), alongside the new assignee's notice. Reassignments on older code told only the new
 * assignee and replay that way.
 */
export const PREVIOUS_HOLDER_TOLD = 'previous-holder-told';

/**
 * Patch id (docs/versioning.md): a completion records its outcome with a local activity and answers
 * at once; the workflow tells the cycle that the task closed after the answer, from `run()`.
 * Completions on older code scheduled `completeTaskRecord` as a regular activity and told the cycle
 * before answering; they replay that way.
 */
export const COMPLETION_RECORDED_LOCALLY = 'completion-recorded-locally';

/**
 * Patch id (docs/versioning.md, issue #11): a task opens in one step — its record written by a
 * local activity, then the "assigned" notice and the first reminder timer issued together — and the
 * cycle is no longer told when a task opens or closes (signals `task-opened`, `task-closed`): the
 * open tasks are read from the `tasks` records (`GET /cycles/{id}`, the inbox). Decided once per
 * workflow, when its board is installed, so a workflow keeps one way all its life; workflows
 * started on older code replay with the regular `openTask`, the notice awaited before the timers,
 * and the signals.
 */
export const TASKS_OPEN_IN_ONE_STEP = 'tasks-open-in-one-step';

/**
 * Patch id (docs/versioning.md, issue #11): a task that opens in the same activation as a
 * completion's answer — the next step of the workflow just answered, e.g. the revision after the
 * leader returns the draft, the audit report's approval after the report — writes its record with
 * a regular activity. A local activity keeps its workflow task open until it has run, so the
 * Update's answer waited for the next task's record too; now the workflow task ends with the
 * answer. Such openings on older code wrote the record with the local activity, in the answer's
 * workflow task, and replay that way.
 */
export const NEXT_TASK_OPENED_AFTER_ANSWER = 'next-task-opened-after-answer';

/**
 * Patch id (docs/versioning.md): a task's `run()` returns once the task is completed or expired,
 * without waiting for its "assigned" notice, which by then only tells the assignee of a task that is
 * over. Waiting held the workflow's next step for as long as that mail took: a minute when its
 * activity task went down with a stopping worker (the start-to-close timeout), minutes while the
 * mail relay is down (the attempts and their backoff). The workflow itself still ends only after
 * such notices ({@link TaskBoard.endsAfterNotices}). Tasks that ended on older code waited for the
 * notice there and replay that way.
 */
export const NEXT_STEP_NOT_HELD_BY_NOTICE = 'next-step-not-held-by-notice';

/**
 * Patch id (docs/versioning.md): an overdue task is escalated to each person once. Where one person
 * holds two levels (the Quality Representative who heads the unit whose report is late, an auditor
 * who is the Quality Representative), the later level is still recorded (`task.escalated`, the
 * task's escalation level), but no second notice tells them what the first one did. Escalations on
 * older code sent one notice per level and replay that way.
 */
export const ESCALATED_ONCE_PER_PERSON = 'escalated-once-per-person';

/**
 * Patch id (docs/versioning.md): a task opening after some of its notices' times (a year started
 * late, a report for months done on paper) drops those notices: it is late from the start and its
 * "assigned" notice says when it was due, instead of a burst of reminders and escalations in the same
 * second. Tasks that opened on older code sent them at once.
 */
export const PAST_NOTICES_DROPPED = 'past-notices-dropped';

/**
 * Patch id (docs/versioning.md): an answer given on paper and entered for its assignee (the
 * leader's approval or review, entered by the Quality Representative: `whoseAnswer`) tells the
 * assignee, once the task is completed, who entered what in their name (notification
 * `entered-on-paper`). Such answers entered on older code told nobody and replay that way.
 */
export const PAPER_ANSWER_TOLD = 'paper-answer-told';

/** A notice sent while a task is open: reminder before due, escalations after. */
export interface TaskNotice {
  /** Workflow time (epoch ms). */
  at: number;
  reason: 'reminder' | 'escalated';
  /** For escalations: an `EscalationLevel` (libs/domain), e.g. unit-head, quality-representative, leader. */
  level?: string;
  recipient: PersonRef;
}

export interface HumanTaskSpec<K extends TaskKind> {
  /** Deterministic and unique in the cycle, e.g. `${workflowId}/measure/2024-03`. */
  taskId: string;
  kind: K;
  title: LocalizedText;
  assignee: PersonRef;
  /** People who may complete it besides the assignee (the unit head for a staff member's task). */
  delegates?: PersonRef[];
  unitCode?: string;
  objectiveId?: string;
  periodKey?: string;
  /** What the form shows (indicators, steps…); stored with the task. */
  form?: Record<string, unknown>;
  /** Workflow time (epoch ms). A completion after it is accepted and marked late. */
  dueAt?: number;
  notices?: TaskNotice[];
  /** Workflow time after which the task is closed as expired. */
  expiresAt?: number;
  /**
   * Who may enter the assignee's answer given on paper (`onPaper` sent, `claimsOnPaper`; the
   * answer's schema then holds it to `true`), besides those who may answer: the Quality
   * Representative, for the leader's approval and review. Asked when an answer arrives, since the
   * role may have moved since the task opened.
   */
  enteredOnPaperBy?: () => PersonRef;
  /**
   * Whether an answer given on paper (`answeredOnPaper`) was late by the day written on the paper
   * (the decision's signing day, the meeting's day), not by when it is entered; undefined when it
   * gives none: then judged by when it arrives, as any answer. Decides the record's `late` only.
   */
  lateOnPaper?(outcome: TaskOutcomes[K]): boolean | undefined;
  /** Pure check of the outcome against the task's form (libs/domain). */
  validate(outcome: unknown): ValidationProblem[];
  /**
   * Told, before anything is recorded, that the task was handed over (`request` as the validator
   * accepted it); must not throw nor issue commands: it only lets the workflow remember the facts.
   */
  onReassigned?(to: PersonRef, request: ReassignTaskRequest): void;
}

export type HumanTaskResult<K extends TaskKind> =
  | {
      status: 'completed';
      outcome: TaskOutcomes[K];
      completedBy: string;
      /**
       * Who completed it as the task knows them: its assignee or a delegate (the directory's facts
       * when it was reassigned to someone not on the roster), else absent.
       */
      completedByPerson?: PersonRef;
      /** Its assignee when it was completed: whose answer one entered on paper is. */
      heldBy: PersonRef;
      completedAt: number;
      late: boolean;
    }
  | { status: 'expired' }
  /** Closed by its workflow because nobody needs to do it any more ({@link TaskBoard.resolve}). */
  | { status: 'resolved' };

/**
 * Whose answer a completed task holds: who answered it, or, for an answer given on paper that
 * someone who does not answer for the task entered (its `enteredOnPaperBy`), the one who held it,
 * with `enteredBy` naming who entered it.
 */
export function whoseAnswer<K extends TaskKind>(
  result: Extract<HumanTaskResult<K>, { status: 'completed' }>,
): { userId: string; person?: PersonRef; enteredBy?: string } {
  if (result.completedByPerson === undefined && answeredOnPaper(result.outcome))
    return { userId: result.heldBy.userId, person: result.heldBy, enteredBy: result.completedBy };
  return {
    userId: result.completedBy,
    ...(result.completedByPerson ? { person: result.completedByPerson } : {}),
  };
}

/** What an answer given on paper says, as its assignee is told it was entered. */
function paperAnswerEntered(
  kind: TaskKind,
  outcome: unknown,
  byName: string,
  at: string,
): PaperAnswerEntered {
  // What the answer rests on (an activity's input: no patch).
  const named = (outcome as { evidence?: string[] }).evidence ?? [];
  const evidence = named.length > 0 ? { evidence: named } : {};
  if (kind === 'objectives-approval') {
    const answer = outcome as ObjectivesApprovalOutcome;
    return {
      byName,
      at,
      ...evidence,
      approval:
        answer.decision === 'approve'
          ? {
              decision: 'approve',
              documentNumber: answer.documentNumber,
              ...(answer.signingDate ? { signingDate: answer.signingDate } : {}),
            }
          : { decision: 'return', comments: answer.comments },
    };
  }
  if (kind === 'management-review') {
    const answer = outcome as ManagementReviewOutcome;
    return {
      byName,
      at,
      ...evidence,
      review: { minutesRef: answer.minutesRef, ...(answer.heldOn ? { heldOn: answer.heldOn } : {}) },
    };
  }
  return { byName, at };
}

interface Entry {
  spec: HumanTaskSpec<TaskKind>;
  view: TaskView;
  state: 'open' | 'completing' | 'completed' | 'closed';
  /** Closed by {@link TaskBoard.resolve}. */
  resolved?: boolean;
  reassignments: number;
  /** How many times its assignee was urged, and when last (workflow time). */
  urges: number;
  urgedAt?: number;
  /** How many messages were written about it. */
  comments: number;
  outcome?: unknown;
  result?: TaskCompletionResult;
  /** Completed on {@link COMPLETION_RECORDED_LOCALLY}: `run()` tells the cycle, after the answer. */
  closeToReport?: boolean;
}

export interface TaskBoardContext {
  cycleId: string;
  /**
   * Told when tasks open and close, by workflows started before {@link TASKS_OPEN_IN_ONE_STEP}
   * only (their histories signalled the cycle); must not throw.
   */
  onChange(
    change: { type: 'task-opened'; task: TaskView } | { type: 'task-closed'; taskId: string },
  ): Promise<void>;
  /**
   * Who may hand a task over: the roster's Quality Representative, or the head of the task's unit.
   * Who may take it is the directory's now (the facts the API sends, see `reassignment-rules.ts`);
   * the roster answers for Updates sent without them.
   */
  roster?: CycleRoster;
}

const iso = (ms: number) => new Date(ms).toISOString();

function refuse(type: QcycleErrorCode, message: string, problems?: ValidationProblem[]): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: problems ? [problems] : [] });
}

/**
 * The human-task primitive: one per workflow. `install()` registers the workflow's single
 * `completeTask` / `reassignTask` update handlers and the `openTasks` query; `run()` opens a task
 * (record + notification), runs its reminder/escalation timers, and resolves when the assignee's
 * completion is accepted — or when it expires. Cancellation of the calling scope records the task
 * cancelled.
 */
export class TaskBoard {
  private readonly entries = new Map<string, Entry>();
  /** {@link TASKS_OPEN_IN_ONE_STEP}, decided in {@link install}. */
  private openInOneStep = false;
  /**
   * Workflow time at which the last completion answered, once its local record had run: a task
   * opened at the same workflow time opens in the activation that answers. (Workflow time is the
   * workflow task's start, moved on by each local activity's result; the same in replay.)
   */
  private lastAnsweredAt: number | undefined;
  /**
   * Notices not awaited where they were sent — "assigned" ones while their tasks were open, those
   * of a message about a task after its answer, the workflow's own ({@link sendsAlongside}) —; the
   * workflow ends after them.
   */
  private readonly pendingNotices: Promise<void>[] = [];

  constructor(private readonly context: TaskBoardContext) {}

  /** Call before the workflow's first command: it decides how this workflow's tasks open. */
  install(): this {
    this.openInOneStep = patched(TASKS_OPEN_IN_ONE_STEP);
    setHandler(openTasksQuery, () => this.openTasks());
    setHandler(completeTaskUpdate, async (request) => this.complete(request), {
      validator: (request) => this.validateCompletion(request),
    });
    setHandler(reassignTaskUpdate, async (request) => this.reassign(request), {
      validator: (request) => this.validateReassignment(request),
    });
    // A handler of its own, added without a patch: it issues commands only for an Update in the
    // history, which no history recorded before it has.
    setHandler(urgeTaskUpdate, async (request) => this.urge(request), {
      validator: (request) => this.validateUrge(request),
    });
    // The same: a handler added without a patch.
    setHandler(commentTaskUpdate, async (request) => this.comment(request), {
      validator: (request) => this.validateComment(request),
    });
    return this;
  }

  openTasks(): TaskView[] {
    return [...this.entries.values()]
      .filter((e) => e.state === 'open' || e.state === 'completing')
      .map((e) => ({ ...e.view }));
  }

  async run<K extends TaskKind>(spec: HumanTaskSpec<K>): Promise<HumanTaskResult<K>> {
    const openedAt = Date.now();
    const view: TaskView = {
      taskId: spec.taskId,
      workflowId: workflowInfo().workflowId,
      kind: spec.kind,
      title: spec.title,
      assigneeUserId: spec.assignee.userId,
      delegateUserIds: (spec.delegates ?? []).map((d) => d.userId),
      status: 'open',
      openedAt: iso(openedAt),
      dueAt: spec.dueAt === undefined ? undefined : iso(spec.dueAt),
      objectiveId: spec.objectiveId,
      periodKey: spec.periodKey,
    };
    // Registered before the first await: an update that arrives as soon as the record exists is accepted.
    const entry: Entry = {
      spec: spec as HumanTaskSpec<TaskKind>,
      view,
      state: 'open',
      reassignments: 0,
      urges: 0,
      comments: 0,
    };
    this.entries.set(spec.taskId, entry);
    // The assignee's "assigned" notice, sent while the reminders wait (one step) or before them.
    let assignedNotice: Promise<void> = Promise.resolve();
    try {
      const opening = {
        taskId: spec.taskId,
        cycleId: this.context.cycleId,
        workflowId: view.workflowId,
        kind: spec.kind,
        title: spec.title,
        assigneeUserId: spec.assignee.userId,
        delegateUserIds: view.delegateUserIds,
        unitCode: spec.unitCode,
        objectiveId: spec.objectiveId,
        periodKey: spec.periodKey,
        form: spec.form,
        openedAt: view.openedAt,
        dueAt: view.dueAt,
      };
      if (this.openInOneStep) {
        if (this.lastAnsweredAt === openedAt && patched(NEXT_TASK_OPENED_AFTER_ANSWER)) {
          // The answer goes out now; the record follows in its own activity (see the patch).
          await records.openTask(opening);
        } else {
          await localRecords.openTask(opening);
        }
        // Not awaited here: the notice's activity and the first reminder's timer are issued in the
        // same workflow task. A failed notice is only logged (notify), a cancellation ends both.
        assignedNotice = this.notify(entry, 'assigned', spec.assignee, 'assigned').catch(() => undefined);
        this.pendingNotices.push(assignedNotice);
      } else {
        await records.openTask(opening);
        await this.context.onChange({ type: 'task-opened', task: { ...view } });
        await this.notify(entry, 'assigned', spec.assignee, 'assigned');
      }

      const scheduled = [...(spec.notices ?? [])].sort((a, b) => a.at - b.at);
      const notices =
        scheduled.some((notice) => notice.at <= openedAt) && patched(PAST_NOTICES_DROPPED)
          ? scheduled.filter((notice) => notice.at > openedAt)
          : scheduled;
      /** Who has been told of this task's escalation (see the patch). */
      const escalatedTo = new Set<string>();
      for (const notice of notices) {
        if (entry.state !== 'open') break;
        const wait = notice.at - Date.now();
        if (wait > 0 && (await condition(() => entry.state !== 'open', wait))) break;
        if (spec.expiresAt !== undefined && notice.at >= spec.expiresAt) break;
        const toldAlready =
          notice.reason === 'escalated' &&
          escalatedTo.has(notice.recipient.userId) &&
          patched(ESCALATED_ONCE_PER_PERSON);
        if (notice.reason === 'escalated') escalatedTo.add(notice.recipient.userId);
        await this.sendNotice(entry, notice, { notify: !toldAlready });
      }
      const settled = () => entry.state === 'completed' || !!entry.resolved;
      if (spec.expiresAt === undefined) {
        await condition(settled);
      } else {
        const wait = spec.expiresAt - Date.now();
        const done = wait > 0 ? await condition(settled, wait) : settled();
        if (!done && entry.state === 'open') {
          entry.state = 'closed';
          await this.closeRecords([spec.taskId], 'expired', 'Hết thời hạn của chu trình.');
          await this.heldByNotice(assignedNotice);
          return { status: 'expired' };
        }
        // A completion under way when the task expired is applied.
        await condition(settled);
      }
      await this.heldByNotice(assignedNotice);
      if (entry.resolved) return { status: 'resolved' };
      if (entry.closeToReport) {
        // The completion has been answered; the cycle's live state follows (docs/workflows.md).
        entry.closeToReport = false;
        await this.context.onChange({ type: 'task-closed', taskId: spec.taskId });
      }
      const result = entry.result as TaskCompletionResult;
      const completedByPerson = [entry.spec.assignee, ...(entry.spec.delegates ?? [])].find(
        (person) => person.userId === result.completedBy,
      );
      const completed: Extract<HumanTaskResult<K>, { status: 'completed' }> = {
        status: 'completed',
        outcome: entry.outcome as TaskOutcomes[K],
        completedBy: result.completedBy,
        ...(completedByPerson ? { completedByPerson } : {}),
        heldBy: entry.spec.assignee,
        completedAt: Date.parse(result.completedAt),
        late: result.late,
      };
      // The one whose name an answer entered from paper carries is told what was entered, to check
      // it against what they signed. The workflow goes on meanwhile and ends only after the notice.
      if (whoseAnswer(completed).enteredBy !== undefined && patched(PAPER_ANSWER_TOLD)) {
        const enteredOnPaper = paperAnswerEntered(
          spec.kind,
          entry.outcome,
          spec.enteredOnPaperBy?.().name ?? '',
          result.completedAt,
        );
        this.pendingNotices.push(
          this.notify(entry, 'entered-on-paper', spec.assignee, 'entered-on-paper', { enteredOnPaper }).catch(
            () => undefined,
          ),
        );
      }
      return completed;
    } catch (error) {
      if (isCancellation(error) && entry.state === 'open') {
        entry.state = 'closed';
        // The record and the notice are written before the workflow ends: the caller awaits this.
        await CancellationScope.nonCancellable(async () => {
          await this.closeRecords([spec.taskId], 'cancelled', 'Chu trình bị hủy.');
          if (patched(CANCELLED_TASKS_NOTIFIED)) {
            await this.notify(entry, 'cancelled', entry.spec.assignee, 'cancelled');
          }
        });
      }
      throw error;
    }
  }

  /**
   * Where a task that opened in one step ends: its "assigned" notice goes on by itself
   * ({@link NEXT_STEP_NOT_HELD_BY_NOTICE}); a task that ended on older code waited for it here.
   */
  private async heldByNotice(assignedNotice: Promise<void>): Promise<void> {
    if (this.openInOneStep && !patched(NEXT_STEP_NOT_HELD_BY_NOTICE)) await assignedNotice;
  }

  /**
   * A notice of the workflow's own, about no task (a signed paper to scan), sent while the workflow
   * goes on: its next step is not held by a mail, and the workflow ends only once it has gone out
   * or failed ({@link endsAfterNotices}). A failed notice is dropped, as every notice's last attempt.
   */
  sendsAlongside(notice: Promise<unknown>): void {
    this.pendingNotices.push(notice.then(() => undefined).catch(() => undefined));
  }

  /**
   * Runs the workflow's code and ends the workflow, however it ends, only once the "assigned"
   * notices of its tasks (and those of messages about them) have gone out or failed
   * ({@link NEXT_STEP_NOT_HELD_BY_NOTICE}: a task's end no longer waits for them). A workflow that
   * ended with a notice's activity still out would drop it — never sent if no worker had started it
   * — and the Java time-skipping test server stops skipping time for good (docs/workflows.md "Human
   * tasks"). On older code every notice had been awaited by then: nothing to wait for, no command
   * added.
   */
  async endsAfterNotices<T>(workflowCode: () => Promise<T>): Promise<T> {
    try {
      return await workflowCode();
    } finally {
      await Promise.all(this.pendingNotices);
    }
  }

  /**
   * Closes an open task nobody needs to do any more — an at-risk follow-up whose objective is back
   * on track: recorded `resolved` (event `task.resolved` with the reason) and gone from every inbox;
   * its `run()` returns `{ status: 'resolved' }`. A task already completed, or being completed, is
   * left as it is (false).
   */
  async resolve(taskId: string, reason: string): Promise<boolean> {
    const entry = this.entries.get(taskId);
    if (!entry || entry.state !== 'open') return false;
    entry.state = 'closed';
    entry.resolved = true;
    entry.view.status = 'resolved';
    await this.closeRecords([taskId], 'resolved', reason);
    return true;
  }

  /**
   * A unit's work, or one of the year's roles, was taken over during the year (the cycle's
   * `unitWorkMoved`, `roleMoved`): in its open tasks (a unit's: those of `unitCode`; a role's: all)
   * the one who took it answers for them with the person it was taken from — as their delegate too
   * (a staff member's report, the audit plan the leader co-signs: recorded on the task's row, so it
   * is in their inbox and they may complete it) — and their escalation at `level` goes to them
   * instead (only the notice's recipient changes: the same commands at the same times). Only a cycle
   * sent `moveUnitWork` or `moveRole` signals this: no patch.
   */
  async holderMoved(
    { unitCode, level }: { unitCode?: string; level: string },
    fromUserId: string,
    to: PersonRef,
  ): Promise<void> {
    const redelegated: Entry[] = [];
    for (const entry of this.entries.values()) {
      if (entry.state !== 'open' || (unitCode !== undefined && entry.spec.unitCode !== unitCode)) continue;
      for (const notice of entry.spec.notices ?? []) {
        const atLevel = notice.reason === 'escalated' && notice.level === level;
        if (atLevel && notice.recipient.userId === fromUserId) notice.recipient = to;
      }
      // The one it was taken from stays a delegate, as after any hand-over (nothing they could do is
      // taken from them); a task already the new holder's, as assignee or delegate, is left as it is.
      const delegates = entry.spec.delegates ?? [];
      const answersFor = [entry.spec.assignee, ...delegates].map((person) => person.userId);
      if (!delegates.some((person) => person.userId === fromUserId) || answersFor.includes(to.userId))
        continue;
      entry.spec.delegates = [...delegates, to];
      entry.view.delegateUserIds = entry.spec.delegates.map((person) => person.userId);
      redelegated.push(entry);
    }
    await Promise.all(
      redelegated.map((entry) =>
        records.recordTaskEvent({
          event: 'delegates-changed',
          cycleId: this.context.cycleId,
          taskId: entry.spec.taskId,
          delegateUserIds: entry.view.delegateUserIds,
          at: iso(Date.now()),
        }),
      ),
    );
  }

  private async closeRecords(
    taskIds: string[],
    status: 'cancelled' | 'expired' | 'resolved',
    reason: string,
  ): Promise<void> {
    await records.closeTaskRecords({
      cycleId: this.context.cycleId,
      taskIds,
      status,
      at: iso(Date.now()),
      actor: 'system',
      reason,
    });
    if (this.openInOneStep) return;
    for (const taskId of taskIds) await this.context.onChange({ type: 'task-closed', taskId });
  }

  private validateCompletion(request: CompleteTaskRequest): void {
    if (typeof request !== 'object' || request === null || typeof request.taskId !== 'string') {
      refuse(QcycleErrorCode.ValidationFailed, 'Yêu cầu hoàn thành việc không hợp lệ.');
    }
    const entry = this.openEntry(request.taskId);
    const allowed = [entry.spec.assignee, ...(entry.spec.delegates ?? [])].map((p) => p.userId);
    // A rule of the validator, which replay does not run: no patch.
    const entersPaperAnswer =
      claimsOnPaper(request.outcome) && entry.spec.enteredOnPaperBy?.().userId === request.actorUserId;
    if (!allowed.includes(request.actorUserId) && !entersPaperAnswer) {
      refuse(
        QcycleErrorCode.Forbidden,
        `Người dùng ${request.actorUserId} không phải người được giao việc ${request.taskId}.`,
      );
    }
    const problems = entry.spec.validate(request.outcome);
    if (problems.length > 0) {
      refuse(
        QcycleErrorCode.ValidationFailed,
        `Kết quả không hợp lệ: ${problems.map((p) => `${p.path}: ${p.reason}`).join('; ')}`,
        problems,
      );
    }
  }

  private openEntry(taskId: string): Entry {
    const entry = this.entries.get(taskId);
    if (!entry)
      refuse(QcycleErrorCode.NotFound, `Việc ${taskId} không thuộc quy trình ${workflowInfo().workflowId}.`);
    if (entry.state !== 'open') refuse(QcycleErrorCode.Conflict, `Việc ${taskId} không còn mở.`);
    return entry;
  }

  /**
   * The completion's handler: the outcome is in the database (and its record in the history) when
   * the Update answers. On {@link COMPLETION_RECORDED_LOCALLY} that is the one thing it waits for —
   * a local activity, in this workflow task — and telling the cycle, the notifications and the next
   * task happen after the answer, in the workflow code that awaits `run()`.
   */
  private async complete(request: CompleteTaskRequest): Promise<TaskCompletionResult> {
    const entry = this.entries.get(request.taskId) as Entry;
    entry.state = 'completing';
    const at = Date.now();
    // An activity's input and the answer's facts only, no command: no patch.
    const lateByPaper = answeredOnPaper(request.outcome)
      ? entry.spec.lateOnPaper?.(request.outcome as TaskOutcomes[TaskKind])
      : undefined;
    const late = lateByPaper ?? (entry.spec.dueAt !== undefined && at > entry.spec.dueAt);
    const record = {
      taskId: request.taskId,
      cycleId: this.context.cycleId,
      actorUserId: request.actorUserId,
      outcome: request.outcome,
      at: iso(at),
      late,
      requestId: request.requestId,
    };
    const recordedLocally = patched(COMPLETION_RECORDED_LOCALLY);
    // A local activity repeated after a worker died may find its first write committed: the
    // record's time and lateness are the answer then (a regular activity's repeats carry the input
    // in the history, the same time). Histories recorded before the activity returned the
    // completion hold no result (null) and answer with the workflow's time, as they did.
    const written = recordedLocally
      ? await localRecords.completeTaskRecord(record)
      : await records.completeTaskRecord(record);
    const recorded = written ?? { completedAt: record.at, late };
    entry.outcome = request.outcome;
    entry.result = {
      taskId: request.taskId,
      status: 'completed',
      completedBy: request.actorUserId,
      completedAt: recorded.completedAt,
      late: recorded.late,
      ...(request.requestId === undefined ? {} : { requestId: request.requestId }),
    };
    entry.state = 'completed';
    entry.view.status = 'completed';
    if (recordedLocally) {
      entry.closeToReport = !this.openInOneStep;
      // Read after the record: a local activity's result moves workflow time to its completion.
      this.lastAnsweredAt = Date.now();
    } else await this.context.onChange({ type: 'task-closed', taskId: request.taskId });
    return entry.result;
  }

  private async sendNotice(entry: Entry, notice: TaskNotice, { notify }: { notify: boolean }): Promise<void> {
    const key = notice.reason === 'reminder' ? 'reminder' : `escalated/${notice.level}`;
    // A reminder is for whoever holds the task now: after a reassignment, the new assignee (the one
    // before keeps it only as a delegate, and their e-mailed link no longer opens it). No patch: the
    // same activities in the same order, only their input differs.
    const recipient = notice.reason === 'reminder' ? entry.spec.assignee : notice.recipient;
    const facts = {
      taskId: entry.spec.taskId,
      cycleId: this.context.cycleId,
      recipientUserId: recipient.userId,
      at: iso(Date.now()),
    };
    await records.recordTaskEvent(
      notice.reason === 'escalated'
        ? { event: 'escalated', level: notice.level, ...facts }
        : { event: 'reminded', ...facts },
    );
    if (notify) await this.notify(entry, notice.reason, recipient, key);
  }

  private async notify(
    entry: Entry,
    reason: TaskNotificationReason,
    recipient: PersonRef,
    key: string,
    more: Pick<TaskNotificationRequest, 'urge' | 'comment' | 'enteredOnPaper'> = {},
  ): Promise<void> {
    try {
      await notifications.sendTaskNotification({
        ...more,
        notificationId: `${entry.spec.taskId}/${key}`,
        taskId: entry.spec.taskId,
        cycleId: this.context.cycleId,
        reason,
        recipient,
        assignee: recipient.userId === entry.spec.assignee.userId ? undefined : entry.spec.assignee,
        taskTitle: entry.spec.title,
        dueAt: entry.view.dueAt,
      });
    } catch (error) {
      if (isCancellation(error)) throw error;
      log.warn('notification not sent', { taskId: entry.spec.taskId, key, error: String(error) });
    }
  }

  /**
   * Who may take the task: someone active in the organisation's directory now, as the API found them
   * (`request.to`), the same rules as ever on those facts — not the assignee, a leader for the
   * leader's tasks, an auditor from another unit for an audit step (`reassignment-rules.ts`).
   * Validators do not run on replay, so changing what they accept needs no patch.
   */
  private validateReassignment(request: ReassignTaskRequest): void {
    const entry = this.openEntry(request?.taskId);
    const roster = this.context.roster;
    if (!mayHandOver(request, entry.spec, roster)) {
      refuse(
        QcycleErrorCode.Forbidden,
        `Chỉ Đại diện chất lượng hoặc trưởng đơn vị được giao lại việc ${request.taskId}.`,
      );
    }
    // A decision made on a stale page (another hand-over came first) must not silently undo the
    // one made meanwhile. Checked here, not in the API: the validator sees the hand-over before
    // it in this workflow's order, even one whose record is still being written.
    if (request.ifAssignedTo !== undefined && request.ifAssignedTo !== entry.spec.assignee.userId) {
      const facts: TaskHeldByOther = { heldBy: entry.spec.assignee };
      throw ApplicationFailure.create({
        type: QcycleErrorCode.Conflict,
        message: `Việc ${request.taskId} đã được giao cho ${entry.spec.assignee.name} trong lúc đó.`,
        nonRetryable: true,
        details: [[], facts],
      });
    }
    const refusal = reassignmentRefusal(
      { kind: entry.spec.kind, unitCode: entry.spec.unitCode, assigneeUserId: entry.spec.assignee.userId },
      request.toUserId,
      reassignmentCandidate(request, roster),
      { factsSent: request.to !== undefined && request.to !== null },
    );
    if (refusal !== undefined)
      refuse(
        QcycleErrorCode.ValidationFailed,
        `Không thể giao việc ${request.taskId} cho ${request.toUserId}.`,
        [validationProblem('toUserId', 'invalid-value', refusal)],
      );
    if (typeof request.reason !== 'string' || request.reason.trim() === '') {
      refuse(QcycleErrorCode.ValidationFailed, 'Phải nêu lý do giao lại.', [
        validationProblem('reason', 'required', {
          vi: 'Phải nêu lý do giao lại.',
          en: 'Give the reason for the reassignment.',
        }),
      ]);
    }
  }

  private async reassign(request: ReassignTaskRequest): Promise<TaskReassignmentResult> {
    const entry = this.entries.get(request.taskId) as Entry;
    const from = entry.spec.assignee;
    // The person the validator accepted: the directory's, as the API sent them, or (an Update sent
    // before it sent them, such as those in recorded histories) the roster's, as before. No
    // patch: whoever it is, the handler issues the same commands in the same order — the event's
    // record, then the notice — and replay matches activities by type, not by their input.
    const to = (reassignmentCandidate(request, this.context.roster) as ReassignmentCandidate).person;
    const number = ++entry.reassignments;
    entry.spec.assignee = to;
    // The one who had it may still finish it (e.g. back from leave) — the new assignee is responsible.
    entry.spec.delegates = [...(entry.spec.delegates ?? []).filter((d) => d.userId !== to.userId), from];
    entry.view.assigneeUserId = to.userId;
    entry.view.delegateUserIds = entry.spec.delegates.map((d) => d.userId);
    entry.spec.onReassigned?.(to, request);
    await records.recordTaskEvent({
      event: 'reassigned',
      taskId: request.taskId,
      cycleId: this.context.cycleId,
      number,
      from: from.userId,
      to: to.userId,
      delegateUserIds: entry.view.delegateUserIds,
      reason: request.reason,
      reassignedBy: request.actorUserId,
      at: iso(Date.now()),
      requestId: request.requestId,
    });
    // Whoever handed on their own task knows already; anyone else's is told it left them.
    const tellPrevious = from.userId !== request.actorUserId && patched(PREVIOUS_HOLDER_TOLD);
    await Promise.all([
      this.notify(entry, 'reassigned', to, `reassigned/${number}`),
      ...(tellPrevious ? [this.notify(entry, 'reassigned-away', from, `reassigned/${number}/away`)] : []),
    ]);
    return { taskId: request.taskId, assigneeUserId: to.userId };
  }

  /**
   * Who may urge an assignee: whoever may hand the task over (the Quality Representative, the head
   * of its unit, as the API found them in the directory now), and for an audit step the lead auditor
   * of its audit; once a day at most per task. A rule of the validator, which replay does not run:
   * no patch.
   */
  private validateUrge(request: UrgeTaskRequest): void {
    const entry = this.openEntry(request?.taskId);
    const leadsItsAudit = entry.spec.kind === 'audit-step' && request.by?.leadAuditor === true;
    if (!request.by || !(mayHandOver(request, entry.spec, this.context.roster) || leadsItsAudit)) {
      refuse(
        QcycleErrorCode.Forbidden,
        `Chỉ Đại diện chất lượng, trưởng đơn vị hoặc trưởng đoàn đánh giá (bước đánh giá) được đôn đốc việc ${request.taskId}.`,
      );
    }
    if (entry.urgedAt !== undefined && Date.now() - entry.urgedAt < URGE_INTERVAL_MS) {
      const facts: TaskUrgedRecently = {
        urgedAt: iso(entry.urgedAt),
        againFrom: iso(entry.urgedAt + URGE_INTERVAL_MS),
      };
      throw ApplicationFailure.create({
        type: QcycleErrorCode.Conflict,
        message: `Việc ${request.taskId} đã được đôn đốc lúc ${facts.urgedAt}.`,
        nonRetryable: true,
        details: [[], facts],
      });
    }
  }

  private async urge(request: UrgeTaskRequest): Promise<TaskUrgeResult> {
    const entry = this.entries.get(request.taskId) as Entry;
    // Marked before the first await: an urge arriving meanwhile meets it in its validator.
    const at = Date.now();
    const number = ++entry.urges;
    entry.urgedAt = at;
    const assignee = entry.spec.assignee;
    // Those who answer for the task hear of it too. No patch: only a request that names them (none
    // recorded before they were) schedules their notices.
    const copies = (request.copyTo ?? []).filter((person) => person.userId !== assignee.userId);
    const copiedToUserIds = copies.map((person) => person.userId);
    await records.recordTaskEvent({
      event: 'urged',
      taskId: request.taskId,
      cycleId: this.context.cycleId,
      number,
      recipientUserId: assignee.userId,
      urgedBy: request.actorUserId,
      ...(request.note ? { note: request.note } : {}),
      ...(copies.length > 0 ? { copiedToUserIds } : {}),
      at: iso(at),
      requestId: request.requestId,
    });
    const urge = { byName: request.by.name, ...(request.note ? { note: request.note } : {}) };
    // A copy lists the unit's other tasks urged with this one: one mail for the request, not one each.
    const copy = request.alsoUrged?.length ? { ...urge, alsoUrged: request.alsoUrged } : urge;
    await Promise.all([
      this.notify(entry, 'urged', assignee, `urged/${number}`, { urge }),
      ...copies.map((person) =>
        this.notify(entry, 'urged', person, `urged/${number}/copy/${person.userId}`, { urge: copy }),
      ),
    ]);
    return {
      taskId: request.taskId,
      assigneeUserId: assignee.userId,
      copiedTo: copies.map(({ userId, name }) => ({ userId, name })),
      number,
      urgedAt: iso(at),
    };
  }

  /**
   * A message about an open task: who may write it, and to whom it goes, the API decided from the
   * directory now; the workflow takes it while the task is open and the message is one.
   */
  private validateComment(request: CommentTaskRequest): void {
    this.openEntry(request?.taskId);
    const text = typeof request.text === 'string' ? request.text.trim() : '';
    if (text === '' || text.length > TASK_COMMENT_MAX_LENGTH || !Array.isArray(request.recipients))
      refuse(QcycleErrorCode.ValidationFailed, `Ý kiến về việc ${request.taskId} không hợp lệ.`, [
        validationProblem('text', text === '' ? 'required' : 'out-of-range', {
          vi: `Hãy viết ý kiến, tối đa ${TASK_COMMENT_MAX_LENGTH} ký tự.`,
          en: `Write the message, at most ${TASK_COMMENT_MAX_LENGTH} characters.`,
        }),
      ]);
  }

  private async comment(request: CommentTaskRequest): Promise<TaskCommentResult> {
    const entry = this.entries.get(request.taskId) as Entry;
    const at = Date.now();
    const number = ++entry.comments;
    const text = request.text.trim();
    const recipientUserIds = request.recipients.map((person) => person.userId);
    await records.recordTaskEvent({
      event: 'commented',
      taskId: request.taskId,
      cycleId: this.context.cycleId,
      number,
      text,
      commentedBy: request.actorUserId,
      recipientUserIds,
      at: iso(at),
      requestId: request.requestId,
    });
    // The writer hears back once it is recorded: the mails go after (an SMTP outage must not hold
    // the answer), and the workflow does not end before them. A failed notice is only logged.
    this.pendingNotices.push(
      ...request.recipients.map((recipient) =>
        this.notify(entry, 'commented', recipient, `commented/${number}/${recipient.userId}`, {
          comment: { byName: request.by.name, text },
        }).catch(() => undefined),
      ),
    );
    return { taskId: request.taskId, number, commentedAt: iso(at), recipientUserIds };
  }
}
