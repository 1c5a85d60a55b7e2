import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one shape of every link qcycle e-mails with a capability in it (a task link, a password-reset
 * link): `base64url(JSON payload) "." base64url(HMAC-SHA256(key, first part))` — a JWS's compact
 * shape without its algorithm header (there is exactly one algorithm, so none can be downgraded).
 * Each kind of link keeps its own payload and its own errors; this checks only the seal.
 */

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_BYTES = 32;
/** Bounds the work done on input from the internet before the signature is checked. */
const MAX_TOKEN_LENGTH = 2048;

export function sealLink(payload: object, key: string | Buffer): string {
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${hmac(key, encoded).toString('base64url')}`;
}

/** What a sealed link holds, or why it cannot be trusted. */
export type OpenedLink = { payload: unknown } | { refused: 'malformed' | 'badSignature' };

/**
 * The payload of a link sealed with `key`: the signature is checked in constant time before the
 * payload is parsed. The caller checks the payload's own shape and expiry.
 */
export function openSealedLink(token: unknown, key: string | Buffer): OpenedLink {
  const parts = typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  if (parts.length !== 2 || !BASE64URL.test(parts[0]) || !BASE64URL.test(parts[1]))
    return { refused: 'malformed' };
  const [encoded, signature] = parts;
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== SIGNATURE_BYTES) return { refused: 'malformed' };
  if (!timingSafeEqual(given, hmac(key, encoded))) return { refused: 'badSignature' };
  try {
    return { payload: JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as unknown };
  } catch {
    return { refused: 'malformed' };
  }
}

function hmac(key: string | Buffer, encodedPayload: string): Buffer {
  return createHmac('sha256', key).update(encodedPayload, 'ascii').digest();
}
