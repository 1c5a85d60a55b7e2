import { eventually, startTestSmtpServer, uniqueSuffix, type TestSmtpServer } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';
import { rehearsalInItsAudit } from './support/year-over-http';

interface Answer {
  number?: number;
  recipientUserIds?: string[];
  assigneeUserId?: string;
  copiedTo?: { userId: string; name: string }[];
  code?: string;
  message?: string;
}

interface TaskDetail extends TaskSummary {
  leadAuditorUserId?: string;
  history: { type: string; actor: string; payload: Record<string, unknown> }[];
}

/**
 * The lead auditor leads the audit's team and plan: an auditor's question about their step goes to
 * them, not to the Quality Representative; they open the step's task (as the rest of the audit team
 * may: they read each other's evidence too), answer the auditor, and urge a step not yet signed off
 * — but neither sign it off nor hand it over. Someone outside the team and the audited unit still
 * does not see the step. Real API and worker, PostgreSQL, a real SMTP server, the Temporal dev
 * server; people act over HTTP only.
 */
describe('the lead auditor and the steps of their audit (real API, worker, Temporal dev server, PostgreSQL, SMTP)', () => {
  let smtp: TestSmtpServer;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `as-${uniqueSuffix()}`;
  /** Huy's step s1: "Theo dõi nhiệm vụ trọng tâm" in the general affairs division (vp-tonghop). */
  let step: TaskSummary;
  /** Huy's step s2: "Kiểm soát thủ tục hành chính" in the administrative-procedures division. */
  let other: TaskSummary;
  /** Huy's step s3. */
  let third: TaskSummary;
  const question = 'Phòng Tổng hợp xin dời buổi phỏng vấn sang chiều thứ Năm; trưởng đoàn có đồng ý không?';
  const answer = 'Đồng ý, giữ nguyên các bước còn lại của kế hoạch.';

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    suite = await startApiSuite({ worker: true, smtp });
    org = await suite.seedDemoOrganisation(organisationCode);
    // Beyond those the walk into the audit signs in.
    await Promise.all(['admin', 'staff.tonghop', 'auditor.hcth'].map((local) => org.tokenOf(local)));
    const steps = await rehearsalInItsAudit(org);
    step = steps.find((s) => s.id.endsWith('/audit/step/s1'))!;
    other = steps.find((s) => s.id.endsWith('/audit/step/s2'))!;
    third = steps.find((s) => s.id.endsWith('/audit/step/s3'))!;
  }, 180_000);

  afterAll(() => suite?.close({ endCycles: [{ organisationCode, year: 2024 }] }));

  const write = (local: string, text: string) =>
    org.as<Answer>(local, 'POST', taskPath(step.id, '/comments'), { text });
  const messagesTo = (local: string, words: string) =>
    smtp
      .mailsTo(org.email(local))
      .filter((mail) => (mail.subject ?? '').includes('Trao đổi về việc') && mail.text?.includes(words));

  it("sends the auditor's question to the lead auditor only, with the step's link", async () => {
    const asked = await write('auditor.kinhte', question);
    expect(asked.status).toBe(201);
    expect(asked.body.recipientUserIds).toEqual([org.idOf('lead.auditor')]);
    const [mail] = await eventually('the mail to the lead auditor', async () => {
      const found = messagesTo('lead.auditor', question);
      return found.length > 0 ? found : undefined;
    });
    expect(mail.text).toContain('Người viết: Bùi Quang Huy');
    expect(mail.text).toMatch(/\/tasks\/[^\s]+\?token=/);
    // Neither the Quality Representative nor the head of the unit audited was written to.
    expect(messagesTo('qmr', question)).toEqual([]);
    expect(messagesTo('head.tonghop', question)).toEqual([]);
  });

  it('lets the lead auditor and the rest of the audit team open the step, and nobody else outside it', async () => {
    for (const local of ['lead.auditor', 'auditor.hcth']) {
      const seen = await org.as<TaskDetail>(local, 'GET', taskPath(step.id));
      expect(seen.status).toBe(200);
      // Whom the step's questions go to, named on the task.
      expect(seen.body.leadAuditorUserId).toBe(org.idOf('lead.auditor'));
      expect(seen.body.history.filter((h) => h.type === 'task.commented').map((h) => h.payload.text)).toEqual(
        [question],
      );
    }
    // Staff of the audited unit, and the head of a unit not audited here, still do not.
    expect((await org.as('staff.tonghop', 'GET', taskPath(step.id))).status).toBe(403);
    expect((await org.as('head.tthc', 'GET', taskPath(step.id))).status).toBe(403);
    expect((await write('staff.tonghop', 'Xin hỏi')).status).toBe(403);
  });

  it("takes the lead auditor's answer from the mail's link, back to the auditor alone", async () => {
    // The link in her mail opens a session for that step alone, from which she answers.
    const token = new URL(
      /https?:\/\/\S+\?token=\S+/.exec(messagesTo('lead.auditor', question)[0].text ?? '')![0],
    ).searchParams.get('token');
    const session = await suite.http.call<{ accessToken: string }>(
      'POST',
      taskPath(step.id, '/link-session'),
      { body: { token } },
    );
    expect(session.status).toBe(200);
    const answered = await suite.http.call<Answer>('POST', taskPath(step.id, '/comments'), {
      token: session.body.accessToken,
      body: { text: answer },
    });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ number: 2, recipientUserIds: [org.idOf('auditor.kinhte')] });
    await eventually('the answer to the auditor', async () =>
      messagesTo('auditor.kinhte', answer).length > 0 ? true : undefined,
    );
    expect(messagesTo('qmr', answer)).toEqual([]);
  });

  it('lets the lead auditor urge the auditor of a step not signed off, and nobody else of the team', async () => {
    const urge = (local: string, taskId: string) =>
      org.as<Answer>(local, 'POST', taskPath(taskId, '/urge'), { note: 'Xin hoàn thành trước thứ Sáu.' });
    const urged = await urge('lead.auditor', other.id);
    expect(urged.status).toBe(200);
    // She leads the audit: nobody else answers for the step, nobody is copied.
    expect(urged.body).toMatchObject({ assigneeUserId: org.idOf('auditor.kinhte'), number: 1, copiedTo: [] });
    const [mail] = await eventually('the urging mail to the auditor', async () => {
      const found = smtp
        .mailsTo(org.email('auditor.kinhte'))
        .filter((m) => (m.subject ?? '').includes('Đôn đốc'));
      return found.length > 0 ? found : undefined;
    });
    expect(mail.text).toContain('Người đôn đốc: Lý Thị Mai');
    expect(mail.text).toContain('Lời nhắn: Xin hoàn thành trước thứ Sáu.');
    // Another auditor of the team, and the head of the unit audited (the step judges it), may not.
    expect((await urge('auditor.hcth', step.id)).status).toBe(403);
    const byAuditee = await urge('head.tonghop', step.id);
    expect(byAuditee.status).toBe(403);
    expect(byAuditee.body.message).toContain('trưởng đoàn đánh giá');
    // Handing a step over stays the Quality Representative's.
    const handOver = await org.as<Answer>('lead.auditor', 'POST', taskPath(other.id, '/reassign'), {
      toUserId: org.idOf('auditor.hcth'),
      reason: 'Đổi chuyên gia đánh giá',
    });
    expect(handOver.status).toBe(403);
    expect((await org.as<TaskDetail>('qmr', 'GET', taskPath(other.id))).body.assigneeUserId).toBe(
      org.idOf('auditor.kinhte'),
    );
  });

  it('copies the lead auditor when the Quality Representative urges a step of her audit', async () => {
    const urged = await org.as<Answer>('qmr', 'POST', taskPath(third.id, '/urge'), {});
    expect(urged.status).toBe(200);
    expect(urged.body).toMatchObject({
      assigneeUserId: org.idOf('auditor.kinhte'),
      copiedTo: [{ userId: org.idOf('lead.auditor'), name: 'Lý Thị Mai' }],
    });
    const copy = await eventually('the copy to the lead auditor', async () =>
      smtp
        .mailsTo(org.email('lead.auditor'))
        .find((m) => (m.subject ?? '').includes('Đôn đốc') && m.subject?.includes(third.title.vi)),
    );
    expect(copy.text).toContain(`giao cho Bùi Quang Huy vừa được đôn đốc; xin báo để ông/bà theo dõi.`);
    expect(copy.text).toContain('Người đôn đốc: Trần Quốc Việt');
    // Nor the heads of the units audited: a step is the audit team's work, not the unit's.
    for (const head of ['head.tonghop', 'head.tthc'])
      expect(smtp.mailsTo(org.email(head)).filter((m) => (m.subject ?? '').includes('Đôn đốc'))).toEqual([]);
  });

  it('says on the audit record, of each step not signed off, when it is due, its messages and its last urge', async () => {
    const audit = await org.as<{
      steps: {
        id: string;
        signedOffAt: string | null;
        task: {
          status: string;
          assigneeUserId: string;
          dueAt: string | null;
          overdue: boolean;
          urgedAt: string | null;
          commentCount: number;
        } | null;
      }[];
    }>('lead.auditor', 'GET', `/api/v1/cycles/${organisationCode}-2024/audit`);
    expect(audit.status).toBe(200);
    const taskOf = (id: string) => audit.body.steps.find((s) => s.id === id)?.task;
    expect(taskOf(step.id)).toMatchObject({
      status: 'open',
      assigneeUserId: org.idOf('auditor.kinhte'),
      dueAt: step.dueAt,
      urgedAt: null,
      commentCount: 2,
    });
    expect(taskOf(other.id)).toMatchObject({ status: 'open', commentCount: 0, urgedAt: expect.any(String) });
  });

  it('keeps the step the auditor’s to sign off: the lead auditor reads it, the auditor completes it', async () => {
    const detail = await org.as<TaskDetail>('lead.auditor', 'GET', taskPath(step.id));
    expect(detail.body.assigneeUserId).toBe(org.idOf('auditor.kinhte'));
    const byLead = await org.as<Answer>('lead.auditor', 'POST', taskPath(step.id, '/complete'), {
      outcome: { result: 'conformity', evidence: ['Sổ theo dõi nhiệm vụ trọng tâm năm 2024'] },
    });
    expect(byLead.status).toBe(403);
    expect(
      (await org.as<TaskDetail>('qmr', 'GET', taskPath(step.id))).body.history.map((h) => h.type),
    ).not.toContain('task.completed');
  });
});
