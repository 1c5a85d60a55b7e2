import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  internalAuditsMeasurement,
  objectiveResultsAtReview,
  type CycleCalendar,
  type LocalizedText,
  type Measurement,
  type Objective,
  type ObjectiveResultAtReview,
} from '@qcycle/domain';
import {
  AssignmentEntity,
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  DecisionEntity,
  EventLogEntryEntity,
  ManagementReviewEntity,
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
import { appendEvent } from './cycle-record.activities';

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

export interface TaskEventRecord {
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

/** One record of a cycle with the event that tells who wrote it and when. */
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
  status: string;
}

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
  processPerformance: { tasksCompleted: number; tasksCompletedLate: number; tasksEscalated: number };
  nonconformitiesAndCorrectiveActions: { total: number; closed: number; open: number };
  monitoringResults: { measurements: number };
  auditResults: { audits: number; closed: number; steps: { result: string | null; count: number }[] };
  customerSatisfaction: string;
  externalProviders: string;
  resources: string;
  risksAndOpportunities: string;
  improvementOpportunities: string[];
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
        event(
          record.cycleId,
          `${record.taskId}/opened`,
          'task.opened',
          'system',
          record.openedAt,
          undefined,
          {
            taskId: record.taskId,
            kind: record.kind,
            assigneeUserId: record.assigneeUserId,
            dueAt: record.dueAt,
          },
        ),
      );
    });
  }

  async completeTaskRecord(record: TaskCompletionRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(TaskEntity, { id: record.taskId, status: 'open' }, {
        status: 'completed',
        closedAt: record.at,
        completedBy: record.actorUserId,
        outcome: record.outcome,
        late: record.late,
      } as QueryDeepPartialEntity<TaskEntity>);
      await appendEvent(
        manager,
        event(
          record.cycleId,
          `${record.taskId}/completed`,
          'task.completed',
          record.actorUserId,
          record.at,
          record.requestId,
          {
            taskId: record.taskId,
            late: record.late,
            outcome: record.outcome,
          },
        ),
      );
    });
  }

  async recordTaskEvent(record: TaskEventRecord): Promise<void> {
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
          event(
            record.cycleId,
            `${taskId}/${record.status}`,
            `task.${record.status}`,
            record.actor,
            record.at,
            undefined,
            {
              taskId,
              reason: record.reason,
            },
          ),
        );
      }
    });
  }

  async recordDecision(record: RecordWithEvent<DecisionEntity>): Promise<void> {
    await this.write(DecisionEntity, record);
  }

  async recordAssignments(record: RecordWithEvent<AssignmentEntity>): Promise<void> {
    await this.write(AssignmentEntity, record);
  }

  async recordMeasurements(record: RecordWithEvent<MeasurementEntity>): Promise<void> {
    await this.write(MeasurementEntity, record);
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
        event(
          correction.cycleId,
          correction.eventId,
          'measurement.corrected',
          correctedBy,
          correctedAt,
          requestId,
          {
            ...payload,
          },
        ),
      );
    });
  }

  /** Audit rows are written more than once (planned, then closed): later writes update them. */
  async recordAudit(record: RecordWithEvent<AuditEntity>): Promise<void> {
    await this.write(AuditEntity, record, 'upsert');
  }

  async recordAuditSteps(record: RecordWithEvent<AuditStepEntity>): Promise<void> {
    await this.write(AuditStepEntity, record, 'upsert');
  }

  async recordCorrectiveAction(record: RecordWithEvent<CorrectiveActionEntity>): Promise<void> {
    await this.write(CorrectiveActionEntity, record, 'upsert');
  }

  async recordManagementReview(record: RecordWithEvent<ManagementReviewEntity>): Promise<void> {
    await this.write(ManagementReviewEntity, record, 'upsert');
  }

  async recordObjectiveResults(
    record: RecordWithEvent<ObjectiveResultEntity> & { status: 'closed'; at: string },
  ): Promise<void> {
    await this.write(ObjectiveResultEntity, record);
    await this.dataSource
      .getRepository(QualityCycleEntity)
      .update({ id: record.cycleId }, { status: 'closed', phase: 'closing', updatedAt: record.at });
  }

  /**
   * ISO 9.3.2 a): the actions last year's management review decided, from its record (the same
   * organisation's cycle of the previous year); none when that year did not run in qcycle.
   */
  private async previousYearActions(cycleId: string): Promise<unknown[]> {
    const key = parseQualityCycleId(cycleId);
    if (!key) return [];
    const previous = await this.dataSource.manager.findOneBy(ManagementReviewEntity, {
      cycleId: qualityCycleId(key.organisationCode, key.year - 1),
      status: 'held',
    });
    return previous?.actions ?? [];
  }

  /** Corrective actions of the same organisation's previous-year cycle not closed at its close. */
  private async previousYearOpenCorrectiveActions(cycleId: string): Promise<CarriedCorrectiveAction[]> {
    const key = parseQualityCycleId(cycleId);
    if (!key) return [];
    const previous = await this.dataSource.manager.find(CorrectiveActionEntity, {
      where: { cycleId: qualityCycleId(key.organisationCode, key.year - 1) },
      order: { id: 'ASC' },
    });
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
      }));
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
    const results = new Map<string | null, number>();
    for (const step of steps) results.set(step.result, (results.get(step.result) ?? 0) + 1);
    const completed = tasks.filter((t) => t.status === 'completed');
    const notKnown = 'Chưa có trong hồ sơ của hệ thống: Đại diện chất lượng bổ sung tại cuộc họp.';
    const previousActions = request.previousActions ?? (await this.previousYearActions(request.cycleId));
    const carriedActions = await this.previousYearOpenCorrectiveActions(request.cycleId);
    const objectiveResults =
      request.objectives && request.calendar && request.asOf
        ? resultsAtReview(request, measurements, audits, request.objectives, request.calendar, request.asOf)
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
      changesInIssues: notKnown,
      objectives: [...byObjective.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([objectiveId, entry]) => ({
          objectiveId,
          periodsReported: entry.periods.size,
          lateReports: entry.late.size,
        })),
      processPerformance: {
        tasksCompleted: completed.length,
        tasksCompletedLate: completed.filter((t) => t.late).length,
        tasksEscalated: tasks.filter((t) => t.escalationLevel !== 'none').length,
      },
      nonconformitiesAndCorrectiveActions: {
        total: actions.length,
        closed: actions.filter((a) => a.status === 'closed').length,
        open: actions.filter((a) => a.status !== 'closed').length,
      },
      monitoringResults: { measurements: measurements.length },
      auditResults: {
        audits: audits.length,
        closed: audits.filter((a) => a.status === 'closed').length,
        steps: [...results.entries()].map(([result, count]) => ({ result, count })),
      },
      customerSatisfaction: notKnown,
      externalProviders: notKnown,
      resources: notKnown,
      risksAndOpportunities: notKnown,
      improvementOpportunities: [],
    };
  }

  private async write<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    record: RecordWithEvent<T>,
    mode: 'insert' | 'upsert' = 'insert',
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const row of record.rows) {
        if (mode === 'insert') await insertOnce(manager, target, row);
        else await upsert(manager, target, row);
      }
      const e = record.event;
      await appendEvent(
        manager,
        event(record.cycleId, e.id, e.type, e.actor, e.at, e.requestId, e.payload ?? {}),
      );
    });
  }
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
      return { ...base, kind: 'ratio', numerator: row.numerator ?? 0, denominator: row.denominator ?? 0 };
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
