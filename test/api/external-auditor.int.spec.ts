import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { DataSource } from 'typeorm';
import {
  qualityCycleId,
  qualityCycleWorkflowId,
  type CycleRoster,
  type StartQualityCycleInput,
} from '@qcycle/contracts';
import {
  DirectoryEventEntity,
  EventLogEntryEntity,
  EvidenceFileEntity,
  OrganisationUnitEntity,
  TaskEntity,
  UserEntity,
} from '@qcycle/persistence';
import { uniqueSuffix } from '@qcycle/testing';
import { CycleRecordActivities } from '../../activities/src/cycle-record.activities';
import { QualityRecordActivities } from '../../activities/src/quality-records.activities';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { TemporalClientProvider } from '../../apps/api/src/temporal/temporal-client.module';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation } from './support/demo-organisation';
import { undocumentedAnswers } from './support/openapi-coverage';

interface Refusal {
  code: string;
  details?: { reason?: string; readOnlyRoles?: string[] };
}

/**
 * The certification body's auditor (`external-auditor`): granted by the organisation's administrator,
 * reads what an ISO 9001 certification or surveillance audit verifies — the cycle, its event log, the
 * tasks and their history, the directory's log of who held which role, the documents' register, the
 * evidence — and changes nothing: every write is answered 403 and nothing is written. Never on a
 * cycle's roster, not as an internal auditor nor as staff of the unit they were put in.
 * Real API and worker, PostgreSQL, the Temporal dev server.
 */
describe('the external auditor of the certification body (real API, worker, Temporal dev server)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let evidenceDir: string;
  const organisationCode = `xa-${uniqueSuffix()}`;
  const cycleId = qualityCycleId(organisationCode, 2024);
  const workflowId = qualityCycleWorkflowId(organisationCode, 2024);
  // Last year's records, as the workflows wrote them, with a measurement report to hold evidence.
  const lastYearId = qualityCycleId(organisationCode, 2023);
  const lastYearWorkflowId = qualityCycleWorkflowId(organisationCode, 2023);
  const measureTaskId = `${lastYearWorkflowId}/monitoring/obj-4/measure/2023-03`;
  const EXTERNAL = 'external.auditor';
  let grantId = '';
  let evidenceId = '';
  const evidenceBytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4_000, 'e')]);

  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'qcycle-external-auditor-'));
    suite = await startApiSuite({ worker: true, config: { evidence: { dir: evidenceDir } } });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(['admin', 'qmr', 'leader', 'staff.tthc'].map((local) => org.tokenOf(local)));

    // Put in a unit on purpose: a roster that took people by unit would show them as its staff.
    const created = await org.as<{ id: string }>('admin', 'POST', '/api/v1/users', {
      fullName: 'Đỗ Minh Khoa',
      title: 'Chuyên gia đánh giá, tổ chức chứng nhận',
      email: org.email(EXTERNAL),
      password: DEMO_PASSWORD,
      unitCode: 'vp-tonghop',
    });
    expect(created.status).toBe(201);
    const granted = await org.as<{ id: string; role: string }>(
      'admin',
      'POST',
      `/api/v1/users/${created.body.id}/roles`,
      { role: 'external-auditor' },
    );
    expect([granted.status, granted.body.role]).toEqual([201, 'external-auditor']);
    grantId = granted.body.id;
    await org.tokenOf(EXTERNAL);

    // This year: started with the external auditor in the directory, approved by the leader.
    await org.startApprovedRehearsal({ documentNumber: '12/QĐ-UBND', signingDate: '2024-01-08' });
    await org.waitForTask('qmr', 'assignment-acceptance');

    const dataSource = suite.api.get(DataSource);
    await new CycleRecordActivities(dataSource).recordCycleStarted({
      cycleId: lastYearId,
      workflowId: lastYearWorkflowId,
      organisationCode,
      year: 2023,
      startedBy: org.idOf('qmr'),
      startedAt: '2023-01-03T02:00:00.000Z',
    });
    await new QualityRecordActivities(dataSource).openTask({
      taskId: measureTaskId,
      cycleId: lastYearId,
      workflowId: `${lastYearWorkflowId}/monitoring/obj-4`,
      kind: 'measurement-report',
      title: { vi: 'Báo cáo số liệu tháng 3/2023', en: 'March 2023 figures' },
      assigneeUserId: org.idOf('staff.tthc'),
      delegateUserIds: [],
      unitCode: 'vp-kiemsoat-tthc',
      objectiveId: 'obj-4',
      periodKey: '2023-03',
      openedAt: '2023-04-01T01:00:00.000Z',
    });
    const uploaded = await upload('staff.tthc', lastYearId);
    expect(uploaded.status).toBe(201);
    evidenceId = (uploaded.body as { id: string }).id;
  });

  afterAll(async () => {
    await suite?.close();
    if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
  });

  const upload = (local: string, cycle: string) =>
    org.uploadEvidence<unknown>(
      local,
      cycle,
      { recordType: 'measurement', recordKey: measureTaskId },
      { bytes: evidenceBytes, name: 'So theo doi ho so.pdf' },
    );

  const read = <T = Record<string, unknown>>(path: string) => org.as<T>(EXTERNAL, 'GET', path);

  it('is granted by the administrator like any other role, and reads who held which role and when', async () => {
    const me = await read<{ roles: string[]; headOfUnits: string[] }>('/api/v1/auth/me');
    expect([me.status, me.body.roles]).toEqual([200, ['external-auditor']]);

    const log = await read<{ items: { type: string; actor: string; payload: Record<string, unknown> }[] }>(
      '/api/v1/directory/events?type=role.&limit=100',
    );
    expect(log.status).toBe(200);
    expect(log.body.items).toContainEqual(
      expect.objectContaining({
        type: 'role.granted',
        actor: org.idOf('admin'),
        payload: expect.objectContaining({ userId: org.idOf(EXTERNAL), role: 'external-auditor' }),
      }),
    );
    const users = await read<{ items: { id: string; roles: { role: string }[] }[] }>(
      '/api/v1/users?role=auditor&limit=100',
    );
    expect(users.status).toBe(200);
    expect(users.body.items.map((u) => u.id)).not.toContain(org.idOf(EXTERNAL));
    const roles = await read<{ role: string }[]>(`/api/v1/users/${org.idOf('staff.tthc')}/roles`);
    expect([roles.status, roles.body.map((r) => r.role)]).toEqual([200, ['staff']]);
  });

  it('reads each user as the list of users shows them; a staff member still reads only themselves', async () => {
    const staffId = org.idOf('staff.tthc');
    const listed = await read<{ items: { id: string }[] }>('/api/v1/users?role=staff&limit=100');
    const inList = listed.body.items.find((u) => u.id === staffId);
    expect(inList).toBeDefined();
    const one = await read(`/api/v1/users/${staffId}`);
    expect([one.status, one.body]).toEqual([200, inList]);
    expect((await read(`/api/v1/users/${org.idOf('admin')}`)).status).toBe(200);

    const colleague = await org.as<Refusal>('staff.tthc', 'GET', `/api/v1/users/${org.idOf(EXTERNAL)}`);
    expect([colleague.status, colleague.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('reads the cycle, its event log and next year, every task and its history, but has no inbox of their own', async () => {
    const cycles = await read<{ items: { id: string }[] }>('/api/v1/cycles');
    expect(cycles.body.items.map((c) => c.id)).toEqual(expect.arrayContaining([cycleId, lastYearId]));
    const cycle = await read<{ id: string; live: { openTasks?: { taskId: string; kind: string }[] } }>(
      `/api/v1/cycles/${cycleId}`,
    );
    expect([cycle.status, cycle.body.id]).toEqual([200, cycleId]);

    const events = await read<{ items: { type: string; actor: string }[] }>(
      `/api/v1/cycles/${cycleId}/events?limit=100`,
    );
    expect(events.status).toBe(200);
    expect(events.body.items.map((e) => e.type)).toEqual(
      expect.arrayContaining(['cycle.started', 'task.completed']),
    );
    // Not closed yet: next year's draft as made from the approved decision, theirs to read.
    const nextYear = await read<{ final: boolean; year: number }>(`/api/v1/cycles/${cycleId}/next-year`);
    expect([nextYear.status, nextYear.body.final, nextYear.body.year]).toEqual([200, false, 2025]);
    expect((await read('/api/v1/calendars/2024')).status).toBe(200);

    // Someone else's task, done and open: its form, answer and history.
    const approval = (
      await suite.api
        .get(DataSource)
        .getRepository(TaskEntity)
        .findOneByOrFail({ cycleId, kind: 'objectives-approval' })
    ).id;
    const approvalTask = await read<{ status: string; completedBy: string; history: { type: string }[] }>(
      taskPath(approval),
    );
    expect([approvalTask.status, approvalTask.body.status, approvalTask.body.completedBy]).toEqual([
      200,
      'completed',
      org.idOf('leader'),
    ]);
    expect(approvalTask.body.history.map((h) => h.type)).toContain('task.completed');
    expect((await read(taskPath(measureTaskId))).status).toBe(200);

    const inbox = await read<{ items: unknown[]; total: number }>('/api/v1/me/tasks?status=all');
    expect([inbox.status, inbox.body.total]).toEqual([200, 0]);
  });

  it('reads the register of documents and the evidence files, byte for byte', async () => {
    const register = await read<{ items: { type: string; cycleId: string }[] }>(
      `/api/v1/documents?cycleId=${encodeURIComponent(cycleId)}`,
    );
    expect(register.status).toBe(200);
    expect(register.body.items.map((d) => d.type)).toContain('objectives-decision');
    expect((await read(`/api/v1/cycles/${cycleId}/objectives`)).status).toBe(200);

    const evidence = await read<{ id: string; uploadedBy: string }[]>(
      `/api/v1/cycles/${lastYearId}/evidence?recordType=measurement&recordKey=${encodeURIComponent(measureTaskId)}`,
    );
    expect(evidence.status).toBe(200);
    expect(evidence.body).toEqual([
      expect.objectContaining({ id: evidenceId, uploadedBy: org.idOf('staff.tthc') }),
    ]);
    const file = await org.downloadEvidence(EXTERNAL, evidenceId);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(evidenceBytes)).toBe(true);
  });

  it('is refused every write with 403 READ_ONLY_ROLE, and nothing is written', async () => {
    const dataSource = suite.api.get(DataSource);
    const counts = () =>
      Promise.all([
        dataSource.getRepository(DirectoryEventEntity).countBy({ organisationCode }),
        dataSource.getRepository(EventLogEntryEntity).countBy({ cycleId }),
        dataSource.getRepository(EventLogEntryEntity).countBy({ cycleId: lastYearId }),
        dataSource.getRepository(EvidenceFileEntity).countBy({ cycleId: lastYearId }),
        dataSource.getRepository(OrganisationUnitEntity).countBy({ organisationCode }),
      ]);
    const before = await counts();
    const openTask = (await dataSource.getRepository(TaskEntity).findOneByOrFail({ cycleId, status: 'open' }))
      .id;

    const writes: [string, string, unknown][] = [
      ['POST', '/api/v1/cycles', { organisationCode, year: 2025, rehearsal: true }],
      ['POST', taskPath(openTask, '/reassign'), { toUserId: org.idOf('leader'), reason: 'Vắng mặt' }],
      ['POST', taskPath(measureTaskId, '/complete'), { outcome: { numerator: 80, denominator: 100 } }],
      ['PATCH', `/api/v1/users/${org.idOf('staff.tthc')}`, { fullName: 'Đã sửa' }],
      ['PATCH', `/api/v1/users/${org.idOf(EXTERNAL)}`, { active: false }],
      ['POST', '/api/v1/units', { code: 'vp-moi', name: { vi: 'Phòng mới', en: 'New unit' } }],
      ['DELETE', `/api/v1/users/${org.idOf(EXTERNAL)}/roles/${grantId}`, undefined],
      ['POST', `/api/v1/users/${org.idOf(EXTERNAL)}/roles`, { role: 'admin' }],
      ['POST', `/api/v1/cycles/${cycleId}/cancel`, { reason: 'Thử' }],
      ['POST', `/api/v1/cycles/${cycleId}/nonconformities`, { description: 'Thử', clause: '8.5.1' }],
      ['PUT', '/api/v1/calendars/2025', {}],
      ['PATCH', '/api/v1/auth/me', { locale: 'en' }],
      ['POST', '/api/v1/me/notifications/read-all', undefined],
    ];
    for (const [method, path, body] of writes) {
      const answer = await org.as<Refusal>(EXTERNAL, method, path, body);
      expect([method, path, answer.status, answer.body.code, answer.body.details]).toEqual([
        method,
        path,
        403,
        'FORBIDDEN',
        { reason: 'READ_ONLY_ROLE', readOnlyRoles: ['external-auditor'] },
      ]);
    }
    const evidence = await upload(EXTERNAL, lastYearId);
    expect([evidence.status, (evidence.body as Refusal).details?.reason]).toEqual([403, 'READ_ONLY_ROLE']);

    expect(await counts()).toEqual(before);
    expect((await read('/api/v1/cycles/' + qualityCycleId(organisationCode, 2025))).status).toBe(404);
    const users = dataSource.getRepository(UserEntity);
    expect((await users.findOneByOrFail({ id: org.idOf('staff.tthc') })).fullName).not.toBe('Đã sửa');
    expect(await users.findOneByOrFail({ id: org.idOf(EXTERNAL) })).toEqual(
      expect.objectContaining({ active: true, locale: 'vi' }),
    );
    const tasks = dataSource.getRepository(TaskEntity);
    expect(await tasks.findOneByOrFail({ id: measureTaskId })).toEqual(
      expect.objectContaining({ status: 'open', assigneeUserId: org.idOf('staff.tthc') }),
    );
    expect((await tasks.findOneByOrFail({ id: openTask })).status).toBe('open');

    // Nor is a task given to them: they could not do it.
    const toThem = await org.as<Refusal & { details: { fields?: Record<string, string[]> } }>(
      'qmr',
      'POST',
      taskPath(openTask, '/reassign'),
      { toUserId: org.idOf(EXTERNAL), reason: 'Nhờ xem giúp' },
    );
    expect([toThem.status, Object.keys(toThem.body.details.fields ?? {})]).toEqual([422, ['toUserId']]);
    expect((await tasks.findOneByOrFail({ id: openTask })).assigneeUserId).not.toBe(org.idOf(EXTERNAL));
    expect((await read<{ live: { status?: string } }>(`/api/v1/cycles/${cycleId}`)).body.live.status).toBe(
      'running',
    );
  });

  it('keeps the rights of another role held as well (an administrator who is also an external auditor)', async () => {
    const created = await org.as('admin', 'POST', '/api/v1/users', {
      fullName: 'Lê Văn Hòa',
      email: org.email('admin.and.external'),
      password: DEMO_PASSWORD,
      roles: [{ role: 'admin' }, { role: 'external-auditor' }],
    });
    expect(created.status).toBe(201);
    const unit = await org.as('admin.and.external', 'POST', '/api/v1/units', {
      code: 'vp-kiemtra',
      name: { vi: 'Phòng Kiểm tra', en: 'Inspection' },
    });
    expect(unit.status).toBe(201);
  });

  it('is on no cycle roster: neither as an internal auditor nor as staff of their unit', async () => {
    const handle = suite.api.get(TemporalClientProvider).client.workflow.getHandle(workflowId);
    const history = await handle.fetchHistory();
    // The workflow's first argument, as it was started: the roster the year gives its tasks to.
    const input = defaultPayloadConverter.fromPayload<StartQualityCycleInput>(
      history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0] as never,
    );
    const roster: CycleRoster = input.roster;
    const onRoster = [
      roster.leader,
      roster.qualityRepresentative,
      ...roster.units.flatMap((unit) => [unit.head, ...unit.staff]),
      ...roster.auditors,
    ].map((person) => person.userId);
    // The roster is the directory's (the demo's internal auditors are on it); the external auditor is not.
    expect(roster.auditors.length).toBeGreaterThanOrEqual(2);
    expect(roster.units.find((unit) => unit.code === 'vp-tonghop')?.staff.length).toBeGreaterThan(0);
    expect(onRoster).not.toContain(org.idOf(EXTERNAL));

    const cycle = await org.as<{ live: { openTasks?: { assigneeUserId: string }[] } }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}`,
    );
    expect(cycle.body.live.openTasks?.map((t) => t.assigneeUserId)).not.toContain(org.idOf(EXTERNAL));
  });

  it('signs out (the one write open to them), which ends their session', async () => {
    const token = await org.tokenOf(EXTERNAL);
    const out = await suite.http.call('POST', '/api/v1/auth/logout', { token });
    expect(out.status).toBe(204);
    expect((await suite.http.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
    expect(await undocumentedAnswers(suite.http)).toEqual([]);
  });
});
