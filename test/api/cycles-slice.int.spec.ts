import { DataSource } from 'typeorm';
import { QualityCycleEntity } from '@qcycle/persistence';
import { eventually, uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import type { HttpRecorder } from './support/http-recorder';
import { undocumentedAnswers } from './support/openapi-coverage';

/** A real year not begun yet: every date it waits for is ahead (a real start refuses passed ones). */
const NEXT = new Date().getFullYear() + 1;

describe('cycles over HTTP (real API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;
  // Workflow ids carry the organisation code: a suite of its own on the shared Temporal server.
  const organisationCode = `kt-${uniqueSuffix()}`;

  beforeAll(async () => {
    // Its administrator creates an organisation of its own below: it operates this install.
    suite = await startApiSuite({ worker: true, config: { organisationCreators: [organisationCode] } });
    http = suite.http;
    org = await suite.seedDemoOrganisation(organisationCode);
  });

  afterAll(() => suite?.close());

  it('reports the database and Temporal as up, without a token', async () => {
    const response = await http.call('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, temporal: { status: 'up' } },
    });
    // And a worker polls the suite's task queue (it started with the suite: its first poll may lag).
    let worker = await http.call('GET', '/health/worker');
    for (let attempt = 0; attempt < 50 && worker.status !== 200; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      worker = await http.call('GET', '/health/worker');
    }
    expect(worker.status).toBe(200);
    expect(worker.body).toMatchObject({ status: 'ok', info: { worker: { status: 'up', workers: 1 } } });
  });

  it('refuses a year already recorded even once Temporal no longer keeps its workflow (retention)', async () => {
    // A 2019 cycle closed years ago: its record stays, Temporal's history went with the retention.
    const cycleId = `${organisationCode}-2019`;
    const qmr = await org.tokenOf('qmr');
    await suite.api
      .get(DataSource)
      .getRepository(QualityCycleEntity)
      .insert({
        id: cycleId,
        workflowId: `quality-cycle/${organisationCode}/2019`,
        organisationCode,
        year: 2019,
        status: 'closed',
        phase: 'closing',
        startedBy: org.idOf('qmr'),
        startedAt: '2019-01-02T01:00:00.000Z',
        updatedAt: '2019-12-31T10:00:00.000Z',
      });
    const again = await http.call('POST', '/api/v1/cycles', {
      token: qmr,
      body: { organisationCode, year: 2019 },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CYCLE_ALREADY_STARTED', details: { cycleId } });
    // Nothing was started in Temporal: the record still says what happened that year.
    const view = await http.call('GET', `/api/v1/cycles/${cycleId}`, { token: qmr });
    expect(view.body).toMatchObject({ status: 'closed', live: { executionStatus: 'UNKNOWN' } });
  });

  it('refuses a real cycle of a year already over with 422 naming the year, and starts nothing', async () => {
    const over = new Date().getFullYear() - 2;
    const refused = await http.call<{ code: string; details: { fields: Record<string, string[]> } }>(
      'POST',
      '/api/v1/cycles',
      { token: await org.tokenOf('qmr'), body: { organisationCode, year: over } },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('RULE_VIOLATED');
    expect(Object.keys(refused.body.details.fields)).toEqual(['year']);
    expect(refused.body.details.fields.year[0]).toContain('diễn tập');
    const view = await http.call('GET', `/api/v1/cycles/${organisationCode}-${over}`, {
      token: await org.tokenOf('qmr'),
    });
    expect(view.status).toBe(404);
  });

  it('lets the Quality Representative start the cycle once, refuses the same year again with 409 naming it, and reads it back', async () => {
    const qmr = await org.tokenOf('qmr');
    const cycleId = `${organisationCode}-${NEXT}`;
    expect(
      (await http.call('POST', '/api/v1/cycles', { body: { organisationCode, year: NEXT } })).status,
    ).toBe(401);
    expect(
      (
        await http.call('POST', '/api/v1/cycles', {
          token: await org.tokenOf('staff.tthc'),
          body: { organisationCode, year: NEXT },
        })
      ).status,
    ).toBe(403);

    const started = await http.call('POST', '/api/v1/cycles', {
      token: qmr,
      body: { organisationCode, year: NEXT },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      id: cycleId,
      workflowId: `quality-cycle/${organisationCode}/${NEXT}`,
      live: { executionStatus: 'RUNNING' },
    });

    const again = await http.call('POST', '/api/v1/cycles', {
      token: qmr,
      body: { organisationCode, year: NEXT },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CYCLE_ALREADY_STARTED', details: { cycleId } });

    // The worker records the cycle asynchronously; read until the record is there.
    const staff = await org.tokenOf('staff.tthc');
    let view: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 100 && !view.startedAt; attempt++) {
      const response = await http.call('GET', `/api/v1/cycles/${cycleId}`, { token: staff });
      expect(response.status).toBe(200);
      view = response.body;
      if (!view.startedAt) await new Promise((r) => setTimeout(r, 100));
    }
    expect(view).toMatchObject({
      id: cycleId,
      organisationCode,
      year: NEXT,
      status: 'running',
      live: { executionStatus: 'RUNNING', status: 'running' },
    });

    const listed = await http.call<{ items: { id: string }[]; total: number }>(
      'GET',
      `/api/v1/cycles?year=${NEXT}&status=running`,
      { token: staff },
    );
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: cycleId }] });
    expect(
      (await http.call<{ total: number }>('GET', `/api/v1/cycles?year=${NEXT - 1}`, { token: staff })).body
        .total,
    ).toBe(0);
  });

  it("gives the cycle's tasks to the people of the directory and shows them in the live state", async () => {
    const leader = await org.tokenOf('leader');
    const me = await http.call<{ userId: string }>('GET', '/api/v1/auth/me', { token: leader });
    let openTasks: { kind: string; assigneeUserId: string }[] = [];
    for (let attempt = 0; attempt < 100 && openTasks.length === 0; attempt++) {
      const view = await http.call<{ live: { openTasks?: typeof openTasks; objectives?: unknown[] } }>(
        'GET',
        `/api/v1/cycles/${organisationCode}-${NEXT}`,
        { token: leader },
      );
      openTasks = view.body.live.openTasks ?? [];
      if (openTasks.length === 0) await new Promise((r) => setTimeout(r, 100));
      else expect(view.body.live.objectives).toHaveLength(5);
    }
    expect(openTasks).toEqual([
      expect.objectContaining({ kind: 'objectives-approval', assigneeUserId: me.body.userId }),
    ]);
    let inbox: { items: { kind: string }[] } = { items: [] };
    for (let attempt = 0; attempt < 100 && inbox.items.length === 0; attempt++) {
      inbox = (await http.call<typeof inbox>('GET', '/api/v1/me/tasks', { token: leader })).body;
      if (inbox.items.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(inbox.items.map((t) => t.kind)).toEqual(['objectives-approval']);
  });

  it("refuses the real year's decision signed on a day still to come, naming signingDate; the task stays open", async () => {
    const leader = await org.tokenOf('leader');
    const approval = (
      await http.call<{ items: { id: string }[] }>('GET', '/api/v1/me/tasks?kind=objectives-approval', {
        token: leader,
      })
    ).body.items.find((task) => task.id.includes(`/${NEXT}/`))!;
    // Tomorrow in Vietnam: a day of this year or next, so only "not after today" refuses it.
    const tomorrow = new Date(Date.now() + 7 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const answer = await http.call<{
      code: string;
      details: { problems: { path: string; reason: string }[] };
    }>('POST', `/api/v1/tasks/${encodeURIComponent(approval.id)}/complete`, {
      token: leader,
      body: { outcome: { decision: 'approve', documentNumber: '12/QĐ-UBND', signingDate: tomorrow } },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.details.problems).toEqual([
      expect.objectContaining({
        path: 'signingDate',
        reason: expect.stringContaining('không được sau hôm nay'),
      }),
    ]);
    const task = await http.call<{ status: string }>(
      'GET',
      `/api/v1/tasks/${encodeURIComponent(approval.id)}`,
      {
        token: leader,
      },
    );
    expect(task.body.status).toBe('open');
  });

  it('refuses a draft that cannot go to the leader and an unknown template, starting nothing', async () => {
    const qmr = await org.tokenOf('qmr');
    const badDraft = await http.call<{ code: string; details: { problems: { path: string }[] } }>(
      'POST',
      '/api/v1/cycles',
      {
        token: qmr,
        body: { organisationCode, year: 2029, draft: { year: 2029, objectives: [] } },
      },
    );
    expect(badDraft.status).toBe(422);
    expect(badDraft.body.code).toBe('DRAFT_INVALID');
    expect(badDraft.body.details.problems.length).toBeGreaterThan(0);
    const badTemplate = await http.call('POST', '/api/v1/cycles', {
      token: qmr,
      body: { organisationCode, year: 2029, templateId: 'hanoi-1999' },
    });
    expect(badTemplate.body).toMatchObject({
      statusCode: 400,
      details: { fields: { templateId: [expect.any(String)] } },
    });
    expect((await http.call('GET', `/api/v1/cycles/${organisationCode}-2029`, { token: qmr })).status).toBe(
      404,
    );
  });

  it('begins a rehearsal later in its year when asked, and refuses a date it cannot begin on, naming rehearsalFrom', async () => {
    const qmr = await org.tokenOf('qmr');
    const start = (body: Record<string, unknown>) =>
      http.call<{ code: string; details: { fields: Record<string, string[]> } }>('POST', '/api/v1/cycles', {
        token: qmr,
        body: { organisationCode, year: 2023, ...body },
      });
    for (const refused of [
      { rehearsal: true, rehearsalFrom: '2024-10-01' }, // another year
      { rehearsal: false, rehearsalFrom: '2023-10-01' }, // a real year begins when it begins
      { rehearsal: true, rehearsalFrom: '2023-02-30' }, // no such day
    ]) {
      const answer = await start(refused);
      expect({
        refused,
        status: answer.status,
        fields: Object.keys(answer.body.details?.fields ?? {}),
      }).toEqual({
        refused,
        status: 422,
        fields: ['rehearsalFrom'],
      });
    }
    const malformed = await start({ rehearsal: true, rehearsalFrom: '1/10/2023' });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.details.fields)).toEqual(['rehearsalFrom']);
    expect((await http.call('GET', `/api/v1/cycles/${organisationCode}-2023`, { token: qmr })).status).toBe(
      404,
    );

    // From 1 October: that day, 00:00 in Vietnam, falls within the week before now.
    const started = await http.call<{ live: { scheduleShiftMs: number } }>('POST', '/api/v1/cycles', {
      token: qmr,
      body: { organisationCode, year: 2023, rehearsal: true, rehearsalFrom: '2023-10-01' },
    });
    expect(started.status).toBe(201);
    const october = Date.parse('2023-09-30T17:00:00.000Z') + started.body.live.scheduleShiftMs;
    expect(Date.now() - october).toBeGreaterThanOrEqual(0);
    expect(Date.now() - october).toBeLessThan(7 * 86_400_000 + 60_000);
    const cancelled = await http.call('POST', `/api/v1/cycles/${organisationCode}-2023/cancel`, {
      token: qmr,
      body: { reason: 'Kết thúc diễn tập' },
    });
    expect(cancelled.status).toBe(202);
    // The cancellation is the workflow's to finish (202): the next case reads the leader's inbox once
    // the workflow has ended and its approval has left that inbox.
    await eventually('the cancelled rehearsal’s workflow ended', async () => {
      const cycle = await http.call<{ live: { executionStatus: string } }>(
        'GET',
        `/api/v1/cycles/${organisationCode}-2023`,
        { token: qmr },
      );
      return cycle.body.live.executionStatus === 'RUNNING' ? undefined : true;
    });
    await eventually("the cancelled rehearsal's approval out of the leader's inbox", async () => {
      const inbox = await http.call<{ items: { cycleId: string }[] }>('GET', '/api/v1/me/tasks', {
        token: await org.tokenOf('leader'),
      });
      return inbox.body.items.some((task) => task.cycleId === `${organisationCode}-2023`) ? undefined : true;
    });
  });

  it("marks a rehearsal's tasks, and only a rehearsal's, in the inbox, on the task page and in their e-mails", async () => {
    const leader = await org.tokenOf('leader');
    const rehearsalId = `${organisationCode}-2022`;
    const started = await http.call('POST', '/api/v1/cycles', {
      token: await org.tokenOf('qmr'),
      body: { organisationCode, year: 2022, rehearsal: true },
    });
    expect(started.status).toBe(201);
    type Inbox = { items: { id: string; cycleId: string; rehearsal: boolean }[] };
    const inbox = async () => (await http.call<Inbox>('GET', '/api/v1/me/tasks', { token: leader })).body;
    let mine = await inbox();
    for (let attempt = 0; attempt < 100 && !mine.items.some((t) => t.cycleId === rehearsalId); attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      mine = await inbox();
    }
    // The real year's approval beside the rehearsal's: only the rehearsal's is marked.
    const marks = () => Object.fromEntries(mine.items.map((t) => [t.cycleId, t.rehearsal]));
    expect(marks()).toEqual({ [rehearsalId]: true, [`${organisationCode}-${NEXT}`]: false });
    const rehearsed = mine.items.find((t) => t.cycleId === rehearsalId)!;
    const page = await http.call<{ rehearsal: boolean }>(
      'GET',
      `/api/v1/tasks/${encodeURIComponent(rehearsed.id)}`,
      {
        token: leader,
      },
    );
    expect(page.body.rehearsal).toBe(true);

    // Its "assigned" e-mail says so in the subject; the real year's does not.
    type Mails = { items: { taskId: string; subject: string }[] };
    let mails: Mails = { items: [] };
    for (let attempt = 0; attempt < 100 && !mails.items.some((m) => m.taskId === rehearsed.id); attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100));
      mails = (await http.call<Mails>('GET', '/api/v1/me/notifications', { token: leader })).body;
    }
    const subjectOf = (taskId: string) => mails.items.find((m) => m.taskId === taskId)?.subject;
    expect(subjectOf(rehearsed.id)).toMatch(/^\[qcycle\] \[Diễn tập\] Việc mới: /);
    const real = mails.items.find((m) => m.taskId.includes(`/${NEXT}/`));
    expect(real?.subject).toMatch(/^\[qcycle\] Việc mới: /);

    // A cycle recorded before its record kept the mark: read from the cycle's start, still marked.
    await suite.api
      .get(DataSource)
      .getRepository(QualityCycleEntity)
      .update({ id: rehearsalId }, { rehearsal: null });
    mine = await inbox();
    expect(marks()).toEqual({ [rehearsalId]: true, [`${organisationCode}-${NEXT}`]: false });

    const cancelled = await http.call('POST', `/api/v1/cycles/${rehearsalId}/cancel`, {
      token: await org.tokenOf('qmr'),
      body: { reason: 'Kết thúc diễn tập' },
    });
    expect(cancelled.status).toBe(202);
  });

  it('refuses to start a year whose directory lacks a role the cycle needs, naming it', async () => {
    const code = `np-${uniqueSuffix()}`;
    const adminEmail = `admin@${code}.qcycle.test`;
    await http.call('POST', '/api/v1/organisations', {
      token: await org.tokenOf('admin'),
      body: {
        code,
        name: { vi: 'Tỉnh mới', en: 'New province' },
        firstAdmin: { fullName: 'Quản trị', email: adminEmail, password: 'new-province-password' },
      },
    });
    const admin = (
      await http.call<{ accessToken: string }>('POST', '/api/v1/auth/login', {
        body: { email: adminEmail, password: 'new-province-password' },
      })
    ).body.accessToken;
    const qmrEmail = `qmr@${code}.qcycle.test`;
    await http.call('POST', '/api/v1/users', {
      token: admin,
      body: {
        fullName: 'Chánh Văn phòng',
        email: qmrEmail,
        password: 'new-province-password',
        roles: [{ role: 'quality-representative' }],
      },
    });
    const qmr = (
      await http.call<{ accessToken: string }>('POST', '/api/v1/auth/login', {
        body: { email: qmrEmail, password: 'new-province-password' },
      })
    ).body.accessToken;
    const refused = await http.call<{ code: string; details: { missingRoles: string[] } }>(
      'POST',
      '/api/v1/cycles',
      { token: qmr, body: { organisationCode: code, year: NEXT } },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ROSTER_INCOMPLETE');
    expect(refused.body.details.missingRoles).toEqual([
      'leader',
      'lead-auditor',
      expect.stringContaining('auditor'),
    ]);
  });

  it('answers 404 for a cycle that does not exist and for another organisation’s', async () => {
    const token = await org.tokenOf('staff.tthc');
    const missing = await http.call('GET', `/api/v1/cycles/${organisationCode}-2099`, { token });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'CYCLE_NOT_FOUND' });
    expect((await http.call('GET', '/api/v1/cycles/kontum-2024', { token })).status).toBe(404);
    expect(
      (
        await http.call('POST', '/api/v1/cycles', {
          token: await org.tokenOf('qmr'),
          body: { organisationCode: 'kontum', year: NEXT },
        })
      ).status,
    ).toBe(404);
  });

  it('refuses a malformed request with 400 naming every wrong field, and starts nothing', async () => {
    const response = await http.call<{ code: string; details: { fields: Record<string, string[]> } }>(
      'POST',
      '/api/v1/cycles',
      {
        token: await org.tokenOf('qmr'),
        body: { organisationCode: 'Kon Tum!', year: 'next', extra: true },
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(response.body.details.fields).sort()).toEqual(['extra', 'organisationCode', 'year']);
  });

  it('lets only the Quality Representative cancel a running cycle, once', async () => {
    const qmr = await org.tokenOf('qmr');
    const cycleId = `${organisationCode}-${NEXT + 1}`;
    expect(
      (await http.call('POST', '/api/v1/cycles', { token: qmr, body: { organisationCode, year: NEXT + 1 } }))
        .status,
    ).toBe(201);
    expect(
      (
        await http.call('POST', `/api/v1/cycles/${cycleId}/cancel`, {
          token: await org.tokenOf('leader'),
          body: { reason: 'not mine to cancel' },
        })
      ).status,
    ).toBe(403);
    const malformed = await http.call('POST', `/api/v1/cycles/${cycleId}/cancel`, { token: qmr, body: {} });
    expect(malformed.body).toMatchObject({
      statusCode: 400,
      details: { fields: { reason: expect.any(Array) } },
    });
    const cancelled = await http.call('POST', `/api/v1/cycles/${cycleId}/cancel`, {
      token: qmr,
      body: { reason: 'Khởi tạo nhầm năm' },
    });
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toEqual({ cycleId, status: 'cancelling' });
    let live = { executionStatus: 'RUNNING' } as { status?: string; executionStatus: string };
    for (let attempt = 0; attempt < 200 && live.executionStatus === 'RUNNING'; attempt++) {
      live = (await http.call<{ live: typeof live }>('GET', `/api/v1/cycles/${cycleId}`, { token: qmr })).body
        .live;
      if (live.executionStatus === 'RUNNING') await new Promise((r) => setTimeout(r, 100));
    }
    expect(live).toMatchObject({ executionStatus: 'COMPLETED', status: 'cancelled' });
    const again = await http.call('POST', `/api/v1/cycles/${cycleId}/cancel`, {
      token: qmr,
      body: { reason: 'twice' },
    });
    expect(again.status).toBe(409);
    expect(
      (
        await http.call('POST', `/api/v1/cycles/${organisationCode}-2099/cancel`, {
          token: qmr,
          body: { reason: 'no such year' },
        })
      ).status,
    ).toBe(404);
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(http)).toEqual([]);
  });
});
