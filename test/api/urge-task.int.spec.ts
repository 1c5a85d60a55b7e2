import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { childWorkflowIds, qualityCycleWorkflowId } from '@qcycle/contracts';
import type { UnitProcessPerformance } from '@qcycle/domain';
import {
  startTestSmtpServer,
  startTimeSkippingEnvironment,
  uniqueSuffix,
  type TestSmtpServer,
} from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';
import { undocumentedAnswers } from './support/openapi-coverage';
import { YearOverHttp } from './support/year-over-http';
import { recordHistories } from '../workflows/support/cycle-driver';

interface Answer {
  taskId?: string;
  assigneeUserId?: string;
  copiedTo?: { userId: string; name: string }[];
  number?: number;
  urgedAt?: string;
  code?: string;
  message?: string;
  details?: { urgedAt?: string; againFrom?: string; fields?: Record<string, string[]> };
}

interface UnitUrge {
  unitCode: string;
  urged: { taskId: string; assigneeUserId: string; number: number }[];
  refused: { taskId: string; code: string; message: string; urgedAt?: string; againFrom?: string }[];
  copiedTo: { userId: string; name: string }[];
}

interface TaskDetail extends TaskSummary {
  history: { type: string; actor: string; payload: Record<string, unknown> }[];
}

/**
 * "Đôn đốc" over HTTP: the Quality Representative urges the leader to approve the year's objectives
 * — a mail with the task's link, their name and their words, a `task.urged` in the task's history, the
 * dashboard's open task saying when — and not again the same day; a unit head urges their staff
 * member's report. Who may not, what is refused and why. The real API and worker, PostgreSQL, a real SMTP server and the time-skipping Temporal server
 * (a day is let pass).
 */
describe('urging the assignee of an open task (API, worker, PostgreSQL, SMTP, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let smtp: TestSmtpServer;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  let approval: TaskSummary;
  let firstUrgedAt: string;
  const organisationCode = `ug-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const note = 'Đề nghị đồng chí phê duyệt trước cuộc họp giao ban thứ Hai.';

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    smtp = await startTestSmtpServer();
    suite = await startApiSuite({ worker: true, temporal: env, smtp });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(
      ['admin', 'leader', 'qmr', 'head.tthc', 'head.tonghop', 'staff.tthc'].map((local) =>
        org.tokenOf(local),
      ),
    );
    year = new YearOverHttp(org, env);
    await year.start(organisationCode);
    approval = await year.taskOf('leader', 'objectives-approval');
  });

  afterAll(() => suite?.close());

  const urge = (local: string, taskId: string, body: Record<string, unknown> = {}) =>
    org.as<Answer>(local, 'POST', taskPath(taskId, '/urge'), body);
  /** The mails that urged `local`, as the SMTP server received them. */
  const urgingMailsTo = (local: string) =>
    smtp.mailsTo(org.email(local)).filter((mail) => (mail.subject ?? '').includes('Đôn đốc'));
  const urgedEvents = async (taskId: string) =>
    (await org.as<TaskDetail>('qmr', 'GET', taskPath(taskId))).body.history.filter(
      (h) => h.type === 'task.urged',
    );

  it("mails the leader the approval's link with the Quality Representative's name and note, and records it", async () => {
    const urged = await urge('qmr', approval.id, { note: `  ${note}  ` });
    expect(urged.status).toBe(200);
    // The leader's approval is no unit's: nobody else answers for it, nobody is copied.
    expect(urged.body).toMatchObject({
      taskId: approval.id,
      assigneeUserId: org.idOf('leader'),
      number: 1,
      copiedTo: [],
    });
    firstUrgedAt = urged.body.urgedAt!;

    const mails = await year.eventually('the urging mail', async () => {
      const found = urgingMailsTo('leader');
      return found.length > 0 ? found : undefined;
    });
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`[qcycle] [Diễn tập] Đôn đốc: ${approval.title.vi}`);
    const text = mails[0].text ?? '';
    expect(text).toContain(`Xin ông/bà sớm hoàn thành việc "${approval.title.vi}".`);
    expect(text).toContain('Người đôn đốc: Trần Quốc Việt');
    expect(text).toContain(`Lời nhắn: ${note}\n`);
    expect(text).toMatch(/\/tasks\/[^\s]+\?token=/);

    expect(await urgedEvents(approval.id)).toEqual([
      expect.objectContaining({
        actor: org.idOf('qmr'),
        payload: { taskId: approval.id, recipientUserId: org.idOf('leader'), note },
      }),
    ]);
    // The dashboard's open task says when.
    const live = await org.as<{ live: { openTasks: { taskId: string; urgedAt?: string }[] } }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}`,
    );
    expect(live.body.live.openTasks.find((t) => t.taskId === approval.id)?.urgedAt).toBe(firstUrgedAt);
  });

  it('refuses a second urge the same day with 409 saying when it was urged and from when again, and sends nothing', async () => {
    const again = await urge('qmr', approval.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
    expect(again.body.details).toEqual({
      urgedAt: firstUrgedAt,
      againFrom: new Date(Date.parse(firstUrgedAt) + 24 * 3_600_000).toISOString(),
    });
    expect(again.body.message).toMatch(
      /^Việc này đã được đôn đốc lúc \d\d:\d\d \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)/,
    );
    expect(urgingMailsTo('leader')).toHaveLength(1);
    expect(await urgedEvents(approval.id)).toHaveLength(1);
  });

  it('refuses whoever may not urge it (403), a task not found (404) and a note too long or an unknown field (400)', async () => {
    // A unit head urges the tasks of the units they head: the leader's approval is of none.
    const head = await urge('head.tthc', approval.id);
    expect(head.status).toBe(403);
    expect(head.body.code).toBe('FORBIDDEN');
    for (const local of ['leader', 'staff.tthc']) expect((await urge(local, approval.id)).status).toBe(403);
    expect((await urge('qmr', `quality-cycle/${organisationCode}/2024/approval/approve/9`)).status).toBe(404);
    const long = await urge('qmr', approval.id, { note: 'x'.repeat(501) });
    expect(long.status).toBe(400);
    expect(Object.keys(long.body.details?.fields ?? {})).toEqual(['note']);
    const unknown = await urge('qmr', approval.id, { message: 'xin nhắc' });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.details?.fields ?? {})).toEqual(['message']);
    expect(await urgedEvents(approval.id)).toHaveLength(1);
  });

  it('urges again once a day has passed: a second mail, the second record', async () => {
    await env.sleep('1 day');
    const again = await urge('qmr', approval.id);
    expect(again.status).toBe(200);
    expect(again.body.number).toBe(2);
    await year.eventually('the second urging mail', async () =>
      urgingMailsTo('leader').length === 2 ? true : undefined,
    );
    // No note this time: the mail has no message line.
    expect(urgingMailsTo('leader')[1].text).not.toContain('Lời nhắn');
    expect((await urgedEvents(approval.id)).map((e) => e.payload.note)).toEqual([note, undefined]);
  });

  it('refuses to urge someone who left the directory (409: hand the task over) and a task no longer open (409)', async () => {
    await year.approve();
    await year.assignAsProposed();
    const acceptance = await year.taskOf('head.tonghop', 'unit-acceptance');
    expect(
      (await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('head.tonghop')}`, { active: false })).status,
    ).toBe(200);
    const left = await urge('qmr', acceptance.id);
    expect(left.status).toBe(409);
    expect(left.body.message).toContain('hãy giao lại việc cho người khác thay vì đôn đốc');
    const done = await urge('qmr', approval.id);
    expect(done.status).toBe(409);
    expect(await urgedEvents(acceptance.id)).toEqual([]);

    // The approval urged twice, then approved: the `urged` histories (test/histories, replayed).
    await recordHistories(env.client, 'urged', [
      childWorkflowIds.approval(qualityCycleWorkflowId(organisationCode, 2024)),
    ]);
  });

  it("lets the head of a unit urge the quarterly report of their unit's staff member", async () => {
    const acceptance = await year.taskOf('head.tthc', 'unit-acceptance');
    const accepted = await year.complete('head.tthc', acceptance.id, {
      accepted: true,
      staffDelegations: [{ objectiveId: 'obj-3', userId: org.idOf('staff.tthc') }],
    });
    expect(accepted.status).toBe(200);
    const report = await year.taskOf('staff.tthc', 'measurement-report', 130);
    const urged = await urge('head.tthc', report.id, { note: 'Gửi số liệu quý này trước thứ Sáu.' });
    expect(urged.status).toBe(200);
    // The head urging their own unit's work copies nobody: they are who answers for it.
    expect(urged.body).toMatchObject({ assigneeUserId: org.idOf('staff.tthc'), number: 1, copiedTo: [] });
    await year.eventually('the mail to the staff member', async () =>
      urgingMailsTo('staff.tthc').some((mail) => mail.text?.includes('Người đôn đốc: Phạm Thị Hoa'))
        ? true
        : undefined,
    );
    expect(await urgedEvents(report.id)).toEqual([expect.objectContaining({ actor: org.idOf('head.tthc') })]);
  });

  it("counts the urged tasks in the year's tasks by unit, which any member of the organisation reads", async () => {
    const byUnit = await org.as<UnitProcessPerformance[]>(
      'staff.tthc',
      'GET',
      `/api/v1/cycles/${cycleId}/tasks-by-unit`,
    );
    expect(byUnit.status).toBe(200);
    // The leader's approval (no unit): urged, then done. The unit's quarterly report: urged, open.
    expect(byUnit.body.at(-1)).toMatchObject({ unitCode: null, tasksUrged: 1 });
    expect(byUnit.body.at(-1)!.tasksCompleted).toBeGreaterThanOrEqual(1);
    expect(byUnit.body.find((unit) => unit.unitCode === 'vp-kiemsoat-tthc')).toMatchObject({
      tasksUrged: 1,
      tasksCompletedLate: 0,
    });
    // Each unit's figures as the year's tasks have them: given covers done, none urged twice over.
    for (const unit of byUnit.body) {
      expect(unit.tasksCompleted).toBeLessThanOrEqual(unit.tasksGiven);
      expect(unit.tasksUrged).toBeLessThanOrEqual(unit.tasksGiven);
    }
    expect(byUnit.body.reduce((sum, unit) => sum + unit.tasksUrged, 0)).toBe(2);
    // Another organisation's year, or a year never started: not found.
    expect((await org.as('qmr', 'GET', '/api/v1/cycles/other-2024/tasks-by-unit')).status).toBe(404);
    expect((await org.as('qmr', 'GET', `/api/v1/cycles/${organisationCode}-2031/tasks-by-unit`)).status).toBe(
      404,
    );
  });

  it("copies the head of the task's unit when the Quality Representative urges their staff member", async () => {
    await env.sleep('1 day');
    const report = await year.taskOf('staff.tthc', 'measurement-report', 130);
    const headMailsBefore = urgingMailsTo('head.tthc').length;
    const urged = await urge('qmr', report.id, { note: 'Phòng gửi số liệu quý trước thứ Sáu.' });
    expect(urged.status).toBe(200);
    expect(urged.body).toMatchObject({
      assigneeUserId: org.idOf('staff.tthc'),
      number: 2,
      copiedTo: [{ userId: org.idOf('head.tthc'), name: 'Phạm Thị Hoa' }],
    });
    const copy = await year.eventually(
      'the copy to the head of the unit',
      async () => urgingMailsTo('head.tthc').slice(headMailsBefore)[0],
    );
    // The title as the mail writes it: its period in words.
    const title = 'Báo cáo số liệu mục tiêu 3 kỳ Quý 1/2024';
    expect(copy.subject).toBe(`[qcycle] [Diễn tập] Đôn đốc: ${title}`);
    expect(copy.text).toContain(
      `Việc "${title}" giao cho Nguyễn Thị Lan vừa được đôn đốc; xin báo để ông/bà theo dõi.`,
    );
    expect(copy.text).toContain('Người đôn đốc: Trần Quốc Việt');
    expect(copy.text).toContain('Lời nhắn: Phòng gửi số liệu quý trước thứ Sáu.');
    expect(copy.text).not.toContain('Xin ông/bà sớm hoàn thành');
    // The staff member is urged as ever, with the same words; the copy is on the record.
    await year.eventually('the urge to the staff member', async () =>
      urgingMailsTo('staff.tthc').some((mail) => mail.text?.includes('Người đôn đốc: Trần Quốc Việt'))
        ? true
        : undefined,
    );
    expect((await urgedEvents(report.id)).at(-1)).toMatchObject({
      actor: org.idOf('qmr'),
      payload: {
        recipientUserId: org.idOf('staff.tthc'),
        copiedToUserIds: [org.idOf('head.tthc')],
      },
    });
    // The head's bell: the notice of the urge, of their staff member's task.
    const bell = await org.as<{ items: { taskId: string; reason: string }[] }>(
      'head.tthc',
      'GET',
      '/api/v1/me/notifications',
    );
    expect(bell.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ taskId: report.id, reason: 'urged' })]),
    );
  });

  it("urges a unit's open tasks at once: each assignee their own mail, each of the unit's heads one copy listing them all", async () => {
    await env.sleep('1 day');
    // The division has a deputy head too: both answer for its work.
    const deputyId = await org.joinAsHead(
      'deputy.tthc',
      { fullName: 'Hồ Văn Dũng', title: 'Phó Trưởng phòng' },
      'vp-kiemsoat-tthc',
    );
    // Two of the unit's tasks open: Lan's quarterly report, and the head's plan for a complaint.
    const raised = await org.as<{ id: string }>('qmr', 'POST', `/api/v1/cycles/${cycleId}/nonconformities`, {
      source: 'complaint',
      description: 'Hồ sơ trả chậm không có phiếu xin lỗi',
      unitCode: 'vp-kiemsoat-tthc',
      severity: 'minor-nc',
    });
    expect(raised.status).toBe(201);
    const plan = await year.taskOf('head.tthc', 'corrective-action-plan');
    const report = await year.taskOf('staff.tthc', 'measurement-report');
    const headMailsBefore = urgingMailsTo('head.tthc').length;
    const staffMailsBefore = urgingMailsTo('staff.tthc').length;
    const deputyMailsBefore = urgingMailsTo('deputy.tthc').length;
    const requestId = crypto.randomUUID();
    const urgeUnit = async (local: string, body: Record<string, unknown>, id = crypto.randomUUID()) =>
      suite.http.call<UnitUrge>('POST', `/api/v1/cycles/${cycleId}/urges`, {
        token: await org.tokenOf(local),
        body,
        headers: { 'x-request-id': id },
      });
    const body = {
      unitCode: 'vp-kiemsoat-tthc',
      taskIds: [plan.id, report.id],
      note: 'Đề nghị phòng hoàn thành trước ngày 15.',
    };
    const urged = await urgeUnit('qmr', body, requestId);
    expect(urged.status).toBe(200);
    expect(urged.body).toMatchObject({ unitCode: 'vp-kiemsoat-tthc', refused: [] });
    expect(urged.body.copiedTo).toEqual(
      expect.arrayContaining([
        { userId: org.idOf('head.tthc'), name: 'Phạm Thị Hoa' },
        { userId: deputyId, name: 'Hồ Văn Dũng' },
      ]),
    );
    expect(urged.body.copiedTo).toHaveLength(2);
    // In the order asked.
    expect(urged.body.urged.map((task) => [task.taskId, task.assigneeUserId])).toEqual([
      [plan.id, org.idOf('head.tthc')],
      [report.id, org.idOf('staff.tthc')],
    ]);

    // Lan: her own urge. Hoa: her own urge of the plan, and one copy naming Lan's report and her
    // plan. Dũng: that one copy, not one per task.
    await year.eventually('the mails of the urge', async () =>
      urgingMailsTo('staff.tthc').length > staffMailsBefore &&
      urgingMailsTo('head.tthc').length >= headMailsBefore + 2 &&
      urgingMailsTo('deputy.tthc').length > deputyMailsBefore
        ? true
        : undefined,
    );
    const toHead = urgingMailsTo('head.tthc').slice(headMailsBefore);
    expect(toHead).toHaveLength(2);
    const copy = toHead.find((mail) => mail.text?.includes('vừa được đôn đốc; xin báo để ông/bà theo dõi'));
    expect(copy?.subject).toBe(
      '[qcycle] [Diễn tập] Đôn đốc: Báo cáo số liệu mục tiêu 3 kỳ Quý 1/2024 và 1 việc khác',
    );
    expect(copy?.text).toContain('Lời nhắn: Đề nghị phòng hoàn thành trước ngày 15.');
    expect(copy?.text).toContain('Cùng lúc, 1 việc khác của đơn vị cũng được đôn đốc:');
    expect(copy?.text).toContain(`- "${plan.title.vi}", giao cho Phạm Thị Hoa, hạn `);
    expect(toHead.filter((mail) => mail !== copy).map((mail) => mail.text)).toEqual([
      expect.stringContaining(`Xin ông/bà sớm hoàn thành việc "${plan.title.vi}".`),
    ]);
    expect(urgingMailsTo('staff.tthc').slice(staffMailsBefore)).toHaveLength(1);
    const toDeputy = urgingMailsTo('deputy.tthc').slice(deputyMailsBefore);
    expect(toDeputy.map((mail) => mail.subject)).toEqual([copy?.subject]);
    expect(toDeputy[0].text).toContain(`- "${plan.title.vi}", giao cho Phạm Thị Hoa, hạn `);
    // Each task's history has its urge, with this request's id; the copy is on the report's.
    expect((await urgedEvents(report.id)).at(-1)).toMatchObject({
      actor: org.idOf('qmr'),
      payload: { copiedToUserIds: expect.arrayContaining([org.idOf('head.tthc'), deputyId]) },
    });
    expect(await urgedEvents(plan.id)).toEqual([
      expect.objectContaining({
        actor: org.idOf('qmr'),
        payload: expect.not.objectContaining({ copiedToUserIds: expect.anything() }),
      }),
    ]);

    // The same request again (a retry): the same answer, nothing urged or mailed twice.
    const retried = await urgeUnit('qmr', body, requestId);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(urged.body);
    expect(await urgedEvents(plan.id)).toHaveLength(1);
    // Another request the same day: both refused with when, and from when again; nobody copied.
    const again = await urgeUnit('qmr', body);
    expect(again.status).toBe(200);
    expect(again.body.urged).toEqual([]);
    expect(again.body.copiedTo).toEqual([]);
    expect(again.body.refused).toEqual([
      expect.objectContaining({ taskId: plan.id, code: 'CONFLICT', againFrom: expect.any(String) }),
      expect.objectContaining({ taskId: report.id, code: 'CONFLICT', againFrom: expect.any(String) }),
    ]);
    expect(again.body.refused[0].message).toContain('có thể đôn đốc lại từ');
    expect(urgingMailsTo('head.tthc').slice(headMailsBefore)).toHaveLength(2);
    expect(urgingMailsTo('staff.tthc').slice(staffMailsBefore)).toHaveLength(1);
    expect(urgingMailsTo('deputy.tthc').slice(deputyMailsBefore)).toHaveLength(1);
  });

  it("refuses an urge of a unit's tasks by someone who is not its head (403), for a unit or a task not the unit's (422), and a malformed one (400)", async () => {
    const report = await year.taskOf('staff.tthc', 'measurement-report');
    const urgeUnit = (local: string, body: unknown) =>
      org.as<Answer>(local, 'POST', `/api/v1/cycles/${cycleId}/urges`, body);
    const before = (await urgedEvents(report.id)).length;
    expect(
      (await urgeUnit('staff.tthc', { unitCode: 'vp-kiemsoat-tthc', taskIds: [report.id] })).status,
    ).toBe(403);
    // The head of another unit.
    await org.joinAsHead(
      'head.khac',
      { fullName: 'Trương Văn Tâm', title: 'Phó Chánh Văn phòng' },
      'vp-tonghop',
    );
    expect((await urgeUnit('head.khac', { unitCode: 'vp-kiemsoat-tthc', taskIds: [report.id] })).status).toBe(
      403,
    );
    const unknownUnit = await urgeUnit('qmr', { unitCode: 'vp-khong-co', taskIds: [report.id] });
    expect(unknownUnit.status).toBe(422);
    expect(unknownUnit.body.details?.fields).toHaveProperty('unitCode');
    // The leader's approval is no unit's work; a task of another year is none of this one's.
    const strangers = await urgeUnit('qmr', {
      unitCode: 'vp-kiemsoat-tthc',
      taskIds: [report.id, approval.id, `quality-cycle/${organisationCode}/2023/approval/approve/1`],
    });
    expect(strangers.status).toBe(422);
    expect(strangers.body.details?.fields?.taskIds).toHaveLength(2);
    expect((await urgeUnit('qmr', { unitCode: 'vp-kiemsoat-tthc', taskIds: [] })).status).toBe(400);
    expect(
      (await urgeUnit('qmr', { unitCode: 'vp-kiemsoat-tthc', taskIds: [report.id, report.id] })).status,
    ).toBe(400);
    expect(
      (await urgeUnit('qmr', { unitCode: 'vp-kiemsoat-tthc', taskIds: [report.id], priority: 'high' }))
        .status,
    ).toBe(400);
    expect(
      (
        await org.as('qmr', 'POST', `/api/v1/cycles/${organisationCode}-2031/urges`, {
          unitCode: 'vp-kiemsoat-tthc',
          taskIds: [report.id],
        })
      ).status,
    ).toBe(404);
    // Nothing of these urged anyone.
    expect(await urgedEvents(report.id)).toHaveLength(before);
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(suite.http)).toEqual([]);
  });
});
