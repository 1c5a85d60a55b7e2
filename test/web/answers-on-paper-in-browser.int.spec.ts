import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eventually, startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from '../api/support/demo-organisation';
import { YearOverHttp } from '../api/support/year-over-http';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, pagePath, type Tab } from './support/web-suite';

/**
 * A leader who signs on paper and never signs in, in chromium: the Quality Representative opens the
 * leader's approval from the year's page and enters what the leader wrote on the printed draft, then,
 * on the next round, the decision the leader signed, with the day written on it. The decision is the
 * leader's, entered by the Quality Representative, and the leader's task says so. The API serving
 * the built web app, the worker, PostgreSQL and the time-skipping Temporal server; each state checked
 * with axe-core and photographed (test-results/screenshots/approval-on-paper*).
 */
describe("the leader's approval given on paper, entered by the Quality Representative (chromium; API, worker, PostgreSQL, time-skipping Temporal)", () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  let year: YearOverHttp;
  let firstRound: TaskSummary;
  const organisationCode = `aop-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  // People as the pages name them: with their title, as the directory has it.
  const LEADER = 'Nguyễn Hữu Tháp (Phó Chủ tịch UBND tỉnh)';
  const QMR = 'Trần Quốc Việt (Chánh Văn phòng UBND tỉnh)';
  const comments = 'Bổ sung thời gian hoàn thành mục tiêu 4 theo từng quý.';
  // "… do Trần Quốc Việt (…) ghi nhận lúc": the line under an answer entered from paper, up to its time.
  const enteredLine = vi('tasks:page.enteredOnPaper', { leader: LEADER, who: QMR, when: '@' })
    .split('@')[0]
    .trim();

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(['leader', 'qmr'].map((local) => org.tokenOf(local)));
    year = new YearOverHttp(org, env);
    await year.start(organisationCode);
    firstRound = await year.taskOf('leader', 'objectives-approval');
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  const as = (local: string): Promise<Tab> => browser.tabOf(org.email(local), DEMO_PASSWORD);
  const submitted = (tab: Tab) =>
    tab.page
      .getByRole('status')
      .filter({ hasText: vi('tasks:page.submitted') })
      .waitFor();

  it("offers the Quality Representative the leader's task to enter the comments written on the printed draft", async () => {
    const qmr = await as('qmr');
    await qmr.open(pagePath(firstRound.id));
    await qmr.page.getByRole('heading', { name: vi('tasks:page.onPaperTitle') }).waitFor();
    await qmr.page.getByText(vi('tasks:page.onPaper', { who: LEADER })).waitFor();
    // The choices name the leader whose answer it is.
    await qmr.page
      .getByRole('heading', { name: vi('tasks:approval.paper.returnTitle', { who: LEADER }) })
      .waitFor();
    await qmr.page.getByLabel(vi('tasks:approval.paper.comments'), { exact: true }).fill(comments);
    await qmr.check('the leader’s approval, to be entered from paper', { screenshot: 'approval-on-paper' });
    await qmr.page.getByRole('button', { name: vi('tasks:approval.paper.return') }).click();
    await submitted(qmr);
    expect(await qmr.page.locator('p.muted', { hasText: enteredLine }).count()).toBe(1);

    // The revision is the Quality Representative's, with the leader's comments.
    const revision = await year.taskOf('qmr', 'objectives-revision');
    const revised = await org.as('qmr', 'POST', taskPath(revision.id, '/complete'), {
      outcome: { note: 'Đã bổ sung thời gian theo quý cho mục tiêu 4.' },
    });
    expect(revised.status).toBe(200);
  });

  it('enters the decision the leader signed only with the day written on it, as the leader’s, entered by the Quality Representative', async () => {
    const secondRound = await year.taskOf('leader', 'objectives-approval');
    expect(secondRound.id).not.toBe(firstRound.id);
    const qmr = await as('qmr');
    await qmr.open(pagePath(secondRound.id));
    // What the leader asked, as theirs (not "yours": the reader is the Quality Representative).
    await qmr.page.getByText(vi('tasks:approval.paper.lastRoundComments', { who: LEADER })).waitFor();
    await qmr.page.getByText(comments).waitFor();
    await qmr.page.getByLabel(vi('tasks:approval.documentNumber'), { exact: true }).fill('12/QĐ-UBND');
    // Without the day on the paper: refused by that field, and nothing recorded.
    await qmr.page.getByRole('button', { name: vi('tasks:approval.paper.approve') }).click();
    const signingDate = qmr.page.getByLabel(vi('tasks:approval.paper.signingDate'), { exact: true });
    await qmr.page.locator('[aria-invalid="true"]').first().waitFor();
    expect(await signingDate.getAttribute('aria-invalid')).toBe('true');
    await qmr.check('a decision signed on paper, entered without its day', {
      screenshot: 'approval-on-paper-undated',
    });
    await signingDate.fill('2024-01-05');
    await qmr.page.getByRole('button', { name: vi('tasks:approval.paper.approve') }).click();
    await submitted(qmr);

    const decision = await eventually('the decision record', async () => {
      const answer = await org.as('leader', 'GET', `/api/v1/cycles/${cycleId}/decision`);
      return answer.status === 200 ? answer.body : undefined;
    });
    expect(decision).toMatchObject({
      documentNumber: '12/QĐ-UBND',
      signingDate: '2024-01-05',
      signerName: 'Nguyễn Hữu Tháp',
      signedBy: org.idOf('leader'),
      enteredBy: org.idOf('qmr'),
      rounds: 2,
    });

    // The leader, signing in later, finds their task done, and by whom it was entered.
    const leader = await as('leader');
    await leader.open(pagePath(secondRound.id));
    await leader.page.locator('p.muted', { hasText: enteredLine }).waitFor();
    await leader.check('the leader’s task, entered from paper', { screenshot: 'approval-on-paper-entered' });
  });
});
