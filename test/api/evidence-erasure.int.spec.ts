import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { evidenceErasedNoticeId } from '@qcycle/contracts';
import { eventually, startTestSmtpServer, uniqueSuffix, type TestSmtpServer } from '@qcycle/testing';
import { DEMO_USERS } from '../../apps/api/src/demo/demo-directory';
import { TemporalClientProvider } from '../../apps/api/src/temporal/temporal-client.module';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import { APPROVAL } from './support/year-over-http';
import { download } from '../documents/support/document-download';

interface EvidenceFile {
  id: string;
  reference: string;
  fileName: string;
  sha256: string;
  erased: { at: string; by: string; reason: string } | null;
}

/**
 * Erasing a file's content (docs/evidence.md "Erasing a file's content"): a file that must not be
 * kept, here a list with citizens' identity numbers uploaded by mistake to the leader's approval.
 * The Quality Representative erases it with a reason; the file stays named in the records, its bytes
 * leave the store once no other upload holds them, downloads answer 410, the dossier lists it without
 * it, and no answer can name it any more. Over HTTP on the real API and worker, PostgreSQL and the
 * Temporal dev server.
 */
describe('erasing an evidence file’s content (API, worker, PostgreSQL, Temporal dev server)', () => {
  let suite: ApiSuite;
  let smtp: TestSmtpServer;
  let org: DemoOrganisation;
  const organisationCode = `er-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const reason = 'Tải nhầm danh sách có số định danh cá nhân của người dân';
  const personalData = Buffer.from('%PDF-1.7\nDanh sach CCCD: 062090001234, 062090005678\n%%EOF\n');
  const sha256 = createHash('sha256').update(personalData).digest('hex');
  const erasePath = (id: string) => `/api/v1/cycles/${cycleId}/evidence/${id}/erase`;
  let record: { recordType: string; recordKey: string };
  let approvalId: string;
  let leaders: EvidenceFile;
  let qmrs: EvidenceFile;

  const inStore = () => existsSync(join(suite.config.evidence.dir, sha256.slice(0, 2), sha256));
  const listed = async () =>
    (
      await org.as<EvidenceFile[]>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/evidence?recordType=${record.recordType}&recordKey=${encodeURIComponent(record.recordKey)}`,
      )
    ).body;
  const erasures = async () =>
    (
      await org.as<{ items: { actor: string; payload: Record<string, unknown> }[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/events?type=evidence.erased&order=asc`,
      )
    ).body.items;

  /** One's notices of an erasure as the bell lists them: the task's title, if any, and the file. */
  const erasedFilesInBell = async (local: string) =>
    (
      await org.as<{ items: { reason: string; taskTitle?: unknown; erasedFile?: unknown }[] }>(
        local,
        'GET',
        '/api/v1/me/notifications?limit=100',
      )
    ).body.items
      .filter((item) => item.reason === 'evidence-erased')
      .map(({ taskTitle, erasedFile }) => ({ ...(taskTitle ? { taskTitle } : {}), erasedFile }));

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    suite = await startApiSuite({ worker: true, smtp });
    org = await suite.seedDemoOrganisation(organisationCode);
    const approval = await org.startRehearsal();
    approvalId = approval.id;
    record = { recordType: 'approval', recordKey: approval.id };
    // The leader uploads the list by mistake; the Quality Representative, the same bytes under
    // another name (one content in the store, two files on the record).
    const first = await org.uploadEvidence<EvidenceFile>('leader', cycleId, record, {
      bytes: personalData,
      name: 'Danh sách CCCD.pdf',
    });
    const second = await org.uploadEvidence<EvidenceFile>('qmr', cycleId, record, {
      bytes: personalData,
      name: 'Bản sao danh sách.pdf',
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    leaders = first.body;
    qmrs = second.body;
  }, 120_000);

  afterAll(() => suite?.close({ endCycles: [{ organisationCode, year: 2024 }] }));

  it('refuses anyone but the Quality Representative, a blank reason and an unknown file, and loses nothing', async () => {
    // The uploader herself, and someone of the organisation: 403.
    for (const local of ['leader', 'staff.tthc', 'vanthu']) {
      const refused = await org.as<{ code: string }>(local, 'POST', erasePath(leaders.id), { reason });
      expect([local, refused.status]).toEqual([local, 403]);
    }
    const blank = await org.as<{ details: { fields: Record<string, string[]> } }>(
      'qmr',
      'POST',
      erasePath(leaders.id),
      { reason: '   ' },
    );
    expect(blank.status).toBe(400);
    expect(Object.keys(blank.body.details.fields)).toEqual(['reason']);
    expect((await org.as('qmr', 'POST', erasePath(leaders.id), {})).status).toBe(400);
    expect(
      (await org.as('qmr', 'POST', erasePath('00000000-0000-4000-8000-000000000000'), { reason })).status,
    ).toBe(404);
    expect(
      (await org.as('qmr', 'POST', `/api/v1/cycles/xx-1-2024/evidence/${leaders.id}/erase`, { reason }))
        .status,
    ).toBe(404);

    const kept = await org.downloadEvidence('leader', leaders.id);
    expect(kept.status).toBe(200);
    expect(kept.bytes.equals(personalData)).toBe(true);
    expect((await listed()).map((file) => file.erased)).toEqual([null, null]);
    expect(await erasures()).toEqual([]);
  });

  it('erases one upload: named, not downloadable, told in the history once; the other upload of the same bytes still downloads', async () => {
    const erased = await org.as<EvidenceFile>('qmr', 'POST', erasePath(leaders.id), {
      reason: ` ${reason} `,
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      id: leaders.id,
      fileName: 'Danh sách CCCD.pdf',
      sha256,
      erased: { by: org.idOf('qmr'), reason },
    });

    const gone = await org.as<{ code: string; message: string; details: { reason: string } }>(
      'leader',
      'GET',
      `/api/v1/evidence/${leaders.id}`,
    );
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('EVIDENCE_FILE_GONE');
    expect(gone.body.details.reason).toBe('erased');
    expect(gone.body.message).toContain(reason);

    // Again (a retry after a lost answer): as it is, no second event.
    const again = await org.as<EvidenceFile>('qmr', 'POST', erasePath(leaders.id), { reason: 'Lần nữa' });
    expect(again.status).toBe(200);
    expect(again.body.erased).toEqual(erased.body.erased);
    const told = await erasures();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      actor: org.idOf('qmr'),
      payload: { evidenceId: leaders.id, fileName: 'Danh sách CCCD.pdf', sha256, reason },
    });

    expect((await listed()).map((file) => [file.fileName, file.erased?.reason ?? null])).toEqual([
      ['Danh sách CCCD.pdf', reason],
      ['Bản sao danh sách.pdf', null],
    ]);
    // The history names both files, and says which one's content is erased (its page offers no
    // download of it).
    const history = await org.as<{ files: { id: string; fileName: string; erased: boolean }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/events?type=evidence.&order=asc`,
    );
    expect(history.body.files).toEqual([
      { id: leaders.id, fileName: 'Danh sách CCCD.pdf', erased: true },
      { id: qmrs.id, fileName: 'Bản sao danh sách.pdf', erased: false },
    ]);
    // The other upload holds the same bytes: they stay for it.
    expect(inStore()).toBe(true);
    expect((await org.downloadEvidence('leader', qmrs.id)).status).toBe(200);
  });

  it('removes the bytes from the store once no upload holds them, and no answer may name an erased file', async () => {
    expect((await org.as('qmr', 'POST', erasePath(qmrs.id), { reason })).status).toBe(200);
    expect(inStore()).toBe(false);
    expect((await org.downloadEvidence('qmr', qmrs.id)).status).toBe(410);

    // A process killed in the middle of the removal: the local folder puts a set-aside file back at
    // its next start, not knowing it was to go. The start after that removes it again.
    const stored = join(suite.config.evidence.dir, sha256.slice(0, 2), sha256);
    await mkdir(dirname(stored), { recursive: true });
    await writeFile(stored, personalData);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(stored, anHourAgo, anHourAgo);
    await suite.startAnotherApi({ seedDemoData: false });
    expect(inStore()).toBe(false);

    const answer = await org.as<{ details: { problems: { path: string; reason: string }[] } }>(
      'leader',
      'POST',
      `/api/v1/tasks/${encodeURIComponent(approvalId)}/complete`,
      { outcome: { ...APPROVAL, evidence: [leaders.reference] } },
    );
    expect(answer.status).toBe(422);
    expect(answer.body.details.problems).toEqual([
      expect.objectContaining({ path: 'evidence[0]', reason: expect.stringContaining('đã bị xóa') }),
    ]);

    // The same bytes uploaded again are a new file, not the erased one, and download.
    const reuploaded = await org.uploadEvidence<EvidenceFile>('leader', cycleId, record, {
      bytes: personalData,
      name: 'Danh sách CCCD.pdf',
    });
    expect(reuploaded.status).toBe(201);
    expect(reuploaded.body.id).not.toBe(leaders.id);
    expect(reuploaded.body.erased).toBeNull();
    expect((await org.downloadEvidence('leader', reuploaded.body.id)).status).toBe(200);
  });

  it('tells the one who uploaded an erased file, once, by mail and in the bell: which file, who erased it, when and why', async () => {
    /** What the worker made of a file's notice: how many were told. */
    const told = (file: EvidenceFile) =>
      suite.api
        .get(TemporalClientProvider)
        .client.workflow.getHandle(evidenceErasedNoticeId(file.id))
        .result() as Promise<{ told: number }>;
    // The leader's upload, erased (and asked again) by the Quality Representative: she is told once.
    await expect(told(leaders)).resolves.toEqual({ told: 1 });
    const mails = smtp
      .mailsTo(org.email('leader'))
      .filter((mail) => mail.subject?.includes('Nội dung tệp minh chứng đã bị xóa'));
    expect(mails).toHaveLength(1);
    const text = mails[0].text ?? '';
    for (const line of [
      'Đại diện chất lượng đã xóa nội dung một tệp minh chứng ông/bà tải lên hồ sơ "Phê duyệt mục tiêu chất lượng năm 2024 (lần 1)".',
      'Tệp: Danh sách CCCD.pdf',
      `Người xóa: ${DEMO_USERS.find((user) => user.email.startsWith('qmr@'))!.fullName}`,
      `Lý do: ${reason}`,
    ])
      expect(text).toContain(line);
    // Its task's page, behind the sign-in: no single-use link, it opens nothing to answer.
    expect(text).toContain(`/tasks/${encodeURIComponent(approvalId)}`);
    expect(text).not.toContain('token=');
    await expect(org.noticesOf('leader', 'evidence-erased')).resolves.toEqual([mails[0].subject]);
    // The bell says what the mail says: which file, who erased it, when and why.
    const [erasedNow] = (await listed()).filter((file) => file.id === leaders.id);
    await expect(erasedFilesInBell('leader')).resolves.toEqual([
      {
        taskTitle: expect.objectContaining({ vi: 'Phê duyệt mục tiêu chất lượng năm 2024 (lần 1)' }),
        erasedFile: {
          fileName: 'Danh sách CCCD.pdf',
          erasedByName: DEMO_USERS.find((user) => user.email.startsWith('qmr@'))!.fullName,
          erasedAt: erasedNow.erased!.at,
          reason,
        },
      },
    ]);
    // The Quality Representative's own upload: nobody is told what they did themselves.
    await expect(told(qmrs)).resolves.toEqual({ told: 0 });
    await expect(org.noticesOf('qmr', 'evidence-erased')).resolves.toEqual([]);
  });

  it('lists the erased files in the dossier’s index, who erased them and why, without their content', async () => {
    const dossier = await download(suite.http, org, 'qmr', `/api/v1/cycles/${cycleId}/dossier`);
    expect(dossier.status).toBe(200);
    const dir = await mkdtemp(join(tmpdir(), 'qcycle-erasure-'));
    try {
      const zip = join(dir, 'dossier.zip');
      await writeFile(zip, dossier.bytes);
      const entry = (name: string) => execFileSync('unzip', ['-p', zip, name], { encoding: 'utf8' });
      const entries = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n');
      const index = JSON.parse(entry('MUC-LUC.json')) as {
        files: { kind: string; path: string; title: string; status: string; erased?: { reason: string } }[];
      };
      const evidence = index.files.filter((row) => row.kind === 'evidence');
      expect(evidence.map((row) => [row.title, row.status, row.erased?.reason])).toEqual([
        ['Danh sách CCCD.pdf', 'erased', reason],
        ['Bản sao danh sách.pdf', 'erased', reason],
        ['Danh sách CCCD.pdf', 'included', undefined],
      ]);
      expect(entries).not.toContain(evidence[0].path);
      expect(entries).not.toContain(evidence[1].path);
      expect(entries).toContain(evidence[2].path);
      expect(entry('MUC-LUC.csv')).toContain(`ĐÃ XÓA NỘI DUNG: không có trong hồ sơ; Xóa lúc `);
      expect(entry('GHI-CHU.txt')).toContain('CHÚ Ý: 2 tệp bằng chứng không có trong hồ sơ');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('tells the owner of a corrective action’s file which action it was on: it has no task to name', async () => {
    const finding = 'Sổ theo dõi văn bản đến không được cập nhật hằng ngày.';
    const actionId = await org.openObservation(cycleId, {
      unitCode: 'vp-tonghop',
      finding,
      verifier: 'auditor.hcth',
      unitHead: 'head.tonghop',
    });
    const upload = await org.uploadEvidence<EvidenceFile>(
      'head.tonghop',
      cycleId,
      { recordType: 'corrective-action', recordKey: actionId },
      { bytes: Buffer.from('%PDF-1.7\nSo theo doi co so dien thoai ca nhan\n'), name: 'Sổ theo dõi.pdf' },
    );
    expect(upload.status).toBe(201);
    const erased = await org.as<EvidenceFile>('qmr', 'POST', erasePath(upload.body.id), { reason });
    expect(erased.status).toBe(200);
    await eventually('the unit head told', async () => {
      const bell = await erasedFilesInBell('head.tonghop');
      return bell.length > 0 ? bell : undefined;
    }).then((bell) =>
      expect(bell).toEqual([
        {
          erasedFile: {
            fileName: 'Sổ theo dõi.pdf',
            erasedByName: DEMO_USERS.find((user) => user.email.startsWith('qmr@'))!.fullName,
            erasedAt: erased.body.erased!.at,
            reason,
            finding,
          },
        },
      ]),
    );
  });

  it('erases a file once the year has ended too: what must not be kept is not kept after it either', async () => {
    const late = await org.uploadEvidence<EvidenceFile>('qmr', cycleId, record, {
      bytes: Buffer.from('%PDF-1.7\nGiay to rieng\n%%EOF\n'),
      name: 'Giấy tờ riêng.pdf',
    });
    expect(late.status).toBe(201);
    expect(
      (await org.as('qmr', 'POST', `/api/v1/cycles/${cycleId}/cancel`, { reason: 'Kết thúc' })).status,
    ).toBe(202);
    await eventually('the year cancelled', async () =>
      (await org.as<{ status: string }>('qmr', 'GET', `/api/v1/cycles/${cycleId}`)).body.status ===
      'cancelled'
        ? true
        : undefined,
    );
    const erased = await org.as<EvidenceFile>('qmr', 'POST', erasePath(late.body.id), { reason });
    expect(erased.status).toBe(200);
    expect(erased.body.erased?.reason).toBe(reason);
    expect((await org.downloadEvidence('qmr', late.body.id)).status).toBe(410);
  });
});
