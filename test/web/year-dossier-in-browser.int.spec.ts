import { execFileSync } from 'node:child_process';
import { Workbook } from 'exceljs';
import type { Locator } from 'playwright-core';
import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import { vi } from './support/catalogue';
import { unreadableTablesAtPhoneWidth } from './support/phone-tables';
import { uploadSignedCopy } from './support/signed-copies';
import { browserSuiteConfig, BrowserSession, type Tab } from './support/web-suite';

/**
 * The year's dossier from the documents page (chromium, Vietnamese; docs/dossier.md): the Quality
 * Representative reads what it holds and that the running year's is a draft, downloads it by
 * keyboard and again at phone width, and the file is a ZIP that opens, named for the year; staff do
 * not see it. At phone width the page's two tables read as cards, nothing cut off. A 2024 rehearsal approved by the leader, on the real API serving the built web app, the
 * worker, the Temporal dev server and PostgreSQL; the page checked with axe-core and photographed at
 * desktop and phone width (test-results/screenshots/cycle-documents-dossier.*.png).
 */
describe('the year’s dossier downloaded from the documents page (chromium; API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  const organisationCode = `hz-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const documentsPath = `/cycles/${encodeURIComponent(cycleId)}/documents`;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    await org.startApprovedRehearsal({ documentNumber: '123/QĐ-UBND', signingDate: '2024-01-15' });
    await org.waitForTask('qmr', 'assignment-acceptance');
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  const as = (local: string): Promise<Tab> => browser.tabOf(org.email(local), DEMO_PASSWORD);
  const dossierOf = (tab: Tab) => tab.page.getByRole('region', { name: vi('cycles:dossier.title') });
  /** The line naming the signed papers the dossier holds no scan of. */
  const unscannedOf = (tab: Tab) =>
    dossierOf(tab)
      .getByRole('paragraph')
      .filter({ hasText: vi('cycles:dossier.unscanned', { documents: '' }).split(':')[0] });
  const expectedName = `HO-SO-ISO-2024-${organisationCode}-DIEN-TAP-DU-THAO.zip`;

  /** The saved file opens as a ZIP (`unzip -t`) holding the index and the decision as issued. */
  const opensAsDossier = (file: string) => {
    execFileSync('unzip', ['-tq', file]);
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n');
    expect(names).toEqual(
      expect.arrayContaining(['MUC-LUC.csv', 'MUC-LUC.json', 'GHI-CHU.txt', 'NHAT-KY-SU-KIEN.csv']),
    );
    expect(names).toContain('TAI-LIEU/QD-123-UBND-2024-DIEN-TAP-v1.pdf');
  };

  it('the Quality Representative reads what the dossier holds, and downloads it by keyboard as a ZIP named for the year', async () => {
    const qmr = await as('qmr');
    await qmr.open(documentsPath);
    const dossier = dossierOf(qmr);
    await dossier.getByText(vi('cycles:dossier.lead'), { exact: true }).waitFor();
    // The year runs: the line says the dossier is a draft and what the archivist should do.
    await dossier.getByText(vi('cycles:dossier.running'), { exact: true }).waitFor();
    // The decision is signed, and no scan of it is on record yet: said, with where to add one.
    await expect(unscannedOf(qmr).innerText()).resolves.toBe(
      `${vi('cycles:dossier.unscanned', { documents: vi('cycles:documents.type.objectives-decision') })} ${vi('cycles:dossier.unscannedAdd')}`,
    );
    const button = dossier.getByRole('button', { name: vi('cycles:dossier.download'), exact: true });
    await qmr.check('the documents page with the year’s dossier', { screenshot: 'cycle-documents-dossier' });

    await button.focus();
    const [download] = await Promise.all([
      qmr.page.waitForEvent('download'),
      qmr.page.keyboard.press('Enter'),
    ]);
    expect(download.suggestedFilename()).toBe(expectedName);
    opensAsDossier((await download.path())!);
    // Focus stays on the button once the file is saved.
    await expect(button.evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(
      true,
    );
  });

  it('the văn thư downloads the year’s book of outgoing documents, in the decree’s form, from the register', async () => {
    const clerk = await as('vanthu');
    await clerk.open(documentsPath);
    const register = clerk.page.getByRole('region', { name: vi('cycles:documents.registerTitle') });
    const button = register.getByRole('button', {
      name: vi('cycles:documents.outgoingRegister'),
      exact: true,
    });
    const [download] = await Promise.all([clerk.page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`SO-VAN-BAN-DI-${cycleId}.xlsx`);
    const workbook = new Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    // Every line of the sheet (exceljs leaves holes for empty rows and its first cell), as text.
    const rows = Array.from(workbook.worksheets[0].getSheetValues() as (unknown[] | undefined)[], (row) =>
      Array.from((row ?? []).slice(1), (cell) => String(cell ?? '')),
    );
    expect(rows.flat()).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    // The decision, by its number and date, signed by the leader; the plan is not a line of its own.
    const decision = rows.find((row) => row[0] === '123/QĐ-UBND');
    expect(decision?.slice(1, 4)).toEqual([
      '15/01/2024',
      expect.stringMatching(/^Quyết định phê duyệt Mục tiêu chất lượng năm 2024/u),
      expect.any(String),
    ]);
    expect(rows.filter((row) => row[0] === '123/QĐ-UBND')).toHaveLength(1);
  });

  it('the văn thư adds the scan of the decision signed after its approval: listed beside the decision, filed in the dossier; not offered to staff', async () => {
    const SCAN = 'QĐ 123 đã ký, đóng dấu.pdf';
    const clerk = await as('vanthu');
    await clerk.open(documentsPath);
    const yearDocuments = clerk.page.getByRole('region', { name: vi('cycles:documents.yearTitle') });
    // The decision is the only paper of the year signed so far: one row offers it.
    const add = yearDocuments.getByRole('button', { name: vi('cycles:documents.addSignedCopy') });
    await add.waitFor();
    expect(await add.count()).toBe(1);
    await add.click();
    const upload = await uploadSignedCopy(
      clerk.page,
      'objectives-decision',
      SCAN,
      'Quyet dinh 123/QD-UBND da ky, dong dau',
    );
    // Listed at once beside the decision qcycle prints, to download.
    const listed = yearDocuments
      .getByRole('paragraph')
      .filter({ hasText: vi('cycles:documents.signedCopy') })
      .getByRole('link', { name: SCAN });
    await listed.waitFor();
    // Kept as uploaded: nothing to remove, nothing uploaded earlier offered again.
    await expect(upload.getByRole('button', { name: vi('tasks:evidence.remove') }).count()).resolves.toBe(0);
    await clerk.check('the documents page, the signed decision’s scan added', {
      screenshot: 'documents-add-signed-copy',
    });
    await upload.getByRole('button', { name: vi('cycles:documents.addSignedCopyDone') }).click();
    // The keyboard is back on the button that opened it.
    await expect(add.evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(
      true,
    );
    const [saved] = await Promise.all([clerk.page.waitForEvent('download'), listed.click()]);
    expect(saved.suggestedFilename()).toBe(SCAN);

    // The year's dossier files it with the approval's evidence.
    const [dossier] = await Promise.all([
      clerk.page.waitForEvent('download'),
      dossierOf(clerk)
        .getByRole('button', { name: vi('cycles:dossier.download'), exact: true })
        .click(),
    ]);
    const names = execFileSync('unzip', ['-Z1', (await dossier.path())!], { encoding: 'utf8' }).split('\n');
    expect(names.filter((name) => name.startsWith('BANG-CHUNG/PHE-DUYET-MUC-TIEU/'))).toHaveLength(1);
    // And no longer says it lacks the decision's scan.
    await expect(unscannedOf(clerk).count()).resolves.toBe(0);

    // A staff member reads the scan beside the decision, and is not offered to add one.
    const staff = await as('staff.tthc');
    await staff.open(documentsPath);
    await staff.page.getByRole('link', { name: SCAN }).waitFor();
    await expect(
      staff.page.getByRole('button', { name: vi('cycles:documents.addSignedCopy') }).count(),
    ).resolves.toBe(0);
  });

  it('the văn thư withdraws a scan of the wrong paper: no longer beside the decision, kept in the dossier with why', async () => {
    const [SCAN, WRONG] = ['QĐ 123 đã ký, đóng dấu.pdf', 'QĐ 122 (nhầm).pdf'];
    const REASON = 'Quét nhầm Quyết định số 122/QĐ-UBND';
    const clerk = await as('vanthu');
    await clerk.open(documentsPath);
    const yearDocuments = clerk.page.getByRole('region', { name: vi('cycles:documents.yearTitle') });
    await yearDocuments.getByRole('button', { name: vi('cycles:documents.addSignedCopy') }).click();
    const upload = await uploadSignedCopy(clerk.page, 'objectives-decision', WRONG, 'Quyet dinh 122/QD-UBND');
    const copies = yearDocuments
      .getByRole('paragraph')
      .filter({ hasText: vi('cycles:documents.signedCopy') });
    await copies.getByRole('link', { name: WRONG }).waitFor();
    await upload.getByRole('button', { name: vi('cycles:documents.addSignedCopyDone') }).click();

    const withdrawOf = (file: string) =>
      copies.getByRole('button', { name: `${vi('cycles:documents.withdraw.open')} ${file}`, exact: true });
    await withdrawOf(WRONG).click();
    const form = clerk.page.getByRole('region', {
      name: vi('cycles:documents.withdraw.title', { file: WRONG }),
    });
    // The keyboard is in the reason; none given is refused beside it.
    const reason = form.getByRole('textbox', { name: vi('cycles:documents.withdraw.reason') });
    await expect(reason.evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(
      true,
    );
    await form.getByRole('button', { name: vi('cycles:documents.withdraw.ask') }).click();
    await form.getByText(vi('cycles:cancel.reasonTooShort')).waitFor();
    await reason.fill(REASON);
    await form.getByRole('button', { name: vi('cycles:documents.withdraw.ask') }).click();
    const confirm = form.getByRole('alertdialog');
    await expect(confirm.innerText()).resolves.toContain(
      vi('cycles:documents.withdraw.confirmText', {
        file: WRONG,
        document: vi('cycles:documents.type.objectives-decision'),
      }),
    );
    await clerk.check('the documents page, withdrawing a wrong scan', {
      screenshot: 'documents-withdraw-signed-copy',
    });
    await confirm.getByRole('button', { name: vi('cycles:documents.withdraw.confirm') }).click();
    await clerk.page.getByText(vi('cycles:documents.withdraw.done', { file: WRONG })).waitFor();
    // No longer beside the decision; the right scan still is, and only it may be withdrawn.
    await copies.getByRole('link', { name: WRONG }).waitFor({ state: 'detached' });
    await copies.getByRole('link', { name: SCAN }).waitFor();
    await withdrawOf(SCAN).waitFor();
    await clerk.page
      .getByRole('button', { name: vi('cycles:documents.withdraw.close'), exact: true })
      .click();
    // The scan has left the list: the keyboard is back on the list of scans.
    await expect(copies.evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(
      true,
    );
    await expect(
      clerk.page.getByText(vi('cycles:documents.withdraw.done', { file: WRONG })).count(),
    ).resolves.toBe(0);

    // The dossier keeps the file on the approval's record, its index saying it was withdrawn, and why.
    const [dossier] = await Promise.all([
      clerk.page.waitForEvent('download'),
      dossierOf(clerk)
        .getByRole('button', { name: vi('cycles:dossier.download'), exact: true })
        .click(),
    ]);
    const file = (await dossier.path())!;
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n');
    expect(names.filter((name) => name.startsWith('BANG-CHUNG/PHE-DUYET-MUC-TIEU/'))).toHaveLength(2);
    const index = execFileSync('unzip', ['-p', file, 'MUC-LUC.csv'], { encoding: 'utf8' });
    expect(index).toContain(`: ${REASON}"`);

    // The year's history says who withdrew which file, and why.
    await clerk.open(`/cycles/${encodeURIComponent(cycleId)}/history?type=evidence.withdrawn`);
    const row = clerk.page.getByRole('row').filter({ hasText: vi('cycles:eventType.evidence.withdrawn') });
    await row.getByRole('link', { name: WRONG }).waitFor();
    await expect(row.innerText()).resolves.toContain(REASON);
    await expect(row.count()).resolves.toBe(1);

    // A staff member reads the scan, and is offered to withdraw nothing.
    const staff = await as('staff.tthc');
    await staff.open(documentsPath);
    await staff.page.getByRole('link', { name: SCAN }).waitFor();
    await expect(staff.page.getByRole('link', { name: WRONG }).count()).resolves.toBe(0);
    await expect(
      staff.page.getByRole('button', { name: `${vi('cycles:documents.withdraw.open')} ${SCAN}` }).count(),
    ).resolves.toBe(0);
  });

  it('downloads at phone width too, the button inside the screen', async () => {
    const qmr = await as('qmr');
    await qmr.page.setViewportSize({ width: 360, height: 740 });
    try {
      await qmr.open(documentsPath);
      const button = dossierOf(qmr).getByRole('button', { name: vi('cycles:dossier.download'), exact: true });
      await button.scrollIntoViewIfNeeded();
      const box = await button.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
      const [download] = await Promise.all([qmr.page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toBe(expectedName);
      opensAsDossier((await download.path())!);
    } finally {
      await qmr.page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  /**
   * At phone width, what of a table's rows a user could not read (`support/phone-tables.ts`): besides
   * what every table must, each row's version a number in view, and each row a button, in view.
   */
  const unreadableAtPhoneWidth = (card: Locator) =>
    unreadableTablesAtPhoneWidth(card, {
      numberColumns: [vi('cycles:documents.col.version')],
      buttonInEveryRow: true,
    });

  it('reads both tables at phone width: every row inside its card, each version and download in view', async () => {
    const qmr = await as('qmr');
    await qmr.page.setViewportSize({ width: 360, height: 740 });
    try {
      await qmr.open(documentsPath);
      const yearDocuments = qmr.page.getByRole('region', { name: vi('cycles:documents.yearTitle') });
      const register = qmr.page.getByRole('region', { name: vi('cycles:documents.registerTitle') });
      // The decision, issued when the leader approved the objectives, is in the register.
      await register.getByRole('row').filter({ hasText: '123/QĐ-UBND' }).first().waitFor();
      await qmr.settled();
      expect({
        yearDocuments: await unreadableAtPhoneWidth(yearDocuments),
        register: await unreadableAtPhoneWidth(register),
      }).toEqual({ yearDocuments: [], register: [] });
    } finally {
      await qmr.page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('is not offered to staff, whom the API refuses it', async () => {
    const staff = await as('staff.tthc');
    await staff.open(documentsPath);
    await staff.page.getByRole('region', { name: vi('cycles:documents.registerTitle') }).waitFor();
    await expect(dossierOf(staff).count()).resolves.toBe(0);
    expect((await org.as('staff.tthc', 'GET', `/api/v1/cycles/${cycleId}/dossier`)).status).toBe(403);
  });
});
