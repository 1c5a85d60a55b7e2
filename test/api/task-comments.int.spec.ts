import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { childWorkflowIds, qualityCycleWorkflowId } from '@qcycle/contracts';
import {
  startTestSmtpServer,
  startTimeSkippingEnvironment,
  uniqueSuffix,
  type TestSmtpServer,
} from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';
import { undocumentedAnswers } from './support/openapi-coverage';
import { YearOverHttp } from './support/year-over-http';
import { recordHistories } from '../workflows/support/cycle-driver';

interface Answer {
  taskId?: string;
  number?: number;
  commentedAt?: string;
  recipientUserIds?: string[];
  code?: string;
  message?: string;
  details?: { fields?: Record<string, string[]> };
}

interface TaskDetail extends TaskSummary {
  history: { type: string; actor: string; payload: Record<string, unknown> }[];
}

/**
 * "Trao đổi về việc" over HTTP: the leader asks about the draft they are to approve, the Quality
 * Representative answers; a staff member asks about their quarterly report and the head of their
 * unit hears it. Each message is in the task's history with whom it went to, and mailed to them with
 * the task's link; who may not write, what is refused and why. The real API and worker, PostgreSQL,
 * a real SMTP server and the time-skipping Temporal server.
 */
describe('messages about an open task (API, worker, PostgreSQL, SMTP, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let smtp: TestSmtpServer;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  let approval: TaskSummary;
  const organisationCode = `tc-${uniqueSuffix()}`;
  const question = 'Mục tiêu 4 tính cả hồ sơ liên thông phải không?\nNếu có, xin bổ sung chỉ số.';
  const answer = 'Có tính cả hồ sơ liên thông; đã ghi rõ trong kế hoạch.';

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    smtp = await startTestSmtpServer();
    suite = await startApiSuite({ worker: true, temporal: env, smtp });
    org = await suite.seedDemoOrganisation(organisationCode);
    // The certification body's auditor, granted by the administrator.
    const created = await org.as<{ id: string }>('admin', 'POST', '/api/v1/users', {
      fullName: 'Đỗ Minh Khoa',
      email: org.email('external'),
      password: DEMO_PASSWORD,
    });
    expect(created.status).toBe(201);
    expect(
      (await org.as('admin', 'POST', `/api/v1/users/${created.body.id}/roles`, { role: 'external-auditor' }))
        .status,
    ).toBe(201);
    await Promise.all(
      ['leader', 'qmr', 'head.tthc', 'staff.tthc', 'staff.tonghop', 'external'].map((local) =>
        org.tokenOf(local),
      ),
    );
    year = new YearOverHttp(org, env);
    await year.start(organisationCode);
    approval = await year.taskOf('leader', 'objectives-approval');
  });

  afterAll(() => suite?.close());

  const write = async (local: string, taskId: string, body: Record<string, unknown>, requestId?: string) =>
    suite.http.call<Answer>('POST', taskPath(taskId, '/comments'), {
      token: await org.tokenOf(local),
      body,
      headers: requestId ? { 'x-request-id': requestId } : {},
    });
  /** The mails about a message that reached `local`, as the SMTP server received them. */
  const messagesTo = (local: string) =>
    smtp.mailsTo(org.email(local)).filter((mail) => (mail.subject ?? '').includes('Trao đổi về việc'));
  const commentEvents = async (taskId: string) =>
    (await org.as<TaskDetail>('qmr', 'GET', taskPath(taskId))).body.history.filter(
      (h) => h.type === 'task.commented',
    );

  it("sends the leader's question to the Quality Representative with the task's link, and records it", async () => {
    const asked = await write('leader', approval.id, { text: `  ${question}  ` });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      taskId: approval.id,
      number: 1,
      recipientUserIds: [org.idOf('qmr')],
    });

    const [mail] = await year.eventually('the mail to the Quality Representative', async () => {
      const found = messagesTo('qmr');
      return found.length > 0 ? found : undefined;
    });
    expect(mail.subject).toBe(`[qcycle] [Diễn tập] Trao đổi về việc: ${approval.title.vi}`);
    const text = mail.text ?? '';
    expect(text).toContain(`Có ý kiến trao đổi mới về việc "${approval.title.vi}" giao cho Nguyễn Hữu Tháp.`);
    expect(text).toContain('Người viết: Nguyễn Hữu Tháp');
    // The message's lines as written, each on its own line.
    expect(text).toContain(
      'Nội dung:\nMục tiêu 4 tính cả hồ sơ liên thông phải không?\nNếu có, xin bổ sung chỉ số.\n',
    );
    expect(text).toMatch(/\/tasks\/[^\s]+\?token=/);

    expect(await commentEvents(approval.id)).toEqual([
      expect.objectContaining({
        actor: org.idOf('leader'),
        payload: { taskId: approval.id, text: question, recipientUserIds: [org.idOf('qmr')] },
      }),
    ]);
    // In the Quality Representative's notifications too.
    const bell = await org.as<{ items: { reason: string; taskId: string }[] }>(
      'qmr',
      'GET',
      '/api/v1/me/notifications',
    );
    expect(bell.body.items.some((n) => n.reason === 'commented' && n.taskId === approval.id)).toBe(true);
  });

  it("takes the Quality Representative's answer from the mail's link, to the leader who asked; the same request twice writes once", async () => {
    // The link in her mail opens a session for that task alone, from which she answers.
    const token = new URL(
      /https?:\/\/\S+\?token=\S+/.exec(messagesTo('qmr')[0].text ?? '')![0],
    ).searchParams.get('token');
    const session = await suite.http.call<{ accessToken: string }>(
      'POST',
      taskPath(approval.id, '/link-session'),
      {
        body: { token },
      },
    );
    expect(session.status).toBe(200);
    const answerFromLink = () =>
      suite.http.call<Answer>('POST', taskPath(approval.id, '/comments'), {
        token: session.body.accessToken,
        body: { text: answer },
        headers: { 'x-request-id': 'answer-obj-4' },
      });
    const answered = await answerFromLink();
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ number: 2, recipientUserIds: [org.idOf('leader')] });
    const again = await answerFromLink();
    expect(again.status).toBe(201);
    expect(again.body.number).toBe(2);
    // From the same link, the decision the leader is asked to sign, as its draft: the task's own document.
    const draft = await fetch(`${suite.http.baseUrl}${taskPath(approval.id, '/decision-draft')}`, {
      headers: { authorization: `Bearer ${session.body.accessToken}` },
    });
    expect([draft.status, draft.headers.get('x-document-status')]).toEqual([200, 'draft']);
    expect(
      Buffer.from(await draft.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const mails = await year.eventually('the answer to the leader', async () => {
      const found = messagesTo('leader');
      return found.length > 0 ? found : undefined;
    });
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`Có ý kiến trao đổi mới về việc "${approval.title.vi}" của ông/bà.`);
    expect(mails[0].text).toContain(`Người viết: Trần Quốc Việt\nNội dung:\n${answer}\n`);
    expect((await commentEvents(approval.id)).map((e) => [e.actor, e.payload.text])).toEqual([
      [org.idOf('leader'), question],
      [org.idOf('qmr'), answer],
    ]);
    // The leader's inbox says the task is being talked about: two messages, the answer the latest.
    const inbox = await org.as<{
      items: { id: string; commentCount: number; lastCommentedAt: string | null }[];
    }>('leader', 'GET', '/api/v1/me/tasks');
    expect(inbox.body.items.find((task) => task.id === approval.id)).toMatchObject({
      commentCount: 2,
      lastCommentedAt: answered.body.commentedAt,
    });
  });

  it('refuses whoever may not write (403), a task not found (404), an empty, too long or unknown field (400)', async () => {
    // The certification body's auditor reads every task but writes on none; a staff member of
    // another unit does not see the leader's task.
    const external = await write('external', approval.id, { text: 'Xin hỏi' });
    expect(external.status).toBe(403);
    expect(external.body.message).toContain('chỉ được xem hồ sơ');
    expect((await write('staff.tonghop', approval.id, { text: 'Xin hỏi' })).status).toBe(403);
    expect(
      (await write('qmr', `quality-cycle/${organisationCode}/2024/approval/approve/9`, { text: 'x' })).status,
    ).toBe(404);
    for (const body of [{ text: '   ' }, { text: 'x'.repeat(2001) }, {}]) {
      const refused = await write('qmr', approval.id, body);
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.details?.fields ?? {})).toEqual(['text']);
    }
    // The published schema says so: a blank message is one the schema refuses too (the fuzzer's rule).
    const document = (await (await fetch(`${suite.http.baseUrl}/api/docs-json`)).json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    expect(document.components.schemas.CommentTaskDto.properties.text).toMatchObject({
      pattern: '\\S',
      minLength: 1,
      maxLength: 2000,
    });
    const unknown = await write('qmr', approval.id, { text: 'x', to: 'leader' });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.details?.fields ?? {})).toEqual(['to']);
    expect(await commentEvents(approval.id)).toHaveLength(2);
  });

  it('takes no message about a task no longer open (409), and keeps those written in its history', async () => {
    await year.approve();
    const closed = await write('leader', approval.id, { text: 'Đã phê duyệt.' });
    expect(closed.status).toBe(409);
    expect(await commentEvents(approval.id)).toHaveLength(2);
    // The approval, asked about and answered, then approved: the `commented` history (replayed).
    await recordHistories(env.client, 'commented', [
      childWorkflowIds.approval(qualityCycleWorkflowId(organisationCode, 2024)),
    ]);
  });

  it("sends a staff member's question about their report to the head of their unit, and the head's answer back", async () => {
    await year.assignAsProposed();
    const acceptance = await year.taskOf('head.tthc', 'unit-acceptance');
    const accepted = await year.complete('head.tthc', acceptance.id, {
      accepted: true,
      staffDelegations: [{ objectiveId: 'obj-3', userId: org.idOf('staff.tthc') }],
    });
    expect(accepted.status).toBe(200);
    const report = await year.taskOf('staff.tthc', 'measurement-report', 130);
    const asked = await write('staff.tthc', report.id, { text: 'Quý này có tính hồ sơ rút lại không ạ?' });
    expect(asked.status).toBe(201);
    expect(asked.body.recipientUserIds).toEqual([org.idOf('head.tthc')]);
    await year.eventually('the question to the unit head', async () =>
      messagesTo('head.tthc').some((mail) => mail.text?.includes('Quý này có tính hồ sơ rút lại không ạ?'))
        ? true
        : undefined,
    );
    const answered = await write('head.tthc', report.id, { text: 'Không tính hồ sơ rút lại.' });
    expect(answered.body.recipientUserIds).toEqual([org.idOf('staff.tthc')]);
    await year.eventually('the answer to the staff member', async () =>
      messagesTo('staff.tthc').some((mail) => mail.text?.includes('Không tính hồ sơ rút lại.'))
        ? true
        : undefined,
    );
    // Nobody else was written to about it.
    expect(messagesTo('qmr').filter((mail) => mail.text?.includes('hồ sơ rút lại'))).toEqual([]);
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(suite.http)).toEqual([]);
  });
});
