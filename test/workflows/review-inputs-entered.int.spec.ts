import { openTasksQuery, QcycleErrorCode, type QualityCycleResult } from '@qcycle/contracts';
import {
  REVIEW_INPUT_NOT_ENTERED,
  REVIEW_PREPARATION_WORKING_DAYS,
  addWorkingDays,
  dayOfWeek,
  instantToVnLocal,
} from '@qcycle/domain';
import { EventLogEntryEntity, ManagementReviewEntity, TaskEntity } from '@qcycle/persistence';
import { uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from './support/cycle-driver';
import { sleepUntilCycleDate, startApprovedAndAssigned } from './support/kontum-year';
import { startTimeSkippingSuite, type TimeSkippingSuite } from './support/time-skipping-suite';

/** What the Quality Representative enters before the 2024 review (ISO 9.3.2 b, c 1, c 7, d, e). */
const PREPARATION = {
  changesInIssues: 'Luật Đất đai 2024 có hiệu lực từ 01/8/2024: 14 thủ tục đất đai thay đổi.',
  customerSatisfaction: 'Khảo sát 120 phiếu tại bộ phận một cửa: 96% hài lòng; 2 phản ánh về thời gian chờ.',
  externalProviders: 'Bưu điện tỉnh (dịch vụ bưu chính công ích) trả kết quả đúng hẹn 98% hồ sơ.',
  resources: 'Thiếu một máy quét tại bộ phận một cửa; nhân sự đủ.',
  risksAndOpportunities: 'Rủi ro trễ hạn hồ sơ đất đai: nhắc hạn tự động đã giảm trễ hạn từ 4% xuống 1%.',
  notes: {
    auditResults: 'Điểm không phù hợp duy nhất đã được khắc phục trong tháng 11.',
    monitoringResults: '  ',
  },
};

/**
 * The review pack holds every ISO 9.3.2 input (issue #9): the Quality Representative enters what
 * the records cannot hold in a `review-preparation` task that opens some working days before the
 * review and is due the working day before; the leader's review task opens on the review date
 * with the complete pack, and the review's record holds it (what `GET /cycles/{id}/review` and the
 * minutes show). A preparation never done does not hold the review back: it is closed when the
 * review opens, and those inputs say they were not entered. Rehearsals of 2024 on the
 * time-skipping server with the real worker and PostgreSQL.
 */
describe('the review preparation on the time-skipping server', () => {
  let suite: TimeSkippingSuite;
  beforeAll(async () => {
    suite = await startTimeSkippingSuite();
  });
  afterAll(() => suite?.close());

  const repo = <T extends object>(entity: new () => T) => suite.dataSource.getRepository<T>(entity);

  /** Approved and assigned, then on to Friday 6 December: the preparation opens on Monday 9th. */
  async function startNearTheReview(org: string) {
    const cycle = await startApprovedAndAssigned(suite, org);
    await sleepUntilCycleDate(suite, cycle.handle, '2024-12-06', '12:00');
    return cycle;
  }

  it('gives the leader the inputs the Quality Representative entered, and keeps them in the review record', async () => {
    const { input, ids, user, handle } = await startNearTheReview(`rp-${uniqueSuffix()}`);
    const { driver } = suite;
    const reviewDate = input.calendar.managementReviewDate;

    // The preparation is the Quality Representative's.
    const preparation = await driver.task(`${ids.review}/preparation`);
    expect(preparation).toMatchObject({ kind: 'review-preparation', assigneeUserId: user.qr });
    // It shows what the records say so far, to be noted.
    expect(preparation.form).toMatchObject({ reviewDate, compiled: { auditResults: { audits: 1 } } });
    // The leader's review has not opened yet.
    expect(await repo(TaskEntity).findOneBy({ id: `${ids.review}/review` })).toBeNull();

    // A blank input is refused naming it; so is anyone but the Quality Representative.
    const blank = await driver.refusal(ids.review, preparation.id, user.qr, {
      ...PREPARATION,
      resources: ' ',
    });
    expect(blank).toMatchObject({ type: QcycleErrorCode.ValidationFailed });
    expect(blank.message).toContain('resources');
    expect(await driver.refusal(ids.review, preparation.id, user.leader, PREPARATION)).toMatchObject({
      type: QcycleErrorCode.Forbidden,
    });
    await driver.complete(preparation.id, user.qr, PREPARATION);

    // On the review date the leader's task opens with the complete pack.
    const review = await driver.task(`${ids.review}/review`);
    // A rehearsal moves the calendar by whole weeks: the review (Monday 16 December 2024) opens on a
    // Monday; the preparation opened 5 working days before and was due the working day before (no
    // holiday falls in between).
    const reviewOpened = instantToVnLocal(review.openedAt).date;
    expect(dayOfWeek(reviewOpened)).toBe(dayOfWeek(reviewDate));
    expect(instantToVnLocal(preparation.openedAt).date).toBe(
      addWorkingDays(reviewOpened, -REVIEW_PREPARATION_WORKING_DAYS),
    );
    expect(instantToVnLocal(preparation.dueAt as string).date).toBe(addWorkingDays(reviewOpened, -1));
    const entered = {
      changesInIssues: PREPARATION.changesInIssues,
      customerSatisfaction: PREPARATION.customerSatisfaction,
      externalProviders: PREPARATION.externalProviders,
      resources: PREPARATION.resources,
      risksAndOpportunities: PREPARATION.risksAndOpportunities,
      entered: { status: 'entered', enteredBy: user.qr },
      // Blank notes are left out.
      notes: { auditResults: PREPARATION.notes.auditResults },
    };
    expect(review.form).toMatchObject({ inputs: entered });
    expect((review.form as { inputs: { notes: object } }).inputs.notes).toEqual(entered.notes);

    // The review's record holds them (GET /cycles/{id}/review answers its inputs as recorded).
    expect(await repo(ManagementReviewEntity).findOneByOrFail({ id: ids.review })).toMatchObject({
      status: 'waiting',
      inputs: entered,
    });
    await driver.complete(review.id, user.leader, {
      minutesRef: 'BB-XXLĐ-2024',
      outputs: {
        improvementOpportunities: ['Số hóa hồ sơ đất đai'],
        qmsChanges: [],
        resourceNeeds: ['Máy quét'],
      },
      actions: [],
    });
    const result: QualityCycleResult = await handle.result();
    expect(result.status).toBe('closed');
    expect(await repo(ManagementReviewEntity).findOneByOrFail({ id: ids.review })).toMatchObject({
      status: 'held',
      inputs: entered,
    });
    expect(await repo(TaskEntity).findOneByOrFail({ id: preparation.id })).toMatchObject({
      status: 'completed',
      completedBy: user.qr,
      late: false,
    });

    await recordHistories(suite.env.client, 'review-inputs-entered', [ids.workflowId, ids.review]);
  });

  it('opens the review on its date when the preparation was never done, the inputs "not entered", the preparation closed', async () => {
    const { ids, handle } = await startNearTheReview(`rn-${uniqueSuffix()}`);
    const { driver } = suite;
    const preparation = await driver.task(`${ids.review}/preparation`);

    // Nobody prepares: the review opens on its date all the same.
    const review = await driver.task(`${ids.review}/review`);
    expect(instantToVnLocal(review.openedAt).date).toBe(
      addWorkingDays(instantToVnLocal(preparation.openedAt).date, REVIEW_PREPARATION_WORKING_DAYS),
    );
    const notEntered = {
      changesInIssues: REVIEW_INPUT_NOT_ENTERED,
      customerSatisfaction: REVIEW_INPUT_NOT_ENTERED,
      externalProviders: REVIEW_INPUT_NOT_ENTERED,
      resources: REVIEW_INPUT_NOT_ENTERED,
      risksAndOpportunities: REVIEW_INPUT_NOT_ENTERED,
      entered: { status: 'not-entered' },
    };
    expect(review.form).toMatchObject({ inputs: notEntered });
    expect(await repo(ManagementReviewEntity).findOneByOrFail({ id: ids.review })).toMatchObject({
      inputs: notEntered,
    });

    // The preparation was closed, recorded like every other closed task, and is in nobody's inbox.
    expect(await repo(TaskEntity).findOneByOrFail({ id: preparation.id })).toMatchObject({
      status: 'expired',
    });
    expect(
      await repo(EventLogEntryEntity).findOneByOrFail({ id: `${preparation.id}/expired` }),
    ).toMatchObject({
      type: 'task.expired',
      actor: 'system',
    });
    // The review workflow holds the review open, the preparation no longer.
    const open = await suite.env.client.workflow.getHandle(ids.review).query(openTasksQuery);
    expect(open.map((task) => task.taskId)).toEqual([review.id]);

    await handle.cancel();
  });
});
