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
}

const FORBIDDEN_MESSAGE = {
  [TaskLinkErrorCode.Malformed]: 'taskLinkMalformed',
  [TaskLinkErrorCode.BadSignature]: 'taskLinkBadSignature',
  [TaskLinkErrorCode.Expired]: 'taskLinkExpired',
  [TaskLinkErrorCode.WrongTask]: 'taskLinkWrongTask',
} as const;

/**
 * A refused task link. It is a {@link QcycleError}, so the API's exception filter answers it without
 * further code: 409 for a link already used, 403 for every other refusal; `details.reason` says which.
 */
export class TaskLinkError extends QcycleError {
  readonly reason: TaskLinkErrorCode;

  constructor(reason: TaskLinkErrorCode, message: string) {
    // One unconditional super() and no parameter property: with a super() in each branch, tsc (the
    // shipped build, not the tests' SWC) assigned `this.reason` before super() and every refused
    // link answered 500 instead of its 403/409.
    const used = reason === TaskLinkErrorCode.AlreadyUsed;
    super(
      used ? QcycleErrorCode.Conflict : QcycleErrorCode.Forbidden,
      used ? 'taskLinkUsed' : FORBIDDEN_MESSAGE[reason as keyof typeof FORBIDDEN_MESSAGE],
      {},
      { reason },
    );
    this.reason = reason;
    // The words the API answers come from the catalogue, in the caller's language; this is for logs.
    this.message = message;
    this.name = 'TaskLinkError';
  }
}
