import { WorkflowFailedError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { QcycleConfig } from '@qcycle/config';
import {
  CORRECTIVE_ACTION_WORKFLOW,
  QUALITY_CYCLE_WORKFLOW,
  QcycleErrorCode,
  cancelCycleSignal,
  completeTaskUpdate,
  cycleStateQuery,
  reassignTaskUpdate,
  type QualityCycleResult,
  type TaskOutcome,
} from '@qcycle/contracts';
import {
  AssignmentEntity,
  CorrectiveActionEntity,
  EventLogEntryEntity,
  QualityCycleEntity,
  TaskEntity,
} from '@qcycle/persistence';
import { localActivityType, uniqueSuffix } from '@qcycle/testing';
import { recordHistories, type CycleDriver } from './support/cycle-driver';
import { startDevServerSuite, type DevServerSuite } from './support/dev-server-suite';
import {
  APPROVE,
  DELEGATIONS,
  kontumCycle,
  oneStepAuditPlan,
  pastYearOpenCalendar,
} from './support/cycle-fixtures';

describe('human tasks of the cycle on the Temporal dev server', () => {
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

  it('applies a completion once, refuses the wrong actor, a malformed outcome, an auditor on their own unit; survives a worker restart; cancels open tasks', async () => {
    const org = `org-${uniqueSuffix()}`;
    const { input, ids, user } = kontumCycle(org, { calendar: pastYearOpenCalendar() });
    const handle = await client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    const approveTask = `${ids.approval}/approve/1`;
    await driver.task(approveTask);

    // The wrong actor and a malformed outcome are refused by the validator, with the error code as failure type.
    expect(await driver.refusal(ids.approval, approveTask, user.qr, APPROVE)).toMatchObject({
      type: QcycleErrorCode.Forbidden,
    });
    const malformed = await driver.refusal(ids.approval, approveTask, user.leader, {
      decision: 'approve',
      documentNumber: 'số 5',
    });
    expect(malformed.type).toBe(QcycleErrorCode.ValidationFailed);
    expect(malformed.message).toContain('documentNumber');
    expect(await driver.refusal(ids.workflowId, approveTask, user.leader, APPROVE)).toMatchObject({
      type: QcycleErrorCode.NotFound,
    });

    // Completed twice with the same update id (a retried click): applied once, the same answer.
    const returned = { decision: 'return', comments: 'Bổ sung kế hoạch thực hiện mục tiêu 3.' };
    const first = await driver.complete(approveTask, user.leader, returned);
    const second = await client.workflow.getHandle(ids.approval).executeUpdate(completeTaskUpdate, {
      updateId: approveTask,
      args: [{ taskId: approveTask, actorUserId: user.leader, outcome: returned as TaskOutcome }],
    });
    expect(first).toMatchObject({
      taskId: approveTask,
      status: 'completed',
      completedBy: user.leader,
      late: false,
    });
    expect(second).toEqual(first);
    // Another submission (another update id) finds the task closed.
    expect(await driver.refusal(ids.approval, approveTask, user.leader, APPROVE)).toMatchObject({
      type: QcycleErrorCode.Conflict,
    });
    expect(
      await dataSource.getRepository(EventLogEntryEntity).findBy({ id: `${approveTask}/completed` }),
    ).toHaveLength(1);
    expect(await dataSource.getRepository(TaskEntity).findOneBy({ id: approveTask })).toMatchObject({
      status: 'completed',
      completedBy: user.leader,
    });

    // The answer did not wait for the revision's record (patch next-task-opened-after-answer): the
    // workflow task that answered ran one local activity, the outcome's record, and scheduled the
    // revision's record as an activity of its own; the revision still opened.
    expect(await answeringWorkflowTask(client, ids.approval, approveTask)).toEqual({
      localActivities: ['completeTaskRecord'],
      activities: ['openTask'],
    });
    await driver.task(`${ids.approval}/revise/1`);
    await driver.complete(`${ids.approval}/revise/1`, user.qr, { note: 'Đã bổ sung kế hoạch.' });
    await driver.complete(`${ids.approval}/approve/2`, user.leader, APPROVE);

    // Worker restart mid-cycle: a new worker app continues the cycle.
    await driver.task(`${ids.assignment}/accept`);
    await suite.restartWorker();
    ({ dataSource, driver } = suite);

    await driver.complete(`${ids.assignment}/accept`, user.qr, DELEGATIONS);
    // What the restart can cost is Temporal's timeouts, hence the long waits here and the test's own
    // time limit. It can land inside the workflow task that opened the acceptance (its record is
    // written by a local activity before that workflow task completes), which Temporal redelivers
    // after its 10 s timeout. And the acceptance's "assigned" notice, scheduled in that workflow
    // task, can go to the stopping worker and never start: the server tries it again only after its
    // 1-minute start-to-close timeout (measured: 4 runs in 51 under load). The units' tasks do not
    // wait for it, but the assignment workflow ends after it, so the monitoring phase may open that
    // much later (docs/workflows.md "Human tasks").
    await driver.task(`${ids.assignment}/unit/vp-tonghop`, { maxSteps: 1_200 });
    await driver.complete(`${ids.assignment}/unit/vp-tonghop`, user.head('vp-tonghop'), { accepted: true });
    await driver.complete(`${ids.assignment}/unit/vp-ttpvhcc`, user.head('vp-ttpvhcc'), {
      accepted: true,
      staffDelegations: [{ objectiveId: 'obj-4', userId: user.staff('vp-ttpvhcc') }],
    });
    const march = `${ids.monitoring('obj-4')}/measure/2024-03`;
    await driver.task(march, { maxSteps: 1_200 });
    const report = await driver.complete(march, user.staff('vp-ttpvhcc'), {
      figures: [
        { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
        { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 100 },
      ],
      evidence: ['BC-03/2024'],
    });
    // The period is long past: accepted and marked late.
    expect(report.late).toBe(true);

    // Reassignment: only the Quality Representative or the unit head may hand a task over; recorded.
    const april = `${ids.monitoring('obj-4')}/measure/2024-04`;
    await driver.task(april);
    const reassign = (actorUserId: string, toUserId: string) =>
      client.workflow.getHandle(ids.monitoring('obj-4')).executeUpdate(reassignTaskUpdate, {
        args: [{ taskId: april, actorUserId, toUserId, reason: 'Chuyên viên nghỉ phép.' }],
      });
    await expect(reassign(user.staff('vp-ttpvhcc'), user.staff('vp-tonghop'))).rejects.toMatchObject({
      cause: { type: QcycleErrorCode.Forbidden },
    });
    expect(await reassign(user.head('vp-ttpvhcc'), user.staff('vp-tonghop'))).toEqual({
      taskId: april,
      assigneeUserId: user.staff('vp-tonghop'),
    });
    expect(await dataSource.getRepository(TaskEntity).findOneBy({ id: april })).toMatchObject({
      assigneeUserId: user.staff('vp-tonghop'),
    });
    expect(
      await dataSource.getRepository(EventLogEntryEntity).findOneBy({ id: `${april}/reassigned/1` }),
    ).toMatchObject({
      actor: user.head('vp-ttpvhcc'),
      payload: expect.objectContaining({ from: user.staff('vp-ttpvhcc'), to: user.staff('vp-tonghop') }),
    });

    // An auditor is never given a step in their own unit.
    const planTask = `${ids.audit}/plan`;
    await driver.task(planTask);
    const ownUnit = await driver.refusal(
      ids.audit,
      planTask,
      user.auditor(0),
      oneStepAuditPlan('Toàn bộ HTQLCL', {
        unitCode: user.auditorUnit(0),
        process: 'Quản lý văn bản',
        clause: '7.5',
        auditorUserId: user.auditor(0),
      }),
    );
    expect(ownUnit.type).toBe(QcycleErrorCode.ValidationFailed);
    expect(ownUnit.message).toContain('không được đánh giá đơn vị của mình');

    // Nothing duplicated by the restart: one record per task and per delegation.
    const tasks = await dataSource.getRepository(TaskEntity).findBy({ cycleId: input.cycleId });
    const opened = await dataSource
      .getRepository(EventLogEntryEntity)
      .findBy({ cycleId: input.cycleId, type: 'task.opened' });
    expect(opened).toHaveLength(tasks.length);
    expect(await dataSource.getRepository(AssignmentEntity).countBy({ cycleId: input.cycleId })).toBe(4);
    const live = await handle.query(cycleStateQuery);
    expect(live).toMatchObject({ status: 'running', phase: 'internal-audit' });
    expect(tasks.find((t) => t.id === planTask)).toMatchObject({ status: 'open' });

    // Cancelling mid-year: every open task is recorded cancelled, children included.
    const openBefore = tasks.filter((t) => t.status === 'open').map((t) => t.id);
    expect(openBefore.length).toBeGreaterThan(10);
    await handle.signal(cancelCycleSignal, { reason: 'thử nghiệm hủy', by: user.qr });
    const result: QualityCycleResult = await handle.result();
    expect(result.status).toBe('cancelled');
    const after = await dataSource.getRepository(TaskEntity).findBy({ cycleId: input.cycleId });
    expect(after.filter((t) => t.status === 'open')).toEqual([]);
    expect(after.filter((t) => openBefore.includes(t.id)).every((t) => t.status === 'cancelled')).toBe(true);
    expect(await dataSource.getRepository(QualityCycleEntity).findOneBy({ id: input.cycleId })).toMatchObject(
      { status: 'cancelled' },
    );

    await recordHistories(client, 'cancelled-mid-year', [
      ids.workflowId,
      ids.approval,
      ids.assignment,
      ids.monitoring('obj-4'),
      ids.audit,
    ]);
    // Usually under 10 s; a restart that loses the acceptance's notice adds a minute (above).
  }, 300_000);

  it('cancels a year mid-way, with reports open and later periods still to come: every task recorded cancelled, every workflow ended', async () => {
    // A rehearsal of 2024 begun on 2 October: on the real clock the months January to September have
    // their reports open at once, October's to December's wait for their dates (November onwards) —
    // whatever today's date. (It ran this year's cycle on the real clock once, and would have failed
    // each year from last year's close in January to 1 February 08:00 in Vietnam, when no report of
    // either year is open. Not 1 October: September's report opens that day at 08:00, see the
    // cancellation suite.)
    const year = 2024;
    const org = `mid-${uniqueSuffix()}`;
    const { input, ids, user } = kontumCycle(org, { year, rehearsal: true, rehearsalFrom: '2024-10-02' });
    const handle = await client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    await driver.complete(`${ids.approval}/approve/1`, user.leader, APPROVE);
    await driver.complete(`${ids.assignment}/accept`, user.qr, DELEGATIONS);
    await driver.complete(`${ids.assignment}/unit/vp-tonghop`, user.head('vp-tonghop'), { accepted: true });
    await driver.complete(`${ids.assignment}/unit/vp-ttpvhcc`, user.head('vp-ttpvhcc'), { accepted: true });
    const january = await driver.task(`${ids.monitoring('obj-4')}/measure/${year}-01`);
    const september = await driver.task(`${ids.monitoring('obj-4')}/measure/${year}-09`);

    await handle.signal(cancelCycleSignal, { reason: 'Hủy giữa năm', by: user.qr });
    expect((await handle.result()).status).toBe('cancelled');
    const tasks = await dataSource.getRepository(TaskEntity).findBy({ cycleId: input.cycleId });
    expect(tasks.filter((t) => t.status === 'open')).toEqual([]);
    expect(tasks.find((t) => t.id === january.id)?.status).toBe('cancelled');
    expect(tasks.find((t) => t.id === september.id)?.status).toBe('cancelled');
    // October's report was still to come, and never opens now.
    expect(tasks.map((t) => t.id)).not.toContain(`${ids.monitoring('obj-4')}/measure/${year}-10`);
    for (const objectiveId of ['obj-2', 'obj-3', 'obj-4']) {
      const child = await client.workflow.getHandle(ids.monitoring(objectiveId)).describe();
      expect({ objectiveId, status: child.status.name }).toEqual({ objectiveId, status: 'CANCELLED' });
    }
    await recordHistories(client, 'cancelled-real-year', [ids.workflowId, ids.monitoring('obj-4')]);
  });

  it('records open tasks cancelled when the cycle is cancelled through Temporal', async () => {
    const org = `org-${uniqueSuffix()}`;
    const { input, ids } = kontumCycle(org, { calendar: pastYearOpenCalendar() });
    const handle = await client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    const approveTask = `${ids.approval}/approve/1`;
    await driver.task(approveTask);
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow(WorkflowFailedError);
    expect(await dataSource.getRepository(TaskEntity).findOneBy({ id: approveTask })).toMatchObject({
      status: 'cancelled',
    });
    expect(await dataSource.getRepository(QualityCycleEntity).findOneBy({ id: input.cycleId })).toMatchObject(
      { status: 'cancelled', phase: 'objectives-approval' },
    );
  });

  it('reopens a corrective action the auditor finds not effective, and closes it when it is', async () => {
    const org = `org-${uniqueSuffix()}`;
    const { input, ids, user, roster } = kontumCycle(org, { calendar: pastYearOpenCalendar() });
    const context = {
      cycleId: input.cycleId,
      cycleWorkflowId: ids.workflowId,
      organisationCode: org,
      year: 2024,
      calendar: input.calendar,
      roster,
      shiftMs: 0,
    };
    const step = {
      id: 's9',
      unitCode: 'vp-ttpvhcc',
      process: 'Một cửa',
      clause: '8.5.1',
      auditorUserId: user.auditor(1),
    };
    const workflowId = `${ids.audit}/ca/s9`;
    // Run on its own (no cycle running): its progress reports to the cycle are only logged.
    const handle = await client.workflow.start(CORRECTIVE_ACTION_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId,
      args: [
        {
          context,
          auditWorkflowId: ids.audit,
          step,
          severity: 'major-nc',
          finding: 'Thiếu hồ sơ.',
          auditorUserId: user.auditor(1),
        },
      ],
    });
    const plan = (round: number) =>
      driver.complete(`${workflowId}/plan/${round}`, user.head('vp-ttpvhcc'), {
        correction: 'Bổ sung hồ sơ.',
        rootCause: round === 1 ? 'Chưa rõ.' : 'Không có người kiểm tra chéo.',
        action: 'Phân công kiểm tra chéo hằng tuần.',
        ownerUserId: user.staff('vp-ttpvhcc'),
        dueDate: '2024-11-15',
      });
    expect((await driver.task(`${workflowId}/plan/1`)).form).not.toHaveProperty('previousRound');
    await plan(1);
    await driver.complete(`${workflowId}/verify/1`, user.auditor(1), {
      effective: false,
      notes: 'Vẫn còn hồ sơ thiếu.',
      evidence: ['Sổ theo dõi hồ sơ tháng 11'],
    });
    // The second plan's form says what the first tried and why its verifier found it not effective.
    expect((await driver.task(`${workflowId}/plan/2`)).form).toMatchObject({
      finding: 'Thiếu hồ sơ.',
      previousRound: {
        round: 1,
        plan: { rootCause: 'Chưa rõ.', action: 'Phân công kiểm tra chéo hằng tuần.' },
        verification: {
          effective: false,
          notes: 'Vẫn còn hồ sơ thiếu.',
          evidence: ['Sổ theo dõi hồ sơ tháng 11'],
        },
      },
    });
    await plan(2);
    await driver.task(`${workflowId}/verify/2`);
    expect(
      await driver.refusal(workflowId, `${workflowId}/verify/2`, user.auditor(0), {
        effective: true,
        notes: 'x',
      }),
    ).toMatchObject({
      type: QcycleErrorCode.Forbidden,
    });
    await driver.complete(`${workflowId}/verify/2`, user.auditor(1), {
      effective: true,
      notes: 'Đã kiểm tra, đầy đủ.',
    });
    expect(await handle.result()).toMatchObject({ effective: true, rounds: 2 });
    expect(
      await dataSource.getRepository(CorrectiveActionEntity).findOneBy({ id: workflowId }),
    ).toMatchObject({
      status: 'closed',
      effective: true,
      rounds: 2,
      rootCause: 'Không có người kiểm tra chéo.',
    });
    const events = await dataSource.getRepository(EventLogEntryEntity).findBy({ cycleId: input.cycleId });
    expect(
      events
        .filter((e) => e.type.startsWith('corrective-action.'))
        .map((e) => e.type)
        .sort(),
    ).toEqual([
      'corrective-action.closed',
      'corrective-action.opened',
      'corrective-action.planned',
      'corrective-action.planned',
      'corrective-action.reopened',
    ]);
  });
});

/**
 * What the workflow task that answered a completion's Update did, from the workflow's history: the
 * local activities it ran (their markers) and the activities it scheduled, by type.
 */
async function answeringWorkflowTask(client: Client, workflowId: string, taskId: string) {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const accepted = events.findIndex(
    (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === taskId,
  );
  const next = events.findIndex((e, i) => i > accepted && e.workflowTaskScheduledEventAttributes);
  const written = events.slice(accepted, next < 0 ? undefined : next);
  const localActivities = written.flatMap((e) => localActivityType(e) ?? []);
  const activities = written.flatMap((e) => {
    const name = e.activityTaskScheduledEventAttributes?.activityType?.name;
    return name ? [name] : [];
  });
  return { localActivities, activities };
}
