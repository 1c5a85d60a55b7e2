import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  AssignmentEntity,
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  DecisionEntity,
  ManagementReviewEntity,
  MeasurementEntity,
  ObjectiveResultEntity,
} from '@qcycle/persistence';
import { recordAudit, recordAuditSteps } from './audit-records.activity';
import { recordCorrectiveAction } from './corrective-action-records.activity';
import { recordAssignments, recordDecision } from './decision-records.activity';
import {
  recordMeasurementCorrection,
  recordMeasurements,
  type MeasurementCorrectionRecord,
} from './measurement-records.activity';
import {
  prepareNextYearDraft,
  type NextYearDraftFacts,
  type NextYearDraftPrepared,
} from './next-year-draft.activity';
import { recordObjectiveResults } from './objective-result-records.activity';
import type {
  AssignmentFacts,
  AuditFacts,
  AuditStepFacts,
  CorrectiveActionFacts,
  DecisionFacts,
  ManagementReviewFacts,
  MeasurementFacts,
  TaskEventFacts,
  YearResultFacts,
} from './quality-record-facts';
import type { RecordWithEvent } from './record-writes';
import {
  compileReviewInputs,
  type ManagementReviewInputs,
  type ReviewInputsRequest,
} from './review-inputs.activity';
import { recordManagementReview } from './review-records.activity';
import {
  closeTaskRecords,
  completeTaskRecord,
  openTask,
  recordTaskEvent,
  type LegacyTaskEventRecord,
  type OpenTaskRecord,
  type RecordedCompletion,
  type TaskCompletionRecord,
  type TasksClosedRecord,
} from './task-records.activity';

// The records' inputs and outputs, importable from here (and @qcycle/activities) as before the split.
export type { RecordWithEvent } from './record-writes';
export type {
  LegacyTaskEventRecord,
  OpenTaskRecord,
  RecordedCompletion,
  TaskCompletionRecord,
  TasksClosedRecord,
} from './task-records.activity';
export type { MeasurementCorrectionRecord } from './measurement-records.activity';
export type {
  CarriedCorrectiveAction,
  ManagementReviewInputs,
  ReviewInputsRequest,
} from './review-inputs.activity';

/**
 * Writes the cycle's documented information (ISO 7.5) for the workflows: tasks, decisions,
 * assignments, measurements, audit, corrective actions, review and results, each with its
 * event-log entry. Every row and event has a deterministic id, so a retried activity changes
 * nothing the first attempt already wrote.
 *
 * The facade the worker registers (the methods are the activities' names): each aggregate's writes
 * are in its own module (task-records, decision-records, measurement-records, audit-records,
 * corrective-action-records, review-records, review-inputs, objective-result-records,
 * next-year-draft `.activity.ts`), sharing the row writes of record-writes.ts.
 */
@Injectable()
export class QualityRecordActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async openTask(record: OpenTaskRecord): Promise<void> {
    return openTask(this.dataSource, record);
  }

  /** The task completed, returned as recorded: the first write's, when an attempt is repeated (task-records.activity.ts). */
  async completeTaskRecord(record: TaskCompletionRecord): Promise<RecordedCompletion> {
    return completeTaskRecord(this.dataSource, record);
  }

  async recordTaskEvent(facts: TaskEventFacts | LegacyTaskEventRecord): Promise<void> {
    return recordTaskEvent(this.dataSource, facts);
  }

  async closeTaskRecords(record: TasksClosedRecord): Promise<void> {
    return closeTaskRecords(this.dataSource, record);
  }

  /** The decision issued by the leader's approval (ISO 6.2): its record and `objectives.approved`. */
  async recordDecision(facts: DecisionFacts | RecordWithEvent<DecisionEntity>): Promise<void> {
    return recordDecision(this.dataSource, facts);
  }

  /** Who each objective was given to: to a unit by the Quality Representative, to staff by the unit head. */
  async recordAssignments(facts: AssignmentFacts | RecordWithEvent<AssignmentEntity>): Promise<void> {
    return recordAssignments(this.dataSource, facts);
  }

  /** A period's report: one measurement row per indicator and `measurement.reported`. */
  async recordMeasurements(facts: MeasurementFacts | RecordWithEvent<MeasurementEntity>): Promise<void> {
    return recordMeasurements(this.dataSource, facts);
  }

  /** A period's figures corrected, with `measurement.corrected`, once per event id (measurement-records.activity.ts). */
  async recordMeasurementCorrection(correction: MeasurementCorrectionRecord): Promise<void> {
    return recordMeasurementCorrection(this.dataSource, correction);
  }

  /** The audit's record, written at each step (opened, planned, closed or not closed): later steps update it. */
  async recordAudit(facts: AuditFacts | RecordWithEvent<AuditEntity>): Promise<void> {
    return recordAudit(this.dataSource, facts);
  }

  /** The audit's checklist steps: all of them when planned, then each one as its auditor signs it off. */
  async recordAuditSteps(facts: AuditStepFacts | RecordWithEvent<AuditStepEntity>): Promise<void> {
    return recordAuditSteps(this.dataSource, facts);
  }

  /** A corrective action (ISO 10.2) at each step: opened, planned, verified, or carried forward at the close. */
  async recordCorrectiveAction(
    facts: CorrectiveActionFacts | RecordWithEvent<CorrectiveActionEntity>,
  ): Promise<void> {
    return recordCorrectiveAction(this.dataSource, facts);
  }

  /** The management review (ISO 9.3): its inputs compiled, then held (9.3.3 outputs) or not held by the close. */
  async recordManagementReview(
    facts: ManagementReviewFacts | RecordWithEvent<ManagementReviewEntity>,
  ): Promise<void> {
    return recordManagementReview(this.dataSource, facts);
  }

  /** The year's close: one result row per objective, the cycle closed, and `cycle.closed` with the results. */
  async recordObjectiveResults(
    facts: YearResultFacts | (RecordWithEvent<ObjectiveResultEntity> & { status: 'closed'; at: string }),
  ): Promise<void> {
    return recordObjectiveResults(this.dataSource, facts);
  }

  /** Next year's draft from this year's decision and review actions, at the close (next-year-draft.activity.ts). */
  async prepareNextYearDraft(facts: NextYearDraftFacts): Promise<NextYearDraftPrepared> {
    return prepareNextYearDraft(this.dataSource, facts);
  }

  /** Every ISO 9.3.2 input, from what the cycle recorded (what the engine cannot know is marked so). */
  async compileReviewInputs(request: ReviewInputsRequest): Promise<ManagementReviewInputs> {
    return compileReviewInputs(this.dataSource, request);
  }
}
