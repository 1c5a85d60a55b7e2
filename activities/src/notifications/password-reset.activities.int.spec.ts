import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { PASSWORD_RESET_RULES, type PasswordResetMailInput } from '@qcycle/contracts';
import { OrganisationEntity, PasswordResetMailEntity, UserEntity } from '@qcycle/persistence';
import { openPasswordResetLink } from '@qcycle/task-links';
import { closedPort, uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { useMailSuite } from '../../../test/support/mail-suite';
import { PASSWORD_RESET_DELIVERY_FAILED, PasswordResetActivitiesService } from './password-reset.activities';

const SECRET = 'password-reset-test-secret-0123456789';
const PUBLIC_URL = 'https://qcycle.kontum.gov.vn';

/**
 * The password-reset mail's activity (docs/security.md "Forgotten passwords") on real databases and
 * a real SMTP server: the person with the address gets a link that opens for them, bound to their
 * sessions as they were; nobody else gets anything; the record never holds the link; a retried
 * attempt sends the same link; a fourth request in an hour mails nothing.
 */
describe.each<TestDatabaseKind>(['sqlite', 'postgres'])(
  'password-reset mails on %s, over real SMTP',
  (kind) => {
    const suite = useMailSuite(kind, {
      PUBLIC_URL,
      MAIL_FROM: 'Văn phòng UBND tỉnh <iso@kontum.gov.vn>',
      TASK_LINK_SECRET: SECRET,
    });
    /** A worker's activity service, mailing through the suite's SMTP server (`smtpUrl` another, `null` none). */
    const service = (smtpUrl?: string | null) =>
      suite.closedAtEnd(new PasswordResetActivitiesService(suite.dataSource, suite.config({}, smtpUrl)));
    const request = (email: string, requestId = randomUUID()): PasswordResetMailInput => ({
      requestId,
      email,
      requestedAt: new Date().toISOString(),
    });
    const send = (input: PasswordResetMailInput, on = service()) =>
      new MockActivityEnvironment().run(on.sendPasswordResetMail.bind(on), input);

    beforeAll(async () => {
      const now = new Date().toISOString();
      await suite.dataSource.getRepository(OrganisationEntity).insert({
        code: 'kontum',
        nameVi: 'UBND tỉnh Kon Tum',
        nameEn: 'Kon Tum Province',
        createdAt: now,
        updatedAt: now,
      });
    });

    async function person({
      locale = 'vi',
      active = true,
      passwordHash = '$2b$11$abcdefghijklmnopqrstuuQ8m0x8TqRmf0oJ0pL0Y8cZ5l8d3uYyW',
      sessionsValidFrom = '2026-10-01T02:03:04.005Z',
    }: {
      locale?: 'vi' | 'en';
      active?: boolean;
      passwordHash?: string | null;
      sessionsValidFrom?: string | null;
    } = {}) {
      const id = `u-${uniqueSuffix()}`;
      const email = `${id}@kontum.gov.vn`;
      const now = new Date().toISOString();
      await suite.dataSource.getRepository(UserEntity).insert({
        id,
        organisationCode: 'kontum',
        unitCode: null,
        fullName: 'Y Đinh',
        title: null,
        email,
        passwordHash,
        oidcSubject: null,
        locale,
        active,
        sessionsValidFrom,
        createdAt: now,
        updatedAt: now,
        searchText: 'y đinh',
      });
      return { id, email, sessionsValidFrom };
    }
    /** The link in a mail, and its token. */
    const linkIn = (mail: ParsedMail) => {
      const url = new URL(/https:\/\/\S+\/reset-password\?token=\S+/.exec(mail.text ?? '')![0]);
      return { url, token: url.searchParams.get('token')! };
    };

    it('mails the person a link that sets their password once, for an hour, and keeps no link in the record', async () => {
      const staff = await person();
      const input = request(staff.email);
      const before = Date.now();

      await expect(send(input)).resolves.toBe('sent');

      const [mail] = suite.mailsTo(staff.email);
      expect(mail.subject).toBe('[qcycle] Đặt lại mật khẩu');
      expect(mail.text).toContain('Kính gửi ông/bà Y Đinh,');
      expect(mail.text).toContain(`cho tài khoản ${staff.email} trên qcycle`);
      expect(mail.text).toContain('Nếu không phải bạn yêu cầu, hãy bỏ qua thư này');
      const { url, token } = linkIn(mail);
      expect(url.origin + url.pathname).toBe(`${PUBLIC_URL}/reset-password`);
      expect(mail.html).toContain(`href="${url.href.replace(/&/g, '&amp;')}"`);
      const opened = openPasswordResetLink(token, new Date(), SECRET);
      expect(opened).toEqual({
        claims: {
          userId: staff.id,
          sessionsValidFrom: staff.sessionsValidFrom,
          expiresAt: expect.any(String),
          requestId: input.requestId,
        },
      });
      const expiresAt = Date.parse((opened as { claims: { expiresAt: string } }).claims.expiresAt);
      expect(expiresAt - before).toBeGreaterThanOrEqual(PASSWORD_RESET_RULES.linkMinutes * 60_000);
      expect(expiresAt - Date.now()).toBeLessThanOrEqual(PASSWORD_RESET_RULES.linkMinutes * 60_000);

      const row = await suite.dataSource
        .getRepository(PasswordResetMailEntity)
        .findOneByOrFail({ id: input.requestId });
      expect(row).toMatchObject({
        userId: staff.id,
        email: staff.email,
        delivery: 'sent',
        attempts: 1,
        usedAt: null,
      });
      expect(JSON.stringify(row)).not.toContain(token.split('.')[1]);

      // The same request again (the workflow's activity retried after the mail went out): no second mail.
      await expect(send(input)).resolves.toBe('sent');
      expect(suite.mailsTo(staff.email)).toHaveLength(1);
    });

    it('mails nobody for an address no active person has, and writes nothing', async () => {
      const left = await person({ active: false });
      for (const email of [`nobody-${uniqueSuffix()}@kontum.gov.vn`, left.email]) {
        const input = request(email);
        await expect(send(input)).resolves.toBe('noAccount');
        expect(suite.mailsTo(email)).toHaveLength(0);
        expect(
          await suite.dataSource.getRepository(PasswordResetMailEntity).findOneBy({ id: input.requestId }),
        ).toBeNull();
      }
    });

    it('writes in English for someone who reads English, and offers a first password to someone who has none', async () => {
      const english = await person({ locale: 'en' });
      const imported = await person({ passwordHash: null, sessionsValidFrom: null });
      await send(request(english.email));
      await send(request(imported.email));

      const [toEnglish] = suite.mailsTo(english.email);
      expect(toEnglish.subject).toBe('[qcycle] Reset your password');
      expect(toEnglish.text).toContain('Open the link below to set a new password. It works once, until');
      const [toImported] = suite.mailsTo(imported.email);
      expect(toImported.subject).toBe('[qcycle] Đặt mật khẩu cho tài khoản của bạn');
      expect(openPasswordResetLink(linkIn(toImported).token, new Date(), SECRET)).toMatchObject({
        claims: { userId: imported.id, sessionsValidFrom: null },
      });
    });

    it(`mails at most ${PASSWORD_RESET_RULES.mailsPerHour} links a person an hour; more requests are kept, withheld`, async () => {
      const pestered = await person();
      const outcomes = [];
      for (let n = 0; n < PASSWORD_RESET_RULES.mailsPerHour + 2; n++)
        outcomes.push(await send(request(pestered.email)));
      expect(outcomes).toEqual([
        ...Array<string>(PASSWORD_RESET_RULES.mailsPerHour).fill('sent'),
        'withheld',
        'withheld',
      ]);
      expect(suite.mailsTo(pestered.email)).toHaveLength(PASSWORD_RESET_RULES.mailsPerHour);
      expect(
        await suite.dataSource
          .getRepository(PasswordResetMailEntity)
          .countBy({ userId: pestered.id, delivery: 'withheld' }),
      ).toBe(2);
    });

    it('counts requests made at the same instant one after another: of five at once, the limit is mailed', async () => {
      const hurried = await person();
      const outcomes = await Promise.all(
        Array.from({ length: PASSWORD_RESET_RULES.mailsPerHour + 2 }, () => send(request(hurried.email))),
      );
      expect(outcomes.filter((outcome) => outcome === 'sent')).toHaveLength(
        PASSWORD_RESET_RULES.mailsPerHour,
      );
      expect(outcomes.filter((outcome) => outcome === 'withheld')).toHaveLength(2);
      expect(suite.mailsTo(hurried.email)).toHaveLength(PASSWORD_RESET_RULES.mailsPerHour);
    });

    it('keeps the mail pending through an SMTP outage, then sends the same link once the relay is back', async () => {
      const staff = await person();
      const input = request(staff.email);

      const down = await send(input, service(`smtp://127.0.0.1:${await closedPort()}`)).then(
        () => null,
        (error: unknown) => error,
      );
      expect(down).toBeInstanceOf(ApplicationFailure);
      expect(down).toMatchObject({ type: PASSWORD_RESET_DELIVERY_FAILED, nonRetryable: false });
      const pending = await suite.dataSource
        .getRepository(PasswordResetMailEntity)
        .findOneByOrFail({ id: input.requestId });
      expect(pending).toMatchObject({ delivery: 'pending', attempts: 1 });
      expect(pending.lastError).toBeTruthy();

      await expect(send(input)).resolves.toBe('sent');
      const [mail] = suite.mailsTo(staff.email);
      expect(openPasswordResetLink(linkIn(mail).token, new Date(), SECRET)).toEqual({
        claims: {
          userId: staff.id,
          sessionsValidFrom: staff.sessionsValidFrom,
          expiresAt: pending.expiresAt,
          requestId: input.requestId,
        },
      });
      expect(
        await suite.dataSource
          .getRepository(PasswordResetMailEntity)
          .findOneByOrFail({ id: input.requestId }),
      ).toMatchObject({
        delivery: 'sent',
        attempts: 2,
      });
    });

    it('does not count links the relay refused against the hourly limit: an outage locks nobody out', async () => {
      const staff = await person();
      const down = service(`smtp://127.0.0.1:${await closedPort()}`);
      for (let n = 0; n < PASSWORD_RESET_RULES.mailsPerHour; n++)
        await expect(send(request(staff.email), down)).rejects.toBeInstanceOf(ApplicationFailure);
      const outcomes = [];
      for (let n = 0; n < PASSWORD_RESET_RULES.mailsPerHour; n++)
        outcomes.push(await send(request(staff.email)));
      expect(outcomes).toEqual(Array<string>(PASSWORD_RESET_RULES.mailsPerHour).fill('sent'));
      expect(suite.mailsTo(staff.email)).toHaveLength(PASSWORD_RESET_RULES.mailsPerHour);
      await expect(send(request(staff.email))).resolves.toBe('withheld');
    });

    it('tells the owner that their password was set, in their language, how and when; nobody once they left', async () => {
      const english = await person({ locale: 'en' });
      const notice = (userId: string, by: 'emailLink' | 'ownAccount' | 'administrator', on = service()) =>
        new MockActivityEnvironment().run(on.sendPasswordChangedNotice.bind(on), {
          requestId: randomUUID(),
          userId,
          by,
          changedAt: '2026-12-07T02:15:00.000Z',
        });
      await expect(notice(english.id, 'administrator')).resolves.toBe('sent');
      const [mail] = suite.mailsTo(english.email);
      expect(mail.subject).toBe('[qcycle] Your password was changed');
      expect(mail.text).toContain(
        `At 7 Dec 2026, 09:15, the password of the account ${english.email} on qcycle was set by your administrator.`,
      );
      expect(mail.text).toContain(`${PUBLIC_URL}/sign-in`);
      expect(mail.messageId).toMatch(/^<qcycle\.changed\.[0-9a-f]{32}@kontum\.gov\.vn>$/);

      const left = await person({ active: false });
      await expect(notice(left.id, 'ownAccount')).resolves.toBe('noAccount');
      await expect(notice(english.id, 'ownAccount', service(null))).resolves.toBe('recorded');
      expect(suite.mailsTo(left.email)).toHaveLength(0);
      expect(suite.mailsTo(english.email)).toHaveLength(1);
    });

    it('keeps the request unmailed where no SMTP server is configured', async () => {
      const staff = await person();
      const input = request(staff.email);
      await expect(send(input, service(null))).resolves.toBe('recorded');
      expect(suite.mailsTo(staff.email)).toHaveLength(0);
      expect(
        await suite.dataSource
          .getRepository(PasswordResetMailEntity)
          .findOneByOrFail({ id: input.requestId }),
      ).toMatchObject({
        delivery: 'recorded',
        attempts: 0,
      });
    });
  },
);
