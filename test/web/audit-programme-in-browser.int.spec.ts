import { qualityCycleWorkflowId, type QualityEventPayloads } from '@qcycle/contracts';
import { eventually, uniqueSuffix } from '@qcycle/testing';
import { DataSource } from 'typeorm';
import { CorrectiveActionEntity, EventLogEntryEntity } from '@qcycle/persistence';
import { TaskLinkSigner } from '@qcycle/task-links';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from '../api/support/demo-organisation';
import { recordClosedYear, recordLastYearsAudit } from '../api/support/year-fixtures';
import { rehearsalAtItsAuditPlan } from '../api/support/year-over-http';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, factOf, pagePath } from './support/web-suite';

/**
 * ISO 9001 9.2.2 a: the audit programme takes the results of previous audits into account. The lead
 * auditor plans 2024's internal audit (chromium, Vietnamese) and, beside the plan's form, reads how
 * 2023's came out: its steps counted by result, each finding with its unit, process and clause and
 * where its corrective action stands, and the way to last year's audit page. 2023 is the
 * organisation's year closed in qcycle, its audit records written as the workflow writes them; 2024
 * a rehearsal from October on the real API serving the built web app, the worker, the Temporal dev
 * server and PostgreSQL. Checked with axe-core and photographed (test-results/screenshots/
 * task-audit-plan-previous-year).
 */
describe("planning the internal audit with last year's results beside it (chromium; API, worker, Temporal dev server, PostgreSQL)", () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  let plan: TaskSummary;
  const organisationCode = `ap-${uniqueSuffix()}`;
  const audit2023 = `quality-cycle/${organisationCode}/2023/audit`;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(
      [
        'admin',
        'leader',
        'qmr',
        'head.tthc',
        'head.tonghop',
        'lead.auditor',
        'auditor.hcth',
        'auditor.kinhte',
      ].map((local) => org.tokenOf(local)),
    );
    await recordClosedYear(suite.api.get(DataSource), organisationCode, 2023, org.idOf('qmr'));
    await recordLastYearsAudit(suite.api.get(DataSource), org, organisationCode, 2023);
    plan = await rehearsalAtItsAuditPlan(org);
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close({ endCycles: [{ organisationCode, year: 2024 }] });
  });

  it("shows the lead auditor 2023's results beside the plan: the counts, each finding and its corrective action, and the way to that audit", async () => {
    const lead = await browser.tabOf(org.email('lead.auditor'), DEMO_PASSWORD);
    await lead.open(pagePath(plan.id));
    const previous = lead.page.getByRole('region', {
      name: vi('tasks:auditPlan.previous.title', { year: 2023 }),
    });
    await previous
      .getByText(
        vi('tasks:auditPlan.previous.summary', {
          steps: 3,
          conformity: 1,
          observation: 1,
          minor: 1,
          major: 0,
        }),
      )
      .waitFor();
    await previous.getByText('Phòng Hành chính - Tổ chức', { exact: true }).waitFor();
    await expect(previous.getByRole('listitem').allTextContents()).resolves.toEqual([
      `${vi('cycles:auditResult.minor-nc')} Phòng Kiểm soát thủ tục hành chính — Giải quyết hồ sơ TTHC (điều khoản 8.5.1): ` +
        `Hai hồ sơ trả kết quả không ghi ngày. ${vi('tasks:auditPlan.previous.action')} ` +
        `${vi('cycles:actionStatus.closed')}, ${vi('tasks:auditPlan.previous.effective')}.`,
      `${vi('cycles:auditResult.observation')} Phòng Hành chính - Tổ chức — Kiểm soát thông tin dạng văn bản (điều khoản 7.5.3): ` +
        'Sổ công văn đến chưa ghi hạn xử lý.',
    ]);
    await lead.check("the audit plan with last year's results", {
      screenshot: 'task-audit-plan-previous-year',
    });
  });

  it("opens 2023's audit page from the plan's form, its team with each member's competence", async () => {
    const lead = await browser.tabOf(org.email('lead.auditor'), DEMO_PASSWORD);
    await lead.open(pagePath(plan.id));
    const previous = lead.page.getByRole('region', {
      name: vi('tasks:auditPlan.previous.title', { year: 2023 }),
    });
    await previous.getByRole('link', { name: vi('tasks:auditPlan.previous.open', { year: 2023 }) }).click();
    await lead.page
      .getByRole('heading', { level: 1, name: vi('cycles:audit.title', { year: '2023' }) })
      .waitFor();
    // Its team with each member's competence as the directory has it (ISO 9001 7.2).
    const course = 'Chứng chỉ chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO 9001:2015';
    const team = lead.page.getByRole('region', { name: vi('cycles:audit.plan') });
    await team
      .getByRole('listitem')
      .filter({ hasText: 'Lý Thị Mai' })
      .filter({
        hasText: vi('common:auditorCertificate.words', {
          certificate: `${course} số 0127/2021`,
          issuer: 'Trung tâm Năng suất Việt Nam',
          date: '24/09/2021',
        }),
      })
      .waitFor();
    await team
      .getByRole('listitem')
      .filter({ hasText: 'Bùi Quang Huy' })
      .filter({ hasText: vi('cycles:audit.noCertificate') })
      .waitFor();
    await lead.check("last year's audit, its team's competence", {
      screenshot: 'cycle-audit-team-competence',
    });
  });
  it("plans last year's findings again with one press: their unit, process and clause as steps, each marked with what 2023 found there; the plan is issued with them", async () => {
    const lead = await browser.tabOf(org.email('lead.auditor'), DEMO_PASSWORD);
    await lead.open(pagePath(plan.id));
    const previous = lead.page.getByRole('region', {
      name: vi('tasks:auditPlan.previous.title', { year: 2023 }),
    });
    await lead.page
      .getByLabel(vi('tasks:auditPlan.scope'))
      .fill('Hệ thống quản lý chất lượng của Văn phòng UBND tỉnh');
    await lead.page.getByLabel(vi('tasks:auditPlan.methods')).fill('Phỏng vấn, xem xét hồ sơ');
    await previous
      .getByRole('button', { name: vi('tasks:auditPlan.previous.planAgain', { count: 2 }) })
      .click();
    await previous
      .getByRole('status')
      .filter({ hasText: vi('tasks:auditPlan.previous.added', { count: 2 }) })
      .waitFor();
    // Every finding is planned now: the form says so instead of offering them again.
    await previous.getByText(vi('tasks:auditPlan.previous.allPlanned', { year: 2023 })).waitFor();
    await expect(previous.getByRole('button').count()).resolves.toBe(0);

    // The empty first step gave its place; a step each, as 2023 audited it, its auditor to choose.
    const plannedSteps = () =>
      Promise.all(
        [1, 2, 3].map(async (number) => {
          const field = (label: string) => lead.page.getByLabel(vi(label, { number }));
          if ((await field('tasks:auditPlan.unitOf').count()) === 0) return null;
          return {
            unit: await field('tasks:auditPlan.unitOf').inputValue(),
            process: await field('tasks:auditPlan.processOf').inputValue(),
            clause: await field('tasks:auditPlan.clauseOf').inputValue(),
            auditor: await field('tasks:auditPlan.auditorOf').inputValue(),
            marked: await lead.page
              .getByTestId(`step-row-${number}`)
              .locator('.step-previous')
              .allTextContents(),
          };
        }),
      );
    const atStep = (result: string, process: string, clause: string) =>
      vi('tasks:auditPlan.previous.atStep', {
        year: 2023,
        findings: vi('tasks:auditPlan.previous.atStepFinding', {
          result: vi(`cycles:auditResult.${result}`),
          process,
          clause,
        }),
      });
    const expected = [
      {
        unit: 'vp-kiemsoat-tthc',
        process: 'Giải quyết hồ sơ TTHC',
        clause: '8.5.1',
        auditor: '',
        marked: [atStep('minor-nc', 'Giải quyết hồ sơ TTHC', '8.5.1')],
      },
      {
        unit: 'vp-hanhchinh-tochuc',
        process: 'Kiểm soát thông tin dạng văn bản',
        clause: '7.5.3',
        auditor: '',
        marked: [atStep('observation', 'Kiểm soát thông tin dạng văn bản', '7.5.3')],
      },
      null,
    ];
    await expect(plannedSteps()).resolves.toEqual(expected);
    // The plan's coverage of the system's scope: the four units it does not audit yet, by name.
    await expect(lead.page.getByTestId('audit-coverage').textContent()).resolves.toBe(
      vi('tasks:auditPlan.unitsNotPlanned', {
        count: 4,
        names: 'Phòng Khoa giáo - Văn xã, Phòng Kinh tế, Phòng Tổng hợp, Trung tâm Phục vụ hành chính công',
      }),
    );
    await lead.check("the audit plan with last year's findings planned again", {
      screenshot: 'task-audit-plan-findings-again',
    });

    // A reload gives the draft back; a step added then is a step of its own. With one on each of the
    // four other units, the plan audits every unit in scope; removing them leaves last year's two as
    // they were.
    await lead.page.reload({ waitUntil: 'domcontentloaded' });
    await previous.getByText(vi('tasks:auditPlan.previous.allPlanned', { year: 2023 })).waitFor();
    await expect(plannedSteps()).resolves.toEqual(expected);
    const otherUnits = ['vp-khoagiao-vanxa', 'vp-kinhte', 'vp-tonghop', 'vp-ttpvhcc'];
    for (const [i, unitCode] of otherUnits.entries()) {
      await lead.page.getByRole('button', { name: vi('tasks:auditPlan.addStep') }).click();
      await lead.page.getByLabel(vi('tasks:auditPlan.unitOf', { number: 3 + i })).selectOption(unitCode);
    }
    await expect(lead.page.getByTestId('audit-coverage').textContent()).resolves.toBe(
      vi('tasks:auditPlan.allUnitsPlanned', { count: 6 }),
    );
    for (const number of [6, 5, 4, 3])
      await lead.page
        .getByTestId(`step-row-${number}`)
        .getByRole('button', { name: vi('tasks:list.remove') })
        .click();
    await expect(plannedSteps()).resolves.toEqual(expected);

    // A step planned where 2023 found nothing carries no mark.
    await lead.page.getByLabel(vi('tasks:auditPlan.unitOf', { number: 2 })).selectOption('vp-ttpvhcc');
    await expect(lead.page.getByTestId('step-row-2').locator('.step-previous').count()).resolves.toBe(0);
    // …and the observation's place is offered again.
    await previous
      .getByRole('button', { name: vi('tasks:auditPlan.previous.planAgain', { count: 1 }) })
      .click();
    await lead.page
      .getByLabel(vi('tasks:auditPlan.unitOf', { number: 2 }))
      .selectOption('vp-hanhchinh-tochuc');
    await lead.page
      .getByTestId('step-row-3')
      .getByRole('button', { name: vi('tasks:list.remove') })
      .click();
    await expect(plannedSteps()).resolves.toEqual(expected);

    // Auditors from other units, and the plan is issued with last year's places in it.
    await lead.page
      .getByLabel(vi('tasks:auditPlan.auditorOf', { number: 1 }))
      .selectOption(org.idOf('auditor.hcth'));
    await lead.page
      .getByLabel(vi('tasks:auditPlan.auditorOf', { number: 2 }))
      .selectOption(org.idOf('auditor.kinhte'));
    await lead.page.getByRole('button', { name: vi('tasks:auditPlan.submit') }).click();
    await lead.page
      .getByRole('status')
      .filter({ hasText: vi('tasks:page.submitted') })
      .waitFor();
    // The plan's steps are recorded by the workflow once it took the answer.
    const steps = await eventually('the plan recorded with its steps', async () => {
      const audit = await org.as<{
        steps: { unitCode: string; process: string; clause: string; auditorUserId: string }[];
      }>('lead.auditor', 'GET', `/api/v1/cycles/${plan.cycleId}/audit`);
      return audit.status === 200 && audit.body.steps.length > 0 ? audit.body.steps : undefined;
    });
    expect(
      steps.map(({ unitCode, process, clause, auditorUserId }) => ({
        unitCode,
        process,
        clause,
        auditorUserId,
      })),
    ).toEqual([
      {
        unitCode: 'vp-kiemsoat-tthc',
        process: 'Giải quyết hồ sơ TTHC',
        clause: '8.5.1',
        auditorUserId: org.idOf('auditor.hcth'),
      },
      {
        unitCode: 'vp-hanhchinh-tochuc',
        process: 'Kiểm soát thông tin dạng văn bản',
        clause: '7.5.3',
        auditorUserId: org.idOf('auditor.kinhte'),
      },
    ]);
  });

  it("shows each auditor, on their step's page and from their e-mailed link, what 2023 found in the unit and where its corrective action stands", async () => {
    const stepOf = (local: string) =>
      eventually(`the audit step of ${local}`, async () => (await org.inbox(local, 'audit-step'))[0]);
    const [trangStep, huyStep] = await Promise.all([stepOf('auditor.hcth'), stepOf('auditor.kinhte')]);
    const findingsOf = async (local: string, task: TaskSummary) =>
      (await org.as<{ previousFindings?: unknown }>(local, 'GET', taskPath(task.id))).body.previousFindings;
    await expect(findingsOf('auditor.hcth', trangStep)).resolves.toEqual([
      {
        year: 2023,
        stepId: `${audit2023}/step/s2`,
        unitCode: 'vp-kiemsoat-tthc',
        process: 'Giải quyết hồ sơ TTHC',
        clause: '8.5.1',
        result: 'minor-nc',
        finding: 'Hai hồ sơ trả kết quả không ghi ngày',
        correctiveAction: { status: 'closed', effective: true, carriedForward: false },
      },
    ]);
    await expect(findingsOf('auditor.kinhte', huyStep)).resolves.toEqual([
      {
        year: 2023,
        stepId: `${audit2023}/step/s3`,
        unitCode: 'vp-hanhchinh-tochuc',
        process: 'Kiểm soát thông tin dạng văn bản',
        clause: '7.5.3',
        result: 'observation',
        finding: 'Sổ công văn đến chưa ghi hạn xử lý',
        correctiveAction: null,
      },
    ]);

    // Trang opens her step from the link her mail carries: a session that reads that task only.
    const link = new TaskLinkSigner(suite.config).issue(trangStep.id, org.idOf('auditor.hcth'));
    const trang = await browser.tab();
    await trang.open(`${pagePath(trangStep.id)}?token=${encodeURIComponent(link.token)}`);
    const here = trang.page.getByRole('region', {
      name: vi('tasks:auditStep.previousTitle', { year: 2023 }),
    });
    await here.waitFor();
    // The unit by its name, though this session reads nothing but its task.
    await expect(factOf(trang.page, vi('tasks:auditPlan.unit'))).resolves.toBe(
      'Phòng Kiểm soát thủ tục hành chính',
    );
    await expect(here.getByRole('listitem').allTextContents()).resolves.toEqual([
      `${vi('cycles:auditResult.minor-nc')} Giải quyết hồ sơ TTHC (điều khoản 8.5.1): Hai hồ sơ trả kết quả không ghi ngày. ` +
        `${vi('tasks:auditPlan.previous.action')} ${vi('cycles:actionStatus.closed')}, ${vi('tasks:auditPlan.previous.effective')}.`,
    ]);
    await trang.check("an audit step with last year's finding in its unit", {
      screenshot: 'task-audit-step-previous-findings',
    });
    const unitFiles = vi('cycles:evidenceFiles.ofUnit', { unit: 'Phòng Kiểm soát thủ tục hành chính' });
    // That session reads its task only: no way to the year's files.
    expect(await trang.page.getByRole('link', { name: unitFiles, exact: true }).count()).toBe(0);
    await trang.close();

    // Signed in, she reaches the unit's files of the year from her step: here, the photo she took.
    const photo = 'Ảnh sổ theo dõi hồ sơ.pdf';
    const uploaded = await org.uploadEvidence(
      'auditor.hcth',
      plan.cycleId,
      { recordType: 'audit-step', recordKey: trangStep.id },
      { bytes: Buffer.from('%PDF-1.7\nanh so theo doi\n%%EOF\n'), name: photo },
    );
    expect(uploaded.status).toBe(201);
    const signedIn = await browser.tabOf(org.email('auditor.hcth'), DEMO_PASSWORD);
    await signedIn.open(pagePath(trangStep.id));
    const toUnitFiles = signedIn.page.getByRole('link', { name: unitFiles, exact: true });
    await toUnitFiles.waitFor();
    await signedIn.check("an audit step, signed in: the way to its unit's files of the year", {
      screenshot: 'task-audit-step-unit-files',
    });
    await toUnitFiles.click();
    await signedIn.page.waitForURL(/\/evidence\?unit=vp-kiemsoat-tthc$/);
    await signedIn.page.locator('tbody tr').filter({ hasText: photo }).waitFor();
    // The unit chosen in the list's filter, with its count.
    const unitChoice = signedIn.page.getByLabel(vi('cycles:evidenceFiles.unitFilter'), { exact: true });
    await expect(unitChoice.locator('option:checked').innerText()).resolves.toBe(
      vi('cycles:evidenceFiles.choice', { name: 'Phòng Kiểm soát thủ tục hành chính', count: 1 }),
    );

    // This year's audit page follows 2023's findings up as its report will: both audited again, not
    // signed off yet.
    const lead = await browser.tabOf(org.email('lead.auditor'), DEMO_PASSWORD);
    await lead.open(`/cycles/${encodeURIComponent(plan.cycleId)}/audit`);
    const followUp = lead.page.getByRole('region', { name: vi('cycles:audit.followUp', { year: 2023 }) });
    // The units' names come from the session's list of units, read once the page opens.
    await followUp.getByText('Phòng Hành chính - Tổ chức', { exact: true }).waitFor();
    // Each unit of the checklist leads to its files of the year, as its steps do.
    await expect(
      lead.page.getByRole('link', { name: unitFiles, exact: true }).getAttribute('href'),
    ).resolves.toBe(`/cycles/${encodeURIComponent(plan.cycleId)}/evidence?unit=vp-kiemsoat-tthc`);
    const notYet = `${vi('cycles:audit.thisAudit')} ${vi('cycles:audit.notYet')}`;
    await expect(followUp.getByRole('listitem').allTextContents()).resolves.toEqual([
      `${vi('cycles:auditResult.minor-nc')} Phòng Kiểm soát thủ tục hành chính — Giải quyết hồ sơ TTHC (điều khoản 8.5.1): ` +
        `Hai hồ sơ trả kết quả không ghi ngày. ${vi('tasks:auditPlan.previous.action')} ` +
        `${vi('cycles:actionStatus.closed')}, ${vi('tasks:auditPlan.previous.effective')}. ${notYet}`,
      `${vi('cycles:auditResult.observation')} Phòng Hành chính - Tổ chức — Kiểm soát thông tin dạng văn bản (điều khoản 7.5.3): ` +
        `Sổ công văn đến chưa ghi hạn xử lý. ${notYet}`,
    ]);
    // Its checklist marks the steps that audit 2023's findings again, as the plan's document does.
    const checklist = lead.page.getByRole('region', { name: vi('cycles:audit.checklist') });
    await expect(checklist.locator('.reaudit-mark').allTextContents()).resolves.toEqual([
      vi('cycles:audit.reaudit', { year: 2023, results: vi('cycles:auditResult.minor-nc') }),
      vi('cycles:audit.reaudit', { year: 2023, results: vi('cycles:auditResult.observation') }),
    ]);
    await lead.check("this year's audit following up last year's findings", {
      screenshot: 'cycle-audit-follow-up',
    });
  });

  it("says, wherever 2023's finding is shown, that the corrective action its close carried on unfinished goes on in 2024", async () => {
    const records = suite.api.get(DataSource);
    const action = `${audit2023}/ca/s2`;
    const auditOf2023 = async () =>
      (
        await org.as<{ correctiveActions: { id: string; status: string; carriedForward: boolean }[] }>(
          'lead.auditor',
          'GET',
          `/api/v1/cycles/${organisationCode}-2023/audit`,
        )
      ).body.correctiveActions;
    await expect(auditOf2023()).resolves.toEqual([
      expect.objectContaining({ id: action, status: 'closed', carriedForward: false }),
    ]);

    // 2023 as it would have stood had its action not been verified by the close: planned, and named
    // by the close's event as carried into 2024.
    await records
      .getRepository(CorrectiveActionEntity)
      .update(action, { status: 'planned', effective: null, verifiedBy: null, verifiedAt: null });
    const closed: QualityEventPayloads['cycle.closed'] = {
      results: [],
      auditStatus: 'closed',
      reviewStatus: 'held',
      objective1JudgedBy: 'engine',
      correctiveActionsCarriedForward: [action],
    };
    await records.getRepository(EventLogEntryEntity).insert({
      id: `${qualityCycleWorkflowId(organisationCode, 2023)}/closed`,
      cycleId: `${organisationCode}-2023`,
      type: 'cycle.closed',
      actor: 'system',
      occurredAt: '2023-12-31T10:00:00.000Z',
      requestId: null,
      payload: closed,
    });
    await expect(auditOf2023()).resolves.toEqual([
      expect.objectContaining({ id: action, status: 'planned', carriedForward: true }),
    ]);

    const carried =
      `${vi('tasks:auditPlan.previous.action')} ${vi('cycles:actionStatus.planned')}, ` +
      `${vi('tasks:auditPlan.previous.carriedForward', { year: 2024 })}.`;
    // 2023's own audit page, at the action.
    const lead = await browser.tabOf(org.email('lead.auditor'), DEMO_PASSWORD);
    await lead.open(`/cycles/${encodeURIComponent(`${organisationCode}-2023`)}/audit`);
    const actions = lead.page.getByRole('region', { name: vi('cycles:audit.correctiveActions') });
    await actions.getByText(vi('cycles:audit.carriedForward', { year: 2024 })).waitFor();
    await expect(actions.getByRole('row').nth(1).textContent()).resolves.toContain(
      `${vi('cycles:actionStatus.planned')}${vi('cycles:audit.carriedForward', { year: 2024 })}`,
    );
    // Who carries it out, by name, beside the plan's words.
    const head = (
      await org.as<{ userId: string; fullName: string }[]>('qmr', 'GET', '/api/v1/people')
    ).body.find((person) => person.userId === org.idOf('head.tthc'))!.fullName;
    await expect(factOf(lead.page, vi('cycles:audit.owner'))).resolves.toBe(head);
    await lead.check("last year's audit with a corrective action carried into this year", {
      screenshot: 'cycle-audit-carried-forward',
    });

    // This year's audit page, following the finding up.
    await lead.open(`/cycles/${encodeURIComponent(plan.cycleId)}/audit`);
    const followUp = lead.page.getByRole('region', { name: vi('cycles:audit.followUp', { year: 2023 }) });
    await followUp.getByText(carried, { exact: false }).waitFor();

    // The auditor's step on that unit.
    const trangStep = (await org.inbox('auditor.hcth', 'audit-step'))[0];
    const trang = await browser.tabOf(org.email('auditor.hcth'), DEMO_PASSWORD);
    await trang.open(pagePath(trangStep.id));
    const here = trang.page.getByRole('region', {
      name: vi('tasks:auditStep.previousTitle', { year: 2023 }),
    });
    await here.getByText(carried, { exact: false }).waitFor();
    await expect(here.getByRole('listitem').allTextContents()).resolves.toEqual([
      `${vi('cycles:auditResult.minor-nc')} Giải quyết hồ sơ TTHC (điều khoản 8.5.1): Hai hồ sơ trả kết quả không ghi ngày. ${carried}`,
    ]);
  });
});
