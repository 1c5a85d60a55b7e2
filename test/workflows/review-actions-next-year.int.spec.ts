import { QcycleErrorCode, type QualityCycleResult } from '@qcycle/contracts';
import { QualityRecordActivities } from '@qcycle/activities';
import {
  EventLogEntryEntity,
  NextYearDraftEntity,
  NotificationEntity,
  TaskEntity,
} from '@qcycle/persistence';
import { uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from './support/cycle-driver';
import { onCycleCalendar, startApprovedAndAssigned } from './support/kontum-year';
import { startTimeSkippingSuite, type TimeSkippingSuite } from './support/time-skipping-suite';

/**
 * The management review's actions are followed up, and next year is prepared at the close (issue
 * #9): each action has an owner from the roster and a due date, and becomes its owner's task; one
 * reported done, one left open; at the close the open one expires and is carried into next year,
 * next year's draft is stored from the approved decision, and the Quality Representative is told.
 * A rehearsal of 2024 on the time-skipping server with the real worker and PostgreSQL.
 */
describe('review actions and next year on the time-skipping server', () => {
  let suite: TimeSkippingSuite;
  beforeAll(async () => {
    suite = await startTimeSkippingSuite();
  });
  afterAll(() => suite?.close());

  const repo = <T extends object>(entity: new () => T) => suite.dataSource.getRepository<T>(entity);

  it('follows two actions up as their owners’ tasks, carries the open one, and prepares next year’s draft for the Quality Representative', async () => {
    const { input, ids, user, handle } = await startApprovedAndAssigned(suite, `ra-${uniqueSuffix()}`);
    const { env, driver } = suite;

    await env.sleep('330 days');
    const review = await driver.task(`${ids.review}/review`);
    const held = {
      minutesRef: 'BB-XXLĐ-2024',
      outputs: { improvementOpportunities: ['Số hóa hồ sơ'], qmsChanges: [], resourceNeeds: [] },
      actions: [
        {
          title: 'Số hóa sổ theo dõi văn bản đến',
          ownerUnitCode: 'vp-tonghop',
          ownerUserId: user.staff('vp-tonghop'),
          dueDate: '2024-12-27',
        },
        // No owner named: the head of the owning unit follows it up.
        { title: 'Số hóa phiếu kiểm soát quá trình', ownerUnitCode: 'vp-ttpvhcc', dueDate: '2025-06-30' },
      ],
    };
    // An owner who is not on the roster, or a due date before the review, is refused naming the field.
    const stranger = await driver.refusal(ids.review, review.id, user.leader, {
      ...held,
      actions: [{ ...held.actions[0], ownerUserId: 'someone-else' }],
    });
    expect(stranger).toMatchObject({ type: QcycleErrorCode.ValidationFailed });
    expect(stranger.message).toContain('actions[0].ownerUserId');
    const backDated = await driver.refusal(ids.review, review.id, user.leader, {
      ...held,
      actions: [held.actions[0], { ...held.actions[1], dueDate: '2024-12-01' }],
    });
    expect(backDated.message).toContain('actions[1].dueDate');
    await driver.complete(review.id, user.leader, held);

    // Two tasks, one per action, for their owners, due on their dates.
    const first = await driver.task(`${ids.review}/action/1`);
    const second = await driver.task(`${ids.review}/action/2`);
    expect(first).toMatchObject({ kind: 'review-action', assigneeUserId: user.staff('vp-tonghop') });
    expect(second).toMatchObject({ kind: 'review-action', assigneeUserId: user.head('vp-ttpvhcc') });
    expect((await onCycleCalendar(handle, first)).due).toEqual({ date: '2024-12-27', time: '17:00' });
    expect((await onCycleCalendar(handle, second)).due).toEqual({ date: '2025-06-30', time: '17:00' });
    // The cycle shows the review held while its actions are followed up.
    const state = await handle.query('cycleState');
    expect(state).toMatchObject({
      review: { status: 'held', actions: [{ status: 'open' }, { status: 'open' }] },
    });

    expect(
      await driver.refusal(ids.review, first.id, user.staff('vp-tonghop'), { done: 'yes', note: '' }),
    ).toMatchObject({ type: QcycleErrorCode.ValidationFailed });
    await driver.complete(first.id, user.staff('vp-tonghop'), {
      done: true,
      note: 'Sổ theo dõi văn bản đến đã số hóa từ 20/12.',
      evidence: ['Thông báo 12/TB-VP'],
    });

    const result: QualityCycleResult = await handle.result();
    expect(result.status).toBe('closed');

    // The open action expired at the close and is carried forward; the done one is reported done.
    expect(await repo(TaskEntity).findOneByOrFail({ id: second.id })).toMatchObject({ status: 'expired' });
    expect(await repo(EventLogEntryEntity).findOneByOrFail({ id: `${first.id}/reported` })).toMatchObject({
      type: 'review.action-reported',
      actor: user.staff('vp-tonghop'),
      payload: { status: 'done', evidence: ['Thông báo 12/TB-VP'] },
    });
    expect(
      await repo(EventLogEntryEntity).findOneByOrFail({ id: `${ids.review}/actions-carried-forward` }),
    ).toMatchObject({ payload: { actions: [{ actionId: second.id, status: 'open' }] } });

    // Next year's draft: 2025, the decision's objectives, the actions with their status.
    const nextCycleId = input.cycleId.replace(/-2024$/, '-2025');
    const draft = await repo(NextYearDraftEntity).findOneByOrFail({ cycleId: input.cycleId });
    expect(draft).toMatchObject({ nextCycleId, year: 2025, startedAt: null });
    expect(draft.draft.year).toBe(2025);
    expect(draft.draft.objectives.map((o) => o.id)).toEqual(result.decision?.objectives.map((o) => o.id));
    expect(draft.draft.objectives[3].indicators).toEqual(
      JSON.parse(JSON.stringify(result.decision?.objectives[3].indicators).replaceAll('2024', '2025')),
    );
    expect(draft.previousActions).toEqual([
      expect.objectContaining({ actionId: first.id, status: 'done', reportedBy: user.staff('vp-tonghop') }),
      expect.objectContaining({
        actionId: second.id,
        ownerUserId: user.head('vp-ttpvhcc'),
        status: 'open',
        carriedForward: true,
      }),
    ]);

    // The Quality Representative was told.
    const told = await repo(NotificationEntity).findBy({ cycleId: input.cycleId, reason: 'next-year-draft' });
    expect(told).toEqual([expect.objectContaining({ recipientUserId: user.qr })]);
    expect(told[0].subject).toContain('2025');

    // Next year's review lists both, with their status (ISO 9.3.2 a).
    const nextYearInputs = await new QualityRecordActivities(suite.dataSource).compileReviewInputs({
      cycleId: nextCycleId,
    });
    expect(nextYearInputs.previousActions).toEqual({
      status: 'carried-over',
      items: [
        expect.objectContaining({ actionId: first.id, status: 'done' }),
        expect.objectContaining({ actionId: second.id, status: 'open' }),
      ],
    });

    await recordHistories(env.client, 'review-actions-next-year', [ids.workflowId, ids.review]);
  });
});
