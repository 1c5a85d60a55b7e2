import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from '../workflows/support/cycle-driver';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import { YearOverHttp } from './support/year-over-http';

/**
 * Next year is often started before this year closes (its objectives approved in December). A
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

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
  });

  afterAll(() => suite?.close());

  it('goes on in 2025, started before 2024 closed, with the complaint 2024 did not finish', async () => {
    await year.start(organisationCode);
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

    // 2024's last days (its close is in January 2025): 2025 starts while 2024 still runs.
    await env.sleep('360 days');
    const started = await org.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode,
      year: 2025,
      templateId: 'kontum-2024',
      rehearsal: true,
    });
    expect(started.status).toBe(201);
    expect(
      (await org.as<{ status: string }>('qmr', 'GET', `/api/v1/cycles/${organisationCode}-2024`)).body,
    ).toMatchObject({
      status: 'running',
    });
    expect(await nonconformitiesOf(2025)).toEqual([]);

    // 2024 closes: its open complaint goes on in 2025, the unit head asked for the plan again.
    const carried = await year.eventually(
      'the complaint continued in 2025',
      async () => (await nonconformitiesOf(2025)).find((nc) => nc.carriedFrom === complaint.body.id),
      60,
    );
    expect(carried).toMatchObject({ source: 'complaint', status: 'open' });
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
