import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { passwordResetMailWorkflowId } from '@qcycle/contracts';
import { PasswordResetMailEntity } from '@qcycle/persistence';
import { signPasswordResetLink } from '@qcycle/task-links';
import { eventually, startTestSmtpServer, uniqueSuffix, type TestSmtpServer } from '@qcycle/testing';
import { PasswordsService } from '../../apps/api/src/auth/passwords.service';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { TemporalClientProvider } from '../../apps/api/src/temporal/temporal-client.module';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import type { HttpRecorder } from './support/http-recorder';
import { undocumentedAnswers } from './support/openapi-coverage';

interface Refusal {
  code: string;
  message: string;
  details?: { reason?: string; fields?: Record<string, string[]> };
}
interface PasswordSet {
  accessToken: string;
  user: { userId: string; email: string; hasPassword: boolean; authenticatedBy: string };
  calendarFeedStopped: boolean;
}

/**
 * "Quên mật khẩu?" and "Đổi mật khẩu" over HTTP (docs/security.md): the link mailed by the worker
 * through a real SMTP server, the new password set with it, every older session ended, the link
 * good once; the same answer for an address nobody has; one's own password changed while signed in.
 * The real API and worker, PostgreSQL, the Temporal dev server.
 */
describe('forgotten and changed passwords (API, worker, Temporal dev server, PostgreSQL, SMTP)', () => {
  let smtp: TestSmtpServer;
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // More sign-ins a minute than the default 10: every person here signs in, out and in again.
    suite = await startApiSuite({
      worker: true,
      smtp,
      config: { http: { rateLimit: { loginPerMinute: 100, writesPerMinute: 120 } } },
    });
    http = suite.http;
    org = await suite.seedDemoOrganisation(`pw-${uniqueSuffix()}`);
  });

  afterAll(() => suite?.close());

  const ask = (email: string, requestId: string = randomUUID()) =>
    http.call<{ linkValidMinutes: number }>('POST', '/api/v1/auth/password-reset', {
      body: { email },
      headers: { 'x-request-id': requestId },
    });
  /** What the worker made of a request: its workflow's result. */
  const outcome = (requestId: string) =>
    suite.api
      .get(TemporalClientProvider)
      .client.workflow.getHandle(passwordResetMailWorkflowId(requestId))
      .result() as Promise<string>;
  const mailsTo = (address: string) => smtp.mailsTo(address);
  const tokenIn = (mail: ParsedMail) =>
    new URL(/https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail.text ?? '')![0]).searchParams.get('token')!;
  /** The request a link answers, read from its payload (`r`). */
  const requestOf = (token: string) =>
    (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as { r: string }).r;
  /** Asks for a link for `local` and reads it from the mail the worker sent for that request. */
  const mailedLink = async (local: string) => {
    const requestId = randomUUID();
    const asked = await ask(org.email(local), requestId);
    expect(asked.status).toBe(202);
    expect(await outcome(requestId)).toBe('sent');
    const mail = mailsTo(org.email(local)).find(
      (m) => (m.text ?? '').includes('/reset-password?token=') && requestOf(tokenIn(m)) === requestId,
    )!;
    return { asked, mail, token: tokenIn(mail), requestId };
  };
  const setWithLink = (token: string, password: string) =>
    http.call<PasswordSet & Refusal>('POST', '/api/v1/auth/password-reset/complete', {
      body: { token, password },
    });
  const signIn = (local: string, password: string) =>
    http.call('POST', '/api/v1/auth/login', { body: { email: org.email(local), password } });
  const me = (token: string) => http.call<{ hasPassword: boolean }>('GET', '/api/v1/auth/me', { token });
  /** The mail telling `local` that their password was set, once it has arrived. */
  const changedNoticeTo = (local: string) =>
    eventually(`the password-changed notice to ${local}`, () =>
      mailsTo(org.email(local)).find((m) => m.subject === '[qcycle] Mật khẩu của bạn vừa được đổi'),
    );

  it('tells the sign-in page that a forgotten password can be reset by mail', async () => {
    const providers = await http.call('GET', '/api/v1/auth/providers');
    expect(providers.body).toMatchObject({ password: true, passwordReset: true });
  });

  it('mails a link with which the person sets a new password and is signed in; their older sessions end; the link works once', async () => {
    const before = await org.tokenOf('staff.tthc');
    const { asked, mail, token, requestId } = await mailedLink('staff.tthc');
    expect(asked.body).toEqual({ linkValidMinutes: 60 });
    expect(mail.subject).toBe('[qcycle] Đặt lại mật khẩu');
    expect(mail.text).toContain(`${suite.config.publicUrl}/reset-password?token=`);

    const set = await setWithLink(token, 'một mật khẩu mới đủ dài');
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      user: { email: org.email('staff.tthc'), hasPassword: true, authenticatedBy: 'password' },
      calendarFeedStopped: false,
    });
    expect((await me(set.body.accessToken)).status).toBe(200);
    expect((await me(before)).status).toBe(401);
    expect((await signIn('staff.tthc', DEMO_PASSWORD)).status).toBe(401);
    expect((await signIn('staff.tthc', 'một mật khẩu mới đủ dài')).status).toBe(200);

    const again = await setWithLink(token, 'yet another long password');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'used' } });
    expect((await signIn('staff.tthc', 'yet another long password')).status).toBe(401);

    // Whoever reads the directory's log sees that the person set it themself, with the mailed link.
    const [change] = await org.userChangesOf(set.body.user.userId);
    expect(change).toEqual({
      userId: set.body.user.userId,
      passwordChanged: true,
      passwordSetVia: 'emailLink',
    });
    const row = await suite.api
      .get(DataSource)
      .getRepository(PasswordResetMailEntity)
      .findOneByOrFail({ id: requestId });
    expect(row.usedAt).not.toBeNull();
    // And the person is told, in case it was not them.
    const notice = await changedNoticeTo('staff.tthc');
    expect(notice.text).toContain(
      `mật khẩu của tài khoản ${org.email('staff.tthc')} trên qcycle đã được đặt mới bằng liên kết gửi qua thư`,
    );
    expect(notice.text).toContain('hãy báo ngay người quản trị hệ thống');
  });

  it('answers the same for an address nobody active has, and mails nothing', async () => {
    const gone = await org.as<{ id: string }>('admin', 'POST', '/api/v1/users', {
      fullName: 'Người đã nghỉ',
      email: org.email('da.nghi'),
      password: DEMO_PASSWORD,
    });
    expect((await org.as('admin', 'PATCH', `/api/v1/users/${gone.body.id}`, { active: false })).status).toBe(
      200,
    );
    for (const email of [org.email('khong.co.ai'), org.email('da.nghi')]) {
      const requestId = randomUUID();
      const asked = await ask(email, requestId);
      expect([asked.status, asked.body]).toEqual([202, { linkValidMinutes: 60 }]);
      expect(await outcome(requestId)).toBe('noAccount');
      expect(mailsTo(email)).toHaveLength(0);
    }
  });

  it('mails once when the same request is repeated (the same x-request-id)', async () => {
    const requestId = randomUUID();
    expect((await ask(org.email('head.tonghop'), requestId)).status).toBe(202);
    expect((await ask(org.email('head.tonghop'), requestId)).status).toBe(202);
    expect(await outcome(requestId)).toBe('sent');
    expect(mailsTo(org.email('head.tonghop'))).toHaveLength(1);
  });

  it('refuses a link once the sessions ended another way, an expired one and one not genuine, saying which', async () => {
    const { token } = await mailedLink('head.tthc');
    expect(
      (await http.call('POST', '/api/v1/auth/logout', { token: await org.tokenOf('head.tthc') })).status,
    ).toBe(204);
    const afterSignOut = await setWithLink(token, 'a-new-long-password');
    expect([afterSignOut.status, afterSignOut.body.details?.reason]).toEqual([409, 'used']);
    expect(afterSignOut.body.message).toBe(
      'Liên kết đặt mật khẩu này đã được dùng, hoặc sau khi thư được gửi tài khoản đã được đặt mật khẩu hay đăng xuất mọi nơi: hãy yêu cầu liên kết mới',
    );

    const userId = (await signIn('head.tthc', DEMO_PASSWORD)).body.user as { userId: string };
    const expired = signPasswordResetLink(
      {
        userId: userId.userId,
        sessionsValidFrom: null,
        expiresAt: new Date(Date.now() - 1000).toISOString(),
        requestId: randomUUID(),
      },
      suite.config.taskLinks.secret,
    );
    const late = await setWithLink(expired, 'a-new-long-password');
    expect([late.status, late.body.code, late.body.details]).toEqual([
      422,
      'RULE_VIOLATED',
      { reason: 'expired', fields: { token: ['the link has expired'] } },
    ]);
    const cut = await setWithLink(token.slice(0, -3), 'a-new-long-password');
    expect([cut.status, cut.body.details?.reason]).toEqual([422, 'invalid']);
    const short = await setWithLink(token, 'too short');
    expect(short.status).toBe(400);
    expect(Object.keys(short.body.details?.fields ?? {})).toEqual(['password']);
    expect((await signIn('head.tthc', DEMO_PASSWORD)).status).toBe(200);
  });

  it('lets exactly one of two uses of the same link at the same moment set the password', async () => {
    const { token } = await mailedLink('staff.tonghop');
    const both = await Promise.all([
      setWithLink(token, 'first-long-password-1'),
      setWithLink(token, 'second-long-password-2'),
    ]);
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const won = both[0].status === 200 ? 'first-long-password-1' : 'second-long-password-2';
    const lost = both[0].status === 200 ? 'second-long-password-2' : 'first-long-password-1';
    expect((await signIn('staff.tonghop', won)).status).toBe(200);
    expect((await signIn('staff.tonghop', lost)).status).toBe(401);
  });

  it('lets someone added without a password (as an import adds them) set a first one', async () => {
    const added = await org.as<{ id: string }>('admin', 'POST', '/api/v1/users', {
      fullName: 'Lê Văn Mới',
      email: org.email('nguoi.moi'),
    });
    expect(added.status).toBe(201);
    const { token } = await mailedLink('nguoi.moi');
    expect(mailsTo(org.email('nguoi.moi'))[0].subject).toBe('[qcycle] Đặt mật khẩu cho tài khoản của bạn');
    const set = await setWithLink(token, 'mật khẩu đầu tiên của tôi');
    expect(set.status).toBe(200);
    expect(set.body.user).toMatchObject({ userId: added.body.id, hasPassword: true });
    expect((await signIn('nguoi.moi', 'mật khẩu đầu tiên của tôi')).status).toBe(200);
  });

  it("changes one's own password after the current one, ending the other sessions and the calendar feed", async () => {
    const old = await org.tokenOf('qmr');
    expect((await me(old)).body.hasPassword).toBe(true);
    expect((await org.as('qmr', 'POST', '/api/v1/me/calendar-feed')).status).toBe(201);
    const change = (body: Record<string, unknown>) =>
      http.call<PasswordSet & Refusal>('POST', '/api/v1/auth/me/password', { token: old, body });

    const wrong = await change({ currentPassword: 'not-my-password', newPassword: 'the-qmr-new-password' });
    expect([wrong.status, wrong.body.details]).toEqual([
      422,
      { fields: { currentPassword: ['not the current password'] } },
    ]);
    expect((await change({ newPassword: 'the-qmr-new-password' })).status).toBe(422);
    expect((await change({ currentPassword: DEMO_PASSWORD, newPassword: 'short' })).status).toBe(400);
    expect((await me(old)).status).toBe(200);

    const changed = await change({ currentPassword: DEMO_PASSWORD, newPassword: 'the-qmr-new-password' });
    expect(changed.status).toBe(200);
    expect(changed.body.calendarFeedStopped).toBe(true);
    expect((await me(old)).status).toBe(401);
    expect((await me(changed.body.accessToken)).status).toBe(200);
    expect(
      (await http.call('GET', '/api/v1/me/calendar-feed', { token: changed.body.accessToken })).body,
    ).toEqual({ active: false });
    expect((await signIn('qmr', 'the-qmr-new-password')).status).toBe(200);
    expect((await changedNoticeTo('qmr')).text).toContain('đã được đổi trên trang tài khoản');
    const [entry] = await org.userChangesOf(changed.body.user.userId);
    expect(entry).toEqual({
      userId: changed.body.user.userId,
      passwordChanged: true,
      passwordSetVia: 'ownAccount',
      calendarFeedStopped: true,
    });
  });

  it('does not let a session ended in the same instant (signed out everywhere) set a new password', async () => {
    // The request's session as the guard found it, valid; then, before the change is written, the
    // person signs out everywhere from another device.
    const token = await org.tokenOf('auditor.kinhte');
    const caller = await suite.api.get(TokenService).verify(token);
    expect((await http.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    await expect(
      suite.api.get(PasswordsService).changeOwn(caller, DEMO_PASSWORD, 'auditor-kinhte-new-password', {
        actor: caller.userId,
        requestId: randomUUID(),
        clientAddress: null,
      }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // Nothing was written: the password is the one it was.
    expect((await signIn('auditor.kinhte', DEMO_PASSWORD)).status).toBe(200);
    expect((await signIn('auditor.kinhte', 'auditor-kinhte-new-password')).status).toBe(401);
  });

  it('tells a person whose password an administrator set, and nobody when only their name changed', async () => {
    const leader = (await signIn('leader', DEMO_PASSWORD)).body.user as { userId: string };
    const renamed = await org.as('admin', 'PATCH', `/api/v1/users/${leader.userId}`, {
      title: 'Phó Chủ tịch',
    });
    expect(renamed.status).toBe(200);
    const set = await org.as('admin', 'PATCH', `/api/v1/users/${leader.userId}`, {
      password: 'set-by-the-administrator',
    });
    expect(set.status).toBe(200);
    expect((await changedNoticeTo('leader')).text).toContain('đã được người quản trị hệ thống đặt mới');
    expect(mailsTo(org.email('leader'))).toHaveLength(1);
  });

  it('documents every answer these routes gave', async () => {
    expect(await undocumentedAnswers(http)).toEqual([]);
  });
});

/**
 * Where no mail can be sent the form is not offered, and the route says why (where password sign-in
 * is off: test/api/web-sign-in.int.spec.ts).
 */
describe('password resets where no mail can be sent (API, SQLite)', () => {
  let suite: ApiSuite;

  beforeAll(async () => {
    suite = await startApiSuite({ database: 'sqlite' });
  });
  afterAll(() => suite?.close());

  it('answers 403 PASSWORD_RESET_UNAVAILABLE without SMTP_URL, and says so to the sign-in page', async () => {
    expect((await suite.http.call('GET', '/api/v1/auth/providers')).body).toMatchObject({
      password: true,
      passwordReset: false,
    });
    const noMail = await suite.http.call<Refusal>('POST', '/api/v1/auth/password-reset', {
      body: { email: 'qmr@kontum.qcycle.test' },
    });
    expect([noMail.status, noMail.body.code]).toEqual([403, 'PASSWORD_RESET_UNAVAILABLE']);
    expect(noMail.body.message).toContain('hãy đề nghị người quản trị hệ thống đặt mật khẩu mới cho bạn');
  });
});
