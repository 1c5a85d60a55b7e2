import { getExternalWorkflowHandle, isCancellation, log, setHandler, sleep } from '@temporalio/workflow';
import {
  cycleProgressSignal,
  roleMovedSignal,
  unitWorkMovedSignal,
  type CycleProgressReport,
  type CycleRole,
  type CycleRoster,
  type PersonRef,
} from '@qcycle/contracts';
import {
  auditEscalationsAt,
  cycleClock,
  reminderAt,
  startOfYearTaskSchedule,
  vnLocalToInstant,
  type CycleCalendar,
  type IsoDate,
  type LocalTime,
  type StartOfYearStep,
} from '@qcycle/domain';
import { TaskBoard, type TaskNotice } from './tasks/human-task';

/**
 * Patch id (docs/versioning.md): the approval, revision, assignment and unit acceptance tasks have
 * a due date, a reminder and an escalation (new timers). Tasks opened by cycles on older code had
 * none and replay without them.
 */
export const START_OF_YEAR_DEADLINES = 'start-of-year-deadlines';

/** What every workflow of one cycle knows about it; handed from the cycle to its children. */
export interface CycleContext {
  cycleId: string;
  cycleWorkflowId: string;
  organisationCode: string;
  year: number;
  calendar: CycleCalendar;
  roster: CycleRoster;
  /** Schedule shift of a rehearsal (0 for a real year), see libs/domain cycle-clock.ts. */
  shiftMs: number;
  /**
   * Each unit's work taken over during the year (`moveUnitWork`), in order: a unit's last move says
   * who holds its work now; a unit never moved is its roster head's. Everyone moved to stays known to
   * the year (a report's owner, a task's holder). Absent until a move: children started before it,
   * and every cycle recorded before it existed, go by the roster alone.
   */
  unitWorkMoves?: UnitWorkMove[];
  /**
   * The year's roles taken over during the year (`moveRole`), in order: a role's last move says who
   * holds it now; a role never moved is the roster's person's. Absent until a move, as above.
   */
  roleMoves?: RoleMove[];
}

export interface UnitWorkMove {
  unitCode: string;
  to: PersonRef;
}

export interface RoleMove {
  role: CycleRole;
  to: PersonRef;
}

/** Workflow time (epoch ms) of a calendar date and local time, e.g. the audit window's first morning. */
export function workflowTimeOf(context: CycleContext, date: IsoDate, time: LocalTime): number {
  return cycleClock(context.shiftMs).toWorkflowMs(vnLocalToInstant(date, time));
}

/**
 * Due date and notices of a start-of-year task opening now (workflow time), per the calendar
 * (libs/domain `startOfYearTaskSchedule`); in a rehearsal the calendar arithmetic runs on the
 * calendar's dates and the result is shifted back, as for every other date of the cycle.
 */
export function startOfYearDeadline(
  context: CycleContext,
  step: StartOfYearStep,
  assignee: PersonRef,
): { dueAt: number; notices: TaskNotice[] } {
  const clock = cycleClock(context.shiftMs);
  const schedule = startOfYearTaskSchedule(step, clock.toCalendarInstant(Date.now()), context.calendar);
  const { level, at } = schedule.escalation;
  const notices: TaskNotice[] = [
    {
      at: clock.toWorkflowMs(at),
      reason: 'escalated',
      level,
      recipient: roleHolder(context, level === 'leader' ? 'leader' : 'quality-representative'),
    },
  ];
  if (schedule.reminderAt !== undefined) {
    notices.unshift({ at: clock.toWorkflowMs(schedule.reminderAt), reason: 'reminder', recipient: assignee });
  }
  return { dueAt: clock.toWorkflowMs(schedule.dueAt), notices };
}

/**
 * Reminder and escalations of an internal-audit or corrective-action task due at `dueAt` (workflow
 * time): reminder to the assignee before the due day, then the Quality Representative, then the
 * leader (libs/domain `auditEscalationsAt`). Notices whose time has passed when the task opens are
 * left out: a task given after its due date is late from the start and says so.
 */
export function auditTaskNotices(context: CycleContext, dueAt: number, assignee: PersonRef): TaskNotice[] {
  const clock = cycleClock(context.shiftMs);
  const due = clock.toCalendarInstant(dueAt);
  const notices: TaskNotice[] = [
    { at: clock.toWorkflowMs(reminderAt(due, context.calendar)), reason: 'reminder', recipient: assignee },
    ...auditEscalationsAt(due, context.calendar).map(({ level, at }): TaskNotice => ({
      at: clock.toWorkflowMs(at),
      reason: 'escalated',
      level,
      recipient: roleHolder(context, level === 'leader' ? 'leader' : 'quality-representative'),
    })),
  ];
  return notices.filter((notice) => notice.at > Date.now());
}

/** Workflow time of the cycle's close: every task still open then expires (docs/workflows.md). */
export const closeTimeOf = (context: CycleContext): number =>
  workflowTimeOf(context, context.calendar.closeDate, context.calendar.notificationTime);

/**
 * Patch id (docs/versioning.md): on cancellation a workflow also asks each child it started to
 * cancel, by id, before waiting for it. A cancellation that arrives in the same workflow task as a
 * child's start can otherwise be lost (the SDK handles the signal before the start), leaving the
 * parent waiting for a child that never heard of it. Histories cancelled on older code replay
 * without these requests.
 */
export const CANCEL_CHILDREN_BY_ID = 'cancel-children-by-id';

/**
 * Asks each child workflow to cancel (non-cancellable callers); one already ended is left alone.
 * The requests are not awaited: the caller waits for the children themselves, and a server may
 * leave a second request for a child already cancelling unanswered.
 */
export function requestChildrenCancel(workflowIds: readonly string[]): void {
  for (const workflowId of workflowIds) {
    getExternalWorkflowHandle(workflowId)
      .cancel()
      .catch((error: unknown) =>
        log.info('child not cancelled: already ended', { workflowId, error: String(error) }),
      );
  }
}

export async function sleepUntil(workflowMs: number): Promise<void> {
  const wait = workflowMs - Date.now();
  if (wait > 0) await sleep(wait);
}

/** Tells the cycle what changed; the cycle may be closing, so a failed signal is only logged. */
export async function reportToCycle(context: CycleContext, report: CycleProgressReport): Promise<void> {
  try {
    await getExternalWorkflowHandle(context.cycleWorkflowId).signal(cycleProgressSignal, report);
  } catch (error) {
    if (isCancellation(error)) throw error;
    log.warn('progress not reported to the cycle', { error: String(error) });
  }
}

/**
 * Runs a child workflow's code with its task board (its tasks show in the cycle's live state), and
 * ends the workflow only once its tasks' notices have gone out ({@link TaskBoard.endsAfterNotices}).
 */
export function withChildTaskBoard<T>(
  context: CycleContext,
  workflowCode: (board: TaskBoard) => Promise<T>,
): Promise<T> {
  const board = new TaskBoard({
    cycleId: context.cycleId,
    roster: context.roster,
    onChange: (change) => reportToCycle(context, change),
  }).install();
  return board.endsAfterNotices(() => workflowCode(board));
}

export function unitOf(context: CycleContext, unitCode: string) {
  const unit = context.roster.units.find((candidate) => candidate.code === unitCode);
  if (!unit) throw new Error(`unit ${unitCode} is not in the cycle's roster`);
  return unit;
}

/**
 * Who the year gives a unit's work to now: whom it was last taken over by, else the roster's head
 * (docs/workflows.md "A unit's work taken over during the year").
 */
export function unitWorkHolder(context: CycleContext, unitCode: string): PersonRef {
  const moved = context.unitWorkMoves?.filter((move) => move.unitCode === unitCode).at(-1);
  return moved?.to ?? unitOf(context, unitCode).head;
}

/** Keeps a unit's work taken over in the context: the children started from it then are given it. */
export function recordUnitWorkMove(context: CycleContext, move: UnitWorkMove): void {
  context.unitWorkMoves = [...(context.unitWorkMoves ?? []), move];
}

/**
 * Who the year gives one of its roles to now: whom it was last taken over by, else the roster's
 * person (docs/workflows.md "The Quality Representative or the leader changes during the year").
 */
export function roleHolder(context: CycleContext, role: 'quality-representative' | 'leader'): PersonRef;
export function roleHolder(context: CycleContext, role: CycleRole): PersonRef | undefined;
export function roleHolder(context: CycleContext, role: CycleRole): PersonRef | undefined {
  const moved = context.roleMoves?.filter((move) => move.role === role).at(-1);
  if (moved) return moved.to;
  const { roster } = context;
  if (role === 'leader') return roster.leader;
  if (role === 'quality-representative') return roster.qualityRepresentative;
  // A roster without auditors has no lead auditor (its audit cannot run).
  return roster.auditors.find((auditor) => auditor.lead) ?? roster.auditors[0];
}

/** The year's Quality Representative now ({@link roleHolder}). */
export const qualityRepresentativeOf = (context: CycleContext): PersonRef =>
  roleHolder(context, 'quality-representative');

/** The year's leader now ({@link roleHolder}). */
export const leaderOf = (context: CycleContext): PersonRef => roleHolder(context, 'leader');

/** The year's lead auditor now ({@link roleHolder}), if its roster names any auditor. */
export const leadAuditorOf = (context: CycleContext): PersonRef | undefined =>
  roleHolder(context, 'lead-auditor');

/** Keeps a role taken over in the context: the children started from it then are given it. */
export function recordRoleMove(context: CycleContext, move: RoleMove): void {
  context.roleMoves = [...(context.roleMoves ?? []), move];
}

/** What a workflow tells its children when a unit's work was taken over (`unitWorkMovedSignal`). */
export interface UnitWorkMoved {
  unitCode: string;
  fromUserId: string;
  to: PersonRef;
}

/** What a workflow tells its children when one of the year's roles was taken over (`roleMovedSignal`). */
export interface RoleMoved {
  role: CycleRole;
  fromUserId: string;
  to: PersonRef;
}

/**
 * The children a workflow tells of a unit's work or a role taken over: each from its start until
 * its result settles, so one that ended is told nothing (a signal to it would be a command for
 * nothing).
 */
export class WorkFollowers {
  private readonly running = new Set<string>();

  /** Follows the child `childId` until `result` settles; returns `result`. */
  follow<T>(childId: string, result: Promise<T>): Promise<T> {
    this.running.add(childId);
    const ended = () => this.running.delete(childId);
    result.then(ended, ended);
    return result;
  }

  /** Tells each child running now of a unit's work taken over. */
  tell(move: UnitWorkMoved): Promise<void> {
    return this.signalRunning((handle) => handle.signal(unitWorkMovedSignal, move));
  }

  /** Tells each child running now of a role taken over. */
  tellRoleMoved(move: RoleMoved): Promise<void> {
    return this.signalRunning((handle) => handle.signal(roleMovedSignal, move));
  }

  /** One that ends meanwhile has nothing more to open: only logged. */
  private async signalRunning(
    send: (handle: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>,
  ): Promise<void> {
    await Promise.all(
      [...this.running].map((childId) =>
        send(getExternalWorkflowHandle(childId)).catch((error: unknown) => {
          if (isCancellation(error)) throw error;
          log.info('work move not told to an ended child', { childId, error: String(error) });
        }),
      ),
    );
  }
}

/**
 * Keeps a running child's context up to date with the cycle's `unitWorkMoved` and `roleMoved`
 * signals: what it opens for a unit, or for a role, from then on goes to the new holder
 * ({@link unitWorkHolder}, {@link roleHolder}), and the notices of its open tasks meant for the
 * unit's head or at the role's level go to them too, as does answering for them
 * ({@link TaskBoard.holderMoved}); `onMoved` and `onRoleMoved` pass a move on (to a child's own
 * children, or to what the workflow keeps). Only a cycle sent `moveUnitWork` or `moveRole` signals:
 * every recorded history replays as it ran.
 */
export function followWorkMoves(
  context: CycleContext,
  {
    board,
    onMoved,
    onRoleMoved,
  }: {
    board?: TaskBoard;
    onMoved?: (move: UnitWorkMoved) => void | Promise<void>;
    onRoleMoved?: (move: RoleMoved) => void | Promise<void>;
  } = {},
): void {
  setHandler(unitWorkMovedSignal, async (move) => {
    recordUnitWorkMove(context, { unitCode: move.unitCode, to: move.to });
    await board?.holderMoved({ unitCode: move.unitCode, level: 'unit-head' }, move.fromUserId, move.to);
    await onMoved?.(move);
  });
  setHandler(roleMovedSignal, async (move) => {
    recordRoleMove(context, { role: move.role, to: move.to });
    await board?.holderMoved({ level: move.role }, move.fromUserId, move.to);
    await onRoleMoved?.(move);
  });
}

export function personOf(context: CycleContext, userId: string): PersonRef {
  const person = rosterPersonOf(context, userId);
  if (!person) throw new Error(`user ${userId} is not in the cycle's roster`);
  return person;
}

/** Everyone the year knows: its roster, and whoever took a unit's work or a role over since. */
export function cyclePeople(context: CycleContext): PersonRef[] {
  return [
    context.roster.leader,
    context.roster.qualityRepresentative,
    ...context.roster.units.flatMap((unit) => [unit.head, ...unit.staff]),
    ...context.roster.auditors,
    ...(context.unitWorkMoves ?? []).map((move) => move.to),
    ...(context.roleMoves ?? []).map((move) => move.to),
  ];
}

/**
 * The person of that id in the cycle's roster, or who took a unit's work or a role over since; undefined for
 * someone else who joined since (given a task by hand).
 */
export function rosterPersonOf(context: CycleContext, userId: string): PersonRef | undefined {
  return cyclePeople(context).find((candidate) => candidate.userId === userId);
}

export const unitCodesOf = (context: CycleContext) => context.roster.units.map((unit) => unit.code);
