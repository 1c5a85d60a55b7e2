import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { In, type Repository } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import {
  CYCLE_PHASES,
  addDays,
  compareIsoDates,
  cycleClock,
  cyclePageUrl,
  instantToVnLocal,
  isIsoDate,
  openedAfterDue,
  periodsFor,
  realStartProblems,
  signerForCycle,
  startOfYearTaskSchedule,
  type CycleDraft,
  type CyclePhase,
  type IsoInstant,
  type Language,
  type StartOfYearStep,
} from '@qcycle/domain';
import {
  QUALITY_CYCLE_WORKFLOW,
  QcycleError,
  QcycleErrorCode,
  correctiveActionsToContinueSignal,
  cycleStateQuery,
  parseQualityCycleId,
  qualityCycleId,
  qualityCycleWorkflowId,
  buildStartInput,
  type CycleRoster,
  type QualityCycleState,
  type StartQualityCycleInput,
} from '@qcycle/contracts';
import {
  EventLogEntryEntity,
  QualityCycleEntity,
  RehearsalDiscardEntity,
  TaskEntity,
} from '@qcycle/persistence';
import { CalendarsService } from '../calendars/calendars.service';
import { CycleStartSource, type CycleStart } from '../temporal/cycle-start.source';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import type { CycleDatesView, CycleLiveView, CycleView, PhaseEnteredView } from './dto/cycle.view';
import type { StartCycleDto } from './dto/start-cycle.dto';
import { correctiveActionsCarriedInto } from './carried-corrective-actions';
import { cycleCalendar } from './cycle-calendar';

@Injectable()
export class CyclesService {
  constructor(
    private readonly temporal: TemporalClientProvider,
    @InjectRepository(QualityCycleEntity) private readonly cycles: Repository<QualityCycleEntity>,
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    @InjectRepository(EventLogEntryEntity) private readonly events: Repository<EventLogEntryEntity>,
    @InjectRepository(RehearsalDiscardEntity) private readonly discards: Repository<RehearsalDiscardEntity>,
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    private readonly calendars: CalendarsService,
    private readonly starts: CycleStartSource,
  ) {}

  /**
   * Starts the year's cycle. The workflow id is the organisation and year, so a second start is refused.
   * The roster comes from the organisation's directory (DirectoryRosterService), its leader being the
   * signer chosen for the year; the draft from the request (`draftForStart`), its signature block
   * naming that leader in the requested or the draft's signing mode.
   */
  async start(
    request: StartCycleDto,
    startedBy: string,
    roster: CycleRoster,
    draft: CycleDraft,
    /** Last year's review actions with their status, when started from last year's draft (next-year route). */
    carried: Pick<StartQualityCycleInput, 'previousActions'> = {},
  ): Promise<CycleView> {
    const cycleId = qualityCycleId(request.organisationCode, request.year);
    const workflowId = qualityCycleWorkflowId(request.organisationCode, request.year);
    const alreadyStarted = () =>
      new QcycleError(
        QcycleErrorCode.CycleAlreadyStarted,
        'default',
        { year: request.year, organisationCode: request.organisationCode },
        { cycleId, workflowId },
      );
    const rehearsalProblem = rehearsalFromProblem(request);
    if (rehearsalProblem)
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'default',
        { fields: 'rehearsalFrom' },
        { fields: { rehearsalFrom: [rehearsalProblem] } },
      );
    const signed = signerForCycle(draft.signer, roster.leader, request.signingMode);
    if ('refused' in signed)
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'default',
        { fields: signed.refused.field },
        {
          fields: { [signed.refused.field]: [signed.refused.reason] },
        },
      );
    // The request's draft or template (moved to the year), the organisation's calendar for the year
    // as it is now (the default when none was saved), the directory's roster.
    const calendar = await this.calendars.calendarFor(request.organisationCode, request.year);
    const input: StartQualityCycleInput = buildStartInput({
      organisationCode: request.organisationCode,
      year: request.year,
      startedBy,
      roster,
      calendar,
      draft: { ...draft, signer: signed.signer },
      rehearsal: request.rehearsal,
      rehearsalFrom: request.rehearsalFrom,
    });
    if (carried.previousActions) input.previousActions = carried.previousActions;
    const correctiveActions = await correctiveActionsCarriedInto(
      this.events.manager,
      request.organisationCode,
      request.year,
    );
    if (correctiveActions.length) input.correctiveActionsToContinue = correctiveActions;
    // One cycle per organisation and year, ever. Temporal refuses a second start of the same
    // workflow id only while it keeps the first (its namespace's retention); the record is kept for
    // good, so a year closed or cancelled long ago is refused here too.
    if (await this.cycles.existsBy({ id: cycleId })) throw alreadyStarted();
    // A rehearsal of the year was discarded (RehearsalDiscardService): its ended workflow's id may
    // be started again. Otherwise never, as above.
    const discarded = !!(await this.discardOf(cycleId));
    // A real year runs on its calendar's dates: none it waits for may have passed already.
    const tooLate = request.rehearsal ? [] : realStartProblems(calendar, todayInVietnam());
    if (tooLate.length > 0)
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'default',
        { fields: tooLate.map((p) => p.path).join(', ') },
        { fields: Object.fromEntries(tooLate.map((p) => [p.path, [p.reason]])) },
      );
    try {
      const handle = await this.temporal.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId,
        args: [input],
        // One cycle per organisation and year, ever: a closed or cancelled year is not started again,
        // unless it was a rehearsal since discarded. A running one is refused either way.
        workflowIdReusePolicy: discarded ? 'ALLOW_DUPLICATE' : 'REJECT_DUPLICATE',
      });
      await this.starts.keepStarted(request.organisationCode, request.year);
      // Last year may have closed between the read above and this start, its signal finding no cycle
      // yet: read again, and send what it carried forward (the cycle continues each action once).
      if (correctiveActions.length === 0) {
        const closedMeanwhile = await correctiveActionsCarriedInto(
          this.events.manager,
          request.organisationCode,
          request.year,
        );
        if (closedMeanwhile.length > 0)
          await handle.signal(correctiveActionsToContinueSignal, closedMeanwhile);
      }
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw alreadyStarted();
      throw error;
    }
    return this.get(cycleId);
  }

  /** The recorded cycle with the workflow's live answer. */
  async get(cycleId: string): Promise<CycleView> {
    const key = parseQualityCycleId(cycleId);
    if (!key) throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const workflowId = qualityCycleWorkflowId(key.organisationCode, key.year);
    const [record, discarded] = await Promise.all([this.recorded(cycleId), this.discardOf(cycleId)]);
    // A discarded rehearsal's workflow is still in Temporal, ended: it is not the year's cycle. A
    // run started after the discard is (its record follows its start within moments).
    if (!record && discarded && !(await this.startedAfter(workflowId, discarded.discardedAt)))
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const [live, phasesEntered, rehearsals] = await Promise.all([
      this.live(cycleId, workflowId, key),
      this.phasesEntered(workflowId),
      this.starts.rehearsals([cycleId]),
    ]);
    if (!record && !live) throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    return {
      id: cycleId,
      workflowId,
      organisationCode: key.organisationCode,
      year: key.year,
      startedAt: record?.startedAt,
      status: record?.status,
      phase: record?.phase,
      rehearsal: rehearsals.has(cycleId),
      phasesEntered,
      live: live ?? { executionStatus: 'UNKNOWN' },
    };
  }

  /** The year's milestones as a calendar file (cycle-calendar.ts), in the caller's language. */
  async calendar(cycleId: string, language: Language): Promise<string> {
    const cycle = await this.get(cycleId);
    // Its dates are the workflow's: one that did not answer now is not a cycle without dates.
    if (cycle.live.status === undefined && cycle.live.executionStatus !== 'UNKNOWN')
      throw new QcycleError(QcycleErrorCode.WorkflowUnavailable, 'read');
    const dashboardUrl = cyclePageUrl(this.config.publicUrl, cycleId);
    const calendar = cycleCalendar(cycle, { dashboardUrl, now: new Date(), language });
    if (!calendar) throw new QcycleError(QcycleErrorCode.NotFound, 'cycleDates', { cycleId });
    return calendar;
  }

  /**
   * When each phase of the year began, for every member of the organisation: the phase timeline is
   * not the event log's who-did-what, which only the Quality Representative, the leader and the
   * auditors read. By the events' ids (`{workflowId}/started`, `{workflowId}/phase/{phase}`, the
   * activities' cycle records), primary-key reads whatever the size of the log.
   */
  private async phasesEntered(workflowId: string): Promise<PhaseEnteredView[]> {
    const idOf = (phase: CyclePhase) =>
      phase === 'objectives-approval' ? `${workflowId}/started` : `${workflowId}/phase/${phase}`;
    const found = await this.events.find({
      select: { id: true, occurredAt: true },
      where: { id: In(CYCLE_PHASES.map(idOf)) },
    });
    const at = new Map(found.map((event) => [event.id, event.occurredAt]));
    return CYCLE_PHASES.flatMap((phase) => {
      const enteredAt = at.get(idOf(phase));
      return enteredAt === undefined ? [] : [{ phase, enteredAt }];
    });
  }

  /** The latest discard of a rehearsal of that cycle (RehearsalDiscardService), if one was discarded. */
  async discardOf(cycleId: string): Promise<RehearsalDiscardEntity | null> {
    return this.discards.findOne({ where: { discardedCycleId: cycleId }, order: { discardedAt: 'DESC' } });
  }

  /** Whether the workflow's current run started after that instant. */
  private async startedAfter(workflowId: string, instant: string): Promise<boolean> {
    try {
      const description = await this.temporal.client.workflow.getHandle(workflowId).describe();
      return description.startTime.getTime() > Date.parse(instant);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /** The cycle as the worker recorded it (status and phase), without asking the workflow; null before. */
  async recorded(cycleId: string): Promise<QualityCycleEntity | null> {
    return this.cycles.findOneBy({ id: cycleId });
  }

  private async live(
    cycleId: string,
    workflowId: string,
    key: { organisationCode: string; year: number },
  ): Promise<CycleLiveView | undefined> {
    const handle = this.temporal.client.workflow.getHandle(workflowId);
    try {
      // At once, not one after the other: the query's answer does not depend on the description (a
      // workflow that is not found fails both; the describe says so). The open tasks are their
      // records' (written before anyone is told of a task), by IDX (cycle_id, status). The cycle's
      // start (its own calendar) is kept by qcycle: a primary-key read.
      const [description, state, openTasks, start] = await Promise.all([
        handle.describe(),
        // A workflow that cannot answer now (no worker polling: QUERY_DEADLINE_MS) leaves the page
        // what is recorded: the cycle's status and phase, and its open tasks.
        this.temporal.query(workflowId, cycleStateQuery).catch(() => undefined),
        this.tasks.find({
          select: {
            id: true,
            kind: true,
            title: true,
            assigneeUserId: true,
            dueAt: true,
            openedAt: true,
            urgedAt: true,
            unitCode: true,
          },
          where: { cycleId, status: 'open' },
          order: { openedAt: 'ASC', id: 'ASC' },
        }),
        // The timeline's plan is a help: a start that cannot be read now leaves it out, not the cycle.
        this.starts.startOf(key.organisationCode, key.year).catch(() => undefined),
      ]);
      const openTaskViews = openTasks.map((t) => ({
        taskId: t.id,
        kind: t.kind,
        title: t.title,
        assigneeUserId: t.assigneeUserId,
        dueAt: t.dueAt ?? undefined,
        openedAt: t.openedAt,
        openedAfterDue: openedAfterDue(Date.parse(t.openedAt), t.dueAt === null ? null : Date.parse(t.dueAt)),
        ...(t.urgedAt ? { urgedAt: t.urgedAt } : {}),
        ...(t.unitCode ? { unitCode: t.unitCode } : {}),
      }));
      if (!state) return { executionStatus: description.status.name, openTasks: openTaskViews };
      return {
        executionStatus: description.status.name,
        status: state.status,
        phase: state.phase,
        decisionNumber: state.decision?.documentNumber,
        scheduleShiftMs: state.scheduleShiftMs,
        ...(state.dates
          ? { dates: { ...state.dates, ...(start ? plannedOpening(state, start, openTasks) : {}) } }
          : {}),
        objectives: state.objectives?.map((o) => ({
          objectiveId: o.objectiveId,
          number: o.number,
          status: o.status,
          ownerUserId: o.ownerUserId,
          measuredByEngine: o.measuredByEngine,
        })),
        ...(state.unitWork ? { unitWork: state.unitWork } : {}),
        ...(state.roles ? { roles: state.roles } : {}),
        openTasks: openTaskViews,
      };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }
}

/** The phases in which the year is being opened: its objectives approved, then assigned and accepted. */
const OPENING_PHASES: ReadonlySet<CyclePhase> = new Set<CyclePhase>(['objectives-approval', 'assignment']);

/**
 * When the year's opening steps are due and its first report opens, by the cycle's own calendar
 * (the one it started with: its holidays and start-of-year allowances, not the organisation's
 * calendar as saved since), for the dashboard's timeline. A step open now is due on its task's due
 * day; a step still to come is counted from the due day of the one before it, as if that were
 * answered on its last day: the plan to keep to, not a guess of how late it will be. A rehearsal's
 * workflow times are taken back to the calendar's (the view's dates are the calendar's).
 */
function plannedOpening(
  state: QualityCycleState,
  { input, startedAtMs }: CycleStart,
  openTasks: readonly { kind: string; dueAt: string | null }[],
): Pick<CycleDatesView, 'startOfYear' | 'firstReport'> {
  const { calendar } = input;
  const clock = cycleClock(state.scheduleShiftMs);
  /** When the open task(s) of a kind are due, the last of them (the last unit to accept), as a calendar instant. */
  const openDue = (kind: string): IsoInstant | undefined => {
    const dues = openTasks.flatMap((task) =>
      task.kind === kind && task.dueAt ? [Date.parse(task.dueAt)] : [],
    );
    return dues.length > 0 ? clock.toCalendarInstant(Math.max(...dues)) : undefined;
  };
  const dueAfter = (step: StartOfYearStep, openedAt: IsoInstant) =>
    startOfYearTaskSchedule(step, openedAt, calendar).dueAt;
  const day = (instant: IsoInstant) => instantToVnLocal(instant).date;

  let startOfYear: CycleDatesView['startOfYear'];
  if (state.status === 'running' && OPENING_PHASES.has(state.phase)) {
    // A returned draft: the revision, then a new round of approval.
    const revisionDue = openDue('objectives-revision');
    const approvalDue =
      openDue('objectives-approval') ??
      dueAfter('objectives-approval', revisionDue ?? clock.toCalendarInstant(startedAtMs));
    const assignmentDue = openDue('assignment-acceptance') ?? dueAfter('assignment-acceptance', approvalDue);
    const unitAcceptanceDue = openDue('unit-acceptance') ?? dueAfter('unit-acceptance', assignmentDue);
    startOfYear = { approvalDue: day(approvalDue), unitAcceptanceDue: day(unitAcceptanceDue) };
  }

  // The objectives people report (the engine measures the others): those approved, else the draft's.
  const reportedByPeople = (state.decision?.objectives ?? input.draft.objectives).filter(
    (objective) => !state.objectives.find((live) => live.objectiveId === objective.id)?.measuredByEngine,
  );
  const firstReport = reportedByPeople
    .flatMap((objective) => periodsFor(objective.frequency, input.year, calendar).slice(0, 1))
    .map((period) => ({ periodKey: period.key, opensOn: addDays(period.end, 1) }))
    .sort((a, b) => compareIsoDates(a.opensOn, b.opensOn))[0];

  return { ...(startOfYear ? { startOfYear } : {}), ...(firstReport ? { firstReport } : {}) };
}

/** A rehearsal may begin later in its year; a real year begins when it begins. */
function rehearsalFromProblem({ rehearsal, rehearsalFrom, year }: StartCycleDto): string | undefined {
  if (rehearsalFrom === undefined) return undefined;
  if (!rehearsal) return 'rehearsalFrom is only for a rehearsal (rehearsal: true)';
  if (!isIsoDate(rehearsalFrom) || !rehearsalFrom.startsWith(`${year}-`))
    return `rehearsalFrom must be a date of ${year}`;
  return undefined;
}

/** Today's date in Vietnam, where the calendar's dates are. */
function todayInVietnam() {
  return instantToVnLocal(new Date().toISOString()).date;
}
