import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import type { QcycleConfig } from '@qcycle/config';
import { NotificationEntity, TaskEntity } from '@qcycle/persistence';
import { TaskLinkSigner, verifyTaskLink } from '@qcycle/task-links';
import {
  uniqueSuffix,
  type TestDatabaseKind,
  closedPort,
  taskNotificationRequest,
  calendarOf,
} from '@qcycle/testing';
import { useMailSuite } from '../../../test/support/mail-suite';
import { SMTP_DELIVERY_FAILED, TaskNotificationActivities } from './task-notification.activities';

const SECRET = 'notification-test-secret-0123456789abcdef';

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])(
  'TaskNotificationActivities on %s, over real SMTP',
  (kind) => {
    const suite = useMailSuite(kind, {
      PUBLIC_URL: 'https://qcycle.kontum.gov.vn',
      MAIL_FROM: 'Văn phòng UBND tỉnh <iso@kontum.gov.vn>',
      TASK_LINK_SECRET: SECRET,
    });

    /** A worker's activity service, mailing through the suite's SMTP server, `env` over its settings. */
    function activities(env: Record<string, string> = {}): {
      service: TaskNotificationActivities;
      config: QcycleConfig;
    } {
      const config = suite.config(env);
      const service = suite.closedAtEnd(
        new TaskNotificationActivities(suite.dataSource, config, new TaskLinkSigner(config)),
      );
      return { service, config };
    }
    const stored = (id: string) => suite.dataSource.getRepository(NotificationEntity).findOneByOrFail({ id });

    it('mails a Vietnamese notice with the due date in Vietnam time and a link that opens that task for that user', async () => {
      const { service } = activities();
      const input = taskNotificationRequest();
      const before = suite.smtp.messages.length;
      const result = await new MockActivityEnvironment().run(
        service.sendTaskNotification.bind(service),
        input,
      );
      expect(result).toEqual({ notificationId: input.notificationId, delivery: 'sent' });

      expect(suite.smtp.messages).toHaveLength(before + 1);
      const mail = suite.smtp.messages[before];
      expect(mail.subject).toBe('[qcycle] Việc mới: Báo cáo số liệu chỉ tiêu 4 tháng 3/2024');
      expect(mail.from?.value[0]).toEqual({ name: 'Văn phòng UBND tỉnh', address: 'iso@kontum.gov.vn' });
      expect((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]).toEqual({
        name: 'Nguyễn Văn An',
        address: 'an@kontum.gov.vn',
      });
      expect(mail.text).toContain('Kính gửi ông/bà Nguyễn Văn An,');
      expect(mail.text).toContain('Hạn hoàn thành: 00:30 06/04/2024 (giờ Việt Nam)');
      expect(mail.html).toContain('00:30 06/04/2024');

      const match = /https:\/\/qcycle\.kontum\.gov\.vn\/tasks\/([^?\s]+)\?token=(\S+)/.exec(mail.text ?? '');
      expect(match).not.toBeNull();
      const [, encodedTaskId, encodedToken] = match as RegExpExecArray;
      expect(decodeURIComponent(encodedTaskId)).toBe(input.taskId);
      const claims = verifyTaskLink(decodeURIComponent(encodedToken), new Date(), SECRET);
      expect(claims).toMatchObject({ taskId: input.taskId, userId: 'u-staff-1' });
      const ttlMs = Date.parse(claims.expiresAt) - Date.now();
      expect(ttlMs).toBeGreaterThan(167 * 3_600_000);
      expect(ttlMs).toBeLessThanOrEqual(168 * 3_600_000);
      expect(mail.html).toContain(
        `href="https://qcycle.kontum.gov.vn/tasks/${encodedTaskId}?token=${encodedToken}"`,
      );

      const row = await stored(input.notificationId);
      expect(row).toMatchObject({
        delivery: 'sent',
        email: 'an@kontum.gov.vn',
        taskId: input.taskId,
        cycleId: 'kontum-2024',
        recipientUserId: 'u-staff-1',
        reason: 'assigned',
        locale: 'vi',
      });
      expect(row.subject).toBe(mail.subject);
      expect(row.body).toBe(mail.text);
      expect(row.sentAt).not.toBeNull();

      // The deadline comes with it as a calendar entry, as kept with the mail.
      expect(calendarOf(mail)?.content).toBe(row.calendar);
      expect(row.calendar).toContain('METHOD:PUBLISH\r\n');
      expect(row.calendar).toContain(`UID:${input.taskId}@qcycle\r\n`);
      expect(row.calendar).toContain('DTSTART:20240405T173000Z\r\n');
    });

    it("takes the deadline out of the assignee's calendar when the task is cancelled, and repeats none with a reminder", async () => {
      const { service } = activities();
      const assigned = taskNotificationRequest();
      const cancelled = {
        ...assigned,
        notificationId: `${assigned.taskId}/cancelled`,
        reason: 'cancelled' as const,
      };
      const reminder = {
        ...assigned,
        notificationId: `${assigned.taskId}/reminder/1`,
        reason: 'reminder' as const,
      };
      for (const input of [assigned, reminder, cancelled]) {
        expect((await service.sendTaskNotification(input)).delivery).toBe('sent');
      }
      const [given, reminded, taken] = suite.smtp.messages.slice(-3);
      expect(calendarOf(given)?.content).toContain(`UID:${assigned.taskId}@qcycle\r\n`);
      expect(calendarOf(reminded)).toBeUndefined();
      expect((await stored(reminder.notificationId)).calendar).toBeNull();
      const cancel = calendarOf(taken);
      // The part says its method too: a mail client reads that first.
      expect(cancel?.method).toBe('CANCEL');
      expect(cancel?.content).toContain('METHOD:CANCEL\r\n');
      expect(cancel?.content).toContain(`UID:${assigned.taskId}@qcycle\r\n`);
      expect(cancel?.content).toContain('STATUS:CANCELLED\r\n');
    });

    it('sends nothing more for a notification id it has already sent, even from another worker', async () => {
      const input = taskNotificationRequest();
      expect((await activities().service.sendTaskNotification(input)).delivery).toBe('sent');
      const after = suite.smtp.messages.length;
      expect(await activities().service.sendTaskNotification(input)).toEqual({
        notificationId: input.notificationId,
        delivery: 'duplicate',
      });
      expect(await activities().service.sendTaskNotification({ ...input, reason: 'reminder' })).toEqual({
        notificationId: input.notificationId,
        delivery: 'duplicate',
      });
      expect(suite.smtp.messages).toHaveLength(after);
    });

    it('keeps a notification of a task whose id is as long as a task id may be (200)', async () => {
      const taskId = `quality-cycle/kontum/2024/${'x'.repeat(200 - 26 - 13)}/${uniqueSuffix()}`;
      expect(taskId).toHaveLength(200);
      const input = taskNotificationRequest({
        taskId,
        notificationId: `${taskId}/escalated/quality-representative`,
      });
      expect((await activities().service.sendTaskNotification(input)).delivery).toBe('sent');
      expect(await stored(input.notificationId)).toMatchObject({ taskId, delivery: 'sent' });
    });

    it('writes English to a recipient who chose it', async () => {
      const input = taskNotificationRequest({
        recipient: { userId: 'u-en', name: 'Le Van C', email: 'c@kontum.gov.vn', locale: 'en' },
      });
      await activities().service.sendTaskNotification(input);
      const mail = suite.smtp.messages[suite.smtp.messages.length - 1];
      expect(mail.subject).toBe('[qcycle] New task: Report indicator 4 for March 2024');
      expect(mail.text).toContain('Due: 6 Apr 2024, 00:30 (Vietnam time, UTC+07:00)');
    });

    it('tells the assignee of a task its record says was given after its due date, and of a report, the paper', async () => {
      // A year adopted in June: March's report opens on 3 June, two months after it was due.
      const record = (input: ReturnType<typeof taskNotificationRequest>, kind: string, openedAt: string) =>
        suite.dataSource.getRepository(TaskEntity).insert({
          id: input.taskId,
          cycleId: input.cycleId,
          workflowId: 'quality-cycle/kontum/2024/monitoring/obj-4',
          kind,
          title: input.taskTitle,
          assigneeUserId: input.recipient.userId,
          delegateUserIds: [],
          unitCode: null,
          objectiveId: 'obj-4',
          periodKey: '2024-03',
          form: null,
          status: 'open',
          openedAt,
          dueAt: input.dueAt ?? null,
          closedAt: null,
          completedBy: null,
          outcome: null,
        });
      const report = taskNotificationRequest();
      await record(report, 'measurement-report', '2024-06-03T01:00:00.000Z');
      await activities().service.sendTaskNotification(report);
      const mail = suite.smtp.messages[suite.smtp.messages.length - 1];
      expect(mail.text).toContain(
        'Hạn hoàn thành: 00:30 06/04/2024 (giờ Việt Nam)\nHạn này đã qua khi việc được giao (việc giao sau hạn',
      );
      expect(mail.text).toContain(
        'Nếu số liệu kỳ này đã được báo cáo bằng văn bản giấy, khi nhập số liệu ông/bà ghi kèm ngày và số, ký hiệu của văn bản',
      );
      expect((await stored(report.notificationId)).body).toBe(mail.text);

      // Another kind given late: the date had passed, and nothing of paper.
      const step = taskNotificationRequest({
        recipient: { userId: 'u-en', name: 'Le Van C', email: 'c@kontum.gov.vn', locale: 'en' },
      });
      await record(step, 'at-risk-follow-up', '2024-06-03T01:00:00.000Z');
      await activities().service.sendTaskNotification(step);
      const english = suite.smtp.messages[suite.smtp.messages.length - 1];
      expect(english.text).toContain(
        'This due date had already passed when the task was assigned (qcycle adopted mid-year, or the objectives approved late)',
      );
      expect(english.text).not.toContain('reported on paper');
    });

    it("mails next year's draft with the closed cycle's page at PUBLIC_URL, and no task link", async () => {
      const { service } = activities();
      const input = taskNotificationRequest({
        reason: 'next-year-draft',
        recipient: { userId: 'u-qr', name: 'Trần Quốc Việt', email: 'viet@kontum.gov.vn' },
        taskTitle: {
          vi: 'Chu trình chất lượng năm 2024 đã kết thúc; dự thảo năm 2025 đã sẵn sàng',
          en: 'The 2024 quality cycle has closed; the 2025 draft is ready',
        },
        dueAt: undefined,
      });
      expect((await service.sendTaskNotification(input)).delivery).toBe('sent');
      const mail = suite.smtp.messages[suite.smtp.messages.length - 1];
      expect(mail.subject).toBe(
        '[qcycle] Chu trình chất lượng năm 2024 đã kết thúc; dự thảo năm 2025 đã sẵn sàng',
      );
      expect(mail.text).toContain('Mở trang chu trình:\nhttps://qcycle.kontum.gov.vn/cycles/kontum-2024\n');
      expect(mail.text).not.toContain('token=');
      expect(mail.html).toContain('href="https://qcycle.kontum.gov.vn/cycles/kontum-2024"');
    });

    it('records, without mailing, when SMTP_URL is not set', async () => {
      // An installation left on the defaults: no SMTP, PUBLIC_URL this machine.
      const config = suite.config({ PUBLIC_URL: 'http://localhost:3000' }, null);
      const service = suite.closedAtEnd(
        new TaskNotificationActivities(suite.dataSource, config, new TaskLinkSigner(config)),
      );
      const input = taskNotificationRequest();
      const before = suite.smtp.messages.length;
      expect(await service.sendTaskNotification(input)).toEqual({
        notificationId: input.notificationId,
        delivery: 'recorded',
      });
      expect(suite.smtp.messages).toHaveLength(before);
      const row = await stored(input.notificationId);
      expect(row).toMatchObject({ delivery: 'recorded', email: 'an@kontum.gov.vn', sentAt: null });
      expect(row.body).toContain('http://localhost:3000/tasks/');
      expect(await service.sendTaskNotification(input)).toEqual({
        notificationId: input.notificationId,
        delivery: 'duplicate',
      });
    });

    it('records, without mailing, a notice to someone without an e-mail address', async () => {
      const input = taskNotificationRequest({ recipient: { userId: 'u-inbox-only', name: 'Phạm Văn D' } });
      const before = suite.smtp.messages.length;
      expect(await activities().service.sendTaskNotification(input)).toEqual({
        notificationId: input.notificationId,
        delivery: 'recorded',
      });
      expect(suite.smtp.messages).toHaveLength(before);
      expect(await stored(input.notificationId)).toMatchObject({
        delivery: 'recorded',
        email: null,
        recipientUserId: 'u-inbox-only',
      });
    });

    it('fails retryably while the SMTP server is down, records nothing as sent, and sends the same notice once it is back', async () => {
      const down = activities({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` }).service;
      const input = taskNotificationRequest();
      const failure = await down.sendTaskNotification(input).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: SMTP_DELIVERY_FAILED, nonRetryable: false });
      const pending = await stored(input.notificationId);
      expect(pending).toMatchObject({ delivery: 'pending', sentAt: null });

      // Temporal's retry, on a worker that reaches the relay: the stored text, link included, goes out once.
      const before = suite.smtp.messages.length;
      expect((await activities().service.sendTaskNotification(input)).delivery).toBe('sent');
      expect(suite.smtp.messages).toHaveLength(before + 1);
      expect(suite.smtp.messages[before].text).toBe(pending.body);
      expect(calendarOf(suite.smtp.messages[before])?.content).toBe(pending.calendar);
      expect((await stored(input.notificationId)).delivery).toBe('sent');
    });
  },
);
