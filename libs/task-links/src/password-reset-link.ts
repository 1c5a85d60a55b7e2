import { createHmac } from 'node:crypto';
import { openSealedLink, sealLink } from './signed-link';

/**
 * What a password-reset link grants: setting a new password for one person, until an instant, once
 * (docs/security.md "Forgotten passwords"). It is sealed like a task link (signed-link.ts) with a key
 * derived from TASK_LINK_SECRET — the secret the worker, which mails the link, and the API, which
 * opens it, already share — so that neither kind of link can pass for the other.
 */
export interface PasswordResetClaims {
  userId: string;
  /**
   * The person's `users.sessions_valid_from` when the link was written (null before any change). It
   * changes whenever a password is set, the account is deactivated or reactivated, or the person signs
   * out everywhere: the link opens only while it is unchanged, so using it once ends it, and so does
   * anything that ends the person's sessions meanwhile.
   */
  sessionsValidFrom: string | null;
  /** ISO-8601 UTC instant after which the link is refused. */
  expiresAt: string;
  /** The request the link answers (its `password_reset_mails` row): two mails, two links. */
  requestId: string;
}

/** Why a password-reset link cannot be used, before the person's row is read. */
export type PasswordResetLinkRefusal = 'malformed' | 'badSignature' | 'expired';

/** The token's JSON payload. `k` names the kind of link; `v` allows a future format. */
interface Payload {
  v: 1;
  k: 'password-reset';
  u: string;
  s: string | null;
  e: string;
  r: string;
}

export function signPasswordResetLink(claims: PasswordResetClaims, secret: string): string {
  if (!Number.isFinite(Date.parse(claims.expiresAt)))
    throw new TypeError(`password-reset link expiresAt is not an instant: "${claims.expiresAt}"`);
  const payload: Payload = {
    v: 1,
    k: 'password-reset',
    u: claims.userId,
    s: claims.sessionsValidFrom,
    e: new Date(claims.expiresAt).toISOString(),
    r: claims.requestId,
  };
  return sealLink(payload, keyOf(secret));
}

/**
 * The claims of a genuine, unexpired link, or why not. Whether it is still unused is the person's
 * row's to say (`sessionsValidFrom`).
 */
export function openPasswordResetLink(
  token: unknown,
  now: Date,
  secret: string,
): { claims: PasswordResetClaims } | { refused: PasswordResetLinkRefusal } {
  const opened = openSealedLink(token, keyOf(secret));
  if ('refused' in opened) return opened;
  const p = opened.payload as Partial<Payload> | null;
  const wellFormed =
    p?.v === 1 &&
    p.k === 'password-reset' &&
    [p.u, p.e, p.r].every((s) => typeof s === 'string' && s !== '') &&
    (p.s === null || typeof p.s === 'string') &&
    Number.isFinite(Date.parse(p.e as string));
  if (!wellFormed) return { refused: 'malformed' };
  const claims: PasswordResetClaims = {
    userId: p.u as string,
    sessionsValidFrom: p.s as string | null,
    expiresAt: p.e as string,
    requestId: p.r as string,
  };
  if (now.getTime() >= Date.parse(claims.expiresAt)) return { refused: 'expired' };
  return { claims };
}

/** A key of its own for this kind of link, from the shared secret. */
function keyOf(secret: string): Buffer {
  return createHmac('sha256', secret).update('qcycle password-reset link').digest();
}
