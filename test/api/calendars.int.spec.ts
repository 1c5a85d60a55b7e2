import {
  addDays,
  compareIsoDates,
  cycleCalendarFromSettings,
  defaultCycleCalendar,
  isWorkingDay,
  startOfYearTaskSchedule,
  type OrganisationCalendarSettings,
} from '@qcycle/domain';
import { uniqueSuffix } from '@qcycle/testing';
import type { TestDatabaseKind } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import { undocumentedAnswers } from './support/openapi-coverage';

interface CalendarAnswer {
  organisationCode: string;
  year: number;
  version: number;
  currentVersion: number;
  savedBy: string | null;
  savedAt: string | null;
  reason: string | null;
  settings: OrganisationCalendarSettings;
  yearsWithoutOfficialList: number[];
  publicHolidays: string[];
  officialHolidays: { date: string; name: { vi: string; en: string } }[];
  startOfYearInEffect: Record<string, number>;
  startOfYearDefaults: Record<string, number>;
}

/** qcycle's start-of-year allowances, in working days, as the calendar page shows them. */
const QCYCLE_START_OF_YEAR = {
  approvalWorkingDays: 5,
  assignmentAcceptanceWorkingDays: 3,
  unitAcceptanceWorkingDays: 3,
  reminderBeforeDueDays: 1,
  escalationAfterDueDays: 1,
};

/** GET/PUT /calendars/{year}: the organisation's calendar, validated, versioned, used by new cycles. */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])(
  'the calendar per organisation and year over HTTP (real API, worker, Temporal dev server, %s)',
  (database) => {
    let suite: ApiSuite;
    let org: DemoOrganisation;
    const organisationCode = `cal-${uniqueSuffix()}`;

    beforeAll(async () => {
      suite = await startApiSuite({ database, worker: true });
      org = await suite.seedDemoOrganisation(organisationCode);
    });

    afterAll(() => suite?.close());

    const read = (who: string, path: string) =>
      org.as<CalendarAnswer>(who, 'GET', `/api/v1/calendars/${path}`);
    const save = (who: string, year: number, body: unknown) =>
      org.as<CalendarAnswer & { code: string; details: Record<string, Record<string, unknown>> }>(
        who,
        'PUT',
        `/api/v1/calendars/${year}`,
        body,
      );

    it('answers the default calendar until one is saved, to the administrator and the Quality Representative only', async () => {
      const calendar = await read('qmr', '2027');
      expect(calendar.status).toBe(200);
      expect(calendar.body).toMatchObject({
        organisationCode,
        year: 2027,
        version: 0,
        currentVersion: 0,
        savedBy: null,
        settings: {
          auditWindow: { from: '2027-10-01', to: '2027-10-31' },
          addedHolidays: [],
          removedHolidays: [],
        },
      });
      expect(calendar.body.publicHolidays).toEqual(defaultCycleCalendar(2027).publicHolidays);
      // 2028's lunar holidays are not known yet: the answer says so.
      expect(calendar.body.yearsWithoutOfficialList).toEqual([2028]);
      // Each official day by the name the law or the notice gives it, in both languages: the days
      // counted are these, nothing added or removed yet.
      expect(calendar.body.officialHolidays.map((holiday) => holiday.date)).toEqual(
        calendar.body.publicHolidays,
      );
      expect(calendar.body.officialHolidays).toEqual(
        expect.arrayContaining([
          { date: '2027-01-01', name: { vi: 'Tết Dương lịch', en: "New Year's Day" } },
          {
            date: '2027-02-06',
            name: {
              vi: 'Tết Nguyên đán (mùng 1 tháng Giêng)',
              en: 'Lunar New Year (Tết), 1st of the 1st lunar month',
            },
          },
          {
            date: '2027-05-03',
            name: {
              vi: 'Nghỉ bù Ngày Quốc tế Lao động (1/5)',
              en: 'Day off in lieu of International Labour Day (1 May)',
            },
          },
          {
            date: '2027-09-03',
            name: { vi: 'Quốc khánh (ngày liền kề)', en: 'National Day (the adjacent day)' },
          },
          // 2028, without an official list: its New Year's Day falls on a Saturday.
          {
            date: '2028-01-03',
            name: { vi: 'Nghỉ bù Tết Dương lịch', en: "Day off in lieu of New Year's Day" },
          },
        ]),
      );
      const swapped2025 = (await read('qmr', '2025')).body.officialHolidays.find(
        (holiday) => holiday.date === '2025-01-27',
      );
      expect(swapped2025?.name.vi).toBe('Nghỉ hoán đổi dịp Tết Nguyên đán (làm bù thứ Bảy 08/02/2025)');
      // No allowance of the start of the year saved: qcycle's defaults, in force and said as such.
      expect(calendar.body.settings.startOfYear).toBeUndefined();
      expect(calendar.body.startOfYearInEffect).toEqual(QCYCLE_START_OF_YEAR);
      expect(calendar.body.startOfYearDefaults).toEqual(QCYCLE_START_OF_YEAR);
      expect((await read('qmr', '2026')).body.yearsWithoutOfficialList).toEqual([]);
      expect((await read('admin', '2027')).status).toBe(200);
      expect((await read('leader', '2027')).status).toBe(403);
      expect((await save('staff.tthc', 2027, calendar.body.settings)).status).toBe(403);
      expect((await read('qmr', 'abcd')).status).toBe(404);
      expect((await read('qmr', '1999')).status).toBe(404);
      expect((await read('qmr', '2027?version=3')).status).toBe(404);
      const badVersion = await org.as<{ details: { fields: object } }>(
        'qmr',
        'GET',
        '/api/v1/calendars/2027?version=0',
      );
      expect([badVersion.status, Object.keys(badVersion.body.details.fields)]).toEqual([400, ['version']]);
      expect((await read('qmr', '2027/versions')).body).toEqual({ items: [] });
    });

    it('refuses a malformed calendar with 400 and one that breaks the rules with 422, naming every bad field', async () => {
      const defaults = (await read('qmr', '2027')).body.settings;
      const malformed = await save('qmr', 2027, {
        ...defaults,
        monitoring: { ...defaults.monitoring, dueTime: '25:00' },
        addedHolidays: [{ date: '2027-9-14', name: 'Ngày thành lập tỉnh' }],
        colour: 'red',
      });
      expect(malformed.status).toBe(400);
      expect(Object.keys(malformed.body.details.fields).sort()).toEqual([
        'addedHolidays.0.date',
        'colour',
        'monitoring.dueTime',
      ]);

      const broken = {
        ...defaults,
        monitoring: { ...defaults.monitoring, periodCutOffDay: 30 },
        escalationAfterDueDays: { unitHead: 3, qualityRepresentative: 3 },
        auditWindow: { from: '2027-10-31', to: '2027-10-01' },
        managementReviewDate: '2028-01-05',
        addedHolidays: [
          { date: '2027-09-14', name: 'Ngày thành lập tỉnh' },
          { date: '2027-09-14', name: 'Ngày thành lập tỉnh' },
          { date: '2026-12-31', name: 'Năm trước' },
          { date: '2027-01-01', name: 'Tết Dương lịch' },
          { date: '2027-11-20', name: ' ' },
        ],
        removedHolidays: [{ date: '2027-03-03', name: 'Không phải ngày nghỉ' }],
      };
      const refused = await save('qmr', 2027, broken);
      expect([refused.status, refused.body.code]).toEqual([422, 'RULE_VIOLATED']);
      expect(Object.keys(refused.body.details.fields).sort()).toEqual([
        'addedHolidays[1].date',
        'addedHolidays[2].date',
        'addedHolidays[3].date',
        'addedHolidays[4].name',
        'auditWindow.to',
        'escalationAfterDueDays.qualityRepresentative',
        'managementReviewDate',
        'monitoring.periodCutOffDay',
        'removedHolidays[0].date',
      ]);
      expect(refused.body.details.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'addedHolidays[1].date', code: 'duplicate' }),
          expect.objectContaining({ path: 'removedHolidays[0].date', code: 'unknown-reference' }),
        ]),
      );
      // The reasons in the caller's language: Vietnamese by default, English when asked, in both lists.
      const vietnamese = 'Ngày chốt số liệu phải từ 1 đến 28.';
      const english = 'The cut-off day must be from 1 to 28.';
      const cutOff = (answer: typeof refused) => ({
        fields: answer.body.details.fields['monitoring.periodCutOffDay'],
        problems: (answer.body.details.problems as unknown as { path: string; reason: string }[])
          .filter((problem) => problem.path === 'monitoring.periodCutOffDay')
          .map((problem) => problem.reason),
      });
      expect(cutOff(refused)).toEqual({ fields: [vietnamese], problems: [vietnamese] });
      const inEnglish = await suite.http.call<typeof refused.body>('PUT', '/api/v1/calendars/2027', {
        token: await org.tokenOf('qmr'),
        headers: { 'accept-language': 'en' },
        body: broken,
      });
      expect(cutOff(inEnglish)).toEqual({ fields: [english], problems: [english] });
      expect(Object.keys(inEnglish.body.details.fields).sort()).toEqual(
        Object.keys(refused.body.details.fields).sort(),
      );
      // Nothing refused was saved.
      expect((await read('qmr', '2027')).body.version).toBe(0);
    });

    it('keeps every save as a version with who and when, reads an earlier one, and records it in the directory event log', async () => {
      const defaults = (await read('qmr', '2027')).body.settings;
      const provinceDay = { date: '2027-09-14', name: 'Ngày thành lập tỉnh' };
      const first = await save('qmr', 2027, {
        ...defaults,
        addedHolidays: [provinceDay],
        removedHolidays: [{ date: '2027-09-03', name: 'Thông báo của năm đặt ngày liền kề khác' }],
        startOfYear: { approvalWorkingDays: 7 },
        reason: 'Ngày của tỉnh',
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ version: 1, currentVersion: 1, savedBy: org.idOf('qmr') });
      expect(first.body.publicHolidays).toContain('2027-09-14');
      expect(first.body.publicHolidays).not.toContain('2027-09-03');
      // The official list stays the official one, a removed day by its name; an added day is not in it.
      const official = new Map(first.body.officialHolidays.map((day) => [day.date, day.name.vi]));
      expect([official.get('2027-09-03'), official.has('2027-09-14')]).toEqual([
        'Quốc khánh (ngày liền kề)',
        false,
      ]);
      // The allowance saved is in force; the others are still qcycle's.
      expect(first.body.startOfYearInEffect).toEqual({ ...QCYCLE_START_OF_YEAR, approvalWorkingDays: 7 });
      expect(first.body.startOfYearDefaults).toEqual(QCYCLE_START_OF_YEAR);
      const second = await save('admin', 2027, {
        ...first.body.settings,
        auditWindow: { from: '2027-11-01', to: '2027-11-19' },
        monitoring: { ...defaults.monitoring, periodCutOffDay: 15 },
      });
      expect(second.body).toMatchObject({
        version: 2,
        currentVersion: 2,
        savedBy: org.idOf('admin'),
        reason: null,
        settings: {
          auditWindow: { from: '2027-11-01', to: '2027-11-19' },
          monitoring: { periodCutOffDay: 15 },
        },
      });

      const current = await read('admin', '2027');
      expect(current.body).toMatchObject({ version: 2, settings: { auditWindow: { from: '2027-11-01' } } });
      const earlier = await read('qmr', '2027?version=1');
      expect(earlier.body).toMatchObject({
        version: 1,
        currentVersion: 2,
        reason: 'Ngày của tỉnh',
        settings: { auditWindow: { from: '2027-10-01', to: '2027-10-31' }, addedHolidays: [provinceDay] },
      });
      const versions = await read('qmr', '2027/versions');
      expect(versions.body).toEqual({
        items: [
          { version: 2, savedBy: org.idOf('admin'), savedAt: expect.any(String), reason: null },
          { version: 1, savedBy: org.idOf('qmr'), savedAt: expect.any(String), reason: 'Ngày của tỉnh' },
        ],
      });
      // Another year is its own calendar.
      expect((await read('qmr', '2028')).body.version).toBe(0);

      const events = await org.as<{
        items: { type: string; actor: string; payload: Record<string, unknown> }[];
      }>('admin', 'GET', '/api/v1/directory/events?type=calendar.saved');
      expect(events.body.items.map((e) => [e.actor, e.payload.year, e.payload.version])).toEqual([
        [org.idOf('admin'), 2027, 2],
        [org.idOf('qmr'), 2027, 1],
      ]);
    });

    it("a holiday added to the saved calendar moves the due date of a new cycle's approval", async () => {
      // A 2024 rehearsal runs the calendar from its first week whatever today is: the approval opens
      // between 1 and 7 January (calendar time) and is due 5 working days later. Every weekday from
      // 2 to 19 January made a holiday puts that due date after the 19th.
      const defaults = (await read('qmr', '2024')).body.settings;
      const addedHolidays = [];
      for (let day = '2024-01-02'; compareIsoDates(day, '2024-01-19') <= 0; day = addDays(day, 1))
        if (isWorkingDay(day, defaultCycleCalendar(2024).publicHolidays))
          addedHolidays.push({ date: day, name: 'Nghỉ bù theo quyết định của tỉnh' });
      const saved = await save('qmr', 2024, { ...defaults, addedHolidays });
      expect(saved.status).toBe(200);

      const started = await org.as<{ live: { scheduleShiftMs: number } }>('qmr', 'POST', '/api/v1/cycles', {
        organisationCode,
        year: 2024,
        rehearsal: true,
      });
      expect(started.status).toBe(201);
      const approval = await org.waitForTask('leader', 'objectives-approval');
      const cycle = await org.as<{ live: { scheduleShiftMs: number } }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${organisationCode}-2024`,
      );
      const shiftMs = cycle.body.live.scheduleShiftMs;
      const openedInCalendar = new Date(Date.parse(approval.openedAt) - shiftMs).toISOString();
      const dueWith = (calendar: ReturnType<typeof defaultCycleCalendar>) =>
        new Date(
          Date.parse(startOfYearTaskSchedule('objectives-approval', openedInCalendar, calendar).dueAt) +
            shiftMs,
        ).toISOString();
      const stored = cycleCalendarFromSettings(2024, saved.body.settings);
      expect(approval.dueAt).toBe(dueWith(stored));
      expect(dueWith(stored)).not.toBe(dueWith(defaultCycleCalendar(2024)));
      const dueDayInCalendar = new Date(Date.parse(approval.dueAt!) - shiftMs + 7 * 3_600_000)
        .toISOString()
        .slice(0, 10);
      expect(compareIsoDates(dueDayInCalendar, '2024-01-19')).toBeGreaterThan(0);

      // A save after the start leaves the running cycle as it is.
      expect((await save('qmr', 2024, { ...defaults, addedHolidays: [] })).status).toBe(200);
      expect((await org.waitForTask('leader', 'objectives-approval')).dueAt).toBe(approval.dueAt);
    });

    it('saves a calendar sent again with its request id once, its answer the version it made', async () => {
      const before = (await read('qmr', '2029/versions')).body as unknown as { items: unknown[] };
      const defaults = (await read('qmr', '2029')).body.settings;
      const body = {
        ...defaults,
        addedHolidays: [{ date: '2029-09-14', name: 'Ngày kỷ niệm thành lập tỉnh' }],
        reason: 'Thêm ngày kỷ niệm thành lập tỉnh',
      };
      const send = async (requestId: string, content: unknown = body) =>
        suite.http.call<CalendarAnswer>('PUT', '/api/v1/calendars/2029', {
          token: await org.tokenOf('qmr'),
          body: content,
          headers: { 'x-request-id': requestId },
        });
      const first = await send('calendar-save-2029-a');
      // The answer was lost on the way: the page sends the same save again.
      const again = await send('calendar-save-2029-a');
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.body.version).toBe(first.body.version);
      const after = (await read('qmr', '2029/versions')).body as unknown as { items: unknown[] };
      expect(after.items).toHaveLength(before.items.length + 1);
      // A new save (another request) is a version of its own, even of the same content.
      expect((await send('calendar-save-2029-b')).body.version).toBe(first.body.version + 1);
    });

    it('refuses a save made on the calendar as it was before another version was saved, with 409; nothing of it is kept', async () => {
      // Both read 2030 with nothing saved; the administrator saves first.
      const read2030 = (await read('qmr', '2030')).body;
      expect(read2030.currentVersion).toBe(0);
      const first = await save('admin', 2030, {
        ...read2030.settings,
        notificationTime: '07:00',
        ifCurrentVersion: read2030.currentVersion,
      });
      expect([first.status, first.body.version]).toEqual([200, 1]);
      // The Quality Representative's save, made on what she read, would replace it unseen.
      const stale = await save('qmr', 2030, {
        ...read2030.settings,
        managementReviewDate: '2030-12-10',
        ifCurrentVersion: read2030.currentVersion,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('CONFLICT');
      expect(stale.body.details).toEqual({ currentVersion: 1 });
      const kept = (await read('qmr', '2030')).body;
      expect(kept).toMatchObject({ version: 1, currentVersion: 1 });
      expect(kept.settings).toMatchObject({
        notificationTime: '07:00',
        managementReviewDate: read2030.settings.managementReviewDate,
      });
      // Made again on version 1, it is saved as version 2, the administrator's time kept.
      const again = await save('qmr', 2030, {
        ...kept.settings,
        managementReviewDate: '2030-12-10',
        ifCurrentVersion: 1,
      });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ version: 2 });
      expect(again.body.settings).toMatchObject({
        notificationTime: '07:00',
        managementReviewDate: '2030-12-10',
      });
    });

    it('answers only documented statuses', async () => {
      expect(await undocumentedAnswers(suite.http)).toEqual([]);
    });
  },
);
