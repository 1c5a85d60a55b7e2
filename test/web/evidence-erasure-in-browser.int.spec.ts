import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD, DEMO_USERS } from '../../apps/api/src/demo/demo-directory';
import { formatInstant } from '../../apps/web/src/ui/dates';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, type Tab } from './support/web-suite';

/**
 * The leader uploaded, by mistake, a list with citizens' identity numbers to her approval. The
 * Quality Representative (chromium, Vietnamese) finds the upload in the year's history and erases
 * its content from its row: a reason, then a confirmation that says it cannot be undone. The row then
 * names the file as erased, with no link, and the erasure is in the history; the leader sees no such
 * action. The real API serving the built web app, the worker, the Temporal dev server and
 * PostgreSQL; every step checked with axe-core, photographed (history-erase-file-confirm,
 * history-file-erased, task-approval-erased-file, notifications-evidence-erased). The leader is told
 * in her bell which file, by whom, when and why.
 */
describe('erasing a file’s content from the year’s history (chromium; API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  const organisationCode = `eb-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const history = `/cycles/${encodeURIComponent(cycleId)}/history`;
  const fileName = 'Danh sách CCCD.pdf';
  const reason = 'Tải nhầm danh sách có số định danh cá nhân của người dân';
  let evidenceId: string;
  let approvalId: string;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    const approval = await org.startRehearsal();
    approvalId = approval.id;
    const uploaded = await org.uploadEvidence<{ id: string }>(
      'leader',
      cycleId,
      { recordType: 'approval', recordKey: approval.id },
      { bytes: Buffer.from('%PDF-1.7\nDanh sach CCCD\n%%EOF\n'), name: fileName },
    );
    expect(uploaded.status).toBe(201);
    evidenceId = uploaded.body.id;
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close({ endCycles: [{ organisationCode, year: 2024 }] });
  });

  /** The row of the history that tells of the upload, by its kind of event. */
  const uploadRow = (tab: Tab) =>
    tab.page.locator('tbody tr').filter({ hasText: vi('cycles:eventType.evidence.uploaded') });

  /** Her approval's form offers the file uploaded earlier to its answer's list, or not. */
  const offeredToTheAnswer = async (leader: Tab) => {
    await leader.open(`/tasks/${encodeURIComponent(approvalId)}`);
    await leader.page.getByText(vi('tasks:evidence.attach'), { exact: true }).first().waitFor();
    await leader.settled();
    return leader.page
      .getByRole('button', { name: `${vi('tasks:evidence.addEarlier')} ${fileName}`, exact: true })
      .count();
  };

  /** The leader's tab: she puts the file in her approval's answer before it is erased. */
  let leader: Tab;
  const box = (name: string) => leader.page.getByRole('group', { name, exact: true });

  it('offers the leader no erasing, on her upload’s row', async () => {
    leader = await browser.signedIn(org.email('leader'), DEMO_PASSWORD);
    // In each of the form's boxes that take files.
    expect(await offeredToTheAnswer(leader)).toBeGreaterThan(0);
    // She takes it into the approval's box (the decision's signed copy), and leaves the page.
    await box(vi('tasks:approval.signedCopy'))
      .getByRole('button', { name: `${vi('tasks:evidence.addEarlier')} ${fileName}`, exact: true })
      .click();
    await leader.open(history);
    await uploadRow(leader).waitFor();
    await leader.settled();
    expect(await uploadRow(leader).getByRole('link', { name: fileName, exact: false }).count()).toBe(1);
    expect(
      await leader.page.getByRole('button', { name: vi('cycles:eraseFile.open'), exact: false }).count(),
    ).toBe(0);
  });

  it('erases the file’s content from its upload’s row, after a reason and a confirmation; the row names it erased', async () => {
    const qmr = await browser.signedIn(org.email('qmr'), DEMO_PASSWORD);
    await qmr.open(history);
    const row = uploadRow(qmr);
    await row.waitFor();
    await row
      .getByRole('button', { name: `${vi('cycles:eraseFile.open')} ${fileName}`, exact: true })
      .click();
    const form = qmr.page.getByRole('region', {
      name: vi('cycles:eraseFile.title', { file: fileName }),
      exact: true,
    });
    await form.waitFor();
    // No reason: said at the field, nothing sent.
    await form.getByRole('button', { name: vi('cycles:eraseFile.ask'), exact: true }).click();
    await form.getByText(vi('cycles:cancel.reasonTooShort'), { exact: true }).waitFor();
    await form.getByLabel(vi('cycles:eraseFile.reason'), { exact: false }).fill(reason);
    await form.getByRole('button', { name: vi('cycles:eraseFile.ask'), exact: true }).click();
    const confirm = qmr.page.getByRole('alertdialog');
    await confirm
      .getByText(vi('cycles:eraseFile.confirmText', { file: fileName }), { exact: true })
      .waitFor();
    await qmr.check('erasing a file’s content, asked to confirm', {
      screenshot: 'history-erase-file-confirm',
    });
    await confirm.getByRole('button', { name: vi('cycles:eraseFile.confirm'), exact: true }).click();
    await qmr.page.getByText(vi('cycles:eraseFile.done', { file: fileName }), { exact: true }).waitFor();

    // The erasure heads the history (newest first), with its reason.
    const erasedRow = qmr.page
      .locator('tbody tr')
      .filter({ hasText: vi('cycles:eventType.evidence.erased') });
    await erasedRow.waitFor();
    await expect(erasedRow.textContent()).resolves.toContain(reason);
    // The upload's row names the file as erased, with nothing to download and nothing more to erase.
    await row
      .getByText(`(${vi('tasks:evidence.erased')})`, { exact: true })
      .first()
      .waitFor();
    expect(await row.getByRole('link', { name: fileName, exact: false }).count()).toBe(0);
    expect(await row.getByRole('button', { name: vi('cycles:eraseFile.open'), exact: false }).count()).toBe(
      0,
    );
    await qmr.check('a file’s content erased, in the history', { screenshot: 'history-file-erased' });

    // What the page said is what the API holds.
    const gone = await org.as('leader', 'GET', `/api/v1/evidence/${evidenceId}`);
    expect(gone.status).toBe(410);
  });

  it('refuses the leader’s approval naming the erased file, in the box she put it in only; and no longer offers it', async () => {
    // Her tab kept the answer she was writing, the file in it.
    await leader.open(`/tasks/${encodeURIComponent(approvalId)}`);
    const approveBox = box(vi('tasks:approval.signedCopy'));
    await approveBox.getByText(fileName, { exact: false }).first().waitFor();
    await leader.page.getByLabel(vi('tasks:approval.documentNumber'), { exact: true }).fill('123/QĐ-UBND');
    const answer = await leader.answerTo(() =>
      leader.page.getByRole('button', { name: vi('tasks:approval.approve'), exact: true }).click(),
    );
    expect(answer.status).toBe(422);
    expect(answer.problems.map((problem) => problem.path)).toEqual(['evidence[0]']);
    const refusal = answer.problems[0].reason;
    await approveBox.getByText(refusal, { exact: false }).waitFor();
    expect(await box(vi('tasks:approval.annotatedDraft')).getByText(refusal, { exact: false }).count()).toBe(
      0,
    );
    await leader.check('an approval naming a file whose content was erased, refused', {
      screenshot: 'task-approval-erased-file',
    });

    expect(await offeredToTheAnswer(leader)).toBe(0);
  });

  it('tells the leader in her bell that her file’s content was erased, leading to her approval', async () => {
    await leader.open('/notifications');
    const notice = leader.page
      .locator('.note')
      .filter({ hasText: vi('notifications:reasons.evidence-erased') });
    await notice.waitFor();
    await leader.settled();
    await expect(notice.getByRole('link').getAttribute('href')).resolves.toBe(
      `/tasks/${encodeURIComponent(approvalId)}`,
    );
    // Which file, who erased it, when and why, as the mail says it: she need not open the mail.
    const files = await org.as<{ id: string; erased: { at: string } }[]>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/evidence?recordType=approval&recordKey=${encodeURIComponent(approvalId)}`,
    );
    const line = vi('notifications:erasedFile.line', {
      file: fileName,
      who: DEMO_USERS.find((user) => user.email.startsWith('qmr@'))!.fullName,
      when: formatInstant(files.body.find((file) => file.id === evidenceId)!.erased.at, 'vi'),
      reason,
    });
    await notice.getByText(line, { exact: true }).waitFor();
    await leader.check('the notice of a file’s content erased, in the bell', {
      screenshot: 'notifications-evidence-erased',
    });
  });
});
