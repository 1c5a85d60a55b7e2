import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { childWorkflowIds, qualityCycleWorkflowId } from '@qcycle/contracts';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from '../workflows/support/cycle-driver';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import { rehearsalInItsAudit, YearOverHttp } from './support/year-over-http';

type Handover = {
  handedOver: { taskId: string }[];
  refused: unknown[];
  unitsTakenOver: string[];
  rolesTakenOver: string[];
};
type Event = { type: string; actor: string; requestId: string | null; payload: Record<string, unknown> };

/**
 * The Chief of Office who is posted elsewhere in January, and the Vice-Chairman who moves in spring,
 * hand the year's roles on: their successors are the year's Quality Representative and leader for the rest of
 * it. The new Chief of Office may raise a nonconformity and move the review; the monthly report of
 * the service centre, which the Chief of Office stood in for, opens for him; the overdue notices of a
 * corrective action plan go to him and to the new leader, not to those who left.
 * Real API and worker, PostgreSQL, the Temporal time-skipping server; people act over HTTP only.
 */
describe("the year's roles taken over during the year (API, worker, PostgreSQL, time-skipping Temporal)", () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  let chiefId: string;
  let viceChairId: string;
  let nonconformityId: string;
  let earlierId: string;
  const organisationCode = `kt-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const workflowId = qualityCycleWorkflowId(organisationCode, 2024);
  const handovers = `/api/v1/cycles/${cycleId}/handovers`;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
    await Promise.all(
      ['admin', 'leader', 'qmr', 'head.tthc', 'head.tonghop', 'lead.auditor'].map((local) =>
        org.tokenOf(local),
      ),
    );
    await year.start(organisationCode);
    await year.approve();
    await year.assignAsProposed();
    // The Chief of Office keeps the service centre's monthly objective 4 (the centre has no head).
    await year.acceptUnits();
    chiefId = await org.join('qmr.new', {
      fullName: 'Lê Minh Tuấn',
      title: 'Chánh Văn phòng',
      roles: [{ role: 'quality-representative' }],
    });
  });

  afterAll(() => suite?.close());

  const events = async (type: string) =>
    (
      await org.as<{ items: Event[] }>(
        'qmr.new',
        'GET',
        `/api/v1/cycles/${cycleId}/events?type=${type}&limit=100`,
      )
    ).body.items;
  const raise = (local: string, unitCode: string, description: string) =>
    org.as<{ id: string }>(local, 'POST', `/api/v1/cycles/${cycleId}/nonconformities`, {
      source: 'complaint',
      description,
      unitCode,
      severity: 'minor-nc',
    });

  it("gives the Quality Representative's role to the new Chief of Office, with the units he stood in for, recorded once", async () => {
    // Before the hand-over the year's Quality Representative is still Việt: the newcomer may not act as one.
    const tooEarly = await raise('qmr.new', 'vp-tonghop', 'Báo cáo tháng 1 gửi chậm.');
    expect(tooEarly.status).toBe(403);
    // Việt raises one himself, which he is to verify.
    const before = await raise(
      'qmr',
      'vp-kiemsoat-tthc',
      'Hồ sơ trả lại công dân không nêu lý do bằng văn bản.',
    );
    expect(before.status).toBe(201);
    earlierId = before.body.id;
    // Nor does handing over his tasks while he is away (he still holds the role in the directory).
    const away = await org.as<Handover>('qmr.new', 'POST', handovers, {
      fromUserId: org.idOf('qmr'),
      toUserId: chiefId,
      reason: 'Đồng chí Việt đi học hai tuần',
    });
    expect(away.status).toBe(200);
    expect(away.body).toMatchObject({ rolesTakenOver: [], unitsTakenOver: [] });

    // Việt is posted elsewhere in the province: still in the directory, no longer Quality Representative.
    await org.revokeRole('qmr', 'quality-representative');
    const requestId = `handover-${uniqueSuffix()}`;
    const send = async () =>
      org.http.call<Handover>('POST', handovers, {
        token: await org.tokenOf('qmr.new'),
        body: {
          fromUserId: org.idOf('qmr'),
          toUserId: chiefId,
          reason: 'Đồng chí Việt được điều động sang công tác khác từ ngày 15/01/2024',
        },
        headers: { 'x-request-id': requestId },
      });
    const moved = await send();
    expect(moved.status).toBe(200);
    expect(moved.body.rolesTakenOver).toEqual(['quality-representative']);
    // The four units without a head of their own, whose work he held in Việt's place.
    const standIns = ['vp-hanhchinh-tochuc', 'vp-khoagiao-vanxa', 'vp-kinhte', 'vp-ttpvhcc'];
    expect([...moved.body.unitsTakenOver].sort()).toEqual(standIns);
    const again = await send();
    expect(again.body).toMatchObject({ rolesTakenOver: ['quality-representative'] });

    expect(await events('cycle.role-moved')).toEqual([
      expect.objectContaining({
        actor: chiefId,
        requestId,
        payload: expect.objectContaining({
          role: 'quality-representative',
          from: org.idOf('qmr'),
          to: chiefId,
          reason: 'Đồng chí Việt được điều động sang công tác khác từ ngày 15/01/2024',
        }),
      }),
    ]);
    const cycle = await org.as<{
      live: {
        roles: { role: string; holderUserId: string }[];
        unitWork: { unitCode: string; holderUserId: string }[];
      };
    }>('qmr.new', 'GET', `/api/v1/cycles/${cycleId}`);
    expect(cycle.body.live.roles).toEqual([
      { role: 'quality-representative', holderUserId: chiefId },
      { role: 'leader', holderUserId: org.idOf('leader') },
      { role: 'lead-auditor', holderUserId: org.idOf('lead.auditor') },
    ]);
    expect(cycle.body.live.unitWork).toEqual(
      expect.arrayContaining(standIns.map((unitCode) => ({ unitCode, holderUserId: chiefId }))),
    );
  });

  it('lets the new Chief of Office act as the Quality Representative', async () => {
    const raised = await raise('qmr.new', 'vp-tonghop', 'Báo cáo tháng 1 gửi chậm, không nêu lý do.');
    expect(raised.status).toBe(201);
    nonconformityId = raised.body.id;
    expect(await year.taskOf('head.tonghop', 'corrective-action-plan')).toMatchObject({
      id: `${nonconformityId}/plan/1`,
    });
    // The one Việt raised and was to verify is the new Chief of Office's to verify once planned.
    const plan = await year.taskOf('head.tthc', 'corrective-action-plan', 0, (task) =>
      task.id.startsWith(`${earlierId}/`),
    );
    const planned = await year.complete('head.tthc', plan.id, {
      correction: 'Gửi văn bản nêu lý do cho công dân.',
      rootCause: 'Chưa có mẫu phiếu từ chối hồ sơ.',
      action: 'Ban hành mẫu phiếu từ chối, hướng dẫn bộ phận một cửa.',
      ownerUserId: org.idOf('head.tthc'),
      dueDate: '2024-02-28',
    });
    expect(planned.status).toBe(200);
    expect(
      await year.taskOf('qmr.new', 'corrective-action-verification', 0, (task) =>
        task.id.startsWith(`${earlierId}/`),
      ),
    ).toMatchObject({ id: `${earlierId}/verify/1`, assigneeUserId: chiefId });

    const review = await org.as('qmr.new', 'POST', `/api/v1/cycles/${cycleId}/dates`, {
      reviewDate: '2024-12-19',
      reason: 'Lịch công tác của Ủy ban tháng 12',
    });
    expect(review.status).toBe(200);
  });

  it("gives the leader's role to the new Vice-Chairman when the one who left had no task open", async () => {
    viceChairId = await org.join('leader.new', {
      fullName: 'Y Ngọc',
      title: 'Phó Chủ tịch Ủy ban nhân dân tỉnh',
      roles: [{ role: 'leader' }],
    });
    expect(
      (await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('leader')}`, { active: false })).status,
    ).toBe(200);
    const moved = await org.as<Handover>('qmr.new', 'POST', handovers, {
      fromUserId: org.idOf('leader'),
      toUserId: viceChairId,
      reason: 'Đồng chí Tháp chuyển công tác từ tháng 2/2024',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ handedOver: [], rolesTakenOver: ['leader'], unitsTakenOver: [] });
    const cycle = await org.as<{ live: { roles: { role: string; holderUserId: string }[] } }>(
      'qmr.new',
      'GET',
      `/api/v1/cycles/${cycleId}`,
    );
    expect(cycle.body.live.roles).toEqual([
      { role: 'quality-representative', holderUserId: chiefId },
      { role: 'leader', holderUserId: viceChairId },
      { role: 'lead-auditor', holderUserId: org.idOf('lead.auditor') },
    ]);
  });

  it('opens what the year gives its roles later for their new holders, and sends them the overdue notices', async () => {
    // Nam does not plan: the plan's escalations go up, to whoever holds each role now — the action
    // was running when the leader's role moved.
    const escalated = await year.eventually(
      'both escalations of the plan',
      async () => {
        const plan = (await events('task.escalated')).filter(
          (event) => event.payload.taskId === `${nonconformityId}/plan/1`,
        );
        return plan.length >= 2 ? plan : undefined;
      },
      60,
    );
    expect(escalated.map((event) => [event.payload.level, event.payload.recipientUserId]).sort()).toEqual(
      [
        ['leader', viceChairId],
        ['quality-representative', chiefId],
      ].sort(),
    );

    // January's report of the service centre, which Việt kept for the centre, opens for his successor.
    const january = await year.taskOf(
      'qmr.new',
      'measurement-report',
      45,
      (task) => task.objectiveId === 'obj-4',
    );
    expect(january).toMatchObject({ periodKey: '2024-01', assigneeUserId: chiefId });
    // Reminded as its reporter, not Việt (who is still in the directory, and would read it).
    const reminder = await year.eventually(
      "the January report's reminder",
      async () => (await events('task.reminded')).find((event) => event.payload.taskId === january.id),
      10,
    );
    expect(reminder.payload.recipientUserId).toBe(chiefId);

    await recordHistories(env.client, 'role-moves', [
      workflowId,
      childWorkflowIds.monitoring(workflowId, 'obj-4'),
      earlierId,
      nonconformityId,
    ]);
  });
  it("gives the next approval round to the Chairman who took the leader's role over while the draft was being revised", async () => {
    // Another province, its 2024 draft returned by its leader for revision.
    const code = `kt-${uniqueSuffix()}`;
    const province = await suite.seedDemoOrganisation(code);
    const itsYear = new YearOverHttp(province, env);
    await Promise.all(['admin', 'leader', 'qmr'].map((local) => province.tokenOf(local)));
    await itsYear.start(code);
    const first = await itsYear.taskOf('leader', 'objectives-approval');
    const returned = await itsYear.complete('leader', first.id, {
      decision: 'return',
      comments: 'Bổ sung chỉ tiêu cải cách hành chính',
    });
    expect(returned.status).toBe(200);
    const revision = await itsYear.taskOf('qmr', 'objectives-revision');

    // The Vice-Chairman who was to sign moves; the new Chairman signs instead.
    const chairmanId = await province.join('chairman.new', {
      fullName: 'Nguyễn Văn Hòa',
      title: 'Chủ tịch Ủy ban nhân dân tỉnh',
      roles: [{ role: 'leader' }],
    });
    expect(
      (await province.as('admin', 'PATCH', `/api/v1/users/${province.idOf('leader')}`, { active: false }))
        .status,
    ).toBe(200);
    const moved = await province.as<Handover>('qmr', 'POST', `/api/v1/cycles/${code}-2024/handovers`, {
      fromUserId: province.idOf('leader'),
      toUserId: chairmanId,
      reason: 'Đồng chí Tháp chuyển công tác; Chủ tịch ký quyết định',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ handedOver: [], rolesTakenOver: ['leader'] });

    // The revision is late: its escalation goes to the leader who holds the role now.
    const escalation = await itsYear.eventually(
      "the late revision's escalation",
      async () =>
        (
          await province.as<{ items: Event[] }>(
            'qmr',
            'GET',
            `/api/v1/cycles/${code}-2024/events?type=task.escalated&limit=100`,
          )
        ).body.items.find((event) => event.payload.taskId === revision.id),
      15,
    );
    expect(escalation.payload).toMatchObject({ level: 'leader', recipientUserId: chairmanId });

    const revised = await itsYear.complete('qmr', revision.id, { note: 'Đã bổ sung chỉ tiêu mục tiêu 3.' });
    expect(revised.status).toBe(200);
    const second = await itsYear.taskOf('chairman.new', 'objectives-approval');
    expect(second).toMatchObject({ id: first.id.replace(/\/1$/, '/2'), assigneeUserId: chairmanId });
    const approved = await itsYear.complete('chairman.new', second.id, {
      decision: 'approve',
      documentNumber: '12/QĐ-UBND',
      signingDate: '2024-01-15',
    });
    expect(approved.status).toBe(200);
    const decision = await itsYear.eventually('the decision', async () => {
      const answer = await province.as('qmr', 'GET', `/api/v1/cycles/${code}-2024/decision`);
      return answer.status === 200 ? answer.body : undefined;
    });
    expect(decision).toMatchObject({
      signedBy: chairmanId,
      signerName: 'Nguyễn Văn Hòa',
      signerTitle: 'Chủ tịch Ủy ban nhân dân tỉnh',
    });

    await recordHistories(env.client, 'role-moves-approval', [
      qualityCycleWorkflowId(code, 2024),
      childWorkflowIds.approval(qualityCycleWorkflowId(code, 2024)),
    ]);

    // Once the year has ended (here cancelled), nothing is left for a role to take: the hand-over
    // answers so, though the Chairman has since been given other duties and a new leader named.
    // Cancelled once the year is quiet — the assignment's task open and its notice recorded: the
    // time-skipping test server does not know an activity it dispatched eagerly, so a cancellation
    // that catches one in flight fails its workflow task for good (ACTIVITY_UNKNOWN, docs/testing.md),
    // where the dev server cancels it.
    const assignment = await itsYear.taskOf('qmr', 'assignment-acceptance');
    await itsYear.eventually('the assignment notice', async () =>
      (
        await province.as<{ items: { taskId: string }[] }>('qmr', 'GET', '/api/v1/me/notifications')
      ).body.items.find((notice) => notice.taskId === assignment.id),
    );
    const cancelled = await province.as('qmr', 'POST', `/api/v1/cycles/${code}-2024/cancel`, {
      reason: 'Diễn tập xong',
    });
    expect(cancelled.status).toBe(202);
    await itsYear.eventually("the cancelled year's workflow ended", async () => {
      const cycle = await province.as<{ live: { executionStatus: string } }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${code}-2024`,
      );
      return cycle.body.live.executionStatus === 'RUNNING' ? undefined : true;
    });
    await province.join('leader.third', {
      fullName: 'Trần Văn Hải',
      title: 'Phó Chủ tịch Ủy ban nhân dân tỉnh',
      roles: [{ role: 'leader' }],
    });
    await province.revokeRole('chairman.new', 'leader');
    const late = await province.as<Handover>('qmr', 'POST', `/api/v1/cycles/${code}-2024/handovers`, {
      fromUserId: chairmanId,
      toUserId: province.idOf('leader.third'),
      reason: 'Phân công lại lãnh đạo phụ trách',
    });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ handedOver: [], rolesTakenOver: [], unitsTakenOver: [] });
  });
  it('closes the audit with the lead auditor who took the role over after planning it', async () => {
    // A third province, in its audit: Mai planned it, Huy audits three units.
    const code = `kt-${uniqueSuffix()}`;
    const province = await suite.seedDemoOrganisation(code);
    await province.tokenOf('admin');
    const steps = await rehearsalInItsAudit(province);
    // Mai leaves; the new lead auditor is from the general division.
    const leadId = await province.join('lead.auditor.new', {
      fullName: 'Hồ Thị Thu',
      title: 'Phó Trưởng phòng Tổng hợp, trưởng đoàn đánh giá',
      unitCode: 'vp-tonghop',
      roles: [{ role: 'lead-auditor' }, { role: 'auditor' }],
    });
    expect(
      (
        await province.as('admin', 'PATCH', `/api/v1/users/${province.idOf('lead.auditor')}`, {
          active: false,
        })
      ).status,
    ).toBe(200);
    const moved = await province.as<Handover>('qmr', 'POST', `/api/v1/cycles/${code}-2024/handovers`, {
      fromUserId: province.idOf('lead.auditor'),
      toUserId: leadId,
      reason: 'Đồng chí Mai nghỉ hưu từ ngày 10/10/2024',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      handedOver: [],
      rolesTakenOver: ['lead-auditor'],
      unitsTakenOver: [],
    });

    // Huy signs off his three steps: the audit's close is the new lead auditor's, not Mai's.
    for (const step of steps) {
      const signed = await province.as(
        'auditor.kinhte',
        'POST',
        `/api/v1/cycles/${code}-2024/audit/steps/${step.id.split('/').at(-1)}/sign-off`,
        { result: 'conformity', evidence: ['Hồ sơ lưu tại đơn vị'] },
      );
      expect(signed.status).toBe(200);
    }
    const close = await province.waitForTask('lead.auditor.new', 'audit-close');
    expect(close).toMatchObject({ assigneeUserId: leadId });

    await recordHistories(env.client, 'role-moves-audit', [
      childWorkflowIds.audit(qualityCycleWorkflowId(code, 2024)),
    ]);
  });
});
