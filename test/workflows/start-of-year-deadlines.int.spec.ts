import { QUALITY_CYCLE_WORKFLOW, cycleStateQuery, reassignTaskUpdate } from '@qcycle/contracts';
import {
  addWorkingDays,
  cycleClock,
  instantToEpochMs,
  vnLocalToInstant,
  type CycleClock,
  type IsoDate,
  type LocalTime,
} from '@qcycle/domain';
import { EventLogEntryEntity, NotificationEntity, TaskEntity } from '@qcycle/persistence';
import { eventually, uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from './support/cycle-driver';
import { APPROVE, DELEGATIONS, kontumCycle } from './support/cycle-fixtures';
import { startApprovedAndAssigned } from './support/kontum-year';
import { startTimeSkippingSuite, type TimeSkippingSuite } from './support/time-skipping-suite';

/**
 * The start of the year cannot stall silently: the approval, the Quality Representative's
 * acceptance and each unit head's acceptance are due per the calendar (`startOfYear`, default
 * 5 / 3 / 3 working days), reminded the working day before and escalated the working morning after.
 * A unit head who never opens their task is chased, and the Quality Representative told, at the
 * calendar's dates; answering late still starts monitoring. Rehearsal on the time-skipping server,
 * asserted from the records a Quality Representative would look at.
 */
describe('start-of-year deadlines on the time-skipping server', () => {
  let suite: TimeSkippingSuite;
  beforeAll(async () => {
    suite = await startTimeSkippingSuite();
  });
  afterAll(() => suite?.close());

  it('reminds an unanswered unit acceptance, escalates it to the Quality Representative, and still starts monitoring when it is answered', async () => {
    const org = `sy-${uniqueSuffix()}`;
    const { input, ids, user } = kontumCycle(org, { rehearsal: true });
    const { publicHolidays, notificationTime } = input.calendar;
    const dueTime = input.calendar.monitoring.dueTime;
    const { env, config, dataSource, driver } = suite;
    const repo = <T extends object>(entity: new () => T) => dataSource.getRepository<T>(entity);
    const handle = await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });

    // The schedule, as the Quality Representative reads it off the calendar: N working days after
    // the day the task was given, 17:00; notices at 08:00 on the working days around the due day.
    const approval = await driver.task(`${ids.approval}/approve/1`);
    const clock = cycleClock((await handle.query(cycleStateQuery)).scheduleShiftMs);
    const at = (day: IsoDate, time: LocalTime) => clock.toWorkflowMs(vnLocalToInstant(day, time));
    const dueDayOf = (task: TaskEntity, workingDays: number) =>
      addWorkingDays(calendarDay(clock, task.openedAt), workingDays, publicHolidays);

    // The leader's approval now shows a due date: five working days.
    const approvalDue = dueDayOf(approval, 5);
    expect(ms(approval.dueAt)).toBe(at(approvalDue, dueTime));
    await driver.complete(approval.id, user.leader, APPROVE);

    // The Quality Representative's acceptance: three working days.
    const acceptance = await driver.task(`${ids.assignment}/accept`);
    expect(ms(acceptance.dueAt)).toBe(at(dueDayOf(acceptance, 3), dueTime));
    expect((await driver.complete(acceptance.id, user.qr, DELEGATIONS)).late).toBe(false);

    // Two units get objectives. The General Affairs Division accepts at once…
    const answered = await driver.task(`${ids.assignment}/unit/vp-tonghop`);
    expect((await driver.complete(answered.id, user.head('vp-tonghop'), { accepted: true })).late).toBe(
      false,
    );

    // …the service centre's head never opens the task: reminded, then escalated to the QR.
    const silentHead = user.head('vp-ttpvhcc');
    const opened = await driver.task(`${ids.assignment}/unit/vp-ttpvhcc`);
    const unitDueDay = dueDayOf(opened, 3);
    expect(ms(opened.dueAt)).toBe(at(unitDueDay, dueTime));
    const escalated = await driver.task(opened.id, {
      until: (task) => task.escalationLevel === 'quality-representative',
    });
    expect(escalated).toMatchObject({ status: 'open', assigneeUserId: silentHead, dueAt: opened.dueAt });

    const events = await repo(EventLogEntryEntity).findBy({ cycleId: input.cycleId });
    const eventOf = (id: string) => events.find((e) => e.id === id);
    const reminded = eventOf(`${opened.id}/reminded/before-due`);
    expect(reminded).toMatchObject({
      type: 'task.reminded',
      actor: 'system',
      payload: { taskId: opened.id, recipientUserId: silentHead },
    });
    expectFiredAt(reminded, at(addWorkingDays(unitDueDay, -1, publicHolidays), notificationTime));
    const escalation = eventOf(`${opened.id}/escalated/quality-representative`);
    expect(escalation).toMatchObject({
      type: 'task.escalated',
      actor: 'system',
      payload: { taskId: opened.id, recipientUserId: user.qr, level: 'quality-representative' },
    });
    expectFiredAt(escalation, at(addWorkingDays(unitDueDay, 1, publicHolidays), notificationTime));
    // One escalation, to the Quality Representative only: never to the unit head about their own task.
    expect(events.filter((e) => e.type === 'task.escalated').map((e) => e.id)).toEqual([escalation?.id]);

    // The people were told through the real notification activity.
    const notices = await repo(NotificationEntity).findBy({ taskId: opened.id });
    expect(notices.map((n) => [n.reason, n.recipientUserId]).sort()).toEqual([
      ['assigned', silentHead],
      ['escalated', user.qr],
      ['reminder', silentHead],
    ]);

    // The timely steps were neither reminded nor escalated.
    for (const taskId of [approval.id, acceptance.id, answered.id]) {
      expect(await repo(TaskEntity).findOneByOrFail({ id: taskId })).toMatchObject({
        status: 'completed',
        late: false,
        escalationLevel: 'none',
      });
    }

    // Answered after the escalation: accepted, marked late, and the year's monitoring starts.
    const late = await driver.complete(opened.id, silentHead, { accepted: true });
    expect(late.late).toBe(true);
    expect(await repo(TaskEntity).findOneByOrFail({ id: opened.id })).toMatchObject({
      status: 'completed',
      late: true,
      completedBy: silentHead,
      escalationLevel: 'quality-representative',
    });
    const january = await driver.task(`${ids.monitoring('obj-4')}/measure/2024-01`);
    expect(january).toMatchObject({ status: 'open', assigneeUserId: silentHead });
    expect(january.dueAt).not.toBeNull();
    expect((await handle.query(cycleStateQuery)).phase).toBe('monitoring');

    // The rest of the year is the Kon Tum suite's; stop here (terminate: no workflow code runs).
    // Cancelling mid-year with reports open is the dev-server suite's (cycle-tasks): the Java test
    // server refuses the cancellation of an activity that has just finished ("ACTIVITY_UNKNOWN"),
    // which a real server accepts, and the cancellation then never completes there.
    await handle.terminate('start-of-year checked');
    await recordHistories(env.client, 'start-of-year-deadlines', [
      ids.workflowId,
      ids.approval,
      ids.assignment,
      ids.monitoring('obj-4'),
    ]);
  });

  it('deems a unit that never answers to accept 10 working days after its due day: its head reports, and monitoring starts', async () => {
    const { input, ids, user } = kontumCycle(`sy-${uniqueSuffix()}`, { rehearsal: true });
    const { env, config, dataSource, driver } = suite;
    const repo = <T extends object>(entity: new () => T) => dataSource.getRepository<T>(entity);
    const handle = await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    await driver.complete(`${ids.approval}/approve/1`, user.leader, APPROVE);
    await driver.complete(`${ids.assignment}/accept`, user.qr, DELEGATIONS);
    await driver.complete(`${ids.assignment}/unit/vp-tonghop`, user.head('vp-tonghop'), { accepted: true });

    // The service centre's head, and the Quality Representative told of it, never answer.
    const silent = await driver.task(`${ids.assignment}/unit/vp-ttpvhcc`);
    const clock = cycleClock((await handle.query(cycleStateQuery)).scheduleShiftMs);
    const dueDay = calendarDay(clock, silent.dueAt as string);
    const deemedAt = clock.toWorkflowMs(
      vnLocalToInstant(
        addWorkingDays(dueDay, 10, input.calendar.publicHolidays),
        input.calendar.monitoring.dueTime,
      ),
    );
    // Its page says when the unit will be deemed to accept.
    expect(silent.form).toMatchObject({ deemedAcceptedAt: new Date(deemedAt).toISOString() });

    // Monitoring starts when the wait ends: the service centre's head reports objective 4.
    const january = await driver.task(`${ids.monitoring('obj-4')}/measure/2024-01`);
    expect(january).toMatchObject({ status: 'open', assigneeUserId: user.head('vp-ttpvhcc') });
    expect(await repo(TaskEntity).findOneByOrFail({ id: silent.id })).toMatchObject({
      status: 'expired',
      escalationLevel: 'quality-representative',
    });
    const deemed = await repo(EventLogEntryEntity).findOneByOrFail({ id: `${silent.id}/accepted` });
    expect(deemed).toMatchObject({
      type: 'objectives.unit-accepted',
      actor: 'system',
      payload: { unitCode: 'vp-ttpvhcc', staffDelegations: [], deemed: true },
    });
    expectFiredAt(deemed, deemedAt);
    expect((await handle.query(cycleStateQuery)).phase).toBe('monitoring');

    await handle.terminate('deemed acceptance checked');
    await recordHistories(env.client, 'unit-acceptance-deemed', [ids.workflowId, ids.assignment]);
  });

  it('reminds whoever holds the task now: a unit acceptance handed to a staff member before its reminder', async () => {
    const { input, ids, user } = kontumCycle(`sy-${uniqueSuffix()}`, { rehearsal: true });
    const { env, config, dataSource, driver } = suite;
    await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    await driver.complete(`${ids.approval}/approve/1`, user.leader, APPROVE);
    await driver.complete(`${ids.assignment}/accept`, user.qr, DELEGATIONS);
    const acceptance = await driver.task(`${ids.assignment}/unit/vp-ttpvhcc`);
    const staff = user.staff('vp-ttpvhcc');
    await env.client.workflow.getHandle(ids.assignment).executeUpdate(reassignTaskUpdate, {
      args: [
        {
          taskId: acceptance.id,
          actorUserId: user.head('vp-ttpvhcc'),
          toUserId: staff,
          reason: 'Trưởng phòng đi công tác.',
        },
      ],
    });

    // The days pass to the reminder (the working day before the due day) and the escalation after.
    await driver.task(acceptance.id, { until: (task) => task.escalationLevel === 'quality-representative' });
    const reminded = await dataSource
      .getRepository(EventLogEntryEntity)
      .findOneBy({ id: `${acceptance.id}/reminded/before-due` });
    expect(reminded?.payload).toMatchObject({ recipientUserId: staff });
    const notice = await dataSource
      .getRepository(NotificationEntity)
      .findOneByOrFail({ id: `${acceptance.id}/reminder` });
    expect(notice.recipientUserId).toBe(staff);

    // The escalation still goes to the Quality Representative.
    const escalated = await eventually('the escalation notice', () =>
      dataSource
        .getRepository(NotificationEntity)
        .findOneBy({ id: `${acceptance.id}/escalated/quality-representative` })
        .then((row) => row ?? undefined),
    );
    expect(escalated.recipientUserId).toBe(user.qr);
    // Left running (the suite's server stops it): on the Java test server, terminating a cycle after
    // a task of it was reassigned stalled the server's clock for the tests that followed.
  });

  it('opens the reports of months already past without a burst of reminders and escalations, when the year got going late', async () => {
    const { input, ids, user } = kontumCycle(`sy-${uniqueSuffix()}`, { rehearsal: true });
    const { env, config, dataSource, driver } = suite;
    const handle = await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    // The decision waits into the summer; then the year gets going, and monitoring opens January's
    // report already overdue, months after its reminder and escalations were due.
    await driver.task(`${ids.approval}/approve/1`);
    await env.sleep('200 days');
    await driver.complete(`${ids.approval}/approve/1`, user.leader, APPROVE);
    await driver.complete(`${ids.assignment}/accept`, user.qr, DELEGATIONS);
    await driver.complete(`${ids.assignment}/unit/vp-tonghop`, user.head('vp-tonghop'), { accepted: true });
    await driver.complete(`${ids.assignment}/unit/vp-ttpvhcc`, user.head('vp-ttpvhcc'), { accepted: true });
    const january = await driver.task(`${ids.monitoring('obj-4')}/measure/2024-01`);
    expect(ms(january.dueAt)).toBeLessThan(ms(january.openedAt));

    // Told once that it is theirs (the notice says it was due), nothing else.
    const notices = dataSource.getRepository(NotificationEntity);
    const assigned = await eventually('the assigned notice', () =>
      notices.findOneBy({ id: `${january.id}/assigned` }).then((row) => row ?? undefined),
    );
    expect(assigned.recipientUserId).toBe(user.head('vp-ttpvhcc'));
    const june = await driver.task(`${ids.monitoring('obj-4')}/measure/2024-06`);
    await eventually('June’s assigned notice', () =>
      notices.findOneBy({ id: `${june.id}/assigned` }).then((row) => row ?? undefined),
    );
    expect((await notices.findBy({ taskId: january.id })).map((n) => n.reason)).toEqual(['assigned']);
    const events = await dataSource.getRepository(EventLogEntryEntity).findBy({ cycleId: input.cycleId });
    expect(events.filter((e) => e.id.startsWith(`${january.id}/`)).map((e) => e.type)).toEqual([
      'task.opened',
    ]);
    expect(await dataSource.getRepository(TaskEntity).findOneByOrFail({ id: january.id })).toMatchObject({
      status: 'open',
      escalationLevel: 'none',
    });

    await handle.terminate('late start checked');
    await recordHistories(env.client, 'past-notices-dropped', [ids.workflowId, ids.monitoring('obj-4')]);
  });

  it('escalates an overdue report once to a Quality Representative who heads its unit', async () => {
    // As in Kon Tum, where the Chief of Office is the Quality Representative: here they also head
    // the service centre, so they report objective 4 and are both of its escalation levels.
    const { input, ids, handle } = await startApprovedAndAssigned(suite, `sy-${uniqueSuffix()}`, (roster) => {
      const qr = { ...roster.qualityRepresentative, unitCode: 'vp-ttpvhcc' };
      return {
        ...roster,
        qualityRepresentative: qr,
        units: roster.units.map((unit) => (unit.code === 'vp-ttpvhcc' ? { ...unit, head: qr } : unit)),
      };
    });
    const qr = input.roster.qualityRepresentative;
    const { env, dataSource, driver } = suite;

    // January's report is never sent: it passes the unit head's level, then the QR's.
    const january = await driver.task(`${ids.monitoring('obj-4')}/measure/2024-01`, {
      until: (task) => task.escalationLevel === 'quality-representative',
    });
    expect(january).toMatchObject({ status: 'open', assigneeUserId: qr.userId });

    // Both levels are on the record, each naming the person it reached…
    const escalations = await dataSource
      .getRepository(EventLogEntryEntity)
      .findBy({ cycleId: input.cycleId, type: 'task.escalated' });
    expect(escalations.map((e) => [e.id, e.payload.recipientUserId]).sort()).toEqual([
      [`${january.id}/escalated/quality-representative`, qr.userId],
      [`${january.id}/escalated/unit-head`, qr.userId],
    ]);
    // …but the Quality Representative was told once that their own report is overdue.
    const notices = await dataSource.getRepository(NotificationEntity).findBy({ taskId: january.id });
    expect(notices.map((n) => n.reason).sort()).toEqual(['assigned', 'escalated', 'reminder']);
    expect(notices.every((n) => n.recipientUserId === qr.userId)).toBe(true);
    expect(notices.find((n) => n.reason === 'escalated')?.body).toContain('của ông/bà đã quá hạn');

    await handle.terminate('escalations checked');
    await recordHistories(env.client, 'escalated-once-per-person', [ids.workflowId, ids.monitoring('obj-4')]);
  });
});

const ms = (instant: string | null) => instantToEpochMs(instant as string);

/** The calendar's local date of a workflow-time instant the engine wrote (shifted in a rehearsal). */
const calendarDay = (clock: CycleClock, instant: string) => clock.calendarDate(ms(instant));

/** A notice fired by its timer: recorded at the scheduled workflow time (the worker may take a moment). */
function expectFiredAt(event: EventLogEntryEntity | undefined, scheduledMs: number): void {
  expect(event).toBeDefined();
  const late = ms((event as EventLogEntryEntity).occurredAt) - scheduledMs;
  expect(late).toBeGreaterThanOrEqual(0);
  expect(late).toBeLessThan(60_000);
}
