import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Locator } from 'playwright-core';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { DataSource } from 'typeorm';
import {
  KONTUM_2024_TEMPLATE,
  defaultCycleCalendar,
  instantToVnLocal,
  startOfYearTaskSchedule,
  UNIT_PROCESS_FIGURES,
  type CycleCalendar,
  type IsoInstant,
  type UnitProcessPerformance,
} from '@qcycle/domain';
import { DocumentVersionEntity, ObjectiveResultEntity } from '@qcycle/persistence';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { normalise, pdfText } from '../documents/support/document-text';
import { taskPath, type DemoOrganisation, type TaskSummary } from '../api/support/demo-organisation';
import { recordClosedYear, recordLastYearsReviewAction } from '../api/support/year-fixtures';
import { APPROVAL, YearOverHttp } from '../api/support/year-over-http';
import { vi } from './support/catalogue';
import {
  browserSuiteConfig,
  BrowserSession,
  descriptionOf,
  escapeRegExp,
  factOf,
  pagePath,
  type Tab,
} from './support/web-suite';

const cyclePath = (cycleId: string) => `/cycles/${encodeURIComponent(cycleId)}`;
/** The nonconformity the Quality Representative opens for the missed objective (1), as she words it. */
const missedObjectiveFinding =
  'Tháng 1: 5 trong 95 hồ sơ không giải quyết đúng quy trình; mục tiêu 100% không còn đạt được.';

/** A calendar day (`2026-12-09`) as the Vietnamese page writes it. */
const written = (day: string) => day.split('-').reverse().join('/');

/** The day in Vietnam of a moment, as the Vietnamese page writes it. */
const writtenDay = (instant: IsoInstant | number) =>
  written(instantToVnLocal(new Date(instant).toISOString()).date);

/**
 * When every unit's acceptance falls due if the approval is given on its due day (`approvalDueAt`,
 * a calendar instant) and the delegation on its own: the start-of-year allowances in working days
 * of the cycle's calendar (libs/domain), as the workflow gives those tasks.
 */
const unitAcceptanceDueAfter = (approvalDueAt: IsoInstant, calendar: CycleCalendar) =>
  startOfYearTaskSchedule(
    'unit-acceptance',
    startOfYearTaskSchedule('assignment-acceptance', approvalDueAt, calendar).dueAt,
    calendar,
  ).dueAt;

/** A step of the dashboard's timeline, by its phase. */
const timelineStep = (tab: Tab, phase: string) =>
  tab.page
    .getByRole('region', { name: vi('cycles:timeline.title') })
    .getByRole('listitem')
    .filter({ hasText: vi(`cycles:phase.${phase}`) });

/** What the Quality Representative enters before the review (ISO 9.3.2 b, c1, c7, d, e). */
const PREPARATION = {
  changesInIssues: 'Luật Đất đai 2024 có hiệu lực từ 01/8/2024: 14 thủ tục đất đai thay đổi.',
  customerSatisfaction: 'Khảo sát 120 phiếu tại bộ phận một cửa: 96% hài lòng; 2 phản ánh về thời gian chờ.',
  externalProviders: 'Bưu điện tỉnh trả kết quả đúng hẹn 98% hồ sơ.',
  resources: 'Thiếu một máy quét tại bộ phận một cửa; nhân sự đủ.',
  risksAndOpportunities: 'Nhắc hạn tự động đã giảm trễ hạn hồ sơ đất đai từ 4% xuống 1%.',
} as const;

/**
 * The forms added for issue #9, driven in a browser (Debian's chromium through playwright-core) by
 * the person whose step it is, on the same stack as the acceptance walk
 * (kontum-year-in-browser.int.spec.ts): the API serving the built web app, the worker, PostgreSQL
 * and the time-skipping Temporal server (a 2024 rehearsal; days pass with `env.sleep`). The rest of
 * the year is set up over HTTP by its people (YearOverHttp), and the API proves what the pages did.
 *
 * The Quality Representative opens the nonconformity the engine proposes for a missed objective
 * (refused by the field first, without a description) and a complaint from the dashboard's card,
 * prepares the review's inputs; the leader holds the review with an action owned by a staff member
 * chosen with the owner picker, who reports it done; after the close the dashboard starts 2025.
 * Every page visited passes axe-core and is photographed at desktop and phone width.
 */
describe('the nonconformity, review and next-year forms in the browser (chromium; API, worker, PostgreSQL, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  let browser: BrowserSession;
  const organisationCode = `nf-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;

  beforeAll(async () => {
    const web = browserSuiteConfig();
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env, config: web });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
    for (const local of ['qmr', 'leader', 'head.tthc', 'head.tonghop', 'staff.tthc', 'staff.tonghop'])
      await org.tokenOf(local);
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  /** That person's own browser tab, signed in through the sign-in page the first time. */
  const as = (local: string): Promise<Tab> => browser.tabOf(org.email(local), DEMO_PASSWORD);

  /** The person opens a task's page: its title and the form of its kind. */
  async function openTask(tab: Tab, task: TaskSummary): Promise<void> {
    await tab.open(pagePath(task.id));
    await tab.page.getByRole('heading', { name: vi(`tasks:formTitle.${task.kind}`), exact: true }).waitFor();
  }

  /** After a submit: the page says it was sent. */
  async function submitted(tab: Tab): Promise<void> {
    await tab.page
      .getByRole('status')
      .filter({ hasText: vi('tasks:page.submitted') })
      .waitFor();
  }

  /**
   * The labels of the compiled review inputs as shown (ReadableValue's `dt`s) that are not the
   * Vietnamese catalogue's: a key the catalogue lacks is shown in made-up English.
   */
  /** Labels the catalogue lacks, and values shown as machine words or ids (`not-achieved`, `obj-4-per-process`). */
  const unlabelled = async (inputs: Locator) => {
    const shown = (await inputs.locator('dt').allTextContents()).map((label) => label.trim());
    expect(shown.length).toBeGreaterThan(10);
    const values = (await inputs.locator('dd').allTextContents()).map((value) => value.trim());
    return [
      ...new Set([
        ...shown.filter((label) => !VI_KEY_LABELS.has(label)),
        ...values.filter((value) => /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(value)),
      ]),
    ];
  };

  const taskStatus = async (local: string, taskId: string) =>
    (await org.as<{ status: string }>(local, 'GET', taskPath(taskId))).body.status;

  it('0. next year prepared in December, a real cycle started today: its timeline plans the approval and the assignment from today, and says when the first report is given', async () => {
    // Another organisation's real year, started now (on the time-skipping server, before any day
    // passes): next year in Vietnam, whose dates are all ahead whatever today is.
    const code = `nfr-${uniqueSuffix()}`;
    const other = await suite.seedDemoOrganisation(code);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const nextYear = Number(today.slice(0, 4)) + 1;
    const nextCycleId = `${code}-${nextYear}`;
    const started = await other.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode: code,
      year: nextYear,
      templateId: 'kontum-2024',
    });
    expect(started.status).toBe(201);
    const calendar = defaultCycleCalendar(nextYear);
    const otherYear = new YearOverHttp(other, env);
    const approval = await otherYear.taskOf('leader', 'objectives-approval');
    const approvalDue = approval.dueAt as string;
    const unitsDue = unitAcceptanceDueAfter(approvalDue, calendar);
    const firstReport = vi('cycles:timeline.firstReport', {
      period: vi('cycles:period.month', { month: 1, year: nextYear }),
      date: `01/02/${nextYear}`,
    });

    const qmr = await browser.tabOf(other.email('qmr'), DEMO_PASSWORD);
    await qmr.open(cyclePath(nextCycleId));
    // Under way since today, until the leader's task is due; the assignment from that day until the
    // units' acceptance is due, not in January; monitoring from then, its first report in February.
    await timelineStep(qmr, 'objectives-approval')
      .filter({ hasText: vi('cycles:timeline.entered', { date: written(today) }) })
      .filter({ hasText: vi('cycles:timeline.plannedUntil', { date: writtenDay(approvalDue) }) })
      .waitFor();
    await timelineStep(qmr, 'assignment')
      .filter({
        hasText: vi('cycles:timeline.plannedRange', {
          from: writtenDay(approvalDue),
          to: writtenDay(unitsDue),
        }),
      })
      .waitFor();
    await timelineStep(qmr, 'monitoring')
      .filter({ hasText: vi('cycles:timeline.plannedFrom', { from: writtenDay(unitsDue) }) })
      .filter({ hasText: firstReport })
      .waitFor();
    // Nothing behind, nothing to come on a day already over.
    const timeline = qmr.page.getByRole('region', { name: vi('cycles:timeline.title') });
    await expect(timeline.getByText(vi('cycles:timeline.behind')).count()).resolves.toBe(0);
    await expect(timeline.getByText(vi('cycles:timeline.state.notStarted')).count()).resolves.toBe(0);
    await qmr.check('a real next year’s dashboard, started in December', {
      screenshot: 'cycle-real-next-year',
    });

    // Approved, delegated and accepted at once, in December: monitoring has begun, and its first
    // report (January's) is given in February.
    await otherYear.approve({ ...APPROVAL, signingDate: today });
    await otherYear.assignAsProposed();
    await otherYear.acceptUnits();
    await otherYear.eventually('monitoring begun', async () =>
      (await other.as<{ live: { phase?: string } }>('qmr', 'GET', `/api/v1/cycles/${nextCycleId}`)).body.live
        .phase === 'monitoring'
        ? true
        : undefined,
    );
    await qmr.open(cyclePath(nextCycleId));
    await timelineStep(qmr, 'monitoring')
      .filter({ hasText: vi('cycles:timeline.state.current') })
      .filter({ hasText: vi('cycles:timeline.entered', { date: written(today) }) })
      .filter({ hasText: firstReport })
      .waitFor();
    await qmr.check('a real next year’s dashboard, monitoring begun in December', {
      screenshot: 'cycle-real-next-year-monitoring',
    });

    // Ended here, so that the days this suite lets pass run its own year only.
    const cancelled = await other.as('qmr', 'POST', `/api/v1/cycles/${nextCycleId}/cancel`, {
      reason: 'Chạy thử trong bộ kiểm thử',
    });
    expect(cancelled.status).toBe(202);
  });

  let proposal: TaskSummary;

  it("1. January's report puts objective 4 out of reach: the Quality Representative opens the proposed nonconformity, refused by the field without a description", async () => {
    await year.start(organisationCode);
    await year.approve();
    await year.assignAsProposed();
    await year.acceptUnits();
    const january = await year.eventually(
      "objective 4's report for 2024-01",
      async () =>
        (await org.inbox('qmr', 'measurement-report')).find(
          (task) => task.objectiveId === 'obj-4' && task.periodKey === '2024-01',
        ),
      70,
    );
    // 90 of 95 dossiers by the process: the year's 100% can no longer be reached.
    const reported = await year.complete('qmr', january.id, {
      figures: [
        { indicatorId: 'obj-4-per-process', numerator: 90, denominator: 95 },
        { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 95, pendingOverdue: 0 },
      ],
      evidence: ['BC-01/2024'],
    });
    expect(reported.status).toBe(200);
    proposal = await year.taskOf('qmr', 'nonconformity-proposal');

    const qmr = await as('qmr');
    await openTask(qmr, proposal);
    // The objective by its number and title, and the period.
    await qmr.page
      .getByText(`${vi('tasks:objectiveNumber', { number: 4 })}: ${objectiveTitle('obj-4')}`, { exact: true })
      .waitFor();
    // The period as the page says it (T1/2024) in the task's facts and in the form's; the figures by indicator.
    const period = qmr.page.getByText(vi('cycles:period.month', { month: 1, year: 2024 }), { exact: true });
    await period.nth(1).waitFor();
    for (const indicator of indicatorsOf('obj-4')) {
      await expect(factOf(qmr.page, indicator.label.vi)).resolves.toBe('90/95');
    }
    await expect(qmr.page.getByText('obj-4-per-process').count()).resolves.toBe(0);
    await qmr.check('the nonconformity proposal', { screenshot: 'task-nonconformity-proposal' });

    const openChoice = qmr.page.getByRole('form', { name: vi('tasks:nonconformityProposal.openTitle') });
    const description = openChoice.getByLabel(vi('tasks:nonconformityProposal.description'));
    // The workflow refuses it; the refusal is said by the description, in Vietnamese.
    const answer = await qmr.answerTo(() =>
      openChoice.getByRole('button', { name: vi('tasks:nonconformityProposal.open') }).click(),
    );
    await openChoice.locator('textarea[aria-invalid="true"]').waitFor();
    expect(answer.status).toBe(422);
    const refused = answer.problems.find((p) => p.path === 'description');
    expect(refused?.reason).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụ]/);
    expect(await description.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(description)).toContain(refused!.reason);
    // A screen reader hears it once: the form's summary, which takes focus; the field's message is
    // no alert of its own.
    await expect(qmr.page.getByRole('alert').count()).resolves.toBe(1);
    await qmr.page
      .getByRole('alert')
      .filter({ hasText: vi('tasks:page.refused') })
      .and(qmr.page.locator(':focus'))
      .waitFor();
    await qmr.check('the nonconformity proposal refused without a description', {
      screenshot: 'task-nonconformity-proposal.refused',
    });
    expect(await taskStatus('qmr', proposal.id)).toBe('open');

    await description.fill(missedObjectiveFinding);
    await openChoice.getByLabel(vi('tasks:nonconformityProposal.unit')).selectOption('vp-tonghop');
    await openChoice.getByLabel(vi('tasks:nonconformityProposal.severity')).selectOption('minor-nc');
    await openChoice.getByRole('button', { name: vi('tasks:nonconformityProposal.open') }).click();
    await submitted(qmr);
    await qmr.check('the opened nonconformity proposal');

    // The unit head plans its corrective action.
    const plan = await year.taskOf('head.tonghop', 'corrective-action-plan');
    const planForm = await org.as<{ form: Record<string, unknown> }>(
      'head.tonghop',
      'GET',
      taskPath(plan.id),
    );
    expect(planForm.body.form).toMatchObject({
      source: 'missed-objective',
      objectiveId: 'obj-4',
      periodKey: '2024-01',
      severity: 'minor-nc',
    });
  });

  const complaint = 'Công dân phản ánh hồ sơ bị trả lại mà không nêu lý do bằng văn bản.';

  it('2. the Quality Representative opens a complaint from the dashboard’s card; the card lists it with its source', async () => {
    const qmr = await as('qmr');
    await qmr.open(cyclePath(cycleId));
    const card = qmr.page.getByRole('region', { name: vi('cycles:nonconformities.title'), exact: true });
    // The missed objective's nonconformity is already there, with its source.
    await card
      .getByRole('listitem')
      .filter({ hasText: vi('cycles:nonconformities.sources.missed-objective') })
      .waitFor();
    // Sent empty: each missing field says so in Vietnamese, and nothing is sent.
    await card.getByRole('button', { name: vi('cycles:nonconformities.submit') }).click();
    await card.getByText(vi('cycles:nonconformities.descriptionRequired')).waitFor();
    await card.getByText(vi('cycles:nonconformities.unitRequired')).waitFor();
    // The keyboard is taken to the first field to fix, not dropped at the top of the page; there it
    // is read with its message, the one thing said (the messages are no alerts).
    await card.getByLabel(vi('cycles:nonconformities.description')).and(card.locator(':focus')).waitFor();
    expect(await descriptionOf(card.getByLabel(vi('cycles:nonconformities.description')))).toBe(
      vi('cycles:nonconformities.descriptionRequired'),
    );
    await expect(card.getByRole('alert').count()).resolves.toBe(0);
    await card.getByLabel(vi('cycles:nonconformities.source')).selectOption('complaint');
    await card.getByLabel(vi('cycles:nonconformities.description')).fill(complaint);
    await card.getByLabel(vi('cycles:nonconformities.unit')).selectOption('vp-kiemsoat-tthc');
    await card.getByLabel(vi('cycles:nonconformities.severity')).selectOption('major-nc');
    await qmr.check('the dashboard’s nonconformity card, filled in');
    // The first time the connection drops after the server has the complaint: the page cannot know
    // and says so; sent again, the same complaint is the one already opened, not a second one.
    const nonconformities = '**/api/v1/cycles/*/nonconformities';
    await qmr.page.route(nonconformities, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await card.getByRole('button', { name: vi('cycles:nonconformities.submit') }).click();
    await card
      .getByRole('alert')
      .filter({ hasText: vi('cycles:errors.network') })
      .waitFor();
    await qmr.page.unroute(nonconformities);
    await card.getByRole('button', { name: vi('cycles:nonconformities.submit') }).click();
    await card
      .getByRole('status')
      .filter({ hasText: vi('cycles:nonconformities.done') })
      .waitFor();

    const listed = card.getByRole('listitem').filter({ hasText: complaint });
    await listed.waitFor();
    await expect(listed.textContent()).resolves.toContain(vi('cycles:nonconformities.sources.complaint'));
    await qmr.check('the dashboard with the complaint listed', { screenshot: 'cycle-nonconformities' });

    const items = (
      await org.as<{ items: { source: string; description: string; unitCode: string }[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/nonconformities`,
      )
    ).body.items;
    expect(items).toEqual([
      expect.objectContaining({ source: 'missed-objective', unitCode: 'vp-tonghop' }),
      expect.objectContaining({ source: 'complaint', description: complaint, unitCode: 'vp-kiemsoat-tthc' }),
    ]);
    expect((await year.taskOf('head.tthc', 'corrective-action-plan')).id).toContain('/nonconformity/2/');
  });

  it('2b. the unit head sees on the dashboard when each phase began, as the Quality Representative does, though not the event log', async () => {
    const head = await as('head.tthc');
    await head.open(cyclePath(cycleId));
    const timeline = head.page.getByRole('region', { name: vi('cycles:timeline.title') });
    const monitoring = timeline.getByRole('listitem').filter({ hasText: vi('cycles:phase.monitoring') });
    const { body } = await org.as<{ phasesEntered: { phase: string; enteredAt: string }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}`,
    );
    const began = body.phasesEntered.find((p) => p.phase === 'monitoring')?.enteredAt as string;
    // The day in Vietnam (UTC+7), as the page writes it: dd/mm/yyyy.
    const [y, m, d] = new Date(Date.parse(began) + 7 * 3_600_000).toISOString().slice(0, 10).split('-');
    await monitoring.filter({ hasText: vi('cycles:timeline.entered', { date: `${d}/${m}/${y}` }) }).waitFor();
    await expect(head.page.getByRole('alert').count()).resolves.toBe(0);
    await head.check('the dashboard as a unit head');
  });

  it('3. the head of the one-stop unit, away, gives the complaint’s corrective action plan to a colleague from its page; refused without a reason first', async () => {
    const plan = await year.taskOf('head.tthc', 'corrective-action-plan');
    const head = await as('head.tthc');
    await openTask(head, plan);
    const section = head.page.getByRole('region', { name: vi('tasks:reassign.title') });
    await section.getByRole('button', { name: vi('tasks:reassign.open') }).click();
    const form = head.page.getByRole('form', { name: vi('tasks:reassign.title') });
    const person = form.getByLabel(vi('tasks:reassign.person'));
    // Those who work the year's tasks, by unit: not the one who has it, the leader or the administrator.
    const offered = await person
      .locator('option')
      .evaluateAll((options) =>
        options.map((option) => (option as unknown as { value: string }).value).filter(Boolean),
      );
    expect(offered).toEqual(
      expect.arrayContaining(['staff.tthc', 'head.tonghop', 'qmr'].map((local) => org.idOf(local))),
    );
    await org.tokenOf('admin');
    for (const local of ['head.tthc', 'leader', 'admin']) expect(offered).not.toContain(org.idOf(local));
    await person.selectOption(org.idOf('staff.tthc'));
    // No reason: said by the field, and nothing is sent.
    await form.getByRole('button', { name: vi('tasks:reassign.submit') }).click();
    const reason = form.getByLabel(vi('tasks:reassign.reason'));
    await form.locator('textarea[aria-invalid="true"]').waitFor();
    expect(await descriptionOf(reason)).toContain(vi('tasks:reassign.reasonTooShort'));
    expect(
      (await org.as<{ assigneeUserId: string }>('qmr', 'GET', taskPath(plan.id))).body.assigneeUserId,
    ).toBe(org.idOf('head.tthc'));
    await head.check('the reassignment refused without a reason', { screenshot: 'task-reassign.refused' });

    // People as the pages name them: name and title.
    const people = (
      await org.as<{ userId: string; fullName: string; title: string | null }[]>(
        'qmr',
        'GET',
        '/api/v1/people',
      )
    ).body;
    const [from, to] = ['head.tonghop', 'staff.tthc'].map((local) => {
      const person = people.find((p) => p.userId === org.idOf(local))!;
      return person.title ? `${person.fullName} (${person.title})` : person.fullName;
    });

    // Meanwhile the Quality Representative, from the plan's own page, gives it to the general
    // division's head. The page still shows the one-stop head holding it: sent now, the head's choice
    // would silently undo the Quality Representative's. It is refused, naming who holds it now.
    expect(
      (
        await org.as('qmr', 'POST', taskPath(plan.id, '/reassign'), {
          toUserId: org.idOf('head.tonghop'),
          reason: 'Phòng Tổng hợp chủ trì khắc phục',
          ifAssignedTo: org.idOf('head.tthc'),
        })
      ).status,
    ).toBe(200);
    await reason.fill('Trưởng phòng đi công tác đến hết tuần');
    const stale = await head.answerTo(() =>
      form.getByRole('button', { name: vi('tasks:reassign.submit') }).click(),
    );
    expect(stale.status).toBe(409);
    const headOfGeneral = people.find((p) => p.userId === org.idOf('head.tonghop'))!.fullName;
    await form
      .getByRole('alert')
      .filter({ hasText: `Việc này vừa được giao cho ${headOfGeneral} sau khi bạn mở ra` })
      .waitFor();
    // The page reloads to show who holds it; nothing of the head's choice was written.
    await form.getByRole('button', { name: vi('tasks:reassign.submit'), exact: true }).waitFor();
    await expect(factOf(head.page, vi('tasks:page.assignee'))).resolves.toBe(from);
    expect(
      (await org.as<{ assigneeUserId: string }>('qmr', 'GET', taskPath(plan.id))).body.assigneeUserId,
    ).toBe(org.idOf('head.tonghop'));
    await head.check('a reassignment refused because another came first', {
      screenshot: 'task-reassign.meanwhile',
    });

    // The head, having seen it, still gives it to the colleague: decided on the page as it is now.
    const answer = await head.answerTo(() =>
      form.getByRole('button', { name: vi('tasks:reassign.submit') }).click(),
    );
    expect(answer.status).toBe(200);
    await section
      .getByRole('status')
      .filter({ hasText: vi('tasks:reassign.done', { to, from }) })
      .waitFor();
    // The page now names her as the one who does it, and its history says it was given to her.
    await expect(factOf(head.page, vi('tasks:page.assignee'))).resolves.toBe(to);
    await head.page.getByText(vi('tasks:history.type.task.reassigned')).first().waitFor();
    await head.check('the reassigned corrective action plan', { screenshot: 'task-reassign.done' });
    // She finds it in her inbox; the head, a delegate now, still may finish it.
    expect((await org.inbox('staff.tthc', 'corrective-action-plan')).map((task) => task.id)).toContain(
      plan.id,
    );
    const now = await org.as<{ assigneeUserId: string; delegateUserIds: string[] }>(
      'staff.tthc',
      'GET',
      taskPath(plan.id),
    );
    expect(now.body).toMatchObject({
      assigneeUserId: org.idOf('staff.tthc'),
      delegateUserIds: expect.arrayContaining([org.idOf('head.tthc')]),
    });
    // The head's page and inbox say whose it is now, so that the two do not both do it unknowingly.
    await head.page
      .getByRole('note')
      .filter({ hasText: vi('tasks:page.onBehalf', { who: to }) })
      .waitFor();
    await head.open('/');
    await head.page
      .getByRole('row')
      .filter({ hasText: vi('tasks:inbox.forOther', { who: to }) })
      .waitFor();
  });

  it('3b. the general division’s head plans the missed objective’s correction with the checklist attached; verifying it, the Quality Representative has the file at hand, finds it not effective and says why; the second plan starts from that; the dashboard’s card shows the last round', async () => {
    // The missed objective's (the one-stop unit's complaint is his too, handed on in 3, as a delegate's).
    const plan = await year.eventually('the missed objective’s plan', async () =>
      (await org.inbox('head.tonghop', 'corrective-action-plan')).find((task) =>
        task.id.endsWith('/nonconformity/1/plan/1'),
      ),
    );
    const head = await as('head.tonghop');
    await openTask(head, plan);
    await head.page
      .getByLabel(vi('tasks:corrective.correction'))
      .fill('Rà soát lại 5 hồ sơ, hoàn thiện các bước còn thiếu.');
    await head.page
      .getByLabel(vi('tasks:corrective.rootCause'))
      .fill('Bộ phận một cửa chưa có danh mục kiểm tra theo quy trình.');
    await head.page
      .getByLabel(vi('tasks:corrective.action'), { exact: true })
      .fill('Ban hành danh mục kiểm tra, tập huấn công chức tiếp nhận.');
    await head.page.getByLabel(vi('tasks:corrective.owner')).selectOption(org.idOf('staff.tonghop'));
    await head.page.getByLabel(vi('tasks:corrective.dueDate'), { exact: true }).fill('15/03/2024');
    // The checklist the action issued: what the correction rests on, for whoever verifies it.
    const checklist = 'Danh mục kiểm tra hồ sơ một cửa.pdf';
    await head.page.getByLabel(vi('tasks:evidence.attach')).setInputFiles({
      name: checklist,
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\nDanh muc kiem tra\n%%EOF\n'),
    });
    await head.page.getByText(vi('tasks:evidence.uploaded', { name: checklist })).waitFor();
    await head.page.getByRole('button', { name: vi('tasks:corrective.submitPlan') }).click();
    await submitted(head);

    // None was named to verify it when it was opened: the Quality Representative does. The plan she
    // judges shows its file by name, to download, beside its words.
    const verify = await year.taskOf('qmr', 'corrective-action-verification');
    const qmr = await as('qmr');
    await openTask(qmr, verify);
    const download = `${vi('tasks:evidence.download')} ${checklist}`;
    const planShown = qmr.page.getByRole('region', { name: vi('tasks:corrective.plan') });
    await planShown.getByRole('link', { name: download }).waitFor();
    await planShown.getByText('Ban hành danh mục kiểm tra, tập huấn công chức tiếp nhận.').waitFor();
    await qmr.check('the verification, the plan’s file at hand', {
      screenshot: 'task-corrective-action-verification',
    });
    // February's register still shows two dossiers off the process: not effective, and she says
    // why, with the register photographed.
    const notEffective = 'Tháng 2 vẫn còn 2 hồ sơ chưa đúng quy trình: danh mục chưa được dùng ở ca chiều.';
    await qmr.page.getByRole('radio', { name: vi('tasks:corrective.effectiveNo') }).check();
    await qmr.page.getByLabel(vi('tasks:corrective.notes')).fill(notEffective);
    const february = 'Sổ theo dõi hồ sơ tháng 2 (ảnh chụp).pdf';
    await qmr.page.getByLabel(vi('tasks:evidence.attach')).setInputFiles({
      name: february,
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\nSo theo doi thang 2\n%%EOF\n'),
    });
    await qmr.page.getByText(vi('tasks:evidence.uploaded', { name: february })).waitFor();
    await qmr.page.getByRole('button', { name: vi('tasks:corrective.submitVerification') }).click();
    await submitted(qmr);

    // The head's second plan starts from why the first was not effective: the verifier's words and
    // what she checked, to open; the first plan one click away.
    const secondPlan = await year.eventually('the second round’s plan', async () =>
      (await org.inbox('head.tonghop', 'corrective-action-plan')).find(
        (task) => task.id === plan.id.replace(/\/plan\/1$/, '/plan/2'),
      ),
    );
    await openTask(head, secondPlan);
    // The unit head does not read the year's history: no link to it.
    await expect(
      head.page.getByRole('link', { name: vi('tasks:history.ofCorrectiveAction') }).count(),
    ).resolves.toBe(0);
    const previous = head.page.getByRole('region', {
      name: vi('tasks:corrective.previousRound', { round: 1 }),
    });
    await previous.getByText(notEffective).waitFor();
    await previous.getByRole('link', { name: `${vi('tasks:evidence.download')} ${february}` }).waitFor();
    await head.check('the second round’s plan, the first found not effective', {
      screenshot: 'task-corrective-action-plan.round-2',
    });
    // He starts from the first plan's words and owner, and amends what did not work.
    await previous.getByRole('button', { name: vi('tasks:corrective.reusePlan', { round: 1 }) }).click();
    await expect(
      head.page.getByLabel(vi('tasks:corrective.action'), { exact: true }).inputValue(),
    ).resolves.toBe('Ban hành danh mục kiểm tra, tập huấn công chức tiếp nhận.');
    await expect(head.page.getByLabel(vi('tasks:corrective.owner')).inputValue()).resolves.toBe(
      org.idOf('staff.tonghop'),
    );
    await head.page.getByLabel(vi('tasks:corrective.correction')).fill('Rà soát lại 2 hồ sơ của ca chiều.');
    await head.page
      .getByLabel(vi('tasks:corrective.rootCause'))
      .fill('Ca chiều do công chức luân phiên tiếp nhận, chưa được tập huấn danh mục.');
    const secondAction = 'Tập huấn danh mục kiểm tra cho công chức trực ca chiều; kiểm tra chéo hằng tuần.';
    await head.page.getByLabel(vi('tasks:corrective.action'), { exact: true }).fill(secondAction);
    await head.page.getByLabel(vi('tasks:corrective.owner')).selectOption(org.idOf('staff.tonghop'));
    await head.page.getByLabel(vi('tasks:corrective.dueDate'), { exact: true }).fill('29/03/2024');
    // The checklist still stands behind it: taken again from the record's earlier files.
    await head.page.getByRole('button', { name: `${vi('tasks:evidence.addEarlier')} ${checklist}` }).click();
    await head.page.getByRole('button', { name: vi('tasks:corrective.submitPlan') }).click();
    await submitted(head);

    const secondVerify = await year.eventually('the second round’s verification', async () =>
      (await org.inbox('qmr', 'corrective-action-verification')).find(
        (task) => task.id === verify.id.replace(/\/verify\/1$/, '/verify/2'),
      ),
    );
    await openTask(qmr, secondVerify);
    // Every round of it is a link away, for her who reads the year's history.
    const everyRound = qmr.page.getByRole('link', { name: vi('tasks:history.ofCorrectiveAction') });
    await expect(everyRound.getAttribute('href')).resolves.toContain(
      `subject=${encodeURIComponent(secondVerify.id.replace(/\/verify\/2$/, ''))}`,
    );
    const notes = 'Tháng 3: 100% hồ sơ đúng quy trình ở cả hai ca.';
    await qmr.page.getByRole('radio', { name: vi('tasks:corrective.effectiveYes') }).check();
    await qmr.page.getByLabel(vi('tasks:corrective.notes')).fill(notes);
    const register = 'Sổ theo dõi hồ sơ tháng 3 (ảnh chụp).pdf';
    await qmr.page.getByLabel(vi('tasks:evidence.attach')).setInputFiles({
      name: register,
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\nSo theo doi thang 3\n%%EOF\n'),
    });
    await qmr.page.getByText(vi('tasks:evidence.uploaded', { name: register })).waitFor();
    await qmr.page.getByRole('button', { name: vi('tasks:corrective.submitVerification') }).click();
    await submitted(qmr);

    // The dashboard's card: how it was dealt with, without opening its form.
    await year.eventually('the missed objective’s nonconformity closed', async () => {
      const listed = await org.as<{ items: { source: string; status: string }[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/nonconformities`,
      );
      return listed.body.items.some((nc) => nc.source === 'missed-objective' && nc.status === 'closed')
        ? true
        : undefined;
    });
    await qmr.open(cyclePath(cycleId));
    const card = qmr.page.getByRole('region', { name: vi('cycles:nonconformities.title'), exact: true });
    const item = card
      .getByRole('listitem')
      .filter({ hasText: vi('cycles:nonconformities.sources.missed-objective') });
    await item.getByText(vi('cycles:nonconformities.record')).click();
    await item.getByRole('link', { name: download }).waitFor();
    // The last round's: the second plan, the checklist it rests on, the verification that closed it.
    await expect(factOf(qmr.page, vi('cycles:audit.action'))).resolves.toBe(secondAction);
    const owner = (
      await org.as<{ userId: string; fullName: string }[]>('qmr', 'GET', '/api/v1/people')
    ).body.find((p) => p.userId === org.idOf('staff.tonghop'))!.fullName;
    await expect(factOf(qmr.page, vi('cycles:audit.owner'))).resolves.toBe(owner);
    await expect(factOf(qmr.page, vi('cycles:audit.verification'))).resolves.toBe(
      `${vi('cycles:audit.effective')}: ${notes}`,
    );
    await expect(factOf(qmr.page, vi('cycles:audit.verificationEvidence'))).resolves.toBe(
      `${vi('tasks:evidence.download')} ${register}`,
    );
    await qmr.check('the dashboard’s nonconformity, planned and verified', {
      screenshot: 'cycle-nonconformity-record',
    });

    // The year's history says which nonconformity each file went to and which one a verification
    // found not effective, not only that one did.
    const aboutIt = vi('cycles:history.nonconformity', {
      unit: 'Phòng Tổng hợp',
      finding: missedObjectiveFinding,
    });
    await qmr.open(`${cyclePath(cycleId)}/history?type=evidence.uploaded`);
    const uploads = qmr.page.locator('.events-table tbody tr');
    for (const name of [checklist, february, register])
      await uploads
        .filter({ has: qmr.page.getByRole('link', { name: `${vi('tasks:evidence.download')} ${name}` }) })
        .getByText(aboutIt, { exact: true })
        .waitFor();
    await qmr.open(`${cyclePath(cycleId)}/history?type=corrective-action.reopened`);
    const reopened = qmr.page.locator('.events-table tbody tr');
    await reopened.filter({ hasText: notEffective }).getByText(aboutIt, { exact: true }).waitFor();
    await expect(reopened.count()).resolves.toBe(1);
    // Said in words, not left in the technical details: the round, the conclusion, the notes.
    const said = async (field: string) =>
      (
        await reopened
          .locator('dl > div', {
            has: qmr.page.locator('dt', { hasText: vi(`tasks:history.field.${field}`) }),
          })
          .locator('dd')
          .innerText()
      ).trim();
    await expect(said('round')).resolves.toBe('1');
    await expect(said('verification')).resolves.toBe(vi('tasks:history.answer.notEffective'));
    await expect(said('notes')).resolves.toBe(notEffective);

    // Its whole history, from the dashboard's card: both rounds, oldest first, and the files.
    await qmr.open(cyclePath(cycleId));
    await item.getByRole('link', { name: vi('cycles:history.ofRecord'), exact: true }).click();
    await qmr.page.waitForURL(/subject=/);
    await qmr.page.getByText(vi('cycles:history.onlyAbout', { subject: aboutIt })).waitFor();
    const trail = qmr.page.locator('.events-table tbody tr');
    await trail.filter({ hasText: secondAction }).first().waitFor();
    const kinds = (await trail.locator('td:nth-child(2)').allInnerTexts()).map((text) => text.trim());
    // Opened, planned, found not effective, planned again, closed: in that order (the uploads carry
    // the real clock, the rehearsal's workflow events the time-skipping server's, so they are left
    // out of the order here).
    const steps = [
      'nonconformity.opened',
      ...['planned', 'reopened', 'closed'].map((s) => `corrective-action.${s}`),
    ];
    const named = new Map(steps.map((type) => [vi(`cycles:eventType.${type}`), type]));
    expect(kinds.filter((kind) => named.has(kind)).map((kind) => named.get(kind))).toEqual([
      'nonconformity.opened',
      'corrective-action.planned',
      'corrective-action.reopened',
      'corrective-action.planned',
      'corrective-action.closed',
    ]);
    for (const name of [checklist, february, register])
      await trail.getByRole('link', { name: `${vi('tasks:evidence.download')} ${name}` }).waitFor();
    await qmr.check('the history of the corrective action', {
      screenshot: 'cycle-history-corrective-action',
    });
    // Back to every event of the year.
    await qmr.page.getByRole('button', { name: vi('cycles:history.allSubjects') }).click();
    await qmr.page.waitForURL((url) => !url.searchParams.has('subject'));
    await qmr.page
      .getByText(vi('cycles:history.onlyAbout', { subject: aboutIt }))
      .waitFor({ state: 'detached' });
    // The unit head reads the card, not the event log: no link to it.
    await head.open(cyclePath(cycleId));
    const headsItem = head.page
      .getByRole('region', { name: vi('cycles:nonconformities.title'), exact: true })
      .getByRole('listitem')
      .filter({ hasText: vi('cycles:nonconformities.sources.missed-objective') });
    await headsItem.getByText(vi('cycles:nonconformities.record')).waitFor();
    await expect(headsItem.getByRole('link', { name: vi('cycles:history.ofRecord') }).count()).resolves.toBe(
      0,
    );
  });

  let lastYearsAction: { title: string; fileName: string };
  const lastYearsFile = () => `${vi('tasks:evidence.download')} ${lastYearsAction.fileName}`;

  it('4. five working days before the review the Quality Representative enters its inputs (b, c1, c7, d, e)', async () => {
    // The organisation's 2023 closed in qcycle: its objective 4 missed, one task done. The review's
    // inputs set it beside this year's (ISO 9.3.2 c: trends), as the leader reads them in step 5.
    const records = suite.api.get(DataSource);
    await recordClosedYear(records, organisationCode, 2023, org.idOf('qmr'));
    // Its review's action, reported not done with a file, carried into this year's review (9.3.2 a).
    lastYearsAction = await recordLastYearsReviewAction(suite.api, org, organisationCode, 2023);
    await records.getRepository(ObjectiveResultEntity).insert({
      id: `${organisationCode}-2023/obj-4`,
      cycleId: `${organisationCode}-2023`,
      objectiveId: 'obj-4',
      status: 'missed',
      indicators: [
        {
          indicatorId: indicatorsOf('obj-4')[0].id,
          status: 'missed',
          final: true,
          value: { kind: 'ratio', numerator: 780, denominator: 1000, percent: 78 },
          periodsDue: 12,
          periodsReported: 12,
          periodsMissing: 0,
          lateReports: 0,
          reasons: ['target-not-met'],
        },
      ],
      computedAt: '2024-01-22T10:00:00.000Z',
    });
    await env.sleep('250 days');
    const preparation = await year.taskOf('qmr', 'review-preparation', 90);
    const qmr = await as('qmr');
    await openTask(qmr, preparation);
    for (const [key, value] of Object.entries(PREPARATION))
      await qmr.page.getByLabel(vi(`tasks:reviewPreparation.${key}`), { exact: true }).fill(value);
    // d) resources: the hint says how many of the internal auditors have their competence on record.
    const resources = qmr.page.getByLabel(vi('tasks:reviewPreparation.resources'), { exact: true });
    expect(await descriptionOf(resources)).toContain(
      vi('tasks:reviewPreparation.auditorsUncertified', { certified: 2, count: 3, names: 'Bùi Quang Huy' }),
    );
    const compiled = qmr.page.getByRole('region', { name: vi('tasks:reviewPreparation.compiled') });
    expect(await unlabelled(compiled)).toEqual([]);
    // Last year's action and the file its report rests on, by the name it was uploaded with.
    await compiled.getByText(lastYearsAction.title, { exact: true }).waitFor();
    await compiled.getByRole('link', { name: lastYearsFile(), exact: true }).waitFor();
    await qmr.check('the review preparation', { screenshot: 'task-review-preparation' });
    await qmr.page.getByRole('button', { name: vi('tasks:reviewPreparation.submit') }).click();
    await submitted(qmr);
    expect(await taskStatus('qmr', preparation.id)).toBe('completed');
  });

  let action: TaskSummary;

  it('5. the leader holds the review, an action owned by a staff member picked by name; she reports it done', async () => {
    const review = await year.taskOf('leader', 'management-review', 10);
    const leader = await as('leader');
    await openTask(leader, review);
    // The inputs the Quality Representative entered are in the pack the leader reads.
    const inputs = leader.page.getByRole('region', { name: vi('tasks:review.inputs') });
    for (const value of Object.values(PREPARATION)) await inputs.getByText(value).waitFor();
    // 2023 beside this year's figures (step 4): named as a year, 2023, never "2.023".
    await inputs.getByText('2023', { exact: true }).first().waitFor();
    await expect(inputs.getByText('2.023').count()).resolves.toBe(0);
    // Indicators by their label, not their id (obj-4-per-process).
    for (const indicator of indicatorsOf('obj-4')) {
      await inputs.getByText(indicator.label.vi, { exact: true }).first().waitFor();
      await expect(inputs.getByText(indicator.id, { exact: true }).count()).resolves.toBe(0);
    }
    expect(await unlabelled(inputs)).toEqual([]);
    await inputs.getByRole('link', { name: lastYearsFile(), exact: true }).waitFor();
    // Each objective a block headed by its number and title, its indicators a table: the figure so
    // far with 2023's beneath it, the reports due and in, the standing and why.
    const objectiveFourRow = (where: Locator) =>
      where
        .getByRole('region', { name: `Mục tiêu 4: ${objectiveTitle('obj-4')}` })
        .getByRole('row')
        .filter({ hasText: indicatorsOf('obj-4')[0].label.vi })
        .getByRole('cell')
        .allInnerTexts();
    const objectiveFourCells = [
      indicatorsOf('obj-4')[0].label.vi,
      '94,74% (90/95)\nNăm 2023: 78% (780/1.000)',
      '1/11 kỳ',
      'Có nguy cơ không đạt',
      'Có kỳ đến hạn chưa báo cáo\nChưa đạt chỉ tiêu\nKhông còn khả năng đạt chỉ tiêu trong năm',
    ];
    await expect(objectiveFourRow(inputs)).resolves.toEqual(objectiveFourCells);
    // The process performance with its trend (ISO 9.3.2 c): this year's figures beside 2023's, a row
    // each, as the record holds them.
    const compiled = (
      await org.as<{ form: { inputs: Record<string, unknown> } }>('leader', 'GET', taskPath(review.id))
    ).body.form.inputs;
    const performance = compiled.processPerformance as {
      tasksCompleted: number;
      tasksCompletedLate: number;
      tasksEscalated: number;
      earlierYears: {
        year: number;
        tasksCompleted: number;
        tasksCompletedLate: number;
        tasksEscalated: number;
      }[];
    };
    const trend = inputs.getByRole('table').filter({
      has: leader.page.getByRole('rowheader', { name: vi('cycles:reviewInput.tasksEscalated') }),
    });
    await expect(trend.getByRole('columnheader').allInnerTexts()).resolves.toEqual([
      vi('cycles:reviewInput.figure'),
      '2024',
      '2023',
    ]);
    const then = performance.earlierYears[0];
    expect(then.year).toBe(2023);
    await expect(
      trend
        .getByRole('row')
        .filter({
          has: leader.page.getByRole('rowheader', { name: vi('cycles:reviewInput.tasksEscalated') }),
        })
        .getByRole('cell')
        .allInnerTexts(),
    ).resolves.toEqual([String(performance.tasksEscalated), String(then.tasksEscalated)]);
    await expect(trend.getByRole('rowheader').allInnerTexts()).resolves.toEqual(
      ['tasksCompleted', 'tasksCompletedLate', 'tasksEscalated'].map((key) =>
        vi(`cycles:reviewInput.${key}`),
      ),
    );
    // The same year's tasks by unit: where they were late, escalated or urged. A row per unit, by
    // name, then the tasks that are no unit's work (the leaders', the auditors'); they add up to the year's.
    const byUnit = compiled.processPerformanceByUnit as UnitProcessPerformance[];
    const unitsTable = inputs.getByRole('table').filter({
      has: leader.page.getByRole('columnheader', { name: vi('cycles:reviewInput.tasksUrged') }),
    });
    // Each count, and beside the tasks done late the share done on time.
    const columns = [
      ...UNIT_PROCESS_FIGURES.slice(0, 3),
      'onTimeShare' as const,
      ...UNIT_PROCESS_FIGURES.slice(3),
    ];
    await expect(unitsTable.getByRole('columnheader').allInnerTexts()).resolves.toEqual([
      vi('cycles:reviewInput.unitCode'),
      ...columns.map((key) => vi(`cycles:reviewInput.${key}`)),
    ]);
    const unitNames = await unitsTable.getByRole('rowheader').allInnerTexts();
    const named = unitNames.slice(0, -1);
    expect(named).toEqual([...named].sort(new Intl.Collator('vi').compare));
    expect(unitNames.at(-1)).toBe(vi('cycles:reviewInput.noUnit'));
    expect(unitNames).toHaveLength(byUnit.length);
    expect(named.filter((name) => /^[a-z0-9-]+$/.test(name))).toEqual([]); // by name, never by code
    const cells = await Promise.all(
      (await unitsTable.locator('tbody tr').all()).map((row) => row.getByRole('cell').allInnerTexts()),
    );
    const onTime = ({ tasksCompleted: done, tasksCompletedLate: late }: UnitProcessPerformance) =>
      done === 0
        ? '—'
        : new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 2 }).format(
            (done - late) / done,
          );
    const rowOf = (unit: UnitProcessPerformance) =>
      columns.map((key) => (key === 'onTimeShare' ? onTime(unit) : String(unit[key])));
    expect(cells.at(-1)).toEqual(rowOf(byUnit.find((unit) => unit.unitCode === null)!));
    expect(cells.map(String).sort()).toEqual(byUnit.map((unit) => String(rowOf(unit))).sort());
    expect(byUnit.some((unit) => unit.unitCode !== null && unit.tasksCompleted > 0)).toBe(true);
    expect(byUnit.reduce((sum, unit) => sum + unit.tasksCompleted, 0)).toBe(performance.tasksCompleted);
    // Said once: the reports in and late per objective, which the tables give per indicator, are not
    // listed again under the same heading.
    await expect(
      inputs
        .locator('dt')
        .filter({ hasText: vi('tasks:keys.objectives') })
        .count(),
    ).resolves.toBe(1);
    // The audits' count, measured by the engine once a year and in before it is due: said so, not "1/0".
    await expect(
      inputs
        .getByRole('region', { name: `Mục tiêu 5: ${objectiveTitle('obj-5')}` })
        .getByRole('cell')
        .nth(2)
        .innerText(),
    ).resolves.toBe('Chưa có kỳ đến hạn; đã báo cáo 1 kỳ');
    // Who entered them, by name.
    await inputs.getByText('Trần Quốc Việt (Chánh Văn phòng UBND tỉnh)', { exact: true }).waitFor();
    await expect(inputs.getByText(org.idOf('qmr')).count()).resolves.toBe(0);

    await leader.page
      .getByLabel(`${vi('tasks:keys.improvementOpportunities')} 1`, { exact: true })
      .fill('Số hóa phiếu kiểm soát');
    await leader.page.getByLabel(vi('tasks:review.minutesRef'), { exact: true }).fill('BB-XXLĐ-2024');
    await leader.page.getByRole('button', { name: vi('tasks:review.addAction') }).click();
    await leader.page
      .getByLabel(vi('tasks:review.actionTitle'), { exact: true })
      .fill('Số hóa phiếu kiểm soát quá trình');
    await leader.page
      .getByLabel(vi('tasks:review.ownerUnit'), { exact: true })
      .selectOption('vp-kiemsoat-tthc');
    // The owner picker: Lan, a staff member of the unit, rather than its head.
    const owner = leader.page.getByLabel(vi('tasks:review.owner'), { exact: true });
    await owner.selectOption({ label: 'Nguyễn Thị Lan — Chuyên viên' });
    await expect(owner.inputValue()).resolves.toBe(org.idOf('staff.tthc'));
    const dueDate = leader.page.getByLabel(vi('tasks:review.dueDate'), { exact: true });
    // Typed day first, as the page writes dates, though this browser's own date fields are month
    // first (its language is English); written back as the page writes it, and in words under it.
    await dueDate.fill('30/6/2025');
    await dueDate.blur();
    await expect(dueDate.inputValue()).resolves.toBe('30/06/2025');
    await expect(
      leader.page.locator('.date-input', { has: dueDate }).locator('.date-in-words').innerText(),
    ).resolves.toBe('Thứ Hai, ngày 30 tháng 6 năm 2025');
    // And a screen reader says it after the field, as the field's description.
    expect(await descriptionOf(dueDate)).toContain('Thứ Hai, ngày 30 tháng 6 năm 2025');
    // Who took part, and the 9.3.1 conclusion: suitable and adequate, not yet effective.
    await leader.page
      .getByLabel(vi('tasks:review.attendeeN', { number: 1 }), { exact: true })
      .fill('Nguyễn Hữu Tháp, Phó Chủ tịch UBND tỉnh');
    // Who took the minutes, to sign them beside the leader.
    await leader.page.getByLabel(vi('tasks:review.secretary'), { exact: true }).fill('Đỗ Thị Hằng');
    for (const [key, answer] of [
      ['suitable', 'yes'],
      ['adequate', 'yes'],
      ['effective', 'no'],
    ] as const)
      await leader.page
        .getByRole('group', { name: vi(`tasks:review.${key}`) })
        .getByRole('radio', { name: vi(`tasks:review.${answer}`), exact: true })
        .check();
    // The signed minutes, scanned, attached to the answer.
    const minutesScan = 'Biên bản họp xem xét của lãnh đạo (đã ký).pdf';
    await leader.page.getByLabel(vi('tasks:evidence.attach')).setInputFiles({
      name: minutesScan,
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\nBien ban hop xem xet\n%%EOF\n'),
    });
    await leader.page.getByText(vi('tasks:evidence.uploaded', { name: minutesScan })).waitFor();
    await leader.check('the management review with an action', { screenshot: 'task-management-review' });
    await leader.page.getByRole('button', { name: vi('tasks:review.submit') }).click();
    await submitted(leader);

    // The record keeps the entered inputs; the action is Lan's task, not the unit head's.
    const held = await year.eventually('the held review', async () => {
      const answer = await org.as<{ status: string; inputs: Record<string, unknown> }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/review`,
      );
      return answer.status === 200 && answer.body.status === 'held' ? answer.body : undefined;
    });
    expect(held.inputs).toMatchObject({ ...PREPARATION, entered: { status: 'entered' } });

    // The review page shows what the leader recorded: who took part, the conclusion, Lan by name.
    const qmr = await as('qmr');
    await qmr.open(`${cyclePath(cycleId)}/review`);
    await qmr.page
      .locator('.card', { has: qmr.page.getByRole('heading', { name: vi('cycles:review.attendees') }) })
      .getByText('Nguyễn Hữu Tháp, Phó Chủ tịch UBND tỉnh', { exact: true })
      .waitFor();
    const fact = (label: string) => factOf(qmr.page, label);
    await expect(fact(vi('cycles:review.secretary'))).resolves.toBe('Đỗ Thị Hằng');
    // The signed minutes' scan beside their number: by its name, a link to download it.
    await expect(fact(vi('cycles:review.evidence'))).resolves.toBe(
      `${vi('tasks:evidence.download')} ${minutesScan}`,
    );
    await qmr.page
      .getByRole('link', { name: `${vi('tasks:evidence.download')} ${minutesScan}`, exact: true })
      .waitFor();
    await expect(fact(vi('cycles:review.suitable'))).resolves.toBe(vi('cycles:review.yes'));
    await expect(fact(vi('cycles:review.adequate'))).resolves.toBe(vi('cycles:review.yes'));
    await expect(fact(vi('cycles:review.effective'))).resolves.toBe(vi('cycles:review.no'));
    const actionRow = qmr.page.getByRole('row', { name: /Số hóa phiếu kiểm soát quá trình/ });
    // The unit's name comes from the session's list of units, read apart from the people.
    await actionRow.getByText('Phòng Kiểm soát thủ tục hành chính', { exact: true }).waitFor();
    await expect(actionRow.getByRole('cell').allTextContents()).resolves.toEqual([
      'Số hóa phiếu kiểm soát quá trình',
      'Phòng Kiểm soát thủ tục hành chính',
      'Nguyễn Thị Lan',
      '30/06/2025',
      // Its follow-up: nothing reported yet; its history a link away.
      `${vi('cycles:reviewActionStatus.open')}${vi('cycles:history.ofRecord')}`,
    ]);
    // The inputs read in words: no field or value left as the record's code name (periodsDue, at-risk,
    // an indicator's id).
    const inputsCard = qmr.page.locator('.card', {
      has: qmr.page.getByRole('heading', { name: vi('cycles:review.inputs') }),
    });
    const codeNames = (await inputsCard.locator('dt, dd').allTextContents())
      .map((text) => text.trim())
      .filter((text) => /^[a-z]+[A-Z]\w*$|^[a-z]+(-[a-z0-9]+)+$/.test(text)); // objectiveResults, obj-4-on-time
    expect(codeNames).toEqual([]);
    // Last year's action's file, by its name, downloads as it was uploaded.
    const [lastYears] = await Promise.all([
      qmr.page.waitForEvent('download'),
      inputsCard.getByRole('link', { name: lastYearsFile(), exact: true }).click(),
    ]);
    expect(lastYears.suggestedFilename()).toBe(lastYearsAction.fileName);
    expect(readFileSync((await lastYears.path())!).toString('latin1')).toContain(
      'So theo doi da so hoa 2023',
    );
    // The objectives as the leader read them in the meeting: the same table.
    await expect(objectiveFourRow(inputsCard)).resolves.toEqual(objectiveFourCells);
    await expect(
      inputsCard
        .locator('dt')
        .filter({ hasText: vi('cycles:reviewInput.objectives') })
        .count(),
    ).resolves.toBe(0);
    await qmr.check('the held review', { screenshot: 'cycle-review-held' });
    action = await year.taskOf('staff.tthc', 'review-action');
    expect(await org.inbox('head.tthc', 'review-action')).toEqual([]);

    const lan = await as('staff.tthc');
    await openTask(lan, action);
    await lan.page.getByText('Số hóa phiếu kiểm soát quá trình', { exact: true }).waitFor();
    await lan.page.getByText('30/06/2025', { exact: true }).waitFor(); // the action's due date, as dates read here
    await lan.page.getByRole('radio', { name: vi('tasks:reviewAction.doneYes'), exact: true }).check();
    await lan.page
      .getByLabel(vi('tasks:reviewAction.note'), { exact: true })
      .fill('Đã đưa phiếu kiểm soát lên hệ thống một cửa điện tử từ tháng 12.');
    // What it rests on: a record by name, and the new form as the system prints it, attached to the
    // action's own record (uploaded at once).
    await lan.page
      .getByLabel(vi('tasks:reviewAction.evidenceItem', { number: 1 }), { exact: true })
      .fill('Quyết định ban hành mẫu phiếu điện tử');
    const printedForm = 'Phiếu kiểm soát điện tử - bản in.pdf';
    await lan.page.getByLabel(vi('tasks:evidence.attach')).setInputFiles({
      name: printedForm,
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\nPhieu kiem soat dien tu\n%%EOF\n'),
    });
    await lan.page.getByText(vi('tasks:evidence.uploaded', { name: printedForm })).waitFor();
    await lan.check('the review action', { screenshot: 'task-review-action' });
    // Typed and not sent: leaving the page would ask first.
    const leavingAsks = () =>
      lan.page.evaluate(() => {
        const leaving = new Event('beforeunload', { cancelable: true });
        (globalThis as unknown as EventTarget).dispatchEvent(leaving);
        return leaving.defaultPrevented;
      });
    await expect(leavingAsks()).resolves.toBe(true);
    // She reloads the page: asked first, and once she goes on, what she typed is still there.
    const asked = new Promise<string>((resolve) =>
      lan.page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      }),
    );
    await lan.page.reload();
    await expect(asked).resolves.toBe('beforeunload');
    await expect(
      lan.page.getByLabel(vi('tasks:reviewAction.note'), { exact: true }).inputValue(),
    ).resolves.toBe('Đã đưa phiếu kiểm soát lên hệ thống một cửa điện tử từ tháng 12.');
    await expect(
      lan.page.getByRole('radio', { name: vi('tasks:reviewAction.doneYes'), exact: true }).isChecked(),
    ).resolves.toBe(true);
    // Meanwhile she has answered it from her phone, in other words: the page's answer comes second.
    // It is refused, and the page says what she typed was not recorded and shows what was.
    // The phone offers the file she had attached to the action's record, and she names it.
    const fromPhone = 'Đã số hóa phiếu kiểm soát (trả lời từ điện thoại).';
    const attached = await org.as<{ reference: string; fileName: string }[]>(
      'staff.tthc',
      'GET',
      `/api/v1/cycles/${cycleId}/evidence?recordType=review-action&recordKey=${encodeURIComponent(action.id)}`,
    );
    expect(attached.body.map((file) => file.fileName)).toEqual([printedForm]);
    const phone = await org.as('staff.tthc', 'POST', `${taskPath(action.id)}/complete`, {
      outcome: { done: true, note: fromPhone, evidence: [attached.body[0].reference] },
    });
    expect(phone.status).toBe(200);
    await lan.page.getByRole('button', { name: vi('tasks:reviewAction.submit') }).click();
    await lan.page
      .getByRole('alert')
      .filter({ hasText: vi('tasks:page.answeredMeanwhile') })
      .waitFor();
    await lan.page.getByText(fromPhone).first().waitFor();
    await expect(
      lan.page.getByRole('button', { name: vi('tasks:reviewAction.submit') }).count(),
    ).resolves.toBe(0);
    await lan.check('the review action answered meanwhile', { screenshot: 'task-answered-meanwhile' });
    await expect(leavingAsks()).resolves.toBe(false);
    const answered = await org.as<{ status: string; outcome: { done: boolean; note: string } }>(
      'staff.tthc',
      'GET',
      taskPath(action.id),
    );
    expect(answered.body).toMatchObject({ status: 'completed', outcome: { done: true, note: fromPhone } });

    // The review's page says how the action went: done, by her, her words, the file to download.
    await qmr.open(`${cyclePath(cycleId)}/review`);
    const row = qmr.page.getByRole('row').filter({ hasText: 'Số hóa phiếu kiểm soát quá trình' });
    const followUp = row.getByRole('cell').last();
    await followUp.getByText(vi('cycles:reviewActionStatus.done'), { exact: true }).waitFor();
    await followUp.getByText(fromPhone).waitFor();
    await followUp.getByRole('link', { name: `${vi('tasks:evidence.download')} ${printedForm}` }).waitFor();
    // Its whole history: given to her, the file, her report.
    await followUp.getByRole('link', { name: vi('cycles:history.ofRecord') }).click();
    await qmr.page.waitForURL(/subject=/);
    const trail = qmr.page.locator('.events-table tbody tr td:nth-child(2)');
    await trail.getByText(vi('cycles:eventType.review.action-reported'), { exact: true }).waitFor();
    const actionTrail = (await trail.allInnerTexts()).map((text) => text.trim());
    for (const type of ['task.opened', 'evidence.uploaded', 'task.completed'])
      expect(actionTrail).toContain(vi(`cycles:eventType.${type}`));
    await qmr.open(`${cyclePath(cycleId)}/review`);
    await followUp.getByText(fromPhone).waitFor();
    await qmr.check('the review, its action reported done', { screenshot: 'cycle-review-action-done' });
  });

  it('6. the Quality Representative downloads the year’s documents from their page; one not printable yet says why; the register lists what was issued', async () => {
    // A busy audit year: 110 nonconformity forms in the register, dated after the decision, more
    // than a page of the API's list.
    const at = new Date().toISOString();
    await suite.api
      .get(DataSource)
      .getRepository(DocumentVersionEntity)
      .insert(
        Array.from({ length: 110 }, (_, i) => ({
          id: `${cycleId}.nonconformity-report.v${i + 1}`,
          organisationCode,
          cycleId,
          year: 2024,
          type: 'nonconformity-report',
          version: i + 1,
          number: '',
          title: `Phiếu báo cáo sự không phù hợp s${i + 1}`,
          fileBaseName: `NC-s${i + 1}-2024`,
          sourceRecord: `corrective_actions/nc-${i + 1}`,
          contentSha256: `${i}`.padStart(64, '0'),
          pdfSha256: `${i}`.padStart(64, '1'),
          docxSha256: `${i}`.padStart(64, '2'),
          approvedBy: null,
          approvedByName: null,
          issuedOn: '2024-01-20',
          registeredBy: org.idOf('qmr'),
          registeredAt: at,
          content: '{}',
          pdf: '',
          docx: '',
        })),
      );
    const qmr = await as('qmr');
    await qmr.open(`${cyclePath(cycleId)}/documents`);
    await qmr.page
      .getByRole('heading', { level: 1, name: vi('cycles:documents.title', { year: 2024 }) })
      .waitFor();
    const register = qmr.page.getByRole('region', { name: vi('cycles:documents.registerTitle') });
    const yearDocuments = () => qmr.page.getByRole('region', { name: vi('cycles:documents.yearTitle') });
    // The decision and its plan are issued when approved, under the decision's number: the register
    // has them before anyone downloads anything.
    const decision = (
      await org.as<{ documentNumber: string }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/decision`)
    ).body;
    // The latest first, twenty to a page: the forms (dated 20 January), their last version at the top.
    const registerPages = register.getByRole('navigation', { name: vi('cycles:documents.registerPages') });
    const showing = (from: number, to: number, total: number) =>
      registerPages.getByText(vi('common:pager.range', { from, to, total }), { exact: true });
    await showing(1, 20, 112).waitFor();
    await expect(register.getByRole('row').count()).resolves.toBe(1 + 20);
    await expect(register.getByRole('row').nth(1).getByRole('cell').first().textContent()).resolves.toBe(
      'Phiếu báo cáo sự không phù hợp s110',
    );
    // The decision and its plan, dated 5 January, on the last page.
    for (let page = 2; page <= 6; page++)
      await registerPages.getByRole('button', { name: vi('common:pager.next'), exact: true }).click();
    await showing(101, 112, 112).waitFor();
    const numbered = register.getByRole('cell', { name: decision.documentNumber, exact: true });
    await expect(numbered.count()).resolves.toBe(2);
    // Or by their kind, which a reload keeps (the address holds it).
    const kind = register.getByLabel(vi('cycles:documents.registerType'), { exact: true });
    await kind.selectOption({
      label: vi('cycles:documents.registerTypeCount', {
        name: vi('cycles:documents.type.objectives-decision'),
        count: 1,
      }),
    });
    await qmr.page.reload();
    await numbered.first().waitFor();
    await expect(register.getByRole('row').count()).resolves.toBe(1 + 1);
    await expect(kind.inputValue()).resolves.toBe('objectives-decision');
    // How many it lists is said as it changes (here no pager says it).
    const count = (n: number) =>
      register.getByRole('status').filter({
        hasText: new RegExp(`^${escapeRegExp(vi('cycles:documents.registerCount', { n }))}$`),
      });
    await count(1).waitFor();
    await expect(registerPages.count()).resolves.toBe(0);
    await kind.selectOption({ label: vi('cycles:documents.registerAllTypes', { count: 112 }) });
    await showing(1, 20, 112).waitFor();
    await count(112).waitFor();
    // And the decision and its plan are shown as issued, from their entries after the forms.
    for (const type of ['objectives-decision', 'objectives-plan'])
      await yearDocuments()
        .getByRole('row')
        .filter({ hasText: vi(`cycles:documents.type.${type}`) })
        .getByText(`Số ${decision.documentNumber}, ngày`, { exact: false })
        .waitFor();

    // The minutes of the review held in step 5, as a PDF file the browser saves.
    const minutes = yearDocuments().getByRole('group', { name: vi('cycles:documents.type.review-minutes') });
    const [saved] = await Promise.all([
      qmr.page.waitForEvent('download'),
      minutes.getByRole('button', { name: 'PDF', exact: true }).click(),
    ]);
    expect(saved.suggestedFilename()).toBe('BB-XXLD-2024-DIEN-TAP.pdf');
    const file = readFileSync((await saved.path())!);
    expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The secretary the leader named in step 5, in the minutes and signing them beside the chair.
    expect(normalise(pdfText(file))).toContain('Thư ký: Đỗ Thị Hằng.');
    // Issued now: in the register and beside the minutes, with their version.
    const issued = (
      await org.as<{ items: { type: string; title: string; version: number }[] }>(
        'qmr',
        'GET',
        `/api/v1/documents?cycleId=${cycleId}&type=review-minutes`,
      )
    ).body.items;
    expect(issued).toHaveLength(1);
    await register.getByRole('cell', { name: issued[0].title, exact: true }).waitFor();
    await expect(register.getByRole('row').nth(1).getByRole('cell').first().textContent()).resolves.toBe(
      issued[0].title,
    );

    // No audit was held this year: its report says what it waits for, and nothing is issued.
    const auditReport = yearDocuments().getByRole('group', {
      name: vi('cycles:documents.type.audit-report'),
    });
    await auditReport.getByRole('button', { name: 'DOCX', exact: true }).click();
    await yearDocuments().getByText(vi('cycles:documents.notYet.audit-report'), { exact: true }).waitFor();
    expect(
      (
        await org.as<{ items: unknown[] }>(
          'qmr',
          'GET',
          `/api/v1/documents?cycleId=${cycleId}&type=audit-report`,
        )
      ).body.items,
    ).toEqual([]);
    await qmr.check('the year’s documents', { screenshot: 'cycle-documents' });
    // A kind the address names that is no kind of document lists them all, the minutes now among them.
    await qmr.open(`${cyclePath(cycleId)}/documents?type=no-such-kind`);
    await showing(1, 20, 113).waitFor();
    await expect(kind.inputValue()).resolves.toBe('');
  });

  it('6a. before the close the year-end reports are drafts: the Quality Representative downloads the objectives report’s draft, then issues it once she has read what issuing does', async () => {
    const registered = async () =>
      (
        await org.as<{
          items: {
            id: string;
            version: number;
            issuedOn: string;
            title: string;
            dispatchNumber: string | null;
          }[];
        }>('qmr', 'GET', `/api/v1/documents?cycleId=${cycleId}&type=objectives-report`)
      ).body.items;
    // The whole register, past the API's page of 100 (the 110 forms of step 6).
    const everyRegistered = async () => {
      const entries: { title: string; dispatchSymbol: string | null; dispatchNumber: string | null }[] = [];
      for (let total = Infinity; entries.length < total;) {
        const page = await org.as<{ items: typeof entries; total: number }>(
          'qmr',
          'GET',
          `/api/v1/documents?cycleId=${cycleId}&limit=100&offset=${entries.length}`,
        );
        if (page.body.items.length === 0) break;
        entries.push(...page.body.items);
        total = page.body.total;
      }
      return entries;
    };
    const qmr = await as('qmr');
    await qmr.open(`${cyclePath(cycleId)}/documents`);
    const yearDocuments = qmr.page.getByRole('region', { name: vi('cycles:documents.yearTitle') });
    const name = vi('cycles:documents.type.objectives-report');
    const report = yearDocuments.getByRole('row').filter({ hasText: name });
    await report.getByText(vi('cycles:documents.draft'), { exact: true }).waitFor();
    await report.getByText(vi('cycles:documents.draftNotIssued'), { exact: true }).waitFor();
    const annual = yearDocuments
      .getByRole('row')
      .filter({ hasText: vi('cycles:documents.type.annual-qms-report') });
    await annual.getByText(vi('cycles:documents.draft'), { exact: true }).waitFor();

    // Its download is the draft, named so and registered nowhere.
    const pdf = report.getByRole('group', { name }).getByRole('button', { name: 'PDF', exact: true });
    const [draft] = await Promise.all([qmr.page.waitForEvent('download'), pdf.click()]);
    expect(draft.suggestedFilename()).toBe('BC-MTCL-2024-DIEN-TAP-DU-THAO.pdf');
    expect(await registered()).toEqual([]);

    // Issuing asks first, saying what it does; then the version issued is shown beside the draft.
    await report.getByRole('button', { name: vi('cycles:documents.issue'), exact: true }).click();
    const confirm = report.getByRole('alertdialog');
    await confirm.getByText(vi('cycles:documents.issueConfirmText', { name }), { exact: true }).waitFor();
    await qmr.check('issuing the objectives report, asked to confirm', {
      screenshot: 'cycle-documents-issue',
    });
    await confirm.getByRole('button', { name: vi('cycles:documents.issueConfirm'), exact: true }).click();
    await report
      .getByRole('status')
      .filter({ hasText: vi('cycles:documents.issuedNow', { version: 1 }) })
      .waitFor();
    const issued = await registered();
    expect(issued.map((entry) => entry.version)).toEqual([1]);
    await report
      .getByText(vi('cycles:documents.issuedLatest', { version: 1, date: written(issued[0].issuedOn) }), {
        exact: true,
      })
      .waitFor();
    // Issued, it no longer reads "Dự thảo"; a line says when a download becomes one again.
    await report.getByText(vi('cycles:documents.draftOnceChanged'), { exact: true }).waitFor();
    await expect(report.getByText(vi('cycles:documents.draft'), { exact: true }).count()).resolves.toBe(0);
    await qmr.check('the objectives report issued before the close', {
      screenshot: 'cycle-documents-issued',
    });
    // The figures have not changed since: the download is the version issued.
    const [file] = await Promise.all([qmr.page.waitForEvent('download'), pdf.click()]);
    expect(file.suggestedFilename()).toBe('BC-MTCL-2024-DIEN-TAP.pdf');

    // Sent, the signed paper got its number from the clerk: recorded in the register's row, the
    // number typed before the symbol its blank line printed; another symbol is refused at the field.
    // What is still to be numbered is listed apart, each with its button.
    const register = qmr.page.getByRole('region', { name: vi('cycles:documents.registerTitle') });
    const awaiting = (await everyRegistered()).filter(
      (entry) => entry.dispatchSymbol !== null && entry.dispatchNumber === null,
    );
    expect(awaiting.map((entry) => entry.title)).toContain(issued[0].title);
    // The văn thư has them on her first page, a link per year to the register showing only them.
    const vanthu = await as('vanthu');
    const toNumber = vanthu.page.getByRole('region', { name: vi('tasks:inbox.toNumber.title') });
    await toNumber.waitFor();
    // This year is a rehearsal: its line says so, as its tasks do.
    await toNumber.getByText(vi('tasks:inbox.rehearsal'), { exact: true }).waitFor();
    await vanthu.check('the văn thư’s documents to number, on her first page', {
      screenshot: 'my-tasks-documents-to-number',
    });
    await toNumber
      .getByRole('link', {
        name: vi('tasks:inbox.toNumber.year', {
          cycle: vi('tasks:page.cycleOfYear', { year: 2024 }),
          count: awaiting.length,
        }),
        exact: true,
      })
      .click();
    const clerkRegister = vanthu.page.getByRole('region', { name: vi('cycles:documents.registerTitle') });
    await expect(
      clerkRegister
        .getByLabel(vi('cycles:documents.registerUnnumbered', { count: awaiting.length }), { exact: true })
        .isChecked(),
    ).resolves.toBe(true);
    await expect(clerkRegister.getByRole('row').count()).resolves.toBe(1 + awaiting.length);
    await register
      .getByLabel(vi('cycles:documents.registerUnnumbered', { count: awaiting.length }), { exact: true })
      .check();
    await expect(register.getByRole('row').count()).resolves.toBe(1 + awaiting.length);
    await expect(
      register.getByRole('button', { name: vi('cycles:dispatchNumber.record'), exact: true }).count(),
    ).resolves.toBe(awaiting.length);
    const registerRow = register.getByRole('row').filter({ hasText: issued[0].title });
    await registerRow.getByRole('button', { name: vi('cycles:dispatchNumber.record'), exact: true }).click();
    const numberField = registerRow.getByLabel(vi('cycles:dispatchNumber.number'), { exact: true });
    await expect(numberField.inputValue()).resolves.toBe('/BC-UBND');
    // The caret waits before the symbol: the clerk's digits are all there is to type.
    await numberField.focus();
    await qmr.page.keyboard.type('15');
    await expect(numberField.inputValue()).resolves.toBe('15/BC-UBND');
    await numberField.fill('15/KH-UBND');
    const save = registerRow.getByRole('button', { name: vi('cycles:dispatchNumber.save'), exact: true });
    await save.click();
    await registerRow
      .getByText(vi('cycles:dispatchNumber.numberInvalid', { symbol: '/BC-UBND' }), { exact: true })
      .waitFor();
    await qmr.check('numbering the objectives report: another symbol refused at its field', {
      screenshot: 'cycle-documents-dispatch-refused',
    });
    await numberField.fill('15/BC-UBND');
    await save.click();
    await registerRow
      .getByText(
        vi('cycles:dispatchNumber.recorded', { number: '15/BC-UBND', date: writtenDay(Date.now()) }),
        { exact: true },
      )
      .waitFor();
    // Numbered, it stays in the list a moment, with its number; the count goes down.
    await register
      .getByLabel(vi('cycles:documents.registerUnnumbered', { count: awaiting.length - 1 }), { exact: true })
      .waitFor();
    await qmr.check('the objectives report numbered on sending, in the register', {
      screenshot: 'cycle-documents-dispatched',
    });
    expect((await registered()).map((entry) => entry.dispatchNumber)).toEqual(['15/BC-UBND']);

    // Only the Quality Representative issues: the leader sees the drafts, without the button.
    const leader = await as('leader');
    await leader.open(`${cyclePath(cycleId)}/documents`);
    const leaderYear = leader.page.getByRole('region', { name: vi('cycles:documents.yearTitle') });
    await leaderYear
      .getByRole('row')
      .filter({ hasText: vi('cycles:documents.type.annual-qms-report') })
      .getByText(vi('cycles:documents.draft'), { exact: true })
      .waitFor();
    await expect(
      leaderYear.getByRole('button', { name: vi('cycles:documents.issue'), exact: true }).count(),
    ).resolves.toBe(0);
    // Nor does the leader number documents; the văn thư (role clerk) does, and files the dossier.
    const leaderRegister = leader.page.getByRole('region', { name: vi('cycles:documents.registerTitle') });
    await leaderRegister
      .getByText(vi('cycles:dispatchNumber.recorded', { number: '15/BC-UBND', date: writtenDay(Date.now()) }))
      .waitFor();
    await expect(
      leaderRegister.getByRole('button', { name: vi('cycles:dispatchNumber.correct'), exact: true }).count(),
    ).resolves.toBe(0);
    // The demo directory's văn thư: nothing of a cycle's roster, only the clerk role.
    await vanthu.page.getByRole('link', { name: vi('common:nav.cycles'), exact: true }).click();
    await vanthu.open(`${cyclePath(cycleId)}/documents`);
    await vanthu.page
      .getByRole('region', { name: vi('cycles:documents.registerTitle') })
      .getByRole('row')
      .filter({ hasText: issued[0].title })
      .getByRole('button', { name: vi('cycles:dispatchNumber.correct'), exact: true })
      .waitFor();
    await vanthu.page.getByRole('region', { name: vi('cycles:dossier.title') }).waitFor();
  });

  it('6b. before the close, in the review’s phase, the dashboard already offers 2025 from this year’s decision', async () => {
    expect((await org.as<{ status: string }>('qmr', 'GET', `/api/v1/cycles/${cycleId}`)).body.status).toBe(
      'running',
    );
    const qmr = await as('qmr');
    await qmr.open(cyclePath(cycleId));
    const card = qmr.page.getByRole('region', { name: vi('cycles:nextYear.title', { year: 2025 }) });
    await card.getByRole('button', { name: vi('cycles:nextYear.start', { year: 2025 }) }).waitFor();
    await card
      .getByText(
        vi('cycles:nextYear.leadBeforeClose', { year: 2025, count: KONTUM_2024_TEMPLATE.objectives.length }),
      )
      .waitFor();
    // Next year takes its roster as the directory stands when it starts: who would get the work. A
    // deputy put in charge of the general division leads it too, and by name comes first: the
    // roster says nobody chose him, and who else leads it.
    await org.join('deputy.tonghop', {
      fullName: 'Đinh Văn Ban',
      title: 'Phó Chánh Văn phòng',
      roles: [{ role: 'unit-head', unitCode: 'vp-tonghop' }],
    });
    await card.getByText(vi('cycles:roster.show')).click();
    const roster = card.getByRole('region', { name: vi('cycles:roster.title') });
    await expect(
      roster
        .locator('tr', { hasText: 'Phòng Tổng hợp' })
        .locator(`td[data-label="${vi('cycles:roster.head')}"]`)
        .textContent(),
    ).resolves.toBe(`Đinh Văn Ban ${vi('cycles:roster.firstByName', { others: 'Võ Đình Nam' })}`);
    await qmr.check('the running cycle’s dashboard offering next year', {
      screenshot: 'cycle-next-year-before-close',
    });
    // He leaves before 2025 starts: the general division's work stays with its head.
    expect(
      (await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('deputy.tonghop')}`, { active: false }))
        .status,
    ).toBe(200);
    // Only the Quality Representative and the administrator start a year: the leader sees no card.
    const leader = await as('leader');
    await leader.open(cyclePath(cycleId));
    await leader.page
      .getByRole('heading', { level: 1, name: vi('cycles:dashboard.title', { year: 2024 }) })
      .waitFor();
    await expect(
      leader.page.getByRole('region', { name: vi('cycles:nextYear.title', { year: 2025 }) }).count(),
    ).resolves.toBe(0);
  });

  it('7. once the year has closed, its dashboard starts 2025 and goes to the new cycle', async () => {
    await year.eventually(
      "next year's draft prepared at the close",
      async () =>
        (await org.as<{ final: boolean }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/next-year`)).body.final
          ? true
          : undefined,
      80,
    );
    const qmr = await as('qmr');
    await qmr.open(cyclePath(cycleId));
    const card = qmr.page.getByRole('region', { name: vi('cycles:nextYear.title', { year: 2025 }) });
    const start = card.getByRole('button', { name: vi('cycles:nextYear.start', { year: 2025 }) });
    await start.waitFor();
    await card.getByText(vi('cycles:nextYear.lead', { count: 1, carried: 0 })).waitFor();
    await qmr.check('the closed cycle’s dashboard with next year', { screenshot: 'cycle-next-year' });
    // 2025's objectives edited before they go to the leader: two internal audits a year, not one.
    await card.getByRole('button', { name: vi('cycles:start.objectives.edit') }).click();
    await card
      .getByRole('region', { name: vi('cycles:start.objectives.titleYear', { year: 2025 }) })
      .getByRole('group', { name: vi('tasks:objectiveNumber', { number: 5 }), exact: true })
      .getByLabel(vi('tasks:editor.targetCount'))
      .fill('2');
    // And its first legal basis: the law on local government 2024's decision cites has been replaced.
    await card.getByText(vi('cycles:start.wording.title')).click();
    await card.getByText(vi('cycles:nextYear.wordingHint', { year: 2024 })).waitFor();
    const legalBasis = card.getByLabel(vi('cycles:start.wording.legalBasis', { number: 1 }), { exact: true });
    await expect(legalBasis.inputValue()).resolves.toBe(KONTUM_2024_TEMPLATE.legalBases[0]);
    await legalBasis.fill(NEW_LOCAL_GOVERNMENT_LAW);
    await qmr.check('next year’s objectives being edited on the closed cycle’s dashboard', {
      screenshot: 'cycle-next-year-objectives',
    });
    const [answer] = await Promise.all([
      qmr.page.waitForResponse(
        (response) => response.request().method() === 'POST' && response.url().endsWith('/next-year'),
      ),
      start.click(),
    ]);
    expect(answer.status()).toBe(201);
    await qmr.page.waitForURL((url) => url.pathname === cyclePath(`${organisationCode}-2025`));
    await qmr.page
      .getByRole('heading', { level: 1, name: vi('cycles:dashboard.title', { year: 2025 }) })
      .waitFor();
    // A rehearsal: its plan is the calendar's, moved by its shift like every date of it. The
    // assignment from the day the leader's approval is due until the units' acceptance would be.
    const nextCycleId = `${organisationCode}-2025`;
    const shiftMs =
      (await org.as<{ live: { scheduleShiftMs?: number } }>('qmr', 'GET', `/api/v1/cycles/${nextCycleId}`))
        .body.live.scheduleShiftMs ?? 0;
    expect(shiftMs).toBeGreaterThan(0);
    const approval = await year.taskOf(
      'leader',
      'objectives-approval',
      0,
      (task) => task.cycleId === nextCycleId,
    );
    // The leader is asked to approve 2025's objectives as edited.
    const asked = await org.as<{ form: { objectives: { indicators: { target?: { value: number } }[] }[] } }>(
      'leader',
      'GET',
      `/api/v1/tasks/${encodeURIComponent(approval.id)}`,
    );
    expect(asked.body.form.objectives.map((o) => o.indicators[0].target?.value)).toEqual(
      KONTUM_2024_TEMPLATE.objectives.map((o, i) =>
        i === 4 ? 2 : (o.indicators[0] as { target?: { value: number } }).target?.value,
      ),
    );
    // The decision they would sign cites the law in force, the others as 2024's did.
    const leader = await as('leader');
    await leader.open(pagePath(approval.id));
    const [drafted] = await Promise.all([
      leader.page.waitForEvent('download'),
      leader.page.getByRole('button', { name: vi('tasks:decisionDraft.decision.pdf') }).click(),
    ]);
    const draftText = normalise(pdfText(readFileSync((await drafted.path())!)));
    expect(draftText).toContain(normalise(NEW_LOCAL_GOVERNMENT_LAW));
    expect(draftText).not.toContain('ngày 19 tháng 6 năm 2015');
    expect(draftText).toContain(normalise(KONTUM_2024_TEMPLATE.legalBases[1]));
    const approvalDue = Date.parse(approval.dueAt as string);
    const unitsDue = unitAcceptanceDueAfter(
      new Date(approvalDue - shiftMs).toISOString(),
      defaultCycleCalendar(2025),
    );
    await timelineStep(qmr, 'assignment')
      .filter({
        hasText: vi('cycles:timeline.plannedRange', {
          from: writtenDay(approvalDue),
          to: writtenDay(Date.parse(unitsDue) + shiftMs),
        }),
      })
      .waitFor();
    await qmr.check('the 2025 cycle’s dashboard', { screenshot: 'cycle-2025' });
  });

  it('made every request of the browser to the app’s own origin', () => {
    expect(browser.requestsOutside()).toEqual([]);
  });
});

/** Every label the Vietnamese tasks catalogue has for a key of a recorded value (`keys.*`). */
const VI_KEY_LABELS = new Set(
  Object.values(
    (
      JSON.parse(readFileSync(join(__dirname, '../../apps/web/src/i18n/vi/tasks.json'), 'utf8')) as {
        keys: Record<string, string>;
      }
    ).keys,
  ),
);

/** The Law on the Organisation of Local Government of 2025, which replaced 2015's. */
const NEW_LOCAL_GOVERNMENT_LAW = 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;';

const objectiveOf = (id: string) => KONTUM_2024_TEMPLATE.objectives.find((o) => o.id === id)!;
const objectiveTitle = (id: string) => objectiveOf(id).title.vi;
const indicatorsOf = (id: string) => objectiveOf(id).indicators;
