import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { NotificationEntity } from '@qcycle/persistence';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { YearOverHttp } from './support/year-over-http';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';

/**
 * Reports of past months made on paper (docs/objectives.md "Reports made on paper"), over HTTP on
 * the real API and worker, PostgreSQL and the time-skipping Temporal server. A province adopts
 * qcycle in June: its 2024 rehearsal begins on 3 June, so the reports of January to April open
 * already overdue. The public-service centre (its head is the Quality Representative) enters them
 * with the day and number of the paper report each was made in: the measurement is late or not by
 * the paper's day, the record keeps both; a wrong paper date or a missing number is refused naming
 * the field; June's report, asked for in time, takes no paper date.
 */
describe('reports of past months made on paper, over HTTP (API, worker, PostgreSQL, time-skipping Temporal)', () => {
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

  type Problem = { path: string; code: string; reason: string };
  type Refusal = { code: string; details: { problems: Problem[] } };
  interface TaskDetail extends TaskSummary {
    openedAfterDue: boolean;
    late: boolean;
    outcome: Record<string, unknown> | null;
    history: { type: string; payload: Record<string, unknown> }[];
  }
  interface MeasurementRow {
    periodKey: string;
    indicatorId: string;
    late: boolean;
    reportedAt: string;
    paperReport: { date: string; reference: string } | null;
  }

  /** As the inbox lists it, with what tells a report of a period already due. */
  type Summary = TaskSummary & { openedAfterDue: boolean };
  const reportOf = async (periodKey: string, days = 0): Promise<Summary> =>
    (await year.taskOf(
      'qmr',
      'measurement-report',
      days,
      (t) => t.objectiveId === 'obj-4' && t.periodKey === periodKey,
    )) as Summary;
  const detail = async (taskId: string) => (await org.as<TaskDetail>('qmr', 'GET', taskPath(taskId))).body;
  const figures = [
    { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
    { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 100 },
  ];
  const submit = <T = Record<string, unknown>>(taskId: string, paperReport?: unknown) =>
    year.complete<T>('qmr', taskId, {
      figures,
      evidence: ['Sổ theo dõi hồ sơ TTHC'],
      ...(paperReport === undefined ? {} : { paperReport }),
    });
  const measurements = async () =>
    (
      await org.as<{ items: MeasurementRow[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-4`,
      )
    ).body.items.filter((row) => row.indicatorId === 'obj-4-on-time');
  const onTimeIn = (periodKey: string) =>
    year.eventually(`objective 4's ${periodKey} measurement`, async () =>
      (await measurements()).find((row) => row.periodKey === periodKey),
    );
  let january: Summary;

  it('opens January to April already overdue, and says so on the task', async () => {
    await year.start(organisationCode, '2024-06-03');
    await year.approve();
    await year.assignAsProposed();
    await year.acceptUnits();

    january = await reportOf('2024-01');
    expect(january).toMatchObject({ openedAfterDue: true, overdue: true });
    expect(Date.parse(january.openedAt)).toBeGreaterThan(Date.parse(january.dueAt as string));
    expect((await reportOf('2024-04')).openedAfterDue).toBe(true);

    // The dashboard's open tasks (its overdue table) say it too, and when each was given.
    const cycle = await org.as<{
      live: { openTasks: { taskId: string; openedAt: string; openedAfterDue: boolean }[] };
    }>('qmr', 'GET', `/api/v1/cycles/${cycleId}`);
    expect(cycle.body.live.openTasks.find((t) => t.taskId === january.id)).toEqual(
      expect.objectContaining({ openedAt: january.openedAt, openedAfterDue: true }),
    );

    // Its "assigned" mail says the date had passed when it was given, and what a paper report can do.
    const notice = await year.eventually("January's assigned mail", () =>
      suite.api
        .get(DataSource)
        .getRepository(NotificationEntity)
        .findOneBy({ id: `${january.id}/assigned` })
        .then((row) => row ?? undefined),
    );
    expect(notice.body).toContain('Hạn này đã qua khi việc được giao (việc giao sau hạn');
    expect(notice.body).toContain('Nếu số liệu kỳ này đã được báo cáo bằng văn bản giấy');
  });

  it('refuses a paper date in the future, before the period ended or without its number: 422 naming the field, nothing recorded', async () => {
    const refused = async (paperReport: unknown) => {
      const answer = await submit<Refusal>(january.id, paperReport);
      expect(answer.status).toBe(422);
      expect(answer.body.code).toBe('OUTCOME_REFUSED');
      return answer.body.details.problems;
    };
    // The rehearsal's today is in June 2024: December has not come.
    expect(await refused({ date: '2024-12-02', reference: '45/BC-VP' })).toEqual([
      {
        path: 'paperReport.date',
        code: 'out-of-range',
        reason: expect.stringContaining('không được sau ngày hôm nay'),
      },
    ]);
    // January's report cannot be signed before January ended.
    expect(await refused({ date: '2024-01-20', reference: '45/BC-VP' })).toEqual([
      {
        path: 'paperReport.date',
        code: 'out-of-range',
        reason: 'Ngày báo cáo giấy không được trước ngày cuối kỳ báo cáo (31/01/2024).',
      },
    ]);
    expect(await refused({ date: '2024-02-05' })).toEqual([
      {
        path: 'paperReport.reference',
        code: 'required',
        reason: expect.stringContaining('Phải ghi số, ký hiệu của báo cáo giấy'),
      },
    ]);
    expect((await refused({ date: '2024-02-05', reference: '   ' })).map((p) => p.path)).toEqual([
      'paperReport.reference',
    ]);
    expect((await refused({ date: '2024-02-30', reference: '45/BC-VP' })).map((p) => p.path)).toEqual([
      'paperReport.date',
    ]);

    expect(await detail(january.id)).toMatchObject({ status: 'open', outcome: null });
    expect(await measurements()).toEqual([]);
  });

  it('records January reported on paper on 5 February, before it was due, as on time, with the paper’s day and number', async () => {
    const answer = await submit<{ late: boolean }>(january.id, { date: '2024-02-05', reference: '45/BC-VP' });
    expect(answer.status).toBe(200);
    // The task is late as entered: it was entered in June.
    expect(answer.body.late).toBe(true);

    const row = await onTimeIn('2024-01');
    expect(row).toMatchObject({ late: false, paperReport: { date: '2024-02-05', reference: '45/BC-VP' } });
    // Entered in qcycle in June, as the record says too.
    expect(row.reportedAt > '2024-06').toBe(true);

    // The task's history carries the measurement's event, paper day and number included.
    const task = await detail(january.id);
    expect(task).toMatchObject({ status: 'completed', late: true });
    expect(task.history.find((e) => e.type === 'measurement.reported')?.payload).toMatchObject({
      objectiveId: 'obj-4',
      periodKey: '2024-01',
      late: false,
      paperReport: { date: '2024-02-05', reference: '45/BC-VP' },
    });
  });

  it('counts February reported on paper after its due day, and March entered now, as late; January not', async () => {
    const february = await reportOf('2024-02');
    expect((await submit(february.id, { date: '2024-03-20', reference: '60/BC-VP' })).status).toBe(200);
    const march = await reportOf('2024-03');
    expect((await submit(march.id)).status).toBe(200);

    expect(await onTimeIn('2024-02')).toMatchObject({
      late: true,
      paperReport: { date: '2024-03-20', reference: '60/BC-VP' },
    });
    expect(await onTimeIn('2024-03')).toMatchObject({ late: true, paperReport: null });

    // The year's report (the review pack's figures): three months reported, two late.
    const report = await org.as<{
      objectives: {
        id: string;
        indicators: {
          id: string;
          reportedPeriods: number;
          lateReports: number;
          figures: { periodKey: string; late: boolean; paperReport?: unknown }[];
        }[];
      }[];
    }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/report`);
    expect(report.status).toBe(200);
    const onTime = report.body.objectives
      .find((o) => o.id === 'obj-4')
      ?.indicators.find((i) => i.id === 'obj-4-on-time');
    expect(onTime).toMatchObject({ reportedPeriods: 3, lateReports: 2 });
    // Each figure says whether it was reported on paper, and which paper: what the printed report names.
    expect(
      onTime?.figures.map(({ periodKey, late, paperReport }) => ({ periodKey, late, paperReport })),
    ).toEqual([
      { periodKey: '2024-01', late: false, paperReport: { date: '2024-02-05', reference: '45/BC-VP' } },
      { periodKey: '2024-02', late: true, paperReport: { date: '2024-03-20', reference: '60/BC-VP' } },
      { periodKey: '2024-03', late: true, paperReport: undefined },
    ]);
    const objective = await org.as<{ statusHistory: { periodKey: string; late: boolean }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/objectives/obj-4`,
    );
    expect(objective.body.statusHistory.map((h) => [h.periodKey, h.late])).toEqual([
      ['2024-01', false],
      ['2024-02', true],
      ['2024-03', true],
    ]);
  });

  it('refuses a paper date on June’s report, asked for in time: it is late or not by when it is sent here', async () => {
    const june = await reportOf('2024-06', 60);
    expect(june).toMatchObject({ openedAfterDue: false, overdue: false });
    const cycle = await org.as<{ live: { openTasks: { taskId: string; openedAfterDue: boolean }[] } }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}`,
    );
    expect(cycle.body.live.openTasks.find((t) => t.taskId === june.id)).toEqual(
      expect.objectContaining({ openedAt: june.openedAt, openedAfterDue: false }),
    );
    const answer = await submit<Refusal>(june.id, { date: '2024-07-01', reference: '80/BC-VP' });
    expect(answer.status).toBe(422);
    expect(answer.body.details.problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      'paperReport invalid-value',
    ]);
    expect((await detail(june.id)).status).toBe('open');
    expect((await measurements()).map((m) => m.periodKey)).toEqual(['2024-01', '2024-02', '2024-03']);

    // Sent in qcycle before its due: on time.
    expect((await submit(june.id)).status).toBe(200);
    expect(await onTimeIn('2024-06')).toMatchObject({ late: false, paperReport: null });
  });
});
