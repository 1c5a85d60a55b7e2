import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  In,
  IsNull,
  Not,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  internalAuditsMeasurement,
  objectiveResultsAtReview,
  objectiveYearResult,
  qmsPerformance,
  withPerformanceTrend,
  type CycleCalendar,
  type LocalizedText,
  type Measurement,
  type Objective,
  type ObjectiveResultAtReview,
  type ReviewEnteredInput,
  type ReviewPreparationOutcome,
  REVIEW_INPUT_NOT_ENTERED,
} from '@qcycle/domain';
import {
  AssignmentEntity,
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  DecisionEntity,
  earlierYearPerformance,
  earlierYearResults,
  EventLogEntryEntity,
  ManagementReviewEntity,
  NextYearDraftEntity,
  MeasurementEntity,
  ObjectiveResultEntity,
  QualityCycleEntity,
  TaskEntity,
} from '@qcycle/persistence';
import {
  parseQualityCycleId,
  qualityCycleId,
  type MeasurementCorrected,
  type MeasurementCorrectedEventPayload,
} from '@qcycle/contracts';
import { appendEvent, logEntry } from './cycle-record.activities';
import {
  prepareNextYearDraft,
  type NextYearDraftFacts,
  type NextYearDraftPrepared,
} from './next-year-draft.activity';
import type {
  AssignmentFacts,
  AuditFacts,
  AuditStepFacts,
  CorrectiveActionFacts,
  DecisionFacts,
  ManagementReviewFacts,
  ReviewPreparationFacts,
  MeasurementFacts,
  TaskEventFacts,
  YearResultFacts,
} from './quality-record-facts';

export interface OpenTaskRecord {
  taskId: string;
  cycleId: string;
  workflowId: string;
  kind: string;
  title: LocalizedText;
  assigneeUserId: string;
  delegateUserIds: string[];
  unitCode?: string;
  objectiveId?: string;
  periodKey?: string;
  form?: Record<string, unknown>;
  openedAt: string;
  dueAt?: string;
}

export interface TaskCompletionRecord {
  taskId: string;
  cycleId: string;
  actorUserId: string;
  outcome: unknown;
  at: string;
  late: boolean;
  requestId?: string;
}

/** The completion as the record holds it: the first write's, when an attempt is repeated. */
export interface RecordedCompletion {
  completedAt: string;
  late: boolean;
}

/**
 * LEGACY input of `recordTaskEvent`, as workflows built it before the record boundary (docs/versioning.md
 * "Activities take facts"): an activity task scheduled by that code may still run after a deploy.
 */
export interface LegacyTaskEventRecord {
  taskId: string;
  cycleId: string;
  /** reminded | escalated | reassigned */
  type: string;
  /** Distinguishes events of the same type on one task (escalation level, reassignment number). */
  key: string;
  at: string;
  actor: string;
  requestId?: string;
  escalationLevel?: string;
  assigneeUserId?: string;
  /** With a reassignment: who may still complete the task besides the new assignee. */
  delegateUserIds?: string[];
  payload?: Record<string, unknown>;
}

export interface TasksClosedRecord {
  cycleId: string;
  taskIds: string[];
  status: 'cancelled' | 'expired' | 'resolved';
  at: string;
  actor: string;
  reason: string;
}

type Row<T> = { [K in keyof T]?: T[K] | null | undefined };

/**
 * LEGACY input of the record activities: entity rows and a ready-made event, as workflows built
 * them before the record boundary (docs/versioning.md "Activities take facts"). Activity tasks
 * scheduled by that code before a deploy still arrive in this shape, and are written as they are.
 * Remove once no cycle started before the deploy is open.
 */
export interface RecordWithEvent<T> {
  cycleId: string;
  rows: Row<T>[];
  event: {
    id: string;
    type: string;
    actor: string;
    at: string;
    requestId?: string;
    payload?: Record<string, unknown>;
  };
}

/** A correction of a period's figures, as the monitoring workflow hands it over (domain facts, no rows). */
export interface MeasurementCorrectionRecord extends MeasurementCorrected {
  cycleId: string;
  /** The period's measurement task: its rows are `${taskId}/${indicatorId}`. */
  taskId: string;
  /** Deterministic, `${taskId}/corrected/{n}`: a retry writes nothing twice. */
  eventId: string;
  requestId?: string;
}

/** The ISO 9.3.2 inputs of the management review, compiled from the cycle's own records. */
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

/**
 * Writes the cycle's documented information (ISO 7.5) for the workflows: tasks, decisions,
 * assignments, measurements, audit, corrective actions, review and results, each with its
 * event-log entry. Every row and event has a deterministic id, so a retried activity changes
 * nothing the first attempt already wrote.
 */
@Injectable()
export class QualityRecordActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async openTask(record: OpenTaskRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await insertOnce(manager, TaskEntity, {
        id: record.taskId,
        cycleId: record.cycleId,
        workflowId: record.workflowId,
        kind: record.kind,
        title: record.title,
        assigneeUserId: record.assigneeUserId,
        delegateUserIds: record.delegateUserIds,
        unitCode: record.unitCode ?? null,
        objectiveId: record.objectiveId ?? null,
        periodKey: record.periodKey ?? null,
        form: record.form ?? null,
        status: 'open',
        openedAt: record.openedAt,
        dueAt: record.dueAt ?? null,
        closedAt: null,
        completedBy: null,
        outcome: null,
        late: false,
        escalationLevel: 'none',
      });
      await appendEvent(
        manager,
        logEntry(record.cycleId, `${record.taskId}/opened`, 'task.opened', 'system', record.openedAt, {
          taskId: record.taskId,
          kind: record.kind,
          assigneeUserId: record.assigneeUserId,
          dueAt: record.dueAt,
        }),
      );
    });
  }

  /**
   * Returns the completion as recorded. A local activity repeated after its worker died (the write
   * committed, the workflow task lost) is called again with the new attempt's time: the first write
   * stands, and the workflow answers with its time, not the new one.
   */
  async completeTaskRecord(record: TaskCompletionRecord): Promise<RecordedCompletion> {
    return this.dataSource.transaction(async (manager) => {
      const written = await manager.update(TaskEntity, { id: record.taskId, status: 'open' }, {
        status: 'completed',
        closedAt: record.at,
        completedBy: record.actorUserId,
        outcome: record.outcome,
        late: record.late,
      } as QueryDeepPartialEntity<TaskEntity>);
      await appendEvent(
        manager,
        logEntry(
          record.cycleId,
          `${record.taskId}/completed`,
          'task.completed',
          record.actorUserId,
          record.at,
          { taskId: record.taskId, late: record.late, outcome: record.outcome },
          record.requestId,
        ),
      );
      if (written.affected) return { completedAt: record.at, late: record.late };
      const task = await manager.findOneBy(TaskEntity, { id: record.taskId });
      return task?.status === 'completed' && task.closedAt
        ? { completedAt: task.closedAt, late: task.late }
        : { completedAt: record.at, late: record.late };
    });
  }

  async recordTaskEvent(facts: TaskEventFacts | LegacyTaskEventRecord): Promise<void> {
    if (isLegacyTaskEvent(facts)) return this.recordLegacyTaskEvent(facts);
    await this.dataSource.transaction(async (manager) => {
      const { cycleId, taskId, at } = facts;
      switch (facts.event) {
        case 'reminded':
          return appendEvent(
            manager,
            logEntry(cycleId, `${taskId}/reminded/before-due`, 'task.reminded', 'system', at, {
              taskId,
              recipientUserId: facts.recipientUserId,
            }),
          );
        case 'escalated':
          if (facts.level) await manager.update(TaskEntity, { id: taskId }, { escalationLevel: facts.level });
          return appendEvent(
            manager,
            logEntry(
              cycleId,
              `${taskId}/escalated/${facts.level ?? 'before-due'}`,
              'task.escalated',
              'system',
              at,
              {
                taskId,
                recipientUserId: facts.recipientUserId,
                level: facts.level,
              },
            ),
          );
        case 'reassigned':
          await manager.update(TaskEntity, { id: taskId }, {
            assigneeUserId: facts.to,
            delegateUserIds: facts.delegateUserIds,
          } as QueryDeepPartialEntity<TaskEntity>);
          return appendEvent(
            manager,
            logEntry(
              cycleId,
              `${taskId}/reassigned/${facts.number}`,
              'task.reassigned',
              facts.reassignedBy,
              at,
              { taskId, from: facts.from, to: facts.to, reason: facts.reason },
              facts.requestId,
            ),
          );
      }
    });
  }

  /** LEGACY: a task event as workflows built it before the record boundary (see LegacyTaskEventRecord). */
  private async recordLegacyTaskEvent(record: LegacyTaskEventRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const changes: QueryDeepPartialEntity<TaskEntity> = {};
      if (record.escalationLevel) changes.escalationLevel = record.escalationLevel;
      if (record.assigneeUserId) changes.assigneeUserId = record.assigneeUserId;
      if (record.delegateUserIds) changes.delegateUserIds = record.delegateUserIds;
      if (Object.keys(changes).length > 0) await manager.update(TaskEntity, { id: record.taskId }, changes);
      await appendEvent(
        manager,
        event(
          record.cycleId,
          `${record.taskId}/${record.type}/${record.key}`,
          `task.${record.type}`,
          record.actor,
          record.at,
          record.requestId,
          {
            taskId: record.taskId,
            ...record.payload,
          },
        ),
      );
    });
  }

  async closeTaskRecords(record: TasksClosedRecord): Promise<void> {
    if (record.taskIds.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        TaskEntity,
        { id: In(record.taskIds), status: 'open' },
        { status: record.status, closedAt: record.at },
      );
      for (const taskId of record.taskIds) {
        await appendEvent(
          manager,
          logEntry(
            record.cycleId,
            `${taskId}/${record.status}`,
            `task.${record.status}`,
            record.actor,
            record.at,
            {
              taskId,
              reason: record.reason,
            },
          ),
        );
      }
    });
  }

  /** The decision issued by the leader's approval (ISO 6.2): its record and `objectives.approved`. */
  async recordDecision(facts: DecisionFacts | RecordWithEvent<DecisionEntity>): Promise<void> {
    if (isLegacyRecord(facts)) return this.recordLegacyRows(DecisionEntity, facts);
    const { decision, approvalId, approvedAt } = facts;
    await this.write(
      [
        insertRow(DecisionEntity, {
          id: approvalId,
          cycleId: facts.cycleId,
          organisationCode: facts.organisationCode,
          year: facts.year,
          documentNumber: decision.documentNumber,
          signerName: decision.signerName,
          signerTitle: decision.signerTitle,
          signedBy: decision.signedBy,
          signingDate: decision.signingDate,
          effectiveDate: decision.effectiveDate,
          rounds: decision.rounds,
          objectives: decision.objectives,
          recordedAt: approvedAt,
        }),
      ],
      logEntry(
        facts.cycleId,
        `${approvalId}/decision`,
        'objectives.approved',
        facts.approvedBy,
        approvedAt,
        {
          documentNumber: decision.documentNumber,
          signingDate: decision.signingDate,
          rounds: decision.rounds,
        },
        facts.requestId,
      ),
    );
  }

  /** Who each objective was given to: to a unit by the Quality Representative, to staff by the unit head. */
  async recordAssignments(facts: AssignmentFacts | RecordWithEvent<AssignmentEntity>): Promise<void> {
    if (isLegacyRecord(facts)) return this.recordLegacyRows(AssignmentEntity, facts);
    const { cycleId, assignmentId, taskId } = facts;
    if (facts.step === 'delegated-to-units') {
      await this.write(
        facts.delegations.map((d) =>
          insertRow(AssignmentEntity, {
            id: `${assignmentId}/unit/${d.objectiveId}`,
            cycleId,
            objectiveId: d.objectiveId,
            level: 'unit',
            unitCode: d.unitCode,
            assigneeUserId: d.unitHeadUserId,
            assignedBy: facts.delegatedBy,
            assignedAt: facts.delegatedAt,
            taskId,
          }),
        ),
        logEntry(
          cycleId,
          `${assignmentId}/delegated`,
          'objectives.delegated',
          facts.delegatedBy,
          facts.delegatedAt,
          {
            delegations: facts.delegations.map(({ objectiveId, unitCode }) => ({ objectiveId, unitCode })),
          },
        ),
      );
      return;
    }
    await this.write(
      facts.staffDelegations.map((s) =>
        insertRow(AssignmentEntity, {
          id: `${assignmentId}/staff/${s.objectiveId}`,
          cycleId,
          objectiveId: s.objectiveId,
          level: 'staff',
          unitCode: facts.unitCode,
          assigneeUserId: s.userId,
          assignedBy: facts.acceptedBy,
          assignedAt: facts.acceptedAt,
          taskId,
        }),
      ),
      logEntry(
        cycleId,
        `${taskId}/accepted`,
        'objectives.unit-accepted',
        facts.acceptedBy,
        facts.acceptedAt,
        {
          unitCode: facts.unitCode,
          staffDelegations: facts.staffDelegations,
          ...(facts.deemed ? { deemed: true as const } : {}),
        },
      ),
    );
  }

  /** A period's report: one measurement row per indicator and `measurement.reported`. */
  async recordMeasurements(facts: MeasurementFacts | RecordWithEvent<MeasurementEntity>): Promise<void> {
    if (isLegacyRecord(facts)) return this.recordLegacyRows(MeasurementEntity, facts);
    const { cycleId, objectiveId, periodKey, taskId, reportedBy, reportedAt } = facts;
    await this.write(
      facts.measurements.map((m) =>
        insertRow(MeasurementEntity, {
          id: `${taskId}/${m.indicatorId}`,
          cycleId,
          objectiveId,
          indicatorId: m.indicatorId,
          periodKey: m.periodKey,
          kind: m.kind,
          numerator: m.kind === 'ratio' ? m.numerator : null,
          denominator: m.kind === 'ratio' ? m.denominator : null,
          pendingOverdue: m.kind === 'ratio' ? (m.pendingOverdue ?? null) : null,
          value: m.kind === 'count' ? m.value : null,
          achieved: m.kind === 'judged' ? m.achieved : null,
          evidence: m.evidence,
          reportedBy,
          reportedAt,
          late: m.late,
          taskId,
          paperReportDate: m.paperReport?.date ?? null,
          paperReportReference: m.paperReport?.reference ?? null,
        }),
      ),
      logEntry(
        cycleId,
        `${taskId}/measured`,
        'measurement.reported',
        reportedBy,
        reportedAt,
        {
          objectiveId,
          periodKey,
          late: facts.late,
          ...(facts.paperReport ? { paperReport: { ...facts.paperReport } } : {}),
          ...facts.statusChange,
        },
        facts.requestId,
      ),
    );
  }

  /**
   * A period's figures corrected (issue #9): the measurement rows take the corrected figures; the
   * `measurement.corrected` event keeps both the previous and the corrected ones, who, when and
   * why, and the objective's status before and after. Applied once per event id.
   */
  async recordMeasurementCorrection(correction: MeasurementCorrectionRecord): Promise<void> {
    const { previous, figures, correctedBy, correctedAt, requestId, ...facts } = correction;
    await this.dataSource.transaction(async (manager) => {
      const known = await manager.findOneBy(EventLogEntryEntity, { id: correction.eventId });
      if (known) return;
      for (const figure of figures) {
        await manager.update(
          MeasurementEntity,
          { id: `${correction.taskId}/${figure.indicatorId}` },
          {
            numerator: figure.numerator ?? null,
            denominator: figure.denominator ?? null,
            pendingOverdue: figure.pendingOverdue ?? null,
            value: figure.value ?? null,
            achieved: figure.achieved ?? null,
          },
        );
      }
      const payload: MeasurementCorrectedEventPayload = {
        objectiveId: facts.objectiveId,
        periodKey: facts.periodKey,
        previous,
        figures,
        reason: facts.reason,
        statusBefore: facts.statusBefore,
        status: facts.status,
        ...(requestId ? { requestId } : {}),
      };
      await appendEvent(
        manager,
        logEntry(
          correction.cycleId,
          correction.eventId,
          'measurement.corrected',
          correctedBy,
          correctedAt,
          payload,
          requestId,
        ),
      );
    });
  }

  /** The audit's record, written at each step (opened, planned, closed or not closed): later steps update it. */
  async recordAudit(facts: AuditFacts | RecordWithEvent<AuditEntity>): Promise<void> {
    if (isLegacyRecord(facts)) return this.recordLegacyRows(AuditEntity, facts, 'upsert');
    const { cycleId, auditId, at } = facts;
    switch (facts.step) {
      case 'opened':
        return this.write(
          [
            upsertRow(AuditEntity, {
              id: auditId,
              cycleId,
              leadAuditorUserId: facts.leadAuditorUserId,
              plan: null,
              status: 'planning',
              report: null,
              closedAt: null,
            }),
          ],
          logEntry(cycleId, `${auditId}/opened`, 'audit.opened', 'system', at, {}),
        );
      case 'planned':
        return this.write(
          [upsertRow(AuditEntity, { id: auditId, plan: { ...facts.plan }, status: 'in-progress' })],
          logEntry(cycleId, `${auditId}/planned`, 'audit.planned', facts.plannedBy, at, {
            steps: facts.plan.steps.length,
          }),
        );
      case 'closed':
        return this.write(
          [upsertRow(AuditEntity, { id: auditId, status: 'closed', report: facts.report, closedAt: at })],
          logEntry(cycleId, `${auditId}/closed`, 'audit.closed', facts.closedBy, at, {
            nonconformities: facts.nonconformities,
          }),
        );
      case 'report-approved':
        // The approval is an event of the audit's record: who approved (the actor) and when.
        return this.write(
          [],
          logEntry(cycleId, `${auditId}/report-approved`, 'audit.report-approved', facts.approvedBy, at, {
            rounds: facts.rounds,
            submittedBy: facts.submittedBy,
            ...(facts.comments ? { comments: facts.comments } : {}),
          }),
        );
      case 'not-closed':
        return this.write(
          [upsertRow(AuditEntity, { id: auditId, status: 'not-closed' })],
          logEntry(cycleId, `${auditId}/not-closed`, 'audit.not-closed', 'system', at, {
            reason: facts.reason,
            stepsUnsigned: facts.stepsUnsigned,
          }),
        );
    }
  }

  /** The audit's checklist steps: all of them when planned, then each one as its auditor signs it off. */
  async recordAuditSteps(facts: AuditStepFacts | RecordWithEvent<AuditStepEntity>): Promise<void> {
    if (isLegacyRecord(facts)) return this.recordLegacyRows(AuditStepEntity, facts, 'upsert');
    const { cycleId, auditId, at } = facts;
    if (facts.step === 'planned') {
      return this.write(
        facts.steps.map((step) =>
          upsertRow(AuditStepEntity, {
            id: auditStepId(auditId, step.id),
            auditId,
            cycleId,
            unitCode: step.unitCode,
            process: step.process,
            clause: step.clause,
            auditorUserId: step.auditorUserId,
          }),
        ),
        logEntry(cycleId, `${auditId}/steps`, 'audit.steps-planned', facts.plannedBy, at, {}),
      );
    }
    const id = auditStepId(auditId, facts.stepId);
    const { outcome } = facts;
    await this.write(
      [
        upsertRow(AuditStepEntity, {
          id,
          result: outcome.result,
          evidence: outcome.evidence,
          notes: outcome.notes ?? null,
          finding: outcome.finding ?? null,
          signedOffAt: at,
        }),
      ],
      logEntry(cycleId, `${id}/signed-off`, 'audit.step-signed-off', facts.signedOffBy, at, {
        result: outcome.result,
      }),
    );
  }

  /** A corrective action (ISO 10.2) at each step: opened, planned, verified, or carried forward at the close. */
  async recordCorrectiveAction(
    facts: CorrectiveActionFacts | RecordWithEvent<CorrectiveActionEntity>,
  ): Promise<void> {
    if (isLegacyRecord(facts)) return this.recordLegacyRows(CorrectiveActionEntity, facts, 'upsert');
    const { cycleId, correctiveActionId: id, at } = facts;
    switch (facts.step) {
      case 'opened':
        return this.write(
          [
            upsertRow(CorrectiveActionEntity, {
              id,
              cycleId,
              auditId: facts.auditId,
              stepId: auditStepId(facts.auditId, facts.stepId),
              severity: facts.severity,
              unitCode: facts.unitCode,
              finding: facts.finding,
              raisedBy: facts.raisedBy,
              status: 'open',
              rounds: 1,
              openedAt: at,
            }),
          ],
          logEntry(cycleId, `${id}/opened`, 'corrective-action.opened', facts.raisedBy, at, {
            severity: facts.severity,
            unitCode: facts.unitCode,
          }),
        );
      case 'nonconformity-opened':
        return this.write(
          [
            upsertRow(CorrectiveActionEntity, {
              ...nonconformityRow(facts),
              objectiveId: facts.objectiveId ?? null,
              periodKey: facts.periodKey ?? null,
            }),
          ],
          logEntry(
            cycleId,
            `${id}/opened`,
            'nonconformity.opened',
            facts.raisedBy,
            at,
            {
              source: facts.source,
              severity: facts.severity,
              unitCode: facts.unitCode,
              description: facts.description,
              verifierUserId: facts.verifierUserId,
              ...(facts.objectiveId ? { objectiveId: facts.objectiveId } : {}),
              ...(facts.periodKey ? { periodKey: facts.periodKey } : {}),
              ...(facts.proposalTaskId ? { proposalTaskId: facts.proposalTaskId } : {}),
            },
            facts.requestId,
          ),
        );
      case 'carried-in': {
        // Last year's record keeps its audit and step, if any; this year's row names it.
        const { plan } = facts;
        return this.write(
          [
            upsertRow(CorrectiveActionEntity, {
              ...nonconformityRow(facts),
              carriedFromId: facts.carriedFrom,
              ...(plan
                ? {
                    correction: plan.correction,
                    rootCause: plan.rootCause,
                    action: plan.action,
                    ownerUserId: plan.ownerUserId,
                    dueDate: plan.dueDate,
                  }
                : {}),
              status: plan ? 'planned' : 'open',
            }),
          ],
          logEntry(cycleId, `${id}/carried-in`, 'corrective-action.carried-in', 'system', at, {
            carriedFrom: facts.carriedFrom,
            source: facts.source,
            severity: facts.severity,
            unitCode: facts.unitCode,
            verifierUserId: facts.verifierUserId,
            waitingFor: plan ? 'verification' : 'plan',
          }),
        );
      }
      case 'planned': {
        const { correction, rootCause, action, ownerUserId, dueDate } = facts.plan;
        return this.write(
          [
            upsertRow(CorrectiveActionEntity, {
              id,
              correction,
              rootCause,
              action,
              ownerUserId,
              dueDate,
              status: 'planned',
              rounds: facts.round,
              effective: null,
            }),
          ],
          logEntry(
            cycleId,
            `${id}/planned/${facts.round}`,
            'corrective-action.planned',
            facts.plannedBy,
            at,
            {
              round: facts.round,
              dueDate,
            },
          ),
        );
      }
      case 'verified': {
        const { effective, notes } = facts.verification;
        return this.write(
          [
            upsertRow(CorrectiveActionEntity, {
              id,
              status: effective ? 'closed' : 'open',
              effective,
              verifiedBy: facts.verifiedBy,
              verifiedAt: at,
            }),
          ],
          logEntry(
            cycleId,
            `${id}/verified/${facts.round}`,
            effective ? 'corrective-action.closed' : 'corrective-action.reopened',
            facts.verifiedBy,
            at,
            { round: facts.round, effective, notes },
          ),
        );
      }
      case 'carried-forward':
        // Its status stays what its last step made it: a plan awaiting verification is still being
        // carried out ('planned'), one still awaiting its plan is 'open'. The event says it moved on.
        return this.write(
          [],
          logEntry(cycleId, `${id}/carried-forward`, 'corrective-action.carried-forward', 'system', at, {
            round: facts.round,
            waitingFor: facts.waitingFor,
          }),
        );
    }
  }

  /** The management review (ISO 9.3): its inputs compiled, then held (9.3.3 outputs) or not held by the close. */
  async recordManagementReview(
    facts: ManagementReviewFacts | RecordWithEvent<ManagementReviewEntity>,
  ): Promise<void> {
    if (isLegacyRecord(facts)) return this.recordLegacyRows(ManagementReviewEntity, facts, 'upsert');
    const { cycleId, reviewId: id } = facts;
    switch (facts.step) {
      case 'inputs-compiled':
        return this.write(
          [
            upsertRow(ManagementReviewEntity, {
              id,
              cycleId,
              inputs: { ...facts.inputs },
              status: 'waiting',
            }),
          ],
          logEntry(cycleId, `${id}/inputs`, 'review.inputs-compiled', 'system', facts.at, {}),
        );
      case 'not-held':
        return this.write(
          [upsertRow(ManagementReviewEntity, { id, status: 'not-held' })],
          logEntry(cycleId, `${id}/not-held`, 'review.not-held', 'system', facts.at, {}),
        );
      case 'held': {
        const { minutesRef, outputs, actions, qmsJudgement, conclusion, attendees, secretary } =
          facts.outcome;
        // The 9.3.1 conclusion, the attendees, the secretary and the leader's judgement of objective 1
        // are kept with the outputs (9.3.3) in the review's record, for the minutes.
        const recordedOutputs = {
          ...outputs,
          ...(conclusion ? { conclusion } : {}),
          ...(attendees ? { attendees } : {}),
          ...(secretary?.trim() ? { secretary: secretary.trim() } : {}),
          ...(qmsJudgement ? { qmsJudgement: { ...qmsJudgement, judgedBy: facts.chairedBy } } : {}),
        };
        return this.write(
          [
            upsertRow(ManagementReviewEntity, {
              id,
              outputs: recordedOutputs,
              actions,
              minutesRef,
              chairedBy: facts.chairedBy,
              heldAt: facts.heldAt,
              status: 'held',
            }),
          ],
          logEntry(cycleId, `${id}/held`, 'review.held', facts.chairedBy, facts.heldAt, {
            minutesRef,
            actions: actions.length,
            ...(qmsJudgement ? { qmsJudgement } : {}),
          }),
        );
      }
      case 'action-reported': {
        const { action } = facts;
        return this.write(
          [],
          logEntry(
            cycleId,
            `${action.actionId}/reported`,
            'review.action-reported',
            facts.reportedBy,
            facts.reportedAt,
            {
              actionId: action.actionId,
              status: action.status,
              ...(action.note !== undefined ? { note: action.note } : {}),
              ...(action.evidence ? { evidence: action.evidence } : {}),
            },
          ),
        );
      }
      case 'actions-carried-forward':
        return this.write(
          [],
          logEntry(
            cycleId,
            `${id}/actions-carried-forward`,
            'review.actions-carried-forward',
            'system',
            facts.at,
            {
              actions: facts.actions.map((a) => ({ actionId: a.actionId, status: a.status })),
            },
          ),
        );
    }
  }

  /** The year's close: one result row per objective, the cycle closed, and `cycle.closed` with the results. */
  async recordObjectiveResults(
    facts: YearResultFacts | (RecordWithEvent<ObjectiveResultEntity> & { status: 'closed'; at: string }),
  ): Promise<void> {
    const closedAt = isLegacyRecord(facts) ? facts.at : facts.closedAt;
    if (isLegacyRecord(facts)) await this.recordLegacyRows(ObjectiveResultEntity, facts);
    else {
      const { cycleId, evaluations } = facts;
      await this.write(
        evaluations.map((e) =>
          insertRow(ObjectiveResultEntity, {
            id: `${cycleId}/${e.objectiveId}`,
            cycleId,
            objectiveId: e.objectiveId,
            status: e.status,
            indicators: e.indicators,
            computedAt: closedAt,
          }),
        ),
        logEntry(cycleId, `${facts.cycleWorkflowId}/closed`, 'cycle.closed', 'system', closedAt, {
          results: evaluations.map((evaluation) => {
            const { objectiveId, result, explanation } = objectiveYearResult(evaluation);
            return {
              objectiveId,
              status: evaluation.status,
              result,
              ...(explanation ? { explanation } : {}),
            };
          }),
          auditStatus: facts.auditStatus,
          reviewStatus: facts.reviewStatus,
          objective1JudgedBy: facts.objective1JudgedBy ?? 'engine',
          correctiveActionsCarriedForward: facts.correctiveActionsCarriedForward,
        }),
      );
    }
    await this.dataSource
      .getRepository(QualityCycleEntity)
      .update({ id: facts.cycleId }, { status: 'closed', phase: 'closing', updatedAt: closedAt });
  }

  /**
   * ISO 9.3.2 a): the actions last year's management review decided, from its record (the same
   * organisation's cycle of the previous year); none when that year did not run in qcycle.
   */
  private async previousYearActions(cycleId: string): Promise<unknown[]> {
    const key = parseQualityCycleId(cycleId);
    if (!key) return [];
    // Reviews that followed their actions up left them, with their status at the close, in the
    // next-year draft; older years only in the review's record.
    const draft = await this.dataSource.manager.findOneBy(NextYearDraftEntity, {
      cycleId: qualityCycleId(key.organisationCode, key.year - 1),
    });
    if (draft) return draft.previousActions;
    const previous = await this.dataSource.manager.findOneBy(ManagementReviewEntity, {
      cycleId: qualityCycleId(key.organisationCode, key.year - 1),
      status: 'held',
    });
    return previous?.actions ?? [];
  }

  /** ISO 9.3.2 c asks for the objectives' results "including trends": each with its earlier years. */
  private async withEarlierYears(
    cycleId: string,
    objectives: Objective[],
    results: ObjectiveResultAtReview[],
  ): Promise<ObjectiveResultAtReview[]> {
    const key = parseQualityCycleId(cycleId);
    if (!key) return results;
    const earlier = await earlierYearResults(
      this.dataSource.manager,
      key.organisationCode,
      key.year,
      objectives,
    );
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
  private async improvementOpportunities(cycleId: string, steps: AuditStepEntity[]): Promise<string[]> {
    const key = parseQualityCycleId(cycleId);
    const previous = key
      ? await this.dataSource.manager.findOneBy(ManagementReviewEntity, {
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
  private async previousYearOpenCorrectiveActions(cycleId: string): Promise<CarriedCorrectiveAction[]> {
    const key = parseQualityCycleId(cycleId);
    if (!key) return [];
    const [previous, continuations] = await Promise.all([
      this.dataSource.manager.find(CorrectiveActionEntity, {
        where: { cycleId: qualityCycleId(key.organisationCode, key.year - 1) },
        order: { id: 'ASC' },
      }),
      this.dataSource.manager.find(CorrectiveActionEntity, {
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

  /** Next year's draft from this year's decision and review actions, at the close (next-year-draft.activity.ts). */
  async prepareNextYearDraft(facts: NextYearDraftFacts): Promise<NextYearDraftPrepared> {
    return prepareNextYearDraft(this.dataSource, facts);
  }

  /** Every ISO 9.3.2 input, from what the cycle recorded (what the engine cannot know is marked so). */
  async compileReviewInputs(request: {
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
  }): Promise<ManagementReviewInputs> {
    const manager = this.dataSource.manager;
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
    const performance = withPerformanceTrend(
      qmsPerformance({
        tasks,
        paperReports: measurements
          .filter((m) => m.paperReportDate !== null)
          .map((m) => ({ taskId: m.taskId, late: Boolean(m.late) })),
        correctiveActions: actions,
        audits,
        auditSteps: steps,
      }),
      key ? await earlierYearPerformance(this.dataSource.manager, key.organisationCode, key.year) : [],
    );
    const notKnown = 'Chưa có trong hồ sơ của hệ thống: Đại diện chất lượng bổ sung tại cuộc họp.';
    const { preparation } = request;
    const entered = preparation?.status === 'entered' ? preparation.inputs : undefined;
    // Reviews on older code had no preparation: the inputs stay "to be added at the meeting".
    const enteredOr = (key: ReviewEnteredInput) =>
      entered ? entered[key].trim() : preparation ? REVIEW_INPUT_NOT_ENTERED : notKnown;
    const previousActions = request.previousActions ?? (await this.previousYearActions(request.cycleId));
    const carriedActions = await this.previousYearOpenCorrectiveActions(request.cycleId);
    const objectiveResults =
      request.objectives && request.calendar && request.asOf
        ? await this.withEarlierYears(
            request.cycleId,
            request.objectives,
            resultsAtReview(
              request,
              measurements,
              audits,
              request.objectives,
              request.calendar,
              request.asOf,
            ),
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
      nonconformitiesAndCorrectiveActions: performance.nonconformitiesAndCorrectiveActions,
      monitoringResults: { measurements: measurements.length },
      auditResults: performance.auditResults,
      customerSatisfaction: enteredOr('customerSatisfaction'),
      externalProviders: enteredOr('externalProviders'),
      resources: enteredOr('resources'),
      risksAndOpportunities: enteredOr('risksAndOpportunities'),
      improvementOpportunities: await this.improvementOpportunities(request.cycleId, steps),
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

  /** The rows and their event, in one transaction: each row once (inserted, or updated by id), the event once. */
  private async write(rows: RowWrite[], entry: EventLogEntryEntity): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const row of rows) await row(manager);
      await appendEvent(manager, entry);
    });
  }

  /**
   * LEGACY: rows and an event as workflows built them before the record boundary (see
   * RecordWithEvent), written as they are, the way the activities did then.
   */
  private async recordLegacyRows<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    record: RecordWithEvent<T>,
    mode: 'insert' | 'upsert' = 'insert',
  ): Promise<void> {
    const e = record.event;
    await this.write(
      record.rows.map((row) => (mode === 'insert' ? insertRow(target, row) : upsertRow(target, row))),
      event(record.cycleId, e.id, e.type, e.actor, e.at, e.requestId, e.payload ?? {}),
    );
  }
}

type RowWrite = (manager: EntityManager) => Promise<void>;

/** A row written once: a retry finds it and leaves it. */
function insertRow<T extends ObjectLiteral>(target: EntityTarget<T>, row: Row<T>): RowWrite {
  return (manager) => insertOnce(manager, target, row);
}

/** A row of a record written at several steps: created by the first, updated by id by the later ones. */
function upsertRow<T extends ObjectLiteral>(target: EntityTarget<T>, row: Row<T>): RowWrite {
  return (manager) => upsert(manager, target, row);
}

/** A checklist step's record id, which is also its sign-off task's id. */
function auditStepId(auditId: string, stepId: string): string {
  return `${auditId}/step/${stepId}`;
}

/** Legacy inputs carry rows and a ready-made event; facts never do. */
function isLegacyRecord<T>(input: object): input is RecordWithEvent<T> {
  return 'rows' in input && 'event' in input;
}

function isLegacyTaskEvent(input: TaskEventFacts | LegacyTaskEventRecord): input is LegacyTaskEventRecord {
  return 'key' in input;
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

function event(
  cycleId: string,
  id: string,
  type: string,
  actor: string,
  occurredAt: string,
  requestId: string | undefined,
  payload: Record<string, unknown>,
): EventLogEntryEntity {
  return { id, cycleId, type, actor, occurredAt, requestId: requestId ?? null, payload };
}

async function insertOnce<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Row<T>,
): Promise<void> {
  // simple-json columns are serialised by TypeORM; its deep-partial type does not model that.
  await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(row as QueryDeepPartialEntity<T>)
    .orIgnore()
    .execute();
}

async function upsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Row<T>,
): Promise<void> {
  const existing = await manager.findOne(target, { where: { id: row.id } as never });
  if (!existing) return insertOnce(manager, target, row);
  const { id, ...changes } = row;
  await manager.update(target, { id } as never, changes as QueryDeepPartialEntity<T>);
}

/**
 * The row of a nonconformity not found by this year's internal audit (opened by the Quality
 * Representative, or carried in from last year): open, first round, its audit and step columns empty.
 */
function nonconformityRow(facts: {
  cycleId: string;
  correctiveActionId: string;
  source: string;
  severity: string;
  unitCode: string;
  description: string;
  raisedBy: string | null;
  verifierUserId: string;
  at: string;
}) {
  return {
    id: facts.correctiveActionId,
    cycleId: facts.cycleId,
    auditId: '',
    stepId: '',
    source: facts.source,
    severity: facts.severity,
    unitCode: facts.unitCode,
    finding: facts.description,
    raisedBy: facts.raisedBy,
    verifierUserId: facts.verifierUserId,
    status: 'open',
    rounds: 1,
    openedAt: facts.at,
  };
}

/** Where this year's continuation of last year's action stands, when there is one. */
function continuation(
  next: CorrectiveActionEntity | undefined,
): Pick<CarriedCorrectiveAction, 'continuedAs'> {
  return next ? { continuedAs: { correctiveActionId: next.id, status: next.status } } : {};
}
