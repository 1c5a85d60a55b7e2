import { QUALITY_CYCLE_WORKFLOW, QcycleErrorCode } from '@qcycle/contracts';
import { EventLogEntryEntity, MeasurementEntity, TaskEntity } from '@qcycle/persistence';
import { uniqueSuffix } from '@qcycle/testing';
import type { ObjectiveMonitoringResult } from '../../workflows/src/objective-monitoring.workflow';
import { recordHistories } from './support/cycle-driver';
import { APPROVE, DELEGATIONS, kontumCycle } from './support/cycle-fixtures';
import { startTimeSkippingSuite, type TimeSkippingSuite } from './support/time-skipping-suite';

/**
 * A year that gets going in June (docs/objectives.md "Reports made on paper"): January to April open
 * already overdue. The service centre's head enters January reported on paper before it was due and
 * February reported on paper after; the workflow judges each by the paper's day, records the paper's
 * day and number, and its result counts one late report. On the time-skipping server, through the
 * Updates the API sends; records the `paper-report-dated` histories the replay suite replays.
 */
describe('reports made on paper, on the time-skipping server', () => {
  let suite: TimeSkippingSuite;
  beforeAll(async () => {
    suite = await startTimeSkippingSuite();
  });
  afterAll(() => suite?.close());

  it('judges a report made on paper by its day, keeps the day and number, and counts only the late one', async () => {
    const { input, ids, user } = kontumCycle(`pr-${uniqueSuffix()}`, {
      rehearsal: true,
      rehearsalFrom: '2024-06-03',
    });
    const { env, config, dataSource, driver } = suite;
    const handle = await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    await driver.complete(`${ids.approval}/approve/1`, user.leader, APPROVE);
    await driver.complete(`${ids.assignment}/accept`, user.qr, DELEGATIONS);
    await driver.complete(`${ids.assignment}/unit/vp-tonghop`, user.head('vp-tonghop'), { accepted: true });
    await driver.complete(`${ids.assignment}/unit/vp-ttpvhcc`, user.head('vp-ttpvhcc'), { accepted: true });

    const monitoring = ids.monitoring('obj-4');
    const reporter = user.head('vp-ttpvhcc');
    const report = (month: string, paperReport?: { date: string; reference?: string }) => ({
      figures: [
        { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
        { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 100 },
      ],
      evidence: [`Sổ theo dõi hồ sơ tháng ${month}`],
      ...(paperReport ? { paperReport } : {}),
    });
    const january = await driver.task(`${monitoring}/measure/2024-01`);
    expect(Date.parse(january.openedAt)).toBeGreaterThan(Date.parse(january.dueAt as string));

    // The validator names what is wrong; nothing is applied.
    const refused = await driver.refusal(
      monitoring,
      january.id,
      reporter,
      report('01', { date: '2024-02-05' }),
    );
    expect(refused).toMatchObject({
      type: QcycleErrorCode.ValidationFailed,
      message: expect.stringContaining('paperReport.reference'),
    });

    // January on paper on 5 February (due on the 7th): on time. The task is late as entered.
    const entered = await driver.complete(
      january.id,
      reporter,
      report('01', { date: '2024-02-05', reference: ' 45/BC-VP ' }),
    );
    expect(entered.late).toBe(true);
    // February on paper on 20 March (due on 7 March): late.
    await driver.complete(
      `${monitoring}/measure/2024-02`,
      reporter,
      report('02', { date: '2024-03-20', reference: '60/BC-VP' }),
    );

    // The rest of the year is left unreported; the monitoring ends at the close with its result.
    const result = (await env.client.workflow.getHandle(monitoring).result()) as ObjectiveMonitoringResult;
    expect(result.lateReports).toBe(1);
    const onTime = result.measurements.filter((m) => m.indicatorId === 'obj-4-on-time');
    expect(onTime.map((m) => [m.periodKey, m.late, m.paperReport])).toEqual([
      ['2024-01', false, { date: '2024-02-05', reference: '45/BC-VP' }],
      ['2024-02', true, { date: '2024-03-20', reference: '60/BC-VP' }],
    ]);
    expect(result.missingPeriods).toHaveLength(10);

    const rows = await dataSource
      .getRepository(MeasurementEntity)
      .find({ where: { cycleId: input.cycleId }, order: { id: 'ASC' } });
    expect(
      rows.map((r) => [r.periodKey, r.indicatorId, r.late, r.paperReportDate, r.paperReportReference]),
    ).toEqual([
      ['2024-01', 'obj-4-on-time', false, '2024-02-05', '45/BC-VP'],
      ['2024-01', 'obj-4-per-process', false, '2024-02-05', '45/BC-VP'],
      ['2024-02', 'obj-4-on-time', true, '2024-03-20', '60/BC-VP'],
      ['2024-02', 'obj-4-per-process', true, '2024-03-20', '60/BC-VP'],
    ]);
    const event = await dataSource
      .getRepository(EventLogEntryEntity)
      .findOneByOrFail({ id: `${january.id}/measured` });
    expect(event.payload).toMatchObject({
      late: false,
      paperReport: { date: '2024-02-05', reference: '45/BC-VP' },
    });
    expect(await dataSource.getRepository(TaskEntity).findOneByOrFail({ id: january.id })).toMatchObject({
      status: 'completed',
      late: true,
    });

    await recordHistories(env.client, 'paper-report-dated', [monitoring]);
    await handle.terminate('paper reports checked').catch(() => undefined);
  });
});
