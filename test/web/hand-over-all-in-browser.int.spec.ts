import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation, TaskSummary } from '../api/support/demo-organisation';
import { rehearsalInItsAudit } from '../api/support/year-over-http';
import { vi } from './support/catalogue';
import { unreadableTablesAtPhoneWidth } from './support/phone-tables';
import { browserSuiteConfig, BrowserSession, factOf, pagePath, type Tab } from './support/web-suite';

/**
 * Someone who left holds several open tasks; from the dashboard's panel of tasks held by people who
 * left, the Quality Representative hands them all over at once (chromium, Vietnamese): a successor,
 * a reason, a confirmation that says how many go to whom, then the answer — what was handed over,
 * and what the workflow refused, with its reason. The rest goes to someone else by keyboard alone and
 * the panel empties. A 2024 rehearsal from October (its audit under way) on the real API serving the
 * built web app, the worker, the Temporal dev server and PostgreSQL; every page state checked with
 * axe-core and photographed at desktop and phone width (test-results/screenshots/cycle-hand-over-*).
 */
describe('handing over all the tasks of someone who left, from the dashboard (chromium; API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  const organisationCode = `hb-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const departed = 'Bùi Quang Huy';
  let steps: TaskSummary[];

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    // Beyond those the walk into the audit signs in.
    await Promise.all(['admin', 'auditor.hcth'].map((local) => org.tokenOf(local)));
    // Huy (economics division) audits three other units, one of them Trang's.
    steps = await rehearsalInItsAudit(org);
    // Huy transfers to another province.
    expect(
      (await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('auditor.kinhte')}`, { active: false }))
        .status,
    ).toBe(200);
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close({ endCycles: [{ organisationCode, year: 2024 }] });
  });

  const stepId = (id: string) => steps.find((s) => s.id.endsWith(`/${id}`))!.id;
  const panelOf = (tab: Tab) =>
    tab.page.getByRole('region', { name: vi('cycles:inactive.title'), exact: false });
  const handOverForm = (tab: Tab) =>
    tab.page.getByRole('form', { name: vi('cycles:inactive.handOverAllOf', { name: departed }) });

  it('hands the tasks to an auditor, and says which the workflow refused and why', async () => {
    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    await qmr.open(`/cycles/${encodeURIComponent(cycleId)}`);
    const panel = panelOf(qmr);
    await panel.getByRole('heading', { level: 3, name: departed, exact: false }).waitFor();
    await expect(panel.getByRole('listitem').count()).resolves.toBe(3);
    // Each by its own title: which process, in which unit (not "step s1").
    for (const step of steps) await panel.getByRole('link', { name: step.title.vi, exact: true }).waitFor();
    await qmr.check('the tasks of someone who left, by holder', { screenshot: 'cycle-hand-over-all' });

    await panel
      .getByRole('button', { name: vi('cycles:inactive.handOverAllOf', { name: departed }) })
      .click();
    const form = handOverForm(qmr);
    // Nothing chosen: the picker says so, and nothing is sent.
    await form.getByRole('button', { name: vi('cycles:inactive.next') }).click();
    await form.getByText(vi('cycles:inactive.personRequired')).waitFor();
    await form.getByLabel(vi('cycles:inactive.person')).selectOption(org.idOf('auditor.hcth'));
    await form
      .getByLabel(vi('cycles:inactive.reason'))
      .fill('Đồng chí Huy chuyển công tác từ ngày 01/10/2024');
    await form.getByRole('button', { name: vi('cycles:inactive.next') }).click();
    const confirmation = form.getByRole('alertdialog');
    await confirmation
      .getByText(vi('cycles:inactive.confirmText', { count: 3, from: departed, to: 'Đặng Thu Trang' }))
      .waitFor();
    await qmr.check('the hand-over of all, to confirm', { screenshot: 'cycle-hand-over-all-confirm' });

    await confirmation.getByRole('button', { name: vi('cycles:inactive.confirm') }).click();
    const result = panel.getByRole('status', { name: vi('cycles:inactive.resultLabel') });
    await result
      .getByText(vi('cycles:inactive.handedOver', { count: 2, from: departed, to: 'Đặng Thu Trang' }))
      .waitFor();
    await result.getByText(vi('cycles:inactive.refused', { count: 1, to: 'Đặng Thu Trang' })).waitFor();
    // Her own unit's step: the workflow's rule, in its words, and where the step stays.
    await result
      .getByRole('listitem')
      .filter({ hasText: 'không thuộc đơn vị được đánh giá' })
      .filter({ hasText: vi('cycles:inactive.staysWith', { from: departed }) })
      .waitFor();
    // The panel, loaded again: Huy holds the refused step only. The answer shows before the panel's
    // list is read again, so wait for the handed-over tasks to leave it before counting.
    const held = panel.getByRole('listitem').filter({ has: qmr.page.getByRole('link') });
    await held.nth(1).waitFor({ state: 'detached' });
    await expect(held.count()).resolves.toBe(1);
    await qmr.check('the hand-over of all, its result', { screenshot: 'cycle-hand-over-all-result' });

    const trang = (await org.inbox('auditor.hcth', 'audit-step')).map((t) => t.id).sort();
    expect(trang).toEqual([stepId('s1'), stepId('s2')].sort());
  });

  it('hands the rest over by keyboard, and the panel empties', async () => {
    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    const panel = panelOf(qmr);
    await panel
      .getByRole('button', { name: vi('cycles:inactive.handOverAllOf', { name: departed }) })
      .focus();
    await qmr.page.keyboard.press('Enter');
    const form = handOverForm(qmr);
    const picker = form.getByLabel(vi('cycles:inactive.person'));
    await picker.focus();
    await picker.selectOption(org.idOf('lead.auditor'));
    await qmr.page.keyboard.press('Tab');
    await qmr.page.keyboard.type('Đồng chí Huy chuyển công tác');
    // Enter in a text area is a new line: to the button, and Enter.
    await qmr.page.keyboard.press('Tab');
    await qmr.page.keyboard.press('Enter');
    // The confirmation takes the focus; its first button is the confirmation.
    const confirmation = form.getByRole('alertdialog');
    await confirmation.and(qmr.page.locator(':focus')).waitFor();
    await confirmation
      .getByText(vi('cycles:inactive.confirmText', { count: 1, from: departed, to: 'Lý Thị Mai' }))
      .waitFor();
    await qmr.page.keyboard.press('Tab');
    await qmr.page.keyboard.press('Enter');

    const result = panel.getByRole('status', { name: vi('cycles:inactive.resultLabel') });
    await result
      .getByText(vi('cycles:inactive.handedOver', { count: 1, from: departed, to: 'Lý Thị Mai' }))
      .waitFor();
    // The answer has the focus, and the panel has nothing left to hand over.
    await result.and(qmr.page.locator(':focus')).waitFor();
    await panel.getByText(vi('cycles:inactive.none')).waitFor();
    await expect(panel.getByRole('link').count()).resolves.toBe(0);
    await qmr.check('the hand-over of all, done', { screenshot: 'cycle-hand-over-all-done' });

    expect((await org.inbox('lead.auditor', 'audit-step')).map((t) => t.id)).toEqual([stepId('s3')]);
  });

  it("reads the dashboard's overdue tasks on a phone: each task a card, its name the card's width, nothing cut off", async () => {
    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    await qmr.page.setViewportSize({ width: 360, height: 740 });
    try {
      await qmr.open(`/cycles/${encodeURIComponent(cycleId)}`);
      const overdue = qmr.page.getByRole('region', { name: vi('cycles:overdue.title'), exact: false });
      await overdue.getByRole('row').nth(1).waitFor();
      await qmr.settled();
      // What of a row a user could not read (`support/phone-tables.ts`): a cell past the section's
      // edges, a task's name squeezed into a column, a cell that does not say what it is.
      const unreadable = await unreadableTablesAtPhoneWidth(overdue);
      expect(unreadable).toEqual([]);
    } finally {
      await qmr.page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('shows the head of an audited unit the step auditing it, but offers them neither to hand it over nor to urge its auditor (the Quality Representative urges it, the lead auditor copied)', async () => {
    // s2 audits vp-kiemsoat-tthc, handed above to Trang: the Quality Representative may do both.
    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    await qmr.open(pagePath(stepId('s2')));
    await qmr.page.getByRole('region', { name: vi('tasks:reassign.title') }).waitFor();
    const urging = qmr.page.getByRole('region', { name: vi('cycles:urge.title') });
    // Urged by the Quality Representative, the step's auditor is chased and the audit's lead auditor
    // told: the page says who got the copy.
    await urging.getByRole('button', { name: vi('cycles:urge.open'), exact: false }).click();
    await urging.getByRole('button', { name: vi('cycles:urge.send') }).click();
    // What the section says once answered: the urge sent, or why not.
    const done = urging.locator('[role="status"], [role="alert"]').first();
    await done.waitFor();
    expect(await done.innerText()).toMatch(
      /^Đã gửi thư đôn đốc Đặng Thu Trang \(.+\) lúc [\d:/ ]+; bản sao gửi Lý Thị Mai để theo dõi\.$/,
    );
    // The step's history, read again, says who was copied.
    await qmr.open(pagePath(stepId('s2')));
    const urgedEntry = qmr.page
      .getByRole('region', { name: vi('tasks:history.title') })
      .getByRole('listitem')
      .filter({ hasText: vi('tasks:history.type.task.urged') });
    await expect(
      urgedEntry
        .locator('.event-fact', {
          has: qmr.page.locator('dt', { hasText: vi('tasks:history.field.copiedTo') }),
        })
        .locator('dd')
        .innerText(),
    ).resolves.toContain('Lý Thị Mai');
    // Its head reads the same page, its title and its auditor, and finds neither.
    const head = await browser.tabOf(org.email('head.tthc'), DEMO_PASSWORD);
    await head.open(pagePath(stepId('s2')));
    await head.page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: 'Kiểm soát thủ tục hành chính' })
      .waitFor();
    await head.page.getByText('Đặng Thu Trang').first().waitFor();
    await expect(head.page.getByRole('region', { name: vi('tasks:reassign.title') }).count()).resolves.toBe(
      0,
    );
    await expect(head.page.getByRole('region', { name: vi('cycles:urge.title') }).count()).resolves.toBe(0);
    // The year's pages: a unit head does not read its history nor its files (the API's 403), so is
    // offered neither, in the pages' bar or in the dashboard's list of them; the Quality
    // Representative is.
    const historyTab = (tab: Tab) =>
      tab.page
        .getByRole('navigation', { name: vi('cycles:nav.label') })
        .getByRole('link', { name: vi('cycles:nav.history') });
    /** The dashboard's list of the year's pages ("Hồ sơ của chu trình"), once drawn. */
    const listedPages = async (tab: Tab) => {
      const links = tab.page.getByRole('region', { name: vi('cycles:dashboard.more') }).getByRole('link');
      await links.first().waitFor();
      return links.allInnerTexts();
    };
    await head.open(`/cycles/${encodeURIComponent(cycleId)}`);
    await head.page
      .getByRole('navigation', { name: vi('cycles:nav.label') })
      .getByRole('link', { name: vi('cycles:nav.documents') })
      .waitFor();
    await expect(historyTab(head).count()).resolves.toBe(0);
    const yearPages = ['audit', 'review', 'documents'].map((page) => vi(`cycles:nav.${page}`));
    await expect(listedPages(head)).resolves.toEqual(yearPages);
    await qmr.open(`/cycles/${encodeURIComponent(cycleId)}`);
    await historyTab(qmr).waitFor();
    await expect(listedPages(qmr)).resolves.toEqual([
      ...yearPages,
      vi('cycles:nav.evidence'),
      vi('cycles:nav.history'),
    ]);
    // The same in the list of the years, each page named with its year.
    const yearsPages = async (tab: Tab) => {
      await tab.open('/cycles');
      const links = tab.page
        .getByRole('row')
        .filter({ hasText: vi('cycles:list.yearLink', { year: 2024 }) })
        .locator('.row-links')
        .getByRole('link');
      await links.first().waitFor();
      return Promise.all((await links.all()).map((link) => link.getAttribute('aria-label')));
    };
    const ofYear = ['dashboardOf', 'auditOf', 'reviewOf', 'documentsOf'].map((key) =>
      vi(`cycles:list.${key}`, { year: 2024 }),
    );
    await expect(yearsPages(head)).resolves.toEqual(ofYear);
    await expect(yearsPages(qmr)).resolves.toEqual([
      ...ofYear,
      vi('cycles:list.evidenceOf', { year: 2024 }),
      vi('cycles:list.historyOf', { year: 2024 }),
    ]);
    await qmr.check('the list of years, with each year’s pages', { screenshot: 'cycles-list' });
  });

  it('without a worker, the dashboard shows the status, phase and overdue tasks the records hold, says the workflow did not answer, and guesses nothing it holds; with a worker again it comes back by itself', async () => {
    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    const overdue = qmr.page.getByRole('region', { name: vi('cycles:overdue.title'), exact: false });
    const dashboard = async () => {
      await qmr.open(`/cycles/${encodeURIComponent(cycleId)}`);
      await overdue.getByRole('row').nth(1).waitFor({ timeout: 30_000 });
      await qmr.settled();
      const fact = (label: string) => factOf(qmr.page, vi(`cycles:facts.${label}`));
      return {
        status: await fact('status'),
        phase: await fact('phase'),
        decision: await fact('decision'),
        rehearsal: await fact('rehearsal'),
        overdue: await overdue.getByRole('row').allInnerTexts(),
      };
    };
    const answered = await dashboard();
    // The workflow's own: the approving decision's number, and the October rehearsal's shift.
    expect([answered.decision, answered.rehearsal]).not.toContain(vi('cycles:facts.notReadNow'));
    expect(answered.decision).not.toBe(vi('cycles:facts.noDecision'));
    expect(answered.rehearsal).not.toBe(vi('cycles:facts.rehearsalUnshifted'));

    await suite.stopWorker();
    const unanswered = await dashboard();
    const notice = qmr.page.getByRole('status').filter({ hasText: vi('cycles:dashboard.liveUnavailable') });
    await notice.waitFor();
    expect(unanswered).toEqual({
      ...answered,
      decision: vi('cycles:facts.notReadNow'),
      rehearsal: vi('cycles:facts.notReadNow'),
    });
    // No phase marked behind its plan: the plan is the workflow's dates, unknown now.
    await expect(qmr.page.locator('.timeline .status-warn').count()).resolves.toBe(0);
    await qmr.check('the dashboard while its workflow does not answer', {
      screenshot: 'cycle-dashboard-workflow-unanswered',
    });

    // A worker again: without a reload, the page asks again and shows the workflow's answer.
    await suite.startWorker();
    await notice.waitFor({ state: 'detached', timeout: 90_000 });
    await expect(factOf(qmr.page, vi('cycles:facts.decision'))).resolves.toBe(answered.decision);
    await expect(factOf(qmr.page, vi('cycles:facts.rehearsal'))).resolves.toBe(answered.rehearsal);
  }, 180_000);

  it("moves the general division's open work from its head to the deputy chosen to take it over, as the dashboard proposes, and the deputy, heading it, hands it back", async () => {
    // From October the Deputy Chief of Office takes the general division over.
    const deputy = await org.joinAsHead(
      'deputy.tonghop',
      { fullName: 'Đinh Văn Ban', title: 'Phó Chánh Văn phòng' },
      'vp-tonghop',
    );
    const heldBy = async (local: string) =>
      (await org.as<{ items: TaskSummary[] }>(local, 'GET', `/api/v1/me/tasks?limit=100`)).body.items.filter(
        (task) => task.assigneeUserId === org.idOf(local) && task.cycleId === cycleId,
      );
    const division = (await heldBy('head.tonghop')).filter((task) => task.unitCode === 'vp-tonghop');
    expect(division.length).toBeGreaterThan(0);
    const ids = division.map((task) => task.id).sort();

    /**
     * The division's open work handed from `from` to `to` in the section, as `tab` sees it: from the
     * section's line saying the directory gives the unit's work to `to` now (`proposed`), or by
     * choosing the unit and the successor.
     */
    const handOverDivision = async (
      tab: Tab,
      from: string,
      to: { name: string; id: string },
      { proposed = false, screenshot }: { proposed?: boolean; screenshot?: string } = {},
    ) => {
      await tab.open(`/cycles/${encodeURIComponent(cycleId)}`);
      const section = tab.page.getByRole('region', { name: vi('cycles:unitWork.title') });
      const named = vi('cycles:unitWork.handOverOf', { unit: 'Phòng Tổng hợp', name: from });
      const form = section.getByRole('form', { name: named });
      if (proposed) {
        await section
          .getByRole('listitem')
          .filter({
            hasText: vi('cycles:unitWork.moved', {
              unit: 'Phòng Tổng hợp',
              taker: to.name,
              holder: from,
              count: division.length,
            }),
          })
          .getByRole('button', { name: vi('cycles:unitWork.moveTo', { name: to.name }) })
          .click();
        // The form opens with the one the directory names chosen.
        await expect(form.getByLabel(vi('cycles:inactive.person')).inputValue()).resolves.toBe(to.id);
      } else {
        await section.getByLabel(vi('cycles:unitWork.unit')).selectOption('vp-tonghop');
        // One person holds the division's open work: they are chosen already.
        await expect(
          section.getByLabel(vi('cycles:unitWork.holder')).locator('option:checked').textContent(),
        ).resolves.toBe(`${from} (${vi('cycles:inactive.count', { count: division.length })})`);
        await section.getByRole('button', { name: named }).click();
        await form.getByLabel(vi('cycles:inactive.person')).selectOption(to.id);
      }
      await form
        .getByLabel(vi('cycles:inactive.reason'))
        .fill('Phân công phụ trách Phòng Tổng hợp từ ngày 01/10/2024');
      await form.getByRole('button', { name: vi('cycles:inactive.next') }).click();
      const confirmation = form.getByRole('alertdialog');
      await confirmation
        .getByText(
          vi('cycles:unitWork.confirmText', {
            count: division.length,
            unit: 'Phòng Tổng hợp',
            from,
            to: to.name,
          }),
        )
        .waitFor();
      if (screenshot) await tab.check("a unit's open work, to hand over", { screenshot });
      await confirmation.getByRole('button', { name: vi('cycles:inactive.confirm') }).click();
      const result = section.getByRole('status', { name: vi('cycles:inactive.resultLabel') });
      await result
        .getByText(vi('cycles:inactive.handedOver', { count: division.length, from, to: to.name }))
        .waitFor();
      // The one handing over held the division's work this year: what it opens later follows too.
      await result
        .getByText(vi('cycles:unitWork.takenOver', { units: 'Phòng Tổng hợp', to: to.name }))
        .waitFor();
      return section;
    };

    // The administrator has the deputy take the division's work; the dashboard says Nam still holds it.
    expect(
      (await org.as('admin', 'PATCH', '/api/v1/units/vp-tonghop', { workHeadUserId: deputy })).status,
    ).toBe(200);
    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    await handOverDivision(
      qmr,
      'Võ Đình Nam',
      { name: 'Đinh Văn Ban', id: deputy },
      { proposed: true, screenshot: 'cycle-hand-over-unit-work' },
    );
    await qmr.check("a unit's open work, handed over", { screenshot: 'cycle-hand-over-unit-work-done' });
    // The deputy holds the division's open work; Nam holds none of it.
    expect((await heldBy('deputy.tonghop')).map((task) => task.id).sort()).toEqual(ids);
    expect((await heldBy('head.tonghop')).filter((task) => task.unitCode === 'vp-tonghop')).toEqual([]);

    // Heading the division, the deputy is offered its work alone, and hands it back to Nam.
    const ban = await browser.tabOf(org.email('deputy.tonghop'), DEMO_PASSWORD);
    await ban.open(`/cycles/${encodeURIComponent(cycleId)}`);
    const units = ban.page
      .getByRole('region', { name: vi('cycles:unitWork.title') })
      .getByLabel(vi('cycles:unitWork.unit'));
    await units.waitFor();
    await expect(units.locator('option').allTextContents()).resolves.toEqual([
      vi('cycles:unitWork.chooseUnit'),
      `Phòng Tổng hợp (${vi('cycles:inactive.count', { count: division.length })})`,
    ]);
    await handOverDivision(ban, 'Đinh Văn Ban', { name: 'Võ Đình Nam', id: org.idOf('head.tonghop') });
    expect(
      (await heldBy('head.tonghop'))
        .filter((task) => task.unitCode === 'vp-tonghop')
        .map((task) => task.id)
        .sort(),
    ).toEqual(ids);
  });
  it('gives a unit its new head for what the year opens for it later, though nothing of it is open', async () => {
    // The economics division, for which the Chief of Office stood in, gets a head; it holds no task.
    const headId = await org.joinAsHead(
      'head.kinhte',
      { fullName: 'Lê Văn Phúc', title: 'Trưởng phòng Kinh tế' },
      'vp-kinhte',
    );
    const holderOf = async () =>
      (
        await org.as<{ live: { unitWork: { unitCode: string; holderUserId: string }[] } }>(
          'qmr',
          'GET',
          `/api/v1/cycles/${cycleId}`,
        )
      ).body.live.unitWork.find((unit) => unit.unitCode === 'vp-kinhte')?.holderUserId;
    expect(await holderOf()).toBe(org.idOf('qmr'));

    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    await qmr.open(`/cycles/${encodeURIComponent(cycleId)}`);
    const section = qmr.page.getByRole('region', { name: vi('cycles:unitWork.title') });
    const line = section.getByRole('listitem').filter({
      hasText: vi('cycles:unitWork.movedLater', {
        unit: 'Phòng Kinh tế',
        taker: 'Lê Văn Phúc',
        holder: 'Trần Quốc Việt',
      }),
    });
    await line.getByRole('button', { name: vi('cycles:unitWork.moveTo', { name: 'Lê Văn Phúc' }) }).click();
    const form = section.getByRole('form', {
      name: vi('cycles:unitWork.handOverOf', { unit: 'Phòng Kinh tế', name: 'Trần Quốc Việt' }),
    });
    await expect(form.getByLabel(vi('cycles:inactive.person')).inputValue()).resolves.toBe(headId);
    // It says that nothing is open, and what moves instead.
    await form
      .getByText(vi('cycles:unitWork.explainLater', { unit: 'Phòng Kinh tế', name: 'Trần Quốc Việt' }))
      .waitFor();
    await form
      .getByLabel(vi('cycles:inactive.reason'))
      .fill('Phòng Kinh tế có Trưởng phòng từ ngày 01/11/2024');
    await form.getByRole('button', { name: vi('cycles:inactive.next') }).click();
    const confirmation = form.getByRole('alertdialog');
    await confirmation
      .getByText(
        vi('cycles:unitWork.confirmLater', {
          unit: 'Phòng Kinh tế',
          from: 'Trần Quốc Việt',
          to: 'Lê Văn Phúc',
        }),
      )
      .waitFor();
    await qmr.check("a unit's later work, to hand over", { screenshot: 'cycle-hand-over-unit-later-work' });
    await confirmation.getByRole('button', { name: vi('cycles:inactive.confirm') }).click();
    const result = section.getByRole('status', { name: vi('cycles:inactive.resultLabel') });
    await result
      .getByText(vi('cycles:unitWork.takenOver', { units: 'Phòng Kinh tế', to: 'Lê Văn Phúc' }))
      .waitFor();
    // Nothing was handed over, so the answer does not say "0 tasks"; the proposal is gone.
    await expect(
      result
        .getByText(vi('cycles:inactive.handedOver', { count: 0, from: 'Trần Quốc Việt', to: 'Lê Văn Phúc' }))
        .count(),
    ).resolves.toBe(0);
    await line.waitFor({ state: 'detached' });
    expect(await holderOf()).toBe(headId);

    // The cycle's history says it, by name: the unit, from whom, to whom, why.
    await qmr.open(`/cycles/${encodeURIComponent(cycleId)}/history?type=cycle.unit-work-moved`);
    const row = qmr.page
      .locator('.events-table tbody tr')
      .filter({ hasText: vi('cycles:eventType.cycle.unit-work-moved') })
      .filter({ hasText: 'Phòng Kinh tế' });
    // By name once the page has read the people's names (until then it says "Người dùng 1a2b…").
    await row.filter({ hasText: 'Lê Văn Phúc' }).waitFor();
    const detail = await row.innerText();
    for (const words of [
      'Phòng Kinh tế',
      'Trần Quốc Việt',
      'Lê Văn Phúc',
      'Phòng Kinh tế có Trưởng phòng từ ngày 01/11/2024',
    ])
      expect(detail).toContain(words);
    await qmr.check("a unit's work moved, in the cycle's history", {
      screenshot: 'cycle-history-unit-work-moved',
    });
  });
  it("urges the general division's overdue reports together: a mail each, one copy to its other head, and each row says when", async () => {
    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    await qmr.open(`/cycles/${encodeURIComponent(cycleId)}`);
    const overdue = qmr.page.getByRole('region', { name: vi('cycles:overdue.title'), exact: false });
    const division = overdue
      .locator('.overdue-unit')
      .filter({ has: qmr.page.getByRole('heading', { level: 3, name: 'Phòng Tổng hợp', exact: false }) });
    const rows = division.getByRole('row').filter({ has: qmr.page.getByRole('cell') });
    await rows.first().waitFor();
    // Nam's quarterly reports, given when the October rehearsal began: overdue, none urged yet.
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(2);
    const reports = (
      await org.as<{ items: TaskSummary[] }>('head.tonghop', 'GET', '/api/v1/me/tasks?limit=100')
    ).body.items.filter(
      (task) =>
        task.cycleId === cycleId &&
        task.unitCode === 'vp-tonghop' &&
        task.assigneeUserId === org.idOf('head.tonghop') &&
        Date.parse(task.dueAt ?? '') < Date.now(),
    );
    expect(reports).toHaveLength(count);

    await division
      .getByRole('button', {
        name: `${vi('cycles:urgeUnit.open', { count })} ${vi('cycles:urgeUnit.ofUnit', { unit: 'Phòng Tổng hợp' })}`,
      })
      .click();
    const form = division.getByRole('form', {
      name: vi('cycles:urgeUnit.formLabel', { unit: 'Phòng Tổng hợp' }),
    });
    await expect(form.getByRole('listitem').count()).resolves.toBe(count);
    await form.getByLabel(vi('cycles:urge.note')).fill('Đề nghị phòng gửi số liệu các quý trước ngày 15/10.');
    await qmr.check("a unit's overdue tasks, to urge together", { screenshot: 'cycle-urge-unit' });
    await form.getByRole('button', { name: vi('cycles:urgeUnit.send', { count }) }).click();

    // The answer: how many, when, and the one copy — to Ban, the division's other head (Nam's own
    // reports: he is urged, not copied).
    const answer = division.getByRole('status');
    await answer.waitFor();
    expect(await answer.innerText()).toMatch(
      new RegExp(
        `^Đã đôn đốc ${count} việc của Phòng Tổng hợp lúc [\\d:/ ]+; một bản sao liệt kê các việc gửi Đinh Văn Ban để theo dõi\\.$`,
      ),
    );
    // The rows, read again: each says when it was urged, and offers no urge until tomorrow.
    await rows
      .first()
      .getByText(vi('cycles:urge.last', { at: '' }).replace(/\.$/, '').trim(), { exact: false })
      .waitFor();
    for (let row = 0; row < count; row++)
      await expect(
        rows
          .nth(row)
          .getByRole('button', { name: vi('cycles:urge.open'), exact: false })
          .count(),
      ).resolves.toBe(0);
    await expect(
      division.getByRole('button', { name: vi('cycles:urgeUnit.open', { count }), exact: false }).count(),
    ).resolves.toBe(0);
    await qmr.check("a unit's overdue tasks, urged together", { screenshot: 'cycle-urge-unit-done' });

    // On the record: each report urged once by the Quality Representative; one of them carried the copy.
    const urges = await Promise.all(
      reports.map(async (report) =>
        (
          await org.as<{ history: { type: string; actor: string; payload: Record<string, unknown> }[] }>(
            'qmr',
            'GET',
            `/api/v1/tasks/${encodeURIComponent(report.id)}`,
          )
        ).body.history.filter((entry) => entry.type === 'task.urged'),
      ),
    );
    expect(urges.map((entries) => entries.map((entry) => entry.actor))).toEqual(
      reports.map(() => [org.idOf('qmr')]),
    );
    expect(urges.flat().filter((entry) => entry.payload.copiedToUserIds)).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({ copiedToUserIds: [org.idOf('deputy.tonghop')] }),
      }),
    ]);
  });

  it("gives the year's leader role to the new Vice-Chairman, though the one who left holds no open task", async () => {
    const viceChairId = await org.join('leader.new', {
      fullName: 'Y Ngọc',
      title: 'Phó Chủ tịch Ủy ban nhân dân tỉnh',
      roles: [{ role: 'leader' }],
    });
    expect(
      (await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('leader')}`, { active: false })).status,
    ).toBe(200);
    const leaderNow = async () =>
      (
        await org.as<{ live: { roles: { role: string; holderUserId: string }[] } }>(
          'qmr',
          'GET',
          `/api/v1/cycles/${cycleId}`,
        )
      ).body.live.roles.find((role) => role.role === 'leader')?.holderUserId;
    expect(await leaderNow()).toBe(org.idOf('leader'));

    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    await qmr.open(`/cycles/${encodeURIComponent(cycleId)}`);
    const panel = panelOf(qmr);
    const leaderRole = vi('directory:roles.leader');
    const left = 'Nguyễn Hữu Tháp';
    // Listed with no task: the year still gives him the leader's work.
    await panel.getByRole('heading', { level: 3, name: left, exact: false }).waitFor();
    await panel.getByText(vi('cycles:roleWork.stillHolds', { name: left, roles: leaderRole })).waitFor();
    const named = vi('cycles:roleWork.handOverOf', { name: left, roles: leaderRole });
    await panel.getByRole('button', { name: named }).click();
    const form = panel.getByRole('form', { name: named });
    await form.getByText(vi('cycles:roleWork.explainLater', { name: left, roles: leaderRole })).waitFor();
    // Only someone the directory makes a leader now may take the role.
    const picker = form.getByLabel(vi('cycles:inactive.person'));
    const offered = await picker.locator('option').allInnerTexts();
    expect(offered.some((option) => option.includes('Y Ngọc'))).toBe(true);
    expect(offered.some((option) => option.includes('Trần Quốc Việt'))).toBe(false);
    await picker.selectOption(viceChairId);
    await form
      .getByLabel(vi('cycles:inactive.reason'))
      .fill('Đồng chí Tháp chuyển công tác từ ngày 01/11/2024');
    await form.getByRole('button', { name: vi('cycles:inactive.next') }).click();
    const confirmation = form.getByRole('alertdialog');
    await confirmation
      .getByText(vi('cycles:roleWork.confirmLater', { roles: leaderRole, from: left, to: 'Y Ngọc' }))
      .waitFor();
    await qmr.check("the year's leader role, to hand over", { screenshot: 'cycle-hand-over-role' });
    await confirmation.getByRole('button', { name: vi('cycles:inactive.confirm') }).click();

    const result = panel.getByRole('status', { name: vi('cycles:inactive.resultLabel') });
    await result.getByText(vi('cycles:roleWork.takenOver.leader', { to: 'Y Ngọc' })).waitFor();
    await expect(
      result.getByText(vi('cycles:inactive.handedOver', { count: 0, from: left, to: 'Y Ngọc' })).count(),
    ).resolves.toBe(0);
    await panel.getByRole('heading', { level: 3, name: left, exact: false }).waitFor({ state: 'detached' });
    expect(await leaderNow()).toBe(viceChairId);
    await qmr.check("the year's leader role handed over", { screenshot: 'cycle-hand-over-role-done' });

    // The cycle's history says it, by name: the role, from whom, to whom, why.
    await qmr.open(`/cycles/${encodeURIComponent(cycleId)}/history?type=cycle.role-moved`);
    const row = qmr.page
      .locator('.events-table tbody tr')
      .filter({ hasText: vi('cycles:eventType.cycle.role-moved') });
    // By name once the page has read the people's names (until then it says "Người dùng 1a2b…").
    await row.filter({ hasText: 'Y Ngọc' }).waitFor();
    const detail = await row.innerText();
    for (const words of [leaderRole, left, 'Y Ngọc', 'Đồng chí Tháp chuyển công tác từ ngày 01/11/2024'])
      expect(detail).toContain(words);
    await qmr.check("a role moved, in the cycle's history", { screenshot: 'cycle-history-role-moved' });
  });
  it("gives the Quality Representative's role, with the open tasks, from the Chief of Office posted elsewhere to his successor", async () => {
    const chiefId = await org.join('qmr.new', {
      fullName: 'Lê Minh Tuấn',
      title: 'Chánh Văn phòng',
      roles: [{ role: 'quality-representative' }],
    });
    // Việt is posted elsewhere in the province: still in the directory, no longer Quality Representative.
    await org.revokeRole('qmr', 'quality-representative');
    const cycleNow = async () =>
      (
        await org.as<{
          live: {
            roles: { role: string; holderUserId: string }[];
            openTasks: { taskId: string; assigneeUserId: string }[];
          };
        }>('qmr.new', 'GET', `/api/v1/cycles/${cycleId}`)
      ).body.live;
    const held = (await cycleNow()).openTasks.filter((task) => task.assigneeUserId === org.idOf('qmr'));
    expect(held.length).toBeGreaterThan(0);

    const chief = await browser.tabOf(org.email('qmr.new'), DEMO_PASSWORD);
    await chief.open(`/cycles/${encodeURIComponent(cycleId)}`);
    const section = chief.page.getByRole('region', { name: vi('cycles:roleWork.title') });
    const qualityRepresentative = vi('directory:roles.quality-representative');
    const viet = 'Trần Quốc Việt';
    await section
      .getByText(
        vi('cycles:roleWork.moved', { roles: qualityRepresentative, holder: viet, count: held.length }),
      )
      .waitFor();
    await section
      .getByRole('button', { name: vi('cycles:roleWork.moveTo', { name: 'Lê Minh Tuấn' }) })
      .click();
    const form = section.getByRole('form', { name: vi('cycles:inactive.handOverAllOf', { name: viet }) });
    await expect(form.getByLabel(vi('cycles:inactive.person')).inputValue()).resolves.toBe(chiefId);
    await form
      .getByText(vi('cycles:roleWork.withTasks', { roles: qualityRepresentative, name: viet }))
      .waitFor();
    await form
      .getByLabel(vi('cycles:inactive.reason'))
      .fill('Đồng chí Việt được điều động sang công tác khác từ ngày 01/11/2024');
    await form.getByRole('button', { name: vi('cycles:inactive.next') }).click();
    const confirmation = form.getByRole('alertdialog');
    await confirmation
      .getByText(vi('cycles:inactive.confirmText', { count: held.length, from: viet, to: 'Lê Minh Tuấn' }))
      .waitFor();
    await confirmation
      .getByText(vi('cycles:roleWork.confirmWithTasks', { roles: qualityRepresentative, to: 'Lê Minh Tuấn' }))
      .waitFor();
    await chief.check("the year's Quality Representative role, to hand over with the tasks", {
      screenshot: 'cycle-hand-over-role-with-tasks',
    });
    await confirmation.getByRole('button', { name: vi('cycles:inactive.confirm') }).click();

    const result = section.getByRole('status', { name: vi('cycles:inactive.resultLabel') });
    await result
      .getByText(vi('cycles:roleWork.takenOver.quality-representative', { to: 'Lê Minh Tuấn' }))
      .waitFor();
    // The proposal is gone; the year's Quality Representative is the successor, who holds Việt's tasks.
    await section
      .getByRole('button', { name: vi('cycles:roleWork.moveTo', { name: 'Lê Minh Tuấn' }) })
      .waitFor({
        state: 'detached',
      });
    const after = await cycleNow();
    expect(after.roles.find((entry) => entry.role === 'quality-representative')?.holderUserId).toBe(chiefId);
    expect(after.openTasks.filter((task) => task.assigneeUserId === org.idOf('qmr'))).toEqual([]);
    await chief.check("the year's Quality Representative role handed over", {
      screenshot: 'cycle-hand-over-role-with-tasks-done',
    });
  });
});
