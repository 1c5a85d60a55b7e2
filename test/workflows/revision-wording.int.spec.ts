import { QUALITY_CYCLE_WORKFLOW, QcycleErrorCode } from '@qcycle/contracts';
import { DecisionEntity } from '@qcycle/persistence';
import { eventually, uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from './support/cycle-driver';
import { APPROVE, kontumCycle } from './support/cycle-fixtures';
import { startTimeSkippingSuite, type TimeSkippingSuite } from './support/time-skipping-suite';

/** The Law on the Organisation of Local Government of 2025, which replaced 2015's. */
const NEW_LOCAL_GOVERNMENT_LAW = 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;';

/**
 * The leader returns the draft for its words, not its objectives: a law cited has been replaced, and
 * the Department of Home Affairs must receive the decision. The Quality Representative revises the
 * legal bases and the recipients in the revision; a blank basis is refused by its place, as a draft's
 * would be. The next round and the decision carry the words as revised. On the time-skipping server,
 * through the Updates the API sends; records the `revision-revises-wording` histories the replay
 * suite replays.
 */
describe("the decision's words revised with a returned draft, on the time-skipping server", () => {
  let suite: TimeSkippingSuite;
  beforeAll(async () => {
    suite = await startTimeSkippingSuite();
  });
  afterAll(() => suite?.close());

  it('gives the next round and the decision the legal bases and recipients as revised, refusing a blank one', async () => {
    const { input, ids, user } = kontumCycle(`rw-${uniqueSuffix()}`, { rehearsal: true });
    const { env, config, dataSource, driver } = suite;
    await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    const { draft } = input;
    const first = await driver.task(`${ids.approval}/approve/1`);
    // Each round carries the decision's words as that round would issue them: the draft's first.
    const drafted = {
      scope: draft.scope,
      qualityRepresentativeTitle: draft.qualityRepresentativeTitle,
      legalBases: draft.legalBases,
      recipients: draft.recipients,
    };
    expect(first.form).toMatchObject({ round: 1, wording: drafted });
    const comments = 'Cập nhật căn cứ theo Luật Tổ chức chính quyền địa phương năm 2025; gửi Sở Nội vụ.';
    await driver.complete(first.id, user.leader, { decision: 'return', comments });

    const revision = await driver.task(`${ids.approval}/revise/1`);
    expect(revision.form).toMatchObject({ wording: { legalBases: draft.legalBases } });
    const note = 'Đã cập nhật căn cứ và bổ sung nơi nhận Sở Nội vụ.';
    const legalBases = [NEW_LOCAL_GOVERNMENT_LAW, ...draft.legalBases.slice(1)];
    const refused = await driver.refusal(ids.approval, revision.id, user.qr, {
      note,
      legalBases: [NEW_LOCAL_GOVERNMENT_LAW, '  '],
    });
    expect(refused).toMatchObject({
      type: QcycleErrorCode.ValidationFailed,
      message: expect.stringContaining('legalBases[1]'),
    });
    const recipients = [...draft.recipients.slice(0, -1), 'Sở Nội vụ', ...draft.recipients.slice(-1)];
    await driver.complete(revision.id, user.qr, { note, legalBases, recipients });

    // The second round is the draft as revised: its objectives as they were, its words anew, with
    // what the leader asked, what the revision says it changed, and the draft they returned (the
    // page shows what differs from it).
    const second = await driver.task(`${ids.approval}/approve/2`);
    const revised = {
      scope: draft.scope,
      qualityRepresentativeTitle: draft.qualityRepresentativeTitle,
      legalBases,
      recipients,
    };
    expect(second.form).toEqual({
      round: 2,
      objectives: draft.objectives,
      wording: revised,
      lastRound: { comments, note, objectives: draft.objectives, wording: drafted },
    });
    await driver.complete(second.id, user.leader, APPROVE);

    // The decision keeps the words it was approved with.
    const decision = await eventually('the decision on record', () =>
      dataSource
        .getRepository(DecisionEntity)
        .findOneBy({ cycleId: input.cycleId })
        .then((d) => d ?? undefined),
    );
    expect(decision).toMatchObject({ rounds: 2, wording: revised });

    await recordHistories(env.client, 'revision-revises-wording', [ids.approval]);
  });
});
