/**
 * Ending a person's sessions on the server: `users.sessions_valid_from`.
 *
 * Every token the API signs carries, in its `sv` claim, the user's `sessions_valid_from` as it was
 * read when the token was signed (no claim while it is null), and a token is accepted only while
 * that is still the user's value. Ending the sessions moves the value, and every token signed
 * before is refused at once — also one signed in the same second, or the same millisecond.
 *
 * Why not compare the instant with `iat`: `iat` is whole seconds, so "issued before the change"
 * cannot tell a token of the same second from the login that follows the change; the clocks of two
 * API replicas differ, so a login on a replica running behind would be refused until its clock
 * caught up; and a login that checked the old password just before a password change would sign
 * its token just after it and survive. A token bound to the value it was signed under has none of
 * these: it is refused exactly when the value it saw is no longer the user's.
 */

/** The claim of the API's own tokens holding the user's `sessions_valid_from` when they were signed. */
export const SESSIONS_VALID_FROM_CLAIM = 'sv';

/**
 * The next `sessions_valid_from`: now, or a millisecond after the previous value when the clock has
 * not passed it (two changes in one millisecond, or a replica whose clock runs behind), so that
 * the value always changes and sorts after the one before.
 */
export function nextSessionsValidFrom(previous: string | null, now: Date = new Date()): string {
  const previousMs = previous === null ? Number.NaN : Date.parse(previous);
  const at = Number.isNaN(previousMs) ? now.getTime() : Math.max(now.getTime(), previousMs + 1);
  return new Date(at).toISOString();
}

/** The `sv` claim of a token signed for a user whose `sessions_valid_from` is this: none while null. */
export function sessionsClaim(sessionsValidFrom: string | null): Record<string, string> {
  return sessionsValidFrom === null ? {} : { [SESSIONS_VALID_FROM_CLAIM]: sessionsValidFrom };
}

/** Whether a token with these claims was signed under the user's current `sessions_valid_from`. */
export function signedUnderCurrentSessions(
  claims: Record<string, unknown>,
  sessionsValidFrom: string | null,
): boolean {
  const claim = claims[SESSIONS_VALID_FROM_CLAIM];
  return sessionsValidFrom === null ? claim === undefined : claim === sessionsValidFrom;
}
