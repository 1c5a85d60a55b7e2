import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { childWorkflowIds, qualityCycleWorkflowId } from '@qcycle/contracts';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from '../workflows/support/cycle-driver';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import { YearOverHttp } from './support/year-over-http';

type Handover = { handedOver: { taskId: string }[]; refused: unknown[]; unitsTakenOver: string[] };
type Event = { type: string; actor: string; requestId: string | null; payload: Record<string, unknown> };

/**
 * A unit's work taken over during the year goes on with its new holder: the deputy who takes the
 * administrative-procedures division over in January, with nothing of it open yet, is the one its
 * staff member's report is escalated to when it is late, the one who may answer for it, and the one
 * a nonconformity raised against the division asks for a plan — not the head the year started with.
 * The same holds for a head who left, whose tasks the Quality Representative hands over all at once:
 * even the overdue notice of his staff member's report, already open, goes to the successor. A staff member's tasks
 * handed over with their unit move no unit's work.
 * Real API and worker, PostgreSQL, the Temporal time-skipping server; people act over HTTP only.
 */
describe("a unit's work taken over during the year (API, worker, PostgreSQL, time-skipping Temporal)", () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  let deputyId: string;
  let successorId: string;
  let generalId: string;
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
      ['admin', 'leader', 'qmr', 'head.tthc', 'head.tonghop', 'staff.tthc', 'staff.tonghop'].map((local) =>
        org.tokenOf(local),
      ),
    );
    await year.start(organisationCode);
    await year.approve();
    await year.assignAsProposed();
    // Objectives 3 (administrative reform) and 2 (the key tasks), both quarterly, are reported by
    // staff: Lan and Minh, as their unit heads delegate them.
    await year.acceptUnitsWithReporters({
      'head.tthc': { 'obj-3': 'staff.tthc' },
      'head.tonghop': { 'obj-2': 'staff.tonghop' },
    });
    deputyId = await org.joinAsHead(
      'deputy.tthc',
      { fullName: 'Trịnh Văn Quang', title: 'Phó Trưởng phòng Kiểm soát thủ tục hành chính' },
      'vp-kiemsoat-tthc',
    );
  });

  afterAll(() => suite?.close());

  const events = async (type: string) =>
    (
      await org.as<{ items: Event[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/events?type=${type}&limit=100`,
      )
    ).body.items;

  it("moves no unit's work with a staff member's tasks, only with those of whoever holds it", async () => {
    const staff = await org.as<Handover>('head.tthc', 'POST', handovers, {
      fromUserId: org.idOf('staff.tthc'),
      toUserId: deputyId,
      reason: 'Chuyên viên Lan nghỉ phép',
      unitCode: 'vp-kiemsoat-tthc',
    });
    expect(staff.status).toBe(200);
    expect(staff.body.unitsTakenOver).toEqual([]);
    expect(await events('cycle.unit-work-moved')).toEqual([]);
  });

  it('gives the division to its deputy for the rest of the year, recorded once however often the request is sent', async () => {
    const body = {
      fromUserId: org.idOf('head.tthc'),
      toUserId: deputyId,
      reason: 'Phó Trưởng phòng phụ trách phòng từ ngày 15/01/2024',
      unitCode: 'vp-kiemsoat-tthc',
    };
    const requestId = `handover-${uniqueSuffix()}`;
    const send = async () =>
      org.http.call<Handover>('POST', handovers, {
        token: await org.tokenOf('head.tthc'),
        body,
        headers: { 'x-request-id': requestId },
      });
    const moved = await send();
    expect(moved.status).toBe(200);
    // Nothing of it was open (Lan reports; her first quarter has not ended): its later work moves.
    expect(moved.body).toMatchObject({ handedOver: [], refused: [], unitsTakenOver: ['vp-kiemsoat-tthc'] });
    const again = await send();
    expect(again.body.unitsTakenOver).toEqual(['vp-kiemsoat-tthc']);

    const recorded = await events('cycle.unit-work-moved');
    expect(recorded).toEqual([
      expect.objectContaining({
        actor: org.idOf('head.tthc'),
        requestId,
        payload: expect.objectContaining({
          unitCode: 'vp-kiemsoat-tthc',
          from: org.idOf('head.tthc'),
          to: deputyId,
          reason: body.reason,
        }),
      }),
    ]);

    // The cycle's page says who holds each unit's work now.
    const cycle = await org.as<{ live: { unitWork: { unitCode: string; holderUserId: string }[] } }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}`,
    );
    expect(cycle.body.live.unitWork).toEqual(
      expect.arrayContaining([
        { unitCode: 'vp-kiemsoat-tthc', holderUserId: deputyId },
        { unitCode: 'vp-tonghop', holderUserId: org.idOf('head.tonghop') },
        { unitCode: 'vp-kinhte', holderUserId: org.idOf('qmr') },
      ]),
    );

    // Hoa holds the division's work no more: handing it over again moves nothing.
    const twice = await org.as<Handover>('head.tthc', 'POST', handovers, {
      ...body,
      toUserId: org.idOf('qmr'),
    });
    expect(twice.status).toBe(200);
    expect(twice.body.unitsTakenOver).toEqual([]);
  });

  it("gives the division's later reports to the deputy, and the open ones of a head who left to his successor to answer for", async () => {
    const lans = await year.taskOf('staff.tthc', 'measurement-report', 120, (t) => t.periodKey === '2024-Q1');
    expect(lans).toMatchObject({
      objectiveId: 'obj-3',
      assigneeUserId: org.idOf('staff.tthc'),
      delegateUserIds: [deputyId],
    });
    // Minh's report of the general division opened with it, its overdue notice to Nam not sent yet.
    const minhs = await year.taskOf(
      'staff.tonghop',
      'measurement-report',
      0,
      (t) => t.periodKey === '2024-Q1',
    );
    expect(minhs).toMatchObject({ objectiveId: 'obj-2', delegateUserIds: [org.idOf('head.tonghop')] });

    // Nam retires; the Quality Representative hands all of his to his successor.
    successorId = await org.joinAsHead(
      'head.tonghop.new',
      { fullName: 'Đinh Văn Ban', title: 'Trưởng phòng Tổng hợp' },
      'vp-tonghop',
    );
    const left = await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('head.tonghop')}`, {
      active: false,
    });
    expect(left.status).toBe(200);
    const all = await org.as<Handover>('qmr', 'POST', handovers, {
      fromUserId: org.idOf('head.tonghop'),
      toUserId: successorId,
      reason: 'Đồng chí Nam nghỉ hưu từ ngày 01/04/2024',
    });
    expect(all.status).toBe(200);
    expect(all.body.unitsTakenOver).toEqual(['vp-tonghop']);
    expect((await events('task.escalated')).filter((event) => event.payload.taskId === minhs.id)).toEqual([]);

    // Neither reports: each unit's escalation goes to whoever holds its work now.
    const escalation = (taskId: string) =>
      year.eventually(
        `the unit head's escalation of ${taskId}`,
        async () =>
          (await events('task.escalated')).find(
            (event) => event.payload.taskId === taskId && event.payload.level === 'unit-head',
          ),
        30,
      );
    expect((await escalation(lans.id)).payload.recipientUserId).toBe(deputyId);
    expect((await escalation(minhs.id)).payload.recipientUserId).toBe(successorId);

    // Minh's open report is Ban's to answer for now: in his inbox, and he reports for Minh.
    expect(
      (await org.inbox('head.tonghop.new', 'measurement-report')).find((task) => task.id === minhs.id),
    ).toMatchObject({
      assigneeUserId: org.idOf('staff.tonghop'),
      delegateUserIds: [org.idOf('head.tonghop'), successorId],
    });
    const forMinh = await year.complete('head.tonghop.new', minhs.id, {
      figures: [{ indicatorId: 'obj-2-key-tasks', numerator: 12, denominator: 12 }],
      evidence: ['Báo cáo nhiệm vụ trọng tâm quý I/2024'],
    });
    expect(forMinh.status).toBe(200);
    expect(forMinh.body).toMatchObject({ status: 'completed', completedBy: successorId });

    // The deputy answers for Lan, as her unit's head.
    const reported = await year.complete('deputy.tthc', lans.id, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 9, denominator: 10 }],
      evidence: ['Báo cáo CCHC quý I/2024'],
    });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ status: 'completed', completedBy: deputyId });
  });

  it('asks whoever took a unit over for the plan of a nonconformity raised against it', async () => {
    const raise = (unitCode: string, description: string) =>
      org.as<{ id: string }>('qmr', 'POST', `/api/v1/cycles/${cycleId}/nonconformities`, {
        source: 'complaint',
        description,
        unitCode,
        severity: 'minor-nc',
      });
    const procedures = await raise(
      'vp-kiemsoat-tthc',
      'Công dân phản ánh hồ sơ bị trả lại mà không nêu lý do bằng văn bản.',
    );
    expect(procedures.status).toBe(201);
    expect(await year.taskOf('deputy.tthc', 'corrective-action-plan')).toMatchObject({
      id: `${procedures.body.id}/plan/1`,
      assigneeUserId: deputyId,
    });
    const general = await raise('vp-tonghop', 'Báo cáo tháng không gửi đúng hạn.');
    expect(general.status).toBe(201);
    expect(await year.taskOf('head.tonghop.new', 'corrective-action-plan')).toMatchObject({
      id: `${general.body.id}/plan/1`,
      assigneeUserId: successorId,
    });
    // Neither head the year began with is asked.
    expect(await org.inbox('head.tthc', 'corrective-action-plan')).toEqual([]);
    generalId = general.body.id;

    await recordHistories(env.client, 'later-unit-work', [
      workflowId,
      childWorkflowIds.monitoring(workflowId, 'obj-2'),
      childWorkflowIds.monitoring(workflowId, 'obj-3'),
    ]);
  });

  it("asks whom a plan was handed to with the unit's work for its next round, and whoever took the unit over since", async () => {
    const plan = await year.taskOf('head.tonghop.new', 'corrective-action-plan');
    // Ban hands the general division over to his deputy while its plan is open.
    const hangId = await org.joinAsHead(
      'deputy.tonghop',
      { fullName: 'Lê Thị Hằng', title: 'Phó Trưởng phòng Tổng hợp' },
      'vp-tonghop',
    );
    const moved = await org.as<Handover>('head.tonghop.new', 'POST', handovers, {
      fromUserId: successorId,
      toUserId: hangId,
      reason: 'Trưởng phòng đi học dài hạn từ tháng 5/2024',
      unitCode: 'vp-tonghop',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.handedOver.map((task) => task.taskId)).toEqual([plan.id]);
    expect(moved.body.unitsTakenOver).toEqual(['vp-tonghop']);

    const planned = await year.complete('deputy.tonghop', plan.id, {
      correction: 'Gửi bổ sung báo cáo tháng còn thiếu.',
      rootCause: 'Chưa phân công người theo dõi hạn gửi báo cáo.',
      action: 'Phân công chuyên viên theo dõi, nhắc hạn hằng tháng.',
      ownerUserId: org.idOf('staff.tonghop'),
      dueDate: '2024-06-28',
    });
    expect(planned.status).toBe(200);
    const verification = await year.taskOf('qmr', 'corrective-action-verification', 0, (task) =>
      task.id.startsWith(`${generalId}/`),
    );
    const verified = await year.complete('qmr', verification.id, {
      effective: false,
      notes: 'Tháng 6 vẫn gửi báo cáo trễ hạn.',
    });
    expect(verified.status).toBe(200);
    // The next round is hers, not Ban's, whose division it was when the action began.
    const again = await year.taskOf('deputy.tonghop', 'corrective-action-plan', 0, (task) =>
      task.id.endsWith('/plan/2'),
    );
    expect(again).toMatchObject({ id: `${generalId}/plan/2`, assigneeUserId: hangId });

    // She plans again; Ban, back, takes the division over before the plan is verified.
    const replanned = await year.complete('deputy.tonghop', again.id, {
      correction: 'Gửi bổ sung báo cáo tháng 6.',
      rootCause: 'Người theo dõi nghỉ phép, không có người thay.',
      action: 'Phân công người thay khi nghỉ phép; nhắc hạn trên phần mềm.',
      ownerUserId: org.idOf('staff.tonghop'),
      dueDate: '2024-08-30',
    });
    expect(replanned.status).toBe(200);
    const back = await org.as<Handover>('deputy.tonghop', 'POST', handovers, {
      fromUserId: hangId,
      toUserId: successorId,
      reason: 'Trưởng phòng trở lại làm việc',
      unitCode: 'vp-tonghop',
    });
    expect(back.status).toBe(200);
    expect(back.body.unitsTakenOver).toEqual(['vp-tonghop']);
    const secondCheck = await year.taskOf(
      'qmr',
      'corrective-action-verification',
      0,
      (task) => task.id === `${generalId}/verify/2`,
    );
    expect(
      (await year.complete('qmr', secondCheck.id, { effective: false, notes: 'Tháng 8 vẫn trễ hạn.' }))
        .status,
    ).toBe(200);
    // The running action was told: its third round is Ban's again.
    const third = await year.taskOf('head.tonghop.new', 'corrective-action-plan', 0, (task) =>
      task.id.endsWith('/plan/3'),
    );
    expect(third).toMatchObject({ id: `${generalId}/plan/3`, assigneeUserId: successorId });

    await recordHistories(env.client, 'plans-follow-unit-work', [generalId]);
  });
});
