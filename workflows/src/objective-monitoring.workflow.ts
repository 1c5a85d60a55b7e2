import {
  ApplicationFailure,
  condition,
  allHandlersFinished,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  correctMeasurementUpdate,
  nonconformityProposalAcceptedSignal,
  type CorrectMeasurementRequest,
  QcycleErrorCode,
  type FiguresChangedMeanwhile,
  type ObjectiveOwner,
  type PersonRef,
  type ReassignTaskRequest,
} from '@qcycle/contracts';
import {
  addDays,
  checkMeasurementCorrection,
  cycleClock,
  escalationsAt,
  evaluateObjective,
  isPaperDayLate,
  measurementsFromReport,
  openedAfterDue,
  periodsFor,
  reminderAt,
  validateMeasurementReport,
  validateNonconformityProposal,
  validateNoteOutcome,
  type Measurement,
  type ObjectiveEvaluation,
  type Objective,
  type ObjectiveStatus,
  type MeasurementCorrectionRefusal,
  type ReportedFigure,
} from '@qcycle/domain';
import {
  withChildTaskBoard,
  cyclePeople,
  personOf,
  qualityRepresentativeOf,
  rosterPersonOf,
  reportToCycle,
  sleepUntil,
  unitWorkHolder,
  followWorkMoves,
  workflowTimeOf,
  type CycleContext,
} from './cycle-context';
import { notifications, records } from './activities';
import { awaitedLater, settleAll } from './tasks/settle-all';
import type { TaskBoard, TaskNotice } from './tasks/human-task';

/** Patch id (docs/versioning.md): the objective's status is recorded with each report's event. */
export const STATUS_RECORDED_WITH_REPORT = 'status-recorded-with-report';

/**
 * Patch id (docs/versioning.md): an open at-risk follow-up is resolved (recorded) when a report
 * brings its objective back on track. Cycles whose objective recovered on older code left it open.
 */
export const AT_RISK_FOLLOW_UP_RESOLVES = 'at-risk-follow-up-resolves';

/**
 * Patch id (docs/versioning.md): when an evaluation finds the objective missed, or its year's target
 * out of reach, the Quality Representative gets a `nonconformity-proposal` task; accepting it tells
 * the cycle to open the nonconformity (docs/workflows.md "Nonconformities"). Objectives that fell
 * on older code got no proposal.
 */
export const NONCONFORMITY_PROPOSAL = 'nonconformity-proposal';

/**
 * Patch id (docs/versioning.md): a report made on paper before qcycle asked for it (`paperReport`,
 * on a task that opened after its due instant) is late by its paper's day, not by when it was
 * entered: the measurements, their record and `lateReports` say so, and the record keeps the paper's
 * day and reference (docs/objectives.md "Reports made on paper"). Asked only for a report that
 * carries one; reports on older code were late by their entry and replay that way.
 */
export const PAPER_REPORT_DATED = 'paper-report-dated';

/**
 * Patch id (docs/versioning.md): a report handed over from someone who left the directory
 * (`ReassignTaskRequest.fromLeft`: deactivated, as the API found them) takes the objective's later
 * reports with it: each later period's report opens for the person it was handed to, not for the
 * reporter the unit named at the start, whom nobody can sign in as any more. Asked only when a
 * report was so handed over, which no Update sent before `fromLeft` existed could do: older cycles
 * replay as they ran.
 */
export const REPORTS_FOLLOW_DEPARTED_REPORTER = 'reports-follow-departed-reporter';

/**
 * Patch id (docs/versioning.md): the unit's work taken over from the one who reports (a head who
 * kept the objective, the Quality Representative standing in for a unit without a head) takes the
 * objective's later reports with it, though no report of it was open to hand over. Asked only when
 * that happened; before, those reports went on opening for the one the work was taken from.
 */
export const REPORTS_FOLLOW_UNIT_WORK = 'reports-follow-unit-work';

/**
 * Patch id (docs/versioning.md): a correction of a reported period's figures tells the other of the
 * two who may correct them (the reporter of the unit head's correction, the unit head of anyone
 * else's) with a `corrected` notification. Corrections made on older code told nobody.
 */
export const CORRECTIONS_TOLD = 'corrections-told';

export interface ObjectiveMonitoringInput {
  context: CycleContext;
  objective: Objective;
  owner: ObjectiveOwner;
}

export interface ObjectiveMonitoringResult {
  objectiveId: string;
  measurements: Measurement[];
  status: ObjectiveStatus;
  lateReports: number;
  missingPeriods: string[];
}

/**
 * ISO 9.1 for one objective: when each period ends, its owner gets a measurement task due by the
 * calendar; a reminder before the due day; escalation to the unit head, then the Quality
 * Representative, when it is overdue. Late reports are accepted and marked. Each report is
 * evaluated; an objective at risk gives the Quality Representative a follow-up task, closed by
 * itself when the objective is back on track. Tasks still open at the cycle's close expire; when
 * the cycle is cancelled every open task, follow-ups included, is recorded cancelled before the
 * workflow ends.
 */
export async function objectiveMonitoring(
  input: ObjectiveMonitoringInput,
): Promise<ObjectiveMonitoringResult> {
  return withChildTaskBoard(input.context, (board) => monitorObjective(input, board));
}

async function monitorObjective(
  { context, objective, owner }: ObjectiveMonitoringInput,
  board: TaskBoard,
): Promise<ObjectiveMonitoringResult> {
  const { workflowId } = workflowInfo();
  const { calendar } = context;
  const periods = periodsFor(objective.frequency, context.year, calendar);
  const closeAt = workflowTimeOf(context, calendar.closeDate, calendar.notificationTime);
  const ownerPerson = personOf(context, owner.userId);
  /**
   * The unit's head as the year knows them now: the roster's, or whoever took the unit's work over
   * since (the cycle's `unitWorkMoved`, {@link followWorkMoves}) — the later reports' delegate and
   * overdue notices, and the one told of a correction, follow them.
   */
  const unitHead = () => unitWorkHolder(context, owner.unitCode);
  /**
   * Who reports from now on: the owner the unit named, until a report is handed over from someone
   * who left, or with the rest of its unit's work (`movesUnitWork`: another head took the unit over)
   * ({@link REPORTS_FOLLOW_DEPARTED_REPORTER}); then the one it was handed to. Updates recorded
   * before `movesUnitWork` existed carry none, so their cycles replay as they ran. Or until the
   * unit's work is taken over from the one who reports, with no report open
   * ({@link REPORTS_FOLLOW_UNIT_WORK}): then whoever took it over.
   */
  let reporter = ownerPerson;
  let reporterFollowsUnitWork = false;
  /** Whoever a report was handed to (someone who joined since may not be in the roster). */
  const handedTo = new Map<string, PersonRef>();
  const followReporter = (to: PersonRef, request: ReassignTaskRequest) => {
    handedTo.set(to.userId, to);
    if (request.fromLeft === true || request.movesUnitWork === true) {
      reporter = to;
      reporterFollowsUnitWork = false;
    }
  };
  followWorkMoves(context, {
    board,
    onMoved: (move) => {
      if (move.unitCode !== owner.unitCode || move.fromUserId !== reporter.userId) return;
      handedTo.set(move.to.userId, move.to);
      reporter = move.to;
      reporterFollowsUnitWork = true;
    },
  });
  const personById = (userId: string) => handedTo.get(userId) ?? rosterPersonOf(context, userId);
  const reportTitle = (periodKey: string) => ({
    vi: `Báo cáo số liệu mục tiêu ${objective.number} kỳ ${periodKey}`,
    en: `Report objective ${objective.number} for ${periodKey}`,
  });
  const shifted = (instant: string) => Date.parse(instant) + context.shiftMs;

  const measurements: Measurement[] = [];
  let status: ObjectiveStatus = 'not-measured';
  /** Awaited after the months (below): each kept with {@link awaitedLater}. */
  const followUps: Promise<unknown>[] = [];
  let openFollowUp: string | undefined;
  let lateReports = 0;
  const missingPeriods: string[] = [];

  /** Whether the last evaluation found the year lost: missed, or a target no longer reachable. */
  let yearLost = false;
  const evaluate = (reportedIndex: number): ObjectiveStatus => {
    const elapsed = periods.filter((p) => shifted(p.dueAt) <= Date.now()).length;
    const evaluation = evaluateObjective(objective, measurements, {
      periodsElapsed: Math.max(elapsed, reportedIndex),
    });
    yearLost = isYearLost(evaluation);
    return evaluation.status;
  };

  /**
   * ISO 10.2.1 (issue #9): the engine proposes a nonconformity to the Quality Representative, who
   * opens it (the cycle starts its corrective action) or declines with the reason (recorded with the
   * task). Due in a week like a follow-up would be read; it expires at the close like every task.
   */
  const proposeNonconformity = (periodKey: string, taskId: string) => {
    const figures = figuresOf(periodMeasurements(periodKey));
    const references = {
      unitCodes: context.roster.units.map((unit) => unit.code),
      userIds: cyclePeople(context).map((person) => person.userId),
    };
    followUps.push(
      awaitedLater(
        (async () => {
          const proposal = await board.run({
            taskId,
            kind: 'nonconformity-proposal',
            title: {
              vi: `Đề xuất mở điểm không phù hợp do mục tiêu ${objective.number} không đạt (kỳ ${periodKey})`,
              en: `Proposal: open a nonconformity, objective ${objective.number} missed (${periodKey})`,
            },
            assignee: qualityRepresentativeOf(context),
            objectiveId: objective.id,
            periodKey,
            unitCode: owner.unitCode,
            form: { objectiveId: objective.id, periodKey, status, figures, unitCode: owner.unitCode },
            expiresAt: closeAt,
            validate: (outcome) => validateNonconformityProposal(outcome, references),
          });
          if (proposal.status !== 'completed' || proposal.outcome.decision !== 'open') return;
          const { description, unitCode, severity, verifierUserId } = proposal.outcome;
          try {
            await getExternalWorkflowHandle(context.cycleWorkflowId).signal(
              nonconformityProposalAcceptedSignal,
              {
                proposalTaskId: taskId,
                objectiveId: objective.id,
                periodKey,
                description,
                unitCode,
                severity,
                ...(verifierUserId ? { verifierUserId } : {}),
                acceptedBy: proposal.completedBy,
              },
            );
          } catch (error) {
            // The cycle has ended meanwhile: the accepted proposal stays in the task's record.
            if (isCancellation(error)) throw error;
            log.warn('accepted nonconformity proposal not delivered to the cycle', {
              taskId,
              error: String(error),
            });
          }
        })(),
      ),
    );
  };

  /**
   * After a report or a correction moved the status from `previous`: tell the cycle, resolve an
   * at-risk follow-up the objective no longer needs, open one when it falls at risk.
   */
  const followStatus = async (
    previous: ObjectiveStatus,
    periodKey: string,
    followUpId: string,
    recovered: string,
    lostBefore: boolean,
    proposalId: string,
  ): Promise<void> => {
    if (yearLost && !lostBefore && patched(NONCONFORMITY_PROPOSAL))
      proposeNonconformity(periodKey, proposalId);
    if (status !== previous)
      await reportToCycle(context, { type: 'objective-status', objectiveId: objective.id, status });
    if (
      previous === 'at-risk' &&
      (status === 'on-track' || status === 'achieved') &&
      openFollowUp &&
      patched(AT_RISK_FOLLOW_UP_RESOLVES)
    ) {
      await board.resolve(openFollowUp, recovered);
      openFollowUp = undefined;
    }
    if (status === 'at-risk' && previous !== 'at-risk') {
      openFollowUp = followUpId;
      followUps.push(
        awaitedLater(
          board.run({
            taskId: openFollowUp,
            kind: 'at-risk-follow-up',
            title: {
              vi: `Mục tiêu ${objective.number} có nguy cơ không đạt (kỳ ${periodKey})`,
              en: `Objective ${objective.number} at risk (${periodKey})`,
            },
            assignee: qualityRepresentativeOf(context),
            objectiveId: objective.id,
            periodKey,
            form: { status, periodKey },
            expiresAt: closeAt,
            validate: validateNoteOutcome,
          }),
        ),
      );
    }
  };

  /**
   * Who is told of a correction: the reporter of the unit head's (the head as the directory has them
   * now, `request.by`, else the roster's), the unit head of anyone else's — the roster's head, whom
   * the notification activity replaces by the unit's head now if they left. Nobody is told of their
   * own correction (a period the unit head reported and corrects tells nobody).
   */
  const toldOfCorrection = (
    request: CorrectMeasurementRequest,
    reportedBy: string,
  ): PersonRef | undefined => {
    const byHead = request.by
      ? request.by.headOfUnits.includes(owner.unitCode)
      : request.actorUserId === unitHead().userId;
    const told = byHead ? personById(reportedBy) : unitHead();
    return told?.userId === request.actorUserId ? undefined : told;
  };
  const tellOfCorrection = async (
    recipient: PersonRef,
    taskId: string,
    number: number,
    request: CorrectMeasurementRequest,
    previous: readonly ReportedFigure[],
    figures: readonly ReportedFigure[],
  ): Promise<void> => {
    // Only what changed, each indicator by its label, for the mail to say in words.
    const changes = figures.flatMap((after) => {
      const before = previous.find((f) => f.indicatorId === after.indicatorId);
      const indicator = objective.indicators.find((i) => i.id === after.indicatorId);
      if (!indicator || JSON.stringify(before) === JSON.stringify(after)) return [];
      return [{ indicator: indicator.label, ...(before ? { before } : {}), after }];
    });
    try {
      await notifications.sendTaskNotification({
        notificationId: `${taskId}/corrected/${number}/${recipient.userId}`,
        taskId,
        cycleId: context.cycleId,
        reason: 'corrected',
        recipient,
        taskTitle: reportTitle(request.periodKey),
        correction: {
          byName: request.by?.name ?? personById(request.actorUserId)?.name ?? '',
          byUserId: request.actorUserId,
          reason: request.reason.trim(),
          changes,
          ...(request.evidence?.length ? { evidence: [...request.evidence] } : {}),
        },
      });
    } catch (error) {
      log.warn('correction notice not sent', { taskId, number, error: String(error) });
    }
  };

  // Correcting a reported figure (issue #9): a new Update, so histories recorded before it never
  // entered this path and replay unchanged; a correction's records are new commands of new events.
  const reportedPeriods = new Map<string, { taskId: string; index: number; reportedBy: string }>();
  let corrections = 0;
  const periodMeasurements = (periodKey: string) => measurements.filter((m) => m.periodKey === periodKey);
  setHandler(
    correctMeasurementUpdate,
    async (request) => {
      const period = reportedPeriods.get(request.periodKey)!;
      const number = ++corrections;
      const correctedAt = new Date(Date.now()).toISOString();
      const before = periodMeasurements(request.periodKey);
      const previous = figuresOf(before);
      const [first] = before;
      const corrected = measurementsFromReport(
        objective.indicators,
        { figures: request.figures, evidence: first.evidence },
        {
          periodKey: request.periodKey,
          reportedAt: first.reportedAt,
          late: first.late,
          reportedBy: first.reportedBy,
          ...(first.paperReport ? { paperReport: first.paperReport } : {}),
        },
      );
      for (const measurement of corrected) {
        const i = measurements.findIndex(
          (m) => m.periodKey === measurement.periodKey && m.indicatorId === measurement.indicatorId,
        );
        if (i >= 0) measurements[i] = measurement;
        else measurements.push(measurement);
      }
      const statusBefore = status;
      const lostBefore = yearLost;
      status = evaluate(Math.max(...[...reportedPeriods.values()].map((p) => p.index)));
      const result = {
        objectiveId: objective.id,
        periodKey: request.periodKey,
        previous,
        figures: figuresOf(corrected),
        reason: request.reason.trim(),
        ...(request.evidence?.length ? { evidence: [...request.evidence] } : {}),
        correctedBy: request.actorUserId,
        correctedAt,
        statusBefore,
        status,
      };
      await records.recordMeasurementCorrection({
        ...result,
        cycleId: context.cycleId,
        taskId: period.taskId,
        eventId: `${period.taskId}/corrected/${number}`,
        requestId: request.requestId,
      });
      if (patched(CORRECTIONS_TOLD)) {
        const told = toldOfCorrection(request, period.reportedBy);
        // Not awaited: the correction's answer does not wait for a mail (the notification activity
        // stores it first, and the sweep sends what SMTP refused; docs/notifications.md). The
        // workflow runs on until the year closes, when no correction is accepted any more.
        if (told)
          void tellOfCorrection(told, period.taskId, number, request, result.previous, result.figures);
      }
      await followStatus(
        statusBefore,
        request.periodKey,
        `${workflowId}/at-risk/${request.periodKey}/corrected/${number}`,
        `Mục tiêu ${objective.number} đã trở lại đúng tiến độ sau khi sửa số liệu kỳ ${request.periodKey}.`,
        lostBefore,
        `${workflowId}/nonconformity-proposal/${request.periodKey}/corrected/${number}`,
      );
      return result;
    },
    {
      validator: (request) => {
        const refusal = checkMeasurementCorrection(request, {
          indicators: objective.indicators,
          periodKeys: periods.map((p) => p.key),
          reporterUserId: reportedPeriods.get(request?.periodKey)?.reportedBy,
          unitHeadUserId: unitHead().userId,
          unitCode: owner.unitCode,
          currentFigures: figuresOf(periodMeasurements(request?.periodKey)),
          yearClosed: Date.now() >= closeAt,
        });
        if (refusal)
          throw ApplicationFailure.create({
            type: REFUSAL_TYPES[refusal.kind],
            message: refusal.reason,
            nonRetryable: true,
            details:
              refusal.kind === 'invalid'
                ? [refusal.problems]
                : refusal.kind === 'changed'
                  ? [[], { currentFigures: refusal.currentFigures } satisfies FiguresChangedMeanwhile]
                  : [],
          });
      },
    },
  );

  const monitored = settleAll(
    periods.map(async (period) => {
      await sleepUntil(workflowTimeOf(context, addDays(period.end, 1), calendar.notificationTime));
      const dueAt = shifted(period.dueAt);
      const notices: TaskNotice[] = [
        { at: shifted(reminderAt(period.dueAt, calendar)), reason: 'reminder', recipient: ownerPerson },
      ];
      const head = unitHead();
      for (const escalation of escalationsAt(period.dueAt, calendar)) {
        const recipient = escalation.level === 'unit-head' ? head : qualityRepresentativeOf(context);
        notices.push({ at: shifted(escalation.at), reason: 'escalated', level: escalation.level, recipient });
      }
      const taskId = `${workflowId}/measure/${period.key}`;
      const assignee =
        reporter.userId !== ownerPerson.userId &&
        patched(reporterFollowsUnitWork ? REPORTS_FOLLOW_UNIT_WORK : REPORTS_FOLLOW_DEPARTED_REPORTER)
          ? reporter
          : ownerPerson;
      // The task opens now (`run` reads the same workflow time): a report of a period already due
      // may say it was made on paper, and when (libs/domain paper-report.ts).
      const paper = { periodEnd: period.end, openedAfterDue: openedAfterDue(Date.now(), dueAt) };
      const clock = cycleClock(context.shiftMs);
      const report = await board.run({
        taskId,
        kind: 'measurement-report',
        title: reportTitle(period.key),
        assignee,
        delegates: head.userId === assignee.userId ? [] : [head],
        unitCode: owner.unitCode,
        objectiveId: objective.id,
        periodKey: period.key,
        form: {
          indicators: objective.indicators,
          period: { key: period.key, start: period.start, end: period.end },
        },
        dueAt,
        notices,
        expiresAt: closeAt,
        validate: (outcome) =>
          validateMeasurementReport(outcome, objective.indicators, period.key, {
            ...paper,
            today: clock.calendarDate(Date.now()),
          }),
        onReassigned: followReporter,
      });
      if (report.status !== 'completed') {
        missingPeriods.push(period.key);
        return;
      }
      const reportedAt = new Date(report.completedAt).toISOString();
      // The task stays late as entered (its record); the measurement is late by the paper's day.
      const { paperReport } = report.outcome;
      const onPaper = paperReport !== undefined && patched(PAPER_REPORT_DATED);
      const late = onPaper ? isPaperDayLate(paperReport.date, period.dueAt) : report.late;
      if (late) lateReports++;
      const reported = measurementsFromReport(objective.indicators, report.outcome, {
        periodKey: period.key,
        reportedAt,
        late,
        reportedBy: report.completedBy,
        ...(onPaper ? { paperReport } : {}),
      });
      measurements.push(...reported);
      // The status after this report now travels with the report's event, so it is evaluated before
      // recording. Cycles started earlier evaluated after recording (when a report that came in
      // meanwhile, or a due date passed meanwhile, could change it): they replay that order.
      const statusWithReport = patched(STATUS_RECORDED_WITH_REPORT);
      let previous = status;
      let lostBefore = yearLost;
      if (statusWithReport) status = evaluate(period.index);
      await records.recordMeasurements({
        cycleId: context.cycleId,
        objectiveId: objective.id,
        periodKey: period.key,
        taskId,
        measurements: reported,
        reportedBy: report.completedBy,
        reportedAt,
        late,
        ...(reported[0]?.paperReport ? { paperReport: reported[0].paperReport } : {}),
        ...(statusWithReport ? { statusChange: { statusBefore: previous, status } } : {}),
      });
      reportedPeriods.set(period.key, { taskId, index: period.index, reportedBy: report.completedBy });
      if (!statusWithReport) {
        previous = status;
        lostBefore = yearLost;
        status = evaluate(period.index);
      }
      await followStatus(
        previous,
        period.key,
        `${workflowId}/at-risk/${period.key}`,
        `Mục tiêu ${objective.number} đã trở lại đúng tiến độ sau báo cáo kỳ ${period.key}.`,
        lostBefore,
        `${workflowId}/nonconformity-proposal/${period.key}`,
      );
    }),
  );
  try {
    await monitored;
    await settleAll(followUps);
  } catch (error) {
    // A follow-up records itself cancelled in a non-cancellable scope: that record (and its
    // notice) must be written before this workflow ends, or it never is.
    if (isCancellation(error)) await Promise.allSettled(followUps);
    throw error;
  }
  await condition(allHandlersFinished);
  return {
    objectiveId: objective.id,
    measurements,
    status,
    lateReports,
    missingPeriods: missingPeriods.sort(),
  };
}

const REFUSAL_TYPES: Record<MeasurementCorrectionRefusal['kind'], QcycleErrorCode> = {
  'not-found': QcycleErrorCode.NotFound,
  forbidden: QcycleErrorCode.Forbidden,
  conflict: QcycleErrorCode.Conflict,
  changed: QcycleErrorCode.Conflict,
  invalid: QcycleErrorCode.ValidationFailed,
};

/**
 * The year is lost for the objective: evaluated missed (the year's last period), or an indicator's
 * target out of reach already (libs/domain: `at-risk` with the reason `target-unreachable`).
 */
function isYearLost(evaluation: ObjectiveEvaluation): boolean {
  return (
    evaluation.status === 'missed' ||
    evaluation.indicators.some((indicator) => indicator.reasons.includes('target-unreachable'))
  );
}

/** A period's measurements as the figures a report gives. */
function figuresOf(measurements: readonly Measurement[]): ReportedFigure[] {
  return measurements.map((m) => {
    switch (m.kind) {
      case 'ratio':
        return {
          indicatorId: m.indicatorId,
          numerator: m.numerator,
          denominator: m.denominator,
          ...(m.pendingOverdue !== undefined ? { pendingOverdue: m.pendingOverdue } : {}),
        };
      case 'count':
        return { indicatorId: m.indicatorId, value: m.value };
      case 'judged':
        return { indicatorId: m.indicatorId, achieved: m.achieved };
    }
  });
}
