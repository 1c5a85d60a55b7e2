import {
  openPasswordResetLink,
  signPasswordResetLink,
  type PasswordResetClaims,
} from './password-reset-link';
import { signTaskLink } from './task-link-token';

const SECRET = 'a-test-secret-that-is-long-enough-0001';
const claims: PasswordResetClaims = {
  userId: 'u-staff-1',
  sessionsValidFrom: '2026-11-02T03:04:05.006Z',
  expiresAt: '2026-12-05T14:00:00.000Z',
  requestId: '0b6c1e52-3f4d-4a8e-9c1b-5d2e7f8a9b0c',
};
const before = new Date('2026-12-05T13:30:00Z');

describe('password-reset links', () => {
  it('round-trips the claims of a genuine, unexpired link, and is safe in a URL as it is', () => {
    const token = signPasswordResetLink(claims, SECRET);
    expect(openPasswordResetLink(token, before, SECRET)).toEqual({ claims });
    expect(encodeURIComponent(token)).toBe(token);
  });

  it('carries a person who never had their sessions ended (null), and the same claims make the same link', () => {
    const first = { ...claims, sessionsValidFrom: null };
    expect(openPasswordResetLink(signPasswordResetLink(first, SECRET), before, SECRET)).toEqual({
      claims: first,
    });
    // A retried mail re-signs its stored claims: the link in it is the one already sent.
    expect(signPasswordResetLink(claims, SECRET)).toBe(signPasswordResetLink({ ...claims }, SECRET));
    expect(signPasswordResetLink(claims, SECRET)).not.toBe(
      signPasswordResetLink({ ...claims, requestId: 'another-request' }, SECRET),
    );
  });

  it('is refused at and after its expiry', () => {
    const token = signPasswordResetLink(claims, SECRET);
    expect('claims' in openPasswordResetLink(token, new Date('2026-12-05T13:59:59.999Z'), SECRET)).toBe(true);
    expect(openPasswordResetLink(token, new Date('2026-12-05T14:00:00.000Z'), SECRET)).toEqual({
      refused: 'expired',
    });
  });

  it('is refused when signed with another secret, or changed in any claim', () => {
    const foreign = signPasswordResetLink(claims, 'another-installation-secret-0000000000');
    expect(openPasswordResetLink(foreign, before, SECRET)).toEqual({ refused: 'badSignature' });
    const [, signature] = signPasswordResetLink(claims, SECRET).split('.');
    const genuine = {
      v: 1,
      k: 'password-reset',
      u: claims.userId,
      s: claims.sessionsValidFrom,
      e: claims.expiresAt,
      r: claims.requestId,
    };
    for (const change of [{ u: 'u-intruder' }, { s: null }, { e: '2030-01-01T00:00:00.000Z' }]) {
      const forged = `${Buffer.from(JSON.stringify({ ...genuine, ...change })).toString('base64url')}.${signature}`;
      expect(openPasswordResetLink(forged, before, SECRET)).toEqual({ refused: 'badSignature' });
    }
  });

  it('is not a task link, and a task link is not a password-reset link, though both are sealed with the same secret', () => {
    const taskLink = signTaskLink(
      { taskId: 't-1', userId: claims.userId, expiresAt: claims.expiresAt, nonce: 'n-1' },
      SECRET,
    );
    expect(openPasswordResetLink(taskLink, before, SECRET)).toEqual({ refused: 'badSignature' });
  });

  it.each([
    ['empty', ''],
    ['not a string', 42],
    ['one part', 'abc'],
    ['three parts', 'a.b.c'],
    ['short signature', `${Buffer.from('{}').toString('base64url')}.AAAA`],
    ['very long', `${'a'.repeat(5000)}.${'b'.repeat(43)}`],
  ])('refuses a malformed token (%s)', (_name, token) => {
    expect(openPasswordResetLink(token, before, SECRET)).toEqual({ refused: 'malformed' });
  });

  it('refuses to sign a link without an instant to end', () => {
    expect(() => signPasswordResetLink({ ...claims, expiresAt: 'soon' }, SECRET)).toThrow(/expiresAt/);
  });
});
