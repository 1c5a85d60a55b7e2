import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import type { Objective } from '@qcycle/domain';
import { UserEntity } from '@qcycle/persistence';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { recordHistories } from '../workflows/support/cycle-driver';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { YearOverHttp } from './support/year-over-http';
import { taskPath, type DemoOrganisation } from './support/demo-organisation';
import { HELD_REVIEW } from './support/year-fixtures';

/**
 * Next year in one action (issue #9): once a year has closed, its draft for next year is read and
 * next year's cycle started from it over HTTP — 404 before the approval, 403 for someone who is neither
 * the Quality Representative nor an administrator, 201 once, 409 the second time. The corrective
 * actions the year did not finish go on in the next (ISO 10.2). The real API and worker, PostgreSQL,
 * the time-skipping Temporal server; a 2024 rehearsal.
 */
/** The Law on the Organisation of Local Government of 2025, which replaced 2015's. */
const NEW_LOCAL_GOVERNMENT_LAW = 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;';

describe("next year's cycle from the closed year's draft over HTTP (API, worker, PostgreSQL, time-skipping Temporal)", () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  const organisationCode = `ny-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const nextYearPath = `/api/v1/cycles/${cycleId}/next-year`;
  const nonconformitiesOf = (year: number) => org.nonconformities(`${organisationCode}-${year}`);
  /** Two nonconformities 2024 does not finish: one never planned, one planned but never verified. */
  const unfinished = { complaint: '', observation: '' };
  /** The file the observation's 2024 plan rests on, uploaded to its 2024 record. */
  let planEvidence = '';
  /** Another file of 2024 (the review action's), which no task of 2025 names. */
  let otherFile = '';
  const planFile = () => ({
    id: planEvidence.slice('evidence:'.length),
    fileName: 'Phân công văn thư thay thế.pdf',
    erased: false,
  });

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
  });

  afterAll(() => suite?.close());

  const eventually = <T>(what: string, probe: () => Promise<T | undefined>, days = 0) =>
    year.eventually(what, probe, days);
  const taskOf = (local: string, kind: string, days = 0) => year.taskOf(local, kind, days);
  const complete = (local: string, taskId: string, outcome: unknown) => year.complete(local, taskId, outcome);

  it("answers 404 before the year's objectives are approved", async () => {
    await year.start(organisationCode);
    expect((await org.as('qmr', 'GET', nextYearPath)).status).toBe(404);
    expect((await org.as('qmr', 'POST', nextYearPath, {})).status).toBe(404);
  });

  it('holds the year: approval, assignment, the review with an action for the head of a unit', async () => {
    await year.approve({ decision: 'approve', documentNumber: '123/QĐ-UBND' });
    await year.assignAsProposed();
    await year.acceptUnits();

    const open = (body: Record<string, unknown>) =>
      org.as<{ id: string }>('qmr', 'POST', `/api/v1/cycles/${cycleId}/nonconformities`, body);
    const complaint = await open({
      source: 'complaint',
      description: 'Công dân phản ánh hồ sơ bị trả lại mà không nêu lý do bằng văn bản.',
      unitCode: 'vp-kiemsoat-tthc',
      severity: 'minor-nc',
    });
    await Promise.all(['auditor.hcth', 'staff.tonghop'].map((local) => org.tokenOf(local)));
    const observation = await open({
      source: 'observation',
      description: 'Sổ theo dõi văn bản đến không được cập nhật hằng ngày.',
      unitCode: 'vp-tonghop',
      severity: 'minor-nc',
      verifierUserId: org.idOf('auditor.hcth'),
    });
    expect([complaint.status, observation.status]).toEqual([201, 201]);
    unfinished.complaint = complaint.body.id;
    unfinished.observation = observation.body.id;
    const plan = await taskOf('head.tonghop', 'corrective-action-plan');
    // The plan rests on the assignment it made, uploaded to the action's record.
    const assignment = await org.uploadEvidence<{ reference: string }>(
      'head.tonghop',
      cycleId,
      { recordType: 'corrective-action', recordKey: observation.body.id },
      {
        bytes: Buffer.from('%PDF-1.7\nPhan cong van thu thay the\n'),
        name: 'Phân công văn thư thay thế.pdf',
      },
    );
    expect(assignment.status).toBe(201);
    planEvidence = assignment.body.reference;
    const planned = await complete('head.tonghop', plan.id, {
      correction: 'Cập nhật sổ theo dõi của quý I.',
      rootCause: 'Chưa phân công người cập nhật sổ khi văn thư nghỉ phép.',
      action: 'Phân công người thay thế, kiểm tra sổ hằng tuần.',
      ownerUserId: org.idOf('staff.tonghop'),
      dueDate: '2024-03-15',
      evidence: [planEvidence],
    });
    expect(planned.status).toBe(200);

    await env.sleep('330 days');
    const review = await taskOf('leader', 'management-review', 60);
    // A due date before the review is refused, naming the field.
    const backDated = await complete('leader', review.id, {
      ...HELD_REVIEW,
      actions: [{ ...HELD_REVIEW.actions[0], dueDate: '2024-01-31' }],
    });
    expect(backDated.status).toBe(422);
    expect(JSON.stringify(backDated.body)).toContain('actions[0].dueDate');
    expect((await complete('leader', review.id, HELD_REVIEW)).status).toBe(200);
    // The action is its owner's task: the head of the unit named.
    const action = await taskOf('head.tthc', 'review-action');
    expect(action).toMatchObject({ unitCode: 'vp-kiemsoat-tthc', dueAt: expect.any(String) });
    const actionDetail = await org.as<{ title: { vi: string } }>('head.tthc', 'GET', taskPath(action.id));
    expect(actionDetail.body.title.vi).toContain(HELD_REVIEW.actions[0].title);
    // Its owner may attach what the report will rest on to the action's own record; another unit's
    // staff may not.
    const record = { recordType: 'review-action', recordKey: action.id };
    const draft = {
      bytes: Buffer.from('%PDF-1.7\nDu thao quy trinh\n'),
      name: 'Dự thảo quy trình số hóa.pdf',
    };
    const uploadedDraft = await org.uploadEvidence<{ id: string }>('head.tthc', cycleId, record, draft);
    expect(uploadedDraft.status).toBe(201);
    otherFile = uploadedDraft.body.id;
    expect((await org.uploadEvidence('staff.tonghop', cycleId, record, draft)).status).toBe(403);
    // The review says where the action stands: open, nothing reported yet.
    const held = await org.as<{ actionFollowUp: unknown[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/review`,
    );
    expect(held.body.actionFollowUp).toEqual([
      {
        actionId: action.id,
        status: 'open',
        note: null,
        evidence: [],
        reportedBy: null,
        reportedAt: null,
        carriedForward: false,
      },
    ]);
  });

  it("prepares next year's draft at the close; 403 for the wrong person, 201 to start it, 409 twice", async () => {
    const draft = await eventually(
      "next year's draft prepared at the close",
      async () => {
        const answer = await org.as<{
          year: number;
          nextCycleId: string;
          final: boolean;
          draft: { year: number; objectives: Objective[]; legalBases: string[]; recipients: string[] };
          unitsNotInDirectory: string[];
          previousActions: { status: string; carriedForward?: boolean }[];
        }>('qmr', 'GET', nextYearPath);
        return answer.status === 200 && answer.body.final ? answer.body : undefined;
      },
      80,
    );
    expect(draft).toMatchObject({
      year: 2025,
      nextCycleId: `${organisationCode}-2025`,
      final: true,
      draft: { year: 2025 },
      previousActions: [{ title: HELD_REVIEW.actions[0].title, status: 'open', carriedForward: true }],
    });
    expect(draft.draft.objectives.map((o) => o.id)).toEqual(['obj-1', 'obj-2', 'obj-3', 'obj-4', 'obj-5']);
    expect(draft.unitsNotInDirectory).toEqual([]);
    // The closed year's review says the action went on into next year.
    const review = await org.as<{ actionFollowUp: { status: string; carriedForward: boolean }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/review`,
    );
    expect(review.body.actionFollowUp).toEqual([
      expect.objectContaining({ status: 'open', carriedForward: true }),
    ]);

    expect((await org.as('staff.tthc', 'POST', nextYearPath, {})).status).toBe(403);
    expect((await org.as('leader', 'POST', nextYearPath, {})).status).toBe(403);

    // Next year's objectives edited before it starts: one left without its text is refused, naming
    // it, and nothing starts; objective 2 at 90% is what the leader is then asked to approve.
    const objectives = draft.draft.objectives;
    const refused = await org.as<{ code: string; details: { problems: { path: string }[] } }>(
      'qmr',
      'POST',
      nextYearPath,
      {
        rehearsal: true,
        objectives: objectives.map((o, i) => (i === 2 ? { ...o, title: { vi: '', en: '' } } : o)),
        legalBases: [draft.draft.legalBases[0], '  '],
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('DRAFT_INVALID');
    expect(refused.body.details.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['objectives[2].title.vi', 'legalBases[1]']),
    );
    expect((await org.as('qmr', 'POST', nextYearPath, { recipients: 'Sở Nội vụ' })).status).toBe(400);
    expect((await org.as<{ startedAt?: string }>('qmr', 'GET', nextYearPath)).body.startedAt).toBeUndefined();
    expect((await org.as('qmr', 'POST', nextYearPath, { objectives: [] })).status).toBe(400);
    const edited = objectives.map((o, i) =>
      i === 1
        ? {
            ...o,
            indicators: o.indicators.map((indicator) => ({
              ...indicator,
              target: { comparator: '>=', value: 90 },
            })),
          }
        : o,
    );
    // A law replaced since last year's decision: its basis cited anew, the others as they were.
    const legalBases = [NEW_LOCAL_GOVERNMENT_LAW, ...draft.draft.legalBases.slice(1)];
    const started = await org.as<{ id: string; year: number }>('qmr', 'POST', nextYearPath, {
      rehearsal: true,
      objectives: edited,
      legalBases,
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ id: `${organisationCode}-2025`, year: 2025 });
    const again = await org.as<{ code: string }>('admin', 'POST', nextYearPath, { rehearsal: true });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CYCLE_ALREADY_STARTED');
    expect((await org.as('qmr', 'GET', nextYearPath)).body).toMatchObject({
      startedBy: org.idOf('qmr'),
      startedAt: expect.any(String),
    });

    // Next year's cycle carries this year's action into its review (ISO 9.3.2 a).
    const history = await env.client.workflow
      .getHandle(`quality-cycle/${organisationCode}/2025`)
      .fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    const input = JSON.parse(Buffer.from(payload?.data as Uint8Array).toString('utf8')) as {
      previousActions: { title: string; status: string }[];
      draft: { year: number; objectives: Objective[]; legalBases: string[]; recipients: string[] };
    };
    expect(input.draft.year).toBe(2025);
    expect(input.draft.objectives).toEqual(edited);
    expect(input.draft.legalBases).toEqual(legalBases);
    expect(input.draft.recipients).toEqual(draft.draft.recipients);
    expect(input.previousActions).toEqual([
      expect.objectContaining({ title: HELD_REVIEW.actions[0].title, status: 'open' }),
    ]);
  });

  it("keeps the closed year's milestones in a calendar feed, as its dashboard's file gives them, beside next year's", async () => {
    const feed = await org.as<{ url: string }>('staff.tthc', 'POST', '/api/v1/me/calendar-feed');
    expect(feed.status).toBe(201);
    /** Each milestone event of a year, as UID → its first day, from a calendar's text. */
    const milestonesOf = (calendar: string, year: number) =>
      Object.fromEntries(
        [
          ...calendar
            .replace(/\r\n /g, '')
            .matchAll(/UID:([^\r]+)\r\n(?:[^\r]*\r\n)*?DTSTART;VALUE=DATE:(\d+)/g),
        ]
          .filter(([, uid]) => uid.startsWith(`${organisationCode}-${year}/`))
          .map(([, uid, day]) => [uid, day]),
      );
    const fetchFeed = async () => {
      const answer = await fetch(`${suite.http.baseUrl}${new URL(feed.body.url).pathname}`);
      expect(answer.status).toBe(200);
      return answer.text();
    };
    const dashboardFile = async (year: number) => {
      const answer = await fetch(`${suite.http.baseUrl}/api/v1/cycles/${organisationCode}-${year}/calendar`, {
        headers: { authorization: `Bearer ${await org.tokenOf('staff.tthc')}` },
      });
      expect(answer.status).toBe(200);
      return answer.text();
    };
    const first = await fetchFeed();
    const closedYear = milestonesOf(first, 2024);
    expect(Object.keys(closedYear)).toEqual(
      ['internal-audit', 'management-review', 'close'].map((key) => `${cycleId}/${key}@qcycle`),
    );
    expect(closedYear).toEqual(milestonesOf(await dashboardFile(2024), 2024));
    expect(milestonesOf(first, 2025)).toEqual(milestonesOf(await dashboardFile(2025), 2025));
    expect(Object.keys(milestonesOf(first, 2025))).toHaveLength(3);
    // Read again (the closed year's dates from the API's memory now): the same.
    expect(milestonesOf(await fetchFeed(), 2024)).toEqual(closedYear);
  });

  it('goes on with the corrective actions 2024 did not finish: the plan asked for again, the plan verified', async () => {
    // Each is a nonconformity of 2025 that names 2024's, as it stood at the close.
    const carried = await eventually('2024’s open corrective actions in 2025', async () => {
      const items = await nonconformitiesOf(2025);
      return items.length === 2 ? items : undefined;
    });
    expect(carried).toEqual([
      expect.objectContaining({
        carriedFrom: unfinished.complaint,
        source: 'complaint',
        unitCode: 'vp-kiemsoat-tthc',
        status: 'open',
        verifierUserId: org.idOf('qmr'),
      }),
      expect.objectContaining({
        carriedFrom: unfinished.observation,
        source: 'observation',
        unitCode: 'vp-tonghop',
        status: 'planned',
        verifierUserId: org.idOf('auditor.hcth'),
        ownerUserId: org.idOf('staff.tonghop'),
        dueDate: '2024-03-15',
      }),
    ]);
    // 2024's list says which action of 2025 continues each.
    expect(Object.fromEntries((await nonconformitiesOf(2024)).map((nc) => [nc.id, nc.continuedAs]))).toEqual({
      [unfinished.complaint]: carried[0].id,
      [unfinished.observation]: carried[1].id,
    });

    // The unit head is asked for the plan 2024 never had, the title saying where it comes from.
    const plan = await taskOf('head.tthc', 'corrective-action-plan');
    expect(plan).toMatchObject({ cycleId: `${organisationCode}-2025`, id: `${carried[0].id}/plan/1` });
    const planDetail = await org.as<{ title: { vi: string }; form: Record<string, unknown> }>(
      'head.tthc',
      'GET',
      taskPath(plan.id),
    );
    expect(planDetail.body.title.vi).toContain('chuyển từ năm 2024');
    expect(planDetail.body.form).toMatchObject({
      source: 'complaint',
      carriedFrom: { correctiveActionId: unfinished.complaint, year: 2024 },
    });

    // 2024's plan awaiting verification is verified by its verifier, not planned again.
    const verify = await taskOf('auditor.hcth', 'corrective-action-verification');
    expect(verify.id).toBe(`${carried[1].id}/verify/1`);
    const verifyDetail = await org.as<{
      form: Record<string, unknown>;
      files: { id: string; fileName: string }[];
    }>('auditor.hcth', 'GET', taskPath(verify.id));
    // With what the plan rests on: 2024's file, named as uploaded, for the verifier to open.
    expect(verifyDetail.body.form).toMatchObject({
      action: 'Phân công người thay thế, kiểm tra sổ hằng tuần.',
      dueDate: '2024-03-15',
      evidence: [planEvidence],
      carriedFrom: { correctiveActionId: unfinished.observation, year: 2024 },
    });
    expect(verifyDetail.body.files).toEqual([planFile()]);
    const download = await org.downloadEvidence('auditor.hcth', planFile().id);
    expect(download.status).toBe(200);
    expect(download.bytes.toString('latin1')).toContain('Phan cong van thu thay the');
    // From the e-mailed link too: the task's form names it. Another of 2024's files it does not: refused.
    const verifier = await suite.api
      .get(DataSource)
      .getRepository(UserEntity)
      .findOneByOrFail({ id: org.idOf('auditor.hcth') });
    const link = (await suite.api.get(TokenService).issueTaskScoped(verifier, verify.id)).accessToken;
    const viaLink = async (id: string) => {
      const path = `/api/v1/evidence/${id}`;
      const answer = await fetch(`${suite.http.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${link}` },
      });
      suite.http.observed.push({ method: 'GET', path, status: answer.status });
      return answer;
    };
    expect((await viaLink(planFile().id)).status).toBe(200);
    const elsewhere = await viaLink(otherFile);
    expect([elsewhere.status, ((await elsewhere.json()) as { code: string }).code]).toEqual([
      403,
      'TASK_LINK_SCOPE',
    ]);
    // 2025's list says it too, before and after the verification.
    const listed = await org.as<{ items: { id: string; evidence: string[] }[]; files: unknown[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${organisationCode}-2025/nonconformities`,
    );
    expect(listed.body.items.find((nc) => nc.id === carried[1].id)?.evidence).toEqual([planEvidence]);
    expect(listed.body.files).toEqual([planFile()]);
    // Its due date passed last year: the verification gets ten working days, not an overdue start.
    expect(verify.overdue).toBe(false);
    const verified = await complete('auditor.hcth', verify.id, {
      effective: true,
      notes: 'Sổ được cập nhật hằng ngày từ tháng 1.',
    });
    expect(verified.status).toBe(200);
    const closed = await eventually('the carried observation closed', async () =>
      (await nonconformitiesOf(2025)).find((nc) => nc.id === carried[1].id && nc.status === 'closed'),
    );
    expect(closed).toMatchObject({ carriedFrom: unfinished.observation, evidence: [planEvidence] });

    await recordHistories(env.client, 'corrective-actions-carried-in', [
      `quality-cycle/${organisationCode}/2025`,
      carried[0].id,
      carried[1].id,
    ]);
  });
});
