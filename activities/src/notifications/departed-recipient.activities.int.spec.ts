import { Logger } from '@nestjs/common';
import type { PersonRef, TaskNotificationRequest } from '@qcycle/contracts';
import {
  EventLogEntryEntity,
  NotificationEntity,
  OrganisationEntity,
  RoleAssignmentEntity,
  TaskEntity,
  UserEntity,
  WHOLE_ORGANISATION_SCOPE,
  type UserRole,
} from '@qcycle/persistence';
import { TaskLinkSigner, verifyTaskLink } from '@qcycle/task-links';
import {
  calendarOf,
  closedPort,
  taskNotificationRequest,
  uniqueSuffix,
  type TestDatabaseKind,
} from '@qcycle/testing';
import { useMailSuite } from '../../../test/support/mail-suite';
import { TaskNotificationActivities } from './task-notification.activities';

const SECRET = 'notification-test-secret-0123456789abcdef';
const UNIT = 'phong-tuphap';

/**
 * docs/workflows.md "Someone leaves during the year": a notice the year's roster still addresses to
 * someone deactivated in the directory goes to whoever can act on it now, over real SMTP.
 */
describe.each<TestDatabaseKind>(['sqlite', 'postgres'])(
  'A notice meant for someone who left, on %s',
  (kind) => {
    const suite = useMailSuite(kind, {
      PUBLIC_URL: 'https://qcycle.kontum.gov.vn',
      TASK_LINK_SECRET: SECRET,
    });
    let service: TaskNotificationActivities;

    beforeAll(() => {
      const config = suite.config();
      service = suite.closedAtEnd(
        new TaskNotificationActivities(suite.dataSource, config, new TaskLinkSigner(config)),
      );
    });

    afterEach(() => jest.restoreAllMocks());

    /** An organisation of its own per test, so that its directory holds only that test's people. */
    async function organisation() {
      const code = `org-${uniqueSuffix()}`;
      const now = new Date().toISOString();
      await suite.dataSource
        .getRepository(OrganisationEntity)
        .insert({ code, nameVi: 'UBND tỉnh', nameEn: 'Province', createdAt: now, updatedAt: now });
      const cycleId = `${code}-2024`;

      async function person(
        name: string,
        {
          active = true,
          roles = [],
          locale = 'vi',
        }: { active?: boolean; roles?: UserRole[]; locale?: 'vi' | 'en' } = {},
      ): Promise<PersonRef> {
        const id = `u-${uniqueSuffix()}`;
        const email = `${id}@kontum.gov.vn`;
        await suite.dataSource.getRepository(UserEntity).insert({
          id,
          organisationCode: code,
          unitCode: UNIT,
          fullName: name,
          title: null,
          email,
          passwordHash: null,
          oidcSubject: null,
          locale,
          active,
          sessionsValidFrom: null,
          createdAt: now,
          updatedAt: now,
          searchText: name.toLowerCase(),
        });
        for (const role of roles) {
          await suite.dataSource.getRepository(RoleAssignmentEntity).insert({
            id: `ra-${uniqueSuffix()}`,
            userId: id,
            organisationCode: code,
            role,
            scope: role === 'unit-head' ? UNIT : WHOLE_ORGANISATION_SCOPE,
            createdAt: now,
          });
        }
        return { userId: id, name, email, unitCode: UNIT, locale };
      }

      /** The task's record, as the workflow writes it before anyone is told of it. */
      async function task(
        assignee: PersonRef,
        unitCode: string | null = UNIT,
        kind = 'measurement-report',
      ): Promise<string> {
        const taskId = `quality-cycle/${code}/2024/monitoring/obj-4/measure/2024-03`;
        await suite.dataSource.getRepository(TaskEntity).insert({
          id: taskId,
          cycleId,
          workflowId: `quality-cycle/${code}/2024/monitoring/obj-4`,
          kind,
          title: { vi: 'Báo cáo số liệu mục tiêu 4 kỳ 2024-03', en: 'Report objective 4 for 2024-03' },
          assigneeUserId: assignee.userId,
          delegateUserIds: [],
          unitCode,
          objectiveId: 'obj-4',
          periodKey: '2024-03',
          form: null,
          status: 'open',
          openedAt: '2024-04-01T01:00:00.000Z',
          dueAt: '2024-04-05T10:00:00.000Z',
          closedAt: null,
          completedBy: null,
          outcome: null,
        });
        return taskId;
      }

      /** The escalation as the workflow records it before it notifies (`task.escalated`, with its level). */
      async function escalation(taskId: string, level: string, recipient: PersonRef): Promise<void> {
        await suite.dataSource.getRepository(EventLogEntryEntity).insert({
          id: `${taskId}/escalated/${level}`,
          cycleId,
          type: 'task.escalated',
          actor: 'system',
          occurredAt: '2024-04-08T01:00:00.000Z',
          requestId: null,
          payload: { taskId, recipientUserId: recipient.userId, level },
        });
      }

      /** The n-th hand-over of the task, as the workflow records it before it notifies (`task.reassigned`). */
      async function handOver(
        taskId: string,
        n: number,
        { from, to, by, reason }: { from: PersonRef; to: PersonRef; by: PersonRef; reason: string },
      ): Promise<void> {
        await suite.dataSource.getRepository(EventLogEntryEntity).insert({
          id: `${taskId}/reassigned/${n}`,
          cycleId,
          type: 'task.reassigned',
          actor: by.userId,
          occurredAt: `2024-04-0${n + 1}T01:00:00.000Z`,
          requestId: null,
          payload: { taskId, from: from.userId, to: to.userId, reason },
        });
      }

      const request = (
        taskId: string,
        reason: TaskNotificationRequest['reason'],
        recipient: PersonRef,
        extra: Partial<TaskNotificationRequest> = {},
      ): TaskNotificationRequest =>
        taskNotificationRequest({
          notificationId: `${taskId}/${reason === 'escalated' ? 'escalated/unit-head' : reason}`,
          taskId,
          cycleId,
          reason,
          recipient,
          taskTitle: { vi: 'Báo cáo số liệu mục tiêu 4 kỳ 2024-03', en: 'Report objective 4 for 2024-03' },
          dueAt: '2024-04-05T10:00:00.000Z',
          ...extra,
        });

      return { code, cycleId, person, task, escalation, handOver, request };
    }

    const rowsOf = (taskId: string) =>
      suite.dataSource.getRepository(NotificationEntity).find({ where: { taskId }, order: { id: 'ASC' } });

    it("sends an escalation meant for a unit head who left to the unit's current head, saying so, once", async () => {
      const org = await organisation();
      const staff = await org.person('Nguyễn Văn An');
      const formerHead = await org.person('Lê Thị Bình', { active: false, roles: ['unit-head'] });
      const newHead = await org.person('Phạm Quang Cường', { roles: ['unit-head'] });
      await org.person('Trần Quốc Việt', { roles: ['quality-representative'] });
      const taskId = await org.task(staff);
      await org.escalation(taskId, 'unit-head', formerHead);
      const input = org.request(taskId, 'escalated', formerHead, { assignee: staff });

      expect(await service.sendTaskNotification(input)).toEqual({
        notificationId: input.notificationId,
        delivery: 'sent',
      });
      expect(suite.mailsTo(formerHead.email)).toHaveLength(0);
      const [mail, ...more] = suite.mailsTo(newHead.email);
      expect(more).toHaveLength(0);
      expect(mail.subject).toBe('[qcycle] Việc quá hạn: Báo cáo số liệu mục tiêu 4 kỳ T3/2024');
      expect(mail.text).toContain('Kính gửi ông/bà Phạm Quang Cường,');
      expect(mail.text).toContain(
        'Việc "Báo cáo số liệu mục tiêu 4 kỳ T3/2024" giao cho Nguyễn Văn An đã quá hạn mà chưa hoàn thành; xin báo để ông/bà theo dõi, đôn đốc xử lý.\n' +
          'Thông báo này lẽ ra gửi Lê Thị Bình theo danh sách nhân sự đầu năm; Lê Thị Bình nay không còn trong danh bạ của cơ quan (đã nghỉ hoặc chuyển công tác), nên được gửi đến ông/bà với tư cách trưởng đơn vị.\n' +
          'Nếu cần, ông/bà có thể giao lại việc cho người khác trên trang của việc: đăng nhập qcycle, mở việc và chọn "Giao việc này cho người khác".\n' +
          'Quá hạn từ: 17:00 05/04/2024 (giờ Việt Nam)',
      );
      expect(mail.html).toContain('Thông báo này lẽ ra gửi Lê Thị Bình theo danh sách nhân sự đầu năm');
      // The link opens the task for the one who got the mail.
      const token = /\?token=(\S+)/.exec(mail.text ?? '')?.[1] as string;
      expect(verifyTaskLink(decodeURIComponent(token), new Date(), SECRET)).toMatchObject({
        taskId,
        userId: newHead.userId,
      });

      // The record names who got it.
      expect(await rowsOf(taskId)).toEqual([
        expect.objectContaining({
          id: input.notificationId,
          recipientUserId: newHead.userId,
          recipientName: 'Phạm Quang Cường',
          email: newHead.email,
          reason: 'escalated',
          delivery: 'sent',
          body: mail.text,
        }),
      ]);

      // The workflow's retry, on any worker: nothing more.
      const before = suite.smtp.messages.length;
      expect((await service.sendTaskNotification(input)).delivery).toBe('duplicate');
      expect(suite.smtp.messages).toHaveLength(before);
    });

    it('asks the current unit head to hand over a report whose reporter left, in their language', async () => {
      const org = await organisation();
      const leftStaff = await org.person('Nguyễn Văn An', { active: false, roles: ['staff'] });
      const newHead = await org.person('Pham Quang Cuong', { roles: ['unit-head'], locale: 'en' });
      const taskId = await org.task(leftStaff);

      expect((await service.sendTaskNotification(org.request(taskId, 'reminder', leftStaff))).delivery).toBe(
        'sent',
      );
      expect(suite.mailsTo(leftStaff.email)).toHaveLength(0);
      const [mail] = suite.mailsTo(newHead.email);
      expect(mail.subject).toBe('[qcycle] Task to hand over: Report objective 4 for Mar 2024');
      expect(mail.text).toContain(
        'The task "Report objective 4 for Mar 2024" is still assigned to Nguyễn Văn An, who is no longer in the organisation\'s directory (left or transferred), and is not done.\n' +
          'This notice was meant for Nguyễn Văn An and comes to you as the unit head.\n' +
          'Please hand the task over to someone else on its page: sign in to qcycle, open the task and choose "Give this task to someone else".\n' +
          'Due: 5 Apr 2024, 17:00',
      );
      expect(await rowsOf(taskId)).toEqual([
        expect.objectContaining({ recipientUserId: newHead.userId, email: newHead.email, locale: 'en' }),
      ]);
    });

    it('tells every Quality Representative of a task opened for someone who left, when the unit has no head now', async () => {
      const org = await organisation();
      const leftStaff = await org.person('Nguyễn Văn An', { active: false });
      await org.person('Lê Thị Bình', { active: false, roles: ['unit-head'] });
      const chief = await org.person('Trần Quốc Việt', { roles: ['quality-representative'] });
      const deputy = await org.person('Đỗ Thị Hạnh', { roles: ['quality-representative'] });
      const taskId = await org.task(leftStaff);
      const input = org.request(taskId, 'assigned', leftStaff);

      expect((await service.sendTaskNotification(input)).delivery).toBe('sent');
      expect(suite.mailsTo(leftStaff.email)).toHaveLength(0);
      for (const qr of [chief, deputy]) {
        const mails = suite.mailsTo(qr.email);
        expect(mails).toHaveLength(1);
        expect(mails[0].subject).toBe('[qcycle] Việc cần giao lại: Báo cáo số liệu mục tiêu 4 kỳ T3/2024');
        expect(mails[0].text).toContain(
          'Việc "Báo cáo số liệu mục tiêu 4 kỳ T3/2024" được giao cho Nguyễn Văn An, người nay không còn trong danh bạ của cơ quan (đã nghỉ hoặc chuyển công tác): không có ai thực hiện việc này.\n' +
            'Thông báo này lẽ ra gửi Nguyễn Văn An, nay được gửi đến ông/bà với tư cách Đại diện chất lượng.\n' +
            'Xin ông/bà giao lại việc cho người khác trên trang của việc: đăng nhập qcycle, mở việc và chọn "Giao việc này cho người khác".',
        );
      }
      const rows = await rowsOf(taskId);
      expect(rows.map((row) => [row.recipientUserId, row.delivery]).sort()).toEqual(
        [
          [chief.userId, 'sent'],
          [deputy.userId, 'sent'],
        ].sort(),
      );
      expect(rows.map((row) => row.id)).toContain(input.notificationId);

      const before = suite.smtp.messages.length;
      expect((await service.sendTaskNotification(input)).delivery).toBe('duplicate');
      expect(suite.smtp.messages).toHaveLength(before);
    });

    it('asks the Quality Representative, not the head of the unit audited, to hand over an audit step whose auditor left', async () => {
      const org = await organisation();
      const leftAuditor = await org.person('Bùi Quang Huy', { active: false, roles: ['auditor'] });
      const auditedUnitsHead = await org.person('Phạm Thị Hoa', { roles: ['unit-head'] });
      const chief = await org.person('Trần Quốc Việt', { roles: ['quality-representative'] });
      const taskId = await org.task(leftAuditor, UNIT, 'audit-step');

      expect(
        (await service.sendTaskNotification(org.request(taskId, 'assigned', leftAuditor))).delivery,
      ).toBe('sent');
      expect(suite.mailsTo(auditedUnitsHead.email)).toHaveLength(0);
      expect(suite.mailsTo(chief.email)).toHaveLength(1);
      expect(await rowsOf(taskId)).toEqual([expect.objectContaining({ recipientUserId: chief.userId })]);
    });

    it('sends an escalation at the Quality Representative level meant for one who left to the current one', async () => {
      const org = await organisation();
      const staff = await org.person('Nguyễn Văn An');
      await org.person('Phạm Quang Cường', { roles: ['unit-head'] });
      const formerChief = await org.person('Trần Quốc Việt', {
        active: false,
        roles: ['quality-representative'],
      });
      const chief = await org.person('Đỗ Thị Hạnh', { roles: ['quality-representative'] });
      const taskId = await org.task(staff);
      await org.escalation(taskId, 'quality-representative', formerChief);
      const input = org.request(taskId, 'escalated', formerChief, {
        assignee: staff,
        notificationId: `${taskId}/escalated/quality-representative`,
      });

      expect((await service.sendTaskNotification(input)).delivery).toBe('sent');
      expect(suite.mailsTo(formerChief.email)).toHaveLength(0);
      const [mail] = suite.mailsTo(chief.email);
      expect(mail.text).toContain(
        'Thông báo này lẽ ra gửi Trần Quốc Việt theo danh sách nhân sự đầu năm; Trần Quốc Việt nay không còn trong danh bạ của cơ quan (đã nghỉ hoặc chuyển công tác), nên được gửi đến ông/bà với tư cách Đại diện chất lượng.',
      );
      expect(await rowsOf(taskId)).toEqual([expect.objectContaining({ recipientUserId: chief.userId })]);
    });

    it('keeps sending to the person who left, with a warning, when nobody active can take it', async () => {
      const org = await organisation();
      const leftStaff = await org.person('Nguyễn Văn An', { active: false });
      const taskId = await org.task(leftStaff);
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

      expect((await service.sendTaskNotification(org.request(taskId, 'reminder', leftStaff))).delivery).toBe(
        'sent',
      );
      const [mail] = suite.mailsTo(leftStaff.email);
      expect(mail.subject).toBe('[qcycle] Nhắc việc: Báo cáo số liệu mục tiêu 4 kỳ T3/2024');
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining(`${leftStaff.userId} has left the directory`),
      );
    });

    it("asks each văn thư the directory has now for a signed paper's scan, in their language, not one who left, once however often it runs", async () => {
      const org = await organisation();
      const clerk = await org.person('Lê Thị Thu', { roles: ['clerk'] });
      const englishClerk = await org.person('Mai Anh', { roles: ['clerk'], locale: 'en' });
      await org.person('Trần Văn Cũ', { roles: ['clerk'], active: false });
      await org.person('Phạm Thị Hoa', { roles: ['quality-representative'] });
      const noticeId = `objectives-approval/${org.code}/2026/paper-to-scan`;
      const ask = {
        noticeId,
        cycleId: org.cycleId,
        organisationCode: org.code,
        paper: {
          vi: 'Quyết định số 12/QĐ-UBND phê duyệt mục tiêu chất lượng năm 2026',
          en: 'Decision No. 12/QĐ-UBND approving the 2026 quality objectives',
        },
      };
      // The relay down: the first mail refused, both notices are written all the same, pending.
      const config = suite.config({}, `smtp://127.0.0.1:${await closedPort()}`);
      const down = suite.closedAtEnd(
        new TaskNotificationActivities(suite.dataSource, config, new TaskLinkSigner(config)),
      );
      await expect(down.askClerksForScan(ask)).rejects.toMatchObject({ nonRetryable: false });
      expect((await rowsOf(noticeId)).map((row) => row.delivery)).toEqual(['pending', 'pending']);
      // Temporal's retry, on a worker that reaches the relay, sends them.
      const before = suite.smtp.messages.length;
      await expect(service.askClerksForScan(ask)).resolves.toEqual({ told: 2 });
      // A retried activity (the worker died after the relay took the mails) tells nobody again.
      await expect(service.askClerksForScan(ask)).resolves.toEqual({ told: 2 });
      const mails = suite.smtp.messages.slice(before);
      const to = (mail: (typeof mails)[number]) =>
        (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;
      expect(mails.map(to).sort()).toEqual([clerk.email, englishClerk.email].sort());
      const vietnamese = mails.find((mail) => to(mail) === clerk.email);
      expect(vietnamese?.subject).toBe(
        '[qcycle] Văn bản đã ký cần bản chụp: Quyết định số 12/QĐ-UBND phê duyệt mục tiêu chất lượng năm 2026',
      );
      expect(vietnamese?.text).toContain(`https://qcycle.kontum.gov.vn/cycles/${org.cycleId}/documents`);
      expect(vietnamese?.text).not.toContain('token=');
      expect(mails.find((mail) => to(mail) === englishClerk.email)?.subject).toBe(
        '[qcycle] Signed paper to scan: Decision No. 12/QĐ-UBND approving the 2026 quality objectives',
      );
      // Kept as each clerk's notice, under the notice's id: what the bell lists and links.
      const rows = await rowsOf(noticeId);
      expect(rows.map((row) => [row.id, row.reason, row.delivery, row.calendar])).toEqual(
        [clerk, englishClerk]
          .map((person) => [`${noticeId}/${person.userId}`, 'paper-to-scan', 'sent', null])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
    });

    it('asks the Quality Representative for a scan in an office whose directory has no văn thư, and nobody in one with neither', async () => {
      const org = await organisation();
      const qmr = await org.person('Phạm Thị Hoa', { roles: ['quality-representative'] });
      const noticeId = `management-review/${org.code}/2026/paper-to-scan`;
      await expect(
        service.askClerksForScan({
          noticeId,
          cycleId: org.cycleId,
          organisationCode: org.code,
          paper: {
            vi: 'Biên bản họp xem xét của lãnh đạo năm 2026',
            en: 'The minutes of the 2026 management review',
          },
        }),
      ).resolves.toEqual({ told: 1 });
      expect((await rowsOf(noticeId)).map((row) => [row.id, row.reason])).toEqual([
        [`${noticeId}/${qmr.userId}`, 'paper-to-scan'],
      ]);
      // An office with neither in its directory yet: nobody to tell, nothing written, no failure.
      const empty = await organisation();
      const emptyNotice = `management-review/${empty.code}/2026/paper-to-scan`;
      await expect(
        service.askClerksForScan({
          noticeId: emptyNotice,
          cycleId: empty.cycleId,
          organisationCode: empty.code,
          paper: {
            vi: 'Biên bản họp xem xét của lãnh đạo năm 2026',
            en: 'The minutes of the 2026 management review',
          },
        }),
      ).resolves.toEqual({ told: 0 });
      await expect(rowsOf(emptyNotice)).resolves.toEqual([]);
    });

    it('mails nobody of a task taken from someone who left, keeping the notice as recorded; one still here learns who has it and loses the deadline from their calendar', async () => {
      const org = await organisation();
      const head = await org.person('Phạm Quang Cường', { roles: ['unit-head'] });
      const leftStaff = await org.person('Nguyễn Văn An', { active: false });
      const newcomer = await org.person('Đinh Thị Mai');
      const taskId = await org.task(newcomer);
      await org.handOver(taskId, 1, { from: leftStaff, to: newcomer, by: head, reason: 'Chuyển công tác' });
      const away = (recipient: PersonRef, number: number) =>
        org.request(taskId, 'reassigned-away', recipient, {
          assignee: newcomer,
          notificationId: `${taskId}/reassigned/${number}/away`,
        });

      expect((await service.sendTaskNotification(away(leftStaff, 1))).delivery).toBe('recorded');
      expect(suite.mailsTo(leftStaff.email)).toHaveLength(0);
      expect(suite.mailsTo(head.email)).toHaveLength(0);
      expect(await rowsOf(taskId)).toEqual([
        expect.objectContaining({
          recipientUserId: leftStaff.userId,
          reason: 'reassigned-away',
          email: null,
          delivery: 'recorded',
        }),
      ]);

      // Someone still in the directory (the task taken from the newcomer in turn) is mailed.
      const colleague = await org.person('Lê Văn Hùng');
      await org.handOver(taskId, 2, { from: newcomer, to: colleague, by: head, reason: 'Nghỉ phép' });
      const told = { ...away(newcomer, 2), assignee: colleague };
      expect((await service.sendTaskNotification(told)).delivery).toBe('sent');
      const [mail, ...more] = suite.mailsTo(newcomer.email);
      expect(more).toHaveLength(0);
      expect(mail.subject).toBe(
        '[qcycle] Việc đã giao cho người khác: Báo cáo số liệu mục tiêu 4 kỳ T3/2024',
      );
      expect(mail.text).toContain('đã được giao cho Lê Văn Hùng; ông/bà không còn phụ trách việc này.');
      expect(mail.text).toContain('Người giao lại: Phạm Quang Cường');
      expect(mail.text).toContain('Lý do: Nghỉ phép');
      expect(mail.text).toContain(`https://qcycle.kontum.gov.vn/tasks/${encodeURIComponent(taskId)}\n`);
      expect(mail.text).not.toContain('token=');
      const calendar = calendarOf(mail);
      expect(calendar?.method).toBe('CANCEL');
      // Unfolded (RFC 5545 3.1): the task's id makes the line long.
      expect(calendar?.content.replace(/\r\n /g, '')).toContain(`UID:${taskId}@qcycle\r\n`);
    });
  },
);
