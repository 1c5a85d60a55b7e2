import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { childWorkflowIds, qualityCycleWorkflowId } from '@qcycle/contracts';
import { eventually, startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import { YearOverHttp } from '../api/support/year-over-http';
import { HELD_REVIEW } from '../api/support/year-fixtures';
import { recordHistories } from '../workflows/support/cycle-driver';
import { vi } from './support/catalogue';
import { uploadSignedCopy } from './support/signed-copies';
import { browserSuiteConfig, BrowserSession, type Tab } from './support/web-suite';

/**
 * The signed papers the year's dossier lacks a scan of, on the văn thư's My tasks (chromium,
 * Vietnamese; docs/web.md "My tasks"): not while the year runs its months, but once its management
 * review has begun, before the close makes the records final: the decision approved without a scan,
 * then the minutes of a review held without one, each gone once scanned, with the day the year
 * closes. And the văn thư's notices, one per paper recorded without its scan, leading to where it is
 * added (docs/notifications.md "The văn thư, of a signed paper to scan"). A 2024 rehearsal walked over
 * HTTP on the time-skipping Temporal server, the API serving the built web app, the worker and
 * PostgreSQL; checked with axe-core and photographed (test-results/screenshots/my-tasks-papers-to-scan.*.png,
 * notifications.paper-to-scan.*.png).
 */
describe('the signed papers still to scan, on the văn thư’s My tasks (chromium; API, worker, PostgreSQL, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  let year: YearOverHttp;
  const organisationCode = `pts-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const SCAN = 'QĐ 123 đã ký, đóng dấu.pdf';

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(['leader', 'qmr', 'head.tthc', 'head.tonghop'].map((local) => org.tokenOf(local)));
    year = new YearOverHttp(org, env);
    await year.start(organisationCode);
    // Approved as 123/QĐ-UBND, and no scan of the signed paper given.
    await year.approve();
    await year.assignAsProposed();
    await year.acceptUnits();
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  const as = (local: string): Promise<Tab> => browser.tabOf(org.email(local), DEMO_PASSWORD);
  const panelOf = (tab: Tab) => tab.page.getByRole('region', { name: vi('tasks:inbox.toScan.title') });
  /**
   * My tasks, settled; for those who add scans, once it has read the running years (what the panel
   * is drawn from). Anyone else's page reads no years for it.
   */
  const openMyTasks = async (tab: Tab, addsScans = true) => {
    await Promise.all([
      addsScans &&
        tab.page.waitForResponse((response) => response.url().includes('/api/v1/cycles?status=running')),
      tab.open('/'),
    ]);
    await tab.page.getByRole('heading', { name: vi('tasks:inbox.title'), level: 1 }).waitFor();
    await tab.settled();
  };
  /** The day the year closes as the page writes it: the calendar's day, moved by the rehearsal's shift. */
  const closeDay = async () => {
    const { body } = await org.as<{ live: { scheduleShiftMs?: number; dates: { closeDate: string } } }>(
      'vanthu',
      'GET',
      `/api/v1/cycles/${cycleId}`,
    );
    const closes =
      Date.parse(`${body.live.dates.closeDate}T01:00:00.000Z`) + (body.live.scheduleShiftMs ?? 0);
    return new Intl.DateTimeFormat('vi-VN', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'Asia/Ho_Chi_Minh',
    }).format(closes);
  };
  const DECISION_ASKED =
    '[qcycle] [Diễn tập] Văn bản đã ký cần bản chụp: Quyết định số 123/QĐ-UBND phê duyệt mục tiêu chất lượng năm 2024';
  const lineFor = async (documentType: 'objectives-decision' | 'review-minutes') =>
    [
      vi('tasks:inbox.toScan.year', {
        cycle: vi('tasks:page.cycleOfYear', { year: 2024 }),
        documents: vi(`cycles:documents.type.${documentType}`),
      }),
      vi('tasks:inbox.toScan.closes', { date: await closeDay() }),
      vi('tasks:inbox.rehearsal'),
    ].join(' ');

  it('while the year runs its months, the decision without a scan is not on My tasks (the documents page says it)', async () => {
    const clerk = await as('vanthu');
    await openMyTasks(clerk);
    await expect(panelOf(clerk).count()).resolves.toBe(0);
  });

  it('the văn thư, and only the văn thư, was asked for the scan once the decision was approved without one; the notice leads to where it is added', async () => {
    // Asked before the approval's workflow returned, so before the assignment the year has reached.
    await expect(org.noticesOf('vanthu', 'paper-to-scan')).resolves.toEqual([DECISION_ASKED]);
    await expect(org.noticesOf('qmr', 'paper-to-scan')).resolves.toEqual([]);
    await expect(org.noticesOf('leader', 'paper-to-scan')).resolves.toEqual([]);
    const clerk = await as('vanthu');
    await clerk.open('/notifications');
    const asked = clerk.page
      .getByRole('listitem')
      .filter({ hasText: vi('notifications:reasons.paper-to-scan') });
    await asked.getByRole('link', { name: DECISION_ASKED.replace('[qcycle] ', ''), exact: true }).waitFor();
    // Where it stands now, as a task's notice says whether the task is done.
    await asked.getByText(vi('notifications:paperNow.missing'), { exact: true }).waitFor();
    await clerk.check('the văn thư’s notifications: the signed decision to scan', {
      screenshot: 'notifications.paper-to-scan',
    });
    await asked.getByRole('link').click();
    await clerk.page.waitForURL((url) => url.pathname === `/cycles/${encodeURIComponent(cycleId)}/documents`);
    await clerk.page
      .getByRole('region', { name: vi('cycles:documents.yearTitle') })
      .getByRole('button', { name: vi('cycles:documents.addSignedCopy') })
      .waitFor();
  });

  it('once the review has begun, the văn thư reads the decision without a scan and the day the year closes; its link leads to where the scan is added, and then it is gone', async () => {
    // Nobody reports or prepares in this rehearsal: the review opens on its date all the same.
    await env.sleep('250 days');
    await year.taskOf('leader', 'management-review', 30);
    const clerk = await as('vanthu');
    await openMyTasks(clerk);
    const panel = panelOf(clerk);
    await panel.getByText(vi('tasks:inbox.toScan.lead'), { exact: true }).waitFor();
    await expect(panel.getByRole('listitem').allInnerTexts()).resolves.toEqual([
      await lineFor('objectives-decision'),
    ]);
    await clerk.check('My tasks, the signed decision still to scan', {
      screenshot: 'my-tasks-papers-to-scan',
    });

    // The Quality Representative, who also adds scans, reads it; a staff member does not.
    const qmr = await as('qmr');
    await openMyTasks(qmr);
    await panelOf(qmr).getByRole('listitem').waitFor();
    const staff = await as('staff.tthc');
    await openMyTasks(staff, false);
    await expect(panelOf(staff).count()).resolves.toBe(0);

    // The link opens the year's documents, where the decision's row takes the scan.
    await panel.getByRole('link').click();
    await clerk.page.waitForURL((url) => url.pathname === `/cycles/${encodeURIComponent(cycleId)}/documents`);
    const yearDocuments = clerk.page.getByRole('region', { name: vi('cycles:documents.yearTitle') });
    await yearDocuments.getByRole('button', { name: vi('cycles:documents.addSignedCopy') }).click();
    await uploadSignedCopy(clerk.page, 'objectives-decision', SCAN, 'Quyet dinh 123/QD-UBND da ky, dong dau');

    await openMyTasks(clerk);
    await expect(panelOf(clerk).count()).resolves.toBe(0);
    // And the notice that asked for it says the scan is on record: nobody chases it again.
    await clerk.open('/notifications');
    await clerk.page
      .getByRole('listitem')
      .filter({ hasText: vi('notifications:reasons.paper-to-scan') })
      .getByText(vi('notifications:paperNow.scanned'), { exact: true })
      .waitFor();
  });

  it('a review held without the scan of its signed minutes: the văn thư reads the minutes, and only them', async () => {
    const review = await year.taskOf('leader', 'management-review');
    // The meeting's papers named as written; no file of the signed minutes.
    expect((await year.complete('leader', review.id, HELD_REVIEW)).status).toBe(200);
    // The review's record is written once the workflow has taken the answer.
    await eventually('the review held', async () => {
      const answer = await org.as<{ status: string }>('vanthu', 'GET', `/api/v1/cycles/${cycleId}/review`);
      return answer.body.status === 'held' ? true : undefined;
    });
    const clerk = await as('vanthu');
    await openMyTasks(clerk);
    await expect(panelOf(clerk).getByRole('listitem').allInnerTexts()).resolves.toEqual([
      await lineFor('review-minutes'),
    ]);
    // Asked for the minutes' scan too.
    await eventually('the văn thư asked for the minutes’ scan', async () => {
      const asked = await org.noticesOf('vanthu', 'paper-to-scan');
      return asked.length === 2 ? asked : undefined;
    }).then((asked) =>
      expect(asked).toEqual([
        '[qcycle] [Diễn tập] Văn bản đã ký cần bản chụp: Biên bản họp xem xét của lãnh đạo năm 2024 số BB-XXLĐ-2024',
        DECISION_ASKED,
      ]),
    );
    // The approval's and the review's histories, each asking with the patch's marker
    // (test/histories/clerks-asked-for-scan.*, replayed by test/workflows/replay-histories).
    const cycleWorkflowId = qualityCycleWorkflowId(organisationCode, 2024);
    await recordHistories(env.client, 'clerks-asked-for-scan', [
      childWorkflowIds.approval(cycleWorkflowId),
      childWorkflowIds.review(cycleWorkflowId),
    ]);
  });
});
