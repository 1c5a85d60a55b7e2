/**
 * What the API, the `passwordResetMail` workflow and its activity share (docs/security.md
 * "Forgotten passwords"): the API starts one workflow per request; the worker looks the address up,
 * writes the mail's record and mails the link.
 */

/** The workflow type the worker registers and the API starts. */
export const PASSWORD_RESET_MAIL_WORKFLOW = 'passwordResetMail';

/**
 * One workflow per request, by the request's id (x-request-id): a client that repeats its request
 * with the same id is mailed once.
 */
export function passwordResetMailWorkflowId(requestId: string): string {
  return `password-reset/${requestId}`;
}

export interface PasswordResetMailInput {
  /** The API request's id: the mail's record's id and the link's `requestId`. */
  requestId: string;
  /** The address as typed, trimmed and lower-cased: the worker looks it up, the API never does. */
  email: string;
  /** When the person asked (ISO-8601 UTC): said in the mail. */
  requestedAt: string;
}

/**
 * What became of a request: `sent` to the person; `recorded` (no SMTP on the worker, kept without
 * a mail); `withheld` (too many links asked for this person in the last hour, or they were
 * deactivated before it went); `noAccount` (no active person has that address: nothing is written,
 * nothing mailed).
 */
export type PasswordResetMailOutcome = 'sent' | 'recorded' | 'withheld' | 'noAccount';

/** The workflow type the API starts once a password is set: the account's owner is told. */
export const PASSWORD_CHANGED_NOTICE_WORKFLOW = 'passwordChangedNotice';

/** One notice per change, by the request that made it: a retried request tells once. */
export function passwordChangedNoticeWorkflowId(requestId: string): string {
  return `password-changed/${requestId}`;
}

/** How the password came to be set: the mailed link, the person's own account page, an administrator. */
export type PasswordSetBy = 'emailLink' | 'ownAccount' | 'administrator';

export interface PasswordChangedNoticeInput {
  /** The request that set it: the notice's Message-ID. */
  requestId: string;
  userId: string;
  by: PasswordSetBy;
  /** When it was set (ISO-8601 UTC): said in the mail. */
  changedAt: string;
}

/** `sent`; `recorded` without SMTP on the worker (nothing kept); `noAccount` for a person gone since. */
export type PasswordChangedNoticeOutcome = 'sent' | 'recorded' | 'noAccount';

export interface PasswordResetActivities {
  sendPasswordResetMail(input: PasswordResetMailInput): Promise<PasswordResetMailOutcome>;
  sendPasswordChangedNotice(input: PasswordChangedNoticeInput): Promise<PasswordChangedNoticeOutcome>;
}

/**
 * The rules, constants rather than configuration:
 *  - a link opens for 60 minutes from when its mail is written: long enough to find the mail,
 *    short enough that a mailbox read later does not hold a key to the account;
 *  - at most 3 links a person per hour: more requests are answered the same but mail nothing, so
 *    that nobody can fill someone's mailbox through the public form.
 */
export const PASSWORD_RESET_RULES = { linkMinutes: 60, mailsPerHour: 3 } as const;
