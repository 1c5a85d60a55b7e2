import { readFileSync } from 'node:fs';
import { KONTUM_2024_TEMPLATE, loadTemplate } from '@qcycle/domain';
import { eventually, uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import { normalise, pdfText } from '../documents/support/document-text';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, pagePath } from './support/web-suite';

const DAY_MS = 86_400_000;

/**
 * A training's first class has rehearsed 2024: on its dashboard, the leader's approval is among the
 * tasks due in the next seven days, and the Quality Representative urges the leader from its row. The Quality Representative (chromium, Vietnamese) cancels the rehearsal from its dashboard, discards it there — a reason, then a confirmation that
 * says what goes — and, on the cycles page, starts 2024 again for the next class. The real API
 * serving the built web app, the worker, the Temporal dev server and PostgreSQL; every step checked
 * with axe-core, the discard photographed (test-results/screenshots/cycle-discard-rehearsal).
 */
describe('discarding an ended rehearsal from its dashboard, and starting its year again (chromium; API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  const organisationCode = `rb-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const dashboard = `/cycles/${encodeURIComponent(cycleId)}`;
  /** Next year in Vietnam: a rehearsal of it runs on its own dates, its calendar not moved. */
  const comingYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear() + 1;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    const started = await org.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode,
      year: 2024,
      rehearsal: true,
    });
    expect(started.status).toBe(201);
    await eventually('the rehearsal recorded', async () =>
      (await org.as<{ status?: string }>('qmr', 'GET', `/api/v1/cycles/${cycleId}`)).body.status === 'running'
        ? true
        : undefined,
    );
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close({
      endCycles: [
        { organisationCode, year: 2024 },
        { organisationCode, year: comingYear },
      ],
    });
  });

  it("lists the leader's approval among the tasks due in the next seven days, with the days left, on a clock three days before it, and urges the leader from its row", async () => {
    type OpenTask = { taskId: string; kind: string; assigneeUserId: string; dueAt?: string };
    const { openTasks } = (
      await org.as<{ live: { openTasks: OpenTask[] } }>('qmr', 'GET', `/api/v1/cycles/${cycleId}`)
    ).body.live;
    const approval = openTasks.find((task) => task.kind === 'objectives-approval')!;
    // The page's clock three days and two hours before the approval is due (its five working days
    // from today reach further than seven days on some weekdays: the section's own window).
    const now = Date.parse(approval.dueAt!) - 3 * DAY_MS - 2 * 3_600_000;
    // Signed in on that clock: the session lasts from then, as the page counts it.
    const qmr = await browser.tab();
    await qmr.page.clock.setFixedTime(now);
    await qmr.open('/');
    await qmr.page.waitForURL(/\/sign-in$/);
    await qmr.signIn(org.email('qmr'), DEMO_PASSWORD);
    await qmr.open(dashboard);
    const section = qmr.page.getByRole('region', {
      name: vi('cycles:dueSoon.title', { days: 7 }),
      exact: false,
    });
    const rows = section.locator('tbody tr');
    const row = rows.filter({ hasText: vi('tasks:kind.objectives-approval') });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Nguyễn Hữu Tháp');
    // The Quality Representative opens any task: its kind links to its page.
    await expect(
      row.getByRole('link', { name: vi('tasks:kind.objectives-approval') }).getAttribute('href'),
    ).resolves.toBe(pagePath(approval.taskId));
    await expect(row.textContent()).resolves.toContain(vi('cycles:dueSoon.days', { count: 3 }));
    // Every open task due from that moment to seven days on, and no other.
    const soon = openTasks.filter(
      (task) => task.dueAt && Date.parse(task.dueAt) >= now && Date.parse(task.dueAt) <= now + 7 * DAY_MS,
    );
    await expect(rows.count()).resolves.toBe(soon.length);
    // Not yet overdue on that clock.
    await qmr.page
      .getByRole('region', { name: vi('cycles:overdue.title'), exact: false })
      .getByText(vi('cycles:overdue.none'))
      .waitFor();
    await qmr.check('the tasks due in the next seven days, on the dashboard', {
      screenshot: 'cycle-due-soon',
    });

    // The year's tasks by unit: the leader's approval, no unit's work, given and not urged yet.
    const noUnitRow = qmr.page
      .getByRole('region', { name: vi('cycles:tasksByUnit.title') })
      .getByRole('row')
      .filter({ has: qmr.page.getByRole('rowheader', { name: vi('cycles:reviewInput.noUnit') }) });
    const urgedCell = noUnitRow.getByRole('cell').last();
    await expect(urgedCell.getAttribute('data-label')).resolves.toBe(vi('cycles:reviewInput.tasksUrged'));
    await expect(urgedCell.textContent()).resolves.toBe('0');
    await expect(noUnitRow.getByRole('cell').first().textContent()).resolves.toBe('1');

    // The Quality Representative urges the leader from the row: a few words, then the mail goes.
    await row
      .getByRole('button', { name: `${vi('cycles:urge.open')} Nguyễn Hữu Tháp`, exact: false })
      .click();
    const form = row.getByRole('form', { name: vi('cycles:urge.formLabel', { name: 'Nguyễn Hữu Tháp' }) });
    await form.getByLabel(vi('cycles:urge.note')).fill('Đề nghị đồng chí phê duyệt trước thứ Hai.');
    await qmr.check('urging the leader from the dashboard', { screenshot: 'cycle-urge' });
    await form.getByRole('button', { name: vi('cycles:urge.send') }).click();
    const sent = row.getByRole('status');
    await sent.waitFor();
    await expect(sent.textContent()).resolves.toContain(
      vi('cycles:urge.done', { name: 'Nguyễn Hữu Tháp', at: '' }).replace(/\.$/, '').trim(),
    );
    // Recorded by whom, with the words, and offered no second time that day.
    const history = await org.as<{ history: { type: string; actor: string; payload: { note?: string } }[] }>(
      'qmr',
      'GET',
      `/api/v1/tasks/${encodeURIComponent(approval.taskId)}`,
    );
    expect(history.body.history.filter((h) => h.type === 'task.urged')).toEqual([
      expect.objectContaining({
        actor: org.idOf('qmr'),
        payload: expect.objectContaining({ note: 'Đề nghị đồng chí phê duyệt trước thứ Hai.' }),
      }),
    ]);
    await expect(
      row.getByRole('button', { name: vi('cycles:urge.open'), exact: false }).count(),
    ).resolves.toBe(0);
    // Counted at once in the year's tasks by unit, read again once the urge was recorded.
    await noUnitRow.locator('td:last-child', { hasText: /^1$/ }).waitFor();
    await qmr.check('the leader urged, said in the row', { screenshot: 'cycle-urged' });
    await qmr.close();

    // The approval's own page, on today's clock: when it was urged, from when again, no second urge
    // offered yet; the urge in its history with the words sent.
    const today = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    await today.open(pagePath(approval.taskId));
    const card = today.page.getByRole('region', { name: vi('cycles:urge.title') });
    await card.waitFor();
    const said = (await card.textContent()) ?? '';
    expect(said).toContain(vi('cycles:urge.last', { at: '' }).replace(/\.$/, '').trim());
    expect(said).toContain(vi('cycles:urge.againFrom', { at: '' }).replace(/\.$/, '').trim());
    await expect(card.getByRole('button').count()).resolves.toBe(0);
    await today.page.getByText('Đề nghị đồng chí phê duyệt trước thứ Hai.', { exact: true }).waitFor();
    await today.check('a task urged, on its page', { screenshot: 'task-urged' });

    // A unit head sees the leader's approval listed, but it is of no unit of theirs: neither opened
    // nor urged from there (the API would refuse both).
    const head = await browser.tab();
    await head.page.clock.setFixedTime(now);
    await head.open('/');
    await head.page.waitForURL(/\/sign-in$/);
    await head.signIn(org.email('head.tthc'), DEMO_PASSWORD);
    await head.open(dashboard);
    const headsRow = head.page
      .getByRole('region', { name: vi('cycles:dueSoon.title', { days: 7 }), exact: false })
      .locator('tbody tr')
      .filter({ hasText: vi('tasks:kind.objectives-approval') });
    await headsRow.waitFor();
    await expect(headsRow.getByRole('link').count()).resolves.toBe(0);
    await expect(headsRow.getByRole('button').count()).resolves.toBe(0);
    await head.close();
  });

  it('cancels the rehearsal, discards it with a reason, and starts 2024 again from the cycles page', async () => {
    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    // The cycles list marks the year a rehearsal.
    await qmr.open('/cycles');
    await qmr.page
      .getByRole('row', {
        name: `${vi('cycles:list.yearLink', { year: 2024 })} ${vi('cycles:list.rehearsal')}`,
        exact: false,
      })
      .waitFor();
    await qmr.open(dashboard);
    // Cancelling says that a rehearsal, once cancelled, can be discarded.
    const cancel = qmr.page.getByRole('region', { name: vi('cycles:cancel.title') });
    await cancel.getByText(vi('cycles:cancel.leadRehearsal')).waitFor();
    await cancel.getByLabel(vi('cycles:cancel.reason')).fill('Lớp thứ nhất đã tập xong');
    await cancel.getByRole('button', { name: vi('cycles:cancel.ask') }).click();
    await qmr.page.getByRole('alertdialog').getByText(vi('cycles:cancel.confirmTextRehearsal')).waitFor();
    await qmr.page.getByRole('button', { name: vi('cycles:cancel.confirm') }).click();
    await qmr.page.getByRole('status').getByText(vi('cycles:cancel.done')).waitFor();

    // Once the workflow has ended, the dashboard offers the discard.
    const discard = qmr.page.getByRole('region', { name: vi('cycles:discard.title') });
    await eventually(
      'the discard offered',
      async () => {
        await qmr.open(dashboard);
        await qmr.page.getByRole('heading', { level: 1 }).waitFor();
        return (await discard.count()) > 0 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await expect(qmr.page.getByRole('region', { name: vi('cycles:cancel.title') }).count()).resolves.toBe(0);
    await discard.getByText(vi('cycles:discard.lead', { year: 2024 })).waitFor();
    // No reason: said at the field, nothing discarded.
    await discard.getByRole('button', { name: vi('cycles:discard.ask') }).click();
    await discard.getByText(vi('cycles:cancel.reasonTooShort')).waitFor();
    await discard.getByLabel(vi('cycles:discard.reason')).fill('Diễn tập lại năm 2024 cho lớp thứ hai');
    await discard.getByRole('button', { name: vi('cycles:discard.ask') }).click();
    const confirmation = qmr.page.getByRole('alertdialog');
    await confirmation.getByText(vi('cycles:discard.confirmText', { year: 2024 })).waitFor();
    await qmr.check('the discard of an ended rehearsal, at its confirmation', {
      screenshot: 'cycle-discard-rehearsal',
    });
    expect((await org.as('qmr', 'GET', `/api/v1/cycles/${cycleId}`)).status).toBe(200);
    await confirmation.getByRole('button', { name: vi('cycles:discard.confirm') }).click();

    // The cycles page: said done, the year gone from the list, and free to start again.
    await qmr.page.waitForURL((url) => url.pathname === '/cycles');
    await qmr.page
      .getByRole('status')
      .getByText(vi('cycles:discard.done', { year: 2024 }))
      .waitFor();
    const list = qmr.page.getByRole('region', { name: vi('cycles:list.heading') });
    await list.getByText(vi('cycles:list.empty')).waitFor();
    await qmr.check('the cycles page after a rehearsal was discarded');
    expect((await org.as('qmr', 'GET', `/api/v1/cycles/${cycleId}`)).status).toBe(404);

    await qmr.page.getByLabel(vi('cycles:start.template')).selectOption('kontum-2024');
    await qmr.page.getByLabel(vi('cycles:start.year'), { exact: true }).fill('2024');
    await qmr.page.getByLabel(vi('cycles:start.rehearsal')).check();
    // The next class rehearses a target of its own: objective 2 at 90%, set before the year starts.
    await qmr.page.getByRole('button', { name: vi('cycles:start.objectives.edit') }).click();
    const objectives = qmr.page.getByRole('region', {
      name: vi('cycles:start.objectives.titleYear', { year: 2024 }),
    });
    const objective = (number: number) =>
      objectives.getByRole('group', { name: vi('tasks:objectiveNumber', { number }), exact: true });
    await objective(2).getByLabel(vi('tasks:editor.targetPercent')).fill('90');
    // And the decision sent to one more office: its recipients are the start's to edit too.
    await objectives.locator('summary', { hasText: vi('cycles:start.wording.title') }).click();
    const recipients = objectives.getByRole('group', { name: vi('cycles:start.wording.recipients') });
    await recipients.getByRole('button', { name: vi('cycles:start.wording.addRecipient') }).click();
    const added = KONTUM_2024_TEMPLATE.recipients.length + 1;
    await recipients.getByLabel(vi('cycles:start.wording.recipient', { number: added })).fill('Sở Nội vụ');
    // While the objectives are edited, they are the template's and the year's: neither can change.
    await expect(qmr.page.getByLabel(vi('cycles:start.year'), { exact: true }).isDisabled()).resolves.toBe(
      true,
    );
    await expect(qmr.page.getByLabel(vi('cycles:start.template')).isDisabled()).resolves.toBe(true);
    // A slip: objective 3's text emptied is refused beside it, and no year starts.
    const title3 = objective(3).getByLabel(vi('tasks:editor.title'), { exact: true });
    const text3 = await title3.inputValue();
    await title3.fill('');
    await qmr.check('the start form, the objectives being edited', { screenshot: 'cycle-start-objectives' });
    await qmr.page.getByRole('button', { name: vi('cycles:start.submit') }).click();
    await objective(3).getByText('Nội dung mục tiêu (tiếng Việt) không được để trống.').waitFor();
    // One field for both languages: its refusal said once, not again for the English that follows it.
    await expect(
      objective(3).getByText('Nội dung mục tiêu (tiếng Anh) không được để trống.').count(),
    ).resolves.toBe(0);
    await expect(title3.getAttribute('aria-invalid')).resolves.toBe('true');
    await qmr.page
      .getByRole('alert')
      .getByText(vi('cycles:start.objectives.refused', { year: 2024 }))
      .waitFor();
    // Said beside its field, not again as a list of the API's field paths.
    await expect(qmr.page.getByText('objectives[2].title', { exact: false }).count()).resolves.toBe(0);
    await qmr.check('the start refused beside the objective', {
      screenshot: 'cycle-start-objectives-refused',
    });
    expect((await org.as('qmr', 'GET', `/api/v1/cycles/${cycleId}`)).status).toBe(404);
    await title3.fill(text3);
    await qmr.page.getByRole('button', { name: vi('cycles:start.submit') }).click();
    await qmr.page.waitForURL((url) => url.pathname === dashboard);
    await qmr.page
      .getByRole('heading', { level: 1, name: vi('cycles:dashboard.title', { year: 2024 }) })
      .waitFor();
    const again = await org.as<{ live: { executionStatus: string } }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}`,
    );
    expect(again.body.live.executionStatus).toBe('RUNNING');
    // The leader is asked to approve the objectives as edited: objective 2 at 90%, the others the template's.
    const approval = await eventually('the leader asked to approve', async () =>
      (await org.inbox('leader', 'objectives-approval')).at(0),
    );
    const asked = await org.as<{
      form: {
        objectives: { id: string; title: { vi: string }; indicators: { target?: { value: number } }[] }[];
      };
    }>('leader', 'GET', `/api/v1/tasks/${encodeURIComponent(approval.id)}`);
    const drafted = loadTemplate('kontum-2024').objectives.map(
      (o) => (o.indicators[0] as { target?: { value: number } }).target?.value,
    );
    expect(drafted[1]).toBe(100);
    expect(asked.body.form.objectives.map((o) => o.indicators[0].target?.value)).toEqual(
      drafted.map((value, i) => (i === 1 ? 90 : value)),
    );
    expect(asked.body.form.objectives[2].title.vi).toBe(text3);
    // The decision the leader is asked to sign names the recipient added, last, as "Nơi nhận" lists them.
    const draft = await fetch(
      `${suite.http.baseUrl}/api/v1/tasks/${encodeURIComponent(approval.id)}/decision-draft`,
      { headers: { authorization: `Bearer ${await org.tokenOf('leader')}` } },
    );
    expect(draft.status).toBe(200);
    const recipientsPrinted = normalise(pdfText(Buffer.from(await draft.arrayBuffer())));
    expect(recipientsPrinted).toContain(`- ${KONTUM_2024_TEMPLATE.recipients.at(-1)}; - Sở Nội vụ.`);
  });

  it("marks a rehearsal of next year on its dashboard though its calendar is not moved, and offers it a rehearsal's cancel", async () => {
    const started = await org.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode,
      year: comingYear,
      rehearsal: true,
    });
    expect(started.status).toBe(201);
    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    await qmr.open(`/cycles/${encodeURIComponent(`${organisationCode}-${comingYear}`)}`);
    const rehearsalFact = qmr.page.getByRole('term').filter({ hasText: vi('cycles:facts.rehearsal') });
    await rehearsalFact.waitFor();
    await qmr.page
      .getByRole('definition')
      .filter({ hasText: vi('cycles:facts.rehearsalUnshifted') })
      .waitFor();
    const cancel = qmr.page.getByRole('region', { name: vi('cycles:cancel.title') });
    await cancel.getByText(vi('cycles:cancel.leadRehearsal')).waitFor();

    // The year's milestones for one's calendar: the dates the dashboard's timeline goes by.
    const [saved] = await Promise.all([
      qmr.page.waitForEvent('download'),
      qmr.page.getByRole('button', { name: vi('cycles:dashboard.addToCalendar') }).click(),
    ]);
    expect(saved.suggestedFilename()).toBe(`chu-trinh-${comingYear}.ics`);
    const calendar = readFileSync((await saved.path())!, 'utf8').replace(/\r\n /g, '');
    const { live } = (
      await org.as<{ live: { dates: { auditWindow: { from: string } } } }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${organisationCode}-${comingYear}`,
      )
    ).body;
    expect(calendar).toContain(`SUMMARY:[Diễn tập] Đánh giá nội bộ năm ${comingYear}\r\n`);
    expect(calendar).toContain(`DTSTART;VALUE=DATE:${live.dates.auditWindow.from.replace(/-/g, '')}\r\n`);
    await qmr.check("a rehearsal of next year, on that year's own dates", {
      screenshot: 'cycle-year-calendar',
    });

    // The same milestones follow by themselves in one's calendar feed, made on the notifications page.
    await qmr.page.getByRole('link', { name: vi('cycles:dashboard.feedLink') }).click();
    await qmr.page.getByRole('region', { name: vi('notifications:feed.title') }).waitFor();
    expect(new URL(qmr.page.url()).pathname).toBe('/notifications');
  });

  it('warns, before a year starts, of an objective whose unit the directory no longer has, until it is given one it has', async () => {
    // The public-service centre's only member moves to the economic division, and the
    // administrator removes the centre, empty now: the template's objective 4 is still the centre's.
    await org.tokenOf('lead.auditor');
    const moved = await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('lead.auditor')}`, {
      unitCode: 'vp-kinhte',
    });
    expect(moved.status).toBe(200);
    expect((await org.as('admin', 'DELETE', '/api/v1/units/vp-ttpvhcc')).status).toBe(204);

    const qmr = await browser.tabOf(org.email('qmr'), DEMO_PASSWORD);
    await qmr.open('/cycles');
    await qmr.page.getByLabel(vi('cycles:start.template')).selectOption('kontum-2024');
    await qmr.page.getByLabel(vi('cycles:start.year'), { exact: true }).fill(String(comingYear + 1));
    await qmr.page.getByLabel(vi('cycles:start.rehearsal')).check();
    await qmr.page.getByRole('button', { name: vi('cycles:start.objectives.edit') }).click();
    const objectives = qmr.page.getByRole('region', {
      name: vi('cycles:start.objectives.titleYear', { year: comingYear + 1 }),
    });
    const centre = KONTUM_2024_TEMPLATE.organisation.units.find((unit) => unit.code === 'vp-ttpvhcc')!.name
      .vi;
    // Named by its number and the unit's name as the template gives it: the directory has none now.
    const warning = objectives.getByRole('status').filter({
      hasText: vi('cycles:start.objectives.notListed', { count: 1, numbers: 4, units: centre }),
    });
    await warning.waitFor();
    // In the words for one objective ("Mục tiêu 4", not "Các mục tiêu 4").
    expect(await warning.innerText()).toBe(
      vi('cycles:start.objectives.notListed', { count: 1, numbers: 4, units: centre }),
    );
    await qmr.check('the start form, an objective of a unit the directory lacks', {
      screenshot: 'cycle-start-unit-not-listed',
    });
    // Given to a unit the directory has, the objective is the year's like the others: no warning.
    await objectives
      .getByRole('group', { name: vi('tasks:objectiveNumber', { number: 4 }), exact: true })
      .getByLabel(vi('tasks:draft.owner'), { exact: true })
      .selectOption('vp-kiemsoat-tthc');
    await warning.waitFor({ state: 'detached' });
    await objectives.getByRole('button', { name: vi('cycles:start.objectives.discard') }).click();
  });
});
