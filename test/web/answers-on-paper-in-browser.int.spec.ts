import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { ManagementReviewEntity } from '@qcycle/persistence';
import { eventually, startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from '../api/support/demo-organisation';
import { YearOverHttp } from '../api/support/year-over-http';
import { download } from '../documents/support/document-download';
import { normalise, pdfText } from '../documents/support/document-text';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, pagePath, type Tab } from './support/web-suite';

/**
 * A leader who signs on paper and never signs in, in chromium: the Quality Representative opens the
 * leader's approval and enters what the leader wrote on the printed draft, then, on the next round,
 * the decision the leader signed, with the day written on it; at the year's end, the minutes of the
 * management review the leader chaired and signed. The decision and the review are the leader's,
 * entered by the Quality Representative, and the leader's tasks say so. The API serving the built
 * web app, the worker, PostgreSQL and the time-skipping Temporal server; each state checked with
 * axe-core and photographed (test-results/screenshots/approval-on-paper*, review-on-paper*).
 */
describe('answers the leader gave on paper, entered by the Quality Representative (chromium; API, worker, PostgreSQL, time-skipping Temporal)', () => {
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
  const SCAN = 'QĐ 12 đã ký, đóng dấu.pdf';
  const MINUTES_SCAN = 'Biên bản họp đã ký.pdf';
  const ANNOTATED = 'Dự thảo có ý kiến lãnh đạo.pdf';
  // "… do Trần Quốc Việt (…) ghi nhận lúc": the line under an answer entered from paper, up to its time.
  const enteredLine = vi('tasks:page.enteredOnPaper', { leader: LEADER, who: QMR, when: '@' })
    .split('@')[0]
    .trim();

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(['leader', 'qmr', 'head.tthc', 'head.tonghop'].map((local) => org.tokenOf(local)));
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
    await qmr.page
      .getByRole('heading', { name: vi('tasks:page.onPaperTitle.objectives-approval') })
      .waitFor();
    await qmr.page.getByText(vi('tasks:page.onPaper.objectives-approval', { who: LEADER })).waitFor();
    // The choices name the leader whose answer it is.
    await qmr.page
      .getByRole('heading', { name: vi('tasks:approval.paper.returnTitle', { who: LEADER }) })
      .waitFor();
    await qmr.page.getByLabel(vi('tasks:approval.paper.comments'), { exact: true }).fill(comments);
    // The printed draft the leader wrote on, scanned, with the return: not offered in the approve
    // choice's box as a file uploaded earlier.
    await qmr.page
      .getByRole('group', { name: vi('tasks:approval.annotatedDraft') })
      .getByLabel(vi('tasks:evidence.attach'), { exact: true })
      .setInputFiles({
        name: ANNOTATED,
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\nDu thao co y kien viet tay\n'),
      });
    await qmr.page.getByText(vi('tasks:evidence.uploaded', { name: ANNOTATED })).waitFor();
    await expect(
      qmr.page
        .getByRole('group', { name: vi('tasks:approval.signedCopy') })
        .getByText(vi('tasks:evidence.earlier'))
        .count(),
    ).resolves.toBe(0);
    await qmr.check('the leader’s approval, to be entered from paper', { screenshot: 'approval-on-paper' });
    await qmr.page.getByRole('button', { name: vi('tasks:approval.paper.return') }).click();
    await submitted(qmr);
    // Once the page has read the task again: who entered whose answer.
    await qmr.page.locator('p.muted', { hasText: enteredLine }).waitFor();

    // The revision is the Quality Representative's, with the leader's comments and the draft they
    // wrote them on.
    const revision = await year.taskOf('qmr', 'objectives-revision');
    await qmr.open(pagePath(revision.id));
    const scan = qmr.page
      .getByRole('region', { name: vi('tasks:revision.comments') })
      .getByRole('link', { name: ANNOTATED });
    await scan.waitFor();
    await qmr.check('the revision, with the scan of the draft written on', {
      screenshot: 'revision-annotated-draft',
    });
    const [saved] = await Promise.all([qmr.page.waitForEvent('download'), scan.click()]);
    expect(saved.suggestedFilename()).toBe(ANNOTATED);
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
    await qmr.page
      .getByRole('region', { name: vi('tasks:approval.lastRound.title', { round: 1 }) })
      .getByRole('link', { name: ANNOTATED })
      .waitFor();
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
    // The scan of the signed, sealed decision, kept with the year's records.
    await qmr.page
      .getByRole('group', { name: vi('tasks:approval.signedCopy') })
      .getByLabel(vi('tasks:evidence.attach'), { exact: true })
      .setInputFiles({
        name: SCAN,
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\nQuyet dinh 12/QD-UBND da ky, dong dau\n'),
      });
    await qmr.page.getByText(vi('tasks:evidence.uploaded', { name: SCAN })).waitFor();
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
      files: [expect.objectContaining({ fileName: SCAN })],
    });

    // The leader, signing in later, was told of both answers entered in their name; the notice
    // leads to the task, done, saying by whom it was entered.
    const leader = await as('leader');
    await leader.open('/notifications');
    const told = leader.page
      .getByRole('listitem')
      .filter({ hasText: vi('notifications:reasons.entered-on-paper') });
    await told.nth(1).waitFor();
    expect(await told.count()).toBe(2);
    await leader.check('the leader’s notifications: answers entered from paper', {
      screenshot: 'notifications.entered-on-paper',
    });
    await told.filter({ hasText: '(lần 2)' }).getByRole('link').click();
    await leader.page.waitForURL((url) => url.pathname === pagePath(secondRound.id));
    await leader.page.locator('p.muted', { hasText: enteredLine }).waitFor();
    await leader.check('the leader’s task, entered from paper', { screenshot: 'approval-on-paper-entered' });

    // The year's history: the approval recorded by whom it was entered, naming the leader who signed.
    await leader.open(`/cycles/${encodeURIComponent(cycleId)}/history`);
    const signedBy = leader.page
      .locator('.event-fact')
      .filter({ has: leader.page.getByText(vi('tasks:history.field.signedBy'), { exact: true }) });
    await signedBy.waitFor();
    expect(await signedBy.locator('dd').innerText()).toContain('Nguyễn Hữu Tháp');
    // Its row says who did it: the Quality Representative, who entered it.
    const approvedRow = leader.page.getByRole('row').filter({ has: signedBy });
    expect(await approvedRow.innerText()).toContain(vi('cycles:eventType.objectives.approved'));
    expect(await approvedRow.innerText()).toContain('Trần Quốc Việt');

    // The year's documents: beside the decision qcycle prints, the scan of the one signed on paper.
    await leader.open(`/cycles/${encodeURIComponent(cycleId)}/documents`);
    const signedCopy = leader.page
      .getByRole('paragraph')
      .filter({ hasText: vi('cycles:documents.signedCopy') })
      .getByRole('link', { name: SCAN });
    await signedCopy.waitFor();
    await leader.check('the year’s documents, with the signed decision’s scan', {
      screenshot: 'documents-signed-copy',
    });
    const [saved] = await Promise.all([leader.page.waitForEvent('download'), signedCopy.click()]);
    expect(saved.suggestedFilename()).toBe(SCAN);
  });

  it('enters the minutes of the management review the leader chaired and signed on paper, as chaired by the leader', async () => {
    await year.assignAsProposed();
    // The decision was entered with its scan: the văn thư was asked for none (asked, it would have
    // been before the approval's workflow returned, so before this assignment).
    await expect(org.noticesOf('vanthu', 'paper-to-scan')).resolves.toEqual([]);
    await year.acceptUnits();
    // Nobody reports or prepares in this rehearsal: the review opens on its date all the same.
    await env.sleep('250 days');
    const review = await year.taskOf('leader', 'management-review', 30);
    const qmr = await as('qmr');
    await qmr.open(pagePath(review.id));
    await qmr.page.getByRole('heading', { name: vi('tasks:page.onPaperTitle.management-review') }).waitFor();
    await qmr.page.getByText(vi('tasks:page.onPaper.management-review', { who: LEADER })).waitFor();
    await qmr.page.getByLabel(vi('tasks:review.minutesRef'), { exact: true }).fill('BB-XXLĐ-2024');
    // The day on the signed minutes, which the minutes qcycle issues print.
    await qmr.page.getByLabel(vi('tasks:review.heldOn'), { exact: true }).fill('2024-12-13');
    // The scan of the signed minutes.
    await qmr.page.getByLabel(vi('tasks:evidence.attach')).setInputFiles({
      name: MINUTES_SCAN,
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\nBien ban hop xem xet cua lanh dao da ky\n'),
    });
    await qmr.page.getByText(vi('tasks:evidence.uploaded', { name: MINUTES_SCAN })).waitFor();
    await qmr.check('the leader’s review, its minutes to be entered from paper', {
      screenshot: 'review-on-paper',
    });
    await qmr.page.getByRole('button', { name: vi('tasks:review.paper.submit') }).click();
    await submitted(qmr);
    // Once the page has read the task again: who entered whose answer.
    await qmr.page.locator('p.muted', { hasText: enteredLine }).waitFor();

    const held = await eventually('the review held', async () => {
      const answer = await org.as<{ status: string }>('leader', 'GET', `/api/v1/cycles/${cycleId}/review`);
      return answer.body.status === 'held' ? answer.body : undefined;
    });
    expect(held).toMatchObject({ minutesRef: 'BB-XXLĐ-2024', heldOn: '2024-12-13' });
    // The minutes qcycle issues are dated by the meeting, and name the leader as chair.
    const minutes = await download(
      suite.http,
      org,
      'leader',
      `/api/v1/cycles/${cycleId}/review`,
      'application/pdf',
    );
    expect(minutes.status).toBe(200);
    const printed = normalise(pdfText(minutes.bytes));
    expect(printed).toContain('ngày 13 tháng 12 năm 2024');
    expect(printed).toContain('Nguyễn Hữu Tháp');

    // The year's review page gives the meeting's day apart from when its minutes were entered.
    const leader = await as('leader');
    await leader.open(`/cycles/${encodeURIComponent(cycleId)}/review`);
    // (Once in the review's facts, once in the year's report on the same page.)
    const days = leader.page
      .locator('.facts div')
      .filter({ has: leader.page.getByText(vi('cycles:review.heldOn'), { exact: true }) })
      .locator('dd');
    await days.first().waitFor();
    expect(await days.allInnerTexts()).toEqual(['13/12/2024', '13/12/2024']);
    // The year's report says the decision was signed on paper, and who entered it.
    const signer = leader.page
      .locator('.facts div')
      .filter({ has: leader.page.getByText(vi('cycles:report.signer'), { exact: true }) })
      .locator('dd');
    const enteredBy = vi('cycles:report.enteredOnPaper', { who: '@' }).split('@')[0];
    await signer.filter({ hasText: 'Trần Quốc Việt' }).waitFor();
    expect(await signer.innerText()).toContain(
      `Nguyễn Hữu Tháp, Phó Chủ tịch UBND tỉnh ${enteredBy}Trần Quốc Việt`,
    );
    await leader.page.getByText(vi('cycles:review.recordedAt'), { exact: true }).first().waitFor();
    await leader.check('the review held, its minutes entered from paper', {
      screenshot: 'review-on-paper-held',
    });
    // Chaired by the leader (whom the minutes print as chair), not by who entered them.
    const record = await suite.api
      .get(DataSource)
      .getRepository(ManagementReviewEntity)
      .findOneByOrFail({ cycleId });
    expect(record.chairedBy).toBe(org.idOf('leader'));
    // The year's history names the chair beside who entered the minutes.
    await leader.open(`/cycles/${encodeURIComponent(cycleId)}/history`);
    const chairedBy = leader.page
      .locator('.event-fact')
      .filter({ has: leader.page.getByText(vi('tasks:history.field.chairedBy'), { exact: true }) });
    await chairedBy.waitFor();
    expect(await chairedBy.locator('dd').innerText()).toContain('Nguyễn Hữu Tháp');
    expect(await leader.page.getByRole('row').filter({ has: chairedBy }).innerText()).toContain(
      'Trần Quốc Việt',
    );

    // The year's documents: beside the minutes qcycle prints, the scan of the ones signed; beside the
    // decision, its own.
    await leader.open(`/cycles/${encodeURIComponent(cycleId)}/documents`);
    const signedCopies = leader.page
      .getByRole('paragraph')
      .filter({ hasText: vi('cycles:documents.signedCopy') });
    await signedCopies.getByRole('link', { name: MINUTES_SCAN }).waitFor();
    // In the year's order: the decision's row, then the minutes'.
    expect(await signedCopies.count()).toBe(2);
    await signedCopies.nth(0).getByRole('link', { name: SCAN }).waitFor();
    await signedCopies.nth(1).getByRole('link', { name: MINUTES_SCAN }).waitFor();
    // The minutes were entered with their scan too: nor was the văn thư asked for theirs.
    await expect(org.noticesOf('vanthu', 'paper-to-scan')).resolves.toEqual([]);
  });
});
