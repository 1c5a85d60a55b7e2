import type { Client } from '@temporalio/client';
import { In, type DataSource } from 'typeorm';
import type { QcycleConfig } from '@qcycle/config';
import { QUALITY_CYCLE_WORKFLOW, cancelCycleSignal, type QualityCycleResult } from '@qcycle/contracts';
import { EventLogEntryEntity, NotificationEntity, TaskEntity } from '@qcycle/persistence';
import { uniqueSuffix, workflowTaskFailures } from '@qcycle/testing';
import { recordHistories, type CycleDriver } from './support/cycle-driver';
import { startDevServerSuite, type DevServerSuite } from './support/dev-server-suite';
import { defaultCycleCalendar } from '@qcycle/domain';
import { APPROVE, DELEGATIONS, kontumCycle } from './support/cycle-fixtures';

/**
 * A rehearsal of 2024 that begins on 2 October (`rehearsalFrom`), its audit window moved to
 * January: on the real clock the months January to September have their reports open at once and
 * the year is not over, so an objective can be at risk (a past year's evaluation is final: missed,
 * never at risk), and the audit is open at once — whatever today's date. Not 1 October: the
 * rehearsal's clock starts somewhere in the week from its first day, at the same weekday and time
 * as now, and September's report opens on 1 October at 08:00; the suite failed on Tuesdays before
 * 08:00 in Vietnam (2024-10-01 is a Tuesday).
 */
const year = 2024;
const REHEARSAL_FROM = '2024-10-02';
const LAST_MONTH_OVER = 9;
// Nine months of reports open at once: more to start and to cancel than Jest's default allows on a
// busy 2-core machine.
const YEAR_SO_FAR_TIMEOUT_MS = 300_000;
const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
function januaryAuditCalendar() {
  return {
    ...defaultCycleCalendar(year),
    auditWindow: { from: `${year}-01-02`, to: `${year}-01-31` },
  };
}

/**
 * Cancellation closes everything (issue #9): with at-risk follow-ups, measurement reports, audit
 * steps and a corrective action open, cancelling the cycle leaves no open task in the database (so
 * none in any inbox), each closed one with its `task.cancelled` record and a notification to its
 * assignee. And an at-risk follow-up closes itself, recorded, when its objective recovers. On the
 * Temporal dev server, on a rehearsal begun in October (see `REHEARSAL_FROM`).
 */
describe('cancellation and recovery on the Temporal dev server', () => {
  let suite: DevServerSuite;
  let config: QcycleConfig;
  let client: Client;
  let dataSource: DataSource;
  let driver: CycleDriver;

  beforeAll(async () => {
    suite = await startDevServerSuite();
    ({ config, client, dataSource, driver } = suite);
  });

  afterAll(() => suite?.close());

  async function startAssigned(org: string) {
    const cycle = kontumCycle(org, {
      calendar: januaryAuditCalendar(),
      year,
      rehearsal: true,
      rehearsalFrom: REHEARSAL_FROM,
    });
    const { input, ids, user } = cycle;
    const handle = await client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    await driver.complete(`${ids.approval}/approve/1`, user.leader, APPROVE);
    await driver.complete(`${ids.assignment}/accept`, user.qr, DELEGATIONS);
    await driver.complete(`${ids.assignment}/unit/vp-tonghop`, user.head('vp-tonghop'), { accepted: true });
    await driver.complete(`${ids.assignment}/unit/vp-ttpvhcc`, user.head('vp-ttpvhcc'), { accepted: true });
    return { ...cycle, handle };
  }

  const reportObjective4 = (taskId: string, reporter: string, onTime: number) =>
    driver.complete(taskId, reporter, {
      figures: [
        { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
        { indicatorId: 'obj-4-on-time', numerator: onTime, denominator: 100 },
      ],
      evidence: [`BC-TTHC-${taskId.slice(-7)}`],
    });

  it(
    'closes every open task of the cycle and its children, each recorded and notified',
    async () => {
      const { input, ids, user, handle } = await startAssigned(`cx-${uniqueSuffix()}`);

      // January's report leaves objective 4 at risk: the Quality Representative gets a follow-up.
      await reportObjective4(`${ids.monitoring('obj-4')}/measure/${month(1)}`, user.head('vp-ttpvhcc'), 70);
      const followUp = await driver.task(`${ids.monitoring('obj-4')}/at-risk/${month(1)}`);

      // The audit is planned with two steps; one finds a nonconformity, whose corrective action opens.
      await driver.complete(`${ids.audit}/plan`, user.auditor(0), {
        scope: 'Hệ thống quản lý chất lượng',
        criteria: ['TCVN ISO 9001:2015'],
        methods: 'Phỏng vấn, xem xét hồ sơ',
        from: `${year}-01-08`,
        to: `${year}-01-19`,
        steps: [
          {
            id: 's1',
            unitCode: 'vp-tonghop',
            process: 'Theo dõi nhiệm vụ',
            clause: '9.1.1',
            auditorUserId: user.auditor(0),
          },
          {
            id: 's2',
            unitCode: 'vp-ttpvhcc',
            process: 'Một cửa',
            clause: '8.5.1',
            auditorUserId: user.auditor(1),
          },
        ],
      });
      await driver.complete(`${ids.audit}/step/s2`, user.auditor(1), {
        result: 'minor-nc',
        evidence: ['Hồ sơ 000.00.24.H34-240812-0007'],
        finding: 'Phiếu kiểm soát không ghi đủ thời điểm chuyển bước.',
      });
      const ca = `${ids.audit}/ca/s2`;
      const caPlan = await driver.task(`${ca}/plan/1`);
      const step1 = await driver.task(`${ids.audit}/step/s1`);
      // The auditor's task names the audited unit as its people do, not by its code.
      expect(step1.title).toEqual({
        vi: 'Đánh giá Theo dõi nhiệm vụ (9.1.1) tại Phòng Tổng hợp',
        en: 'Audit Theo dõi nhiệm vụ (9.1.1) at General Affairs Division',
      });
      const reports = await dataSource.getRepository(TaskEntity).findBy({
        cycleId: input.cycleId,
        kind: 'measurement-report',
        status: 'open',
      });
      expect(reports.length).toBeGreaterThan(10);

      const open = await dataSource
        .getRepository(TaskEntity)
        .findBy({ cycleId: input.cycleId, status: 'open' });
      expect(open.map((t) => t.id)).toEqual(expect.arrayContaining([followUp.id, caPlan.id, step1.id]));

      await handle.signal(cancelCycleSignal, { reason: 'Hủy để thử nghiệm', by: user.qr });
      const result: QualityCycleResult = await handle.result();
      expect(result.status).toBe('cancelled');

      // Nothing open anywhere: the tasks table is what every inbox reads.
      const after = await dataSource.getRepository(TaskEntity).findBy({ cycleId: input.cycleId });
      expect(after.filter((t) => t.status === 'open')).toEqual([]);
      const wasOpen = after.filter((t) => open.some((o) => o.id === t.id));
      expect(wasOpen.map((t) => [t.id, t.status]).sort()).toEqual(
        open.map((t) => [t.id, 'cancelled']).sort(),
      );
      // Each with its record…
      const cancelledEvents = await dataSource.getRepository(EventLogEntryEntity).findBy({
        id: In(open.map((t) => `${t.id}/cancelled`)),
      });
      expect(cancelledEvents).toHaveLength(open.length);
      expect(cancelledEvents.every((e) => e.type === 'task.cancelled')).toBe(true);
      // …and its assignee told.
      const notices = await dataSource.getRepository(NotificationEntity).findBy({
        taskId: In(open.map((t) => t.id)),
        reason: 'cancelled',
      });
      expect(notices.map((n) => [n.taskId, n.recipientUserId]).sort()).toEqual(
        open.map((t) => [t.id, t.assigneeUserId]).sort(),
      );

      // No workflow of the year stalled on the way: a task cancelled while its workflow still
      // awaited other branches once failed workflow tasks with an unhandled rejection.
      for (const workflowId of new Set([ids.workflowId, ...after.map((t) => t.workflowId)])) {
        const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
        expect({ workflowId, failures: workflowTaskFailures(events ?? []) }).toEqual({
          workflowId,
          failures: [],
        });
      }

      await recordHistories(client, 'cancelled-everything-open', [
        ids.workflowId,
        ids.monitoring('obj-4'),
        ids.audit,
        ca,
      ]);
    },
    YEAR_SO_FAR_TIMEOUT_MS,
  );

  it(
    'closes an at-risk follow-up by itself, recorded, when the objective recovers',
    async () => {
      const { input, ids, user, handle } = await startAssigned(`rc-${uniqueSuffix()}`);
      const reporter = user.head('vp-ttpvhcc');
      const january = `${ids.monitoring('obj-4')}/measure/${month(1)}`;
      await driver.task(january);

      // January: 70% on time, and the later months not reported yet: at risk.
      await reportObjective4(january, reporter, 70);
      const followUp = await driver.task(`${ids.monitoring('obj-4')}/at-risk/${month(1)}`);
      // Every later month so far on time: over 80% on time cumulatively, nothing missing — on track.
      await driver.task(`${ids.monitoring('obj-4')}/measure/${month(LAST_MONTH_OVER)}`);
      const later = await dataSource.getRepository(TaskEntity).find({
        where: { cycleId: input.cycleId, objectiveId: 'obj-4', kind: 'measurement-report', status: 'open' },
        order: { periodKey: 'ASC' },
      });
      expect(later.length).toBeGreaterThan(0);
      for (const task of later) await reportObjective4(task.id, reporter, 100);

      const resolved = await driver.task(followUp.id, { until: (t) => t.status !== 'open' });
      expect(resolved.status).toBe('resolved');
      expect(
        await dataSource.getRepository(EventLogEntryEntity).findOneBy({ id: `${followUp.id}/resolved` }),
      ).toMatchObject({ type: 'task.resolved', payload: expect.objectContaining({ taskId: followUp.id }) });

      await handle.signal(cancelCycleSignal, { reason: 'Kết thúc thử nghiệm', by: user.qr });
      await handle.result();
      await recordHistories(client, 'at-risk-recovered', [ids.monitoring('obj-4')]);
    },
    YEAR_SO_FAR_TIMEOUT_MS,
  );
});
