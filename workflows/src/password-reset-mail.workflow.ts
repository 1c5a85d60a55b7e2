import { isCancellation, log } from '@temporalio/workflow';
import type {
  PasswordChangedNoticeInput,
  PasswordChangedNoticeOutcome,
  PasswordResetMailInput,
  PasswordResetMailOutcome,
} from '@qcycle/contracts';
import { passwordReset } from './activities';

/**
 * One request for a password-reset link (docs/security.md "Forgotten passwords"), started by the API
 * under `password-reset/{requestId}`: the activity finds the person, writes the mail's record and
 * mails the link. Through an SMTP outage it is retried for about seven minutes; then the request is
 * given up (`undelivered`, logged): the person asks again, and a link mailed much later would be
 * most of its hour old.
 */
export async function passwordResetMail(
  input: PasswordResetMailInput,
): Promise<PasswordResetMailOutcome | 'undelivered'> {
  try {
    return await passwordReset.sendPasswordResetMail(input);
  } catch (error) {
    if (isCancellation(error)) throw error;
    log.warn('password-reset link not mailed; the person can ask again', {
      requestId: input.requestId,
      error: String(error),
    });
    return 'undelivered';
  }
}

/**
 * The notice that a password was set (docs/security.md), started by the API under
 * `password-changed/{requestId}` once the new password is saved: retried like the link's mail, then
 * given up (logged); the change itself is in the directory's log either way.
 */
export async function passwordChangedNotice(
  input: PasswordChangedNoticeInput,
): Promise<PasswordChangedNoticeOutcome | 'undelivered'> {
  try {
    return await passwordReset.sendPasswordChangedNotice(input);
  } catch (error) {
    if (isCancellation(error)) throw error;
    log.warn('password-changed notice not mailed', { requestId: input.requestId, error: String(error) });
    return 'undelivered';
  }
}
