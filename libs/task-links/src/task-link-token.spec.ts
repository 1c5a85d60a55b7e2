import { createHmac } from 'node:crypto';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { newTaskLinkNonce, signTaskLink, verifyTaskLink, type TaskLinkClaims } from './task-link-token';
import { TaskLinkError, TaskLinkErrorCode } from './task-link.error';

const SECRET = 'a-test-secret-that-is-long-enough-0001';
const claims: TaskLinkClaims = {
  taskId: 'quality-cycle/kontum/2024/monitoring/obj-4/2024-03',
  userId: 'u-staff-1',
  expiresAt: '2024-04-01T10:00:00.000Z',
  nonce: newTaskLinkNonce(),
};
const before = new Date('2024-03-25T00:00:00Z');

function refusal(attempt: () => unknown): TaskLinkErrorCode | undefined {
  try {
    attempt();
    return undefined;
  } catch (error) {
    if (error instanceof TaskLinkError) return error.reason;
    throw error;
  }
}

describe('task-link tokens', () => {
  it('round-trips the claims of a genuine, unexpired link', () => {
    const token = signTaskLink(claims, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyTaskLink(token, before, SECRET)).toEqual(claims);
  });

  it('is safe to put in a URL as it is', () => {
    const token = signTaskLink(claims, SECRET);
    expect(encodeURIComponent(token)).toBe(token);
  });

  it('gives every link its own nonce, so every link is used once on its own', () => {
    const nonces = new Set(Array.from({ length: 1000 }, newTaskLinkNonce));
    expect(nonces.size).toBe(1000);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('refuses a link at and after its expiry', () => {
    const token = signTaskLink(claims, SECRET);
    expect(verifyTaskLink(token, new Date('2024-04-01T09:59:59.999Z'), SECRET).taskId).toBe(claims.taskId);
    expect(refusal(() => verifyTaskLink(token, new Date('2024-04-01T10:00:00.000Z'), SECRET))).toBe(
      TaskLinkErrorCode.Expired,
    );
    expect(refusal(() => verifyTaskLink(token, new Date('2025-01-01T00:00:00Z'), SECRET))).toBe(
      TaskLinkErrorCode.Expired,
    );
  });

  it('refuses a link signed with another secret', () => {
    const foreign = signTaskLink(claims, 'another-installation-secret-0000000000');
    expect(refusal(() => verifyTaskLink(foreign, before, SECRET))).toBe(TaskLinkErrorCode.BadSignature);
  });

  it('refuses a tampered payload: another task, another user, a later expiry', () => {
    const [, signature] = signTaskLink(claims, SECRET).split('.');
    for (const change of [{ t: 'another-task' }, { u: 'u-intruder' }, { e: '2030-01-01T00:00:00.000Z' }]) {
      const payload = {
        v: 1,
        t: claims.taskId,
        u: claims.userId,
        e: claims.expiresAt,
        n: claims.nonce,
        ...change,
      };
      const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
      expect(refusal(() => verifyTaskLink(forged, before, SECRET))).toBe(TaskLinkErrorCode.BadSignature);
    }
  });

  it('refuses a tampered signature', () => {
    const token = signTaskLink(claims, SECRET);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const flipped = token.slice(0, -2) + last + token.slice(-1);
    expect(refusal(() => verifyTaskLink(flipped, before, SECRET))).toBe(TaskLinkErrorCode.BadSignature);
  });

  it.each([
    ['empty', ''],
    ['one part', 'abc'],
    ['three parts', 'a.b.c'],
    ['not base64url', 'a+b.c/d'],
    ['short signature', `${Buffer.from('{}').toString('base64url')}.AAAA`],
    ['very long', `${'a'.repeat(5000)}.${'b'.repeat(43)}`],
  ])('refuses a malformed token (%s)', (_name, token) => {
    expect(refusal(() => verifyTaskLink(token, before, SECRET))).toBe(TaskLinkErrorCode.Malformed);
  });

  it('refuses a correctly signed payload that is not a task link', () => {
    const encoded = Buffer.from(JSON.stringify({ v: 2, t: 'x' })).toString('base64url');
    const token = `${encoded}.${createHmac('sha256', SECRET).update(encoded).digest('base64url')}`;
    expect(refusal(() => verifyTaskLink(token, before, SECRET))).toBe(TaskLinkErrorCode.Malformed);
  });

  it('refuses to sign incomplete claims', () => {
    expect(() => signTaskLink({ ...claims, userId: '' }, SECRET)).toThrow(/userId/);
    expect(() => signTaskLink({ ...claims, expiresAt: 'soon' }, SECRET)).toThrow(/expiresAt/);
  });

  it('is a QcycleError the API maps without extra code: 403 for a bad link, 409 for a used one or one whose task moved on', () => {
    const expired = new TaskLinkError(TaskLinkErrorCode.Expired, 'expired');
    expect(expired).toBeInstanceOf(QcycleError);
    expect(expired.code).toBe(QcycleErrorCode.Forbidden);
    expect(expired.details).toEqual({ reason: 'TASK_LINK_EXPIRED' });
    expect(new TaskLinkError(TaskLinkErrorCode.AlreadyUsed, 'used').code).toBe(QcycleErrorCode.Conflict);
    const task = { taskId: claims.taskId, status: 'completed' };
    const closed = new TaskLinkError(TaskLinkErrorCode.TaskClosed, 'closed', task);
    expect([closed.code, closed.details]).toEqual([
      QcycleErrorCode.Conflict,
      { reason: 'TASK_LINK_TASK_CLOSED', ...task },
    ]);
    expect(closed.messageIn('en')).toBe(
      `Task ${claims.taskId} is completed: the e-mailed link no longer opens it; sign in as usual`,
    );
    const moved = new TaskLinkError(TaskLinkErrorCode.Reassigned, 'moved', { ...task, status: 'open' });
    expect([moved.code, moved.details]).toEqual([
      QcycleErrorCode.Conflict,
      { reason: 'TASK_LINK_REASSIGNED', taskId: claims.taskId, status: 'open' },
    ]);
    expect(moved.messageIn('vi')).toBe(
      `Việc ${claims.taskId} đã được giao cho người khác: liên kết trong thư không còn mở được việc; hãy đăng nhập như bình thường`,
    );
  });
});
