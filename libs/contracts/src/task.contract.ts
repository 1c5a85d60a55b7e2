import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { IsoInstant, LocalizedText, TaskKind, TaskOutcome } from '@qcycle/domain';
import type { PersonRef } from './roster.contract';

export type { TaskKind, TaskOutcome, TaskOutcomes } from '@qcycle/domain';

/** `resolved`: closed by its workflow because it was no longer needed (an objective back on track). */
export type TaskStatus = 'open' | 'completed' | 'cancelled' | 'expired' | 'resolved';

/**
 * Completing any human task of the cycle. Send it to the workflow that owns the task (the task
 * record's `workflowId`) with the task id as update id:
 * `handle.executeUpdate(completeTaskUpdate, { updateId: taskId, args: [request] })` — a retried
 * submission is then applied once and answers the first result.
 */
export interface CompleteTaskRequest {
  taskId: string;
  /** The user submitting: the assignee or one of the task's delegates. */
  actorUserId: string;
  outcome: TaskOutcome;
  /** The HTTP request id, kept in the event log. */
  requestId?: string;
}

export interface TaskCompletionResult {
  taskId: string;
  status: 'completed';
  completedBy: string;
  completedAt: IsoInstant;
  /** Completed after its due instant (late reports are accepted and marked). */
  late: boolean;
  /**
   * The request id of the completion that won (`CompleteTaskRequest.requestId`): tells the API that
   * an answer is its own request's. Not part of the HTTP answer.
   */
  requestId?: string;
}

/**
 * Who a task is given to, as the organisation's directory knows them when the task is reassigned
 * (read by the API: an active user of the cycle's organisation). The workflow's rules read these
 * facts, so someone who joined after the year started, or a leader who replaced the year's signer,
 * can be given a task.
 */
export interface ReassignmentTarget {
  /** As the task's record and notification need them: name, title, unit, e-mail, language. */
  person: PersonRef;
  /** The roles the reassignment rules ask about, held now. */
  roles: ReassignmentRole[];
}

/** The directory roles that decide who may take a task over (`leader` tasks, `audit-step`s). */
export type ReassignmentRole = 'leader' | 'auditor' | 'lead-auditor';

/** Gives an open task to someone else (unit head or quality representative); recorded and notified. */
export interface ReassignTaskRequest {
  taskId: string;
  actorUserId: string;
  toUserId: string;
  reason: string;
  requestId?: string;
  /**
   * The person `toUserId` names, from the directory now (`to.person.userId === toUserId`). Absent
   * from Updates sent before it existed: the workflow then takes the person from the year's roster.
   */
  to?: ReassignmentTarget;
  /**
   * Who is handing it over, as the directory has them now (the API checked it): whether they are
   * the Quality Representative, and the units they head. Absent from older Updates: the workflow
   * then asks the year's roster, which knows only who held those roles when the year started.
   */
  by?: ReassignmentActor;
  /**
   * The assignee it is taken from is no longer active in the directory (deactivated: retired,
   * transferred, left), as the API found them. A measurement report taken from them takes the
   * objective's later reports with it (docs/workflows.md "Someone leaves during the year"); a report
   * taken from someone still active (on leave, away) is that period's only. Absent from older Updates.
   */
  fromLeft?: boolean;
  /**
   * It is handed over with the rest of its unit's open work (`POST /cycles/{id}/handovers` with
   * `unitCode`: another head takes the unit's work over for the rest of the year): a measurement
   * report takes the objective's later reports with it, as from someone who left. Absent from older
   * Updates, and from a single task's hand-over.
   */
  movesUnitWork?: boolean;
  /**
   * Who the caller saw holding the task when they decided to hand it over. If someone else holds it
   * now (another hand-over came first), the workflow refuses with CONFLICT and says who
   * ({@link TaskHeldByOther}), so a decision made on a stale page does not undo the one made
   * meanwhile. Absent: handed over whoever holds it (older Updates, scripts).
   */
  ifAssignedTo?: string;
}

/**
 * The second detail of a reassignment refused because the task is no longer held by
 * `ifAssignedTo`: who holds it now.
 */
export interface TaskHeldByOther {
  heldBy: PersonRef;
}

/** The standing of the person handing a task over, from the directory now. */
export interface ReassignmentActor {
  qualityRepresentative: boolean;
  headOfUnits: string[];
}

export interface TaskReassignmentResult {
  taskId: string;
  assigneeUserId: string;
}

/**
 * How long after a task was urged it may be urged again: a follow-up a day, at most, so that an
 * assignee is asked, not flooded.
 */
export const URGE_INTERVAL_MS = 24 * 3_600_000;

/**
 * Urges ("đôn đốc") the assignee of an open task to finish it: the Quality Representative, or the
 * head of the task's unit, sends them a mail with the task's link and an optional message; recorded
 * (`task.urged`). At most once a day per task ({@link URGE_INTERVAL_MS}).
 */
export interface UrgeTaskRequest {
  taskId: string;
  actorUserId: string;
  /**
   * Who urges, as the directory has them now (the API checked it): their standing and name, and for
   * an audit step whether they are the lead auditor of its audit (`leadAuditor`: the audit's plan
   * names them; they chase its steps as the Quality Representative does).
   */
  by: ReassignmentActor & { name: string; leadAuditor?: boolean };
  /** A few words to the assignee, as typed (trimmed); absent when none. */
  note?: string;
  /**
   * Who is told that the assignee was urged, as the API found them in the directory now: those who
   * answer for the task (the heads of its unit; for an audit step, the lead auditor of its audit),
   * neither the caller nor the assignee. Absent in urges sent before copies were: none is told.
   */
  copyTo?: PersonRef[];
  /**
   * The other tasks of the unit urged by the same request (`POST /cycles/{id}/urges`), for the
   * copies: whoever answers for the unit gets one mail listing them all, sent with this urge, and the
   * others of the request copy nobody. Absent for an urge of one task.
   */
  alsoUrged?: UrgedAlongside[];
  requestId?: string;
}

/** A task urged in the same request as another, as a copy of the other's urge names it. */
export interface UrgedAlongside {
  taskId: string;
  title: LocalizedText;
  assigneeName: string;
  dueAt?: IsoInstant;
}

export interface TaskUrgeResult {
  taskId: string;
  /** Who was urged: the assignee now. */
  assigneeUserId: string;
  /** Who was sent a copy (`UrgeTaskRequest.copyTo`). */
  copiedTo: { userId: string; name: string }[];
  /** The n-th time the task was urged. */
  number: number;
  urgedAt: IsoInstant;
}

/** The second detail of an urge refused because the task was urged less than a day ago. */
export interface TaskUrgedRecently {
  urgedAt: IsoInstant;
  /** From when it may be urged again. */
  againFrom: IsoInstant;
}

/** The longest message a person may write about a task: a few paragraphs, not a document. */
export const TASK_COMMENT_MAX_LENGTH = 2000;

/**
 * A message about an open task ("trao đổi"): its assignee asks how to go about it, the head of its
 * unit or the Quality Representative answers, anyone who may see the task adds to it. Recorded in
 * the task's history (`task.commented`) and mailed to `recipients`, whom the API chose from the
 * directory now: the others in the conversation, and, for a message of the assignee's, those who
 * answer for the task.
 */
export interface CommentTaskRequest {
  taskId: string;
  actorUserId: string;
  /** Who writes, by name, as the mail names them. */
  by: { name: string };
  /** As typed, trimmed; at most {@link TASK_COMMENT_MAX_LENGTH} characters. */
  text: string;
  recipients: PersonRef[];
  requestId?: string;
}

export interface TaskCommentResult {
  taskId: string;
  /** The n-th message about the task. */
  number: number;
  commentedAt: IsoInstant;
  /** Who is told of it by mail and in their notifications. */
  recipientUserIds: string[];
}

export const completeTaskUpdate = defineUpdate<TaskCompletionResult, [CompleteTaskRequest]>('completeTask');
export const reassignTaskUpdate = defineUpdate<TaskReassignmentResult, [ReassignTaskRequest]>('reassignTask');
export const urgeTaskUpdate = defineUpdate<TaskUrgeResult, [UrgeTaskRequest]>('urgeTask');
export const commentTaskUpdate = defineUpdate<TaskCommentResult, [CommentTaskRequest]>('commentTask');

/** An open task as a workflow shows it in its live state. */
export interface TaskView {
  taskId: string;
  /** The workflow to send {@link completeTaskUpdate} to. */
  workflowId: string;
  kind: TaskKind;
  title: LocalizedText;
  assigneeUserId: string;
  delegateUserIds: string[];
  status: TaskStatus;
  openedAt: IsoInstant;
  dueAt?: IsoInstant;
  objectiveId?: string;
  periodKey?: string;
}

/** The open tasks of one workflow (every cycle workflow answers it). */
export const openTasksQuery = defineQuery<TaskView[]>('openTasks');
