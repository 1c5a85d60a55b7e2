import type { Page } from 'playwright-core';
import { TaskLinkSigner } from '@qcycle/task-links';
import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { type DemoOrganisation, type TaskSummary } from '../api/support/demo-organisation';
import { APPROVAL } from '../api/support/year-over-http';
import { octoberAuditPlan } from '../api/support/year-fixtures';
import { en, vi } from './support/catalogue';
import { completeTask, octoberRehearsalReported, openTaskOf } from './support/october-rehearsal';
import { browserSuiteConfig, BrowserSession, descriptionOf, pagePath, type Tab } from './support/web-suite';

/** What the walk reads of a page: each text or accessible name, and where it was. */
interface Found {
  text: string;
  where: string;
}

/** Reads every text node and aria-label/title/placeholder/alt of the page (a script: no DOM types here). */
const READ_PAGE = `(() => {
  const found = [];
  const describe = (el) => {
    const parts = [];
    for (let node = el; node && node !== document.body && parts.length < 5; node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.className && typeof node.className === 'string') part += '.' + node.className.trim().split(/\\s+/).join('.');
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, noscript, [lang="vi"]')) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) found.push({ text, where: describe(parent) });
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
    if (!el.closest('[lang="vi"]')) for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(attribute);
      if (value && value.trim()) found.push({ text: value.trim(), where: describe(el) + ' @' + attribute });
    }
  found.push({ text: document.title, where: 'title' });
  return found;
})()`;

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
/**
 * A day or a month as the Vietnamese pages write them (05/04/2024, 3/2024); English writes the month
 * in words ("5 Apr 2024", "Mar 2024"). A number's own year ("Decree 09/2019/ND-CP") is not a date.
 */
const VIETNAMESE_DATE = /\b\d{1,2}\/(?:\d{1,2}\/)?\d{4}\b(?!\/)/;

/**
 * The web app in English as each kind of its people meets it, at a point of the year where most pages
 * have content: a 2024 rehearsal from October, approved, assigned, accepted, three monthly reports of
 * objective 4 given, the audit planned with one step signed off with a minor nonconformity and one
 * open. The Quality Representative, the leader, a unit head, staff, the lead auditor, an auditor, the
 * văn thư, the administrator and the certification body's auditor each sign in, press "English" and
 * open their pages; the sign-in page and two refused e-mailed links are read on a device where English
 * was chosen. Every text, aria-label, title, placeholder and alt of each page (collapsed sections
 * opened) must hold no Vietnamese and no date written the Vietnamese way, once the year's own data is
 * taken out by value (see `userData`) and what is marked `lang="vi"` (a document's own title) skipped.
 */
describe('the web app in English, as its people meet it (chromium; API, worker, PostgreSQL, Temporal dev server)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  const organisationCode = `en-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const cyclePath = `/cycles/${encodeURIComponent(cycleId)}`;
  const EXTERNAL = 'external.auditor';
  let approval: TaskSummary;
  let openReport: TaskSummary;
  let doneReport: TaskSummary;
  let openStep: TaskSummary;
  /** Per page, each text of the app's own found in Vietnamese (or a date written the Vietnamese way). */
  const report = new Map<string, string[]>();

  const complete = (local: string, taskId: string, outcome: unknown) =>
    completeTask(org, local, taskId, outcome);
  const taskOf = (local: string, kind: string, filter?: (task: TaskSummary) => boolean) =>
    openTaskOf(org, local, kind, filter);

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    for (const local of [
      'admin',
      'qmr',
      'leader',
      'head.tthc',
      'head.tonghop',
      'staff.tthc',
      'lead.auditor',
      'auditor.hcth',
      'auditor.kinhte',
      'vanthu',
    ])
      await org.tokenOf(local);
    const created = await org.as<{ id: string }>('admin', 'POST', '/api/v1/users', {
      fullName: 'Đỗ Minh Khoa',
      title: 'Chuyên gia đánh giá, tổ chức chứng nhận',
      email: org.email(EXTERNAL),
      password: DEMO_PASSWORD,
    });
    expect(created.status).toBe(201);
    expect(
      (await org.as('admin', 'POST', `/api/v1/users/${created.body.id}/roles`, { role: 'external-auditor' }))
        .status,
    ).toBe(201);

    ({ approval, january: doneReport } = await octoberRehearsalReported(org, organisationCode));
    openReport = await taskOf(
      'qmr',
      'measurement-report',
      (t) => t.objectiveId === 'obj-4' && t.periodKey === '2024-04',
    );
    // A file on the open report's record that no answer names yet: a row of the year's files.
    const uploaded = await org.uploadEvidence(
      'qmr',
      cycleId,
      { recordType: 'measurement', recordKey: openReport.id },
      { bytes: Buffer.from('%PDF-1.7\nregister\n%%EOF\n'), name: 'register-april.pdf' },
    );
    expect(uploaded.status).toBe(201);
    await complete('lead.auditor', (await taskOf('lead.auditor', 'audit-plan')).id, octoberAuditPlan(org));
    // Huy finds a minor nonconformity in the procedure control; Trang's step stays open.
    await complete('auditor.kinhte', (await taskOf('auditor.kinhte', 'audit-step')).id, {
      result: 'minor-nc',
      evidence: ['Hồ sơ 000.00.24.H34-240812-0007'],
      finding: 'Phiếu kiểm soát quá trình giải quyết hồ sơ không ghi đủ thời điểm chuyển bước.',
    });
    openStep = await taskOf('auditor.hcth', 'audit-step');

    const people = await org.as<
      {
        fullName: string;
        title: string | null;
        auditorCertificate: { certificate: string; issuedBy: string | null } | null;
      }[]
    >('qmr', 'GET', '/api/v1/people');
    const units = await org.as<{ name: { vi: string } }[] | { items: { name: { vi: string } }[] }>(
      'admin',
      'GET',
      '/api/v1/units',
    );
    const plan = octoberAuditPlan(org);
    userData = [
      ...people.body.flatMap((p) => [
        p.fullName,
        p.title ?? '',
        p.auditorCertificate?.certificate ?? '',
        p.auditorCertificate?.issuedBy ?? '',
      ]),
      ...(Array.isArray(units.body) ? units.body : units.body.items).map((u) => u.name.vi),
      APPROVAL.documentNumber,
      plan.scope,
      plan.methods,
      ...plan.criteria,
      ...plan.steps.map((step) => step.process),
      'Phiếu kiểm soát quá trình giải quyết hồ sơ không ghi đủ thời điểm chuyển bước.',
      'Hồ sơ 000.00.24.H34-240812-0007',
      ...['01', '02', '03'].map((month) => `Sổ theo dõi hồ sơ TTHC tháng ${month}/2024`),
    ]
      .filter(Boolean)
      .sort((a, b) => b.length - a.length);
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  /** That person's tab, signed in (in Vietnamese, the default), then switched to English. */
  const tabs = new Map<string, Promise<Tab>>();
  const as = (local: string): Promise<Tab> => {
    let tab = tabs.get(local);
    if (!tab) {
      tab = (async () => {
        const signed = await browser.signedIn(org.email(local), DEMO_PASSWORD);
        await signed.page
          .getByRole('group', { name: vi('language.label') })
          .getByRole('button', { name: 'English' })
          .click();
        await signed.page.locator('html[lang="en"]').waitFor();
        return signed;
      })();
      tabs.set(local, tab);
    }
    return tab;
  };

  /**
   * What people typed or the directory holds, which stays as written on an English page: names and
   * titles of people, units' Vietnamese names, and the words the suite gave the year's records (the
   * decision's number, the audit plan, the finding, the evidence). Removed from a text by value, not
   * by where it is, so that a Vietnamese word of the app's own beside them is still seen.
   */
  let userData: string[] = [];
  /** Vietnamese names an English text rightly uses: Tết, the Hùng Kings, a decree's and a decision's symbols, the văn thư. */
  const PROPER_NAMES = ['Tết', 'Hùng', 'NĐ-CP', 'QĐ-UBND', 'văn thư'];

  async function read(page: Page, what: string): Promise<void> {
    const found = (await page.evaluate(READ_PAGE)) as Found[];
    const leaks = found
      .map((f) => {
        let rest = f.text;
        for (const data of [...userData, ...PROPER_NAMES]) rest = rest.split(data).join(' ');
        return { ...f, rest };
      })
      .filter((f) => VIETNAMESE.test(f.rest) || VIETNAMESE_DATE.test(f.rest))
      .map((f) => `${f.text}   «${f.where}»`);
    if (leaks.length > 0) report.set(what, [...new Set(leaks)]);
  }

  async function walk(local: string, paths: [string, string][]): Promise<void> {
    const tab = await as(local);
    for (const [path, what] of paths) {
      await tab.open(path);
      await tab.page.locator('main h1').first().waitFor();
      await tab.settled();
      await tab.page.locator('html[lang="en"]').waitFor();
      // Collapsed sections read as printed: open.
      await tab.page.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
      await read(tab.page, `${local} ${what}`);
    }
  }

  // One test per kind of user: each walk stands on its own (and its own time), and a failure names whose pages leak.
  const walks: [string, () => [string, string][]][] = [
    [
      'qmr',
      () => [
        ['/', 'my tasks'],
        ['/cycles', 'cycles'],
        [cyclePath, 'dashboard'],
        [`${cyclePath}/audit`, 'audit'],
        [`${cyclePath}/review`, 'review'],
        [`${cyclePath}/documents`, 'documents'],
        [`${cyclePath}/evidence`, 'files'],
        [`${cyclePath}/history`, 'history'],
        ['/notifications', 'notifications'],
        ['/calendar/2024', 'calendar'],
        [pagePath(openReport.id), 'open report'],
        [pagePath(doneReport.id), 'done report'],
      ],
    ],
    [
      'leader',
      () => [
        ['/', 'my tasks'],
        [pagePath(approval.id), 'approval'],
        [`${cyclePath}/review`, 'review'],
      ],
    ],
    [
      'head.tthc',
      () => [
        ['/', 'my tasks'],
        [cyclePath, 'dashboard'],
      ],
    ],
    [
      'staff.tthc',
      () => [
        ['/', 'my tasks'],
        ['/account', 'account'],
      ],
    ],
    [
      'lead.auditor',
      () => [
        ['/', 'my tasks'],
        [`${cyclePath}/audit`, 'audit'],
      ],
    ],
    ['auditor.hcth', () => [[pagePath(openStep.id), 'open audit step']]],
    [
      'vanthu',
      () => [
        ['/cycles', 'cycles'],
        [`${cyclePath}/documents`, 'documents'],
      ],
    ],
    [
      'admin',
      () => [
        ['/directory?view=users', 'directory users'],
        ['/directory?view=import', 'directory import'],
        ['/directory?view=units', 'directory units'],
        ['/directory?view=events', 'directory events'],
      ],
    ],
    [
      EXTERNAL,
      () => [
        [cyclePath, 'dashboard'],
        [`${cyclePath}/audit`, 'audit'],
        [`${cyclePath}/evidence`, 'files'],
        [`${cyclePath}/history`, 'history'],
      ],
    ],
  ];

  it.each(walks)(
    'the pages %s opens hold no Vietnamese of the app’s own and no Vietnamese-written date',
    async (local, paths) => {
      report.clear();
      await walk(local, paths());
      expect(Object.fromEntries(report)).toEqual({});
    },
  );

  it('shows no Vietnamese on the sign-in and password pages and on refused e-mailed links, on a device where English was chosen', async () => {
    report.clear();
    const visitor = await browser.tab();
    await visitor.open('/sign-in');
    await visitor.page.getByRole('button', { name: 'English' }).click();
    await visitor.page.getByRole('heading', { level: 1, name: en('common:signIn.title') }).waitFor();
    await read(visitor.page, 'sign-in');
    await visitor.open('/forgot-password');
    await visitor.page.getByRole('heading', { level: 1, name: en('common:password.forgotTitle') }).waitFor();
    await read(visitor.page, 'forgotten password');
    await visitor.open('/reset-password?token=not-a-password-link');
    await visitor.page.getByRole('heading', { level: 1, name: en('common:password.resetTitle') }).waitFor();
    await read(visitor.page, 'new password');
    const signer = new TaskLinkSigner(suite.config);
    const expired = signer.issue(approval.id, org.idOf('leader'), new Date(Date.now() - 30 * 86_400_000));
    await visitor.open(`${pagePath(approval.id)}?token=${encodeURIComponent(expired.token)}`);
    await visitor.page.locator('main h1').waitFor();
    await visitor.settled();
    await read(visitor.page, 'expired link');
    const done = signer.issue(approval.id, org.idOf('leader'), new Date());
    await visitor.open(`${pagePath(approval.id)}?token=${encodeURIComponent(done.token)}`);
    await visitor.page.locator('main h1').waitFor();
    await visitor.settled();
    await read(visitor.page, 'done link');

    expect(Object.fromEntries(report)).toEqual({});
  });

  it("says a refused form's reasons in English: April's paper report dated before April ended", async () => {
    report.clear();
    const qmr = await as('qmr');
    await qmr.open(pagePath(openReport.id));
    await qmr.page.getByRole('heading', { name: en('tasks:formTitle.measurement-report') }).waitFor();
    await qmr.page
      .getByLabel(en('tasks:measurement.evidenceItem', { number: 1 }))
      .fill('Sổ theo dõi hồ sơ TTHC');
    for (const [name, numerator] of [
      ['Share of dossiers settled per the published process and procedures', '100'],
      ['Share of dossiers settled within the prescribed time', '90'],
    ]) {
      const group = qmr.page.getByRole('group', { name });
      await group.getByLabel(new RegExp(`^${en('tasks:figure.numerator')}`)).fill(numerator);
      await group.getByLabel(new RegExp(`^${en('tasks:figure.denominator')}`)).fill('100');
    }
    await qmr.page.getByLabel(en('tasks:measurement.paper.onPaper')).check();
    const date = qmr.page.getByLabel(en('tasks:measurement.paper.date'));
    await date.fill('2024-04-20');
    await qmr.page.getByLabel(en('tasks:measurement.paper.reference')).fill('45/BC-VP');
    const answer = await qmr.answerTo(() =>
      qmr.page.getByRole('button', { name: en('tasks:measurement.submit') }).click(),
    );
    const reason =
      'The paper report date must not be before the last day of the reporting period (2024-04-30).';
    expect(answer.status).toBe(422);
    expect(answer.problems).toEqual([expect.objectContaining({ path: 'paperReport.date', reason })]);
    await qmr.page.locator('#task-refusal:focus').waitFor();
    expect(await descriptionOf(date)).toContain(reason);
    userData.push('Sổ theo dõi hồ sơ TTHC');
    await read(qmr.page, 'qmr refused report');
    expect(Object.fromEntries(report)).toEqual({});
  });
});
