import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import {
  addDays,
  defaultCalendarSettings,
  defaultCycleCalendar,
  digestWeek,
  nextDigestWeek,
  vnLocalToInstant,
  type DigestWeek,
} from '@qcycle/domain';
import {
  OrganisationCalendarEntity,
  OrganisationEntity,
  OrganisationUnitEntity,
  QualityCycleEntity,
  RoleAssignmentEntity,
  TaskEntity,
  UserEntity,
  WeeklyDigestEntity,
  WHOLE_ORGANISATION_SCOPE,
  type UserRole,
} from '@qcycle/persistence';
import { closedPort, uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { useMailSuite } from '../../../test/support/mail-suite';
import { DIGEST_DELIVERY_FAILED, WeeklyDigestActivitiesService } from './weekly-digest.activities';

/**
 * The Monday digest's activity (docs/notifications.md "The Monday digest") on real databases and a
 * real SMTP server: each unit head is told of their unit's open tasks overdue or due that week, the
 * Quality Representative of everyone's, each once; someone with nothing to be told gets nothing; an
 * SMTP outage leaves the digests pending, sent as written once the relay is back.
 */
describe.each<TestDatabaseKind>(['sqlite', 'postgres'])(
  'the Monday digests on %s, over real SMTP',
  (kind) => {
    const suite = useMailSuite(kind, {
      PUBLIC_URL: 'https://qcycle.kontum.gov.vn',
      MAIL_FROM: 'Văn phòng UBND tỉnh <iso@kontum.gov.vn>',
      TASK_LINK_SECRET: 'digest-test-secret-0123456789abcdef',
    });
    /** A worker's activity service, mailing through the suite's SMTP server (`smtpUrl` another, `null` none). */
    const service = (smtpUrl?: string | null) =>
      suite.closedAtEnd(new WeeklyDigestActivitiesService(suite.dataSource, suite.config({}, smtpUrl)));
    /** A morning's run: the week's Monday unless `day` says which weekday. */
    const send = (on: WeeklyDigestActivitiesService, week: DigestWeek, day?: string) =>
      new MockActivityEnvironment().run(on.sendWeeklyDigests.bind(on), {
        weekStart: week.weekStart,
        ...(day ? { day } : {}),
      });

    /**
     * An organisation of its own, its two units, its people and a running year. Its calendars of this
     * year and the next keep no public holiday but `daysOff`, so that whatever week a test runs in, its
     * digest day is the Monday unless the test says otherwise.
     */
    async function organisation(daysOff: string[] = []) {
      const code = `dg-${uniqueSuffix()}`;
      const now = new Date().toISOString();
      await suite.dataSource.getRepository(OrganisationEntity).insert({
        code,
        nameVi: 'UBND tỉnh Kon Tum',
        nameEn: 'Kon Tum Province',
        createdAt: now,
        updatedAt: now,
      });
      const thisYear = Number(now.slice(0, 4));
      for (const year of [thisYear, thisYear + 1])
        await suite.dataSource.getRepository(OrganisationCalendarEntity).insert({
          organisationCode: code,
          year,
          version: 1,
          settings: {
            ...defaultCalendarSettings(year),
            removedHolidays: defaultCycleCalendar(year).publicHolidays.map((date) => ({
              date,
              name: 'nghỉ',
            })),
            addedHolidays: daysOff.map((date) => ({ date, name: 'Ngày nghỉ của cơ quan' })),
          },
          reason: null,
          savedBy: 'test',
          savedAt: now,
          requestId: null,
        });
      for (const [unit, nameVi, nameEn] of [
        ['vp-tonghop', 'Phòng Tổng hợp', 'General Affairs Division'],
        ['vp-kinhte', 'Phòng Kinh tế', 'Economic Affairs Division'],
      ])
        await suite.dataSource.getRepository(OrganisationUnitEntity).insert({
          organisationCode: code,
          code: unit,
          nameVi,
          nameEn,
          parentCode: null,
          createdAt: now,
          updatedAt: now,
          searchText: nameVi.toLowerCase(),
        });
      const cycle = async (year: number, status: 'running' | 'closed') => {
        const id = `${code}-${year}`;
        await suite.dataSource.getRepository(QualityCycleEntity).insert({
          id,
          workflowId: `quality-cycle/${code}/${year}`,
          organisationCode: code,
          year,
          status,
          phase: status === 'running' ? 'monitoring' : 'closing',
          startedBy: 'u-qmr',
          startedAt: now,
          updatedAt: now,
          rehearsal: false,
        });
        return id;
      };
      const running = await cycle(2026, 'running');
      const closed = await cycle(2025, 'closed');

      const person = async (
        name: string,
        {
          roles = [],
          unitCode = null,
          locale = 'vi',
          active = true,
        }: {
          roles?: { role: UserRole; unitCode?: string }[];
          unitCode?: string | null;
          locale?: 'vi' | 'en';
          active?: boolean;
        } = {},
      ) => {
        const id = `u-${uniqueSuffix()}`;
        await suite.dataSource.getRepository(UserEntity).insert({
          id,
          organisationCode: code,
          unitCode,
          fullName: name,
          title: null,
          email: `${id}@kontum.gov.vn`,
          passwordHash: null,
          oidcSubject: null,
          locale,
          active,
          sessionsValidFrom: null,
          createdAt: now,
          updatedAt: now,
          searchText: name.toLowerCase(),
        });
        for (const { role, unitCode: scope } of roles)
          await suite.dataSource.getRepository(RoleAssignmentEntity).insert({
            id: `ra-${uniqueSuffix()}`,
            userId: id,
            organisationCode: code,
            role,
            scope: scope ?? WHOLE_ORGANISATION_SCOPE,
            createdAt: now,
          });
        return { id, email: `${id}@kontum.gov.vn`, name };
      };
      let n = 0;
      const task = async (
        fields: { title: string; assignee: string; dueAt: string; unitCode: string | null; kind?: string },
        { cycleId = running, status = 'open' } = {},
      ) => {
        const id = `quality-cycle/${code}/task-${++n}`;
        await suite.dataSource.getRepository(TaskEntity).insert({
          id,
          cycleId,
          workflowId: `quality-cycle/${code}/${n}`,
          kind: fields.kind ?? 'measurement-report',
          title: { vi: fields.title, en: `${fields.title} (en)` },
          assigneeUserId: fields.assignee,
          delegateUserIds: [],
          unitCode: fields.unitCode,
          objectiveId: null,
          periodKey: null,
          form: null,
          status,
          openedAt: now,
          dueAt: fields.dueAt,
          closedAt: null,
          completedBy: null,
          outcome: null,
        });
        return id;
      };
      return { code, running, closed, person, task };
    }

    /**
     * A new organisation whose head of general affairs has one report of his unit due that week: the
     * week `daysAhead` days after the coming Monday (a week no other test of the suite uses), the
     * report due `dueDay` days after its Monday.
     */
    async function headWithOneReport(daysAhead: number, dueDay: number) {
      const org = await organisation();
      const week = digestWeek(
        addDays(nextDigestWeek(new Date().toISOString(), '07:30').weekStart, daysAhead),
        '07:30',
      );
      const hung = await org.person('Lê Văn Hùng', {
        roles: [{ role: 'unit-head', unitCode: 'vp-tonghop' }],
      });
      const lan = await org.person('Phạm Thị Lan', { unitCode: 'vp-tonghop' });
      await org.task({
        title: 'Báo cáo số liệu mục tiêu 2',
        assignee: lan.id,
        dueAt: vnLocalToInstant(addDays(week.weekStart, dueDay), '17:00'),
        unitCode: 'vp-tonghop',
      });
      return { week, hung };
    }

    it("tells each unit head their unit's late and due work, the Quality Representative everyone's, each once", async () => {
      const org = await organisation();
      const week = nextDigestWeek(new Date().toISOString(), '07:30');
      const wednesday = vnLocalToInstant(addDays(week.weekStart, 2), '17:00');
      const lastWeek = vnLocalToInstant(addDays(week.weekStart, -10), '17:00');
      const nextWeek = vnLocalToInstant(addDays(week.weekStart, 8), '17:00');
      const hung = await org.person('Lê Văn Hùng', {
        roles: [{ role: 'unit-head', unitCode: 'vp-tonghop' }],
      });
      const mai = await org.person('Trần Thị Mai', {
        roles: [{ role: 'unit-head', unitCode: 'vp-kinhte' }],
        locale: 'en',
      });
      const left = await org.person('Người Đã Nghỉ', {
        roles: [{ role: 'unit-head', unitCode: 'vp-kinhte' }],
        active: false,
      });
      const viet = await org.person('Trần Quốc Việt', { roles: [{ role: 'quality-representative' }] });
      const lan = await org.person('Phạm Thị Lan', { unitCode: 'vp-tonghop' });
      const auditor = await org.person('Nguyễn Văn Huy', { unitCode: 'vp-kinhte' });
      const leader = await org.person('Nguyễn Hữu Tháp');

      const late = await org.task({
        title: 'Báo cáo số liệu mục tiêu 2',
        assignee: lan.id,
        dueAt: lastWeek,
        unitCode: 'vp-tonghop',
      });
      const due = await org.task({
        title: 'Báo cáo số liệu mục tiêu 3',
        assignee: lan.id,
        dueAt: wednesday,
        unitCode: 'vp-tonghop',
      });
      await org.task({ title: 'Việc tuần sau', assignee: lan.id, dueAt: nextWeek, unitCode: 'vp-tonghop' });
      await org.task(
        { title: 'Việc đã xong', assignee: lan.id, dueAt: wednesday, unitCode: 'vp-tonghop' },
        { status: 'completed' },
      );
      await org.task(
        { title: 'Việc năm trước', assignee: lan.id, dueAt: lastWeek, unitCode: 'vp-tonghop' },
        { cycleId: org.closed },
      );
      const audit = await org.task({
        title: 'Đánh giá nội bộ tại Phòng Tổng hợp',
        assignee: auditor.id,
        dueAt: wednesday,
        unitCode: 'vp-tonghop',
        kind: 'audit-step',
      });
      const kinhte = await org.task({
        title: 'Báo cáo số liệu mục tiêu 4',
        assignee: auditor.id,
        dueAt: wednesday,
        unitCode: 'vp-kinhte',
      });
      const approval = await org.task({
        title: 'Phê duyệt mục tiêu',
        assignee: leader.id,
        dueAt: lastWeek,
        unitCode: null,
        kind: 'objectives-approval',
      });

      const before = suite.smtp.messages.length;
      const result = await send(service(), week);
      expect(result).toEqual({ recipients: 3, sent: 3, recorded: 0 });
      const span = `${week.weekStart.slice(8, 10)}/${week.weekStart.slice(5, 7)}–${week.weekEnd.split('-').reverse().join('/')}`;

      const [toHung] = suite.mailsTo(hung.email, before);
      expect(toHung.subject).toBe(
        `[qcycle] Việc của Phòng Tổng hợp trong tuần ${span}: 1 quá hạn, 1 đến hạn`,
      );
      expect(toHung.text).toContain('Kính gửi ông/bà Lê Văn Hùng,');
      expect(toHung.text).toContain(
        'Quá hạn (1):\n- Báo cáo số liệu mục tiêu 2\n  người thực hiện: Phạm Thị Lan; quá hạn từ',
      );
      expect(toHung.text).toContain(`https://qcycle.kontum.gov.vn/tasks/${encodeURIComponent(late)}`);
      expect(toHung.text).toContain(`Đến hạn trong tuần (1):\n- Báo cáo số liệu mục tiêu 3`);
      expect(toHung.text).toContain(`https://qcycle.kontum.gov.vn/tasks/${encodeURIComponent(due)}`);
      expect(toHung.text).toContain(`https://qcycle.kontum.gov.vn/cycles/${org.running}`);
      // Not next week's, not done, not last year's; not the audit of his unit, which is the auditors' work.
      for (const absent of ['Việc tuần sau', 'Việc đã xong', 'Việc năm trước', 'Đánh giá nội bộ'])
        expect(toHung.text).not.toContain(absent);

      const [toMai] = suite.mailsTo(mai.email, before);
      expect(toMai.subject).toBe(
        `[qcycle] Tasks of Economic Affairs Division, week ${span}: 0 overdue, 1 due`,
      );
      expect(toMai.text).toContain('Báo cáo số liệu mục tiêu 4 (en)');
      expect(toMai.text).toContain(`https://qcycle.kontum.gov.vn/tasks/${encodeURIComponent(kinhte)}`);

      const [toViet] = suite.mailsTo(viet.email, before);
      expect(toViet.subject).toBe(
        `[qcycle] Việc của toàn UBND tỉnh Kon Tum trong tuần ${span}: 2 quá hạn, 3 đến hạn`,
      );
      expect(toViet.text).toContain(
        '- Lãnh đạo, Đại diện chất lượng và chuyên gia đánh giá — Phê duyệt mục tiêu',
      );
      expect(toViet.text).toContain('- Phòng Tổng hợp — Đánh giá nội bộ tại Phòng Tổng hợp');
      expect(toViet.text).toContain(`https://qcycle.kontum.gov.vn/tasks/${encodeURIComponent(approval)}`);
      expect(toViet.text).toContain(`https://qcycle.kontum.gov.vn/tasks/${encodeURIComponent(audit)}`);
      expect(suite.mailsTo(left.email, before)).toHaveLength(0);
      expect(suite.smtp.messages.length - before).toBe(3);

      const rows = await suite.dataSource
        .getRepository(WeeklyDigestEntity)
        .findBy({ organisationCode: org.code });
      expect(rows.map((r) => [r.userId, r.taskCount, r.delivery, r.attempts]).sort()).toEqual(
        [
          [hung.id, 2, 'sent', 1],
          [mai.id, 1, 'sent', 1],
          [viet.id, 5, 'sent', 1],
        ].sort(),
      );
      expect(toHung.subject).toBe(rows.find((r) => r.userId === hung.id)!.subject);

      // The same week again (a retried activity): nothing is written or sent twice.
      const again = suite.smtp.messages.length;
      await expect(send(service(), week)).resolves.toEqual({ recipients: 3, sent: 0, recorded: 0 });
      expect(suite.smtp.messages.length).toBe(again);
    });

    it('keeps the digests pending through an SMTP outage and sends them as written, once, when the relay is back', async () => {
      const { week, hung } = await headWithOneReport(7, 4);
      const id = `${week.weekStart}/${hung.id}`;

      const down = await send(service(`smtp://127.0.0.1:${await closedPort()}`), week).then(
        () => null,
        (error: unknown) => error,
      );
      expect(down).toBeInstanceOf(ApplicationFailure);
      expect(down).toMatchObject({ type: DIGEST_DELIVERY_FAILED, nonRetryable: false });
      const pending = await suite.dataSource.getRepository(WeeklyDigestEntity).findOneByOrFail({ id });
      expect(pending).toMatchObject({ delivery: 'pending', attempts: 1 });
      expect(pending.lastError).toBeTruthy();

      const before = suite.smtp.messages.length;
      await send(service(), week);
      const [mail] = suite.mailsTo(hung.email, before);
      expect(mail.subject).toBe(pending.subject);
      expect(mail.text?.trim()).toBe(pending.body.trim());
      expect(await suite.dataSource.getRepository(WeeklyDigestEntity).findOneByOrFail({ id })).toMatchObject({
        delivery: 'sent',
        attempts: 2,
      });
    });

    it("sends an organisation's digest on its first working day: the Tuesday after a Monday off, and a day missed the next morning", async () => {
      const week = digestWeek(
        addDays(nextDigestWeek(new Date().toISOString(), '07:30').weekStart, 35),
        '07:30',
      );
      const [monday, tuesday, wednesday] = [0, 1, 2].map((n) => addDays(week.weekStart, n));
      const headOf = async (daysOff: string[]) => {
        const org = await organisation(daysOff);
        const head = await org.person('Lê Văn Hùng', {
          roles: [{ role: 'unit-head', unitCode: 'vp-tonghop' }],
        });
        const staff = await org.person('Phạm Thị Lan', { unitCode: 'vp-tonghop' });
        await org.task({
          title: 'Báo cáo số liệu mục tiêu 2',
          assignee: staff.id,
          dueAt: vnLocalToInstant(addDays(week.weekStart, 3), '17:00'),
          unitCode: 'vp-tonghop',
        });
        return head;
      };
      const offOnMonday = await headOf([monday]);
      const atWork = await headOf([]);
      const digestsOf = async (head: { id: string }) =>
        suite.dataSource
          .getRepository(WeeklyDigestEntity)
          .countBy({ userId: head.id, weekStart: week.weekStart });

      await send(service(), week, monday);
      expect([await digestsOf(offOnMonday), await digestsOf(atWork)]).toEqual([0, 1]);

      // Created after Monday's run (the worker was down, say): its Monday digest goes on Tuesday.
      const late = await headOf([]);
      const before = suite.smtp.messages.length;
      await send(service(), week, tuesday);
      expect([await digestsOf(offOnMonday), await digestsOf(atWork), await digestsOf(late)]).toEqual([
        1, 1, 1,
      ]);
      expect(suite.mailsTo(offOnMonday.email, before)).toHaveLength(1);
      expect(suite.mailsTo(atWork.email, before)).toHaveLength(0);

      await send(service(), week, wednesday);
      expect([await digestsOf(offOnMonday), await digestsOf(atWork), await digestsOf(late)]).toEqual([
        1, 1, 1,
      ]);
    });

    it('keeps a digest unmailed where no SMTP server is configured', async () => {
      const { week, hung } = await headWithOneReport(14, 1);
      const before = suite.smtp.messages.length;
      // (The organisations of the tests before have digests of this week kept too.)
      await expect(send(service(null), week)).resolves.toMatchObject({ sent: 0 });
      expect(suite.smtp.messages.length).toBe(before);
      expect(
        await suite.dataSource
          .getRepository(WeeklyDigestEntity)
          .findOneByOrFail({ id: `${week.weekStart}/${hung.id}` }),
      ).toMatchObject({
        delivery: 'recorded',
        taskCount: 1,
      });
    });
  },
);
