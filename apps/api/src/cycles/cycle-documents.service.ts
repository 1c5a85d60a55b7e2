import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import {
  evidenceListOf,
  parseQualityCycleId,
  payloadOf,
  QcycleError,
  QcycleErrorCode,
  typedEvent,
} from '@qcycle/contracts';
import {
  describeTarget,
  processPerformanceByUnit,
  reviewActionId,
  type Objective,
  type ObjectiveStatus,
  type ReportedFigure,
} from '@qcycle/domain';
import {
  AssignmentEntity,
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  correctiveActionLastRounds,
  DecisionEntity,
  EventLogEntryEntity,
  evidenceFilesNamedIn,
  lastRoundEvidence,
  ManagementReviewEntity,
  MeasurementEntity,
  ObjectiveResultEntity,
  OrganisationUnitEntity,
  QualityCycleEntity,
  TaskEntity,
  UserEntity,
} from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { pageWindow, type Page } from '../common/pagination';
import type {
  AuditStepTaskView,
  AuditView,
  DecisionView,
  MeasurementQuery,
  MeasurementCorrectionView,
  MeasurementView,
  ObjectiveResultView,
  ReviewActionFollowUpView,
  ReviewView,
  SignedCopyRecordView,
  UnitTasksView,
} from './dto/cycle-records.view';
import type { ObjectiveView } from './dto/cycle-objectives.view';
import { correctiveActionsCarriedForward } from './carried-corrective-actions';
import {
  signedPaperEvidenceOnRecord,
  signingAnswer,
  type SignedPaperRecordType,
  type SigningAnswer,
} from './signed-papers';

/**
 * The cycle's documented information (ISO 7.5) as the activities recorded it: the decision, the
 * measurements, the audit with its steps and corrective actions, the review, the year's results.
 * Read-only; any signed-in member of the organisation may read them (they are the QMS's records).
 */
@Injectable()
export class CycleDocumentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async decision(caller: Principal, cycleId: string): Promise<DecisionView> {
    own(caller, cycleId);
    const [row, approved] = await Promise.all([
      this.approvedDecision(cycleId),
      // The approving answer keeps what the decision rests on (the signed decision's scan), as the
      // review's keeps its minutes'.
      signingAnswer(this.dataSource, cycleId, 'approval'),
    ]);
    const { evidence, signedCopyRecord } = await this.signedCopies(cycleId, approved, 'approval');
    return {
      documentNumber: row.documentNumber,
      signerName: row.signerName,
      signerTitle: row.signerTitle,
      signedBy: row.signedBy,
      enteredBy: row.enteredBy,
      evidence,
      files: await evidenceFilesNamedIn(this.dataSource, cycleId, [{ evidence }]),
      signedCopyRecord,
      signingDate: row.signingDate,
      effectiveDate: row.effectiveDate,
      rounds: row.rounds,
      objectives: row.objectives,
      wording: row.wording as DecisionView['wording'],
    };
  }

  async measurements(
    caller: Principal,
    cycleId: string,
    query: MeasurementQuery,
  ): Promise<Page<MeasurementView>> {
    own(caller, cycleId);
    const { limit, offset } = pageWindow(query);
    const [[rows, total], corrections] = await Promise.all([
      this.dataSource.getRepository(MeasurementEntity).findAndCount({
        where: {
          cycleId,
          ...(query.objectiveId ? { objectiveId: query.objectiveId } : {}),
          ...(query.indicatorId ? { indicatorId: query.indicatorId } : {}),
        },
        order: { objectiveId: 'ASC', indicatorId: 'ASC', periodKey: 'ASC' },
        skip: offset,
        take: limit,
      }),
      this.dataSource.getRepository(EventLogEntryEntity).find({
        where: { cycleId, type: 'measurement.corrected' },
        order: { occurredAt: 'ASC', id: 'ASC' },
      }),
    ]);
    const corrected = correctionsByPeriod(corrections);
    return {
      items: rows.map((m) => measurementView(m, corrected)),
      total,
      limit,
      offset,
    };
  }

  /** A person of the caller's organisation by name, as the directory has them (kept when they leave). */
  async personName(caller: Principal, userId: string): Promise<string | undefined> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({
      select: { id: true, fullName: true },
      where: { id: userId, organisationCode: caller.organisationCode },
    });
    return user?.fullName;
  }

  /** The caller's organisation's units by code, in Vietnamese as the directory names them (printable pages). */
  async unitNames(caller: Principal): Promise<Record<string, string>> {
    const units = await this.dataSource
      .getRepository(OrganisationUnitEntity)
      .find({ where: { organisationCode: caller.organisationCode } });
    return Object.fromEntries(units.map((unit) => [unit.code, unit.nameVi]));
  }

  async audit(caller: Principal, cycleId: string): Promise<AuditView> {
    const { year } = own(caller, cycleId);
    const audit = await this.dataSource.getRepository(AuditEntity).findOneBy({ cycleId });
    if (!audit) throw new QcycleError(QcycleErrorCode.NotFound, 'audit', { cycleId });
    const steps = inPlanOrder(
      audit,
      await this.dataSource.getRepository(AuditStepEntity).find({ where: { auditId: audit.id } }),
    );
    const [actions, carried, stepTasks] = await Promise.all([
      this.dataSource
        .getRepository(CorrectiveActionEntity)
        .find({ where: { auditId: audit.id }, order: { openedAt: 'ASC' } }),
      correctiveActionsCarriedForward(this.dataSource.manager, caller.organisationCode, year),
      // Each step's task (its id is the step's): who holds it now, when it is due, whether it was
      // urged. A plan with no steps yet reads none.
      steps.length === 0
        ? []
        : this.dataSource.getRepository(TaskEntity).find({
            select: {
              id: true,
              status: true,
              assigneeUserId: true,
              dueAt: true,
              urgedAt: true,
              commentCount: true,
            },
            where: { id: In(steps.map((s) => s.id)) },
          }),
    ]);
    const now = new Date().toISOString();
    const taskOfStep = new Map(stepTasks.map((task) => [task.id, task]));
    const lastRounds = await correctiveActionLastRounds(this.dataSource, cycleId, actions);
    const approvalEvent = await this.dataSource
      .getRepository(EventLogEntryEntity)
      .findOneBy({ id: `${audit.id}/report-approved` });
    const approval = payloadOf(approvalEvent, 'audit.report-approved');
    const approver =
      approvalEvent && approval
        ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: approvalEvent.actor })
        : null;
    const stepViews = steps.map((s) => ({
      id: s.id,
      unitCode: s.unitCode,
      process: s.process,
      clause: s.clause,
      auditorUserId: s.auditorUserId,
      result: s.result,
      evidence: s.evidence,
      finding: s.finding,
      notes: s.notes,
      signedOffAt: s.signedOffAt,
      task: stepTaskView(taskOfStep.get(s.id), now),
    }));
    const actionViews = actions.map((a) => ({
      id: a.id,
      stepId: a.stepId,
      severity: a.severity,
      unitCode: a.unitCode,
      finding: a.finding,
      correction: a.correction,
      rootCause: a.rootCause,
      action: a.action,
      ownerUserId: a.ownerUserId,
      dueDate: a.dueDate,
      status: a.status,
      effective: a.effective === null ? null : Boolean(a.effective),
      carriedForward: carried.includes(a.id),
      ...lastRounds.get(a.id)!,
    }));
    return {
      id: audit.id,
      status: audit.status,
      leadAuditorUserId: audit.leadAuditorUserId,
      plan: audit.plan,
      report: audit.report,
      closedAt: audit.closedAt,
      reportApproval:
        approvalEvent && approval
          ? {
              approvedBy: approvalEvent.actor,
              approvedByName: approver?.fullName ?? null,
              approvedAt: approvalEvent.occurredAt,
              rounds: approval.rounds,
            }
          : null,
      steps: stepViews,
      correctiveActions: actionViews,
      files: await evidenceFilesNamedIn(this.dataSource, cycleId, [
        stepViews,
        actionViews.map(lastRoundEvidence),
      ]),
    };
  }

  async review(caller: Principal, cycleId: string): Promise<ReviewView> {
    own(caller, cycleId);
    const [review, held] = await Promise.all([
      this.dataSource.getRepository(ManagementReviewEntity).findOneBy({ cycleId }),
      // The leader's answer keeps what the review rests on (the signed minutes' scan); the review's
      // record keeps the reference only.
      signingAnswer(this.dataSource, cycleId, 'review'),
    ]);
    if (!review) throw new QcycleError(QcycleErrorCode.NotFound, 'review', { cycleId });
    const { evidence, signedCopyRecord } = await this.signedCopies(cycleId, held, 'review');
    const actionFollowUp = await this.reviewActionFollowUp(cycleId, review);
    return {
      status: review.status,
      inputs: review.inputs,
      outputs: review.outputs,
      actions: review.actions,
      actionFollowUp,
      minutesRef: review.minutesRef,
      heldAt: review.heldAt,
      heldOn: typeof review.outputs?.heldOn === 'string' ? review.outputs.heldOn : null,
      evidence,
      // The inputs carry last year's actions and corrective actions with what they rest on.
      files: await evidenceFilesNamedIn(
        this.dataSource,
        cycleId,
        [{ evidence }, actionFollowUp, review.inputs],
        { yearBefore: true },
      ),
      signedCopyRecord,
    };
  }

  /**
   * What a paper the leader signs rests on, the decision's or the minutes'
   * ({@link signedPaperEvidenceOnRecord}), and the record where a scan of it is added: the answer's,
   * once there is one.
   */
  private async signedCopies(
    cycleId: string,
    answered: SigningAnswer | null,
    recordType: SignedPaperRecordType,
  ): Promise<{ evidence: string[]; signedCopyRecord: SignedCopyRecordView | null }> {
    if (!answered) return { evidence: [], signedCopyRecord: null };
    const { named, added } = await signedPaperEvidenceOnRecord(
      this.dataSource,
      cycleId,
      recordType,
      answered,
    );
    return {
      evidence: [...named, ...added],
      signedCopyRecord: { recordType, recordKey: answered.id, added },
    };
  }

  /**
   * How each of the review's actions went: its `review-action` task (the same id, libs/domain
   * `reviewActionId`) as its owner answered it, and whether the year's close carried it on. Two reads
   * by primary key. A review held before actions were followed up as tasks has none: status null.
   */
  private async reviewActionFollowUp(
    cycleId: string,
    review: ManagementReviewEntity,
  ): Promise<ReviewActionFollowUpView[]> {
    const ids = (review.actions ?? []).map((_, index) => reviewActionId(review.id, index + 1));
    if (ids.length === 0) return [];
    const [tasks, carriedEvent] = await Promise.all([
      this.dataSource.getRepository(TaskEntity).find({
        select: { id: true, status: true, outcome: true, completedBy: true, closedAt: true },
        where: { id: In(ids), cycleId },
      }),
      this.dataSource
        .getRepository(EventLogEntryEntity)
        .findOneBy({ id: `${review.id}/actions-carried-forward`, cycleId }),
    ]);
    const byId = new Map(tasks.map((task) => [task.id, task]));
    const carried = new Set(
      payloadOf(carriedEvent, 'review.actions-carried-forward')?.actions.map((a) => a.actionId),
    );
    return ids.map((actionId) => {
      const task = byId.get(actionId);
      const reported = task?.status === 'completed';
      const note = reported ? task.outcome?.note : undefined;
      return {
        actionId,
        status: !task ? null : reported ? (task.outcome?.done === true ? 'done' : 'not-done') : 'open',
        note: typeof note === 'string' && note.trim() ? note : null,
        evidence: reported ? evidenceListOf(task.outcome?.evidence) : [],
        reportedBy: reported ? task.completedBy : null,
        reportedAt: reported ? task.closedAt : null,
        carriedForward: carried.has(actionId),
      };
    });
  }

  /**
   * The approved objectives with their indicators, who reports them, their figures and how their
   * status moved with each report (the `measurement.reported` events), or the year's result once
   * closed. Before approval there are no objectives of record yet: 404, like the decision.
   */
  async objectives(caller: Principal, cycleId: string): Promise<ObjectiveView[]> {
    own(caller, cycleId);
    const decision = await this.approvedDecision(cycleId);
    return this.objectiveViews(caller, cycleId, decision.objectives as Objective[]);
  }

  async objective(caller: Principal, cycleId: string, objectiveId: string): Promise<ObjectiveView> {
    own(caller, cycleId);
    const decision = await this.approvedDecision(cycleId);
    const objective = (decision.objectives as Objective[]).find((o) => o.id === objectiveId);
    if (!objective)
      throw new QcycleError(QcycleErrorCode.NotFound, 'decisionObjective', {
        objectiveId,
        documentNumber: decision.documentNumber,
        cycleId,
      });
    const [view] = await this.objectiveViews(caller, cycleId, [objective]);
    return view;
  }

  async results(caller: Principal, cycleId: string): Promise<ObjectiveResultView[]> {
    own(caller, cycleId);
    const rows = await this.dataSource
      .getRepository(ObjectiveResultEntity)
      .find({ where: { cycleId }, order: { objectiveId: 'ASC' } });
    return rows.map((r) => ({
      objectiveId: r.objectiveId,
      status: r.status,
      indicators: r.indicators,
      computedAt: r.computedAt,
    }));
  }

  /**
   * The year's tasks so far by unit, as the management review will count them (its input c 3 by
   * unit): for the Quality Representative and the units to follow through the year where work is
   * late, escalated or urged, not only at the review.
   */
  async tasksByUnit(caller: Principal, cycleId: string): Promise<UnitTasksView[]> {
    own(caller, cycleId);
    const [tasks, paperReports] = await Promise.all([
      this.dataSource.getRepository(TaskEntity).find({
        select: {
          id: true,
          kind: true,
          unitCode: true,
          status: true,
          late: true,
          escalationLevel: true,
          urgedAt: true,
        },
        where: { cycleId },
      }),
      this.dataSource.getRepository(MeasurementEntity).find({
        select: { id: true, taskId: true, late: true },
        where: { cycleId, paperReportDate: Not(IsNull()) },
      }),
    ]);
    if (
      tasks.length === 0 &&
      !(await this.dataSource.getRepository(QualityCycleEntity).existsBy({ id: cycleId }))
    )
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    return processPerformanceByUnit({
      tasks,
      paperReports: paperReports.map((m) => ({ taskId: m.taskId, late: Boolean(m.late) })),
    });
  }

  private async approvedDecision(cycleId: string): Promise<DecisionEntity> {
    const row = await this.dataSource.getRepository(DecisionEntity).findOneBy({ cycleId });
    if (!row) throw new QcycleError(QcycleErrorCode.NotFound, 'decision', { cycleId });
    return row;
  }

  private async objectiveViews(
    caller: Principal,
    cycleId: string,
    objectives: Objective[],
  ): Promise<ObjectiveView[]> {
    const objectiveIds = objectives.map((o) => o.id);
    const [assignments, measurements, reports, results] = await Promise.all([
      this.dataSource
        .getRepository(AssignmentEntity)
        .find({ where: { cycleId, objectiveId: In(objectiveIds) } }),
      this.dataSource.getRepository(MeasurementEntity).find({
        where: { cycleId, objectiveId: In(objectiveIds) },
        order: { indicatorId: 'ASC', periodKey: 'ASC' },
      }),
      // simple-json payloads are text on both databases: the objective is picked out here, not in SQL.
      this.dataSource.getRepository(EventLogEntryEntity).find({
        // A correction (`measurement.corrected`) evaluates the status again, like a report.
        where: { cycleId, type: In(['measurement.reported', 'measurement.corrected']) },
        order: { occurredAt: 'ASC', id: 'ASC' },
      }),
      this.dataSource
        .getRepository(ObjectiveResultEntity)
        .find({ where: { cycleId, objectiveId: In(objectiveIds) } }),
    ]);
    // A unit head's delegation to staff comes after the unit's own; equal instants keep that order.
    assignments.sort(
      (a, b) =>
        a.assignedAt.localeCompare(b.assignedAt) ||
        ASSIGNMENT_LEVELS.indexOf(a.level) - ASSIGNMENT_LEVELS.indexOf(b.level),
    );
    const assigneeIds = [...new Set(assignments.map((a) => a.assigneeUserId))];
    const people = assigneeIds.length
      ? await this.dataSource.getRepository(UserEntity).find({
          where: { id: In(assigneeIds), organisationCode: caller.organisationCode },
        })
      : [];
    const nameOf = new Map(people.map((u) => [u.id, u.fullName]));
    const corrected = correctionsByPeriod(reports);

    return objectives.map((objective) => {
      const given = assignments.filter((a) => a.objectiveId === objective.id);
      const current = given.at(-1);
      const history = reports.flatMap((e) => {
        const event = typedEvent(e);
        if (event?.type !== 'measurement.reported' && event?.type !== 'measurement.corrected') return [];
        if (event.payload.objectiveId !== objective.id) return [];
        return [
          {
            periodKey: event.payload.periodKey,
            // Reports recorded before the monitoring kept statuses carry none.
            status: event.payload.status ?? null,
            statusBefore: event.payload.statusBefore ?? null,
            at: e.occurredAt,
            reportedBy: e.actor,
            late: event.type === 'measurement.reported' && event.payload.late === true,
          },
        ];
      });
      const result = results.find((r) => r.objectiveId === objective.id);
      const lastReport = history.filter((h) => h.status !== null).at(-1);
      return {
        id: objective.id,
        number: objective.number,
        title: objective.title,
        frequency: objective.frequency,
        ownerUnitCode: objective.ownerUnitCode,
        unitCode: [...given].reverse().find((a) => a.unitCode)?.unitCode ?? null,
        assigneeUserId: current?.assigneeUserId ?? null,
        assigneeName: current ? (nameOf.get(current.assigneeUserId) ?? null) : null,
        assignments: given.map((a) => ({
          level: a.level,
          unitCode: a.unitCode,
          assigneeUserId: a.assigneeUserId,
          assignedBy: a.assignedBy,
          assignedAt: a.assignedAt,
        })),
        status: result?.status ?? lastReport?.status ?? NOT_MEASURED,
        statusAt: result?.computedAt ?? lastReport?.at ?? null,
        indicators: objective.indicators.map((indicator) => ({
          id: indicator.id,
          kind: indicator.kind,
          label: indicator.label,
          target:
            indicator.kind === 'judged'
              ? null
              : { ...indicator.target, text: describeTarget(indicator) ?? '' },
          criteria: indicator.kind === 'judged' ? indicator.criteria : [],
          measurements: measurements
            .filter((m) => m.objectiveId === objective.id && m.indicatorId === indicator.id)
            .map((m) => measurementView(m, corrected)),
        })),
        statusHistory: history,
      };
    });
  }
}

const ASSIGNMENT_LEVELS = ['unit', 'staff', 'reassignment'];
const NOT_MEASURED: ObjectiveStatus = 'not-measured';

/** A period's corrections so far, with the period's figures as reported (the first one's `previous`). */
type PeriodCorrections = Omit<MeasurementCorrectionView, 'asReported'> & {
  reported: readonly ReportedFigure[];
};

/**
 * Each corrected period's corrections, by `${objectiveId}/${periodKey}`, from its
 * `measurement.corrected` events oldest first: a correction covers the whole period's report.
 */
function correctionsByPeriod(events: readonly EventLogEntryEntity[]): Map<string, PeriodCorrections> {
  const byPeriod = new Map<string, PeriodCorrections>();
  for (const event of events) {
    const correction = payloadOf(event, 'measurement.corrected');
    if (!correction) continue;
    const key = `${correction.objectiveId}/${correction.periodKey}`;
    const before = byPeriod.get(key);
    byPeriod.set(key, {
      times: (before?.times ?? 0) + 1,
      lastBy: event.actor,
      lastAt: event.occurredAt,
      lastReason: correction.reason,
      lastEvidence: correction.evidence ?? [],
      reported: before?.reported ?? correction.previous,
    });
  }
  return byPeriod;
}

/** A measurement row's corrections, if any, with its own indicator's figure as reported. */
function correctionOf(
  m: MeasurementEntity,
  corrected: ReadonlyMap<string, PeriodCorrections>,
): MeasurementCorrectionView | null {
  const period = corrected.get(`${m.objectiveId}/${m.periodKey}`);
  if (!period) return null;
  const { reported, ...last } = period;
  const figure = reported.find((f) => f.indicatorId === m.indicatorId);
  return {
    ...last,
    asReported: {
      numerator: figure?.numerator ?? null,
      denominator: figure?.denominator ?? null,
      pendingOverdue: figure?.pendingOverdue ?? null,
      value: figure?.value ?? null,
      achieved: figure?.achieved ?? null,
    },
  };
}

/** A measurement row as both `/measurements` and `/objectives` show it, marked if corrected since. */
function measurementView(
  m: MeasurementEntity,
  corrected: ReadonlyMap<string, PeriodCorrections>,
): MeasurementView {
  return {
    objectiveId: m.objectiveId,
    indicatorId: m.indicatorId,
    periodKey: m.periodKey,
    taskId: m.taskId,
    kind: m.kind,
    numerator: m.numerator,
    denominator: m.denominator,
    pendingOverdue: m.pendingOverdue,
    value: m.value,
    achieved: m.achieved === null ? null : Boolean(m.achieved),
    evidence: m.evidence,
    reportedBy: m.reportedBy,
    reportedAt: m.reportedAt,
    late: Boolean(m.late),
    paperReport:
      m.paperReportDate !== null && m.paperReportReference !== null
        ? { date: m.paperReportDate, reference: m.paperReportReference }
        : null,
    corrected: correctionOf(m, corrected),
  };
}

/**
 * The checklist steps in the order the lead auditor planned them. Their record ids end in the plan's
 * step ids, which sort as text ("s10" before "s2"); a step the plan does not name comes last.
 */
export function inPlanOrder(audit: AuditEntity, steps: AuditStepEntity[]): AuditStepEntity[] {
  const planned = Array.isArray(audit.plan?.steps) ? (audit.plan.steps as { id?: unknown }[]) : [];
  const position = new Map(planned.map((step, index) => [`${audit.id}/step/${String(step.id)}`, index]));
  const at = (step: AuditStepEntity) => position.get(step.id) ?? planned.length;
  return [...steps].sort((a, b) => at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Another organisation's cycle is "not found", like one that does not exist. Returns its key. */
function own(caller: Principal, cycleId: string): { organisationCode: string; year: number } {
  const key = parseQualityCycleId(cycleId);
  if (!key || key.organisationCode !== caller.organisationCode)
    throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
  return key;
}

/** An audit step's task as the audit page shows it beside the step; null where none is on record. */
function stepTaskView(task: TaskEntity | undefined, now: string): AuditStepTaskView | null {
  if (!task) return null;
  return {
    status: task.status,
    assigneeUserId: task.assigneeUserId,
    dueAt: task.dueAt,
    overdue: task.status === 'open' && task.dueAt !== null && task.dueAt < now,
    urgedAt: task.urgedAt,
    commentCount: task.commentCount,
  };
}
