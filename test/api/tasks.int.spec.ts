import { DataSource } from 'typeorm';
import { AuditEntity, AuditStepEntity, NotificationEntity } from '@qcycle/persistence';
import { buildStartInput, QUALITY_CYCLE_WORKFLOW, qualityCycleWorkflowId } from '@qcycle/contracts';
import { TASK_KINDS, TASK_OUTCOME_SCHEMAS, outcomeSchemaName } from '@qcycle/domain';
import { uniqueSuffix } from '@qcycle/testing';
import { DirectoryRosterService } from '../../apps/api/src/cycles/directory-roster.service';
import { TemporalClientProvider } from '../../apps/api/src/temporal/temporal-client.module';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';
import type { HttpRecorder } from './support/http-recorder';
import { undocumentedAnswers } from './support/openapi-coverage';

/**
 * The inbox and task completion on the real stack: the cycle runs on the Temporal dev server with a
 * real worker, its roster taken from the directory; people act through the HTTP API only.
 */
describe('tasks over HTTP (real API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;
  const organisationCode = `kt-${uniqueSuffix()}`;
  let approvalTask: TaskSummary;

  beforeAll(async () => {
    // Its administrator creates another organisation below: it operates this install.
    suite = await startApiSuite({ worker: true, config: { organisationCreators: [organisationCode] } });
    http = suite.http;
    org = await suite.seedDemoOrganisation(organisationCode);

    // The cycle of 2027, its roster from this organisation's directory.
    const roster = await suite.api.get(DirectoryRosterService).rosterFor(organisationCode);
    const input = buildStartInput({
      organisationCode,
      year: 2027,
      startedBy: roster.qualityRepresentative.userId,
      roster,
    });
    await suite.api.get(TemporalClientProvider).client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: suite.config.temporal.taskQueue,
      workflowId: qualityCycleWorkflowId(organisationCode, 2027),
      args: [input],
    });
  });

  afterAll(async () => {
    await suite?.close({ endCycles: [{ organisationCode, year: 2027 }] });
  });

  const approve = { decision: 'approve', documentNumber: '123/QĐ-UBND' };

  it("puts the approval in the leader's inbox (roster from the directory) and in nobody else's", async () => {
    approvalTask = await org.waitForTask('leader', 'objectives-approval');
    expect(approvalTask).toMatchObject({ status: 'open', assigneeUserId: org.idOf('leader') });
    const staffInbox = await http.call<{ total: number }>('GET', '/api/v1/me/tasks', {
      token: await org.tokenOf('staff.tthc'),
    });
    expect(staffInbox.body.total).toBe(0);
    // The due filters' results are checked in keyset-paging, on rows dated relative to now.
    const badFilter = await http.call<{ details: { fields: Record<string, string[]> } }>(
      'GET',
      '/api/v1/me/tasks?due=yesterday&kind=nap',
      { token: await org.tokenOf('leader') },
    );
    expect(badFilter.status).toBe(400);
    expect(Object.keys(badFilter.body.details.fields).sort()).toEqual(['due', 'kind']);
  });

  it('shows the task with its form and history to the assignee and the Quality Representative, 403 to a colleague, 404 to another organisation', async () => {
    const detail = await http.call<{
      form: { objectives: unknown[] };
      outcomeSchema: unknown;
      history: { type: string }[];
      workflowId: string;
    }>('GET', taskPath(approvalTask.id), { token: await org.tokenOf('leader') });
    expect(detail.status).toBe(200);
    expect(detail.body.form.objectives).toHaveLength(5);
    // The answer's contract: the very schema the workflow's validator checks the shape with.
    expect(detail.body.outcomeSchema).toEqual(TASK_OUTCOME_SCHEMAS['objectives-approval']);
    expect(detail.body.history.map((h) => h.type)).toContain('task.opened');
    expect(
      (await http.call('GET', taskPath(approvalTask.id), { token: await org.tokenOf('qmr') })).status,
    ).toBe(200);
    const colleague = await http.call('GET', taskPath(approvalTask.id), {
      token: await org.tokenOf('staff.tthc'),
    });
    expect(colleague.status).toBe(403);

    const otherOrg = `ot-${uniqueSuffix()}`;
    const otherAdmin = `admin@${otherOrg}.qcycle.test`;
    await http.call('POST', '/api/v1/organisations', {
      token: await org.tokenOf('admin'),
      body: {
        code: otherOrg,
        name: { vi: 'Tỉnh khác', en: 'Another province' },
        firstAdmin: { fullName: 'Quản trị', email: otherAdmin, password: 'another-initial-password' },
      },
    });
    const other = await http.call<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      body: { email: otherAdmin, password: 'another-initial-password' },
    });
    expect(
      (await http.call('GET', taskPath(approvalTask.id), { token: other.body.accessToken })).status,
    ).toBe(404);
    expect(
      (
        await http.call('POST', taskPath(approvalTask.id, '/complete'), {
          token: other.body.accessToken,
          body: { outcome: approve },
        })
      ).status,
    ).toBe(404);
    expect(
      (await http.call('GET', taskPath(`${approvalTask.id}-nope`), { token: await org.tokenOf('leader') }))
        .status,
    ).toBe(404);
  });

  it("refuses another person's completion with 403, a malformed body with 400 and an answer the workflow refuses with 422", async () => {
    const notMine = await http.call('POST', taskPath(approvalTask.id, '/complete'), {
      token: await org.tokenOf('qmr'),
      body: { outcome: approve },
    });
    expect(notMine.status).toBe(403);
    expect(notMine.body.code).toBe('FORBIDDEN');

    const malformed = await http.call('POST', taskPath(approvalTask.id, '/complete'), {
      token: await org.tokenOf('leader'),
      body: { outcome: 'yes', extra: 1 },
    });
    expect(malformed.status).toBe(400);
    expect(Object.keys((malformed.body.details as { fields: object }).fields).sort()).toEqual([
      'extra',
      'outcome',
    ]);

    const refused = await http.call<{ code: string; details: { problems: { path: string }[] } }>(
      'POST',
      taskPath(approvalTask.id, '/complete'),
      {
        token: await org.tokenOf('leader'),
        body: { outcome: { decision: 'approve', documentNumber: 'one hundred' } },
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('OUTCOME_REFUSED');
    expect(refused.body.details.problems.map((p) => p.path)).toEqual(['documentNumber']);
  });

  it("publishes every task kind's outcome schema in the OpenAPI document, and the completion's outcome as one of them", async () => {
    type Schema = { oneOf?: { $ref: string }[]; description?: string; properties?: Record<string, Schema> };
    const doc = (await (await fetch(`${http.baseUrl}/api/docs-json`)).json()) as {
      components: { schemas: Record<string, Schema> };
    };
    for (const kind of TASK_KINDS)
      expect(doc.components.schemas[outcomeSchemaName(kind)]).toEqual(TASK_OUTCOME_SCHEMAS[kind]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'ObjectivesApprovalOutcome',
        'MeasurementReportOutcome',
        'ManagementReviewOutcome',
      ]),
    );
    const outcome = doc.components.schemas.CompleteTaskDto.properties!.outcome;
    expect(outcome.oneOf).toEqual(
      TASK_KINDS.map((kind) => ({ $ref: `#/components/schemas/${outcomeSchemaName(kind)}` })),
    );
    expect(outcome.description).toContain("the task's kind picks one");
    expect(doc.components.schemas.TaskDetailView.properties).toHaveProperty('outcomeSchema');
  });

  it('completes the task once: the same answer again is the same 200, a different one 409, and the next task reaches the Quality Representative', async () => {
    const leader = await org.tokenOf('leader');
    // A double click: both requests reach the workflow; the update id (the task id) applies it once.
    const [first, racing] = await Promise.all(
      [1, 2].map(() =>
        http.call('POST', taskPath(approvalTask.id, '/complete'), {
          token: leader,
          body: { outcome: approve },
          headers: { 'x-request-id': 'approve-click-1' },
        }),
      ),
    );
    expect(first.status).toBe(200);
    expect({ status: racing.status, body: racing.body }).toEqual({ status: 200, body: first.body });
    expect(first.body).toMatchObject({
      taskId: approvalTask.id,
      status: 'completed',
      completedBy: org.idOf('leader'),
    });
    const again = await http.call('POST', taskPath(approvalTask.id, '/complete'), {
      token: leader,
      body: { outcome: approve },
    });
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
    const changed = await http.call('POST', taskPath(approvalTask.id, '/complete'), {
      token: leader,
      body: { outcome: { decision: 'return', comments: 'Sửa lại mục tiêu 2' } },
    });
    expect(changed.status).toBe(409);
    expect(
      (
        await http.call('POST', taskPath(approvalTask.id, '/complete'), {
          token: await org.tokenOf('qmr'),
          body: { outcome: approve },
        })
      ).status,
    ).toBe(403);

    const detail = await http.call<{
      status: string;
      outcome: unknown;
      history: { type: string; requestId: string | null }[];
    }>('GET', taskPath(approvalTask.id), { token: leader });
    expect(detail.body).toMatchObject({ status: 'completed', outcome: approve });
    expect(detail.body.history.find((h) => h.type === 'task.completed')?.requestId).toBe('approve-click-1');
    const open = await http.call<{ items: TaskSummary[] }>(
      'GET',
      '/api/v1/me/tasks?kind=objectives-approval',
      { token: leader },
    );
    expect(open.body.items).toEqual([]);
    const done = await http.call<{ items: TaskSummary[] }>('GET', '/api/v1/me/tasks?status=completed', {
      token: leader,
    });
    expect(done.body.items.map((t) => t.id)).toEqual([approvalTask.id]);

    const next = await org.waitForTask('qmr', 'assignment-acceptance');
    expect(next.assigneeUserId).toBe(org.idOf('qmr'));
  });

  it('records the approved decision, readable by the organisation; the audit and review are not there yet', async () => {
    const cycleId = `${organisationCode}-2027`;
    const staff = await org.tokenOf('staff.tthc');
    let decision = await http.call('GET', `/api/v1/cycles/${cycleId}/decision`, { token: staff });
    for (let attempt = 0; attempt < 100 && decision.status === 404; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      decision = await http.call('GET', `/api/v1/cycles/${cycleId}/decision`, { token: staff });
    }
    expect(decision.status).toBe(200);
    expect(decision.body).toMatchObject({
      documentNumber: '123/QĐ-UBND',
      signerName: 'Nguyễn Hữu Tháp',
      signedBy: org.idOf('leader'),
      rounds: 1,
    });
    expect((decision.body.objectives as unknown[]).length).toBe(5);
    expect(
      (await http.call('GET', `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-4`, { token: staff }))
        .body,
    ).toMatchObject({ items: [], total: 0 });
    expect(
      (await http.call('GET', `/api/v1/cycles/${cycleId}/measurements?objectiveId=Obj 4`, { token: staff }))
        .status,
    ).toBe(400);
    expect((await http.call('GET', `/api/v1/cycles/${cycleId}/audit`, { token: staff })).status).toBe(404);
    expect((await http.call('GET', `/api/v1/cycles/${cycleId}/review`, { token: staff })).status).toBe(404);
    expect((await http.call('GET', `/api/v1/cycles/${cycleId}/results`, { token: staff })).body).toEqual([]);
    expect((await http.call('GET', '/api/v1/cycles/kontum-2027/decision', { token: staff })).status).toBe(
      404,
    );
  });

  it("keeps the cycle's event log: who did what when, with the request id, filterable; for the QMS roles only", async () => {
    const qmr = await org.tokenOf('qmr');
    const cycleId = `${organisationCode}-2027`;
    const log = await http.call<{
      items: { type: string; actor: string; requestId: string | null }[];
      total: number;
    }>('GET', `/api/v1/cycles/${cycleId}/events?type=task.&limit=100`, { token: qmr });
    expect(log.status).toBe(200);
    expect(log.body.items.every((e) => e.type.startsWith('task.'))).toBe(true);
    expect(log.body.items.find((e) => e.type === 'task.completed')).toMatchObject({
      actor: org.idOf('leader'),
      requestId: 'approve-click-1',
    });
    const byLeader = await http.call<{ items: { actor: string }[] }>(
      'GET',
      `/api/v1/cycles/${cycleId}/events?actor=${org.idOf('leader')}`,
      { token: await org.tokenOf('leader') },
    );
    expect(byLeader.body.items.length).toBeGreaterThan(0);
    expect(byLeader.body.items.every((e) => e.actor === org.idOf('leader'))).toBe(true);
    expect(
      (await http.call('GET', `/api/v1/cycles/${cycleId}/events`, { token: await org.tokenOf('staff.tthc') }))
        .status,
    ).toBe(403);
    const bad = await http.call<{ details: { fields: Record<string, string[]> } }>(
      'GET',
      `/api/v1/cycles/${cycleId}/events?from=yesterday&type=Bad Type`,
      { token: qmr },
    );
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['from', 'type']);
    // ISO 8601's other forms, and an instant without its offset (which the server would read in its
    // own time zone), are refused by the field too: they answered 500, or depended on the host's TZ.
    for (const odd of [
      '2024-W01',
      '20240101T000000Z',
      '2024-01-01T10Z',
      '2024-01-01T10:00:00,5Z',
      '2024-01-01T10:00:00',
      '2024-02-30T00:00:00Z', // a day February has not
      '2024-01-01T24:00:00Z',
    ]) {
      const answer = await http.call<{ details: { fields: Record<string, string[]> } }>(
        'GET',
        `/api/v1/cycles/${cycleId}/events?to=${encodeURIComponent(odd)}`,
        { token: qmr },
      );
      expect({ odd, status: answer.status, fields: Object.keys(answer.body.details?.fields ?? {}) }).toEqual({
        odd,
        status: 400,
        fields: ['to'],
      });
    }
    const sinceNewYear = await http.call<{ total: number }>(
      'GET',
      `/api/v1/cycles/${cycleId}/events?from=${encodeURIComponent('2020-01-01T00:00:00+07:00')}`,
      { token: qmr },
    );
    expect(sinceNewYear.status).toBe(200);
    expect(sinceNewYear.body.total).toBeGreaterThan(0);
    // A year before 1000 is a date-time like any other (the fuzzer found it refused with 400): up to
    // then nothing happened, and since then everything did, even where the offset reaches year -1.
    const around = async (bound: 'from' | 'to', instant: string) =>
      http.call<{ total: number }>(
        'GET',
        `/api/v1/cycles/${cycleId}/events?${bound}=${encodeURIComponent(instant)}`,
        { token: qmr },
      );
    for (const ancient of ['0065-12-19T10:58:53Z', '0000-01-01T00:00:00+01:00']) {
      expect(await around('to', ancient)).toMatchObject({ status: 200, body: { total: 0 } });
      const since = await around('from', ancient);
      expect(since.status).toBe(200);
      // The cycle may have logged more since sinceNewYear was read; never less.
      expect(since.body.total).toBeGreaterThanOrEqual(sinceNewYear.body.total);
    }
    expect(
      (await http.call('GET', `/api/v1/cycles/${organisationCode}-2099/events`, { token: qmr })).status,
    ).toBe(404);
  });

  it("opens the Quality Representative's next task from the link in its notification, for that task only, once", async () => {
    const task = await org.waitForTask('qmr', 'assignment-acceptance');
    // The notification the worker recorded (no SMTP in this suite): its body carries the link.
    let body = '';
    for (let attempt = 0; attempt < 100 && !body; attempt++) {
      const rows = await suite.api
        .get(DataSource)
        .getRepository(NotificationEntity)
        .findBy({ taskId: task.id, recipientUserId: org.idOf('qmr') });
      body = rows[0]?.body ?? '';
      if (!body) await new Promise((r) => setTimeout(r, 100));
    }
    const token = decodeURIComponent(/[?&]token=([^\s&]+)/.exec(body)?.[1] ?? '');
    expect(token).not.toBe('');
    const open = (taskId: string, linkToken: string) =>
      http.call<{
        accessToken: string;
        user: { onlyTaskId: string; authenticatedBy: string };
        task: { id: string; form: { objectives: { id: string; proposedUnitCode: string }[] } };
      }>('POST', taskPath(taskId, '/link-session'), { body: { token: linkToken } });

    // Change one signature character in the middle (every bit of it counts, unlike the last one's).
    const at = token.indexOf('.') + 10;
    const tampered = await open(
      task.id,
      `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`,
    );
    expect(tampered.status).toBe(403);
    expect(tampered.body).toMatchObject({ details: { reason: 'TASK_LINK_BAD_SIGNATURE' } });
    const wrongTask = await open(approvalTask.id, token);
    expect(wrongTask.body).toMatchObject({ statusCode: 403, details: { reason: 'TASK_LINK_WRONG_TASK' } });

    const session = await open(task.id, token);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ onlyTaskId: task.id, authenticatedBy: 'task-link' });
    expect(session.body.task.id).toBe(task.id);
    const reused = await open(task.id, token);
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ details: { reason: 'TASK_LINK_ALREADY_USED' } });

    // The session opens this task and nothing else.
    const scoped = session.body.accessToken;
    expect((await http.call('GET', taskPath(task.id), { token: scoped })).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/api/v1/me/tasks'],
      ['GET', taskPath(approvalTask.id)],
      ['GET', '/api/v1/units'],
      ['POST', taskPath(approvalTask.id, '/complete')],
    ] as const) {
      const answer = await http.call(method, path, {
        token: scoped,
        ...(method === 'POST' ? { body: { outcome: approve } } : {}),
      });
      expect({ path, status: answer.status, code: answer.body.code }).toEqual({
        path,
        status: 403,
        code: 'TASK_LINK_SCOPE',
      });
    }

    const delegations = session.body.task.form.objectives.map((o) => ({
      objectiveId: o.id,
      unitCode: o.proposedUnitCode,
    }));
    const done = await http.call('POST', taskPath(task.id, '/complete'), {
      token: scoped,
      body: { outcome: { accepted: true, delegations } },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ taskId: task.id, status: 'completed', completedBy: org.idOf('qmr') });
  });

  it("lets the Quality Representative reassign a unit head's task to a colleague, recorded with the request id", async () => {
    const task = await org.waitForTask('head.tthc', 'unit-acceptance');
    await org.tokenOf('staff.tthc');
    const path = taskPath(task.id, '/reassign');
    const body = { toUserId: org.idOf('staff.tthc'), reason: 'Trưởng phòng đi công tác' };
    expect((await http.call('POST', path, { token: await org.tokenOf('staff.tthc'), body })).status).toBe(
      403,
    );
    const unknown = await http.call('POST', path, {
      token: await org.tokenOf('qmr'),
      body: { ...body, toUserId: 'nobody' },
    });
    expect(unknown.body).toMatchObject({
      statusCode: 422,
      details: { fields: { toUserId: [expect.stringContaining('no active user')] } },
    });
    const same = await http.call('POST', path, {
      token: await org.tokenOf('qmr'),
      body: { ...body, toUserId: org.idOf('head.tthc') },
    });
    expect(same.status).toBe(422);

    const moved = await http.call('POST', path, {
      token: await org.tokenOf('qmr'),
      body,
      headers: { 'x-request-id': 'reassign-1' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ taskId: task.id, assigneeUserId: org.idOf('staff.tthc') });
    const staffTask = await org.waitForTask('staff.tthc', 'unit-acceptance');
    expect(staffTask.id).toBe(task.id);
    const detail = await http.call<{
      assigneeUserId: string;
      delegateUserIds: string[];
      history: { type: string; requestId: string | null }[];
    }>('GET', taskPath(task.id), { token: await org.tokenOf('head.tthc') });
    // The unit head still sees it (their unit's task) and, as the previous assignee, may still finish it.
    expect(detail.body).toMatchObject({ assigneeUserId: org.idOf('staff.tthc') });
    expect(detail.body.delegateUserIds).toContain(org.idOf('head.tthc'));
    expect(detail.body.history.find((h) => h.type === 'task.reassigned')?.requestId).toBe('reassign-1');
  });

  it("refuses an audit sign-off in the auditor's own unit, by a non-auditor, or malformed, before it reaches a workflow", async () => {
    // The audit records of a year without a workflow, written here as the audit's activities would:
    // the checks below are the API's own. (Signing off through the workflow is the same
    // completeTask path as above, and the year-long workflow suites drive it.)
    const cycleId = `${organisationCode}-2026`;
    const auditId = `quality-cycle/${organisationCode}/2026/audit`;
    const db = suite.api.get(DataSource);
    await org.tokenOf('auditor.hcth');
    await org.tokenOf('auditor.kinhte');
    await db.getRepository(AuditEntity).insert({
      id: auditId,
      cycleId,
      leadAuditorUserId: org.idOf('auditor.hcth'),
      plan: null,
      status: 'in-progress',
      report: null,
      closedAt: null,
    });
    const step = (id: string, unitCode: string, auditor: string) => ({
      id: `${auditId}/step/${id}`,
      auditId,
      cycleId,
      unitCode,
      process: 'Một cửa',
      clause: '8.5.1',
      auditorUserId: org.idOf(auditor),
      result: null,
      evidence: null,
      notes: null,
      finding: null,
      signedOffAt: null,
    });
    await db
      .getRepository(AuditStepEntity)
      .insert([
        step('s1', 'vp-hanhchinh-tochuc', 'auditor.hcth'),
        step('s2', 'vp-tonghop', 'auditor.kinhte'),
      ]);
    const signOff = { result: 'conformity', evidence: ['Sổ theo dõi hồ sơ'] };
    const path = (stepId: string) => `/api/v1/cycles/${cycleId}/audit/steps/${stepId}/sign-off`;

    const ownUnit = await http.call('POST', path('s1'), {
      token: await org.tokenOf('auditor.hcth'),
      body: signOff,
    });
    expect(ownUnit.status).toBe(403);
    expect(ownUnit.body.message).toContain('không bao giờ đánh giá đơn vị của mình');
    expect(
      (await http.call('POST', path('s2'), { token: await org.tokenOf('staff.tthc'), body: signOff })).status,
    ).toBe(403);
    const malformed = await http.call<{ details: { fields: Record<string, string[]> } }>('POST', path('s2'), {
      token: await org.tokenOf('auditor.kinhte'),
      body: { result: 'fine', evidence: [] },
    });
    expect(Object.keys(malformed.body.details.fields).sort()).toEqual(['evidence', 'result']);
    expect(
      (await http.call('POST', path('s9'), { token: await org.tokenOf('auditor.kinhte'), body: signOff }))
        .status,
    ).toBe(404);
    expect(
      (
        await http.call('POST', `/api/v1/cycles/${organisationCode}-2027/audit/steps/s1/sign-off`, {
          token: await org.tokenOf('auditor.kinhte'),
          body: signOff,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await http.call('POST', `/api/v1/cycles/${cycleId}/audit/close`, {
          token: await org.tokenOf('auditor.kinhte'),
          body: { report: 'Báo cáo đánh giá nội bộ' },
        })
      ).status,
    ).toBe(403);
    const audit = await http.call<{ steps: { id: string; auditorUserId: string }[] }>(
      'GET',
      `/api/v1/cycles/${cycleId}/audit`,
      { token: await org.tokenOf('qmr') },
    );
    expect(audit.body.steps.map((s) => s.id)).toEqual([`${auditId}/step/s1`, `${auditId}/step/s2`]);
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(http)).toEqual([]);
  });
});
