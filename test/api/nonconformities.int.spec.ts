import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from '../workflows/support/cycle-driver';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { YearOverHttp } from './support/year-over-http';
import { taskPath, type DemoOrganisation } from './support/demo-organisation';

type Refusal = {
  code: string;
  details: { fields?: Record<string, string[]>; problems?: { path: string; code: string }[] };
};
type Nonconformity = {
  id: string;
  source: string;
  status: string;
  effective: boolean | null;
  unitCode: string;
  description: string;
  raisedBy: string | null;
  verifierUserId: string | null;
  objectiveId: string | null;
  periodKey: string | null;
  correction: string | null;
  evidence: string[];
  verificationNotes: string | null;
  verificationEvidence: string[];
};

/**
 * Nonconformities from any source (issue #9) over HTTP, on the real API and worker, PostgreSQL and
 * the time-skipping Temporal server: January's report puts objective 4 out of reach, the engine
 * proposes a nonconformity to the Quality Representative, who opens it, and its corrective action
 * runs as an audit finding's does (the unit head plans, the verifier verifies). The Quality
 * Representative also opens a complaint directly; the cycle lists both with their source.
 */
describe('nonconformities from any source over HTTP (API, worker, PostgreSQL, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  const organisationCode = `nc-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const route = `/api/v1/cycles/${cycleId}/nonconformities`;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
    for (const local of ['qmr', 'head.tthc', 'head.tonghop', 'staff.tonghop', 'auditor.hcth'])
      await org.tokenOf(local);
  });

  afterAll(() => suite?.close());

  const eventually = <T>(what: string, probe: () => Promise<T | undefined>, days = 0) =>
    year.eventually(what, probe, days);
  const taskOf = (local: string, kind: string, days = 0) => year.taskOf(local, kind, days);
  const complete = <T = Record<string, unknown>>(local: string, taskId: string, outcome: unknown) =>
    year.complete<T>(local, taskId, outcome);
  const list = async () => (await org.as<{ items: Nonconformity[] }>('qmr', 'GET', route)).body.items;

  it("proposes a nonconformity to the Quality Representative when January's report puts objective 4 out of reach", async () => {
    await year.start(organisationCode);
    await year.approve();
    await year.assignAsProposed();
    await year.acceptUnits();

    const january = await eventually(
      "objective 4's report for 2024-01",
      async () =>
        (await org.inbox('qmr', 'measurement-report')).find(
          (task) => task.objectiveId === 'obj-4' && task.periodKey === '2024-01',
        ),
      70,
    );
    // 90 of 95 dossiers by the process: the year's 100% can no longer be reached.
    const reported = await complete('qmr', january.id, {
      figures: [
        { indicatorId: 'obj-4-per-process', numerator: 90, denominator: 95 },
        { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 95, pendingOverdue: 0 },
      ],
      evidence: ['BC-01/2024'],
    });
    expect(reported.status).toBe(200);

    const proposal = await taskOf('qmr', 'nonconformity-proposal');
    expect(proposal).toMatchObject({ objectiveId: 'obj-4', periodKey: '2024-01' });
    const form = await org.as<{ form: Record<string, unknown> }>('qmr', 'GET', taskPath(proposal.id));
    expect(form.body.form).toMatchObject({
      objectiveId: 'obj-4',
      periodKey: '2024-01',
      status: 'at-risk',
      figures: expect.arrayContaining([
        expect.objectContaining({ indicatorId: 'obj-4-per-process', numerator: 90, denominator: 95 }),
      ]),
    });
  });

  it('opens it when the Quality Representative accepts: the unit head plans, the Quality Representative verifies', async () => {
    const [proposal] = await org.inbox('qmr', 'nonconformity-proposal');
    const refused = await complete<Refusal>('qmr', proposal.id, {
      decision: 'open',
      description: 'x',
      unitCode: 'nowhere',
      severity: 'minor-nc',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.details.problems?.map((p) => p.path)).toEqual(['unitCode']);
    expect((await complete('qmr', proposal.id, { decision: 'decline' })).status).toBe(422);

    const accepted = await complete('qmr', proposal.id, {
      decision: 'open',
      description:
        'Tháng 1: 5 trong 95 hồ sơ không giải quyết đúng quy trình; mục tiêu 100% không còn đạt được.',
      unitCode: 'vp-tonghop',
      severity: 'minor-nc',
    });
    expect(accepted.status).toBe(200);

    const plan = await taskOf('head.tonghop', 'corrective-action-plan');
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
    // What the correction rests on: the checklist, uploaded to the corrective action's record, and
    // a paper record by name.
    const toTheAction = (local: string, name: string, text: string) =>
      org.uploadEvidence<{ reference: string }>(
        local,
        cycleId,
        {
          recordType: 'corrective-action',
          recordKey: `quality-cycle/${organisationCode}/2024/nonconformity/1`,
        },
        { bytes: Buffer.from(`%PDF-1.7\n${text}\n`), name },
      );
    const checklist = await toTheAction(
      'head.tonghop',
      'Danh mục kiểm tra hồ sơ một cửa.pdf',
      'Danh muc kiem tra',
    );
    expect(checklist.status).toBe(201);
    const evidence = ['Biên bản tập huấn ngày 20/02/2024', checklist.body.reference];
    expect(
      (
        await complete('head.tonghop', plan.id, {
          correction: 'Rà soát lại 5 hồ sơ, hoàn thiện các bước còn thiếu.',
          rootCause: 'Bộ phận một cửa chưa có danh mục kiểm tra theo quy trình.',
          action: 'Ban hành danh mục kiểm tra, tập huấn công chức tiếp nhận.',
          ownerUserId: org.idOf('staff.tonghop'),
          dueDate: '2024-03-15',
          evidence,
        })
      ).status,
    ).toBe(200);
    // For a nonconformity not from the audit the Quality Representative verifies (none was named),
    // with what the plan rests on in the task's form.
    const verify = await taskOf('qmr', 'corrective-action-verification');
    const verifyForm = await org.as<{ form: Record<string, unknown> }>('qmr', 'GET', taskPath(verify.id));
    expect(verifyForm.body.form).toMatchObject({
      action: 'Ban hành danh mục kiểm tra, tập huấn công chức tiếp nhận.',
      evidence,
    });
    const verifiedNotes = 'Tháng 2: 100% hồ sơ đúng quy trình.';
    // What she checked: February's register, photographed, uploaded to the same record.
    const register = await toTheAction('qmr', 'Sổ theo dõi tháng 2 (ảnh chụp).pdf', 'So theo doi thang 2');
    expect(register.status).toBe(201);
    expect(
      (
        await complete('qmr', verify.id, {
          effective: true,
          notes: verifiedNotes,
          evidence: [register.body.reference],
        })
      ).status,
    ).toBe(200);

    const closed = await eventually('the missed objective nonconformity closed', async () =>
      (await list()).find((nc) => nc.source === 'missed-objective' && nc.status === 'closed'),
    );
    expect(closed).toMatchObject({
      id: `quality-cycle/${organisationCode}/2024/nonconformity/1`,
      unitCode: 'vp-tonghop',
      effective: true,
      raisedBy: org.idOf('qmr'),
      verifierUserId: org.idOf('qmr'),
      objectiveId: 'obj-4',
      periodKey: '2024-01',
      correction: 'Rà soát lại 5 hồ sơ, hoàn thiện các bước còn thiếu.',
      evidence,
      verificationNotes: verifiedNotes,
      verificationEvidence: [register.body.reference],
    });
    // The uploaded files by the names they were uploaded with, for the page to offer them.
    const listed = await org.as<{ files: { id: string; fileName: string }[] }>('qmr', 'GET', route);
    expect(listed.body.files).toEqual([
      {
        id: checklist.body.reference.slice('evidence:'.length),
        fileName: 'Danh mục kiểm tra hồ sơ một cửa.pdf',
        erased: false,
      },
      {
        id: register.body.reference.slice('evidence:'.length),
        fileName: 'Sổ theo dõi tháng 2 (ảnh chụp).pdf',
        erased: false,
      },
    ]);
    const events = await org.as<{
      items: { type: string; actor: string; payload: Record<string, unknown> }[];
    }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/events?type=nonconformity.opened`);
    expect(events.body.items).toEqual([
      expect.objectContaining({
        actor: org.idOf('qmr'),
        payload: expect.objectContaining({
          source: 'missed-objective',
          objectiveId: 'obj-4',
          proposalTaskId: proposal.id,
        }),
      }),
    ]);
  });

  it('lets the Quality Representative open a complaint directly, with a verifier they name (201)', async () => {
    const opened = await org.as<{ id: string; source: string; verifierUserId: string }>(
      'qmr',
      'POST',
      route,
      {
        source: 'complaint',
        description: 'Công dân phản ánh hồ sơ bị trả lại mà không nêu lý do bằng văn bản.',
        unitCode: 'vp-kiemsoat-tthc',
        severity: 'major-nc',
        verifierUserId: org.idOf('auditor.hcth'),
      },
    );
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      id: `quality-cycle/${organisationCode}/2024/nonconformity/2`,
      source: 'complaint',
      verifierUserId: org.idOf('auditor.hcth'),
    });
    const plan = await taskOf('head.tthc', 'corrective-action-plan');
    expect(plan.id).toBe(`${opened.body.id}/plan/1`);
  });

  it('refuses bad input naming the fields (400, 422), anyone but the Quality Representative (403), another cycle (404)', async () => {
    const malformed = await org.as<Refusal>('qmr', 'POST', route, {
      source: 'audit-finding',
      description: ' ',
    });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.details.fields ?? {}).sort()).toEqual([
      'description',
      'severity',
      'source',
      'unitCode',
    ]);

    const unknown = await org.as<Refusal>('qmr', 'POST', route, {
      source: 'observation',
      description: 'Sổ theo dõi không được cập nhật.',
      unitCode: 'nowhere',
      severity: 'minor-nc',
      verifierUserId: 'nobody',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('RULE_VIOLATED');
    expect(unknown.body.details.problems?.map((p) => `${p.path} ${p.code}`)).toEqual([
      'unitCode unknown-reference',
      'verifierUserId unknown-reference',
    ]);

    const valid = {
      source: 'external-audit',
      description: 'Đoàn đánh giá chứng nhận: chưa lưu hồ sơ đào tạo.',
      unitCode: 'vp-tonghop',
      severity: 'minor-nc',
    };
    expect((await org.as('head.tonghop', 'POST', route, valid)).status).toBe(403);
    expect((await org.as('qmr', 'POST', '/api/v1/cycles/elsewhere-2024/nonconformities', valid)).status).toBe(
      404,
    );
    expect((await org.as('qmr', 'GET', '/api/v1/cycles/elsewhere-2024/nonconformities')).status).toBe(404);
    expect(
      (await org.as('qmr', 'POST', `/api/v1/cycles/${organisationCode}-2031/nonconformities`, valid)).status,
    ).toBe(404);
    expect(
      (await org.as('qmr', 'GET', `/api/v1/cycles/${organisationCode}-2031/nonconformities`)).status,
    ).toBe(404);
  });

  it('lists the cycle’s nonconformities with their source and state, and the yearly report counts them all', async () => {
    const items = await list();
    expect(items.map((nc) => [nc.source, nc.status])).toEqual([
      ['missed-objective', 'closed'],
      ['complaint', 'open'],
    ]);
    // Section V of the yearly QMS report: every nonconformity of the year, not only the audit's
    // findings (this year has had no audit yet).
    const annual = await org.as<{ correctiveActions: { finding: string; status: string }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/annual-qms-report`,
    );
    expect(annual.status).toBe(200);
    expect(annual.body.correctiveActions.map((a) => [a.finding, a.status])).toEqual(
      items.map((nc) => [nc.description, nc.status]),
    );
  });

  it('answers 409 once the cycle is no longer running', async () => {
    const cancelled = await org.as('qmr', 'POST', `/api/v1/cycles/${cycleId}/cancel`, {
      reason: 'Kết thúc kiểm thử',
    });
    expect(cancelled.status).toBe(202);
    const refused = await eventually('the refusal of a cancelled cycle', async () => {
      const answer = await org.as<Refusal>('qmr', 'POST', route, {
        source: 'observation',
        description: 'Sổ theo dõi không được cập nhật.',
        unitCode: 'vp-tonghop',
        severity: 'minor-nc',
      });
      return answer.status === 409 ? answer : undefined;
    });
    expect(refused.body.code).toBe('CONFLICT');
    // The complaint's open plan was cancelled with the cycle.
    const complaintPlan = await eventually('the complaint plan cancelled', async () => {
      const answer = await org.as<{ status: string }>(
        'head.tthc',
        'GET',
        taskPath(`quality-cycle/${organisationCode}/2024/nonconformity/2/plan/1`),
      );
      return answer.body.status === 'cancelled' ? answer.body : undefined;
    });
    expect(complaintPlan.status).toBe('cancelled');

    // The replay suite keeps these paths working for running cycles (docs/versioning.md).
    const cycleWorkflowId = `quality-cycle/${organisationCode}/2024`;
    await recordHistories(env.client, 'nonconformities', [
      cycleWorkflowId,
      `${cycleWorkflowId}/monitoring/obj-4`,
      `${cycleWorkflowId}/nonconformity/1`,
      `${cycleWorkflowId}/nonconformity/2`,
    ]);
  });
});
