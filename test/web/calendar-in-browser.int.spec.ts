import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import { overflowAt, refusalProblems, wcagViolations } from './support/accessibility';
import { vi } from './support/catalogue';
import {
  browserSuiteConfig,
  BrowserSession,
  descriptionOf,
  escapeRegExp,
  type Tab,
} from './support/web-suite';

interface CalendarAnswer {
  version: number;
  currentVersion: number;
  savedBy: string | null;
  settings: {
    auditWindow: { from: string; to: string };
    managementReviewDate: string;
    notificationTime: string;
    addedHolidays: { date: string; name: string }[];
    removedHolidays: { date: string; name: string }[];
  };
  yearsWithoutOfficialList: number[];
  officialHolidays: { date: string; name: { vi: string; en: string } }[];
}
interface VersionsAnswer {
  items: { version: number; savedBy: string }[];
}

/** The year in Vietnam now, as the page counts it. */
const thisYear = Number(
  new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()),
);
/** Next year: the one a Quality Representative prepares, offered by the page's year picker. */
const YEAR = thisYear + 1;
const FOUNDATION_DAY = { date: `${YEAR}-09-14`, name: 'Ngày kỷ niệm thành lập tỉnh' };
const AUDIT = { from: `${YEAR}-10-05`, to: `${YEAR}-10-23` };
const NOT_KEPT_WHY = 'Cơ quan trực và làm việc theo kế hoạch của tỉnh';
/** "05/10/2027" as the Vietnamese page writes a day. */
const day = (iso: string) => iso.split('-').reverse().join('/');
/** qcycle's start-of-year allowances (working days), as the page shows them when none is saved. */
const QCYCLE_START_OF_YEAR = {
  approvalWorkingDays: 5,
  assignmentAcceptanceWorkingDays: 3,
  unitAcceptanceWorkingDays: 3,
  reminderBeforeDueDays: 1,
  escalationAfterDueDays: 1,
};
/** "5 ngày làm việc" */
const workingDays = (count: number) => vi('calendar:monitoring.workingDays', { count });
/** "5 ngày làm việc (mặc định của qcycle)": an allowance the calendar leaves to qcycle. */
const qcycleDefault = (count: number) => `${workingDays(count)} ${vi('calendar:startOfYear.defaultMark')}`;

/**
 * The organisation's working calendar page (/calendar), driven in a browser (Debian's chromium
 * through playwright-core) by the people who keep it and read it, on the real API serving the
 * built web app and PostgreSQL (no cycle runs: no worker). The Quality Representative reaches the
 * page from the menu, finds next year's default calendar (each official holiday by its name, qcycle's
 * start-of-year allowances by their numbers), adds the province's day off, takes an official one out,
 * moves the internal audit and sets the leader's approval allowance, saves version 1 and finds it
 * after a reload and through the API; the "in force" mark stays on one line at phone width and the
 * versions table fits there; a review date
 * inside the audit is refused by its field with the focus there, and nothing is saved; a save that
 * meets another one says so and shows the other. The external auditor reads it with nothing to
 * save; a unit head has no link and is told the page is not theirs (the API answers them 403).
 * Every page state passes axe-core (WCAG 2.1 A and AA, every impact), does not scroll sideways at
 * 320 px, and is photographed at desktop and phone width.
 */
describe('the working calendar page in the browser (chromium; API, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  const organisationCode = `calweb-${uniqueSuffix()}`;
  const EXTERNAL = 'external.auditor';

  beforeAll(async () => {
    suite = await startApiSuite({ config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    for (const local of ['admin', 'qmr', 'head.tthc', 'staff.tthc']) await org.tokenOf(local);
    // The certification body's auditor, granted by the administrator like any role.
    const created = await org.as<{ id: string }>('admin', 'POST', '/api/v1/users', {
      fullName: 'Đỗ Minh Khoa',
      title: 'Chuyên gia đánh giá, tổ chức chứng nhận',
      email: org.email(EXTERNAL),
      password: DEMO_PASSWORD,
    });
    expect(created.status).toBe(201);
    const granted = await org.as('admin', 'POST', `/api/v1/users/${created.body.id}/roles`, {
      role: 'external-auditor',
    });
    expect(granted.status).toBe(201);
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  const as = (local: string): Promise<Tab> => browser.tabOf(org.email(local), DEMO_PASSWORD);
  const calendarOf = (local: string) => org.as<CalendarAnswer>(local, 'GET', `/api/v1/calendars/${YEAR}`);
  const versionsOf = (local: string) =>
    org.as<VersionsAnswer>(local, 'GET', `/api/v1/calendars/${YEAR}/versions`);
  const heading = (tab: Tab, year = YEAR) =>
    tab.page.getByRole('heading', { level: 1, name: vi('calendar:title', { year }) });
  const form = (tab: Tab) => tab.page.getByRole('form', { name: vi('calendar:edit.title', { year: YEAR }) });

  /**
   * Waits until the page's fact list (`<dt>` label, `<dd>` value) gives `value` for `label`: after a
   * save or a move to another version the page shows the one before until the new one has loaded.
   */
  const showsFact = (tab: Tab, label: string, value: string) =>
    tab.page
      .locator('dt', { hasText: label })
      .locator('xpath=following-sibling::dd[1]')
      .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(value)}\\s*$`) })
      .waitFor();

  /**
   * At each width, how many lines the versions table's marks ("Đang áp dụng", "Đang xem") take, and
   * how far the table overflows its card (it would scroll sideways inside it), and whether the reason has
   * most of the table's width.
   */
  async function versionMarksAt(tab: Tab, widths: number[]) {
    const before = tab.page.viewportSize();
    const found: { width: number; lines: number[]; tableOverflow: number; reasonWidth: boolean }[] = [];
    try {
      for (const width of widths) {
        await tab.page.setViewportSize({ width, height: 740 });
        await tab.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
        const measured = (await tab.page.evaluate(`(() => {
          const table = document.querySelector('table.cal-versions');
          const lines = [...table.querySelectorAll('.status')].map((mark) => {
            const range = document.createRange();
            range.selectNodeContents(mark);
            return new Set([...range.getClientRects()].map((line) => Math.round(line.top))).size;
          });
          const box = table.closest('.table-scroll');
          // The reason's share of the table's width: a column a word wide on a phone was unreadable.
          const reason = table.querySelector('tbody td:last-child').getBoundingClientRect().width;
          const reasonWidth = Math.round((100 * reason) / table.getBoundingClientRect().width) >= 80;
          return { lines, tableOverflow: box.scrollWidth - box.clientWidth, reasonWidth };
        })()`)) as { lines: number[]; tableOverflow: number; reasonWidth: boolean };
        found.push({ width, ...measured });
      }
    } finally {
      if (before) await tab.page.setViewportSize(before);
    }
    return found;
  }

  /** The page as it is now: axe's WCAG 2.1 A/AA rules (any impact) and no sideways scrolling at 320 px. */
  async function expectWcag(tab: Tab, what: string): Promise<void> {
    await tab.settled();
    expect({ what, violations: await wcagViolations(tab.page) }).toEqual({ what, violations: [] });
    expect({ what, overflowAt320px: await overflowAt(tab.page, 320) }).toEqual({ what, overflowAt320px: 0 });
  }

  /** Clicks "Lưu phiên bản mới" and returns the API's answer to the PUT the page sent. */
  async function save(tab: Tab): Promise<{ status: number; problems: { path: string; reason: string }[] }> {
    const [answer] = await Promise.all([
      tab.page.waitForResponse(
        (response) =>
          response.request().method() === 'PUT' && response.url().includes(`/api/v1/calendars/${YEAR}`),
      ),
      form(tab)
        .getByRole('button', { name: vi('calendar:edit.submit') })
        .click(),
    ]);
    const body = (await answer.json()) as { details?: { problems?: { path: string; reason: string }[] } };
    return { status: answer.status(), problems: body.details?.problems ?? [] };
  }

  it("1. the Quality Representative finds the calendar in the menu and next year's default", async () => {
    const qmr = await as('qmr');
    await qmr.page
      .getByRole('navigation', { name: vi('nav.label') })
      .getByRole('link', { name: vi('nav.calendar') })
      .click();
    await heading(qmr, thisYear).waitFor();
    await qmr.page
      .getByRole('navigation', { name: vi('calendar:years.label') })
      .getByRole('link', { name: vi('calendar:years.year', { year: YEAR }) })
      .click();
    await qmr.page.waitForURL(new RegExp(`/calendar/${YEAR}$`));
    // Moving to the year's calendar gives its heading the focus, as a new page's.
    await heading(qmr).and(qmr.page.locator(':focus')).waitFor();
    await expect(qmr.page.title()).resolves.toBe(`${vi('calendar:title', { year: YEAR })} · qcycle`);

    await showsFact(qmr, vi('calendar:version.label'), vi('calendar:version.default'));
    await showsFact(
      qmr,
      vi('calendar:milestones.auditWindow'),
      vi('calendar:milestones.auditWindowValue', { from: day(`${YEAR}-10-01`), to: day(`${YEAR}-10-31`) }),
    );
    await qmr.page.getByText(vi('calendar:versions.none', { year: YEAR })).waitFor();
    // The years whose official holidays qcycle does not hold are said, as the API names them.
    const missing = (await calendarOf('qmr')).body.yearsWithoutOfficialList;
    const notice = qmr.page.getByText(vi('calendar:noOfficialList', { years: missing.join(', ') }));
    await expect(notice.count()).resolves.toBe(missing.length > 0 ? 1 : 0);
    // Each official holiday by its name, next to its weekday: New Year's Day and the National Day as
    // the law calls them, and every other one as the API names it (Tết by its lunar day, a day in lieu).
    const holidays = qmr.page.getByRole('list', { name: vi('calendar:holidays.ofYear', { year: YEAR }) });
    const holiday = (date: string, name: string) =>
      holidays
        .getByRole('listitem')
        .filter({ hasText: day(date) })
        .filter({ hasText: name });
    await holiday(`${YEAR}-01-01`, 'Tết Dương lịch').waitFor();
    await holiday(`${YEAR}-09-02`, 'Quốc khánh (2/9)').waitFor();
    const official = (await calendarOf('qmr')).body.officialHolidays.filter((d) =>
      d.date.startsWith(`${YEAR}-`),
    );
    expect(official.length).toBeGreaterThanOrEqual(4);
    for (const { date, name } of official) await expect(holiday(date, name.vi).count()).resolves.toBe(1);
    // No start-of-year allowance saved: qcycle's, by their numbers, said to be qcycle's.
    for (const [field, days] of Object.entries(QCYCLE_START_OF_YEAR))
      await showsFact(qmr, vi(`calendar:startOfYear.${field}`), qcycleDefault(days));

    await qmr.check('the default calendar of next year', { screenshot: 'calendar' });
    await expectWcag(qmr, 'the default calendar of next year');
  });

  it('2. adds a named day off and moves the audit, saves version 1: shown after a reload, and what the API answers', async () => {
    const qmr = await as('qmr');
    await qmr.page.getByRole('button', { name: vi('calendar:edit.open') }).click();
    const edit = form(qmr);
    await edit
      .getByRole('heading', { name: vi('calendar:edit.title', { year: YEAR }) })
      .and(qmr.page.locator(':focus'))
      .waitFor();
    // The form starts from the calendar shown.
    await expect(edit.getByLabel(vi('calendar:milestones.auditFrom')).inputValue()).resolves.toBe(
      `01/10/${YEAR}`,
    );

    await edit.getByRole('button', { name: vi('calendar:edit.addAdded') }).click();
    const row = edit.getByRole('group', { name: vi('calendar:edit.addedRow', { n: 1 }) });
    // The new row's date takes the focus.
    await row.getByLabel(vi('calendar:edit.date'), { exact: true }).and(qmr.page.locator(':focus')).waitFor();
    await row.getByLabel(vi('calendar:edit.date'), { exact: true }).fill(FOUNDATION_DAY.date);
    await row.getByLabel(vi('calendar:edit.name')).fill(FOUNDATION_DAY.name);
    // An official day the organisation does not keep off: the last of the year but 2 September.
    const notKept = (await calendarOf('qmr')).body.officialHolidays
      .filter((d) => d.date.startsWith(`${YEAR}-`) && d.date !== `${YEAR}-09-02`)
      .at(-1)!;
    await edit.getByRole('button', { name: vi('calendar:edit.addRemoved') }).click();
    const removedRow = edit.getByRole('group', { name: vi('calendar:edit.removedRow', { n: 1 }) });
    await removedRow.getByLabel(vi('calendar:edit.date'), { exact: true }).fill(notKept.date);
    await removedRow.getByLabel(vi('calendar:edit.why')).fill(NOT_KEPT_WHY);
    await edit.getByLabel(vi('calendar:milestones.auditFrom')).fill(AUDIT.from);
    await edit.getByLabel(vi('calendar:milestones.auditTo')).fill(AUDIT.to);
    // Each allowance of the start of the year says qcycle's, which an empty field takes.
    const approval = edit.getByLabel(vi('calendar:startOfYear.approvalWorkingDays'));
    await expect(approval.inputValue()).resolves.toBe('');
    expect(await descriptionOf(approval)).toContain(
      vi('calendar:startOfYear.defaultHint', { days: workingDays(QCYCLE_START_OF_YEAR.approvalWorkingDays) }),
    );
    await approval.fill('7');
    await edit.getByLabel(vi('calendar:edit.reason')).fill('Thêm ngày thành lập tỉnh, dời đánh giá nội bộ');
    await qmr.check('the calendar form, filled in', { screenshot: 'calendar-form' });
    await expectWcag(qmr, 'the calendar form, filled in');

    const answer = await save(qmr);
    expect(answer.status).toBe(200);
    // Said once, with the focus: the new version, and that running cycles are left alone.
    await qmr.page
      .getByRole('status')
      .filter({ hasText: vi('calendar:saved', { version: 1, year: YEAR }) })
      .and(qmr.page.locator(':focus'))
      .waitFor();
    await expect(form(qmr).count()).resolves.toBe(0);

    await qmr.page.reload({ waitUntil: 'domcontentloaded' });
    await heading(qmr).waitFor();
    await qmr.settled();
    await showsFact(qmr, vi('calendar:version.label'), vi('calendar:version.inForce', { version: 1 }));
    await showsFact(qmr, vi('calendar:version.savedBy'), 'Trần Quốc Việt');
    await showsFact(
      qmr,
      vi('calendar:milestones.auditWindow'),
      vi('calendar:milestones.auditWindowValue', { from: day(AUDIT.from), to: day(AUDIT.to) }),
    );
    await qmr.page
      .getByRole('list', { name: vi('calendar:holidays.ofYear', { year: YEAR }) })
      .getByRole('listitem')
      .filter({ hasText: day(FOUNDATION_DAY.date) })
      .filter({ hasText: vi('calendar:holidays.added', { name: FOUNDATION_DAY.name }) })
      .waitFor();
    // The day not kept off, by its official name and why.
    await qmr.page
      .getByRole('list', { name: vi('calendar:holidays.removedTitle') })
      .getByRole('listitem')
      .filter({ hasText: day(notKept.date) })
      .filter({ hasText: vi('calendar:holidays.removed', { name: notKept.name.vi, why: NOT_KEPT_WHY }) })
      .waitFor();
    // The allowance saved is the calendar's own; the others are still qcycle's.
    await showsFact(qmr, vi('calendar:startOfYear.approvalWorkingDays'), workingDays(7));
    await showsFact(
      qmr,
      vi('calendar:startOfYear.unitAcceptanceWorkingDays'),
      qcycleDefault(QCYCLE_START_OF_YEAR.unitAcceptanceWorkingDays),
    );
    const versions = qmr.page.getByRole('table', { name: vi('calendar:versions.title') });
    await versions.getByRole('row').filter({ hasText: 'Trần Quốc Việt' }).waitFor();
    // "Đang áp dụng" and "Đang xem" stay one line each on a phone, the table fits its card, and the
    // reason has most of its width (each version a card of its own).
    expect(await versionMarksAt(qmr, [390, 360, 320])).toEqual(
      [390, 360, 320].map((width) => ({ width, lines: [1, 1], tableOverflow: 0, reasonWidth: true })),
    );
    await qmr.check('the calendar saved as version 1', { screenshot: 'calendar-saved' });

    const saved = await calendarOf('admin');
    expect(saved.body).toMatchObject({
      version: 1,
      currentVersion: 1,
      savedBy: org.idOf('qmr'),
      settings: {
        auditWindow: AUDIT,
        addedHolidays: [FOUNDATION_DAY],
        removedHolidays: [{ date: notKept.date, name: NOT_KEPT_WHY }],
        startOfYear: { approvalWorkingDays: 7 },
      },
    });
  });

  it('3. a review date inside the audit is refused by its field, with the focus there; nothing is saved', async () => {
    const qmr = await as('qmr');
    await qmr.page.getByRole('button', { name: vi('calendar:edit.open') }).click();
    const edit = form(qmr);
    const review = edit.getByLabel(vi('calendar:milestones.managementReviewDate'));
    const reviewBefore = (await calendarOf('qmr')).body.settings.managementReviewDate;
    // The form starts from it, written day first.
    await expect(review.inputValue()).resolves.toBe(reviewBefore.split('-').reverse().join('/'));
    await review.fill(`${YEAR}-10-20`);
    const answer = await save(qmr);
    expect(answer.status).toBe(422);
    const refused = answer.problems.filter((problem) => problem.path === 'managementReviewDate');
    expect(refused.length).toBeGreaterThan(0);

    // The focus on the refused field, read with its message; the form's one alert says to correct it.
    await review.and(qmr.page.locator(':focus')).waitFor();
    await expect(review.getAttribute('aria-invalid')).resolves.toBe('true');
    for (const problem of refused) expect(await descriptionOf(review)).toContain(problem.reason);
    await expect(qmr.page.getByRole('alert').count()).resolves.toBe(1);
    await qmr.page
      .getByRole('alert')
      .filter({ hasText: vi('directory:problems.correctFields') })
      .waitFor();
    expect(await refusalProblems(qmr.page)).toEqual([]);
    await qmr.check('the calendar refused: review inside the audit', { screenshot: 'calendar-refused' });
    await expectWcag(qmr, 'the calendar refused: review inside the audit');

    // Nothing saved: still version 1, one version in the list.
    expect((await versionsOf('qmr')).body.items.map((item) => item.version)).toEqual([1]);
    expect((await calendarOf('qmr')).body.settings.managementReviewDate).toBe(reviewBefore);

    // Put right, with another notice time, typed as Vietnam writes times (a text field on 24
    // hours in every browser, not one that asks an English browser for AM or PM): version 2.
    await review.fill(reviewBefore);
    const noticeTime = edit.getByLabel(vi('calendar:monitoring.notificationTime'));
    expect(await noticeTime.getAttribute('placeholder')).toBe(vi('calendar:edit.timePlaceholder'));
    await noticeTime.fill('7h30');
    await noticeTime.blur();
    await expect(noticeTime.inputValue()).resolves.toBe('07:30');
    expect((await save(qmr)).status).toBe(200);
    await qmr.page
      .getByRole('status')
      .filter({ hasText: vi('calendar:saved', { version: 2, year: YEAR }) })
      .waitFor();
    expect((await calendarOf('qmr')).body.settings.notificationTime).toBe('07:30');
  });

  it('4. reads an earlier version from the list (?version=1), and makes a new one from it', async () => {
    const qmr = await as('qmr');
    await qmr.page
      .getByRole('table', { name: vi('calendar:versions.title') })
      .getByRole('link', { name: `${vi('calendar:versions.version')} 1` })
      .click();
    await qmr.page.waitForURL(new RegExp(`/calendar/${YEAR}\\?version=1$`));
    await qmr.page.getByText(vi('calendar:version.viewingEarlier', { version: 1, current: 2 })).waitFor();
    await heading(qmr).and(qmr.page.locator(':focus')).waitFor();
    await showsFact(qmr, vi('calendar:version.label'), vi('calendar:version.earlier', { version: 1 }));
    await showsFact(qmr, vi('calendar:monitoring.notificationTime'), '08:00');
    await qmr.check('an earlier version of the calendar', { screenshot: 'calendar-earlier-version' });
    await expectWcag(qmr, 'an earlier version of the calendar');

    // Version 1 again, as version 3: the page then shows the version in force.
    await qmr.page.getByRole('button', { name: vi('calendar:edit.openFrom', { version: 1 }) }).click();
    expect((await save(qmr)).status).toBe(200);
    await qmr.page
      .getByRole('status')
      .filter({ hasText: vi('calendar:saved', { version: 3, year: YEAR }) })
      .waitFor();
    await qmr.page.waitForURL(new RegExp(`/calendar/${YEAR}$`));
    await showsFact(qmr, vi('calendar:version.label'), vi('calendar:version.inForce', { version: 3 }));
    expect((await calendarOf('qmr')).body.settings.notificationTime).toBe('08:00');
  });

  it('5. a save that met another one says so and shows the other, reloaded', async () => {
    const qmr = await as('qmr');
    await qmr.page.getByRole('button', { name: vi('calendar:edit.open') }).click();
    await form(qmr).getByLabel(vi('calendar:monitoring.notificationTime')).fill('07:45');
    // The administrator saves while the Quality Representative is editing: her save, made on the
    // version in force when she opened the form, would replace his unseen, and the API refuses it.
    const other = (await calendarOf('admin')).body.settings;
    const saved = await org.as('admin', 'PUT', `/api/v1/calendars/${YEAR}`, {
      ...other,
      notificationTime: '07:00',
    });
    expect(saved.status).toBe(200);
    expect((await save(qmr)).status).toBe(409);
    await qmr.page
      .getByRole('alert')
      .filter({ hasText: vi('calendar:conflict', { year: YEAR }) })
      .and(qmr.page.locator(':focus'))
      .waitFor();
    await showsFact(qmr, vi('calendar:version.label'), vi('calendar:version.inForce', { version: 4 }));
    await showsFact(qmr, vi('calendar:version.savedBy'), 'Quản trị hệ thống');
    await showsFact(qmr, vi('calendar:monitoring.notificationTime'), '07:00');
    await expectWcag(qmr, 'the calendar after a save that met another');
  });

  it('6. the external auditor finds it in the menu and reads it, with nothing to save', async () => {
    const external = await as(EXTERNAL);
    await external.page
      .getByRole('navigation', { name: vi('nav.label') })
      .getByRole('link', { name: vi('nav.calendar') })
      .waitFor();
    await external.open(`/calendar/${YEAR}`);
    await heading(external).waitFor();
    await external.settled();
    await showsFact(external, vi('calendar:version.label'), vi('calendar:version.inForce', { version: 4 }));
    await external.page.getByText(vi('calendar:readOnly')).waitFor();
    await expect(external.page.getByRole('button', { name: vi('calendar:edit.open') }).count()).resolves.toBe(
      0,
    );
    await expect(
      external.page.getByRole('button', { name: vi('calendar:edit.submit') }).count(),
    ).resolves.toBe(0);
    await expect(external.page.locator('main form').count()).resolves.toBe(0);
    await external.check("the external auditor's calendar", { screenshot: 'calendar-external-auditor' });
    await expectWcag(external, "the external auditor's calendar");
    // …and the API refuses them a save.
    const settings = (await calendarOf(EXTERNAL)).body.settings;
    expect((await org.as(EXTERNAL, 'PUT', `/api/v1/calendars/${YEAR}`, settings)).status).toBe(403);
  });

  it('7. a unit head has no link to it, and the page says it is not theirs (the API answers 403)', async () => {
    const head = await as('head.tthc');
    await head.page.getByRole('navigation', { name: vi('nav.label') }).waitFor();
    await expect(
      head.page
        .getByRole('navigation', { name: vi('nav.label') })
        .getByRole('link', { name: vi('nav.calendar') })
        .count(),
    ).resolves.toBe(0);
    await head.open(`/calendar/${YEAR}`);
    await heading(head).waitFor();
    await head.page
      .getByRole('alert')
      .filter({ hasText: vi('calendar:notAllowed') })
      .waitFor();
    await expect(head.page.getByText(vi('calendar:milestones.auditWindow')).count()).resolves.toBe(0);
    await head.check('the calendar refused to a unit head', { screenshot: 'calendar-not-allowed' });
    await expectWcag(head, 'the calendar refused to a unit head');
    for (const local of ['head.tthc', 'staff.tthc']) {
      expect((await calendarOf(local)).status).toBe(403);
      expect((await versionsOf(local)).status).toBe(403);
    }
  });

  it('8. asked nothing of any other origin', () => {
    expect(browser.requestsOutside()).toEqual([]);
  });
});
