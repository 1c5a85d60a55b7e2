import { QUALITY_CYCLE_WORKFLOW, QcycleErrorCode } from '@qcycle/contracts';
import {
  DecisionEntity,
  EventLogEntryEntity,
  EvidenceFileEntity,
  ManagementReviewEntity,
  NotificationEntity,
  TaskEntity,
} from '@qcycle/persistence';
import { randomUUID } from 'node:crypto';
import { evidenceReference } from '@qcycle/contracts';
import { eventually, uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from './support/cycle-driver';
import { kontumCycle } from './support/cycle-fixtures';
import { sleepUntilCycleDate, startApprovedAndAssigned } from './support/kontum-year';
import { startTimeSkippingSuite, type TimeSkippingSuite } from './support/time-skipping-suite';

/**
 * A leader who signs on paper and never signs in: the Quality Representative enters what the leader
 * wrote on the printed draft, then the decision the leader signed, its number and day; at the year's
 * end, the minutes of the management review the leader chaired and signed. The decision and the
 * review are the leader's, entered by the Quality Representative; nobody else may enter them, and
 * the Quality Representative may not answer for the leader without saying it was given on paper.
 * On the time-skipping server, through the Updates the API sends.
 */
describe('answers the leader gave on paper, entered by the Quality Representative', () => {
  let suite: TimeSkippingSuite;
  /**
   * A scan on a task's record, as the API's upload leaves it (the Updates here come without the API,
   * which checks a reference is on the record): its reference.
   */
  const scanOn = async (cycleId: string, recordType: string, recordKey: string, fileName: string) => {
    const id = randomUUID();
    await suite.dataSource.getRepository(EvidenceFileEntity).insert({
      id,
      organisationCode: cycleId.replace(/-\d{4}$/, ''),
      cycleId,
      recordType,
      recordKey,
      sha256: 'a'.repeat(64),
      size: 100,
      contentType: 'application/pdf',
      fileName,
      uploadedBy: 'qr',
      uploadedAt: new Date().toISOString(),
    });
    return evidenceReference(id);
  };
  beforeAll(async () => {
    suite = await startTimeSkippingSuite();
  });
  afterAll(() => suite?.close());

  it("records the leader's comments and signed decision as theirs, entered by the Quality Representative", async () => {
    const { input, ids, user, roster } = kontumCycle(`op-${uniqueSuffix()}`, { rehearsal: true });
    const { env, config, dataSource, driver } = suite;
    await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });

    // Round 1: the leader wrote their comments on the printed draft, and never signed in: the
    // overdue approval is escalated to the Quality Representative, told they may enter it.
    const first = await driver.task(`${ids.approval}/approve/1`);
    await suite.env.sleep('10 days');
    const escalation = await eventually('the escalation to the Quality Representative', () =>
      dataSource
        .getRepository(NotificationEntity)
        .findOneBy({ taskId: first.id, reason: 'escalated', recipientUserId: user.qr })
        .then((n) => n ?? undefined),
    );
    expect(escalation.body).toContain(
      'Nếu lãnh đạo đã cho ý kiến trên giấy (ký quyết định, ký biên bản họp hoặc ghi ý kiến vào dự thảo in), ông/bà ghi nhận thay trên trang của việc.',
    );
    const comments = 'Bổ sung thời gian hoàn thành theo quý cho mục tiêu 4.';
    const forbidden = { type: QcycleErrorCode.Forbidden };
    // Not without saying it was given on paper, and nobody but the Quality Representative.
    expect(
      await driver.refusal(ids.approval, first.id, user.qr, { decision: 'return', comments }),
    ).toMatchObject(forbidden);
    expect(
      await driver.refusal(ids.approval, first.id, user.head('vp-tonghop'), {
        decision: 'return',
        comments,
        onPaper: true,
      }),
    ).toMatchObject(forbidden);
    // A malformed "given on paper" is the answer's fault, named, not the sender's.
    expect(
      await driver.refusal(ids.approval, first.id, user.qr, { decision: 'return', comments, onPaper: 'yes' }),
    ).toMatchObject({ type: QcycleErrorCode.ValidationFailed, message: expect.stringContaining('onPaper') });
    // With the scan of the draft the leader wrote on.
    const annotated = await scanOn(input.cycleId, 'approval', first.id, 'Dự thảo có ý kiến.pdf');
    await driver.complete(first.id, user.qr, {
      decision: 'return',
      comments,
      onPaper: true,
      evidence: [annotated],
    });
    // The leader is told what was entered in their name, by whom, to check it against the paper.
    const told = (taskId: string) =>
      eventually('the leader told of the answer entered', () =>
        dataSource
          .getRepository(NotificationEntity)
          .findOneBy({ taskId, reason: 'entered-on-paper' })
          .then((n) => n ?? undefined),
      );
    const returnedNotice = await told(first.id);
    expect(returnedNotice.recipientUserId).toBe(user.leader);
    expect(returnedNotice.body).toContain(`Người ghi nhận: ${roster.qualityRepresentative.name}`);
    expect(returnedNotice.body).toContain(
      `Ý kiến: Trả lại dự thảo để chỉnh sửa\nNội dung ý kiến:\n${comments}\nKèm theo: Dự thảo có ý kiến.pdf`,
    );
    // The revision reads the comments beside the draft they were written on.
    const revision = await driver.task(`${ids.approval}/revise/1`);
    expect(revision.form).toMatchObject({ round: 1, comments, evidence: [annotated] });
    await driver.complete(revision.id, user.qr, { note: 'Đã bổ sung thời gian theo quý.' });

    // Round 2: the leader signed the printed decision on 5 January; entering it needs that day.
    const second = await driver.task(`${ids.approval}/approve/2`);
    const signed = { decision: 'approve', documentNumber: '12/QĐ-UBND', onPaper: true };
    expect(await driver.refusal(ids.approval, second.id, user.qr, signed)).toMatchObject({
      type: QcycleErrorCode.ValidationFailed,
      message: expect.stringContaining('signingDate'),
    });
    // Entered long after the round's due date: on time all the same, by the day it was signed.
    await suite.env.sleep('15 days');
    await driver.complete(second.id, user.qr, { ...signed, signingDate: '2024-01-05' });
    const secondRecord = await dataSource.getRepository(TaskEntity).findOneByOrFail({ id: second.id });
    expect(Date.parse(secondRecord.closedAt as string)).toBeGreaterThan(
      Date.parse(secondRecord.dueAt as string),
    );
    expect(secondRecord.late).toBe(false);
    const signedNotice = await told(second.id);
    expect(signedNotice.recipientUserId).toBe(user.leader);
    expect(signedNotice.body).toContain('Ý kiến: Phê duyệt\nQuyết định số 12/QĐ-UBND, ký ngày 05/01/2024');
    // The approval's deadline leaves the leader's calendar.
    expect(signedNotice.calendar).toContain('METHOD:CANCEL');

    const decision = await eventually('the decision on record', () =>
      dataSource
        .getRepository(DecisionEntity)
        .findOneBy({ cycleId: input.cycleId })
        .then((d) => d ?? undefined),
    );
    expect(decision).toMatchObject({
      documentNumber: '12/QĐ-UBND',
      signerName: roster.leader.name,
      signerTitle: roster.leader.title,
      signedBy: user.leader,
      enteredBy: user.qr,
      signingDate: '2024-01-05',
      effectiveDate: '2024-01-05',
      rounds: 2,
    });
    // The year's log says who entered it; the year goes on to its assignment.
    const approved = await dataSource
      .getRepository(EventLogEntryEntity)
      .findOneByOrFail({ cycleId: input.cycleId, type: 'objectives.approved' });
    expect(approved).toMatchObject({
      actor: user.qr,
      payload: { documentNumber: '12/QĐ-UBND', signingDate: '2024-01-05', signedBy: user.leader },
    });
    const assignment = await driver.task(`${ids.assignment}/accept`);
    expect(assignment.assigneeUserId).toBe(user.qr);
    await recordHistories(env.client, 'paper-answer-told', [ids.workflowId, ids.approval]);
  });

  it('records the management review the leader chaired and signed on paper as chaired by the leader', async () => {
    const { input, ids, user, handle } = await startApprovedAndAssigned(suite, `or-${uniqueSuffix()}`);
    const { dataSource, driver } = suite;
    // Nobody prepares the inputs: the review opens on its date all the same.
    await sleepUntilCycleDate(suite, handle, '2024-12-06', '12:00');
    const review = await driver.task(`${ids.review}/review`);
    expect(review.assigneeUserId).toBe(user.leader);
    const minutes = {
      minutesRef: 'BB-XXLĐ-2024',
      outputs: { improvementOpportunities: ['Số hóa hồ sơ đất đai'], qmsChanges: [], resourceNeeds: [] },
      actions: [],
      qmsJudgement: { achieved: true, notes: 'Hệ thống được duy trì.' },
    };
    const forbidden = { type: QcycleErrorCode.Forbidden };
    expect(await driver.refusal(ids.review, review.id, user.qr, minutes)).toMatchObject(forbidden);
    expect(
      await driver.refusal(ids.review, review.id, user.head('vp-tonghop'), { ...minutes, onPaper: true }),
    ).toMatchObject(forbidden);
    // The day on the minutes, not the day they are entered: without it, refused by that field.
    expect(await driver.refusal(ids.review, review.id, user.qr, { ...minutes, onPaper: true })).toMatchObject(
      {
        type: QcycleErrorCode.ValidationFailed,
        message: expect.stringContaining('heldOn'),
      },
    );
    // Entered after the review's day (16 December): the meeting, held on the 13th, was on time.
    await sleepUntilCycleDate(suite, handle, '2024-12-18', '09:00');
    const signedMinutes = await scanOn(input.cycleId, 'review', review.id, 'Biên bản họp đã ký.pdf');
    await driver.complete(review.id, user.qr, {
      ...minutes,
      onPaper: true,
      heldOn: '2024-12-13',
      evidence: [signedMinutes],
    });
    const reviewRecord = await dataSource.getRepository(TaskEntity).findOneByOrFail({ id: review.id });
    expect(Date.parse(reviewRecord.closedAt as string)).toBeGreaterThan(
      Date.parse(reviewRecord.dueAt as string),
    );
    expect(reviewRecord.late).toBe(false);
    const reviewNotice = await eventually('the leader told of the minutes entered', () =>
      dataSource
        .getRepository(NotificationEntity)
        .findOneBy({ taskId: review.id, reason: 'entered-on-paper' })
        .then((n) => n ?? undefined),
    );
    expect(reviewNotice.recipientUserId).toBe(user.leader);
    expect(reviewNotice.body).toContain(
      'Biên bản họp BB-XXLĐ-2024, họp ngày 13/12/2024\nKèm theo: Biên bản họp đã ký.pdf',
    );

    // The leader chaired, and judged objective 1; the log says who entered the minutes.
    const held = await eventually('the review held', () =>
      dataSource
        .getRepository(ManagementReviewEntity)
        .findOneBy({ id: ids.review, status: 'held' })
        .then((r) => r ?? undefined),
    );
    expect(held).toMatchObject({
      chairedBy: user.leader,
      minutesRef: 'BB-XXLĐ-2024',
      outputs: { heldOn: '2024-12-13', qmsJudgement: { achieved: true, judgedBy: user.leader } },
    });
    expect(
      await dataSource.getRepository(EventLogEntryEntity).findOneByOrFail({ id: `${ids.review}/held` }),
    ).toMatchObject({ actor: user.qr, payload: { minutesRef: 'BB-XXLĐ-2024', chairedBy: user.leader } });
    await handle.cancel();
  });
});
