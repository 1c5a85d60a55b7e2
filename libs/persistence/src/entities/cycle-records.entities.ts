import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// The documented information (ISO 7.5) the cycle's workflows write through activities. Ids are
// deterministic (workflow id / task id based), so a retried activity writes each row once.
// Instants are ISO-8601 UTC strings, JSON is 'simple-json' text: the same on SQLite and PostgreSQL.

/** A human task: who must do what by when, and what they answered. */
@Entity('tasks')
@Index(['cycleId', 'status'])
@Index(['assigneeUserId', 'status'])
// The inbox's delegate half, over the tasks that have delegates only (migration InboxDelegateIndexes).
@Index('IDX_tasks_delegate_single', ['delegateUserIds', 'status'], { where: "delegate_user_ids <> '[]'" })
@Index('IDX_tasks_delegates_many', ['status', 'dueAt'], { where: "delegate_user_ids LIKE '%,%'" })
export class TaskEntity {
  /** e.g. `quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03` */
  @PrimaryColumn({ type: 'varchar', length: 200 }) id!: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  /** The workflow that owns the task: send the completeTask update there. */
  @Column({ name: 'workflow_id', type: 'varchar', length: 200 }) workflowId!: string;
  @Column({ type: 'varchar', length: 40 }) kind!: string;
  @Column({ type: 'simple-json' }) title!: { vi: string; en: string };
  @Column({ name: 'assignee_user_id', type: 'varchar', length: 64 }) assigneeUserId!: string;
  @Column({ name: 'delegate_user_ids', type: 'simple-json' }) delegateUserIds!: string[];
  @Column({ name: 'unit_code', type: 'varchar', length: 64, nullable: true }) unitCode!: string | null;
  @Column({ name: 'objective_id', type: 'varchar', length: 64, nullable: true }) objectiveId!: string | null;
  @Column({ name: 'period_key', type: 'varchar', length: 16, nullable: true }) periodKey!: string | null;
  /** What the form needs to be shown (indicators, steps…), and links to the cycle's records. */
  @Column({ type: 'simple-json', nullable: true }) form!: Record<string, unknown> | null;
  /** open | completed | cancelled | expired */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'opened_at', type: 'varchar', length: 24 }) openedAt!: string;
  @Column({ name: 'due_at', type: 'varchar', length: 24, nullable: true }) dueAt!: string | null;
  @Column({ name: 'closed_at', type: 'varchar', length: 24, nullable: true }) closedAt!: string | null;
  @Column({ name: 'completed_by', type: 'varchar', length: 64, nullable: true }) completedBy!: string | null;
  @Column({ type: 'simple-json', nullable: true }) outcome!: Record<string, unknown> | null;
  @Column({ type: 'boolean', default: false }) late!: boolean;
  /** How far escalation went: none | unit-head | quality-representative | leader */
  @Column({ name: 'escalation_level', type: 'varchar', length: 32, default: 'none' })
  escalationLevel!: string;
  /** When its assignee was last urged to finish it (`task.urged`); null if never. */
  @Column({ name: 'urged_at', type: 'varchar', length: 24, nullable: true }) urgedAt!: string | null;
  /** How many messages were written about it (`task.commented`), and when the last one was. */
  @Column({ name: 'comment_count', type: 'integer', default: 0 }) commentCount!: number;
  @Column({ name: 'last_commented_at', type: 'varchar', length: 24, nullable: true })
  lastCommentedAt!: string | null;
}

/** The decision approving the year's objectives: number, signer, signing (= effective) date. */
@Entity('decisions')
@Index(['organisationCode', 'year', 'documentNumber'], { unique: true })
export class DecisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 }) id!: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  @Column({ name: 'organisation_code', type: 'varchar', length: 40 }) organisationCode!: string;
  @Column({ type: 'integer' }) year!: number;
  @Column({ name: 'document_number', type: 'varchar', length: 40 }) documentNumber!: string;
  @Column({ name: 'signer_name', type: 'varchar', length: 120 }) signerName!: string;
  @Column({ name: 'signer_title', type: 'varchar', length: 120 }) signerTitle!: string;
  @Column({ name: 'signed_by', type: 'varchar', length: 64 }) signedBy!: string;
  /** Who entered it when its signer signed it on paper (the Quality Representative); else null. */
  @Column({ name: 'entered_by', type: 'varchar', length: 64, nullable: true }) enteredBy!: string | null;
  @Column({ name: 'signing_date', type: 'varchar', length: 10 }) signingDate!: string;
  @Column({ name: 'effective_date', type: 'varchar', length: 10 }) effectiveDate!: string;
  @Column({ type: 'integer' }) rounds!: number;
  @Column({ type: 'simple-json' }) objectives!: unknown[];
  /** Its scope, legal bases, recipients and Quality Representative's title; null before they were kept. */
  @Column({ type: 'simple-json', nullable: true }) wording!: Record<string, unknown> | null;
  @Column({ name: 'recorded_at', type: 'varchar', length: 24 }) recordedAt!: string;
}

/** Who an objective is given to: the office, a unit, a person; a reassignment is a new row. */
@Entity('assignments')
@Index(['cycleId', 'objectiveId'])
export class AssignmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 }) id!: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  @Column({ name: 'objective_id', type: 'varchar', length: 64 }) objectiveId!: string;
  /** unit | staff | reassignment */
  @Column({ type: 'varchar', length: 16 }) level!: string;
  @Column({ name: 'unit_code', type: 'varchar', length: 64, nullable: true }) unitCode!: string | null;
  @Column({ name: 'assignee_user_id', type: 'varchar', length: 64 }) assigneeUserId!: string;
  @Column({ name: 'assigned_by', type: 'varchar', length: 64 }) assignedBy!: string;
  @Column({ name: 'assigned_at', type: 'varchar', length: 24 }) assignedAt!: string;
  @Column({ name: 'task_id', type: 'varchar', length: 200, nullable: true }) taskId!: string | null;
}

/** One indicator's figure for one period. */
@Entity('measurements')
@Index(['cycleId', 'objectiveId', 'periodKey'])
export class MeasurementEntity {
  @PrimaryColumn({ type: 'varchar', length: 240 }) id!: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  @Column({ name: 'objective_id', type: 'varchar', length: 64 }) objectiveId!: string;
  @Column({ name: 'indicator_id', type: 'varchar', length: 64 }) indicatorId!: string;
  @Column({ name: 'period_key', type: 'varchar', length: 16 }) periodKey!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: string;
  @Column({ type: 'integer', nullable: true }) numerator!: number | null;
  @Column({ type: 'integer', nullable: true }) denominator!: number | null;
  /** A ratio that asks for them (objective 4): cases open at the period's end and already overdue. */
  @Column({ name: 'pending_overdue', type: 'integer', nullable: true }) pendingOverdue!: number | null;
  @Column({ type: 'integer', nullable: true }) value!: number | null;
  @Column({ type: 'boolean', nullable: true }) achieved!: boolean | null;
  @Column({ type: 'simple-json' }) evidence!: string[];
  @Column({ name: 'reported_by', type: 'varchar', length: 64 }) reportedBy!: string;
  @Column({ name: 'reported_at', type: 'varchar', length: 24 }) reportedAt!: string;
  /** By the paper's day for a report made on paper (`paperReportDate`), else by when it was entered. */
  @Column({ type: 'boolean' }) late!: boolean;
  @Column({ name: 'task_id', type: 'varchar', length: 200, nullable: true }) taskId!: string | null;
  /** A report made on paper before qcycle asked for it: the paper's day (`YYYY-MM-DD`) and reference. */
  @Column({ name: 'paper_report_date', type: 'varchar', length: 10, nullable: true })
  paperReportDate!: string | null;
  @Column({ name: 'paper_report_reference', type: 'varchar', length: 200, nullable: true })
  paperReportReference!: string | null;
}

/** The internal audit: programme and plan, status, the lead auditor's report. */
@Entity('audits')
export class AuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 }) id!: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  @Column({ name: 'lead_auditor_user_id', type: 'varchar', length: 64 }) leadAuditorUserId!: string;
  @Column({ type: 'simple-json', nullable: true }) plan!: Record<string, unknown> | null;
  /** planning | in-progress | closed | cancelled */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'text', nullable: true }) report!: string | null;
  @Column({ name: 'closed_at', type: 'varchar', length: 24, nullable: true }) closedAt!: string | null;
}

/** One checklist step of the plan and its sign-off by its auditor. */
@Entity('audit_steps')
@Index(['auditId'])
export class AuditStepEntity {
  @PrimaryColumn({ type: 'varchar', length: 240 }) id!: string;
  @Column({ name: 'audit_id', type: 'varchar', length: 200 }) auditId!: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  @Column({ name: 'unit_code', type: 'varchar', length: 64 }) unitCode!: string;
  @Column({ type: 'varchar', length: 200 }) process!: string;
  @Column({ type: 'varchar', length: 32 }) clause!: string;
  @Column({ name: 'auditor_user_id', type: 'varchar', length: 64 }) auditorUserId!: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) result!: string | null;
  @Column({ type: 'simple-json', nullable: true }) evidence!: string[] | null;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @Column({ type: 'text', nullable: true }) finding!: string | null;
  @Column({ name: 'signed_off_at', type: 'varchar', length: 24, nullable: true }) signedOffAt!: string | null;
}

/**
 * A nonconformity and its corrective action (ISO 10.2), through to verification. From an audit
 * finding (`source` audit-finding, with its audit and step) or from another source opened by the
 * Quality Representative (migration NonconformitySources): those have no audit, and `audit_id` and
 * `step_id` are empty.
 */
@Entity('corrective_actions')
@Index(['cycleId'])
export class CorrectiveActionEntity {
  @PrimaryColumn({ type: 'varchar', length: 240 }) id!: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  @Column({ name: 'audit_id', type: 'varchar', length: 200 }) auditId!: string;
  @Column({ name: 'step_id', type: 'varchar', length: 240 }) stepId!: string;
  /** audit-finding | missed-objective | complaint | external-audit | observation (libs/domain). */
  @Column({ type: 'varchar', length: 24, default: 'audit-finding' }) source!: string;
  /** Who raised it: the auditor of an audit finding (null on rows written before the column), else the Quality Representative. */
  @Column({ name: 'raised_by', type: 'varchar', length: 64, nullable: true }) raisedBy!: string | null;
  /** Who verifies effectiveness, for nonconformities not from the audit (the audit's step names its auditor). */
  @Column({ name: 'verifier_user_id', type: 'varchar', length: 64, nullable: true })
  verifierUserId!: string | null;
  /** A missed objective: which one and the period whose evaluation found it. */
  @Column({ name: 'objective_id', type: 'varchar', length: 64, nullable: true }) objectiveId!: string | null;
  @Column({ name: 'period_key', type: 'varchar', length: 16, nullable: true }) periodKey!: string | null;
  /** Last year's corrective action this one continues: open at that year's close, carried into this year. */
  @Index('IDX_corrective_actions_carried_from')
  @Column({ name: 'carried_from_id', type: 'varchar', length: 240, nullable: true })
  carriedFromId!: string | null;
  @Column({ type: 'varchar', length: 16 }) severity!: string;
  @Column({ name: 'unit_code', type: 'varchar', length: 64 }) unitCode!: string;
  @Column({ type: 'text' }) finding!: string;
  @Column({ type: 'text', nullable: true }) correction!: string | null;
  @Column({ name: 'root_cause', type: 'text', nullable: true }) rootCause!: string | null;
  @Column({ type: 'text', nullable: true }) action!: string | null;
  @Column({ name: 'owner_user_id', type: 'varchar', length: 64, nullable: true }) ownerUserId!: string | null;
  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true }) dueDate!: string | null;
  /** open | planned | closed | cancelled */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'integer' }) rounds!: number;
  @Column({ type: 'boolean', nullable: true }) effective!: boolean | null;
  @Column({ name: 'verified_by', type: 'varchar', length: 64, nullable: true }) verifiedBy!: string | null;
  @Column({ name: 'verified_at', type: 'varchar', length: 24, nullable: true }) verifiedAt!: string | null;
  @Column({ name: 'opened_at', type: 'varchar', length: 24 }) openedAt!: string;
}

/** The management review: inputs compiled from the records, outputs and actions from the leader. */
@Entity('management_reviews')
export class ManagementReviewEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 }) id!: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  @Column({ type: 'simple-json' }) inputs!: Record<string, unknown>;
  @Column({ type: 'simple-json', nullable: true }) outputs!: Record<string, unknown> | null;
  @Column({ type: 'simple-json', nullable: true }) actions!: unknown[] | null;
  @Column({ name: 'minutes_ref', type: 'varchar', length: 120, nullable: true }) minutesRef!: string | null;
  @Column({ name: 'chaired_by', type: 'varchar', length: 64, nullable: true }) chairedBy!: string | null;
  @Column({ name: 'held_at', type: 'varchar', length: 24, nullable: true }) heldAt!: string | null;
  /** waiting | held */
  @Column({ type: 'varchar', length: 16 }) status!: string;
}

/** The year's result for one objective, written at close. */
@Entity('objective_results')
@Index(['cycleId'])
export class ObjectiveResultEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 }) id!: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  @Column({ name: 'objective_id', type: 'varchar', length: 64 }) objectiveId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'simple-json' }) indicators!: unknown[];
  @Column({ name: 'computed_at', type: 'varchar', length: 24 }) computedAt!: string;
}

export const CYCLE_RECORD_ENTITIES = [
  TaskEntity,
  DecisionEntity,
  AssignmentEntity,
  MeasurementEntity,
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  ManagementReviewEntity,
  ObjectiveResultEntity,
];
