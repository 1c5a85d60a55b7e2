import { eventually, uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';
import { APPROVAL } from './support/year-over-http';
import { octoberAuditPlan } from './support/year-fixtures';

interface Refusal {
  code: string;
  details: { fields?: Record<string, string[]>; problems?: { path: string; reason: string }[] };
}

interface TaskDetail extends TaskSummary {
  completedBy: string | null;
  history: { type: string; actor: string; payload: Record<string, unknown> }[];
}

/**
 * Reassignment to the organisation's directory as it is now, not only to the roster frozen when the
 * year started: someone who joined since can be given a task and complete it; a leader who replaced
 * the year's signer gets the objectives' approval and the year goes on. The rules still hold, on the
 * directory's facts: a leader for the leader's tasks, an auditor from another unit for an audit
 * step, an active person of the organisation — and a refusal records nothing.
 * Real API and worker, PostgreSQL, the Temporal dev server; people act over HTTP only.
 */
describe('reassigning a task to someone of the directory now (real API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  /** The year whose leader is replaced after the start. */
  let org: DemoOrganisation;
  /** Another organisation, whose year is rehearsed from October: its audit is under way at once. */
  let auditOrg: DemoOrganisation;
  const organisationCode = `kt-${uniqueSuffix()}`;
  const auditOrganisationCode = `kt-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  let approval: TaskSummary;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true });
    org = await suite.seedDemoOrganisation(organisationCode);
    auditOrg = await suite.seedDemoOrganisation(auditOrganisationCode);
    await Promise.all(
      ['admin', 'leader', 'qmr', 'head.tthc', 'staff.tthc'].map((local) => org.tokenOf(local)),
    );
    approval = await org.startRehearsal();
  });

  afterAll(async () => {
    await suite?.close({
      endCycles: [organisationCode, auditOrganisationCode].map((code) => ({
        organisationCode: code,
        year: 2024,
      })),
    });
  });

  const reassign = (organisation: DemoOrganisation, as: string, taskId: string, toUserId: string) =>
    organisation.as<Refusal & { taskId: string; assigneeUserId: string }>(
      as,
      'POST',
      taskPath(taskId, '/reassign'),
      { toUserId, reason: 'Thay đổi nhân sự trong năm' },
    );

  const detailOf = (organisation: DemoOrganisation, as: string, taskId: string) =>
    organisation.as<TaskDetail>(as, 'GET', taskPath(taskId)).then((answer) => answer.body);

  /** The task as it was: still its assignee's, no `task.reassigned` in its history. */
  async function expectNothingRecorded(organisation: DemoOrganisation, taskId: string, assignee: string) {
    const detail = await detailOf(organisation, 'qmr', taskId);
    expect(detail.assigneeUserId).toBe(assignee);
    expect(detail.history.map((h) => h.type)).not.toContain('task.reassigned');
  }

  it('refuses for the leader’s approval someone inactive, of another organisation, or not a leader, with 422 naming toUserId, and records nothing', async () => {
    // Someone who left: in the directory, deactivated.
    const leftId = await org.join('leader.left', {
      fullName: 'Hồ Văn Lâm',
      title: 'Phó Chủ tịch UBND tỉnh',
      roles: [{ role: 'leader' }],
    });
    expect((await org.as('admin', 'PATCH', `/api/v1/users/${leftId}`, { active: false })).status).toBe(200);
    const inactive = await reassign(org, 'qmr', approval.id, leftId);
    expect(inactive.status).toBe(422);
    expect(inactive.body.code).toBe('RULE_VIOLATED');
    expect(Object.keys(inactive.body.details.fields ?? {})).toEqual(['toUserId']);

    // The other organisation's leader.
    await auditOrg.tokenOf('leader');
    const elsewhere = await reassign(org, 'qmr', approval.id, auditOrg.idOf('leader'));
    expect(elsewhere.status).toBe(422);
    expect(Object.keys(elsewhere.body.details.fields ?? {})).toEqual(['toUserId']);

    // An active member of the organisation who is no leader: the workflow's rule.
    const notALeader = await reassign(org, 'qmr', approval.id, org.idOf('staff.tthc'));
    expect(notALeader.status).toBe(422);
    expect(notALeader.body.code).toBe('RULE_VIOLATED');
    expect(notALeader.body.details.problems).toEqual([
      expect.objectContaining({ path: 'toUserId', reason: expect.stringContaining('Chỉ lãnh đạo') }),
    ]);

    await expectNothingRecorded(org, approval.id, org.idOf('leader'));
    expect(await org.inbox('staff.tthc', 'objectives-approval')).toEqual([]);
  });

  it('gives the objectives’ approval to a leader who replaced the year’s signer, who approves it, and the year goes on', async () => {
    const newLeader = { fullName: 'Lê Thị Hạnh', title: 'Phó Chủ tịch UBND tỉnh' };
    const newLeaderId = await org.join('leader.new', { ...newLeader, roles: [{ role: 'leader' }] });
    // The leader the year started with leaves.
    expect(
      (await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('leader')}`, { active: false })).status,
    ).toBe(200);

    const moved = await reassign(org, 'qmr', approval.id, newLeaderId);
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ taskId: approval.id, assigneeUserId: newLeaderId });
    expect((await org.waitForTask('leader.new', 'objectives-approval')).id).toBe(approval.id);
    const detail = await detailOf(org, 'leader.new', approval.id);
    expect(detail.history.find((h) => h.type === 'task.reassigned')?.payload).toMatchObject({
      from: org.idOf('leader'),
      to: newLeaderId,
    });
    const notice = await eventually('the new leader’s notice', async () => {
      const mine = await org.as<{ items: { taskId: string; reason: string }[] }>(
        'leader.new',
        'GET',
        '/api/v1/me/notifications',
      );
      return mine.body.items.find((n) => n.taskId === approval.id && n.reason === 'reassigned');
    });
    expect(notice).toBeDefined();

    const approved = await org.as('leader.new', 'POST', taskPath(approval.id, '/complete'), {
      outcome: APPROVAL,
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'completed', completedBy: newLeaderId });
    const decision = await eventually('the decision', async () => {
      const answer = await org.as('qmr', 'GET', `/api/v1/cycles/${cycleId}/decision`);
      return answer.status === 200 ? answer.body : undefined;
    });
    // The decision names who signed it, from the directory: not the leader who left.
    expect(decision).toMatchObject({
      documentNumber: APPROVAL.documentNumber,
      signedBy: newLeaderId,
      signerName: newLeader.fullName,
      signerTitle: newLeader.title,
    });
    // The year goes on: the Chief of Office is given the objectives to delegate.
    await org.waitForTask('qmr', 'assignment-acceptance');
  });

  it('gives a unit’s task to a staff member who joined after the year started, who completes it', async () => {
    const assignment = await org.waitForTask('qmr', 'assignment-acceptance');
    const form = await detailOf(org, 'qmr', assignment.id);
    const delegations = (
      form as unknown as { form: { objectives: { id: string; proposedUnitCode: string }[] } }
    ).form.objectives.map((o) => ({ objectiveId: o.id, unitCode: o.proposedUnitCode }));
    expect(
      (
        await org.as('qmr', 'POST', taskPath(assignment.id, '/complete'), {
          outcome: { accepted: true, delegations },
        })
      ).status,
    ).toBe(200);
    const acceptance = await org.waitForTask('head.tthc', 'unit-acceptance');

    const newcomerId = await org.join('staff.new', {
      fullName: 'Đinh Thị Mai',
      title: 'Chuyên viên',
      unitCode: 'vp-kiemsoat-tthc',
      roles: [{ role: 'staff' }],
    });
    // The unit head hands it over.
    const moved = await reassign(org, 'head.tthc', acceptance.id, newcomerId);
    expect(moved.status).toBe(200);
    expect(moved.body.assigneeUserId).toBe(newcomerId);
    expect((await org.waitForTask('staff.new', 'unit-acceptance')).id).toBe(acceptance.id);

    const done = await org.as('staff.new', 'POST', taskPath(acceptance.id, '/complete'), {
      outcome: { accepted: true },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', completedBy: newcomerId });
    const detail = await detailOf(org, 'head.tthc', acceptance.id);
    expect(detail).toMatchObject({
      status: 'completed',
      assigneeUserId: newcomerId,
      completedBy: newcomerId,
    });
    expect(detail.delegateUserIds).toContain(org.idOf('head.tthc'));
    expect(detail.history.find((h) => h.type === 'task.reassigned')).toMatchObject({
      actor: org.idOf('head.tthc'),
      payload: { to: newcomerId },
    });
  });

  it('lets a unit head who took over during the year hand over their unit’s task, and not another unit’s', async () => {
    // After the assignment above: each unit's acceptance is with its head as the year started.
    const acceptance = await org.waitForTask('head.tonghop', 'unit-acceptance');
    const successorId = await org.join('head.tonghop.new', {
      fullName: 'Trịnh Văn Quang',
      title: 'Trưởng phòng Tổng hợp',
      unitCode: 'vp-tonghop',
      roles: [{ role: 'unit-head', unitCode: 'vp-tonghop' }],
    });
    await org.tokenOf('staff.tonghop');
    const moved = await reassign(org, 'head.tonghop.new', acceptance.id, org.idOf('staff.tonghop'));
    expect(moved.status).toBe(200);
    expect((await org.waitForTask('staff.tonghop', 'unit-acceptance')).id).toBe(acceptance.id);
    expect(
      (await detailOf(org, 'qmr', acceptance.id)).history.find((h) => h.type === 'task.reassigned'),
    ).toMatchObject({
      actor: successorId,
    });

    // Heading one unit gives no say over another's (the Quality Representative stands in for the
    // heads of the units that have none).
    const elsewhere = (await org.inbox('qmr', 'unit-acceptance')).find((t) => t.unitCode !== 'vp-tonghop');
    if (!elsewhere) throw new Error('no unit acceptance of another unit is open');
    const refused = await reassign(org, 'head.tonghop.new', elsewhere.id, successorId);
    expect(refused.status).toBe(403);
    await expectNothingRecorded(org, elsewhere.id, elsewhere.assigneeUserId);
  });

  it('gives an audit step only to an auditor from another unit than the audited one, who may have joined since', async () => {
    await Promise.all(
      [
        'admin',
        'leader',
        'qmr',
        'head.tthc',
        'head.tonghop',
        'lead.auditor',
        'auditor.hcth',
        'auditor.kinhte',
      ].map((local) => auditOrg.tokenOf(local)),
    );
    const complete = (local: string, taskId: string, outcome: unknown) =>
      auditOrg.as(local, 'POST', taskPath(taskId, '/complete'), { outcome });
    // A rehearsal from October: the audit window is open once the objectives are assigned.
    const started = await auditOrg.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode: auditOrganisationCode,
      year: 2024,
      rehearsal: true,
      rehearsalFrom: '2024-10-02',
    });
    expect(started.status).toBe(201);
    const toApprove = await auditOrg.waitForTask('leader', 'objectives-approval');
    expect((await complete('leader', toApprove.id, APPROVAL)).status).toBe(200);
    const assignment = await auditOrg.waitForTask('qmr', 'assignment-acceptance');
    const form = await detailOf(auditOrg, 'qmr', assignment.id);
    const delegations = (
      form as unknown as { form: { objectives: { id: string; proposedUnitCode: string }[] } }
    ).form.objectives.map((o) => ({ objectiveId: o.id, unitCode: o.proposedUnitCode }));
    expect((await complete('qmr', assignment.id, { accepted: true, delegations })).status).toBe(200);
    for (const head of ['head.tthc', 'head.tonghop', 'qmr']) {
      const acceptance = await auditOrg.waitForTask(head, 'unit-acceptance');
      expect((await complete(head, acceptance.id, { accepted: true })).status).toBe(200);
    }
    const plan = await auditOrg.waitForTask('lead.auditor', 'audit-plan');
    expect((await complete('lead.auditor', plan.id, octoberAuditPlan(auditOrg))).status).toBe(200);
    // s1 audits vp-tonghop, given to Trang (vp-hanhchinh-tochuc).
    const step = await auditOrg.waitForTask('auditor.hcth', 'audit-step');
    expect(step).toMatchObject({ unitCode: 'vp-tonghop', assigneeUserId: auditOrg.idOf('auditor.hcth') });

    // Auditors who joined after the year started: one works in the audited unit, one elsewhere.
    const ownUnitAuditor = await auditOrg.join('auditor.tonghop', {
      fullName: 'Nông Văn Bình',
      unitCode: 'vp-tonghop',
      roles: [{ role: 'auditor' }],
    });
    const otherUnitAuditor = await auditOrg.join('auditor.kiemsoat', {
      fullName: 'Y Thị Nguyệt',
      unitCode: 'vp-kiemsoat-tthc',
      roles: [{ role: 'auditor' }],
    });
    const refused = await reassign(auditOrg, 'qmr', step.id, ownUnitAuditor);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('RULE_VIOLATED');
    expect(refused.body.details.problems).toEqual([
      expect.objectContaining({
        path: 'toUserId',
        reason: expect.stringContaining('không thuộc đơn vị được đánh giá'),
      }),
    ]);
    // Not an auditor at all.
    const notAnAuditor = await reassign(auditOrg, 'qmr', step.id, auditOrg.idOf('head.tthc'));
    expect(notAnAuditor.status).toBe(422);
    expect(notAnAuditor.body.details.problems?.map((p) => p.path)).toEqual(['toUserId']);
    await expectNothingRecorded(auditOrg, step.id, auditOrg.idOf('auditor.hcth'));

    const moved = await reassign(auditOrg, 'qmr', step.id, otherUnitAuditor);
    expect(moved.status).toBe(200);
    const signedOff = await auditOrg.as(
      'auditor.kiemsoat',
      'POST',
      `/api/v1/cycles/${auditOrganisationCode}-2024/audit/steps/s1/sign-off`,
      { result: 'conformity', evidence: ['Sổ theo dõi nhiệm vụ trọng tâm'] },
    );
    expect(signedOff.status).toBe(200);
    expect(signedOff.body).toMatchObject({ status: 'completed', completedBy: otherUnitAuditor });
  });
});
