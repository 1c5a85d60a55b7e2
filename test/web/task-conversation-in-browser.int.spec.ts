import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from '../api/support/demo-organisation';
import { YearOverHttp } from '../api/support/year-over-http';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, pagePath, type Tab } from './support/web-suite';

/**
 * "Trao đổi về việc" in chromium: the leader, about to approve the year's objectives, asks a
 * question on the approval's page; the Quality Representative, on a phone, reads it on the same
 * task's page and answers; the leader finds the answer under the question, and both in the task's
 * history. The API serving the built web app, the worker, PostgreSQL and the time-skipping Temporal
 * server; each state checked with axe-core and photographed (test-results/screenshots/task-conversation*).
 */
describe('messages about a task on its page (chromium; API, worker, PostgreSQL, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  let approval: TaskSummary;
  const organisationCode = `tcb-${uniqueSuffix()}`;
  const question =
    'Chỉ số của mục tiêu 4 có tính cả hồ sơ liên thông không?\nXin trả lời trước khi tôi phê duyệt.';
  const answer = 'Có tính cả hồ sơ liên thông; kế hoạch thực hiện đã ghi rõ.';
  // People as the pages name them: with their title, as the directory has it.
  const LEADER = 'Nguyễn Hữu Tháp (Phó Chủ tịch UBND tỉnh)';
  const QMR = 'Trần Quốc Việt (Chánh Văn phòng UBND tỉnh)';

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(['leader', 'qmr'].map((local) => org.tokenOf(local)));
    const year = new YearOverHttp(org, env);
    await year.start(organisationCode);
    approval = await year.taskOf('leader', 'objectives-approval');
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  const as = (local: string): Promise<Tab> => browser.tabOf(org.email(local), DEMO_PASSWORD);
  const conversation = (tab: Tab) => tab.page.getByRole('region', { name: vi('tasks:conversation.title') });

  it('takes the question the leader writes on the task, says to whom it went, and shows it with its lines', async () => {
    const leader = await as('leader');
    await leader.open(pagePath(approval.id));
    const section = conversation(leader);
    await section.getByText(vi('tasks:conversation.none')).waitFor();
    const send = section.getByRole('button', { name: vi('tasks:conversation.send') });
    // Nothing written, nothing to send.
    expect(await send.isDisabled()).toBe(true);
    await section.getByLabel(vi('tasks:conversation.text')).fill(question);
    await send.click();
    await section
      .getByRole('status')
      .filter({ hasText: vi('tasks:conversation.sent', { names: QMR }) })
      .waitFor();
    const written = section.getByRole('listitem').filter({ hasText: 'Nguyễn Hữu Tháp' });
    await written.waitFor();
    // Its two lines as written: line breaks kept on the page.
    expect(await written.locator('.task-conversation-text').innerText()).toBe(question);
    await expect(written.textContent()).resolves.toContain(vi('tasks:conversation.sentTo', { names: QMR }));
    expect(await section.getByLabel(vi('tasks:conversation.text')).inputValue()).toBe('');
    await leader.check('a question about the approval, sent', { screenshot: 'task-conversation' });
  });

  it('lets the Quality Representative read it on a phone and answer, and the leader find the answer under it', async () => {
    const qmr = await as('qmr');
    await qmr.page.setViewportSize({ width: 360, height: 800 });
    await qmr.open(pagePath(approval.id));
    const section = conversation(qmr);
    await section.getByText('Xin trả lời trước khi tôi phê duyệt.').waitFor();
    await section.getByLabel(vi('tasks:conversation.text')).fill(answer);
    await section.getByRole('button', { name: vi('tasks:conversation.send') }).click();
    await section
      .getByRole('status')
      .filter({ hasText: vi('tasks:conversation.sent', { names: LEADER }) })
      .waitFor();
    await qmr.check('the answer, sent from a phone', { screenshot: 'task-conversation-answer' });

    const leader = await as('leader');
    await leader.open(pagePath(approval.id));
    const messages = conversation(leader).getByRole('listitem');
    await messages.nth(1).waitFor();
    expect(await messages.count()).toBe(2);
    expect(await messages.nth(0).textContent()).toContain('Nguyễn Hữu Tháp');
    expect(await messages.nth(1).textContent()).toContain(`Trần Quốc Việt`);
    expect(await messages.nth(1).textContent()).toContain(answer);
    // Both in the task's history too, the record of who wrote what and when.
    const history = leader.page.getByRole('region', { name: vi('tasks:history.title') });
    expect(await history.getByText(vi('tasks:history.type.task.commented')).count()).toBe(2);

    const detail = await org.as<{ history: { type: string; actor: string }[] }>(
      'leader',
      'GET',
      taskPath(approval.id),
    );
    expect(detail.body.history.filter((h) => h.type === 'task.commented').map((h) => h.actor)).toEqual([
      org.idOf('leader'),
      org.idOf('qmr'),
    ]);
  });

  it("says in the leader's inbox that the approval is being talked about, and since when", async () => {
    const leader = await as('leader');
    await leader.open('/');
    const row = leader.page.getByRole('row').filter({ hasText: approval.title.vi });
    const note = row.locator('.inbox-comments');
    await note.waitFor();
    // "2 ý kiến trao đổi, mới nhất lúc 10:05 06/12/2026": the answer's time, as the page writes times.
    expect(await note.innerText()).toMatch(
      /^2 ý kiến trao đổi, mới nhất lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/,
    );
    await leader.check('the inbox, a task being talked about', { screenshot: 'my-tasks-comments' });
  });
});
