import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';

/** Why a task link was refused. Stable strings: the API returns them as `details.reason`. */
export enum TaskLinkErrorCode {
  /** Not a qcycle task link at all (truncated, altered encoding, missing parts). */
  Malformed = 'TASK_LINK_MALFORMED',
  /** Well-formed, but not signed with this installation's TASK_LINK_SECRET (tampered or foreign). */
  BadSignature = 'TASK_LINK_BAD_SIGNATURE',
  Expired = 'TASK_LINK_EXPIRED',
  /** Genuine, but for another task than the one being opened. */
  WrongTask = 'TASK_LINK_WRONG_TASK',
  /** Genuine, but already exchanged once: links are single-use. */
  AlreadyUsed = 'TASK_LINK_ALREADY_USED',
  /** Genuine and unused, but its task is no longer open: completed, cancelled, expired or resolved. */
  TaskClosed = 'TASK_LINK_TASK_CLOSED',
  /** Genuine and unused, but its task was reassigned away from the person it was sent to. */
  Reassigned = 'TASK_LINK_REASSIGNED',
}

const FORBIDDEN_MESSAGE = {
  [TaskLinkErrorCode.Malformed]: 'taskLinkMalformed',
  [TaskLinkErrorCode.BadSignature]: 'taskLinkBadSignature',
  [TaskLinkErrorCode.Expired]: 'taskLinkExpired',
  [TaskLinkErrorCode.WrongTask]: 'taskLinkWrongTask',
} as const;

/**
 * The link is genuine, the task has moved on since: a conflict with the task's state, like a used
 * link. Clients tell them apart by `details.reason`; the words say to sign in as usual.
 */
const CONFLICT_MESSAGE = {
  [TaskLinkErrorCode.AlreadyUsed]: 'taskLinkUsed',
  [TaskLinkErrorCode.TaskClosed]: 'taskLinkTaskClosed',
  [TaskLinkErrorCode.Reassigned]: 'taskLinkReassigned',
} as const;

/** What a refusal for the task's own state says about the task (answered in `details`). */
export interface TaskLinkTaskState {
  taskId: string;
  status: string;
}

/**
 * A refused task link. It is a {@link QcycleError}, so the API's exception filter answers it without
 * further code: 409 for a link already used or whose task has moved on (closed, reassigned away from
 * the link's person), 403 for every other refusal; `details.reason` says which, and for a task that
 * moved on `details.taskId` and `details.status`.
 */
export class TaskLinkError extends QcycleError {
  readonly reason: TaskLinkErrorCode;

  constructor(reason: TaskLinkErrorCode, message: string, task?: TaskLinkTaskState) {
    // One unconditional super() and no parameter property: with a super() in each branch, tsc (the
    // shipped build, not the tests' SWC) assigned `this.reason` before super() and every refused
    // link answered 500 instead of its 403/409.
    const conflict = reason in CONFLICT_MESSAGE;
    super(
      conflict ? QcycleErrorCode.Conflict : QcycleErrorCode.Forbidden,
      conflict
        ? CONFLICT_MESSAGE[reason as keyof typeof CONFLICT_MESSAGE]
        : FORBIDDEN_MESSAGE[reason as keyof typeof FORBIDDEN_MESSAGE],
      task ? { taskId: task.taskId, status: task.status } : {},
      task ? { reason, taskId: task.taskId, status: task.status } : { reason },
    );
    this.reason = reason;
    // The words the API answers come from the catalogue, in the caller's language; this is for logs.
    this.message = message;
    this.name = 'TaskLinkError';
  }
}
