import { Inject, Injectable, Logger } from '@nestjs/common';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { newTaskLinkNonce, signTaskLink, verifyTaskLink, type TaskLinkClaims } from './task-link-token';

/** A freshly issued link: the token to put in the URL and what it grants. */
export interface IssuedTaskLink {
  token: string;
  claims: TaskLinkClaims;
}

/**
 * Signs and checks task links with the configured TASK_LINK_SECRET and TASK_LINK_TTL_HOURS. The
 * worker issues links (in notifications), the API checks them; both must share the secret.
 */
@Injectable()
export class TaskLinkSigner {
  private static warned = false;
  private readonly secret: string;
  private readonly ttlMs: number;

  constructor(@Inject(QCYCLE_CONFIG) config: QcycleConfig) {
    this.secret = config.taskLinks.secret;
    this.ttlMs = config.taskLinks.ttlHours * 3_600_000;
    if (config.taskLinks.usesDevelopmentSecret && !TaskLinkSigner.warned) {
      TaskLinkSigner.warned = true;
      new Logger(TaskLinkSigner.name).warn(
        'TASK_LINK_SECRET is not set: task links are signed with the public development secret. Set it (32+ characters) for any real use.',
      );
    }
  }

  /** A new single-use link to `taskId` for `userId`, valid for TASK_LINK_TTL_HOURS from `now`. */
  issue(taskId: string, userId: string, now: Date = new Date()): IssuedTaskLink {
    const claims: TaskLinkClaims = {
      taskId,
      userId,
      expiresAt: new Date(now.getTime() + this.ttlMs).toISOString(),
      nonce: newTaskLinkNonce(),
    };
    return { token: signTaskLink(claims, this.secret), claims };
  }

  /** The claims of a genuine, unexpired link (used or not); throws TaskLinkError otherwise. */
  verify(token: string, now: Date = new Date()): TaskLinkClaims {
    return verifyTaskLink(token, now, this.secret);
  }
}
