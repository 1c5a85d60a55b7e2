import type { WorkflowHandle } from '@temporalio/client';
import { cycleStateQuery, QUALITY_CYCLE_WORKFLOW, type CycleRoster } from '@qcycle/contracts';
import { cycleClock, instantToVnLocal, vnLocalToInstant, type IsoDate, type LocalTime } from '@qcycle/domain';
import type { CycleDriver } from './cycle-driver';
import { APPROVE, DELEGATIONS, kontumCycle, octoberAuditPlan } from './cycle-fixtures';
import type { TimeSkippingSuite } from './time-skipping-suite';

export const month = (m: number) => `2024-${String(m).padStart(2, '0')}`;

/**
 * The Kon Tum 2024 year as its people answer their tasks, one step at a time: the year test asserts
 * between the steps, the history bench only drives them. Objective 3 misses one reform target in
 * the second quarter (at risk, missed for the year); May's report of objective 4 comes in late.
 */
export function kontumYearSteps(driver: CycleDriver, { ids, user }: ReturnType<typeof kontumCycle>) {
  const ca = `${ids.audit}/ca/s2`;
  return {
    /** Returned once with comments, revised, approved as 123/QĐ-UBND. */
    async approveAfterOneReturn() {
      await driver.complete(`${ids.approval}/approve/1`, user.leader, {
        decision: 'return',
        comments: 'Làm rõ cách đánh giá mục tiêu 4.',
      });
      await driver.complete(`${ids.approval}/revise/1`, user.qr, {
        note: 'Đã làm rõ cách đánh giá mục tiêu 4.',
      });
      await driver.complete(`${ids.approval}/approve/2`, user.leader, {
        ...APPROVE,
        signingDate: '2024-01-05',
      });
    },

    /** The Chief of Office delegates to two units; the service centre passes objective 4 to its staff. */
    async assign() {
      await driver.complete(`${ids.assignment}/accept`, user.qr, DELEGATIONS);
      await driver.complete(`${ids.assignment}/unit/vp-tonghop`, user.head('vp-tonghop'), { accepted: true });
      await driver.complete(`${ids.assignment}/unit/vp-ttpvhcc`, user.head('vp-ttpvhcc'), {
        accepted: true,
        staffDelegations: [{ objectiveId: 'obj-4', userId: user.staff('vp-ttpvhcc') }],
      });
    },

    /** Objective 4's month: 90 of 100 dossiers on time. */
    reportObjective4: (m: number) =>
      driver.complete(`${ids.monitoring('obj-4')}/measure/${month(m)}`, user.staff('vp-ttpvhcc'), {
        figures: [
          { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
          { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 100 },
        ],
        evidence: [`BC-TTHC-${month(m)}`],
      }),

    /** May's report waits until it was escalated to the unit head. */
    untilMayEscalated: () =>
      driver.task(`${ids.monitoring('obj-4')}/measure/${month(5)}`, {
        until: (t) => t.escalationLevel === 'unit-head',
      }),

    /** Objectives 2 and 3's quarter; objective 3 reaches 9 of 10 in the second. */
    async reportQuarter(q: number) {
      await driver.complete(`${ids.monitoring('obj-2')}/measure/2024-Q${q}`, user.head('vp-tonghop'), {
        figures: [{ indicatorId: 'obj-2-key-tasks', numerator: 5, denominator: 5 }],
        evidence: [`BC-CTCT-Q${q}`],
      });
      await driver.complete(`${ids.monitoring('obj-3')}/measure/2024-Q${q}`, user.head('vp-tonghop'), {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: q === 2 ? 9 : 10, denominator: 10 }],
        evidence: [`BC-CCHC-Q${q}`],
      });
    },

    /** The Quality Representative's follow-up of objective 3, at risk after Q2. */
    followUpObjective3: () =>
      driver.complete(`${ids.monitoring('obj-3')}/at-risk/2024-Q2`, user.qr, {
        note: 'Đã đôn đốc Phòng Tổng hợp hoàn thành chỉ tiêu còn lại.',
      }),

    /**
     * October's internal audit: planned (no auditor on their own unit), two sign-offs, one minor
     * nonconformity corrected and verified effective, the report submitted and approved.
     */
    async holdAudit() {
      await driver.complete(
        `${ids.audit}/plan`,
        user.auditor(0),
        octoberAuditPlan([user.auditor(0), user.auditor(1)]),
      );
      await driver.complete(`${ids.audit}/step/s1`, user.auditor(0), {
        result: 'conformity',
        evidence: ['Sổ theo dõi nhiệm vụ 2024'],
      });
      await driver.complete(`${ids.audit}/step/s2`, user.auditor(1), {
        result: 'minor-nc',
        evidence: ['Hồ sơ 000.00.24.H34-240812-0007'],
        finding: 'Phiếu kiểm soát quá trình giải quyết hồ sơ không ghi đủ thời điểm chuyển bước.',
      });
      await driver.complete(`${ca}/plan/1`, user.head('vp-ttpvhcc'), {
        correction: 'Bổ sung thời điểm chuyển bước trên các phiếu còn thiếu.',
        rootCause: 'Mẫu phiếu cũ không có ô ghi thời điểm.',
        action: 'Cập nhật mẫu phiếu, tập huấn công chức một cửa.',
        ownerUserId: user.staff('vp-ttpvhcc'),
        dueDate: '2024-11-15',
      });
      await driver.complete(`${ca}/verify/1`, user.auditor(1), {
        effective: true,
        notes: 'Đã kiểm tra 20 hồ sơ tháng 11, đầy đủ.',
      });
      await driver.complete(`${ids.audit}/close`, user.auditor(0), {
        report: 'Báo cáo đánh giá nội bộ năm 2024: 1 điểm không phù hợp nhẹ, đã khắc phục.',
      });
      // The Quality Representative approves the report: that closes the audit.
      await driver.complete(`${ids.audit}/report/approve/1`, user.qr, { decision: 'approve' });
    },

    /** December's management review, with the inputs compiled from the records and one action. */
    holdReview: () =>
      driver.complete(`${ids.review}/review`, user.leader, {
        minutesRef: 'BB-XXLĐ-2024',
        outputs: {
          improvementOpportunities: ['Số hóa phiếu kiểm soát'],
          qmsChanges: [],
          resourceNeeds: ['Máy quét tại bộ phận một cửa'],
        },
        actions: [
          { title: 'Số hóa phiếu kiểm soát quá trình', ownerUnitCode: 'vp-ttpvhcc', dueDate: '2025-06-30' },
        ],
      }),

    /** The corrective action's id: its records and history are checked after the year. */
    correctiveAction: ca,
  };
}

/**
 * A 2024 rehearsal of an organisation of its own on the time-skipping server, approved at once and
 * assigned (objectives 2 and 3 to the General Affairs Division, 4 to the service centre): where the
 * year-end suites begin. Its handle comes with the cycle's ids and people. `roster` changes who
 * plays which part (e.g. the Quality Representative heading a unit); each step is answered by the
 * person the roster names.
 */
export async function startApprovedAndAssigned(
  suite: TimeSkippingSuite,
  org: string,
  roster: (roster: CycleRoster) => CycleRoster = (same) => same,
) {
  const cycle = kontumCycle(org, { rehearsal: true });
  const input = { ...cycle.input, roster: roster(cycle.input.roster) };
  const { ids } = cycle;
  const headOf = (unitCode: string) =>
    input.roster.units.find((unit) => unit.code === unitCode)?.head.userId as string;
  const { env, config, driver } = suite;
  const handle = await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
    taskQueue: config.temporal.taskQueue,
    workflowId: ids.workflowId,
    args: [input],
  });
  await driver.complete(`${ids.approval}/approve/1`, input.roster.leader.userId, APPROVE);
  await driver.complete(`${ids.assignment}/accept`, input.roster.qualityRepresentative.userId, DELEGATIONS);
  await driver.complete(`${ids.assignment}/unit/vp-tonghop`, headOf('vp-tonghop'), { accepted: true });
  await driver.complete(`${ids.assignment}/unit/vp-ttpvhcc`, headOf('vp-ttpvhcc'), { accepted: true });
  return { ...cycle, input, handle };
}

/**
 * Sleeps the time-skipping server to a Vietnam date and time of the year the cycle runs (2024), on
 * the cycle's own clock. A fixed number of days would land elsewhere in the year depending on the
 * weekday the rehearsal started on and on the days the server skipped while tasks waited.
 */
export async function sleepUntilCycleDate(
  suite: TimeSkippingSuite,
  handle: WorkflowHandle,
  date: IsoDate,
  time: LocalTime,
): Promise<void> {
  const clock = cycleClock((await handle.query(cycleStateQuery)).scheduleShiftMs);
  const wait = clock.toWorkflowMs(vnLocalToInstant(date, time)) - (await suite.env.currentTimeMs());
  if (wait < 0) throw new Error(`the cycle is already past ${date} ${time}`);
  await suite.env.sleep(wait);
}

/**
 * A task's opening date and its due date and time as the cycle's own calendar reads them (Vietnam
 * time, 2024): what its deadline rule is written in, whatever week the rehearsal was moved to.
 */
export async function onCycleCalendar(
  handle: WorkflowHandle,
  task: { openedAt: string; dueAt: string | null },
): Promise<{ opened: IsoDate; due: { date: IsoDate; time: LocalTime } | null }> {
  const clock = cycleClock((await handle.query(cycleStateQuery)).scheduleShiftMs);
  const local = (instant: string) => instantToVnLocal(clock.toCalendarInstant(Date.parse(instant)));
  return { opened: local(task.openedAt).date, due: task.dueAt ? local(task.dueAt) : null };
}
