import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { YearOverHttp } from './support/year-over-http';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';

/**
 * Objective 4's on-time rate counts the dossiers still being settled and already overdue
 * (docs/objectives.md), over HTTP on the real API and worker, PostgreSQL and the time-skipping
 * Temporal server: the public-service centre reports January and February of a cycle started from
 * the Kon Tum 2024 template, and the objective's status follows the rule.
 */
describe("objective 4's dossiers pending overdue over HTTP (API, worker, PostgreSQL, time-skipping Temporal)", () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  const organisationCode = `kt-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
  });

  afterAll(() => suite?.close());

  const eventually = <T>(what: string, probe: () => Promise<T | undefined>, days = 0) =>
    year.eventually(what, probe, days);
  const taskOf = (local: string, kind: string) => year.taskOf(local, kind);
  const reportOf = (periodKey: string): Promise<TaskSummary> =>
    year.taskOf(
      'qmr',
      'measurement-report',
      70,
      (t) => t.objectiveId === 'obj-4' && t.periodKey === periodKey,
    );
  const complete = <T = Record<string, unknown>>(taskId: string, outcome: unknown) =>
    year.complete<T>('qmr', taskId, outcome);
  const objective4 = () =>
    org.as<{ status: string; statusHistory: { status: string }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/objectives/obj-4`,
    );
  const statusAfter = (reports: number) =>
    eventually(`objective 4's status after ${reports} report(s)`, async () => {
      const answer = await objective4();
      return answer.body.statusHistory.length >= reports ? answer.body.status : undefined;
    });
  const figures = (month: { settled: number; onTime: number; pendingOverdue?: number }) => [
    { indicatorId: 'obj-4-per-process', numerator: month.settled, denominator: month.settled },
    {
      indicatorId: 'obj-4-on-time',
      numerator: month.onTime,
      denominator: month.settled,
      ...(month.pendingOverdue !== undefined ? { pendingOverdue: month.pendingOverdue } : {}),
    },
  ];
  let january: TaskSummary;

  it("reaches January's report of objective 4, whose form asks for the dossiers pending overdue", async () => {
    await year.start(organisationCode);
    await year.approve();
    const delegations = await year.assignAsProposed();
    expect(delegations).toContainEqual({ objectiveId: 'obj-4', unitCode: 'vp-ttpvhcc' });
    await year.acceptUnits();

    january = await reportOf('2024-01');
    const form = await org.as<{ form: { indicators: Record<string, unknown>[] } }>(
      'qmr',
      'GET',
      taskPath(january.id),
    );
    expect(form.body.form.indicators).toEqual([
      expect.not.objectContaining({ pendingOverdueLabel: expect.anything() }),
      expect.objectContaining({
        id: 'obj-4-on-time',
        sameCasesAs: 'obj-4-per-process',
        pendingOverdueLabel: expect.objectContaining({
          vi: 'Số hồ sơ đang giải quyết đã quá hạn (tính đến cuối kỳ)',
        }),
      }),
    ]);
  });

  it('refuses inconsistent figures with 422 naming the field, and records nothing', async () => {
    type Refusal = { code: string; details: { problems: { path: string; code: string }[] } };
    const problemsOf = async (outcomeFigures: unknown) => {
      const answer = await complete<Refusal>(january.id, {
        figures: outcomeFigures,
        evidence: ['BC-01/2024'],
      });
      expect(answer.status).toBe(422);
      return answer.body.details.problems.map((p) => `${p.path} ${p.code}`);
    };
    // The two shares count the same dossiers settled, pending overdue or not.
    const [perProcess, onTime] = figures({ settled: 95, onTime: 80, pendingOverdue: 5 });
    expect(await problemsOf([perProcess, { ...onTime, denominator: 100 }])).toEqual([
      'figures[obj-4-on-time].denominator inconsistent',
    ]);
    // Only the on-time rate counts dossiers pending overdue.
    expect(await problemsOf([{ ...perProcess, pendingOverdue: 5 }, onTime])).toEqual([
      'figures[obj-4-per-process].pendingOverdue invalid-value',
    ]);
    // A figure of the wrong shape is named by its indicator too, as the form shows it.
    expect(await problemsOf([perProcess, { ...onTime, pendingOverdue: -5 }])).toEqual([
      'figures[obj-4-on-time].pendingOverdue invalid-value',
    ]);
    const measurements = await org.as<{ items: unknown[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-4`,
    );
    expect(measurements.body.items).toEqual([]);
  });

  it('puts January at risk: 80 on time of 95 settled and 5 pending overdue is 80/100, not over 80%', async () => {
    // Counting the settled dossiers only, 80/95 = 84.21% would have been on track.
    const reported = await complete(january.id, {
      figures: figures({ settled: 95, onTime: 80, pendingOverdue: 5 }),
      evidence: ['BC-01/2024'],
    });
    expect(reported.status).toBe(200);
    expect(await statusAfter(1)).toBe('at-risk');
    const followUp = await taskOf('qmr', 'at-risk-follow-up');
    expect(followUp).toMatchObject({ objectiveId: 'obj-4', periodKey: '2024-01' });
  });

  it("counts February's stock of overdue dossiers, not January's again: 100/120 is back on track", async () => {
    // February: January's 5 settled late with 20 others, all 20 on time; none left overdue.
    // (80 + 20) / (95 + 25 + 0) = 100/120 = 83.33%. Adding January's 5 again would make it 100/125 = 80%.
    const february = await reportOf('2024-02');
    const reported = await complete(february.id, {
      figures: figures({ settled: 25, onTime: 20, pendingOverdue: 0 }),
      evidence: ['BC-02/2024'],
    });
    expect(reported.status).toBe(200);
    expect(await statusAfter(2)).toBe('on-track');
  });
  it("keeps January's overdue dossiers in the record, and a correction of them keeps both counts", async () => {
    type Row = { periodKey: string; indicatorId: string; denominator: number; pendingOverdue: number | null };
    const onTimeIn = async (periodKey: string) =>
      (
        await org.as<{ items: Row[] }>(
          'qmr',
          'GET',
          `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-4`,
        )
      ).body.items.find((row) => row.periodKey === periodKey && row.indicatorId === 'obj-4-on-time');
    expect(await onTimeIn('2024-01')).toMatchObject({ denominator: 95, pendingOverdue: 5 });
    expect(await onTimeIn('2024-02')).toMatchObject({ denominator: 25, pendingOverdue: 0 });

    const corrected = await org.as<{ previous: unknown[]; figures: unknown[] }>(
      'qmr',
      'POST',
      `/api/v1/cycles/${cycleId}/objectives/obj-4/measurements/2024-01/correct`,
      {
        figures: figures({ settled: 95, onTime: 80, pendingOverdue: 8 }),
        reason: 'Bộ phận một cửa bỏ sót 3 hồ sơ quá hạn của tháng 1',
      },
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body.previous).toContainEqual(
      expect.objectContaining({ indicatorId: 'obj-4-on-time', pendingOverdue: 5 }),
    );
    expect(corrected.body.figures).toContainEqual(
      expect.objectContaining({ indicatorId: 'obj-4-on-time', pendingOverdue: 8 }),
    );
    expect(await onTimeIn('2024-01')).toMatchObject({ denominator: 95, pendingOverdue: 8 });
    // The year's share counts February's stock, the latest: still 100/120, on track.
    expect((await objective4()).body.status).toBe('on-track');
  });
});
