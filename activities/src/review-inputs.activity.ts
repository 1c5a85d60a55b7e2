import { IsNull, Not, type DataSource } from 'typeorm';
import {
  internalAuditsMeasurement,
  objectiveResultsAtReview,
  processPerformanceByUnit,
  qmsPerformance,
  withPerformanceTrend,
  type CycleCalendar,
  type Measurement,
  type Objective,
  type ObjectiveResultAtReview,
  type ReviewEnteredInput,
  type ReviewPreparationOutcome,
  type UnitProcessPerformance,
  REVIEW_INPUT_NOT_ENTERED,
} from '@qcycle/domain';
import {
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  earlierYearPerformance,
  earlierYearResults,
  ManagementReviewEntity,
  NextYearDraftEntity,
  MeasurementEntity,
  TaskEntity,
} from '@qcycle/persistence';
import { parseQualityCycleId, qualityCycleId } from '@qcycle/contracts';
import type { ReviewPreparationFacts } from './quality-record-facts';

/** A corrective action of last year not verified effective at its close (ISO 10.2 f, 9.3.2 c 4). */
export interface CarriedCorrectiveAction {
  correctiveActionId: string;
  cycleId: string;
  unitCode: string;
  severity: string;
  finding: string;
  action: string | null;
  ownerUserId: string | null;
  dueDate: string | null;
  rounds: number;
  /** Its status at last year's close. */
  status: string;
  /** This year's corrective action that continues it, and where that stands now. */
  continuedAs?: { correctiveActionId: string; status: string };
}

type ReviewInputsWithTrend = ReturnType<typeof withPerformanceTrend>;

/** The ISO 9.3.2 inputs of the management review, compiled from the cycle's own records. */
export interface ManagementReviewInputs {
  previousActions: { status: string; items: unknown[] };
  /**
   * ISO 9.3.2 c 2: each objective's result on the review's day, computed from the records before
   * the review meets (present when the review was given the year's objectives).
   */
  objectiveResults?: ObjectiveResultAtReview[];
  /** Last year's corrective actions still open at its close, carried into this year's review. */
  previousCorrectiveActions: { status: 'none' | 'carried-over'; items: CarriedCorrectiveAction[] };
  changesInIssues: string;
  objectives: { objectiveId: string; periodsReported: number; lateReports: number }[];
  /** c 3, c 4, c 6: this year's figures, each with the earlier years' (`earlierYears`, latest first) for the trend. */
  processPerformance: ReviewInputsWithTrend['processPerformance'];
  /** c 3 by unit: where this year's tasks were late, escalated or urged (absent from reviews before it). */
  processPerformanceByUnit: UnitProcessPerformance[];
  nonconformitiesAndCorrectiveActions: ReviewInputsWithTrend['nonconformitiesAndCorrectiveActions'];
  monitoringResults: { measurements: number };
  auditResults: ReviewInputsWithTrend['auditResults'];
  customerSatisfaction: string;
  externalProviders: string;
  resources: string;
  risksAndOpportunities: string;
  improvementOpportunities: string[];
  /**
   * Who entered b, c 1, c 7, d and e (the Quality Representative's `review-preparation` task), or
   * that nobody did before the review opened; absent for reviews on older code, which have none.
   */
  entered?: { status: 'entered'; enteredBy: string; enteredAt: string } | { status: 'not-entered' };
  /** The Quality Representative's notes on the inputs compiled from the records, by input. */
  notes?: ReviewPreparationOutcome['notes'];
}

/** What `compileReviewInputs` is asked: the cycle, and what the review knows that the records do not. */
export interface ReviewInputsRequest {
  cycleId: string;
  previousActions?: unknown[];
  /** The year's objectives: with them the inputs hold each objective's result (9.3.2 c 2). */
  objectives?: Objective[];
  calendar?: CycleCalendar;
  /** The review's day as a calendar instant (a rehearsal's workflow time shifted back). */
  asOf?: string;
  /** Engine-measured indicators: the audits count from the records, the QMS one is judged here. */
  engineMeasured?: { qmsMaintained?: string; internalAudits?: string };
  /** The Quality Representative's preparation; absent for reviews on older code (no preparation). */
  preparation?: ReviewPreparationFacts;
}

/** Every ISO 9.3.2 input, from what the cycle recorded (what the engine cannot know is marked so). */
export async function compileReviewInputs(
  dataSource: DataSource,
  request: ReviewInputsRequest,
): Promise<ManagementReviewInputs> {
  const manager = dataSource.manager;
  const [tasks, measurements, audits, steps, actions] = await Promise.all([
    manager.find(TaskEntity, { where: { cycleId: request.cycleId } }),
    manager.find(MeasurementEntity, { where: { cycleId: request.cycleId } }),
    manager.find(AuditEntity, { where: { cycleId: request.cycleId } }),
    manager.find(AuditStepEntity, { where: { cycleId: request.cycleId } }),
    manager.find(CorrectiveActionEntity, { where: { cycleId: request.cycleId } }),
  ]);
  const byObjective = new Map<string, { periods: Set<string>; late: Set<string> }>();
  for (const m of measurements) {
    const entry = byObjective.get(m.objectiveId) ?? { periods: new Set(), late: new Set() };
    entry.periods.add(m.periodKey);
    if (m.late) entry.late.add(m.periodKey);
    byObjective.set(m.objectiveId, entry);
  }
  // c 3, c 4 and c 6, counted as for every earlier year, with those years for their trend. A report
  // made on paper before qcycle asked for it was late or not by the paper's day: its task (late as
  // entered) counts by its measurement (docs/objectives.md "Reports made on paper").
  const key = parseQualityCycleId(request.cycleId);
  const paperReports = measurements
    .filter((m) => m.paperReportDate !== null)
    .map((m) => ({ taskId: m.taskId, late: Boolean(m.late) }));
  const performance = withPerformanceTrend(
    qmsPerformance({
      tasks,
      paperReports,
      correctiveActions: actions,
      audits,
      auditSteps: steps,
    }),
    key ? await earlierYearPerformance(dataSource.manager, key.organisationCode, key.year) : [],
  );
  const notKnown = 'Chưa có trong hồ sơ của hệ thống: Đại diện chất lượng bổ sung tại cuộc họp.';
  const { preparation } = request;
  const entered = preparation?.status === 'entered' ? preparation.inputs : undefined;
  // Reviews on older code had no preparation: the inputs stay "to be added at the meeting".
  const enteredOr = (key: ReviewEnteredInput) =>
    entered ? entered[key].trim() : preparation ? REVIEW_INPUT_NOT_ENTERED : notKnown;
  const previousActions = request.previousActions ?? (await previousYearActions(dataSource, request.cycleId));
  const carriedActions = await previousYearOpenCorrectiveActions(dataSource, request.cycleId);
  const objectiveResults =
    request.objectives && request.calendar && request.asOf
      ? await withEarlierYears(
          dataSource,
          request.cycleId,
          request.objectives,
          resultsAtReview(request, measurements, audits, request.objectives, request.calendar, request.asOf),
        )
      : undefined;
  return {
    ...(objectiveResults ? { objectiveResults } : {}),
    previousActions: {
      status: previousActions.length ? 'carried-over' : 'none',
      items: previousActions,
    },
    previousCorrectiveActions: {
      status: carriedActions.length ? 'carried-over' : 'none',
      items: carriedActions,
    },
    changesInIssues: enteredOr('changesInIssues'),
    objectives: [...byObjective.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([objectiveId, entry]) => ({
        objectiveId,
        periodsReported: entry.periods.size,
        lateReports: entry.late.size,
      })),
    processPerformance: performance.processPerformance,
    processPerformanceByUnit: processPerformanceByUnit({ tasks, paperReports }),
    nonconformitiesAndCorrectiveActions: performance.nonconformitiesAndCorrectiveActions,
    monitoringResults: { measurements: measurements.length },
    auditResults: performance.auditResults,
    customerSatisfaction: enteredOr('customerSatisfaction'),
    externalProviders: enteredOr('externalProviders'),
    resources: enteredOr('resources'),
    risksAndOpportunities: enteredOr('risksAndOpportunities'),
    improvementOpportunities: await improvementOpportunities(dataSource, request.cycleId, steps),
    ...(preparation
      ? {
          entered:
            preparation.status === 'entered'
              ? { status: 'entered', enteredBy: preparation.enteredBy, enteredAt: preparation.enteredAt }
              : { status: 'not-entered' },
        }
      : {}),
    ...(entered?.notes && Object.values(entered.notes).some((note) => note?.trim())
      ? {
          notes: Object.fromEntries(
            Object.entries(entered.notes)
              .filter(([, note]) => note?.trim())
              .map(([key, note]) => [key, note?.trim()]),
          ),
        }
      : {}),
  };
}

/**
 * ISO 9.3.2 a): the actions last year's management review decided, from its record (the same
 * organisation's cycle of the previous year); none when that year did not run in qcycle.
 */
async function previousYearActions(dataSource: DataSource, cycleId: string): Promise<unknown[]> {
  const key = parseQualityCycleId(cycleId);
  if (!key) return [];
  // Reviews that followed their actions up left them, with their status at the close, in the
  // next-year draft; older years only in the review's record.
  const draft = await dataSource.manager.findOneBy(NextYearDraftEntity, {
    cycleId: qualityCycleId(key.organisationCode, key.year - 1),
  });
  if (draft) return draft.previousActions;
  const previous = await dataSource.manager.findOneBy(ManagementReviewEntity, {
    cycleId: qualityCycleId(key.organisationCode, key.year - 1),
    status: 'held',
  });
  return previous?.actions ?? [];
}

/** ISO 9.3.2 c asks for the objectives' results "including trends": each with its earlier years. */
async function withEarlierYears(
  dataSource: DataSource,
  cycleId: string,
  objectives: Objective[],
  results: ObjectiveResultAtReview[],
): Promise<ObjectiveResultAtReview[]> {
  const key = parseQualityCycleId(cycleId);
  if (!key) return results;
  const earlier = await earlierYearResults(dataSource.manager, key.organisationCode, key.year, objectives);
  return results.map((result) => {
    const earlierYears = earlier.get(result.objectiveId);
    return earlierYears ? { ...result, earlierYears } : result;
  });
}

/**
 * ISO 9.3.2 f, what the records know of: the opportunities for improvement last year's review
 * named (its outputs, 9.3.3 a, which otherwise stopped at its minutes) and this year's audit
 * observations. Each says where it comes from; the Quality Representative's note adds the rest.
 */
async function improvementOpportunities(
  dataSource: DataSource,
  cycleId: string,
  steps: AuditStepEntity[],
): Promise<string[]> {
  const key = parseQualityCycleId(cycleId);
  const previous = key
    ? await dataSource.manager.findOneBy(ManagementReviewEntity, {
        cycleId: qualityCycleId(key.organisationCode, key.year - 1),
        status: 'held',
      })
    : null;
  const named = previous?.outputs?.improvementOpportunities;
  const fromReview = Array.isArray(named)
    ? named
        .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
        .map((text) => `Họp xem xét của lãnh đạo năm ${key!.year - 1}: ${text.trim()}`)
    : [];
  const fromAudit = steps
    .filter((step) => step.result === 'observation')
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((step) => {
      const said = (step.finding ?? step.notes ?? '').trim();
      return `Đánh giá nội bộ, ${step.process} (${step.clause})${said ? `: ${said}` : ''}`;
    });
  return [...fromReview, ...fromAudit];
}

/** Corrective actions of the same organisation's previous-year cycle not closed at its close, and how each goes on. */
async function previousYearOpenCorrectiveActions(
  dataSource: DataSource,
  cycleId: string,
): Promise<CarriedCorrectiveAction[]> {
  const key = parseQualityCycleId(cycleId);
  if (!key) return [];
  const [previous, continuations] = await Promise.all([
    dataSource.manager.find(CorrectiveActionEntity, {
      where: { cycleId: qualityCycleId(key.organisationCode, key.year - 1) },
      order: { id: 'ASC' },
    }),
    dataSource.manager.find(CorrectiveActionEntity, {
      where: { cycleId, carriedFromId: Not(IsNull()) },
    }),
  ]);
  const continuedAs = new Map(continuations.map((next) => [next.carriedFromId, next]));
  return previous
    .filter((a) => a.status !== 'closed')
    .map((a) => ({
      correctiveActionId: a.id,
      cycleId: a.cycleId,
      unitCode: a.unitCode,
      severity: a.severity,
      finding: a.finding,
      action: a.action,
      ownerUserId: a.ownerUserId,
      dueDate: a.dueDate,
      rounds: a.rounds,
      status: a.status,
      ...continuation(continuedAs.get(a.id)),
    }));
}

/** Each objective's standing on the review's day, from the recorded figures and audits. */
function resultsAtReview(
  request: { engineMeasured?: { qmsMaintained?: string; internalAudits?: string } },
  rows: MeasurementEntity[],
  audits: AuditEntity[],
  objectives: Objective[],
  calendar: CycleCalendar,
  asOf: string,
): ObjectiveResultAtReview[] {
  const measurements: Measurement[] = rows.map((row) => {
    const base = {
      indicatorId: row.indicatorId,
      periodKey: row.periodKey,
      reportedAt: row.reportedAt,
      late: row.late,
      evidence: row.evidence,
      reportedBy: row.reportedBy,
    };
    if (row.kind === 'ratio')
      return {
        ...base,
        kind: 'ratio',
        numerator: row.numerator ?? 0,
        denominator: row.denominator ?? 0,
        ...(row.pendingOverdue !== null ? { pendingOverdue: row.pendingOverdue } : {}),
      };
    if (row.kind === 'count') return { ...base, kind: 'count', value: row.value ?? 0 };
    return { ...base, kind: 'judged', achieved: row.achieved ?? false };
  });
  const { qmsMaintained, internalAudits } = request.engineMeasured ?? {};
  if (internalAudits) {
    const closed = audits.filter((a) => a.status === 'closed').map((a) => a.id);
    measurements.push(internalAuditsMeasurement(internalAudits, calendar.year, closed, asOf));
  }
  const judged = objectives
    .filter((o) => qmsMaintained && o.indicators.some((i) => i.id === qmsMaintained))
    .map((o) => o.id);
  return objectiveResultsAtReview(objectives, measurements, asOf, calendar, judged);
}

/** Where this year's continuation of last year's action stands, when there is one. */
function continuation(
  next: CorrectiveActionEntity | undefined,
): Pick<CarriedCorrectiveAction, 'continuedAs'> {
  return next ? { continuedAs: { correctiveActionId: next.id, status: next.status } } : {};
}
