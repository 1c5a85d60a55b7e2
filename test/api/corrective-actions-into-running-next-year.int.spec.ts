import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { NotificationEntity } from '@qcycle/persistence';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from '../workflows/support/cycle-driver';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import { YearOverHttp } from './support/year-over-http';

interface ApprovedObjective {
  id: string;
  indicators: { id: string; target: unknown }[];
}
interface NextYearDraft {
  year: number;
  nextCycleId: string;
  final: boolean;
  draft: { year: number; objectives: ApprovedObjective[] };
  previousActions: unknown[];
  startedAt?: string;
  startedBy?: string;
}

/**
 * Next year is often started before this year closes (its objectives approved in December): from
 * the draft made of this year's approved decision (`GET/POST …/next-year` before the close). A
 * corrective action still open at this year's close then goes on in next year's running cycle: the
 * close sends it there, once. The real API and worker, PostgreSQL, the time-skipping Temporal
 * server; a 2024 rehearsal, and 2025's started in 2024's last days.
 */
describe('a corrective action carried into a next year already running (API, worker, PostgreSQL, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  const organisationCode = `cn-${uniqueSuffix()}`;
  const nonconformitiesOf = (year: number) => org.nonconformities(`${organisationCode}-${year}`);
  const nextYearPath = `/api/v1/cycles/${organisationCode}-2024/next-year`;
  const next = `${organisationCode}-2025`;
  /** The input a cycle workflow started with (the first event of its history). */
  const startInputOf = async (cycleId: string) => {
    const [, key, year] = /^(.*)-(\d{4})$/.exec(cycleId)!;
    const history = await env.client.workflow.getHandle(`quality-cycle/${key}/${year}`).fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    return JSON.parse(Buffer.from(payload?.data as Uint8Array).toString('utf8')) as {
      previousActions?: unknown[];
    };
  };

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
  });

  afterAll(() => suite?.close());

  it('goes on in 2025, started before 2024 closed, with the complaint 2024 did not finish', async () => {
    await year.start(organisationCode);
    expect((await org.as('qmr', 'GET', nextYearPath)).status).toBe(404);
    await year.approve();
    await year.assignAsProposed();
    await year.acceptUnits();
    const complaint = await org.as<{ id: string }>(
      'qmr',
      'POST',
      `/api/v1/cycles/${organisationCode}-2024/nonconformities`,
      {
        source: 'complaint',
        description: 'Công dân phản ánh hồ sơ bị trả lại mà không nêu lý do bằng văn bản.',
        unitCode: 'vp-kiemsoat-tthc',
        severity: 'minor-nc',
      },
    );
    expect(complaint.status).toBe(201);

    // 2024's last days (its close is in January 2025): 2025 starts while 2024 still runs, from the
    // draft made of 2024's approved decision — the dashboard's "Khởi tạo chu trình năm 2025".
    await env.sleep('360 days');
    const decision = await org.as<{ objectives: ApprovedObjective[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${organisationCode}-2024/decision`,
    );
    expect(decision.status).toBe(200);
    const approved = decision.body.objectives;
    const early = await org.as<NextYearDraft>('qmr', 'GET', nextYearPath);
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ year: 2025, nextCycleId: next, final: false, previousActions: [] });
    expect(early.body.draft.year).toBe(2025);
    // The objectives as the leader approved them (their indicators and targets), moved to 2025.
    const targets = (objectives: ApprovedObjective[]) =>
      objectives.map(({ id, indicators }) => ({
        id,
        indicators: indicators.map(({ id, target }) => ({ id, target })),
      }));
    expect(targets(early.body.draft.objectives)).toEqual(targets(approved));
    expect(early.body.startedAt).toBeUndefined();
    expect((await org.as('leader', 'GET', nextYearPath)).status).toBe(200);
    expect((await org.as('staff.tthc', 'GET', nextYearPath)).status).toBe(403);
    expect((await org.as('leader', 'POST', nextYearPath, { rehearsal: true })).status).toBe(403);

    const started = await org.as<{ id: string }>('qmr', 'POST', nextYearPath, { rehearsal: true });
    expect(started.status).toBe(201);
    expect(started.body.id).toBe(next);
    expect(
      (await org.as<{ status: string }>('qmr', 'GET', `/api/v1/cycles/${organisationCode}-2024`)).body,
    ).toMatchObject({
      status: 'running',
    });
    expect((await org.as<NextYearDraft>('qmr', 'GET', nextYearPath)).body).toMatchObject({
      final: false,
      startedBy: org.idOf('qmr'),
      startedAt: expect.any(String),
    });
    const twice = await org.as<{ code: string }>('admin', 'POST', nextYearPath, { rehearsal: true });
    expect([twice.status, twice.body.code]).toEqual([409, 'CYCLE_ALREADY_STARTED']);
    // 2025's review will read 2024's actions from the draft 2024's close prepares, not from its start.
    expect((await startInputOf(next)).previousActions).toBeUndefined();
    expect(await nonconformitiesOf(2025)).toEqual([]);

    // 2024 closes: its open complaint goes on in 2025, the unit head asked for the plan again.
    const carried = await year.eventually(
      'the complaint continued in 2025',
      async () => (await nonconformitiesOf(2025)).find((nc) => nc.carriedFrom === complaint.body.id),
      60,
    );
    expect(carried).toMatchObject({ source: 'complaint', status: 'open' });
    // The close prepared its own draft (the review's actions, none this year), and knows 2025 runs.
    expect((await org.as<NextYearDraft>('qmr', 'GET', nextYearPath)).body).toMatchObject({
      final: true,
      startedBy: org.idOf('qmr'),
    });
    expect((await org.as('qmr', 'POST', nextYearPath, { rehearsal: true })).status).toBe(409);
    // The close's notice to the Quality Representative does not ask them to start 2025 again.
    const notice = await year.eventually(
      'the close’s notice of next year’s draft',
      async () =>
        (await suite.api
          .get(DataSource)
          .getRepository(NotificationEntity)
          .findOneBy({ cycleId: `${organisationCode}-2024`, reason: 'next-year-draft' })) ?? undefined,
    );
    expect(notice.body).toContain('Chu trình năm sau đã được khởi tạo trước khi năm nay kết thúc');
    expect((await nonconformitiesOf(2024)).find((nc) => nc.id === complaint.body.id)).toMatchObject({
      continuedAs: carried.id,
    });
    const plan = await year.taskOf('head.tthc', 'corrective-action-plan', 0, (task) =>
      task.cycleId.endsWith('-2025'),
    );
    expect(plan.id).toBe(`${carried.id}/plan/1`);
    // Once only: 2025's list holds it once.
    expect((await nonconformitiesOf(2025)).filter((nc) => nc.carriedFrom === complaint.body.id)).toHaveLength(
      1,
    );

    await recordHistories(env.client, 'carried-into-running-next-year', [
      `quality-cycle/${organisationCode}/2024`,
      `quality-cycle/${organisationCode}/2025`,
    ]);
  });
});
