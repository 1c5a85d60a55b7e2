import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation } from '../api/support/demo-organisation';
import { APPROVAL } from '../api/support/year-over-http';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, type Tab } from './support/web-suite';

/**
 * The year's files (docs/web.md "The year's files"): the leader returned her first approval round
 * with the draft she wrote on, then approved the second naming the signed decision's scan, and left
 * in that round's form a list with citizens' identity numbers she uploaded by mistake. The Quality
 * Representative (chromium, Vietnamese) opens the year's files from the year's pages, reads each
 * file's record and what the records make of it, finds the file no answer names, and erases its
 * content from its row. The leader reads the same list with nothing to erase; a member of staff is
 * not offered the page. The real API serving the built web app, the worker, the Temporal dev server
 * and PostgreSQL; every state checked with axe-core, photographed (cycle-evidence-files,
 * cycle-evidence-file-erased, cycle-evidence-files-kind). The list narrows to one kind of record and
 * one unit: a unit's corrective action's file among the approval's.
 */
describe('the year’s files (chromium; API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  const organisationCode = `yf-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const filesPage = `/cycles/${encodeURIComponent(cycleId)}/evidence`;
  const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
  const draft = 'Dự thảo có ý kiến.pdf';
  const personal = 'Danh sách CCCD.pdf';
  const scan = 'QĐ 123 đã ký, đóng dấu.pdf';
  const reason = 'Tải nhầm danh sách có số định danh cá nhân của người dân';

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    const upload = async (recordKey: string, name: string) => {
      const uploaded = await org.uploadEvidence<{ reference: string }>(
        'leader',
        cycleId,
        { recordType: 'approval', recordKey },
        { bytes: pdf(name), name },
      );
      expect(uploaded.status).toBe(201);
      return uploaded.body.reference;
    };
    const answer = (local: string, taskId: string, outcome: Record<string, unknown>) =>
      org.as(local, 'POST', taskPath(taskId, '/complete'), { outcome });
    const returned = await org.startRehearsal();
    const annotated = await upload(returned.id, draft);
    expect(
      (
        await answer('leader', returned.id, {
          decision: 'return',
          comments: 'Bổ sung kế hoạch mục tiêu 4.',
          evidence: [annotated],
        })
      ).status,
    ).toBe(200);
    const revision = await org.waitForTask('qmr', 'objectives-revision');
    expect((await answer('qmr', revision.id, { note: 'Đã bổ sung.' })).status).toBe(200);
    const approval = await org.waitForTask('leader', 'objectives-approval');
    await upload(approval.id, personal);
    const signed = await upload(approval.id, scan);
    expect((await answer('leader', approval.id, { ...APPROVAL, evidence: [signed] })).status).toBe(200);
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close({ endCycles: [{ organisationCode, year: 2024 }] });
  });

  /** The list's row of a file, by its name. */
  const rowOf = (tab: Tab, fileName: string) => tab.page.locator('tbody tr').filter({ hasText: fileName });
  const state = (key: string, values: Record<string, string> = {}) =>
    vi(`cycles:evidenceFiles.state.${key}`, values);
  /** A file's name as its link reads, "Tải xuống" first for a screen reader. */
  const download = (fileName: string) => `${vi('tasks:evidence.download')} ${fileName}`;
  const round = (n: number) => `Phê duyệt mục tiêu chất lượng năm 2024 (lần ${n})`;

  it('lists every file of the year with its record, who uploaded it and what the records make of it', async () => {
    const qmr = await browser.signedIn(org.email('qmr'), DEMO_PASSWORD);
    // Reached from the year's pages.
    await qmr.open(`/cycles/${encodeURIComponent(cycleId)}/documents`);
    await qmr.page.getByRole('link', { name: vi('cycles:nav.evidence'), exact: true }).click();
    await qmr.page.getByRole('heading', { level: 1, name: 'Tệp minh chứng năm 2024', exact: true }).waitFor();
    await rowOf(qmr, scan).waitFor();
    await qmr.settled();

    const rows = await qmr.page
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.replace(/\s+/g, ' ').trim())),
      );
    expect(rows.map(([file, record, , said]) => [file.replace(/ \(\d+ KB\)$/, ''), record, said])).toEqual([
      [download(draft), round(1), `${state('named')} ${vi('cycles:eraseFile.open')} ${draft}`],
      [download(personal), round(2), `${state('unused')} ${vi('cycles:eraseFile.open')} ${personal}`],
      [
        download(scan),
        round(2),
        `${state('signed-copy', { paper: vi('cycles:documents.type.objectives-decision') })} ${vi('cycles:eraseFile.open')} ${scan}`,
      ],
    ]);
    // Who uploaded each: the leader, by name.
    await expect(rowOf(qmr, draft).locator('td').nth(2).innerText()).resolves.toContain('Nguyễn Hữu Tháp');
    // Each file downloads from its name; its record's history is a link.
    expect(await rowOf(qmr, scan).getByRole('link', { name: scan, exact: false }).count()).toBe(1);
    expect(
      await rowOf(qmr, draft)
        .getByRole('link', { name: round(1), exact: true })
        .count(),
    ).toBe(1);
    await qmr.check('the year’s files', { screenshot: 'cycle-evidence-files' });

    // Only the files no answer names: the list from a link keeps it.
    await qmr.page
      .getByLabel(vi('cycles:evidenceFiles.filter'), { exact: true })
      .selectOption({ label: vi('cycles:evidenceFiles.stateFilter.unused', { count: 1 }) });
    await qmr.page.waitForURL(/[?&]state=unused/);
    await rowOf(qmr, draft).waitFor({ state: 'detached' });
    await expect(qmr.page.locator('tbody tr').count()).resolves.toBe(1);
    await rowOf(qmr, personal).waitFor();
  });

  it('erases the content of the file no answer names, from its row; the list names it erased, with who and why', async () => {
    const qmr = await browser.signedIn(org.email('qmr'), DEMO_PASSWORD);
    await qmr.open(filesPage);
    const row = rowOf(qmr, personal);
    await row.waitFor();
    await row
      .getByRole('button', { name: `${vi('cycles:eraseFile.open')} ${personal}`, exact: true })
      .click();
    const form = qmr.page.getByRole('region', {
      name: vi('cycles:eraseFile.title', { file: personal }),
      exact: true,
    });
    await form.getByLabel(vi('cycles:eraseFile.reason'), { exact: false }).fill(reason);
    await form.getByRole('button', { name: vi('cycles:eraseFile.ask'), exact: true }).click();
    await qmr.page
      .getByRole('alertdialog')
      .getByRole('button', { name: vi('cycles:eraseFile.confirm'), exact: true })
      .click();
    await row.getByText(vi('cycles:eraseFile.done', { file: personal }), { exact: true }).waitFor();
    // The list read again: the file named, erased, by whom and why; nothing to download or erase.
    await row.getByText(state('erased'), { exact: true }).waitFor();
    await expect(row.innerText()).resolves.toContain(`Trần Quốc Việt: ${reason}`);
    await row.getByText(`(${vi('tasks:evidence.erased')})`, { exact: true }).waitFor();
    expect(await row.getByRole('link', { name: personal, exact: false }).count()).toBe(0);
    expect(await row.getByRole('button', { name: vi('cycles:eraseFile.open'), exact: false }).count()).toBe(
      0,
    );
    await qmr.check('a file’s content erased, in the year’s files', {
      screenshot: 'cycle-evidence-file-erased',
    });
    // What the page said is what the API holds.
    expect((await org.as('leader', 'GET', '/api/v1/evidence/' + (await erasedId()))).status).toBe(410);
  });

  it('shows the leader the same list with nothing to erase, and offers staff no such page', async () => {
    const leader = await browser.signedIn(org.email('leader'), DEMO_PASSWORD);
    await leader.open(filesPage);
    await rowOf(leader, scan).waitFor();
    await leader.settled();
    await expect(leader.page.locator('tbody tr').count()).resolves.toBe(3);
    expect(
      await leader.page.getByRole('button', { name: vi('cycles:eraseFile.open'), exact: false }).count(),
    ).toBe(0);
    // A link to the erased files alone.
    await leader.open(`${filesPage}?state=erased`);
    await leader.page.getByText(state('erased'), { exact: true }).waitFor();
    await expect(leader.page.locator('tbody tr').count()).resolves.toBe(1);
    await rowOf(leader, personal).waitFor();

    const staff = await browser.signedIn(org.email('staff.tthc'), DEMO_PASSWORD);
    await staff.open(`/cycles/${encodeURIComponent(cycleId)}`);
    const yearPages = staff.page.getByRole('navigation', { name: vi('cycles:nav.label'), exact: true });
    await yearPages.getByRole('link', { name: vi('cycles:nav.documents'), exact: true }).waitFor();
    expect(await yearPages.getByRole('link', { name: vi('cycles:nav.evidence'), exact: true }).count()).toBe(
      0,
    );
    // The address typed by hand: the page says they may not, and lists nothing.
    await staff.open(filesPage);
    await staff.page.getByText(vi('errors.forbidden'), { exact: true }).waitFor();
    expect(await staff.page.locator('tbody tr').count()).toBe(0);
  });

  it('narrows the list to one kind of record, one unit and one state, each choice counting what it would list, all kept in the address', async () => {
    // A unit head's file on a corrective action, the year's first record of another kind.
    const finding = 'Sổ theo dõi văn bản đến không được cập nhật hằng ngày.';
    const actionId = await org.openObservation(cycleId, {
      unitCode: 'vp-tonghop',
      finding,
      verifier: 'auditor.hcth',
      unitHead: 'head.tonghop',
    });
    const book = 'Sổ theo dõi quý I.pdf';
    const uploaded = await org.uploadEvidence(
      'head.tonghop',
      cycleId,
      { recordType: 'corrective-action', recordKey: actionId },
      { bytes: pdf(book), name: book },
    );
    expect(uploaded.status).toBe(201);

    const qmr = await browser.signedIn(org.email('qmr'), DEMO_PASSWORD);
    await qmr.open(filesPage);
    await rowOf(qmr, book).waitFor();
    const filter = (label: string) =>
      qmr.page.getByLabel(vi(`cycles:evidenceFiles.${label}`), { exact: true });
    const options = (label: string) => filter(label).locator('option').allInnerTexts();
    const choice = (name: string, count: number) => vi('cycles:evidenceFiles.choice', { name, count });
    const kindChoice = (kind: string, count: number) => choice(vi(`tasks:history.record.${kind}`), count);
    // The kinds and the units the year has files on, each with its count: the kinds in the year's order.
    await expect(options('kindFilter')).resolves.toEqual([
      vi('cycles:evidenceFiles.all', { count: 4 }),
      kindChoice('approval', 3),
      kindChoice('corrective-action', 1),
    ]);
    await expect(options('unitFilter')).resolves.toEqual([
      vi('cycles:evidenceFiles.all', { count: 4 }),
      choice('Phòng Tổng hợp', 1),
    ]);
    // One unit's files: the approval's, of the whole organisation, are not among them.
    await filter('unitFilter').selectOption({ label: choice('Phòng Tổng hợp', 1) });
    await qmr.page.waitForURL(/[?&]unit=vp-tonghop/);
    await rowOf(qmr, scan).waitFor({ state: 'detached' });
    await expect(qmr.page.locator('tbody tr').count()).resolves.toBe(1);
    await expect(rowOf(qmr, book).locator('td').nth(1).innerText()).resolves.toBe(
      vi('cycles:history.nonconformity', { unit: 'Phòng Tổng hợp', finding }),
    );
    // The other filters now count within that unit.
    await expect(options('kindFilter')).resolves.toEqual([
      vi('cycles:evidenceFiles.all', { count: 1 }),
      kindChoice('approval', 0),
      kindChoice('corrective-action', 1),
    ]);
    await filter('kindFilter').selectOption({ label: kindChoice('corrective-action', 1) });
    await qmr.page.waitForURL(/[?&]kind=corrective-action/);
    await filter('filter').selectOption({
      label: vi('cycles:evidenceFiles.stateFilter.unused', { count: 1 }),
    });
    await qmr.page.waitForURL(/[?&]state=unused/);
    const address = new URL(qmr.page.url()).searchParams;
    expect([address.get('unit'), address.get('kind')]).toEqual(['vp-tonghop', 'corrective-action']);
    await expect(qmr.page.locator('tbody tr').count()).resolves.toBe(1);
    await qmr.check('the year’s files of one unit, kind of record and state', {
      screenshot: 'cycle-evidence-files-kind',
    });
    // The approval's files instead, in that unit and state: nothing listed, and said.
    await filter('kindFilter').selectOption({ label: kindChoice('approval', 0) });
    await qmr.page.getByText(vi('cycles:evidenceFiles.noneMatch'), { exact: true }).waitFor();
    expect(await qmr.page.locator('tbody tr').count()).toBe(0);
    // The filters from a link, as they were left.
    await qmr.open(`${filesPage}?kind=corrective-action&state=unused`);
    await rowOf(qmr, book).waitFor();
    await expect(qmr.page.locator('tbody tr').count()).resolves.toBe(1);
  });

  /** The erased file's id, as the API lists the year's files. */
  async function erasedId(): Promise<string> {
    const listed = await org.as<{ files: { id: string; fileName: string }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/evidence-files`,
    );
    return listed.body.files.find((file) => file.fileName === personal)!.id;
  }
});
