import { Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { loadConfig } from '@qcycle/config';
import type { TaskNotificationRequest } from '@qcycle/contracts';
import { migrateUp, NotificationEntity, openDataSource } from '@qcycle/persistence';
import { TaskLinkSigner } from '@qcycle/task-links';
import {
  createTestDatabase,
  startTestSmtpServer,
  type TestDatabase,
  type TestDatabaseKind,
  type TestSmtpServer,
  closedPort,
  startHungSmtpRelay,
  taskNotificationRequest,
} from '@qcycle/testing';
import type { ResendPendingNotificationsInput, ResendPendingNotificationsResult } from '@qcycle/contracts';
import {
  NOTIFICATION_BEING_SENT,
  SMTP_DELIVERY_FAILED,
  TaskNotificationActivities,
} from './task-notification.activities';

const SECRET = 'notification-test-secret-0123456789abcdef';
/** The production threshold (NOTIFICATION_SWEEP_DEFAULTS): rows younger than this are left to the activity. */
const SWEEP: ResendPendingNotificationsInput = { olderThanMinutes: 15, limit: 50 };

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

const notificationIdOf = (mail: ParsedMail) => mail.headers.get('x-qcycle-notification-id');

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])(
  'the notification sweep on %s, over real SMTP',
  (kind) => {
    let database: TestDatabase;
    /** Two workers, each with its own connection pool, as in production. */
    let dataSource: DataSource;
    let otherWorkerDataSource: DataSource;
    let smtp: TestSmtpServer;
    const started: TaskNotificationActivities[] = [];

    /** A worker's notification activities: on worker A's or B's database connection, with this SMTP_URL (none: unset). */
    function worker(smtpUrl: string | undefined, on: 'A' | 'B' = 'A'): TaskNotificationActivities {
      const config = {
        ...loadConfig({
          ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}),
          PUBLIC_URL: 'https://qcycle.kontum.gov.vn',
          MAIL_FROM: 'Văn phòng UBND tỉnh <iso@kontum.gov.vn>',
          TASK_LINK_SECRET: SECRET,
        }),
        database: database.config,
      };
      const service = new TaskNotificationActivities(
        on === 'A' ? dataSource : otherWorkerDataSource,
        config,
        new TaskLinkSigner(config),
      );
      started.push(service);
      return service;
    }
    /** Runs the sweep as Temporal would: inside an activity context (it heartbeats). */
    const sweep = (service: TaskNotificationActivities, input = SWEEP) =>
      new MockActivityEnvironment().run<
        [ResendPendingNotificationsInput],
        ResendPendingNotificationsResult,
        TaskNotificationActivities['resendPendingNotifications']
      >(service.resendPendingNotifications.bind(service), input);
    const notifications = () => dataSource.getRepository(NotificationEntity);
    const stored = (id: string) => notifications().findOneByOrFail({ id });
    /** The row was written `minutes` ago: old enough for the sweep. */
    const age = (id: string, minutes: number) =>
      notifications().update({ id }, { createdAt: new Date(Date.now() - minutes * 60_000).toISOString() });
    const mailsOf = (id: string) => smtp.messages.filter((mail) => notificationIdOf(mail) === id);

    /** The workflow's five attempts of sendTaskNotification, all during the outage. */
    async function failedFiveTimes(down: TaskNotificationActivities, input: TaskNotificationRequest) {
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect(await failureOf(down.sendTaskNotification(input))).toMatchObject({
          type: SMTP_DELIVERY_FAILED,
          nonRetryable: false,
        });
      }
    }

    beforeAll(async () => {
      Logger.overrideLogger(['error']);
      smtp = await startTestSmtpServer();
    });

    beforeEach(async () => {
      // A database per test: each sweep sees only the rows its test wrote.
      database = await createTestDatabase(kind);
      dataSource = await openDataSource(database.config);
      await migrateUp(dataSource);
      otherWorkerDataSource = await openDataSource(database.config);
    });

    afterEach(async () => {
      await otherWorkerDataSource?.destroy();
      await dataSource?.destroy();
      await database?.drop();
    });

    afterAll(async () => {
      for (const service of started) service.onModuleDestroy();
      await smtp?.close();
    });

    it('keeps a notice pending through a long outage, and the sweep sends it exactly once when the relay is back', async () => {
      const down = worker(`smtp://127.0.0.1:${await closedPort()}`);
      const input = taskNotificationRequest();
      await failedFiveTimes(down, input);
      const pending = await stored(input.notificationId);
      expect(pending).toMatchObject({ delivery: 'pending', sentAt: null, attempts: 5, claimedUntil: null });
      expect(pending.lastError).toMatch(/ECONNREFUSED/);

      // Still young: left to the activity's own retries.
      expect(await sweep(worker(smtp.url))).toMatchObject({ found: 0, sent: 0 });

      // A sweep during the outage tries, fails, stops, and leaves it pending.
      await age(input.notificationId, 20);
      expect(await sweep(down)).toEqual({ found: 1, sent: 0, failed: 1, skipped: 0, relayDown: true });
      expect(await stored(input.notificationId)).toMatchObject({
        delivery: 'pending',
        attempts: 6,
        claimedUntil: null,
      });
      expect(mailsOf(input.notificationId)).toHaveLength(0);

      // The relay is back: two workers sweep at the same moment; the notice goes out once.
      const [a, b] = await Promise.all([sweep(worker(smtp.url, 'A')), sweep(worker(smtp.url, 'B'))]);
      expect(a.sent + b.sent).toBe(1);
      expect(a.failed + b.failed).toBe(0);
      const mails = mailsOf(input.notificationId);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail.subject).toBe(pending.subject);
      expect(mail.text).toBe(pending.body);
      expect((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]).toEqual({
        name: 'Nguyễn Văn An',
        address: 'an@kontum.gov.vn',
      });
      const sent = await stored(input.notificationId);
      expect(sent).toMatchObject({ delivery: 'sent', attempts: 7, claimedUntil: null });
      expect(sent.sentAt).not.toBeNull();
      expect(sent.lastError).toMatch(/ECONNREFUSED/); // kept for the operator: why it was late

      // Nothing more: a later sweep finds nothing, a late retry of the activity is a duplicate.
      expect(await sweep(worker(smtp.url))).toEqual({
        found: 0,
        sent: 0,
        failed: 0,
        skipped: 0,
        relayDown: false,
      });
      expect(await worker(smtp.url).sendTaskNotification(input)).toEqual({
        notificationId: input.notificationId,
        delivery: 'duplicate',
      });
      expect(mailsOf(input.notificationId)).toHaveLength(1);
    });

    it('drains a backlog with three concurrent sweeps: every notice once, oldest first within the limit', async () => {
      const down = worker(`smtp://127.0.0.1:${await closedPort()}`);
      const inputs = [
        taskNotificationRequest(),
        taskNotificationRequest(),
        taskNotificationRequest(),
        taskNotificationRequest(),
        taskNotificationRequest(),
      ];
      for (const [index, input] of inputs.entries()) {
        await failedFiveTimes(down, input);
        await age(input.notificationId, 60 - index); // inputs[0] is the oldest
      }

      // A sweep with a limit takes the oldest first.
      expect(await sweep(worker(smtp.url), { ...SWEEP, limit: 2 })).toMatchObject({ found: 2, sent: 2 });
      expect(inputs.map((input) => mailsOf(input.notificationId).length)).toEqual([1, 1, 0, 0, 0]);

      const results = await Promise.all([
        sweep(worker(smtp.url, 'A')),
        sweep(worker(smtp.url, 'B')),
        sweep(worker(smtp.url, 'A')),
      ]);
      expect(results.reduce((total, result) => total + result.sent, 0)).toBe(3);
      expect(inputs.map((input) => mailsOf(input.notificationId).length)).toEqual([1, 1, 1, 1, 1]);
      expect((await notifications().find()).map((row) => row.delivery)).toEqual(Array(5).fill('sent'));
      expect(await sweep(worker(smtp.url))).toMatchObject({ found: 0, sent: 0 });
    });

    it('does not send a row the sweep is handing over: the activity backs off retryably, and the sweep sends it once after its own failure', async () => {
      const down = worker(`smtp://127.0.0.1:${await closedPort()}`);
      const input = taskNotificationRequest();
      await failedFiveTimes(down, input);
      await age(input.notificationId, 20);

      // A sweep claims the row and is stuck on a relay that never answers.
      const hung = await startHungSmtpRelay();
      const stuckSweep = sweep(worker(hung.url));
      await hung.connected;
      const claimed = await stored(input.notificationId);
      expect(new Date(claimed.claimedUntil as string).getTime()).toBeGreaterThan(Date.now());

      // Meanwhile, on a worker that reaches the relay: a late attempt of the activity and another sweep.
      const busy = await failureOf(worker(smtp.url, 'B').sendTaskNotification(input));
      expect(busy).toBeInstanceOf(ApplicationFailure);
      expect(busy).toMatchObject({ type: NOTIFICATION_BEING_SENT, nonRetryable: false });
      expect(await sweep(worker(smtp.url, 'B'))).toMatchObject({ found: 0, sent: 0 });
      expect(mailsOf(input.notificationId)).toHaveLength(0);

      // The stuck sweep's connection breaks: it releases the row.
      await hung.cut();
      expect(await stuckSweep).toEqual({ found: 1, sent: 0, failed: 1, skipped: 0, relayDown: true });
      expect(await stored(input.notificationId)).toMatchObject({ delivery: 'pending', claimedUntil: null });

      // The activity's retry now sends it; the next sweep has nothing to do.
      expect(await worker(smtp.url, 'B').sendTaskNotification(input)).toEqual({
        notificationId: input.notificationId,
        delivery: 'sent',
      });
      expect(await sweep(worker(smtp.url))).toMatchObject({ found: 0, sent: 0 });
      expect(mailsOf(input.notificationId)).toHaveLength(1);
    });

    it('does not send a row the activity is handing over', async () => {
      const input = taskNotificationRequest();
      const hung = await startHungSmtpRelay();
      const stuckAttempt = failureOf(worker(hung.url).sendTaskNotification(input));
      await hung.connected;
      await age(input.notificationId, 20);

      expect(await sweep(worker(smtp.url, 'B'))).toMatchObject({ found: 0, sent: 0 });
      expect(mailsOf(input.notificationId)).toHaveLength(0);

      await hung.cut();
      expect(await stuckAttempt).toMatchObject({ type: SMTP_DELIVERY_FAILED });
      expect(await sweep(worker(smtp.url, 'B'))).toMatchObject({ found: 1, sent: 1 });
      expect(mailsOf(input.notificationId)).toHaveLength(1);
    });

    it('takes over the row of a sender that died mid-hand-over once its claim lapses, with the same Message-ID', async () => {
      const input = taskNotificationRequest();
      expect((await worker(smtp.url).sendTaskNotification(input)).delivery).toBe('sent');
      const [first] = mailsOf(input.notificationId);
      // The documented window: the relay accepted the mail, the worker died before writing `sent`;
      // its claim (five minutes) has since lapsed.
      await notifications().update(
        { id: input.notificationId },
        { delivery: 'pending', sentAt: null, claimedUntil: new Date(Date.now() - 1_000).toISOString() },
      );
      await age(input.notificationId, 20);

      expect(await sweep(worker(smtp.url))).toMatchObject({ found: 1, sent: 1 });
      const copies = mailsOf(input.notificationId);
      expect(copies).toHaveLength(2);
      expect(copies[1].messageId).toBe(first.messageId);
      expect(copies[1].text).toBe(first.text);
      expect(await stored(input.notificationId)).toMatchObject({ delivery: 'sent', attempts: 2 });
    });

    it('sends nothing from a worker without SMTP_URL and leaves the rows for one that has it', async () => {
      const input = taskNotificationRequest();
      await failedFiveTimes(worker(`smtp://127.0.0.1:${await closedPort()}`), input);
      await age(input.notificationId, 20);
      expect(await sweep(worker(undefined))).toEqual({
        found: 0,
        sent: 0,
        failed: 0,
        skipped: 0,
        relayDown: false,
      });
      expect(await stored(input.notificationId)).toMatchObject({ delivery: 'pending', attempts: 5 });
    });
  },
);
