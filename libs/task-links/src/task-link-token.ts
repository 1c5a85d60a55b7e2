import { randomBytes } from 'node:crypto';
import { openSealedLink, sealLink } from './signed-link';
import { TaskLinkError, TaskLinkErrorCode } from './task-link.error';

/** What a task link grants: opening one task, as one user, until an instant, once (by its nonce). */
export interface TaskLinkClaims {
  taskId: string;
  userId: string;
  /** ISO-8601 UTC instant after which the link is refused. */
  expiresAt: string;
  /** Random, unique per link: the key under which its single use is recorded. */
  nonce: string;
}

/** The token's JSON payload. Short keys keep the link short; `v` allows a future format. */
interface TokenPayload {
  v: 1;
  t: string;
  u: string;
  e: string;
  n: string;
}

/** 128 random bits, base64url (22 characters). */
export function newTaskLinkNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The task link's token: its claims sealed with TASK_LINK_SECRET (signed-link.ts). */
export function signTaskLink(claims: TaskLinkClaims, secret: string): string {
  assertClaims(claims);
  const payload: TokenPayload = {
    v: 1,
    t: claims.taskId,
    u: claims.userId,
    e: new Date(claims.expiresAt).toISOString(),
    n: claims.nonce,
  };
  return sealLink(payload, secret);
}

/**
 * The claims of a genuine, unexpired link. Throws {@link TaskLinkError}: `Malformed`,
 * `BadSignature` (checked in constant time, before the payload is parsed) or `Expired`. It does
 * not know whether the link was used: that is {@link TaskLinkService.consume}.
 */
export function verifyTaskLink(token: string, now: Date, secret: string): TaskLinkClaims {
  const opened = openSealedLink(token, secret);
  if ('refused' in opened && opened.refused === 'badSignature')
    throw new TaskLinkError(
      TaskLinkErrorCode.BadSignature,
      'The task link was not issued by this qcycle installation',
    );
  const claims = 'payload' in opened ? claimsOf(opened.payload) : undefined;
  if (!claims) throw new TaskLinkError(TaskLinkErrorCode.Malformed, 'The task link is malformed');
  if (now.getTime() >= Date.parse(claims.expiresAt)) {
    throw new TaskLinkError(TaskLinkErrorCode.Expired, `The task link expired at ${claims.expiresAt}`);
  }
  return claims;
}

function claimsOf(parsed: unknown): TaskLinkClaims | undefined {
  const payload = parsed as Partial<TokenPayload> | null;
  const strings = [payload?.t, payload?.u, payload?.e, payload?.n];
  if (payload?.v !== 1 || !strings.every((s) => typeof s === 'string' && s !== '')) return undefined;
  if (!Number.isFinite(Date.parse(payload.e as string))) return undefined;
  return {
    taskId: payload.t as string,
    userId: payload.u as string,
    expiresAt: payload.e as string,
    nonce: payload.n as string,
  };
}

function assertClaims(claims: TaskLinkClaims): void {
  for (const key of ['taskId', 'userId', 'expiresAt', 'nonce'] as const) {
    if (typeof claims[key] !== 'string' || claims[key] === '')
      throw new TypeError(`task link ${key} must be a non-empty string`);
  }
  if (!Number.isFinite(Date.parse(claims.expiresAt)))
    throw new TypeError(`task link expiresAt is not an instant: "${claims.expiresAt}"`);
  if (claims.nonce.length > 64) throw new TypeError('task link nonce must be at most 64 characters');
}
