import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { NotificationEntity } from '@qcycle/persistence';
import { childWorkflowIds, qualityCycleWorkflowId } from '@qcycle/contracts';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from '../workflows/support/cycle-driver';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation } from './support/demo-organisation';
import { YearOverHttp } from './support/year-over-http';

/**
 * Someone who reports an objective leaves during the year (retired, transferred: deactivated in the
 * directory). The unit head hands the open report to the colleague who takes over; before, every
 * later period's report opened again for the person who left — nobody could sign in as them, their
 * reminders went to a mailbox nobody read, and each quarter the report had to be found and handed
 * over again. A report handed over from someone who left now takes the objective's later reports
 * with it, as does one handed over with the rest of its unit's work (a new head takes the unit over);
 * one handed over on its own from someone still there (away for a month) is that period's only.
 * Real API and worker, PostgreSQL, the Temporal time-skipping server; people act over HTTP only.
 */
describe('the reports of someone who left the directory (API, worker, PostgreSQL, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  const organisationCode = `kt-${uniqueSuffix()}`;
  const workflowId = qualityCycleWorkflowId(organisationCode, 2024);

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
    await Promise.all(
      ['admin', 'leader', 'qmr', 'head.tthc', 'head.tonghop', 'staff.tthc', 'staff.tonghop'].map((local) =>
        org.tokenOf(local),
      ),
    );
    await year.start(organisationCode);
    await year.approve();
    await year.assignAsProposed();
    // Objective 3 (administrative reform, quarterly) is Lan's, as her unit head delegates it.
    await year.acceptUnitsWithReporters({ 'head.tthc': { 'obj-3': 'staff.tthc' } });
  });

  afterAll(() => suite?.close());

  /** The notices telling someone a task was taken from them. */
  const awayNotices = (taskId: string) =>
    suite.api.get(DataSource).getRepository(NotificationEntity).findBy({ taskId, reason: 'reassigned-away' });

  const reassign = (as: string, taskId: string, toUserId: string, reason: string) =>
    org.as<{ assigneeUserId: string }>(as, 'POST', taskPath(taskId, '/reassign'), { toUserId, reason });

  it('gives the next report back to its reporter when the one handed over was taken from someone still there', async () => {
    // Objective 4 (monthly) is the service centre's, reported by the Chief of Office standing in.
    const january = await year.taskOf('qmr', 'measurement-report', 45, (t) => t.periodKey === '2024-01');
    const handed = await reassign(
      'qmr',
      january.id,
      org.idOf('staff.tonghop'),
      'Chánh Văn phòng đi công tác',
    );
    expect(handed.status).toBe(200);
    // Whoever hands on their own task is not told of it (the notices are written before the answer).
    expect(await awayNotices(january.id)).toEqual([]);

    const february = await year.taskOf('qmr', 'measurement-report', 40, (t) => t.periodKey === '2024-02');
    expect(february).toMatchObject({ objectiveId: 'obj-4', assigneeUserId: org.idOf('qmr') });
  });

  it('gives the later reports to whom the report of someone who left was handed, who reports them', async () => {
    const firstQuarter = await year.taskOf(
      'staff.tthc',
      'measurement-report',
      80,
      (t) => t.periodKey === '2024-Q1',
    );
    // Lan transfers to another province: the administrator deactivates her, a newcomer takes over.
    const newcomerId = await org.join('staff.new', {
      fullName: 'Đinh Thị Mai',
      title: 'Chuyên viên',
      unitCode: 'vp-kiemsoat-tthc',
      roles: [{ role: 'staff' }],
    });
    const left = await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('staff.tthc')}`, { active: false });
    expect(left.status).toBe(200);

    const handed = await reassign(
      'head.tthc',
      firstQuarter.id,
      newcomerId,
      'Chuyên viên Lan chuyển công tác',
    );
    expect(handed.status).toBe(200);
    // Lan is not mailed of it at an address she no longer reads; the notice is kept, as recorded.
    expect(await awayNotices(firstQuarter.id)).toEqual([
      expect.objectContaining({ recipientUserId: org.idOf('staff.tthc'), email: null, delivery: 'recorded' }),
    ]);

    const secondQuarter = await year.taskOf(
      'staff.new',
      'measurement-report',
      120,
      (t) => t.periodKey === '2024-Q2',
    );
    expect(secondQuarter).toMatchObject({
      objectiveId: 'obj-3',
      assigneeUserId: newcomerId,
      // Her unit head may still answer for her, as for any staff member's report.
      delegateUserIds: [org.idOf('head.tthc')],
    });
    const reported = await year.complete('staff.new', secondQuarter.id, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
      evidence: ['Báo cáo CCHC quý II/2024'],
    });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ status: 'completed', completedBy: newcomerId });

    await recordHistories(env.client, 'reports-follow-departed-reporter', [
      childWorkflowIds.monitoring(workflowId, 'obj-3'),
      childWorkflowIds.monitoring(workflowId, 'obj-4'),
    ]);
  });

  it("gives the later reports to the head who takes a unit's work over, with the rest of it", async () => {
    // The service centre, whose work the Chief of Office took for want of a head, gets a director;
    // the Chief of Office hands him the centre's open work (its monthly reports of objective 4).
    const directorId = await org.join('head.ttpvhcc', {
      fullName: 'Hồ Văn Tâm',
      title: 'Giám đốc Trung tâm Phục vụ hành chính công',
      unitCode: 'vp-ttpvhcc',
      roles: [{ role: 'unit-head', unitCode: 'vp-ttpvhcc' }],
    });
    const reportsHeldBy = async (local: string) =>
      (await org.inbox(local, 'measurement-report')).filter(
        (task) => task.assigneeUserId === org.idOf(local) && task.objectiveId === 'obj-4',
      );
    const open = await reportsHeldBy('qmr');
    expect(open.length).toBeGreaterThan(0);
    const moved = await org.as<{ handedOver: { taskId: string }[]; refused: unknown[] }>(
      'qmr',
      'POST',
      `/api/v1/cycles/${organisationCode}-2024/handovers`,
      {
        fromUserId: org.idOf('qmr'),
        toUserId: directorId,
        reason: 'Trung tâm có Giám đốc từ tháng 7/2024',
        unitCode: 'vp-ttpvhcc',
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.refused).toEqual([]);
    expect(moved.body.handedOver.map((task) => task.taskId)).toEqual(
      expect.arrayContaining(open.map((task) => task.id)),
    );

    // The month after the last one handed over opens for him, not for the Chief of Office.
    const [lastYear, lastMonth] = open
      .map((task) => task.periodKey!)
      .sort()
      .at(-1)!
      .split('-')
      .map(Number);
    const nextKey = `${lastYear}-${String(lastMonth + 1).padStart(2, '0')}`;
    const next = await year.taskOf(
      'head.ttpvhcc',
      'measurement-report',
      40,
      (task) => task.objectiveId === 'obj-4' && task.periodKey === nextKey,
    );
    expect(next.assigneeUserId).toBe(directorId);
    expect(
      (await reportsHeldBy('qmr')).filter((task) => task.periodKey !== null && task.periodKey >= nextKey),
    ).toEqual([]);

    await recordHistories(env.client, 'reports-follow-unit-work', [
      childWorkflowIds.monitoring(workflowId, 'obj-4'),
    ]);
  });
});
