import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from '../api/support/demo-organisation';
import { APPROVAL } from '../api/support/year-over-http';
import { octoberAuditPlan } from '../api/support/year-fixtures';
import {
  outlineOf,
  overflowAt,
  refusalProblems,
  skippedHeadings,
  walkWithTab,
  wcagViolations,
} from './support/accessibility';
import { en, vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, descriptionOf, pagePath, type Tab } from './support/web-suite';

/** The title index.html gives every page until the page names itself. */
const DEFAULT_TITLE = 'qcycle — Hệ thống quản lý chất lượng';

/**
 * The web app against WCAG 2.1 AA (what Circular 26/2020/TT-BTTTT asks of Vietnamese public
 * services), on the pages each of its people uses, in Vietnamese: the sign-in page, My tasks, a task
 * of each main kind (the leader's approval, the Chief of Office's assignment, a unit's acceptance, a
 * monthly report, the audit plan and an audit step), the cycle's dashboard, audit, review, documents
 * and history, the notifications and the administrator's directory; and one page in English.
 *
 * On every page: no axe-core violation of any impact under the WCAG 2.0/2.1 A and AA tags; a title of
 * its own, naming what its main heading names; `lang` of the page's language; one h1 and no heading
 * level skipped; no horizontal scrolling at 320 CSS px (1.4.10); and the Tab key reaching every
 * control, each showing where the focus is (2.1.1, 2.4.7). Refused forms are checked as they say it:
 * the focus on the refusal, each refused field invalid and described by its message (3.3.1). Moving
 * to another page, or to the last of a list's pages, leaves the focus somewhere useful (2.4.3).
 *
 * The real API serving the built web app, the worker, PostgreSQL and the shared Temporal dev server:
 * a rehearsal of 2024 from October, so that monthly reports and the audit are open as soon as the
 * objectives are assigned, without letting days pass. The pages are reached through the API as their
 * people would have left them (each task answered over HTTP after its page was checked).
 */
describe('the web app meets WCAG 2.1 AA on the pages its people use (chromium; API, worker, PostgreSQL, Temporal dev server)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  const organisationCode = `a11y-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const cyclePath = `/cycles/${encodeURIComponent(cycleId)}`;
  /** Each page checked, and the title it had. */
  const titles = new Map<string, string>();

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    for (const local of [
      'qmr',
      'leader',
      'head.tthc',
      'head.tonghop',
      'lead.auditor',
      'auditor.hcth',
      'auditor.kinhte',
    ])
      await org.tokenOf(local);
    const started = await org.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode,
      year: 2024,
      rehearsal: true,
      rehearsalFrom: '2024-10-02',
    });
    expect(started.status).toBe(201);
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  /** That person's own tab, signed in through the sign-in page the first time. */
  const as = (local: string): Promise<Tab> => browser.tabOf(org.email(local), DEMO_PASSWORD);

  const complete = async (local: string, taskId: string, outcome: unknown) =>
    expect((await org.as(local, 'POST', taskPath(taskId, '/complete'), { outcome })).status).toBe(200);

  /**
   * Everything checked of a page as it is now (see the suite's comment); `language` is the one it
   * must be in. Each list is compared with an empty one, so that a failure names what to fix.
   */
  async function expectAccessible(tab: Tab, what: string, language: 'vi' | 'en' = 'vi'): Promise<void> {
    await tab.settled();
    const page = tab.page;
    expect({ what, violations: await wcagViolations(page) }).toEqual({ what, violations: [] });

    const outline = await outlineOf(page);
    const h1s = outline.headings.filter((h) => h.level === 1).map((h) => h.text);
    expect({ what, h1s: h1s.length, skipped: skippedHeadings(outline), lang: outline.lang }).toEqual({
      what,
      h1s: 1,
      skipped: [],
      lang: language,
    });
    // A title of the page's own, saying what its heading says ("Đăng nhập" for "Đăng nhập qcycle",
    // "Danh bạ: Đơn vị" for the directory's units).
    const named = outline.title.replace(/ · qcycle$/, '');
    expect({
      what,
      title: outline.title,
      ownTitle: outline.title !== DEFAULT_TITLE && outline.title.endsWith(' · qcycle'),
      sameAsHeading: named.startsWith(h1s[0]) || h1s[0].startsWith(named),
    }).toEqual({ what, title: outline.title, ownTitle: true, sameAsHeading: true });
    titles.set(what, outline.title);

    expect({ what, overflowAt320px: await overflowAt(page, 320) }).toEqual({ what, overflowAt320px: 0 });

    const walk = await walkWithTab(page);
    expect({
      what,
      unreached: walk.unreached,
      withoutIndicator: walk.withoutIndicator,
      offScreen: walk.offScreen,
    }).toEqual({
      what,
      unreached: [],
      withoutIndicator: [],
      offScreen: [],
    });
    expect(walk.reached.length).toBeGreaterThan(0);
  }

  /** A refused form, as the page now says it: focus, invalid fields and their messages, and axe. */
  async function expectRefusalSaid(tab: Tab, what: string): Promise<void> {
    await tab.page.locator('[role="alert"], [aria-invalid="true"]').first().waitFor();
    // The focus moves after two frames (ui/focus.ts).
    await tab.page.locator('[role="alert"]:focus, [aria-invalid="true"]:focus').waitFor();
    expect({ what, problems: await refusalProblems(tab.page) }).toEqual({ what, problems: [] });
    expect({ what, violations: await wcagViolations(tab.page) }).toEqual({ what, violations: [] });
  }

  async function taskOf(local: string, kind: string): Promise<TaskSummary> {
    return org.waitForTask(local, kind);
  }

  async function openTask(tab: Tab, task: TaskSummary): Promise<void> {
    await tab.open(pagePath(task.id));
    await tab.page.getByRole('heading', { level: 2, name: vi(`tasks:formTitle.${task.kind}`) }).waitFor();
  }

  it('the sign-in page, and a sign-in sent empty, in Vietnamese and in English', async () => {
    const visitor = await browser.tab();
    await visitor.open('/sign-in');
    await visitor.page.getByLabel(vi('common:signIn.email')).waitFor();
    await expectAccessible(visitor, 'the sign-in page');

    await visitor.page.getByRole('button', { name: vi('common:signIn.submit'), exact: true }).click();
    await visitor.page
      .getByRole('alert')
      .filter({ hasText: vi('common:signIn.incomplete') })
      .waitFor();
    await expectRefusalSaid(visitor, 'the sign-in page sent empty');

    await visitor.page
      .getByRole('group', { name: vi('language.label') })
      .getByRole('button', { name: 'English' })
      .click();
    await visitor.page.getByRole('heading', { level: 1, name: en('common:signIn.title') }).waitFor();
    await expect(visitor.page.title()).resolves.toBe(`${en('common:signIn.submit')} · qcycle`);
    await expectAccessible(visitor, 'the sign-in page in English', 'en');
    await visitor.close();
  });

  it("the leader's My tasks, reached by signing in (the focus on its heading), and the objectives' approval, refused without its number", async () => {
    const approval = await taskOf('leader', 'objectives-approval');
    const leader = await as('leader');
    const heading = leader.page.getByRole('heading', { level: 1, name: vi('tasks:inbox.title') });
    // Signing in moves to My tasks: its heading takes the focus the sign-in button had.
    await heading.and(leader.page.locator(':focus')).waitFor();
    await expectAccessible(leader, "the leader's My tasks");

    await openTask(leader, approval);
    await expectAccessible(leader, "the leader's approval of the objectives");
    await leader.page.getByRole('button', { name: vi('tasks:approval.approve') }).click();
    await expectRefusalSaid(leader, 'the approval sent without its number');
    await complete('leader', approval.id, APPROVAL);
  });

  it("the Chief of Office's assignment and a unit's acceptance", async () => {
    const assignment = await taskOf('qmr', 'assignment-acceptance');
    const qmr = await as('qmr');
    await openTask(qmr, assignment);
    await expectAccessible(qmr, 'the assignment of the objectives to units');
    const detail = await org.as<{ form: { objectives: { id: string; proposedUnitCode: string }[] } }>(
      'qmr',
      'GET',
      taskPath(assignment.id),
    );
    await complete('qmr', assignment.id, {
      accepted: true,
      delegations: detail.body.form.objectives.map((o) => ({
        objectiveId: o.id,
        unitCode: o.proposedUnitCode,
      })),
    });

    const acceptance = await taskOf('head.tthc', 'unit-acceptance');
    const head = await as('head.tthc');
    await openTask(head, acceptance);
    await expectAccessible(head, "the procedure-control unit's acceptance");
    for (const local of ['head.tthc', 'head.tonghop', 'qmr'])
      await complete(local, (await taskOf(local, 'unit-acceptance')).id, { accepted: true });
  });

  it('a monthly report, the audit plan, and an audit step refused without its result', async () => {
    const report = await taskOf('qmr', 'measurement-report');
    const qmr = await as('qmr');
    await openTask(qmr, report);
    await expectAccessible(qmr, 'a monthly report');

    const plan = await taskOf('lead.auditor', 'audit-plan');
    const lead = await as('lead.auditor');
    await openTask(lead, plan);
    await expectAccessible(lead, 'the audit plan');
    await complete('lead.auditor', plan.id, octoberAuditPlan(org));

    const step = await taskOf('auditor.hcth', 'audit-step');
    const auditor = await as('auditor.hcth');
    await openTask(auditor, step);
    await expectAccessible(auditor, 'an audit step');
    await auditor.page.getByRole('button', { name: vi('tasks:auditStep.submit') }).click();
    await expectRefusalSaid(auditor, 'the audit step sent without its result');
    // The result's choices are refused as a group: each says it is invalid, the group why.
    const result = auditor.page.getByRole('group', { name: vi('tasks:auditStep.result') });
    for (const choice of await result.getByRole('radio').all())
      await expect(choice.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await descriptionOf(result)).not.toBe('');
  });

  it("the Quality Representative's pages: cycles, the dashboard, audit, review, documents, history, notifications, the working calendar, My tasks", async () => {
    const qmr = await as('qmr');
    for (const [path, what] of [
      ['/cycles', 'the cycles'],
      [cyclePath, 'the cycle dashboard'],
      [`${cyclePath}/audit`, "the cycle's audit"],
      [`${cyclePath}/review`, "the cycle's review"],
      [`${cyclePath}/documents`, "the cycle's documents"],
      [`${cyclePath}/history`, "the cycle's history"],
      ['/notifications', 'the notifications'],
      ['/calendar/2024', 'the working calendar'],
      ['/', "the Quality Representative's My tasks"],
    ] as const) {
      await qmr.open(path);
      await qmr.page.locator('main h1').waitFor();
      await expectAccessible(qmr, what);
    }
  });

  it('moving by a link gives the new page its title and the focus on its heading; the last page of a list keeps the focus on its button', async () => {
    const qmr = await as('qmr');
    await qmr.open('/');
    await qmr.page.getByRole('heading', { level: 1, name: vi('tasks:inbox.title') }).waitFor();
    await qmr.page
      .getByRole('navigation', { name: vi('nav.label') })
      .getByRole('link', { name: vi('nav.cycles') })
      .press('Enter');
    await qmr.page
      .getByRole('heading', { level: 1, name: vi('cycles:list.title') })
      .and(qmr.page.locator(':focus'))
      .waitFor();
    await expect(qmr.page.title()).resolves.toBe(`${vi('cycles:list.title')} · qcycle`);

    // The directory's change log, 20 a page, once the administrator has added 21 units: each press of
    // "next" keeps the focus on it, the last one too.
    for (let n = 1; n <= 21; n++)
      expect(
        (
          await org.as('admin', 'POST', '/api/v1/units', {
            code: `${organisationCode}-u${n}`,
            name: { vi: `Phòng thử nghiệm ${n}`, en: `Test division ${n}` },
          })
        ).status,
      ).toBe(201);
    const admin = await as('admin');
    await admin.open('/directory?view=events');
    const pager = admin.page.getByRole('navigation', { name: vi('directory:events.pages') });
    const next = pager.getByRole('button').last();
    // While the next page is on its way the pager says so, not the range it goes to, and the rows
    // still shown (the first page's) are dimmed: the answer is held back to see it.
    await pager.getByText(/^1–20 trên \d+$/).waitFor();
    let answer = () => {};
    const heldBack = new Promise<void>((resolve) => (answer = resolve));
    const nextPage = (url: URL) =>
      url.pathname === '/api/v1/directory/events' && url.searchParams.get('offset') === '20';
    await admin.page.route(nextPage, async (route) => {
      await heldBack;
      await route.continue();
    });
    await next.press('Enter');
    await pager.getByText(vi('common:pager.loading'), { exact: true }).waitFor();
    const table = admin.page.getByRole('table', { name: vi('directory:events.title') });
    await expect(
      table.evaluate(
        (element) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(
            element,
          ).opacity,
      ),
    ).resolves.toBe('0.5');
    answer();
    // The last page: it ends at the total ("21–36 trên 36").
    await pager.getByText(/^\d+–(\d+) trên \1$/).waitFor();
    await admin.page.unroute(nextPage);
    await next.and(admin.page.locator(':focus')).waitFor();
    await expect(next.getAttribute('aria-disabled')).resolves.toBe('true');
  });

  it("the administrator's directory: people, units, the change log, and the form to add someone", async () => {
    const admin = await as('admin');
    for (const view of ['users', 'units', 'events'] as const) {
      await admin.open(`/directory?view=${view}`);
      await admin.page.getByRole('heading', { level: 2, name: vi(`directory:views.${view}`) }).waitFor();
      await expectAccessible(admin, `the directory's ${view}`);
      await expect(admin.page.title()).resolves.toBe(
        `${vi('directory:title')}: ${vi(`directory:views.${view}`)} · qcycle`,
      );
    }
    await admin.open('/directory?view=users');
    await admin.page.getByRole('button', { name: vi('directory:users.add') }).click();
    await admin.page.getByRole('heading', { level: 3, name: vi('directory:users.add') }).waitFor();
    expect({ violations: await wcagViolations(admin.page) }).toEqual({ violations: [] });
  });

  it('the dashboard in English, after the switch', async () => {
    const qmr = await as('qmr');
    await qmr.open(cyclePath);
    await qmr.page
      .getByRole('heading', { level: 1, name: vi('cycles:dashboard.title', { year: 2024 }) })
      .waitFor();
    await qmr.page
      .getByRole('group', { name: vi('language.label') })
      .getByRole('button', { name: 'English' })
      .click();
    await qmr.page
      .getByRole('heading', { level: 1, name: en('cycles:dashboard.title', { year: 2024 }) })
      .waitFor();
    await expect(qmr.page.title()).resolves.toBe(`${en('cycles:dashboard.title', { year: 2024 })} · qcycle`);
    await expectAccessible(qmr, 'the cycle dashboard in English', 'en');
    await qmr.page
      .getByRole('group', { name: en('language.label') })
      .getByRole('button', { name: 'Tiếng Việt' })
      .click();
    await expect(qmr.page.locator('html').getAttribute('lang')).resolves.toBe('vi');
  });

  it('gave every page checked a title of its own', () => {
    const byTitle = new Map<string, string[]>();
    for (const [what, title] of titles) byTitle.set(title, [...(byTitle.get(title) ?? []), what]);
    // My tasks is the same page for the leader and the Quality Representative.
    const shared = [...byTitle.values()].filter(
      (pages) => pages.length > 1 && !pages.every((p) => p.includes('My tasks')),
    );
    expect(shared).toEqual([]);
    expect(titles.size).toBeGreaterThan(15);
  });
});
