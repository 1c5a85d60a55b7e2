import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_BYTES = 32;
/** Bounds the work done on input from the internet before the signature is checked. */
const MAX_TOKEN_LENGTH = 2048;

/** 128 random bits, base64url (22 characters). */
export function newTaskLinkNonce(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * `base64url(JSON payload) "." base64url(HMAC-SHA256(secret, first part))`: the same compact shape
 * as a JWS, without its algorithm header (there is exactly one algorithm, so none can be downgraded).
 */
export function signTaskLink(claims: TaskLinkClaims, secret: string): string {
  assertClaims(claims);
  const payload: TokenPayload = {
    v: 1,
    t: claims.taskId,
    u: claims.userId,
    e: new Date(claims.expiresAt).toISOString(),
    n: claims.nonce,
  };
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${hmac(secret, encoded).toString('base64url')}`;
}

/**
 * The claims of a genuine, unexpired link. Throws {@link TaskLinkError}: `Malformed`,
 * `BadSignature` (checked in constant time, before the payload is parsed) or `Expired`. It does
 * not know whether the link was used: that is {@link TaskLinkService.consume}.
 */
export function verifyTaskLink(token: string, now: Date, secret: string): TaskLinkClaims {
  const parts = typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  if (parts.length !== 2 || !BASE64URL.test(parts[0]) || !BASE64URL.test(parts[1])) {
    throw new TaskLinkError(TaskLinkErrorCode.Malformed, 'The task link is malformed');
  }
  const [encoded, signature] = parts;
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== SIGNATURE_BYTES)
    throw new TaskLinkError(TaskLinkErrorCode.Malformed, 'The task link is malformed');
  if (!timingSafeEqual(given, hmac(secret, encoded))) {
    throw new TaskLinkError(
      TaskLinkErrorCode.BadSignature,
      'The task link was not issued by this qcycle installation',
    );
  }
  const claims = parsePayload(encoded);
  if (!claims) throw new TaskLinkError(TaskLinkErrorCode.Malformed, 'The task link is malformed');
  if (now.getTime() >= Date.parse(claims.expiresAt)) {
    throw new TaskLinkError(TaskLinkErrorCode.Expired, `The task link expired at ${claims.expiresAt}`);
  }
  return claims;
}

function hmac(secret: string, encodedPayload: string): Buffer {
  return createHmac('sha256', secret).update(encodedPayload, 'ascii').digest();
}

function parsePayload(encoded: string): TaskLinkClaims | undefined {
  let payload: Partial<TokenPayload>;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Partial<TokenPayload>;
  } catch {
    return undefined;
  }
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
