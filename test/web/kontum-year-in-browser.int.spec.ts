import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ParsedMail } from 'mailparser';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import type { CDPSession, Locator } from 'playwright-core';
import {
  compoundFile,
  packageObject,
  startTestSmtpServer,
  startTimeSkippingEnvironment,
  uniqueSuffix,
  VIEWPORTS,
  type TestSmtpServer,
} from '@qcycle/testing';
import { errorMessage, QcycleErrorCode } from '@qcycle/contracts';
import { KONTUM_2024_TEMPLATE, TASK_KINDS } from '@qcycle/domain';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from '../api/support/demo-organisation';
import { en, vi } from './support/catalogue';
import { download } from '../documents/support/document-download';
import { normalise, pdfText } from '../documents/support/document-text';
import { unreadableTablesAtPhoneWidth } from './support/phone-tables';
import {
  browserSuiteConfig,
  BrowserSession,
  descriptionOf,
  escapeRegExp,
  pagePath,
  type Tab,
} from './support/web-suite';

type Task = TaskSummary & { title: { vi: string; en: string } };

/** The largest evidence file this suite's server takes (EVIDENCE_MAX_BYTES): 1 MiB, "1 MB" on the page. */
const EVIDENCE_LIMIT = 1024 * 1024;

/**
 * The acceptance walk of the web app (issue #8): the Kon Tum 2024 year as its people do it in a
 * browser — Debian's chromium through playwright-core — on the real stack: the API serving the built
 * web app on its origin, the worker, PostgreSQL, a real SMTP server and the Temporal time-skipping
 * server (the year runs as a rehearsal starting now; days pass with `env.sleep`, as in the HTTP walk,
 * test/api/kontum-year-over-http.int.spec.ts).
 *
 * Every step the issue names is done through the pages by the person whose step it is, finding
 * controls by role and Vietnamese accessible name (the texts come from the app's own catalogues).
 * The API is called only to set up what the issue does not ask of the browser (the other units'
 * acceptances), to wait for the calendar, and to prove what the pages claim (nothing recorded).
 * Every page visited passes axe-core (no serious or critical violation); the main ones are written
 * to test-results/screenshots at desktop and phone width; no request of the browser leaves the origin.
 * At 360 px the tables of the audit plan and its close, the cycles list and the directory read as
 * cards: no cell cut off, each row's name as wide as the card, each other cell labelled.
 */
describe('the Kon Tum 2024 year in the browser (chromium; API, worker, PostgreSQL, SMTP, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let smtp: TestSmtpServer;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  const organisationCode = `kb-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const tabs = new Map<string, Tab>();

  beforeAll(async () => {
    const web = browserSuiteConfig();
    env = await startTimeSkippingEnvironment();
    smtp = await startTestSmtpServer();
    // Evidence up to 1 MiB here, not the default 20: the page says this server's limit, and keeps a
    // larger file from going out at all (case 6b).
    suite = await startApiSuite({
      worker: true,
      temporal: env,
      smtp,
      config: { ...web, evidence: { maxBytes: EVIDENCE_LIMIT } },
    });
    org = await suite.seedDemoOrganisation(organisationCode);
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  // ---- what the people and the calendar do ------------------------------------------------------

  /** That person's own browser tab, signed in through the sign-in page the first time. */
  async function as(local: string): Promise<Tab> {
    const tab = await browser.tabOf(org.email(local), DEMO_PASSWORD);
    await org.tokenOf(local); // their user id, for what the suite checks over the API
    return tab;
  }

  /** As the HTTP walk: a short real wait for what follows an answer, days for what the calendar brings. */
  async function eventually<T>(
    what: string,
    probe: () => Promise<T | undefined>,
    options: { days: number } = { days: 0 },
  ): Promise<T> {
    for (let attempt = 0; attempt < 100 + options.days; attempt++) {
      const found = await probe();
      if (found !== undefined) return found;
      if (attempt < 100 && options.days === 0) await new Promise((r) => setTimeout(r, 100));
      else await env.sleep('1 day');
    }
    throw new Error(`${what} did not happen`);
  }

  const taskOf = (local: string, kind: string, options?: { days: number }) =>
    eventually(
      `a ${kind} task for ${local}`,
      async () => (await org.inbox(local, kind))[0] as Task | undefined,
      options,
    );

  /** A task's title as the pages show it: its period key (`2024-01`) as the period's words (T1/2024). */
  const shownTitle = (task: Task): string => {
    const month = task.periodKey ? /^(\d{4})-(\d{2})$/.exec(task.periodKey) : null;
    return month
      ? task.title.vi
          .split(task.periodKey!)
          .join(vi('cycles:period.month', { month: Number(month[2]), year: month[1] }))
      : task.title.vi;
  };

  /** From My tasks (the navigation's first link), the task by its title: its page. */
  async function openFromMyTasks(tab: Tab, task: Task, what: string, screenshot?: string): Promise<void> {
    await tab.page
      .getByRole('navigation', { name: vi('nav.label') })
      .getByRole('link', { name: vi('nav.myTasks') })
      .click();
    await tab.page.getByRole('heading', { level: 1, name: vi('tasks:inbox.title') }).waitFor();
    const link = tab.page.getByRole('link', { name: shownTitle(task), exact: true });
    await link.first().waitFor();
    // The cycle by its year, as people name it, not by its id, and marked: this year is a rehearsal.
    const cycle = `${vi('tasks:page.cycleOfYear', { year: 2024 })} ${vi('tasks:inbox.rehearsal')}`;
    await tab.page.getByRole('cell', { name: cycle, exact: true }).first().waitFor();
    await tab.check(`My tasks of ${what}`, screenshot ? { screenshot } : {});
    await link.first().click();
    await tab.page.waitForURL((url) => url.pathname === pagePath(task.id));
    await tab.page.getByRole('heading', { level: 1, name: shownTitle(task) }).waitFor();
    // The task page says what a rehearsal's task is worth, before anything is done on it.
    await tab.page
      .getByRole('note')
      .filter({ hasText: vi('tasks:page.rehearsalNote') })
      .waitFor();
  }

  /** After a submit: the page says it was sent. */
  async function submitted(tab: Tab): Promise<void> {
    await tab.page
      .getByRole('status')
      .filter({ hasText: vi('tasks:page.submitted') })
      .waitFor();
  }

  /** A PDF as the API recognises one, `size` bytes after its header. */
  const pdfOf = (size: number, fill: string) =>
    Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size, fill)]);

  /** The page's uplink as DevTools throttles it, in bytes per second (-1: not throttled). */
  const uplink = (cdp: CDPSession, bytesPerSecond: number) =>
    cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: bytesPerSecond,
    });

  /** The link in the newest e-mail to that person about that task. */
  function linkInMail(local: string, taskId: string): URL | undefined {
    const mails = smtp.messages.filter(
      (m: ParsedMail) =>
        m.to !== undefined &&
        (Array.isArray(m.to) ? m.to : [m.to]).some((a) =>
          a.value.some((v) => v.address === org.email(local)),
        ) &&
        (m.text ?? '').includes(`/tasks/${encodeURIComponent(taskId)}?token=`),
    );
    const match = /https?:\/\/\S+\/tasks\/[^\s?]+\?token=[^\s&]+/.exec(mails.at(-1)?.text ?? '');
    return match ? new URL(match[0]) : undefined;
  }

  // ---- the year ----------------------------------------------------------------------------------

  it('1. the Quality Representative signs in and starts a rehearsal of the 2024 cycle on the cycles page', async () => {
    const qmr = await as('qmr');
    await tab_check_home(qmr);
    await qmr.page
      .getByRole('navigation', { name: vi('nav.label') })
      .getByRole('link', { name: vi('nav.cycles') })
      .click();
    await qmr.page.waitForURL(/\/cycles$/);
    await qmr.page.getByRole('heading', { level: 2, name: vi('cycles:start.title') }).waitFor();
    // Before starting, who would get the year's work: each unit's head, the Quality Representative
    // standing in for a unit without one, and the audit team.
    const roster = qmr.page.getByRole('region', { name: vi('cycles:roster.title') });
    const unitRow = (name: string) => roster.locator('tr', { hasText: name });
    await unitRow('Phòng Tổng hợp').waitFor();
    await expect(unitRow('Phòng Tổng hợp').textContent()).resolves.toBe(
      'Phòng Tổng hợpVõ Đình NamHoàng Văn Minh',
    );
    await expect(unitRow('Phòng Hành chính - Tổ chức').textContent()).resolves.toContain(
      `Trần Quốc Việt ${vi('cycles:roster.standsIn')}`,
    );
    await expect(roster.locator('dl').textContent()).resolves.toContain('Lý Thị Mai');
    await qmr.check('the cycles page', { screenshot: 'cycles' });

    // The form proposes the year to prepare: this year, or next year from October (Vietnam time).
    const [thisYear, month] = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
    })
      .format(new Date())
      .split('-')
      .map(Number);
    await expect(qmr.page.getByLabel(vi('cycles:start.year'), { exact: true }).inputValue()).resolves.toBe(
      String(month >= 10 ? thisYear + 1 : thisYear),
    );
    await qmr.page.getByLabel(vi('cycles:start.template')).selectOption('kontum-2024');
    await qmr.page.getByLabel(vi('cycles:start.year'), { exact: true }).fill('2024');
    await qmr.page.getByLabel(vi('cycles:start.rehearsal')).check();
    // A day is typed day first, as Vietnam writes it, whatever the browser's language (its own
    // date input would ask this English Chromium for mm/dd/yyyy); one that is no day is said at once.
    const from = qmr.page.getByLabel(vi('cycles:start.rehearsalFrom'));
    expect(await from.getAttribute('placeholder')).toBe(vi('dateInput.placeholder'));
    await from.fill('31/02/2024');
    expect(await descriptionOf(from)).toContain(vi('dateInput.unreadable'));
    // A start day outside the year: said by the field as it is typed, refused on sending, in
    // Vietnamese, and nothing started.
    await from.fill('1.10.2023');
    await from.blur();
    await expect(from.inputValue()).resolves.toBe('01/10/2023');
    expect(await descriptionOf(from)).toContain(
      `Chủ Nhật, ngày 1 tháng 10 năm 2023 — ${vi('dateInput.between', { min: '01/01/2024', max: '31/12/2024' })}`,
    );
    await qmr.page.getByRole('button', { name: vi('cycles:start.submit') }).click();
    await qmr.page.locator('.date-input input[aria-invalid="true"]').waitFor();
    expect(await descriptionOf(from)).toContain(vi('cycles:start.rehearsalFromOutside', { year: 2024 }));
    expect((await org.as('qmr', 'GET', `/api/v1/cycles/${cycleId}`)).status).toBe(404);
    await from.fill('');
    await qmr.page.getByRole('button', { name: vi('cycles:start.submit') }).click();
    await qmr.page.waitForURL((url) => url.pathname === `/cycles/${encodeURIComponent(cycleId)}`);
    await qmr.page
      .getByRole('heading', { level: 1, name: vi('cycles:dashboard.title', { year: 2024 }) })
      .waitFor();
    await qmr.check('the new cycle’s dashboard');

    const cycle = await org.as<{ id: string; live: { executionStatus: string; scheduleShiftMs?: number } }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}`,
    );
    expect(cycle.status).toBe(200);
    expect(cycle.body.live.executionStatus).toBe('RUNNING');
  });

  async function tab_check_home(tab: Tab): Promise<void> {
    await tab.page.getByRole('heading', { level: 1, name: vi('tasks:inbox.title') }).waitFor();
    await tab.check('My tasks');
  }

  it('2. the leader returns the draft with a comment, the Quality Representative revises it, the leader approves it with a number', async () => {
    const leader = await as('leader');
    const first = await taskOf('leader', 'objectives-approval');
    await openFromMyTasks(leader, first, 'the leader', 'my-tasks');
    await leader.page.getByRole('heading', { name: vi('tasks:approval.draftTitle') }).waitFor();
    await leader.check('the approval task (the draft as the decision would read)', {
      screenshot: 'task-approval',
    });
    // The decision they are asked to sign, as a document: numbered and dated when signed, a draft till then.
    const [drafted] = await Promise.all([
      leader.page.waitForEvent('download'),
      leader.page.getByRole('button', { name: vi('tasks:decisionDraft.decision.pdf') }).click(),
    ]);
    expect(drafted.suggestedFilename()).toBe('QD-MUC-TIEU-CHAT-LUONG-2024-DU-THAO-DIEN-TAP.pdf');
    const draftText = normalise(pdfText(readFileSync((await drafted.path())!)));
    expect(draftText).toContain('DỰ THẢO');
    expect(draftText).toContain('Số: /QĐ-UBND');
    expect(draftText).toContain(normalise(`4. ${objectiveTitle('obj-4')}`));
    // And the plan issued with it, citing it by the same blank number.
    const [planned] = await Promise.all([
      leader.page.waitForEvent('download'),
      leader.page.getByRole('button', { name: vi('tasks:decisionDraft.plan.docx') }).click(),
    ]);
    expect(planned.suggestedFilename()).toBe('KH-MUC-TIEU-CHAT-LUONG-2024-DU-THAO-DIEN-TAP.docx');
    const comment =
      'Đề nghị bổ sung kế hoạch thực hiện mục tiêu 4 theo từng quý; gửi quyết định cho Sở Nội vụ.';
    await leader.page.getByLabel(vi('tasks:approval.comments')).fill(comment);
    await leader.page.getByRole('button', { name: vi('tasks:approval.return') }).click();
    await submitted(leader);
    await leader.check('the returned approval task');

    const qmr = await as('qmr');
    const revision = await taskOf('qmr', 'objectives-revision');
    await openFromMyTasks(qmr, revision, 'the Quality Representative');
    await qmr.page.getByText(comment).waitFor(); // the leader's words, quoted
    // The Quality Representative revises objective 4's plan as asked, in the draft itself.
    await qmr.page.getByRole('button', { name: vi('tasks:revision.edit') }).click();
    const objective4 = qmr.page.getByRole('group', {
      name: vi('tasks:objectiveNumber', { number: 4 }),
      exact: true,
    });
    const quarterly = 'Hằng tháng trong năm 2024; tổng hợp, báo cáo kết quả theo từng quý.';
    await objective4.getByLabel(vi('tasks:editor.plan.when')).fill(quarterly);
    // And the decision's recipients: the Department of Home Affairs before the file copy, which stays last.
    await qmr.page.getByText(vi('cycles:start.wording.title')).click();
    const lastRecipient = KONTUM_2024_TEMPLATE.recipients.length;
    const recipient = (number: number) =>
      qmr.page.getByLabel(vi('cycles:start.wording.recipient', { number }), { exact: true });
    await expect(recipient(lastRecipient).inputValue()).resolves.toBe('Lưu: VT, ISO');
    await recipient(lastRecipient).fill('Sở Nội vụ');
    await qmr.page.getByRole('button', { name: vi('cycles:start.wording.addRecipient') }).click();
    await recipient(lastRecipient + 1).fill('Lưu: VT, ISO');
    // A slip on the way: the objective's text emptied is refused beside it, and nothing is sent on.
    const title4 = objective4.getByLabel(vi('tasks:editor.title'), { exact: true });
    await title4.fill('');
    await qmr.page.getByLabel(vi('tasks:revision.note')).fill('Đã bổ sung kế hoạch theo quý cho mục tiêu 4.');
    await qmr.check('the revision task, objectives being edited', { screenshot: 'task-revision-editing' });
    await qmr.page.getByRole('button', { name: vi('tasks:revision.submit') }).click();
    await objective4.getByText('Nội dung mục tiêu (tiếng Việt) không được để trống.').waitFor();
    // One field for both languages: its refusal said once, not again for the English that follows it.
    await expect(
      objective4.getByText('Nội dung mục tiêu (tiếng Anh) không được để trống.').count(),
    ).resolves.toBe(0);
    await expect(title4.getAttribute('aria-invalid')).resolves.toBe('true');
    await qmr.check('the revision refused beside the field', { screenshot: 'task-revision-refused' });
    expect((await org.inbox('leader', 'objectives-approval')).map((t) => t.id)).toEqual([]);
    await title4.fill(objectiveTitle('obj-4'));
    await qmr.page.getByRole('button', { name: vi('tasks:revision.submit') }).click();
    await submitted(qmr);

    const second = await eventually(
      'the second approval round',
      async () =>
        (await org.inbox('leader', 'objectives-approval')).find((t) => t.id !== first.id) as Task | undefined,
    );
    await openFromMyTasks(leader, second, 'the leader, second round');
    // What they asked and what the Quality Representative says was changed, above the new draft.
    const lastRound = leader.page.getByRole('region', {
      name: vi('tasks:approval.lastRound.title', { round: 1 }),
    });
    await lastRound.getByText(comment).waitFor();
    await lastRound.getByText('Đã bổ sung kế hoạch theo quý cho mục tiêu 4.').waitFor();
    // And what the draft changed from the one they returned, read from the two drafts: objective 4's
    // plan and the recipients, nothing else.
    const changes = lastRound.getByRole('list');
    await expect(changes.getByRole('listitem').allInnerTexts()).resolves.toEqual([
      vi('tasks:approval.lastRound.objectiveChanged', {
        number: 4,
        parts: vi('tasks:approval.lastRound.part.plan'),
      }),
      vi('cycles:start.wording.recipients'),
    ]);
    const draftObjectives = leader.page.locator('.decision-objectives > li');
    await expect(
      draftObjectives
        .filter({ hasText: vi('tasks:draft.changed') })
        .locator('.decision-objective-title')
        .allInnerTexts(),
    ).resolves.toEqual([`${objectiveTitle('obj-4')} ${vi('tasks:draft.changed')}`]);
    // Its plan unfolded, the quarterly time in it; the other plans folded.
    await draftObjectives
      .filter({ hasText: vi('tasks:draft.changed') })
      .locator('details.decision-plan-details')
      .getByText(quarterly, { exact: true })
      .waitFor();
    await expect(leader.page.locator('details.decision-plan-details[open]').count()).resolves.toBe(1);
    // The decision they are now asked to sign is sent to the Department of Home Affairs too: on the
    // page, under the draft (unfolded, since its words changed, the recipients marked), and in its
    // draft document.
    await leader.page.getByText('- Sở Nội vụ;', { exact: true }).waitFor();
    await leader.page
      .locator('.decision-wording-view dt')
      .filter({ hasText: vi('cycles:start.wording.recipients') })
      .getByText(vi('cycles:start.wording.changed'), { exact: true })
      .waitFor();
    await expect(
      leader.page
        .locator('.decision-wording-view dt')
        .filter({ hasText: vi('cycles:start.wording.changed') })
        .count(),
    ).resolves.toBe(1);
    await leader.check('the second round, the decision’s words unfolded', {
      screenshot: 'task-approval-wording',
    });
    const [redrafted] = await Promise.all([
      leader.page.waitForEvent('download'),
      leader.page.getByRole('button', { name: vi('tasks:decisionDraft.decision.pdf') }).click(),
    ]);
    // (The signature's column runs beside the recipients, whose lines the text interleaves with it.)
    expect(normalise(pdfText(readFileSync((await redrafted.path())!)))).toContain(
      '- Sở Nội vụ; - Lưu: VT, ISO.',
    );
    await leader.page.getByLabel('Số quyết định').fill('123/QĐ-UBND');
    await leader.page.getByLabel(vi('tasks:approval.signingDate')).fill('2024-01-05');
    await leader.page.getByRole('button', { name: vi('tasks:approval.approve') }).click();
    await submitted(leader);
    await leader.check('the approved task');

    const decision = await eventually('the decision record', async () => {
      const answer = await org.as('qmr', 'GET', `/api/v1/cycles/${cycleId}/decision`);
      return answer.status === 200 ? answer.body : undefined;
    });
    expect(decision).toMatchObject({ documentNumber: '123/QĐ-UBND', signingDate: '2024-01-05' });
    // The decision approves the draft as revised: objective 4's plan by quarter, the rest as drafted.
    const approved = (
      decision as { objectives: { id: string; title: { vi: string }; plan: { when: string } }[] }
    ).objectives;
    expect(approved.find((objective) => objective.id === 'obj-4')?.plan.when).toBe(
      'Hằng tháng trong năm 2024; tổng hợp, báo cáo kết quả theo từng quý.',
    );
    expect(approved.map((objective) => objective.title.vi)).toEqual(
      KONTUM_2024_TEMPLATE.objectives.map((objective) => objective.title.vi),
    );
    // And its words: the recipients as revised, the legal bases as drafted; the decision issued says so.
    expect((decision as { wording: { recipients: string[]; legalBases: string[] } }).wording).toMatchObject({
      recipients: [...KONTUM_2024_TEMPLATE.recipients.slice(0, -1), 'Sở Nội vụ', 'Lưu: VT, ISO'],
      legalBases: KONTUM_2024_TEMPLATE.legalBases,
    });
    const issued = await download(
      suite.http,
      org,
      'qmr',
      `/api/v1/cycles/${cycleId}/decision`,
      'application/pdf',
    );
    expect(issued.status).toBe(200);
    expect(normalise(pdfText(issued.bytes))).toContain('- Sở Nội vụ; - Lưu: VT, ISO.');
  });

  it('3. the Chief of Office gives objective 4 to the procedure-control unit (the others to theirs); its head passes it to a staff member', async () => {
    const qmr = await as('qmr');
    const assignment = await taskOf('qmr', 'assignment-acceptance');
    await openFromMyTasks(qmr, assignment, 'the Chief of Office');
    // Objective 4 is proposed for the service centre; the Chief of Office gives it to procedure control.
    await qmr.page.getByLabel(vi('tasks:assignment.unitFor', { number: 4 })).selectOption('vp-kiemsoat-tthc');
    await qmr.check('the assignment task');
    await qmr.page.getByRole('button', { name: vi('tasks:assignment.submit') }).click();
    await submitted(qmr);
    // The answer as sent reads in words: each objective by its number, each unit by its name.
    const answer = qmr.page.locator('#task-result').locator('..');
    await answer.getByText('Phòng Kiểm soát thủ tục hành chính', { exact: true }).first().waitFor();
    await answer
      .getByText(vi('tasks:objectiveNumber', { number: 4 }), { exact: true })
      .first()
      .waitFor();
    const shownCodes = (await answer.locator('dd').allTextContents()).filter((text) =>
      /^(obj-\d+|vp-[a-z-]+)$/.test(text.trim()),
    );
    expect(shownCodes).toEqual([]);

    const head = await as('head.tthc');
    await org.tokenOf('staff.tthc');
    const unitTask = await taskOf('head.tthc', 'unit-acceptance');
    await openFromMyTasks(head, unitTask, 'the head of procedure control');
    // Each objective of the unit, by its number and title, may go to one of the unit's staff.
    const staffFor4 = head.page.getByLabel(
      vi('tasks:unitAcceptance.staffFor', {
        objective: `${vi('tasks:objectiveNumber', { number: 4 })}: ${objectiveTitle('obj-4')}`,
      }),
    );
    await staffFor4.selectOption({ label: 'Nguyễn Thị Lan' });
    await head.check('the unit acceptance task');
    await head.page.getByRole('button', { name: vi('tasks:unitAcceptance.submit') }).click();
    await submitted(head);
    // The top bar counts her open tasks again, without leaving the page: the one answered is gone.
    const stillOpen = (await org.as<{ total: number }>('head.tthc', 'GET', '/api/v1/me/tasks?limit=1')).body
      .total;
    await head.page
      .getByRole('navigation', { name: vi('nav.label') })
      .locator('.badge', { hasText: new RegExp(`: ${stillOpen}$`) })
      .waitFor();

    // The other unit (objectives 2 and 3) accepts over the API: the issue asks nothing of it in the
    // browser. Objectives 1 and 5 stay with the Quality Representative's own office: no acceptance.
    const tonghop = await org.waitForTask('head.tonghop', 'unit-acceptance');
    const accepted = await org.as('head.tonghop', 'POST', taskPath(tonghop.id, '/complete'), {
      outcome: { accepted: true },
    });
    expect(accepted.status).toBe(200);
    expect(await org.inbox('qmr', 'unit-acceptance')).toEqual([]);
    const objective = await eventually('objective 4 with Lan', async () => {
      const answer = await org.as<{ unitCode: string; assigneeUserId: string }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/objectives/obj-4`,
      );
      return answer.body.assigneeUserId ? answer.body : undefined;
    });
    expect(objective).toMatchObject({ unitCode: 'vp-kiemsoat-tthc', assigneeUserId: org.idOf('staff.tthc') });
  });

  let report: Task;
  let mailed: URL;

  it('4. the staff member opens the link in the e-mail and lands on the task without signing in', async () => {
    // February 2024 (in the rehearsal's time): January's report of objective 4 reaches Lan by e-mail.
    report = await taskOf('staff.tthc', 'measurement-report', { days: 60 });
    expect(report).toMatchObject({ objectiveId: 'obj-4', periodKey: '2024-01' });
    mailed = await eventually('the e-mail with the link', async () => linkInMail('staff.tthc', report.id));
    expect(mailed.pathname).toBe(pagePath(report.id));

    // The link as mailed, on this run's origin (the worker writes PUBLIC_URL; the API's port is the suite's).
    const lan = await browser.tab();
    tabs.set('staff.tthc:link', lan);
    await lan.open(`${mailed.pathname}${mailed.search}`);
    await lan.page.getByRole('heading', { level: 1, name: shownTitle(report) }).waitFor();
    expect(new URL(lan.page.url()).pathname).toBe(pagePath(report.id));
    expect(lan.page.url()).not.toContain('token='); // the single-use token leaves the address bar
    await lan.page.getByRole('heading', { name: vi('tasks:formTitle.measurement-report') }).waitFor();
    // The period reads as the title does, not by its key.
    await lan.page.getByText('Kỳ T1/2024: từ 01/01/2024 đến 31/01/2024', { exact: true }).waitFor();
    // A link's session has no menu, so it does not ask for the menu's task counts (which the API
    // refuses it: a wasted round trip on a slow link).
    expect(lan.recorded.requests.filter((r) => new URL(r.url).pathname === '/api/v1/me/tasks')).toEqual([]);
    // The report's evidence files are listed once, for the names in its history and the upload alike.
    await lan.settled();
    expect(
      lan.recorded.requests.filter((r) => new URL(r.url).pathname === `/api/v1/cycles/${cycleId}/evidence`),
    ).toHaveLength(1);
    // The evidence field says what this server takes and its limit, read once with the link's session.
    const hint = lan.page.getByText(vi('tasks:evidence.maxSize', { size: '1 MB' }), { exact: false });
    await hint.waitFor();
    await expect(hint.textContent()).resolves.toContain(
      'Chấp nhận tệp PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, DOC hoặc XLS, không chứa macro hay mã lệnh.',
    );
    expect(
      lan.recorded.requests.filter((r) => new URL(r.url).pathname === '/api/v1/evidence/accepted-files'),
    ).toHaveLength(1);
    await lan.check('the measurement report opened from the e-mail', {
      screenshot: 'task-measurement-report',
    });
  });

  it('shows "already used" for the same link opened again, with a way to sign in', async () => {
    const again = await browser.tab();
    await again.open(`${mailed.pathname}${mailed.search}`);
    const title = again.page.getByRole('heading', {
      level: 1,
      name: vi('tasks:link.TASK_LINK_ALREADY_USED.title'),
    });
    await title.waitFor();
    await expect(title.textContent()).resolves.toMatch(/đã được sử dụng/);
    await again.page.getByRole('link', { name: vi('tasks:link.signIn') }).waitFor();
    await again.check('the used link page', { screenshot: 'task-link-used' });
    await again.close();
  });

  it("shows another person's task as not theirs", async () => {
    const minh = await as('staff.tonghop');
    await minh.open(pagePath(report.id));
    await minh.page.getByRole('heading', { level: 1, name: vi('tasks:notYours.title') }).waitFor();
    await minh.check('the not-yours page', { screenshot: 'task-not-yours' });
  });

  const onTime = () =>
    tabs.get('staff.tthc:link')!.page.getByRole('group', {
      name: 'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đảm bảo thời gian quy định',
    });
  const perProcess = () =>
    tabs.get('staff.tthc:link')!.page.getByRole('group', {
      name: 'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng quy trình, thủ tục được công bố',
    });
  const numerator = (group: Locator) =>
    group.getByLabel(new RegExp(`^${escapeRegExp(vi('tasks:figure.numerator'))}`));
  const denominator = (group: Locator) =>
    group.getByLabel(new RegExp(`^${escapeRegExp(vi('tasks:figure.denominator'))}`));

  it('5. a numerator larger than the denominator: the Vietnamese message by the field, and nothing recorded', async () => {
    const lan = tabs.get('staff.tthc:link')!;
    await lan.page.getByLabel(vi('tasks:measurement.evidenceItem', { number: 1 })).fill('BC-TTHC-01-2024');
    await numerator(perProcess()).fill('100');
    await denominator(perProcess()).fill('100');
    await numerator(onTime()).fill('120');
    await denominator(onTime()).fill('100');
    const field = numerator(onTime());
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await descriptionOf(field)).toContain(vi('tasks:figure.overDenominator'));
    // Checked while typing: said once, politely, by the figure's verdict; the field's message is no alert.
    await expect(lan.page.getByRole('alert').count()).resolves.toBe(0);
    await expect(onTime().getByTestId('verdict-obj-4-on-time').textContent()).resolves.toContain(
      vi('tasks:figure.overDenominator'),
    );
    await lan.check('the measurement report with a numerator over its denominator');

    // Sent anyway: the workflow refuses it, by the same field, in Vietnamese; nothing is recorded.
    const answer = await lan.answerTo(() =>
      lan.page.getByRole('button', { name: vi('tasks:measurement.submit') }).click(),
    );
    await lan.page.locator('#task-refusal').waitFor();
    expect(answer.status).toBe(422);
    const refused = answer.problems.find((p) => p.path === 'figures[obj-4-on-time].numerator');
    expect(refused?.reason).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụýỳỷỹỵóòỏõọéèẻẽẹ]/);
    expect(await descriptionOf(field)).toContain(refused!.reason);
    // A screen reader hears the refusal once: the form's summary, which takes focus; each field's
    // message is no alert of its own but the visible text its field is described by.
    await expect(lan.page.getByRole('alert').count()).resolves.toBe(1);
    await expect(lan.page.getByRole('alert').getAttribute('id')).resolves.toBe('task-refusal');
    await lan.page.locator('#task-refusal:focus').waitFor();
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    const message = lan.page.locator(
      `[id="${(await field.getAttribute('aria-describedby'))!.split(' ').at(-1)}"]`,
    );
    await expect(message.isVisible()).resolves.toBe(true);
    await expect(message.textContent()).resolves.toContain(refused!.reason);
    const measurements = await org.as<{ items: unknown[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-4`,
    );
    expect(measurements.body.items).toEqual([]);
    expect((await org.inbox('staff.tthc', 'measurement-report')).map((t) => t.id)).toContain(report.id);
  });

  it('6. 1.000 of 1.250 dossiers on time, typed as Vietnamese writes thousands: the form shows 80%, short of "> 80%"; submitted, it is recorded once, on time, as 1000/1250', async () => {
    const lan = tabs.get('staff.tthc:link')!;
    await numerator(perProcess()).fill('1.250');
    await denominator(perProcess()).fill('1 250');
    await numerator(onTime()).fill('1.000');
    await denominator(onTime()).fill('1.250');
    const verdict = onTime().getByTestId('verdict-obj-4-on-time');
    await verdict.getByText('80%', { exact: true }).waitFor();
    await verdict.getByText(vi('tasks:figure.notMet'), { exact: true }).waitFor();
    await expect(verdict.textContent()).resolves.toContain('80');
    // The browser's own check is satisfied (the workflow's earlier refusal stays until the next submit).
    await expect(verdict.textContent()).resolves.not.toContain(vi('tasks:figure.overDenominator'));
    // The month's register, attached in the link's session: a report's own evidence needs no sign-in.
    // A scan of 300 KB over her office's slow uplink (DevTools' throttling, 64 KB/s): while it goes
    // out she sees how far it is, the bar and the share sent moving, not only that it is busy.
    const register = 'Sổ theo dõi hồ sơ tháng 1.pdf';
    const registerBytes = pdfOf(300_000, 'a');
    const registerSha = createHash('sha256').update(registerBytes).digest('hex');
    const link = await lan.page.context().newCDPSession(lan.page);
    await link.send('Network.enable');
    await uplink(link, 64 * 1024);
    await lan.page.getByLabel(vi('tasks:evidence.attach')).setInputFiles({
      name: register,
      mimeType: 'application/pdf',
      buffer: registerBytes,
    });
    const status = lan.page.locator('.evidence-status');
    // Seen before 90%: the rest (30 KB, half a second) leaves time to read the bar before it is done.
    await status.getByText(/\b([1-9]|[1-8]\d)% \(đã gửi /).waitFor();
    const bar = status.getByRole('progressbar', { name: vi('tasks:evidence.uploading', { name: register }) });
    const partway = await bar.evaluate(
      (element: { value: number; max: number }) => element.value / element.max,
    );
    expect(partway).toBeGreaterThan(0);
    expect(partway).toBeLessThan(1);
    await lan.page.getByText(vi('tasks:evidence.uploaded', { name: register })).waitFor();
    // Then the month's scans, 600 KB: too long to wait for, she stops it. Nothing of it is kept
    // (the record's files, read from the API below, are the register alone). Her uplink slower still
    // (16 KB/s, over half a minute for the scans), so that her stop comes well before the last byte
    // however busy the machine running this is.
    await uplink(link, 16 * 1024);
    const scans = 'Bản chụp hồ sơ tháng 1.pdf';
    await lan.page.getByLabel(vi('tasks:evidence.attach')).setInputFiles({
      name: scans,
      mimeType: 'application/pdf',
      buffer: pdfOf(600_000, 's'),
    });
    await status.getByText(/\b([1-9]|[1-5]\d)% \(đã gửi /).waitFor();
    await lan.page.getByRole('button', { name: `${vi('tasks:evidence.stop')} ${scans}` }).click();
    await status.getByText(vi('tasks:evidence.stopped', { name: scans })).waitFor();
    await expect(
      lan.page
        .getByRole('list', { name: vi('tasks:evidence.attached') })
        .getByRole('link')
        .allTextContents(),
    ).resolves.toEqual([`${vi('tasks:evidence.download')} ${register}`]);
    await expect(lan.page.evaluate('document.activeElement?.type')).resolves.toBe('file');
    await uplink(link, -1);
    await link.detach();
    const registerLink = lan.page
      .getByRole('list', { name: vi('tasks:evidence.attached') })
      .getByRole('link', { name: `${vi('tasks:evidence.download')} ${register}` });
    await registerLink.waitFor();
    // Were the server's copy lost (a restore without the evidence folder), the link says so and
    // what to do, not "try again"; once the folder is back, the same link downloads it.
    const stored = join(suite.config.evidence.dir, registerSha.slice(0, 2), registerSha);
    await rename(stored, `${stored}.away`);
    // By the keyboard: on her phone the link wraps, and a click at its box's centre lands beside it.
    await registerLink.press('Enter');
    const gone = errorMessage(QcycleErrorCode.EvidenceFileGone, 'default', { fileName: register }, 'vi');
    await lan.page.getByRole('alert').filter({ hasText: gone }).waitFor();
    await rename(`${stored}.away`, stored);
    const [saved] = await Promise.all([lan.page.waitForEvent('download'), registerLink.press('Enter')]);
    expect(saved.suggestedFilename()).toBe(register);
    await expect(lan.page.getByRole('alert').filter({ hasText: gone }).count()).resolves.toBe(0);
    await lan.check('the measurement report at 1.000/1.250', {
      screenshot: 'task-measurement-report.80-of-100',
    });

    // Her link's session (30 minutes) has run out when she sends it: the API refuses the token. She
    // signs in again over the page, and what she typed is still there to send.
    await lan.page.route(
      '**/api/v1/tasks/*/complete',
      (route) =>
        route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Token expired' }),
        }),
      { times: 1 },
    );
    await lan.page.getByRole('button', { name: vi('tasks:measurement.submit') }).click();
    const again = lan.page.getByRole('dialog', { name: vi('common:sessionExpired.title') });
    await again.waitFor();
    await again.getByRole('button', { name: vi('common:sessionExpired.submit') }).click();
    // Said once, by the password field, which takes focus: its message is no alert.
    const password = again.getByLabel(vi('common:signIn.password'));
    await password.and(again.locator(':focus')).waitFor();
    await expect(password.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await descriptionOf(password)).toBe(vi('common:sessionExpired.passwordRequired'));
    await expect(again.getByRole('alert').count()).resolves.toBe(0);
    await password.fill(DEMO_PASSWORD);
    await lan.check('signing in again over the report', { screenshot: 'session-expired' });
    await again.getByRole('button', { name: vi('common:sessionExpired.submit') }).click();
    await again.waitFor({ state: 'detached' });
    await expect(numerator(onTime()).inputValue()).resolves.toBe('1.000');
    await expect(denominator(perProcess()).inputValue()).resolves.toBe('1 250');

    await lan.page.getByRole('button', { name: vi('tasks:measurement.submit') }).click();
    await submitted(lan);
    await lan.check('the submitted measurement report');

    const measurements = await eventually('the January measurement', async () => {
      const answer = await org.as<{
        items: {
          periodKey: string;
          indicatorId: string;
          numerator: number;
          denominator: number;
          late: boolean;
        }[];
      }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-4`);
      return answer.body.items.length > 0 ? answer.body.items : undefined;
    });
    expect(measurements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          periodKey: '2024-01',
          indicatorId: 'obj-4-on-time',
          numerator: 1000,
          denominator: 1250,
        }),
        expect.objectContaining({ indicatorId: 'obj-4-per-process', numerator: 1250, denominator: 1250 }),
      ]),
    );
    expect(measurements.find((m) => m.indicatorId === 'obj-4-on-time')?.late).toBe(false);
    // The report names the file uploaded in the link's session beside the register's number.
    const done = await org.as<{ outcome: { evidence: string[] } }>('qmr', 'GET', taskPath(report.id));
    const files = await org.as<{ reference: string; fileName: string }[]>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/evidence?recordType=measurement&recordKey=${encodeURIComponent(report.id)}`,
    );
    expect(files.body.map((f) => f.fileName)).toEqual(['Sổ theo dõi hồ sơ tháng 1.pdf']);
    expect(done.body.outcome.evidence).toEqual(['BC-TTHC-01-2024', files.body[0].reference]);
  });

  it("6b. Lan, signed in, corrects January's figures on the report's page; her head's correction made meanwhile is not undone", async () => {
    const lanIn = await as('staff.tthc');
    await lanIn.open(pagePath(report.id));
    const section = lanIn.page.getByRole('region', { name: vi('tasks:correct.title') });
    await section.getByRole('button', { name: vi('tasks:correct.open') }).click();
    const form = lanIn.page.getByRole('form', { name: vi('tasks:correct.title') });
    const processes = form.getByRole('group', {
      name: 'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng quy trình, thủ tục được công bố',
    });
    // The form starts from the figures as they stand. The report's own register is the report's: the
    // correction's evidence does not offer it again.
    await expect(numerator(processes).inputValue()).resolves.toBe('1250');
    await form.getByLabel(vi('tasks:evidence.attach')).waitFor();
    await expect(form.getByText(vi('tasks:evidence.earlier')).count()).resolves.toBe(0);
    // On her phone's touch screen, which drags no files from a folder, the field offers its button and
    // no invitation to drop one; on the desk's screen it does.
    const onPhone = await browser.signedIn(org.email('staff.tthc'), DEMO_PASSWORD, true);
    await onPhone.open(pagePath(report.id));
    await onPhone.page
      .getByRole('region', { name: vi('tasks:correct.title') })
      .getByRole('button', { name: vi('tasks:correct.open') })
      .click();
    const phoneForm = onPhone.page.getByRole('form', { name: vi('tasks:correct.title') });
    await phoneForm.getByText(vi('tasks:evidence.choose'), { exact: true }).waitFor();
    await expect(phoneForm.getByText(vi('tasks:evidence.orDrop')).isVisible()).resolves.toBe(false);
    await expect(form.getByText(vi('tasks:evidence.orDrop')).isVisible()).resolves.toBe(true);
    await onPhone.recorded.close();
    const sent = () =>
      Promise.all([
        lanIn.page.waitForResponse(
          (response) => response.request().method() === 'POST' && response.url().endsWith('/2024-01/correct'),
        ),
        form.getByRole('button', { name: vi('tasks:correct.submit') }).click(),
      ]).then(([response]) => response.status());

    // Meanwhile her head corrects the same month: one dossier of the 1,250 did not follow its process.
    const correctPath = `/api/v1/cycles/${cycleId}/objectives/obj-4/measurements/2024-01/correct`;
    const byHead = await org.as('head.tthc', 'POST', correctPath, {
      figures: [
        { indicatorId: 'obj-4-per-process', numerator: 1249, denominator: 1250 },
        { indicatorId: 'obj-4-on-time', numerator: 1000, denominator: 1250 },
      ],
      reason: 'Một hồ sơ chưa đúng quy trình công bố',
    });
    expect(byHead.status).toBe(200);

    // Lan, on the page read before, counts two: refused, in words, and the form shows her head's figures.
    await numerator(processes).fill('1248');
    await form.getByLabel(vi('tasks:correct.reason')).fill('Hai hồ sơ chưa đúng quy trình công bố');
    await expect(sent()).resolves.toBe(409);
    await form.getByRole('alert').filter({ hasText: 'vừa được người khác sửa sau khi bạn mở ra' }).waitFor();
    await expect(numerator(processes).inputValue()).resolves.toBe('1249');
    // The result above says what stands now: her head's correction, by name.
    const lansResult = lanIn.page.getByRole('region', { name: vi('tasks:page.outcome') });
    await lansResult.getByRole('note').filter({ hasText: 'Phạm Thị Hoa' }).getByText('1.249/1.250').waitFor();
    await lanIn.check('a correction refused because the figures were corrected meanwhile', {
      screenshot: 'task-correct-figures.meanwhile',
    });

    // Lan was told of her head's correction: her notifications say so, and lead to the report.
    await lanIn.open('/notifications');
    const told = lanIn.page
      .getByRole('listitem')
      .filter({ hasText: vi('notifications:reasons.corrected') })
      .filter({ hasText: shownTitle(report) });
    await told.first().waitFor();
    await lanIn.check('her notifications, with the correction of her report', {
      screenshot: 'notifications.corrected',
    });
    await told.first().getByRole('link').click();
    await lanIn.page.waitForURL((url) => url.pathname === pagePath(report.id));
    await section.getByRole('button', { name: vi('tasks:correct.open') }).click();
    await expect(numerator(processes).inputValue()).resolves.toBe('1249');

    // Made again on the figures as they are, with what it rests on. From the field's button (in the
    // page's language, not the browser's), two files chosen at once: the register checked again, and
    // the check's notes as a text file, which the app does not take: that one is named with why, the
    // register is attached all the same. A scan over this server's limit is refused as it is chosen:
    // it does not go out (a 1.5 MB file is minutes on a provincial office's uplink).
    await numerator(processes).fill('1248');
    await form.getByLabel(vi('tasks:correct.reason')).fill('Hai hồ sơ chưa đúng quy trình công bố');
    const checkedAgain = 'Sổ theo dõi tháng 1 - đối chiếu lại.pdf';
    const notes = 'Ghi chú đối chiếu.txt';
    const scan = 'Bản quét sổ tháng 1.pdf';
    const uploads = () =>
      lanIn.recorded.requests.filter(
        (r) => r.method === 'POST' && new URL(r.url).pathname === `/api/v1/cycles/${cycleId}/evidence`,
      ).length;
    const uploadsBefore = uploads();
    const [chooser] = await Promise.all([
      lanIn.page.waitForEvent('filechooser'),
      form.getByText(vi('tasks:evidence.choose'), { exact: true }).click(),
    ]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([
      { name: checkedAgain, mimeType: 'application/pdf', buffer: pdfOf(2_000, 'b') },
      {
        name: notes,
        mimeType: 'text/plain',
        buffer: Buffer.from('Hai hồ sơ: 000.00.12.H34-240105-0007, -0011'),
      },
      { name: scan, mimeType: 'application/pdf', buffer: pdfOf(EVIDENCE_LIMIT + 512 * 1024, 's') },
    ]);
    await form
      .getByText(vi('tasks:evidence.uploaded', { name: checkedAgain }))
      .first()
      .waitFor();
    const attach = form.getByLabel(vi('tasks:evidence.attach'));
    // By the keyboard the field's own input takes the focus, drawn on the button that shows it.
    await attach.focus();
    await lanIn.page.keyboard.press('Shift+Tab');
    await lanIn.page.keyboard.press('Tab');
    await expect(
      attach.evaluate(
        (input: { nextElementSibling: unknown }) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { boxShadow: string } }).getComputedStyle(
            input.nextElementSibling,
          ).boxShadow,
      ),
    ).resolves.not.toBe('none');
    const notesRefused = vi('tasks:evidence.refusedFile', {
      name: notes,
      reason: vi('tasks:evidence.error.typeNotSent', {
        kinds: 'PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, DOC hoặc XLS',
      }),
    });
    const scanRefused = vi('tasks:evidence.refusedFile', {
      name: scan,
      reason: vi('tasks:evidence.error.tooLargeNotSent', { size: '1 MB' }),
    });
    const said = await descriptionOf(attach);
    expect(said).toContain(notesRefused);
    expect(said).toContain(scanRefused);
    expect(said).toContain(vi('tasks:evidence.maxSize', { size: '1 MB' }));
    // Of the three, only the register went out.
    expect(uploads() - uploadsBefore).toBe(1);
    await lanIn.check('a file refused among two chosen at once', {
      screenshot: 'task-correct-figures.file-refused',
    });
    // The two dossiers' list, dragged from her folder onto the field with five files that are not
    // what they should be: the check's minutes, an old Word file whose template carries macros; the
    // slides of the check saved under a .doc name; the register as the one-stop-shop software
    // exports it, a web page named .xls; the checklist, a fillable PDF form whose fields run
    // JavaScript; an annex of a few KB whose embedded object unpacks to more than the server
    // reads; and a guide with the program that updates the register dragged into it (an icon that
    // runs it). Each is named with what to do about it. The web page's first bytes already say it
    // is no spreadsheet: it is not sent. The others look like what they are named from their first
    // bytes: only the server, reading further, can tell.
    const dossiers = 'Danh sách 2 hồ sơ chưa đúng quy trình.pdf';
    const minutes = 'Biên bản đối chiếu.doc';
    const slides = 'Trình chiếu kết quả đối chiếu.doc';
    const exported = 'Sổ theo dõi xuất từ phần mềm.xls';
    const checklist = 'Phiếu kiểm tra (biểu mẫu điền).pdf';
    const pdfForm = await PDFDocument.create();
    pdfForm.addPage();
    pdfForm.addJavaScript('format', 'AFNumber_Format(0, 1, 0, 0, "", true);');
    const fillableForm = Buffer.from(await pdfForm.save());
    const annex = 'Phụ lục có bảng nhúng.docx';
    const annexZip = await JSZip.loadAsync(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Phụ lục')] }] })),
    );
    // An OLE object padded with zeros past four times this server's 1 MB: they pack to a few KB.
    annexZip.file(
      'word/embeddings/oleObject1.bin',
      Buffer.concat([compoundFile({ '/Ole10Native': 600 }), Buffer.alloc(5 * 1024 * 1024)]),
    );
    const packedAnnex = await annexZip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const guide = 'Hướng dẫn cập nhật sổ theo dõi.docx';
    const guideZip = await JSZip.loadAsync(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Hướng dẫn')] }] })),
    );
    guideZip.file(
      'word/embeddings/oleObject1.bin',
      packageObject('cap-nhat-so.exe', 'C:\\Users\\lan\\Desktop\\cap-nhat-so.exe', Buffer.alloc(2_000, 0x90)),
    );
    const packedGuide = await guideZip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const dragged = await lanIn.page.evaluateHandle(
      (files) => {
        const { DataTransfer: Transfer, File: BrowserFile } = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: unknown): void } };
          File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
        };
        const transfer = new Transfer();
        for (const { name, type, bytes } of files)
          transfer.items.add(new BrowserFile([new Uint8Array(bytes)], name, { type }));
        return transfer;
      },
      [
        {
          name: minutes,
          type: 'application/msword',
          bytes: [...compoundFile({ '/WordDocument': 4_000, '/Macros/VBA/dir': 500 })],
        },
        {
          name: slides,
          type: 'application/msword',
          bytes: [...compoundFile({ '/PowerPoint Document': 4_000, '/Current User': 60 })],
        },
        {
          name: exported,
          type: 'application/vnd.ms-excel',
          bytes: [
            ...Buffer.from(
              '<html><body><table><tr><td>000.00.12.H34-240105-0007</td></tr></table></body></html>',
            ),
          ],
        },
        { name: checklist, type: 'application/pdf', bytes: [...fillableForm] },
        {
          name: annex,
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          bytes: [...packedAnnex],
        },
        {
          name: guide,
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          bytes: [...packedGuide],
        },
        { name: dossiers, type: 'application/pdf', bytes: [...pdfOf(2_000, 'c')] },
      ],
    );
    await attach.dispatchEvent('dragover', { dataTransfer: dragged });
    await form.getByText(vi('tasks:evidence.dropHere')).waitFor();
    await attach.dispatchEvent('drop', { dataTransfer: dragged });
    await form
      .getByText(vi('tasks:evidence.uploaded', { name: dossiers }))
      .first()
      .waitFor();
    const refusedInside = await descriptionOf(attach);
    expect(refusedInside).toContain(
      vi('tasks:evidence.refusedFile', { name: minutes, reason: vi('tasks:evidence.error.macros') }),
    );
    expect(refusedInside).toContain(
      vi('tasks:evidence.refusedFile', { name: slides, reason: vi('tasks:evidence.error.content') }),
    );
    expect(refusedInside).toContain(
      vi('tasks:evidence.refusedFile', { name: exported, reason: vi('tasks:evidence.error.contentNotSent') }),
    );
    expect(refusedInside).toContain(
      vi('tasks:evidence.refusedFile', { name: checklist, reason: vi('tasks:evidence.error.scripts') }),
    );
    expect(refusedInside).toContain(
      vi('tasks:evidence.refusedFile', { name: annex, reason: vi('tasks:evidence.error.unpacked') }),
    );
    expect(refusedInside).toContain(
      vi('tasks:evidence.refusedFile', { name: guide, reason: vi('tasks:evidence.error.program') }),
    );
    // The minutes, the slides, the form, the annex, the guide and the list went out; the web page did not.
    expect(uploads() - uploadsBefore).toBe(7);
    await lanIn.check('files refused for what is inside them', {
      screenshot: 'task-correct-figures.refused-inside',
    });
    await form.getByText(vi('tasks:evidence.orDrop')).waitFor();
    const attachedFiles = form.getByRole('list', { name: vi('tasks:evidence.attached') }).getByRole('link');
    await expect(attachedFiles.allTextContents()).resolves.toEqual(
      [checkedAgain, dossiers].map((name) => `${vi('tasks:evidence.download')} ${name}`),
    );
    await expect(sent()).resolves.toBe(200);
    await section
      .getByRole('status')
      .filter({ hasText: vi('tasks:correct.done') })
      .waitFor();
    const lansNote = lansResult.getByRole('note').filter({ hasText: 'Nguyễn Thị Lan' });
    await lansNote.getByText('1.248/1.250').waitFor();
    await lansNote.getByRole('link', { name: `${vi('tasks:evidence.download')} ${checkedAgain}` }).waitFor();
    await lansNote.getByRole('link', { name: `${vi('tasks:evidence.download')} ${dossiers}` }).waitFor();
    await expect(lansNote.getByText(notes).count()).resolves.toBe(0);
    await lanIn.check('the corrected figures', { screenshot: 'task-correct-figures.done' });
    const log = await org.as<{
      items: { actor: string; payload: { previous: unknown[]; figures: unknown[] } }[];
    }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/events?type=measurement.corrected`);
    const perProcessOf = (figures: unknown[]) =>
      (figures as { indicatorId: string; numerator: number }[]).find(
        (f) => f.indicatorId === 'obj-4-per-process',
      )?.numerator;
    expect(
      log.body.items.map((e) => [e.actor, perProcessOf(e.payload.previous), perProcessOf(e.payload.figures)]),
    ).toEqual([
      [org.idOf('head.tthc'), 1250, 1249],
      [org.idOf('staff.tthc'), 1249, 1248],
    ]);

    // Any other reader of the report (here the Quality Representative, who may not correct it) sees
    // the figures as sent and, beside them, what stands now: who corrected them last and why.
    const qmrIn = await as('qmr');
    await qmrIn.open(pagePath(report.id));
    const result = qmrIn.page.getByRole('region', { name: vi('tasks:page.outcome') });
    await result.getByRole('heading', { name: vi('tasks:keys.figuresAsSent') }).waitFor();
    const corrected = result.getByRole('note');
    await corrected.filter({ hasText: 'Đã sửa sau khi gửi' }).filter({ hasText: 'Nguyễn Thị Lan' }).waitFor();
    await expect(result.getByText('1.250/1.250').count()).resolves.toBe(1);
    await expect(corrected.getByText('1.248/1.250').count()).resolves.toBe(1);
    await corrected.getByText('Hai hồ sơ chưa đúng quy trình công bố').waitFor();
    // What the correction rests on, to open from the note: the file Lan attached to it.
    await corrected.getByText(vi('tasks:keys.correctionEvidence')).waitFor();
    await corrected.getByRole('link', { name: `${vi('tasks:evidence.download')} ${checkedAgain}` }).waitFor();
    // And in the history, Lan's correction names it too, next to her reason, and says in words what
    // it changed: the one indicator, before and after.
    const lansCorrection = qmrIn.page
      .getByRole('region', { name: vi('tasks:history.title') })
      .getByRole('listitem')
      .filter({ hasText: 'Nguyễn Thị Lan' })
      .filter({ hasText: vi('tasks:history.field.evidence') });
    await lansCorrection
      .getByRole('link', { name: `${vi('tasks:evidence.download')} ${checkedAgain}` })
      .waitFor();
    await expect(lansCorrection.locator('.event-fact-line').allTextContents()).resolves.toEqual([
      'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng quy trình, thủ tục được công bố: 1.249/1.250 → 1.248/1.250',
    ]);
    await expect(qmrIn.page.getByRole('region', { name: vi('tasks:correct.title') }).count()).resolves.toBe(
      0,
    );
    await qmrIn.check('a corrected report as another reader sees it', {
      screenshot: 'task-corrected-report.reader',
    });
  });

  it('7. the lead auditor plans the audit, never offered an auditor for their own unit; an auditor signs off a step; the lead auditor closes it', async () => {
    const planTask = await taskOf('lead.auditor', 'audit-plan', { days: 300 });
    await Promise.all(['auditor.hcth', 'auditor.kinhte'].map((local) => org.tokenOf(local)));
    const lead = await as('lead.auditor');
    await openFromMyTasks(lead, planTask, 'the lead auditor');
    await lead.page
      .getByLabel(vi('tasks:auditPlan.scope'))
      .fill('Hệ thống quản lý chất lượng của Văn phòng UBND tỉnh');
    await lead.page.getByLabel(vi('tasks:auditPlan.methods')).fill('Phỏng vấn, xem xét hồ sơ, quan sát');
    const unit = lead.page.getByLabel(vi('tasks:auditPlan.unitOf', { number: 1 }));
    const auditor = lead.page.getByLabel(vi('tasks:auditPlan.auditorOf', { number: 1 }));
    // Trang works in the administration unit: for that unit she is not offered; for another she is.
    const offered = async () =>
      auditor
        .locator('option')
        .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
    await unit.selectOption('vp-hanhchinh-tochuc');
    expect(await offered()).not.toContain(org.idOf('auditor.hcth'));
    expect(await offered()).toContain(org.idOf('auditor.kinhte'));
    const names = (await auditor.locator('option').allTextContents()).join(' | ');
    expect(names).toContain('Bùi Quang Huy');
    expect(names).not.toContain('Đặng Thu Trang');
    // ISO 9001 7.2: the team's certificates as the directory has them; Huy has none on record, and
    // the form says so, in the team and beside his name where a step is given.
    expect(names).toContain(`Bùi Quang Huy — Phòng Kinh tế (${vi('tasks:auditPlan.noCertificate')})`);
    const team = lead.page.getByRole('region', { name: vi('tasks:auditPlan.team') });
    const course = 'Chứng chỉ chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO 9001:2015';
    await expect(team.getByRole('listitem').allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        `Lý Thị Mai: ${course} số 0127/2021, Trung tâm Năng suất Việt Nam cấp ngày 24/09/2021`,
        `Đặng Thu Trang: ${course} số 0418/2023, Trung tâm Năng suất Việt Nam cấp ngày 16/06/2023`,
        `Bùi Quang Huy: ${vi('tasks:auditPlan.noCertificate')}`,
      ]),
    );
    await team
      .getByText(vi('tasks:auditPlan.noCertificateHint', { count: 1, names: 'Bùi Quang Huy' }))
      .waitFor();
    // ISO 9.2.2 a: the organisation has no earlier audit in qcycle, and the form says so.
    await lead.page
      .getByRole('region', { name: vi('tasks:auditPlan.previous.title', { year: 2023 }) })
      .getByText(vi('tasks:auditPlan.previous.none', { year: 2023 }))
      .waitFor();
    await unit.selectOption('vp-tonghop');
    expect(await offered()).toContain(org.idOf('auditor.hcth'));
    await auditor.selectOption(org.idOf('auditor.hcth'));
    await lead.page
      .getByLabel(vi('tasks:auditPlan.processOf', { number: 1 }))
      .fill('Theo dõi nhiệm vụ trọng tâm');
    await lead.page.getByLabel(vi('tasks:auditPlan.clauseOf', { number: 1 })).fill('9.1.1');
    // On a phone each step is a card of its labelled fields, none of them past the screen's edge
    // (said at the end, with the close's).
    const unreadable = {
      plan: await unreadableTablesAtPhoneWidth(
        lead.page.getByRole('group', { name: vi('tasks:auditPlan.steps'), exact: true }),
      ),
      close: [] as string[],
    };
    // The step's card is headed "Bước 1" on a phone, where the column's head "#" is not shown; on a
    // desk the row's head stays the number under it.
    const stepHead = lead.page.getByTestId('step-row-1').getByRole('rowheader');
    const stepHeadSeen = { desk: await seenText(stepHead), phone: '' };
    await lead.page.setViewportSize(VIEWPORTS.phone);
    try {
      stepHeadSeen.phone = await seenText(stepHead);
    } finally {
      await lead.page.setViewportSize(VIEWPORTS.desktop);
    }
    await lead.check('the audit plan task', { screenshot: 'task-audit-plan' });
    await lead.page.getByRole('button', { name: vi('tasks:auditPlan.submit') }).click();
    await submitted(lead);

    const trang = await as('auditor.hcth');
    const step = await taskOf('auditor.hcth', 'audit-step');
    // No audit of 2023 in qcycle: nothing found there last year, and the step's page says nothing of it.
    const stepDetail = await org.as<{ previousFindings?: unknown }>('auditor.hcth', 'GET', taskPath(step.id));
    expect(stepDetail.body.previousFindings).toEqual([]);
    // The lead auditor, who leads the audit, sees on the audit page the step not signed off, when it
    // is due, and urges Trang to finish it; the step's own page names them and says so.
    await lead.open(`/cycles/${encodeURIComponent(cycleId)}/audit`);
    const stepRow = lead.page.getByRole('row').filter({ hasText: 'Theo dõi nhiệm vụ trọng tâm' });
    await stepRow.getByText(/^Hạn \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/).waitFor();
    await stepRow.getByRole('button', { name: vi('cycles:urge.open') }).click();
    await stepRow.getByRole('button', { name: vi('cycles:urge.send') }).click();
    await stepRow.getByText(/^Đã gửi thư đôn đốc Đặng Thu Trang/).waitFor();
    await lead.check("the lead auditor urging an auditor's step from the audit page", {
      screenshot: 'cycle-audit-step-urged',
    });
    await stepRow.getByRole('link', { name: 'Theo dõi nhiệm vụ trọng tâm' }).click();
    await lead.page.getByText(/^Bạn đang xem việc của Đặng Thu Trang/).waitFor();
    const named = lead.page.locator('dl div').filter({ hasText: vi('tasks:page.leadAuditor') });
    expect(await named.locator('dd').innerText()).toContain('Lý Thị Mai');
    await lead.page.getByText(/^Đã đôn đốc lúc/).waitFor();
    await lead.check("an auditor's step, as its lead auditor reads it", {
      screenshot: 'task-audit-step-urged',
    });
    await openFromMyTasks(trang, step, 'the auditor');
    await trang.page.getByRole('radio', { name: vi('tasks:values.conformity'), exact: true }).check();
    await trang.page
      .getByLabel(vi('tasks:auditStep.evidenceItem', { number: 1 }))
      .fill('Sổ theo dõi nhiệm vụ 2024');
    await trang.check('the audit step task');
    await trang.page.getByRole('button', { name: vi('tasks:auditStep.submit') }).click();
    await submitted(trang);

    const close = await taskOf('lead.auditor', 'audit-close');
    await openFromMyTasks(lead, close, 'the lead auditor, closing');
    await lead.page
      .getByLabel(vi('tasks:auditClose.report'))
      .fill('Báo cáo đánh giá nội bộ năm 2024: không có điểm không phù hợp.');
    // The steps and their results, a card each on a phone.
    unreadable.close = await unreadableTablesAtPhoneWidth(
      lead.page.locator('form', {
        has: lead.page.getByRole('heading', { level: 3, name: vi('tasks:auditClose.steps') }),
      }),
    );
    await lead.check('the audit close task', { screenshot: 'task-audit-close' });
    await lead.page.getByRole('button', { name: vi('tasks:auditClose.submit') }).click();
    await submitted(lead);

    // Submitted is not closed: the Quality Representative approves the report.
    const qmr = await as('qmr');
    const approval = await taskOf('qmr', 'audit-report-approval');
    await openFromMyTasks(qmr, approval, 'the Quality Representative, approving the audit report');
    await qmr.check('the audit report approval task');
    await qmr.page.getByRole('button', { name: vi('tasks:auditReportApproval.approve') }).click();
    await submitted(qmr);

    const audit = await eventually('the closed audit', async () => {
      const answer = await org.as<{ status: string; steps: { result: string; auditorUserId: string }[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/audit`,
      );
      return answer.body.status === 'closed' ? answer.body : undefined;
    });
    expect(audit.steps).toEqual([
      expect.objectContaining({ result: 'conformity', auditorUserId: org.idOf('auditor.hcth') }),
    ]);
    expect({ unreadable, stepHeadSeen }).toEqual({
      unreadable: { plan: [], close: [] },
      stepHeadSeen: { desk: '1', phone: vi('tasks:auditPlan.step', { number: 1 }) },
    });
  });

  it("8. the dashboard's chart shows the reported value against the target line", async () => {
    const qmr = await as('qmr');
    await qmr.open(`/cycles/${encodeURIComponent(cycleId)}`);
    const indicator = qmr.page.getByTestId('indicator-obj-4-on-time');
    // Its accessible summary: the indicator, the target in the decision's words, the figure of January.
    const chart = indicator.getByRole('img', {
      name: vi('cycles:chart.summary', {
        label: 'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đảm bảo thời gian quy định',
        target: 'trên 80%',
        values: 'T1/2024: 80%',
      }),
      exact: true,
    });
    await chart.locator('svg').first().waitFor(); // drawn by ECharts, as SVG
    // The SVG has the series (a path) and the dashed target line.
    expect(await chart.locator('svg path').count()).toBeGreaterThan(1);
    expect(await chart.locator('svg [stroke-dasharray]').count()).toBeGreaterThan(0);
    await qmr.check('the cycle dashboard', { screenshot: 'cycle-dashboard' });

    // The other indicator's January was corrected (6b): its table says so, by whom and why.
    const perProcess = qmr.page.getByTestId('indicator-obj-4-per-process');
    await perProcess.getByText(vi('cycles:chart.table')).click();
    const january = perProcess.getByRole('row').filter({ hasText: 'T1/2024' });
    await january
      .filter({ hasText: '1.248/1.250' })
      .filter({ hasText: vi('cycles:chart.corrected') })
      .waitFor();
    await january.getByText('Nguyễn Thị Lan').waitFor();
    await january.getByText('Hai hồ sơ chưa đúng quy trình công bố').waitFor();
    // And what Lan first reported, before the two corrections.
    await january.getByText('Báo cáo ban đầu: 1.250/1.250 (100%);').waitFor();
    await qmr.check("the dashboard's table of a corrected month", {
      screenshot: 'cycle-dashboard.corrected',
    });
    // January's report, its whole history: reported, corrected twice, with the files.
    await january.getByRole('link', { name: vi('cycles:history.ofReport') }).click();
    await qmr.page.waitForURL(/subject=/);
    const trail = qmr.page.locator('.events-table tbody tr td:nth-child(2)');
    await trail.getByText(vi('cycles:eventType.measurement.reported'), { exact: true }).waitFor();
    const kinds = (await trail.allInnerTexts()).map((text) => text.trim());
    expect(kinds.filter((kind) => kind === vi('cycles:eventType.measurement.corrected'))).toHaveLength(2);
    expect(kinds).toContain(vi('cycles:eventType.evidence.uploaded'));
    expect(kinds).toContain(vi('cycles:eventType.task.completed'));
  });

  it('shows the other pages of the cycle and of the app: audit, review, history, notifications, directory', async () => {
    /** The page has loaded its data: not still loading, no error notice, and `shown` on it. */
    const loaded = async (tab: Tab, shown: string) => {
      await tab.page.getByText(shown).first().waitFor();
      await tab.settled();
      expect(await tab.page.locator('.loading, [aria-busy="true"], .notice-error').count()).toBe(0);
    };
    const qmr = await as('qmr');
    const base = `/cycles/${encodeURIComponent(cycleId)}`;
    for (const [path, name, shown] of [
      [`${base}/audit`, 'cycle-audit', 'Theo dõi nhiệm vụ trọng tâm'], // the plan's step, from 7
      [`${base}/review`, 'cycle-review', '123/QĐ-UBND'], // the decision, from 2
      [`${base}/history?order=asc`, 'cycle-history', 'Đề nghị bổ sung kế hoạch thực hiện mục tiêu 4'], // the return, early in the year
      ['/notifications', 'notifications', 'Chỉnh sửa dự thảo mục tiêu chất lượng'], // the revision's notice
    ] as const) {
      await qmr.open(path);
      await loaded(qmr, shown);
      await qmr.check(`the ${name} page`, { screenshot: name });
    }
    // An audit step's own history, from its row: given to its auditor, signed off.
    await qmr.open(`${base}/audit`);
    await loaded(qmr, 'Theo dõi nhiệm vụ trọng tâm');
    await qmr.page
      .getByRole('row')
      .filter({ hasText: 'Theo dõi nhiệm vụ trọng tâm' })
      .getByRole('link', { name: vi('cycles:history.ofStep') })
      .click();
    await qmr.page.waitForURL(/subject=/);
    const stepTrail = qmr.page.locator('.events-table tbody tr td:nth-child(2)');
    await stepTrail.getByText(vi('cycles:eventType.audit.step-signed-off'), { exact: true }).waitFor();
    expect((await stepTrail.allInnerTexts()).map((text) => text.trim())).toContain(
      vi('cycles:eventType.task.opened'),
    );
    // The lead auditor opens a step of Trang's from the audit page: its task, her answer, read only.
    const lead = await as('lead.auditor');
    await lead.open(`${base}/audit`);
    await loaded(lead, 'Theo dõi nhiệm vụ trọng tâm');
    await lead.page.getByRole('link', { name: 'Theo dõi nhiệm vụ trọng tâm' }).click();
    await lead.page.waitForURL(/\/tasks\//);
    await lead.page.getByRole('heading', { name: vi('tasks:page.outcome') }).waitFor();
    await lead.page.getByText(/^Do Đặng Thu Trang/).waitFor();
    // The history comes newest first; oldest first on request, kept in the address over a reload.
    const events = (order: string) =>
      org.as<{ items: { id: string; occurredAt: string }[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/events?limit=1&order=${order}`,
      );
    const firstWhen = () =>
      qmr.page.locator('.events-table tbody tr').first().locator('td').first().textContent();
    const [newest, oldest] = [(await events('desc')).body.items[0], (await events('asc')).body.items[0]];
    expect(newest.occurredAt > oldest.occurredAt).toBe(true);
    await qmr.open(`${base}/history`);
    await loaded(qmr, vi('cycles:history.events'));
    const newestFirst = await firstWhen();
    await qmr.page.getByLabel(vi('cycles:history.order')).selectOption('asc');
    await qmr.page.getByRole('button', { name: vi('cycles:history.apply'), exact: true }).click();
    await qmr.page.waitForURL(/order=asc/);
    // The first row becomes the year's first event.
    await qmr.page
      .locator('.events-table tbody tr')
      .first()
      .locator('td')
      .first()
      .filter({ hasNotText: newestFirst! })
      .waitFor();
    const oldestFirst = await firstWhen();
    // Every task the year opened is named in words, by its title, whatever its kind: the proposal to
    // open a nonconformity for the missed objective too, never the engine's code for it.
    const listed = await qmr.page.locator('.events-table').innerText();
    expect(listed).toContain('Đề xuất mở điểm không phù hợp do mục tiêu 4 không đạt');
    // A report's period in words, as the inbox says it, not by its key.
    expect(listed).toContain('Báo cáo số liệu mục tiêu 4 kỳ T1/2024');
    expect(listed).not.toMatch(/kỳ \d{4}-/);
    expect(TASK_KINDS.filter((kind) => listed.includes(kind))).toEqual([]);
    await qmr.page.reload();
    await loaded(qmr, vi('cycles:history.events'));
    await expect(qmr.page.getByLabel(vi('cycles:history.order')).inputValue()).resolves.toBe('asc');
    expect(await firstWhen()).toBe(oldestFirst);

    // The corrections of the year, chosen by their type: each says what it changed, by name.
    await qmr.page.getByLabel(vi('cycles:history.type')).selectOption('measurement.corrected');
    await qmr.page.getByRole('button', { name: vi('cycles:history.apply'), exact: true }).click();
    await qmr.page.waitForURL(/type=measurement\.corrected/);
    // Only the two corrections of January (the head's, then Lan's) are listed.
    const rows = qmr.page.locator('.events-table tbody tr');
    await rows.nth(2).waitFor({ state: 'detached' });
    await rows
      .filter({ hasText: 'Nguyễn Thị Lan' })
      .getByText(
        'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng quy trình, thủ tục được công bố: 1.249/1.250 → 1.248/1.250',
      )
      .waitFor();
    await expect(rows.count()).resolves.toBe(2);
    // What her correction rests on is named as she uploaded it, each a link to download it.
    for (const name of [
      'Sổ theo dõi tháng 1 - đối chiếu lại.pdf',
      'Danh sách 2 hồ sơ chưa đúng quy trình.pdf',
    ])
      await rows
        .filter({ hasText: 'Nguyễn Thị Lan' })
        .getByRole('link', { name: `${vi('tasks:evidence.download')} ${name}`, exact: true })
        .waitFor();
    // A day picked on the browser's calendar, opened by the button beside the field, is written
    // day first too: from today on, the same two. (Not "up to today": the rehearsal's events are
    // at its workflow time, weeks past the real day once the time-skipping server let January pass.)
    const from = qmr.page.getByLabel(vi('cycles:history.from'));
    await qmr.page
      .locator('.date-input', { has: from })
      .getByRole('button', { name: vi('dateInput.pick') })
      .click();
    await qmr.page.keyboard.press('Enter');
    const today = await qmr.page.evaluate(() => new Date().toLocaleDateString('en-CA'));
    const [year, month, day] = today.split('-');
    await expect(from.inputValue()).resolves.toBe(`${day}/${month}/${year}`);
    // While the page asks (the answer held back here), the rows shown are the last answer's: the
    // heading says it is loading and they are dimmed, not to be taken for the answer.
    let answer!: () => void;
    const heldBack = new Promise<void>((resolve) => (answer = resolve));
    const fromToday = (url: URL) => url.pathname.endsWith('/events') && url.searchParams.has('from');
    await qmr.page.route(fromToday, async (route) => {
      await heldBack;
      await route.continue();
    });
    await qmr.page.getByRole('button', { name: vi('cycles:history.apply'), exact: true }).click();
    await qmr.page.waitForURL(new RegExp(`from=${today}`));
    const eventLog = qmr.page.locator('section[aria-labelledby="events-heading"]');
    await eventLog.and(qmr.page.locator('[aria-busy="true"]')).waitFor();
    await expect(eventLog.getByRole('heading', { level: 2 }).innerText()).resolves.toBe(
      `${vi('cycles:history.events')} (${vi('cycles:loading')})`,
    );
    await expect(
      eventLog
        .locator('.events-table')
        .evaluate(
          (table) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(
              table,
            ).opacity,
        ),
    ).resolves.toBe('0.5');
    answer();
    // Counted once it has answered.
    await eventLog.and(qmr.page.locator('[aria-busy="false"]')).waitFor();
    await qmr.page.unroute(fromToday);
    await expect(rows.count()).resolves.toBe(2);
    // Up to the day before, none: what the page lists is its answer to the filter, not the rows it had.
    const yesterday = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day) - 1));
    const dayBefore = yesterday.toISOString().slice(0, 10);
    await from.fill('');
    await qmr.page.getByLabel(vi('cycles:history.to')).fill(dayBefore.split('-').reverse().join('/'));
    await qmr.page.getByRole('button', { name: vi('cycles:history.apply'), exact: true }).click();
    await qmr.page.waitForURL(
      (url) => url.searchParams.get('to') === dayBefore && !url.searchParams.has('from'),
    );
    await qmr.page.getByText(vi('cycles:history.empty')).waitFor();
    await expect(rows.count()).resolves.toBe(0);
    // The files uploaded in the year, each said in words: the record it was added to, which file
    // (to download) and how large. Lan's register of January is one.
    await qmr.page.getByLabel(vi('cycles:history.to')).fill('');
    await qmr.page.getByLabel(vi('cycles:history.type')).selectOption('evidence.uploaded');
    await qmr.page.getByRole('button', { name: vi('cycles:history.apply'), exact: true }).click();
    await qmr.page.waitForURL((url) => url.searchParams.get('type') === 'evidence.uploaded');
    const upload = rows.filter({ hasText: 'Sổ theo dõi hồ sơ tháng 1.pdf' });
    await upload
      .getByRole('link', {
        name: `${vi('tasks:evidence.download')} Sổ theo dõi hồ sơ tháng 1.pdf`,
        exact: true,
      })
      .waitFor();
    await expect(upload.locator('.event-fact dt').allTextContents()).resolves.toEqual([
      vi('tasks:history.field.record'),
      vi('tasks:history.field.file'),
    ]);
    await expect(upload.locator('.event-fact dd').allTextContents()).resolves.toEqual([
      `${vi('tasks:history.record.measurement')} · Mục tiêu 4, T1/2024`,
      `${vi('tasks:evidence.download')} Sổ theo dõi hồ sơ tháng 1.pdf (293 KB)`,
    ]);

    const admin = await as('admin');
    await admin.open('/directory');
    await loaded(admin, 'Phạm Thị Hoa');
    await admin.check('the directory page', { screenshot: 'directory' });
  });

  it('takes the keyboard to what a refused sign-in or directory form says, not to the top of the page', async () => {
    // A wrong password, sent with the button (disabled while sending): the refusal takes the focus.
    const visitor = await browser.tab();
    await visitor.open('/sign-in');
    await visitor.page.getByLabel(vi('common:signIn.email')).fill(org.email('qmr'));
    await visitor.page.getByLabel(vi('common:signIn.password')).fill('not-her-password');
    await visitor.page.getByRole('button', { name: vi('common:signIn.submit'), exact: true }).press('Enter');
    await visitor.page
      .getByRole('alert')
      .filter({ hasText: vi('common:signIn.wrongPassword') })
      .and(visitor.page.locator(':focus'))
      .waitFor();
    await visitor.close();

    // A unit with nothing filled in: the first field the API refused takes the focus, read with its
    // message.
    const admin = await as('admin');
    await admin.open('/directory?view=units');
    await admin.page.getByRole('button', { name: vi('directory:units.add') }).click();
    const form = admin.page.locator('form', {
      has: admin.page.getByRole('heading', { name: vi('directory:units.add') }),
    });
    await form.getByRole('button', { name: vi('directory:units.add') }).press('Enter');
    const code = form.getByLabel(vi('directory:units.code'));
    await code.and(admin.page.locator(':focus')).waitFor();
    await expect(code.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await descriptionOf(code)).not.toBe('');
    await form.getByRole('button', { name: vi('directory:cancel') }).click();
  });

  it('shows the Quality Representative the tasks of someone deactivated, each a link to hand it over', async () => {
    const held = await org.inbox('staff.tthc', 'measurement-report');
    expect(held.length).toBeGreaterThan(0);
    const deactivate = (active: boolean) =>
      org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('staff.tthc')}`, { active });
    expect((await deactivate(false)).status).toBe(200);
    try {
      const qmr = await as('qmr');
      await qmr.open(`/cycles/${encodeURIComponent(cycleId)}`);
      const section = qmr.page.getByRole('region', { name: vi('cycles:inactive.title'), exact: false });
      await section.waitFor();
      // Under her name, each of her open tasks.
      await section.getByRole('heading', { level: 3, name: 'Nguyễn Thị Lan', exact: false }).waitFor();
      await expect(section.getByRole('listitem').count()).resolves.toBe(held.length);
      await qmr.check('the dashboard with the tasks of someone deactivated', {
        screenshot: 'cycle-inactive-tasks',
      });
      // Each is a link to the task's page, where it is handed over.
      await section.getByRole('link').first().click();
      await qmr.page.waitForURL(/\/tasks\//);
      expect(held.map((t) => `/tasks/${encodeURIComponent(t.id)}`)).toContain(
        new URL(qmr.page.url()).pathname,
      );
    } finally {
      expect((await deactivate(true)).status).toBe(200);
    }
  });

  it("reads the cycles list and the directory's people, units and change log on a phone: each row a card, its name the card's width, nothing cut off", async () => {
    const qmr = await as('qmr');
    await qmr.open('/cycles');
    const cycles = qmr.page.getByRole('region', { name: vi('cycles:list.heading'), exact: true });
    await cycles.getByRole('row').nth(1).waitFor();
    await qmr.settled();
    const unreadable: Record<string, string[]> = { cycles: await unreadableTablesAtPhoneWidth(cycles) };
    await qmr.check('the cycles list', { screenshot: 'cycles-list' });

    // The change log has the deactivation and the return of the test before.
    const admin = await as('admin');
    for (const view of ['users', 'units', 'events'] as const) {
      await admin.open(`/directory?view=${view}`);
      const section = admin.page.getByRole('region', { name: vi(`directory:${view}.title`), exact: true });
      await section.getByRole('row').nth(1).waitFor();
      await admin.settled();
      unreadable[view] = await unreadableTablesAtPhoneWidth(section);
      await admin.check(`the directory's ${view}`, { screenshot: `directory-${view}` });
    }
    expect(unreadable).toEqual({ cycles: [], users: [], units: [], events: [] });
  });

  it('9. the language switch shows the pages in English', async () => {
    const qmr = await as('qmr');
    await qmr.open('/');
    await qmr.page.getByRole('heading', { level: 1, name: vi('tasks:inbox.title') }).waitFor();
    await qmr.page
      .getByRole('group', { name: vi('language.label') })
      .getByRole('button', { name: 'English' })
      .click();
    await qmr.page.getByRole('heading', { level: 1, name: en('tasks:inbox.title') }).waitFor();
    await expect(qmr.page.locator('html').getAttribute('lang')).resolves.toBe('en');
    const nav = qmr.page.getByRole('navigation', { name: en('nav.label') });
    await nav.getByRole('link', { name: en('nav.cycles') }).click();
    await qmr.page.getByRole('heading', { level: 2, name: en('cycles:start.title') }).waitFor();
    await qmr.check('the cycles page in English', { screenshot: 'cycles.en' });
    // Saved as the person's language.
    const me = await org.as<{ locale: string }>('qmr', 'GET', '/api/v1/auth/me');
    expect(me.body.locale).toBe('en');
  });

  it('made every request of the browser to the app’s own origin', () => {
    expect(browser.requestsOutside()).toEqual([]);
    expect(browser.browser.requests.length).toBeGreaterThan(50);
  });
});

const objectiveTitle = (id: string) => KONTUM_2024_TEMPLATE.objectives.find((o) => o.id === id)!.title.vi;

/**
 * The text of `element` as a sighted user sees it: without what in it is not drawn (`display: none`)
 * or drawn a pixel wide (`visually-hidden`), which only a screen reader reads.
 */
const seenText = (element: Locator) =>
  element.evaluate((root: ShownNode) => {
    const seen = (node: ShownNode): string => {
      if (node.nodeType === 3) return node.textContent ?? '';
      const box = node.getBoundingClientRect();
      return box.width > 1 && box.height > 1 ? [...node.childNodes].map(seen).join('') : '';
    };
    return seen(root).replace(/\s+/g, ' ').trim();
  });
// An element or a text in it, as far as seenText reads it (the suites have no DOM types).
interface ShownNode {
  nodeType: number;
  textContent: string | null;
  childNodes: Iterable<ShownNode>;
  getBoundingClientRect(): { width: number; height: number };
}
