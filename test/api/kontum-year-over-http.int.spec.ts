import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ParsedMail } from 'mailparser';
import { signTaskLink } from '@qcycle/task-links';
import {
  startTestSmtpServer,
  startTimeSkippingEnvironment,
  uniqueSuffix,
  type TestSmtpServer,
} from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';
import type { Answer, HttpRecorder } from './support/http-recorder';
import { HELD_REVIEW, octoberAuditPlan } from './support/year-fixtures';
import { undocumentedAnswers } from './support/openapi-coverage';
import type { UnitProcessPerformance } from '@qcycle/domain';

interface TaskDetail extends TaskSummary {
  form: Record<string, unknown>;
  history: { type: string; actor: string }[];
}

/**
 * The acceptance walk of the API: every kind of user does their part of the Kon Tum 2024 year over
 * HTTP only, on the real API and worker, PostgreSQL, a real SMTP server and the Temporal
 * time-skipping server (the year runs as a rehearsal starting now; the suite lets days pass with
 * `env.sleep`). Nothing here talks to Temporal or writes the database: what a user cannot do, the
 * suite does not do. Refusals each group meets on the way are asserted where they arise.
 */
describe('the Kon Tum 2024 year, every user over HTTP (API, worker, PostgreSQL, SMTP, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let smtp: TestSmtpServer;
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;
  const organisationCode = `kt-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  /** The reference of the file the audit finding's corrective action plan rests on, once uploaded. */
  let planEvidence = '';

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    smtp = await startTestSmtpServer();
    // Its administrator creates another organisation at the end: it operates this install.
    suite = await startApiSuite({
      worker: true,
      temporal: env,
      smtp,
      config: { organisationCreators: [organisationCode] },
    });
    http = suite.http;
    // The directory an administrator keeps (the demo one, for this suite's own organisation).
    org = await suite.seedDemoOrganisation(organisationCode);
  });

  afterAll(() => suite?.close());

  // ---- what a user's client does ----------------------------------------------------------------

  /**
   * Waits for something to happen. The next step of a phase follows an answer within moments (the
   * worker records it): a short real wait. What the calendar brings (a period's report, the audit in
   * October) needs days to pass: then the time-skipping server moves the clock a day at a time.
   */
  async function eventually<T>(
    what: string,
    probe: () => Promise<T | undefined>,
    options: { days: number } = { days: 0 },
  ): Promise<T> {
    for (let attempt = 0; attempt < 100 + options.days; attempt++) {
      const found = await probe();
      if (found !== undefined) return found;
      if (attempt < 100 && options.days === 0) await new Promise((r) => setTimeout(r, 100));
      else await env.sleep('1 day');
    }
    throw new Error(`${what} did not happen`);
  }

  const taskOf = (local: string, kind: string, options?: { days: number }) =>
    eventually(`a ${kind} task for ${local}`, async () => (await org.inbox(local, kind))[0], options);

  async function complete(local: string, taskId: string, outcome: unknown): Promise<Answer> {
    return org.as(local, 'POST', taskPath(taskId, '/complete'), { outcome });
  }

  /** The link in the newest e-mail to that person about that task. */
  function linkTokenInMail(local: string, taskId: string): string | undefined {
    const mails = smtp.messages.filter(
      (m: ParsedMail) =>
        m.to !== undefined &&
        (Array.isArray(m.to) ? m.to : [m.to]).some((a) =>
          a.value.some((v) => v.address === org.email(local)),
        ) &&
        (m.text ?? '').includes(`/tasks/${encodeURIComponent(taskId)}?token=`),
    );
    const text = mails.at(-1)?.text ?? '';
    const match = /\/tasks\/[^\s?]+\?token=([^\s&]+)/.exec(text);
    return match ? decodeURIComponent(match[1]) : undefined;
  }

  // ---- the year ----------------------------------------------------------------------------------

  it('lets the Quality Representative start the 2024 cycle from the template, once; nobody else may', async () => {
    const templates = await org.as<{ id: string }[]>('qmr', 'GET', '/api/v1/templates');
    expect(templates.body.map((t) => t.id)).toContain('kontum-2024');

    const request = { organisationCode, year: 2024, templateId: 'kontum-2024', rehearsal: true };
    expect((await http.call('POST', '/api/v1/cycles', { body: request })).status).toBe(401);
    const byStaff = await org.as('staff.tthc', 'POST', '/api/v1/cycles', request);
    expect(byStaff.status).toBe(403);
    const malformed = await org.as<{ details: { fields: Record<string, string[]> } }>(
      'qmr',
      'POST',
      '/api/v1/cycles',
      { organisationCode, year: 'twenty', templateId: 'nope', rehearsal: 'yes' },
    );
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.details.fields).sort()).toEqual(['rehearsal', 'templateId', 'year']);

    const started = await org.as<{ id: string; live: { executionStatus: string; scheduleShiftMs?: number } }>(
      'qmr',
      'POST',
      '/api/v1/cycles',
      request,
    );
    expect(started.status).toBe(201);
    expect(started.body.id).toBe(cycleId);
    expect(started.body.live.executionStatus).toBe('RUNNING');
    expect((await org.as('qmr', 'POST', '/api/v1/cycles', request)).status).toBe(409);
  });

  it('puts the objectives before the leader, who approves them with the decision number', async () => {
    const task = await taskOf('leader', 'objectives-approval');
    const detail = await org.as<TaskDetail>('leader', 'GET', taskPath(task.id));
    expect((detail.body.form.objectives as unknown[]).length).toBe(5);

    // The Quality Representative prepared the draft but does not sign it.
    expect(
      (await complete('qmr', task.id, { decision: 'approve', documentNumber: '123/QĐ-UBND' })).status,
    ).toBe(403);
    const approved = await complete('leader', task.id, {
      decision: 'approve',
      documentNumber: '123/QĐ-UBND',
      signingDate: '2024-01-05',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      taskId: task.id,
      status: 'completed',
      completedBy: org.idOf('leader'),
    });

    const decision = await eventually('the decision record', async () => {
      const answer = await org.as('staff.tonghop', 'GET', `/api/v1/cycles/${cycleId}/decision`);
      return answer.status === 200 ? answer.body : undefined;
    });
    expect(decision).toMatchObject({
      documentNumber: '123/QĐ-UBND',
      signingDate: '2024-01-05',
      signerName: 'Nguyễn Hữu Tháp',
    });
  });

  it('lets the Chief of Office delegate each objective to its unit, and a unit head pass one to a staff member', async () => {
    const task = await taskOf('qmr', 'assignment-acceptance');
    const detail = await org.as<TaskDetail>('qmr', 'GET', taskPath(task.id));
    const delegations = (detail.body.form.objectives as { id: string; proposedUnitCode: string }[]).map(
      (o) => ({
        objectiveId: o.id,
        unitCode: o.proposedUnitCode,
      }),
    );
    const unknownUnit = await complete('qmr', task.id, {
      accepted: true,
      delegations: delegations.map((d, i) => (i === 0 ? { ...d, unitCode: 'vp-khong-co' } : d)),
    });
    expect(unknownUnit.status).toBe(422);
    expect(unknownUnit.body).toMatchObject({ code: 'OUTCOME_REFUSED' });
    expect((await complete('qmr', task.id, { accepted: true, delegations })).status).toBe(200);

    // Objective 3 (administrative reform) goes to the procedure-control unit; its head gives it to Lan.
    const unitTask = await taskOf('head.tthc', 'unit-acceptance');
    await org.tokenOf('staff.tthc');
    const accepted = await complete('head.tthc', unitTask.id, {
      accepted: true,
      staffDelegations: [{ objectiveId: 'obj-3', userId: org.idOf('staff.tthc') }],
    });
    expect(accepted.status).toBe(200);
    // Another unit's head cannot answer for this one.
    expect((await complete('head.tonghop', unitTask.id, { accepted: true })).status).toBe(403);
    // The other units accept theirs: the general-affairs head, and for the service centre (no head in
    // the directory) the Chief of Office standing in.
    const generalAffairs = await taskOf('head.tonghop', 'unit-acceptance');
    expect((await complete('head.tonghop', generalAffairs.id, { accepted: true })).status).toBe(200);
    const serviceCentre = await taskOf('qmr', 'unit-acceptance');
    expect(serviceCentre.unitCode).toBe('vp-ttpvhcc');
    expect((await complete('qmr', serviceCentre.id, { accepted: true })).status).toBe(200);
  });

  let measurementTaskId: string;
  let firstAnswer: Answer;

  it('mails the staff member the first quarter’s report; the link opens that task once, and the report is recorded once', async () => {
    // April 2024 (in the rehearsal's time): the Q1 report of objective 3 reaches Lan by e-mail.
    const task = await taskOf('staff.tthc', 'measurement-report', { days: 130 });
    expect(task).toMatchObject({ objectiveId: 'obj-3', periodKey: '2024-Q1' });
    measurementTaskId = task.id;
    const token = await eventually('the notification e-mail', async () =>
      linkTokenInMail('staff.tthc', task.id),
    );

    // A colleague in another unit cannot complete it; neither can they open it with Lan's link.
    const figures = {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
      evidence: ['BC-CCHC-Q1-2024'],
    };
    expect((await complete('staff.tonghop', task.id, figures)).status).toBe(403);

    // A link past its expiry (as a mail left unread too long would be) is refused.
    const expired = signTaskLink(
      {
        taskId: task.id,
        userId: org.idOf('staff.tthc'),
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
        nonce: 'an-old-link-of-last-week',
      },
      suite.config.taskLinks.secret,
    );
    const refused = await http.call('POST', taskPath(task.id, '/link-session'), { body: { token: expired } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ details: { reason: 'TASK_LINK_EXPIRED' } });

    const session = await http.call<{ accessToken: string; task: TaskDetail }>(
      'POST',
      taskPath(task.id, '/link-session'),
      { body: { token } },
    );
    expect(session.status).toBe(200);
    expect(session.body.task.form).toMatchObject({ period: { key: '2024-Q1' } });
    const used = await http.call('POST', taskPath(task.id, '/link-session'), { body: { token } });
    expect(used.status).toBe(409);
    expect(used.body).toMatchObject({ details: { reason: 'TASK_LINK_ALREADY_USED' } });

    const scoped = session.body.accessToken;
    const malformed = await http.call<{ code: string; details: { problems: { path: string }[] } }>(
      'POST',
      taskPath(task.id, '/complete'),
      {
        token: scoped,
        body: {
          outcome: {
            figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 11, denominator: 10 }],
            evidence: [],
          },
        },
      },
    );
    expect(malformed.status).toBe(422);
    expect(malformed.body.details.problems.map((p) => p.path)).toEqual([
      'evidence',
      'figures[obj-3-reform-targets].numerator',
    ]);

    firstAnswer = await http.call('POST', taskPath(task.id, '/complete'), {
      token: scoped,
      body: { outcome: figures },
    });
    expect(firstAnswer.status).toBe(200);
    expect(firstAnswer.body).toMatchObject({
      status: 'completed',
      completedBy: org.idOf('staff.tthc'),
      late: false,
    });
    // Sent again (a second click, a retried request): the same answer, recorded once.
    const again = await http.call('POST', taskPath(task.id, '/complete'), {
      token: scoped,
      body: { outcome: figures },
    });
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: firstAnswer.body });

    const measurements = await eventually('the Q1 measurement', async () => {
      const answer = await org.as<{ items: { periodKey: string; numerator: number; reportedBy: string }[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-3`,
      );
      return answer.body.items.length > 0 ? answer.body.items : undefined;
    });
    expect(measurements).toEqual([
      expect.objectContaining({ periodKey: '2024-Q1', numerator: 10, reportedBy: org.idOf('staff.tthc') }),
    ]);
    // Where objective 3 stands, as the Quality Representative follows it: Lan's, on track after Q1.
    const objective = await org.as('qmr', 'GET', `/api/v1/cycles/${cycleId}/objectives/obj-3`);
    expect(objective.body).toMatchObject({
      unitCode: 'vp-kiemsoat-tthc',
      assigneeUserId: org.idOf('staff.tthc'),
      status: 'on-track',
      statusHistory: [
        { periodKey: '2024-Q1', statusBefore: 'not-measured', status: 'on-track', late: false },
      ],
    });
  });

  const plan = () => octoberAuditPlan(org, { withRecords: true });

  it('brings the internal audit in October: the lead auditor plans it, never with an auditor on their own unit', async () => {
    const task = await taskOf('lead.auditor', 'audit-plan', { days: 250 });
    await Promise.all(['auditor.hcth', 'auditor.kinhte'].map((local) => org.tokenOf(local)));
    const ownUnit = plan();
    ownUnit.steps[2].auditorUserId = org.idOf('auditor.hcth'); // Trang works in vp-hanhchinh-tochuc
    const refused = await complete('lead.auditor', task.id, ownUnit);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('steps[2]');
    expect((await complete('auditor.hcth', task.id, plan())).status).toBe(403);
    expect((await complete('lead.auditor', task.id, plan())).status).toBe(200);
  });

  it("has each auditor sign off their own step and nobody else's; a nonconformity is corrected and verified", async () => {
    const signOff = (local: string, stepId: string, body: unknown) =>
      org.as(local, 'POST', `/api/v1/cycles/${cycleId}/audit/steps/${stepId}/sign-off`, body);
    await eventually('the sign-off tasks', async () =>
      (await org.inbox('auditor.kinhte', 'audit-step')).length === 2 ? true : undefined,
    );
    // The head of the unit audited reads the step auditing it, but neither urges its auditor nor
    // gives it to another (the audit's impartiality, ISO 9001 9.2.2 c): the Quality Representative's to do.
    const auditingTthc = (await org.inbox('auditor.kinhte', 'audit-step')).find(
      (task) => task.unitCode === 'vp-kiemsoat-tthc',
    )!;
    expect((await org.as('head.tthc', 'GET', taskPath(auditingTthc.id))).status).toBe(200);
    const urgedByAuditee = await org.as('head.tthc', 'POST', taskPath(auditingTthc.id, '/urge'), {});
    expect(urgedByAuditee.status).toBe(403);
    const handedByAuditee = await org.as('head.tthc', 'POST', taskPath(auditingTthc.id, '/reassign'), {
      toUserId: org.idOf('lead.auditor'),
      reason: 'Đổi người đánh giá',
    });
    expect(handedByAuditee.status).toBe(403);

    const ownUnit = await signOff('auditor.hcth', 's3', { result: 'conformity', evidence: ['Sổ công văn'] });
    expect(ownUnit.status).toBe(403);
    expect(ownUnit.body.message).toContain('đơn vị của mình');
    expect((await signOff('auditor.hcth', 's2', { result: 'conformity', evidence: ['Hồ sơ'] })).status).toBe(
      403,
    );
    const malformed = await signOff('auditor.hcth', 's1', { result: 'fine', evidence: [] });
    expect(malformed.status).toBe(400);
    expect(Object.keys((malformed.body.details as { fields: object }).fields).sort()).toEqual([
      'evidence',
      'result',
    ]);

    const s1 = await signOff('auditor.hcth', 's1', {
      result: 'conformity',
      evidence: ['Sổ theo dõi nhiệm vụ 2024'],
    });
    expect(s1.status).toBe(200);
    expect(s1.body).toMatchObject({ status: 'completed', completedBy: org.idOf('auditor.hcth') });
    const s2 = {
      result: 'minor-nc',
      evidence: ['Hồ sơ 000.00.24.H34-240812-0007'],
      finding: 'Phiếu kiểm soát quá trình giải quyết hồ sơ không ghi đủ thời điểm chuyển bước.',
    };
    expect((await signOff('auditor.kinhte', 's2', s2)).status).toBe(200);
    // Signed off twice with the same words: the same answer; with other words: a conflict.
    expect((await signOff('auditor.kinhte', 's2', s2)).status).toBe(200);
    expect((await signOff('auditor.kinhte', 's2', { ...s2, result: 'conformity' })).status).toBe(409);
    expect(
      (await signOff('auditor.kinhte', 's3', { result: 'conformity', evidence: ['Sổ công văn đến'] })).status,
    ).toBe(200);

    // The unit head plans the correction; the auditor who raised it verifies it.
    const caPlan = await taskOf('head.tthc', 'corrective-action-plan');
    // The new form, uploaded to the corrective action's record, is what the plan rests on.
    const newForm = await org.uploadEvidence<{ reference: string }>(
      'head.tthc',
      cycleId,
      { recordType: 'corrective-action', recordKey: `quality-cycle/${organisationCode}/2024/audit/ca/s2` },
      { bytes: Buffer.from('%PDF-1.7\nMau phieu kiem soat\n'), name: 'Mẫu phiếu kiểm soát mới.pdf' },
    );
    expect(newForm.status).toBe(201);
    expect(
      (
        await complete('head.tthc', caPlan.id, {
          correction: 'Bổ sung thời điểm chuyển bước trên các phiếu còn thiếu.',
          rootCause: 'Mẫu phiếu cũ không có ô ghi thời điểm.',
          action: 'Cập nhật mẫu phiếu, tập huấn công chức.',
          ownerUserId: org.idOf('staff.tthc'),
          dueDate: '2024-11-15',
          evidence: [newForm.body.reference],
        })
      ).status,
    ).toBe(200);
    planEvidence = newForm.body.reference;
    const verify = await taskOf('auditor.kinhte', 'corrective-action-verification');
    expect(
      (await complete('auditor.kinhte', verify.id, { effective: true, notes: 'Đã kiểm tra 20 hồ sơ.' }))
        .status,
    ).toBe(200);
  });

  it('lets only the lead auditor close the audit with the report', async () => {
    await taskOf('lead.auditor', 'audit-close');
    const close = (local: string) =>
      org.as(local, 'POST', `/api/v1/cycles/${cycleId}/audit/close`, {
        report: 'Báo cáo đánh giá nội bộ năm 2024: 1 điểm không phù hợp nhẹ, đã khắc phục.',
      });
    expect((await close('auditor.kinhte')).status).toBe(403);
    const closed = await close('lead.auditor');
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'completed', completedBy: org.idOf('lead.auditor') });

    // Submitted is not closed: the Quality Representative approves the report, which closes the audit.
    const approval = await taskOf('qmr', 'audit-report-approval');
    expect((await complete('lead.auditor', approval.id, { decision: 'approve' })).status).toBe(403);
    expect((await complete('qmr', approval.id, { decision: 'return' })).status).toBe(422);
    expect((await complete('qmr', approval.id, { decision: 'approve' })).status).toBe(200);

    const audit = await eventually('the closed audit', async () => {
      const answer = await org.as<{
        status: string;
        report: string;
        reportApproval: { approvedBy: string; approvedAt: string; rounds: number } | null;
        steps: { id: string; result: string }[];
        correctiveActions: { status: string; evidence: string[]; verificationNotes: string | null }[];
        files: { id: string; fileName: string }[];
      }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/audit`);
      // The verification's record follows the answer within moments.
      return answer.body.status === 'closed' && answer.body.correctiveActions[0]?.status === 'closed'
        ? answer.body
        : undefined;
    });
    expect(audit.reportApproval).toMatchObject({ approvedBy: org.idOf('qmr'), rounds: 1 });
    expect(audit.steps.map((s) => s.result)).toEqual(['conformity', 'minor-nc', 'conformity']);
    // What the plan rested on and what its verifier found, the file by its name.
    expect(audit.correctiveActions).toEqual([
      expect.objectContaining({
        status: 'closed',
        ownerUserId: org.idOf('staff.tthc'),
        evidence: [planEvidence],
        verificationNotes: 'Đã kiểm tra 20 hồ sơ.',
      }),
    ]);
    expect(audit.files).toContainEqual({
      id: planEvidence.slice('evidence:'.length),
      fileName: 'Mẫu phiếu kiểm soát mới.pdf',
      erased: false,
    });

    // The year's tasks by unit: the audit's are the auditors' and the Quality Representative's work,
    // counted apart from the units they audited; the corrective action's plan is its unit's.
    const byUnit = await org.as<UnitProcessPerformance[]>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/tasks-by-unit`,
    );
    expect(byUnit.status).toBe(200);
    expect(byUnit.body.map((unit) => unit.unitCode)).toEqual([
      'vp-kiemsoat-tthc',
      'vp-tonghop',
      'vp-ttpvhcc',
      null,
    ]);
    // The leader's approval, the Chief of Office's acceptance, the plan, the three steps, the close,
    // the report's approval and the verification: nine, all done.
    expect(byUnit.body.at(-1)).toMatchObject({ unitCode: null, tasksGiven: 9, tasksCompleted: 9 });
  });

  it('has the Quality Representative prepare the inputs the records lack, before the review', async () => {
    const preparation = await taskOf('qmr', 'review-preparation', { days: 120 });
    const inputs = {
      changesInIssues: 'Luật Đất đai 2024 có hiệu lực từ 01/8/2024.',
      customerSatisfaction: 'Khảo sát tại bộ phận một cửa: 96% hài lòng.',
      externalProviders: 'Bưu điện tỉnh trả kết quả đúng hẹn.',
      resources: 'Thiếu một máy quét tại bộ phận một cửa.',
      risksAndOpportunities: 'Nhắc hạn tự động đã giảm hồ sơ trễ hạn.',
      notes: { auditResults: 'Điểm không phù hợp đã khắc phục trong tháng 11.' },
    };
    expect((await complete('leader', preparation.id, inputs)).status).toBe(403);
    const blank = await complete('qmr', preparation.id, { ...inputs, resources: ' ' });
    expect(blank.status).toBe(422);
    expect(JSON.stringify(blank.body)).toContain('resources');
    expect((await complete('qmr', preparation.id, inputs)).status).toBe(200);
  });

  it('holds the management review in December on the compiled inputs, and closes the year', async () => {
    const task = await taskOf('leader', 'management-review', { days: 120 });
    const inputs = await org.as<{ inputs: Record<string, unknown> }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/review`,
    );
    expect(inputs.status).toBe(200);
    expect(JSON.stringify(inputs.body.inputs)).toContain('minor-nc');
    // The Quality Representative's inputs are in the pack, with who entered them.
    expect(inputs.body.inputs).toMatchObject({
      resources: 'Thiếu một máy quét tại bộ phận một cửa.',
      notes: { auditResults: 'Điểm không phù hợp đã khắc phục trong tháng 11.' },
      entered: { status: 'entered', enteredBy: org.idOf('qmr') },
    });
    const held = await complete('leader', task.id, HELD_REVIEW);
    expect(held.status).toBe(200);

    const closed = await eventually(
      'the close of the year',
      async () => {
        const answer = await org.as<{ status?: string; live: { executionStatus: string } }>(
          'qmr',
          'GET',
          `/api/v1/cycles/${cycleId}`,
        );
        return answer.body.live.executionStatus === 'COMPLETED' ? answer.body : undefined;
      },
      { days: 60 },
    );
    expect(closed.status).toBe('closed');
    // A staff member reads the year's phases off the cycle, in order, though not its event log.
    const asStaff = await org.as<{ phasesEntered: { phase: string; enteredAt: string }[] }>(
      'staff.tthc',
      'GET',
      `/api/v1/cycles/${cycleId}`,
    );
    expect(asStaff.body.phasesEntered.map((p) => p.phase)).toEqual([
      'objectives-approval',
      'assignment',
      'monitoring',
      'internal-audit',
      'management-review',
      'closing',
    ]);
    const times = asStaff.body.phasesEntered.map((p) => p.enteredAt);
    expect([...times].sort()).toEqual(times);
    expect((await org.as('staff.tthc', 'GET', `/api/v1/cycles/${cycleId}/events`)).status).toBe(403);
    const results = await org.as<{ objectiveId: string; status: string }[]>(
      'staff.tthc',
      'GET',
      `/api/v1/cycles/${cycleId}/results`,
    );
    expect(results.body.map((r) => r.objectiveId).sort()).toEqual([
      'obj-1',
      'obj-2',
      'obj-3',
      'obj-4',
      'obj-5',
    ]);
    // The engine measured objective 5 itself: one internal audit held.
    expect(results.body.find((r) => r.objectiveId === 'obj-5')?.status).toBe('achieved');
    // The year's report: the closed audit with its one corrected nonconformity, and the review's action.
    const report = await org.as<{
      audit: { status: string; nonconformities: { status: string; effective: boolean | null }[] };
      review: { actions: { title: string; status: string | null; carriedForward: boolean }[] };
    }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/report`);
    expect(report.body.audit).toMatchObject({
      status: 'closed',
      nonconformities: [{ status: 'closed', effective: true }],
    });
    // Its owner never reported on it: the close carried it into next year's review.
    expect(report.body.review.actions).toEqual([
      {
        title: 'Số hóa phiếu kiểm soát quá trình',
        ownerUnitCode: expect.any(String),
        dueDate: expect.any(String),
        status: 'open',
        carriedForward: true,
      },
    ]);
  });

  it("keeps who did what in the cycle's event log, and shows nothing of it to another organisation", async () => {
    const log = await org.as<{ items: { type: string; actor: string }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/events?type=audit.&limit=100`,
    );
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'audit.planned', actor: org.idOf('lead.auditor') }),
        expect.objectContaining({ type: 'audit.step-signed-off', actor: org.idOf('auditor.kinhte') }),
        expect.objectContaining({ type: 'audit.closed', actor: org.idOf('lead.auditor') }),
      ]),
    );
    // Each event names what it is about, so the log reads which step was signed off, which
    // nonconformity a file went to and was verified, not only that one was.
    type Subject = {
      id: string;
      kind: string;
      title: { vi: string } | null;
      unitCode: string | null;
      finding: string | null;
    };
    const about = async (type: string) => {
      const page = await org.as<{ items: { type: string; subject: string | null }[]; subjects: Subject[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/events?type=${type}&limit=100`,
      );
      expect(page.status).toBe(200);
      return page.body.items.map((item) => ({
        type: item.type,
        subject: page.body.subjects.find((subject) => subject.id === item.subject),
      }));
    };
    const signedOff = (await about('audit.step-signed-off')).map((event) => event.subject?.title?.vi);
    expect(signedOff).toHaveLength(plan().steps.length);
    for (const step of plan().steps)
      expect(signedOff).toContainEqual(
        expect.stringMatching(new RegExp(`^Đánh giá ${step.process} \\(${step.clause}\\) tại `)),
      );
    // A report's figures: its task, the period by its key (the pages say it in words).
    const measured = await about('measurement.reported');
    expect(measured.length).toBeGreaterThan(0);
    for (const event of measured)
      expect(event.subject).toMatchObject({
        kind: 'task',
        title: { vi: expect.stringMatching(/^Báo cáo số liệu mục tiêu \d+ kỳ /) },
        periodKey: expect.any(String),
      });
    // Each report's unit, the one its objective was delegated to above; the approval, the whole
    // organisation's, none.
    const delegatedTo: Record<string, string> = { 2: 'vp-tonghop', 3: 'vp-kiemsoat-tthc', 4: 'vp-ttpvhcc' };
    for (const { subject } of measured) {
      const report = subject!.title!.vi;
      expect([report, subject!.unitCode]).toEqual([
        report,
        delegatedTo[/mục tiêu (\d+) kỳ/.exec(report)![1]],
      ]);
    }
    const approved = (await about('task.completed')).filter((event) =>
      event.subject?.title?.vi.startsWith('Phê duyệt mục tiêu chất lượng'),
    );
    expect(approved.length).toBeGreaterThan(0);
    expect(approved.map((event) => event.subject!.unitCode)).toEqual(approved.map(() => null));
    const finding = {
      kind: 'corrective-action',
      unitCode: 'vp-kiemsoat-tthc',
      finding: 'Phiếu kiểm soát quá trình giải quyết hồ sơ không ghi đủ thời điểm chuyển bước.',
      title: null,
    };
    const corrected = await about('corrective-action.');
    expect(corrected.map((event) => event.type).sort()).toEqual([
      'corrective-action.closed',
      'corrective-action.opened',
      'corrective-action.planned',
    ]);
    for (const event of corrected) expect(event.subject).toMatchObject(finding);
    expect(await about('evidence.uploaded')).toContainEqual({
      type: 'evidence.uploaded',
      subject: expect.objectContaining(finding),
    });

    // One record's whole history: the corrective action's events, its tasks' and the file uploaded
    // to it, oldest first, and nothing else.
    const correctiveAction = `quality-cycle/${organisationCode}/2024/audit/ca/s2`;
    const itsHistory = await org.as<{ items: { type: string; subject: string | null }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/events?subject=${encodeURIComponent(correctiveAction)}&order=asc&limit=100`,
    );
    expect(itsHistory.status).toBe(200);
    expect(itsHistory.body.items.map((item) => item.type)).toEqual(
      expect.arrayContaining([
        'corrective-action.opened',
        'task.opened',
        'evidence.uploaded',
        'task.completed',
        'corrective-action.planned',
        'corrective-action.closed',
      ]),
    );
    // In the order it went (the upload is stamped with the real clock, the rehearsal's workflow
    // events with the time-skipping server's, so it is left out of the order here).
    const order = itsHistory.body.items
      .map((item) => item.type)
      .filter((type) => type.startsWith('corrective-action.'));
    expect(order).toEqual([
      'corrective-action.opened',
      'corrective-action.planned',
      'corrective-action.closed',
    ]);
    for (const item of itsHistory.body.items)
      expect(item.subject === correctiveAction || item.subject?.startsWith(`${correctiveAction}/`)).toBe(
        true,
      );
    // A step's: its task and its sign-off, not its finding's corrective action.
    const signOffs = await org.as<{ items: { subject: string }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/events?type=audit.step-signed-off&limit=1`,
    );
    const step = signOffs.body.items[0].subject;
    const stepHistory = await org.as<{ items: { type: string; subject: string }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/events?subject=${encodeURIComponent(step)}&limit=100`,
    );
    expect(new Set(stepHistory.body.items.map((item) => item.subject))).toEqual(new Set([step]));
    expect(stepHistory.body.items.map((item) => item.type)).toContain('audit.step-signed-off');
    // Not a record's id: refused, naming the field.
    const refused = await org.as<{ details: { fields: Record<string, unknown> } }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/events?subject=${encodeURIComponent('%')}`,
    );
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.details.fields)).toEqual(['subject']);

    const other = `ot-${uniqueSuffix()}`;
    const created = await org.as('admin', 'POST', '/api/v1/organisations', {
      code: other,
      name: { vi: 'Tỉnh khác', en: 'Another province' },
      firstAdmin: {
        fullName: 'Quản trị',
        email: `admin@${other}.qcycle.test`,
        password: 'another-initial-password',
      },
    });
    expect(created.status).toBe(201);
    const outsider = await http.call<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      body: { email: `admin@${other}.qcycle.test`, password: 'another-initial-password' },
    });
    for (const path of [
      `/api/v1/cycles/${cycleId}`,
      `/api/v1/cycles/${cycleId}/audit`,
      `/api/v1/cycles/${cycleId}/results`,
      taskPath(measurementTaskId),
    ]) {
      const answer = await http.call('GET', path, { token: outsider.body.accessToken });
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(http)).toEqual([]);
  });
});
