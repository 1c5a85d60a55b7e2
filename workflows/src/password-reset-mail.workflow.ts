import { isCancellation, log } from '@temporalio/workflow';
import type { PasswordResetMailInput, PasswordResetMailOutcome } from '@qcycle/contracts';
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
