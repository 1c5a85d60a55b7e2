import { condition, allHandlersFinished, isCancellation, patched, workflowInfo } from '@temporalio/workflow';
import type { ObjectiveOwner } from '@qcycle/contracts';
import {
  addDays,
  escalationsAt,
  evaluateObjective,
  measurementsFromReport,
  periodsFor,
  reminderAt,
  validateMeasurementReport,
  validateNoteOutcome,
  type Measurement,
  type Objective,
  type ObjectiveStatus,
} from '@qcycle/domain';
import {
  childTaskBoard,
  personOf,
  reportToCycle,
  sleepUntil,
  unitOf,
  workflowTimeOf,
  type CycleContext,
} from './cycle-context';
import { records } from './activities';
import { settleAll } from './tasks/settle-all';
import type { TaskNotice } from './tasks/human-task';

/** Patch id (docs/versioning.md): the objective's status is recorded with each report's event. */
export const STATUS_RECORDED_WITH_REPORT = 'status-recorded-with-report';

/**
 * Patch id (docs/versioning.md): an open at-risk follow-up is resolved (recorded) when a report
 * brings its objective back on track. Cycles whose objective recovered on older code left it open.
 */
export const AT_RISK_FOLLOW_UP_RESOLVES = 'at-risk-follow-up-resolves';

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
export async function objectiveMonitoring({
  context,
  objective,
  owner,
}: ObjectiveMonitoringInput): Promise<ObjectiveMonitoringResult> {
  const board = childTaskBoard(context);
  const { workflowId } = workflowInfo();
  const { calendar } = context;
  const periods = periodsFor(objective.frequency, context.year, calendar);
  const closeAt = workflowTimeOf(context, calendar.closeDate, calendar.notificationTime);
  const ownerPerson = personOf(context, owner.userId);
  const unitHead = unitOf(context, owner.unitCode).head;
  const shifted = (instant: string) => Date.parse(instant) + context.shiftMs;

  const measurements: Measurement[] = [];
  let status: ObjectiveStatus = 'not-measured';
  const followUps: Promise<unknown>[] = [];
  let openFollowUp: string | undefined;
  let lateReports = 0;
  const missingPeriods: string[] = [];

  const evaluate = (reportedIndex: number): ObjectiveStatus => {
    const elapsed = periods.filter((p) => shifted(p.dueAt) <= Date.now()).length;
    return evaluateObjective(objective, measurements, { periodsElapsed: Math.max(elapsed, reportedIndex) })
      .status;
  };

  const monitored = settleAll(
    periods.map(async (period) => {
      await sleepUntil(workflowTimeOf(context, addDays(period.end, 1), calendar.notificationTime));
      const dueAt = shifted(period.dueAt);
      const notices: TaskNotice[] = [
        { at: shifted(reminderAt(period.dueAt, calendar)), reason: 'reminder', recipient: ownerPerson },
      ];
      for (const escalation of escalationsAt(period.dueAt, calendar)) {
        const recipient = escalation.level === 'unit-head' ? unitHead : context.roster.qualityRepresentative;
        notices.push({ at: shifted(escalation.at), reason: 'escalated', level: escalation.level, recipient });
      }
      const taskId = `${workflowId}/measure/${period.key}`;
      const report = await board.run({
        taskId,
        kind: 'measurement-report',
        title: {
          vi: `Báo cáo số liệu mục tiêu ${objective.number} kỳ ${period.key}`,
          en: `Report objective ${objective.number} for ${period.key}`,
        },
        assignee: ownerPerson,
        delegates: unitHead.userId === ownerPerson.userId ? [] : [unitHead],
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
        validate: (outcome) => validateMeasurementReport(outcome, objective.indicators, period.key),
      });
      if (report.status !== 'completed') {
        missingPeriods.push(period.key);
        return;
      }
      const reportedAt = new Date(report.completedAt).toISOString();
      if (report.late) lateReports++;
      const reported = measurementsFromReport(objective.indicators, report.outcome, {
        periodKey: period.key,
        reportedAt,
        late: report.late,
        reportedBy: report.completedBy,
      });
      measurements.push(...reported);
      // The status after this report now travels with the report's event, so it is evaluated before
      // recording. Cycles started earlier evaluated after recording (when a report that came in
      // meanwhile, or a due date passed meanwhile, could change it): they replay that order.
      const statusWithReport = patched(STATUS_RECORDED_WITH_REPORT);
      let previous = status;
      if (statusWithReport) status = evaluate(period.index);
      await records.recordMeasurements({
        cycleId: context.cycleId,
        rows: reported.map((m) => ({
          id: `${taskId}/${m.indicatorId}`,
          cycleId: context.cycleId,
          objectiveId: objective.id,
          indicatorId: m.indicatorId,
          periodKey: m.periodKey,
          kind: m.kind,
          numerator: m.kind === 'ratio' ? m.numerator : null,
          denominator: m.kind === 'ratio' ? m.denominator : null,
          value: m.kind === 'count' ? m.value : null,
          achieved: m.kind === 'judged' ? m.achieved : null,
          evidence: m.evidence,
          reportedBy: report.completedBy,
          reportedAt,
          late: m.late,
          taskId,
        })),
        event: {
          id: `${taskId}/measured`,
          type: 'measurement.reported',
          actor: report.completedBy,
          at: reportedAt,
          payload: {
            objectiveId: objective.id,
            periodKey: period.key,
            late: report.late,
            ...(statusWithReport ? { statusBefore: previous, status } : {}),
          },
        },
      });
      if (!statusWithReport) {
        previous = status;
        status = evaluate(period.index);
      }
      if (status !== previous)
        await reportToCycle(context, { type: 'objective-status', objectiveId: objective.id, status });
      if (
        previous === 'at-risk' &&
        (status === 'on-track' || status === 'achieved') &&
        openFollowUp &&
        patched(AT_RISK_FOLLOW_UP_RESOLVES)
      ) {
        await board.resolve(
          openFollowUp,
          `Mục tiêu ${objective.number} đã trở lại đúng tiến độ sau báo cáo kỳ ${period.key}.`,
        );
        openFollowUp = undefined;
      }
      if (status === 'at-risk' && previous !== 'at-risk') {
        openFollowUp = `${workflowId}/at-risk/${period.key}`;
        followUps.push(
          board.run({
            taskId: openFollowUp,
            kind: 'at-risk-follow-up',
            title: {
              vi: `Mục tiêu ${objective.number} có nguy cơ không đạt (kỳ ${period.key})`,
              en: `Objective ${objective.number} at risk (${period.key})`,
            },
            assignee: context.roster.qualityRepresentative,
            objectiveId: objective.id,
            periodKey: period.key,
            form: { status, periodKey: period.key },
            expiresAt: closeAt,
            validate: validateNoteOutcome,
          }),
        );
      }
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
