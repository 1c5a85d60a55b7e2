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
 * with it; one handed over from someone still there (away for a month) is that period's only.
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
    await year.acceptUnits({
      'head.tthc': {
        accepted: true,
        staffDelegations: [{ objectiveId: 'obj-3', userId: org.idOf('staff.tthc') }],
      },
    });
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
});
