import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { APPROVAL, YearOverHttp } from './support/year-over-http';
import { HELD_REVIEW } from './support/year-fixtures';
import type { DemoOrganisation } from './support/demo-organisation';
import { download } from '../documents/support/document-download';

/**
 * The scan of a paper signed after qcycle recorded it (docs/documents.md "The signed papers beside
 * the documents printed"): the leader approves in qcycle, the office prints the decision, the
 * leader signs it and the văn thư seals and scans it; the same for the minutes of the management
 * review. The scan is added to the answered task's record, and the decision and the review list it
 * beside what their answer named — not a file someone uploaded and left out of the answer. Over HTTP
 * on the real API and worker, PostgreSQL and the time-skipping Temporal server.
 */
describe('the signed papers’ scans added once the decision and the review are recorded (API, worker, PostgreSQL, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  const organisationCode = `sc-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

  interface Record {
    evidence: string[];
    files: { id: string; fileName: string }[];
    signedCopyRecord: { recordType: string; recordKey: string } | null;
  }
  const read = async (path: 'decision' | 'review') =>
    (await org.as<Record>('staff.tthc', 'GET', `/api/v1/cycles/${cycleId}/${path}`)).body;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
    await year.start(organisationCode);
  }, 180_000);

  afterAll(() => suite?.close());

  /**
   * The year's dossier as the văn thư downloads it: its evidence rows (name, signed paper, whether no
   * answer names it), index and note.
   */
  async function dossierIndex() {
    const dossier = await download(suite.http, org, 'vanthu', `/api/v1/cycles/${cycleId}/dossier`);
    expect(dossier.status).toBe(200);
    const dir = await mkdtemp(join(tmpdir(), 'qcycle-signed-copies-'));
    try {
      const zip = join(dir, 'dossier.zip');
      await writeFile(zip, dossier.bytes);
      const entry = (name: string) => execFileSync('unzip', ['-p', zip, name], { encoding: 'utf8' });
      const index = JSON.parse(entry('MUC-LUC.json')) as {
        files: {
          kind: string;
          title: string;
          signedCopyOf?: { type: string; title: string };
          unused?: true;
        }[];
      };
      return {
        evidence: index.files
          .filter((row) => row.kind === 'evidence')
          .map((row) => [row.title, row.signedCopyOf, row.unused]),
        csv: entry('MUC-LUC.csv'),
        note: entry('GHI-CHU.txt'),
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('lists the decision’s scan added after the approval, from the văn thư, and not a file the leader left out of the answer', async () => {
    const returned = await year.taskOf('leader', 'objectives-approval');
    const scanOf = (round: { id: string }, bytes: Buffer, name: string, local = 'vanthu') =>
      org.uploadEvidence(local, cycleId, { recordType: 'approval', recordKey: round.id }, { bytes, name });
    // Before the answer the record is the leader's form's: the văn thư has nothing to add yet.
    expect((await scanOf(returned, pdf('QD som'), 'QĐ sớm.pdf')).status).toBe(403);
    // A round the leader returned signed nothing: no signed copy to add to it. The draft the leader
    // wrote on goes with the return, and is no signed paper either.
    const annotated = await scanOf(returned, pdf('Du thao co y kien'), 'Dự thảo có ý kiến.pdf', 'leader');
    expect(annotated.status).toBe(201);
    expect(
      (
        await year.complete('leader', returned.id, {
          decision: 'return',
          comments: 'Bổ sung kế hoạch mục tiêu 4.',
          evidence: [(annotated.body as { reference: string }).reference],
        })
      ).status,
    ).toBe(200);
    expect((await scanOf(returned, pdf('QD tra lai'), 'QĐ trả lại.pdf')).status).toBe(403);
    // Named by the return: used.
    expect((await dossierIndex()).evidence).toEqual([['Dự thảo có ý kiến.pdf', undefined, undefined]]);
    const revision = await year.taskOf('qmr', 'objectives-revision');
    expect((await year.complete('qmr', revision.id, { note: 'Đã bổ sung.' })).status).toBe(200);

    const approval = await year.taskOf('leader', 'objectives-approval', 0, (task) => task.id !== returned.id);
    const record = { recordType: 'approval', recordKey: approval.id };
    // The leader uploads a file in the form, then answers without it.
    const leftOut = await org.uploadEvidence('leader', cycleId, record, {
      bytes: pdf('Nham tep'),
      name: 'Nhầm tệp.pdf',
    });
    expect(leftOut.status).toBe(201);
    await year.approve(APPROVAL);
    const approved = await year.eventually('the decision', async () => {
      const answer = await org.as<Record>('staff.tthc', 'GET', `/api/v1/cycles/${cycleId}/decision`);
      return answer.status === 200 ? answer.body : undefined;
    });
    expect(approved).toMatchObject({ evidence: [], files: [], signedCopyRecord: record });
    // Until its scan is added, the dossier says the decision's is not in it, and where to add it.
    expect((await dossierIndex()).note).toContain(
      'CHÚ Ý: hồ sơ không có bản đã ký (bản chụp) của Quyết định số 123/QĐ-UBND (thêm ở trang Văn bản',
    );

    // Someone who neither signed, keeps the seal nor runs the QMS: 403, nothing kept.
    const staff = await org.uploadEvidence('staff.tthc', cycleId, record, {
      bytes: pdf('QD nhan vien'),
      name: 'QĐ nhân viên.pdf',
    });
    expect(staff.status).toBe(403);
    const scan = await org.uploadEvidence<{ reference: string }>('vanthu', cycleId, record, {
      bytes: pdf('Quyet dinh 123/QD-UBND da ky, dong dau'),
      name: 'QĐ 123 đã ký, đóng dấu.pdf',
    });
    expect(scan.status).toBe(201);
    // The same paper scanned again by the Quality Representative: listed once.
    const again = await org.uploadEvidence('qmr', cycleId, record, {
      bytes: pdf('Quyet dinh 123/QD-UBND da ky, dong dau'),
      name: 'QĐ 123 đã ký, đóng dấu.pdf',
    });
    expect(again.status).toBe(201);

    const decision = await read('decision');
    expect(decision.evidence).toEqual([scan.body.reference]);
    expect(decision.files.map((file) => file.fileName)).toEqual(['QĐ 123 đã ký, đóng dấu.pdf']);
    // The record keeps every file uploaded to it all the same.
    const listed = await org.as<{ fileName: string }[]>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/evidence?recordType=approval&recordKey=${encodeURIComponent(approval.id)}`,
    );
    expect(listed.body.map((file) => file.fileName).sort()).toEqual([
      'Nhầm tệp.pdf',
      'QĐ 123 đã ký, đóng dấu.pdf',
      'QĐ 123 đã ký, đóng dấu.pdf',
    ]);
  });

  it('withdraws a wrong scan from the decision’s signed copies: kept on the record, told in the history, once', async () => {
    const { signedCopyRecord: record, evidence: listed } = await read('decision');
    const withdraw = (local: string, id: string, body: unknown) =>
      org.as<{ withdrawn: { at: string; by: string; reason: string } | null; fileName: string }>(
        local,
        'POST',
        `/api/v1/cycles/${cycleId}/evidence/${encodeURIComponent(id)}/withdraw`,
        body,
      );
    // The văn thư scans the wrong decision: listed beside the real one until withdrawn.
    const wrong = await org.uploadEvidence<{ id: string; reference: string }>('vanthu', cycleId, record!, {
      bytes: pdf('Quyet dinh 122/QD-UBND'),
      name: 'QĐ 122 (nhầm).pdf',
    });
    expect(wrong.status).toBe(201);
    expect((await read('decision')).evidence).toEqual([...listed, wrong.body.reference]);
    const reason = { reason: 'Quét nhầm Quyết định số 122/QĐ-UBND' };

    // The wrong person, no such file, a blank reason, a file that is no signed copy: refused, nothing changed.
    expect((await withdraw('staff.tthc', wrong.body.id, reason)).status).toBe(403);
    expect((await withdraw('vanthu', 'no-such-file', reason)).status).toBe(404);
    const blank = await withdraw('vanthu', wrong.body.id, { reason: '   ' });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain('reason');
    const files = await org.as<{ id: string; fileName: string; withdrawn: unknown }[]>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/evidence?recordType=approval&recordKey=${encodeURIComponent(record!.recordKey)}`,
    );
    const leftOut = files.body.find((file) => file.fileName === 'Nhầm tệp.pdf')!;
    expect((await withdraw('qmr', leftOut.id, reason)).status).toBe(409);
    expect((await read('decision')).evidence).toEqual([...listed, wrong.body.reference]);

    // The văn thư and the Quality Representative at the same moment: one withdrawal, both told it.
    const [withdrawn, twin] = await Promise.all([
      withdraw('vanthu', wrong.body.id, reason),
      withdraw('qmr', wrong.body.id, { reason: 'Tệp không đúng' }),
    ]);
    expect([withdrawn.status, twin.status]).toEqual([200, 200]);
    const [who, why] =
      withdrawn.body.withdrawn?.by === org.idOf('vanthu')
        ? ['vanthu', reason.reason]
        : ['qmr', 'Tệp không đúng'];
    expect(withdrawn.body.withdrawn).toEqual({ at: expect.any(String), by: org.idOf(who), reason: why });
    expect(twin.body.withdrawn).toEqual(withdrawn.body.withdrawn);
    expect((await read('decision')).evidence).toEqual(listed);
    // Sent again: the file as it is, nothing written twice.
    const again = await withdraw('qmr', wrong.body.id, { reason: 'Lần nữa' });
    expect(again.status).toBe(200);
    expect(again.body.withdrawn).toEqual(withdrawn.body.withdrawn);
    const events = await org.as<{ items: { type: string; actor: string; payload: { reason: string } }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/events?type=evidence.withdrawn`,
    );
    expect(events.body.items.map((event) => [event.actor, event.payload.reason])).toEqual([
      [org.idOf(who), why],
    ]);
    // The approving round's own history tells it too.
    const ofRecord = await org.as<{ items: { type: string }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/events?subject=${encodeURIComponent(record!.recordKey)}`,
    );
    expect(ofRecord.body.items.filter((event) => event.type === 'evidence.withdrawn')).toHaveLength(1);
    // Still on the record, as every upload is, marked withdrawn.
    const after = await org.as<{ id: string; withdrawn: unknown }[]>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/evidence?recordType=approval&recordKey=${encodeURIComponent(record!.recordKey)}`,
    );
    expect(after.body.find((file) => file.id === wrong.body.id)?.withdrawn).toEqual(withdrawn.body.withdrawn);
  });

  it('lists the minutes’ scan added after the review is held, beside what its answer named', async () => {
    await year.assignAsProposed();
    await year.acceptUnits();
    await env.sleep('250 days');
    const task = await year.taskOf('leader', 'management-review', 30);
    const record = { recordType: 'review', recordKey: task.id };
    expect(
      (await year.complete('leader', task.id, { ...HELD_REVIEW, evidence: ['Danh sách đại biểu'] })).status,
    ).toBe(200);
    const held = await year.eventually('the review held', async () => {
      const review = await read('review');
      return review.signedCopyRecord ? review : undefined;
    });
    expect(held).toMatchObject({ evidence: ['Danh sách đại biểu'], signedCopyRecord: record });
    // A paper named in words is no scan: the văn thư was asked for the minutes', as for the
    // decision's, which was approved naming no file (the one uploaded was left out).
    const asked = await year.eventually('the văn thư asked for the minutes’ scan', async () => {
      const notices = await org.noticesOf('vanthu', 'paper-to-scan');
      return notices.length === 2 ? notices : undefined;
    });
    expect(asked).toEqual([
      '[qcycle] [Diễn tập] Văn bản đã ký cần bản chụp: Biên bản họp xem xét của lãnh đạo năm 2024 số BB-XXLĐ-2024',
      '[qcycle] [Diễn tập] Văn bản đã ký cần bản chụp: Quyết định số 123/QĐ-UBND phê duyệt mục tiêu chất lượng năm 2024',
    ]);
    // The decision's scan is in the dossier; the minutes' is not yet.
    expect((await dossierIndex()).note).toContain(
      'CHÚ Ý: hồ sơ không có bản đã ký (bản chụp) của Biên bản họp xem xét của lãnh đạo số BB-XXLĐ-2024 (',
    );

    // Where each paper stands now, as the bell reads it: the decision scanned, the minutes not yet.
    const scannedNow = async () =>
      (
        await org.as<{ items: { reason: string; subject: string; paperNow?: { scanned: boolean } }[] }>(
          'vanthu',
          'GET',
          '/api/v1/me/notifications?limit=100',
        )
      ).body.items
        .filter((item) => item.reason === 'paper-to-scan')
        .map((item) => item.paperNow?.scanned);
    await expect(scannedNow()).resolves.toEqual([false, true]);
    const scan = await org.uploadEvidence<{ reference: string }>('vanthu', cycleId, record, {
      bytes: pdf('Bien ban hop da ky'),
      name: 'Biên bản họp đã ký.pdf',
    });
    expect(scan.status).toBe(201);
    await expect(scannedNow()).resolves.toEqual([true, true]);
    const review = await read('review');
    expect(review.evidence).toEqual(['Danh sách đại biểu', scan.body.reference]);
    expect(review.files.map((file) => file.fileName)).toContain('Biên bản họp đã ký.pdf');
  });

  it('marks in the dossier’s index which files are the signed papers’ scans, and of which paper', async () => {
    const { evidence, csv, note } = await dossierIndex();
    const decision = { type: 'objectives-decision', title: 'Quyết định số 123/QĐ-UBND' };
    expect(evidence).toEqual([
      // The draft the leader returned with, then a file uploaded in the form and left out of the
      // answer: on the records, not signed copies; no answer names the second.
      ['Dự thảo có ý kiến.pdf', undefined, undefined],
      ['Nhầm tệp.pdf', undefined, true],
      // The same paper scanned twice: both files are its scans.
      ['QĐ 123 đã ký, đóng dấu.pdf', decision, undefined],
      ['QĐ 123 đã ký, đóng dấu.pdf', decision, undefined],
      // Withdrawn as the wrong paper: on the record, noted so.
      ['QĐ 122 (nhầm).pdf', undefined, undefined],
      [
        'Biên bản họp đã ký.pdf',
        { type: 'review-minutes', title: 'Biên bản họp xem xét của lãnh đạo số BB-XXLĐ-2024' },
        undefined,
      ],
    ]);
    expect(csv).toContain('"QĐ 123 đã ký, đóng dấu.pdf",');
    expect(csv).toContain('"Bản đã ký (bản chụp) của Quyết định số 123/QĐ-UBND"\r\n');
    expect(csv).toMatch(
      /"Đã gỡ khỏi bản đã ký lúc \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \([^)]+\): (Quét nhầm Quyết định số 122\/QĐ-UBND|Tệp không đúng)"\r\n/,
    );
    expect(csv).toContain('"Nhầm tệp.pdf",');
    expect(csv).toContain('"Không được nêu trong câu trả lời nào"\r\n');
    expect(note).toContain('trong đó 3 tệp là bản chụp văn bản lãnh đạo đã ký');
    expect(note).toContain('; 1 tệp không được nêu trong câu trả lời nào');
    expect(note).not.toContain('CHÚ Ý');
  });

  it('lists the year’s files, each with its record, as the index marks them, for those who read the log', async () => {
    interface YearFiles {
      files: {
        id: string;
        fileName: string;
        subject: string;
        signedCopyOf: string | null;
        named: boolean;
        withdrawn: unknown;
        erased: { reason: string } | null;
      }[];
      subjects: { id: string; title: { vi: string } | null }[];
    }
    const yearFiles = async (local = 'vanthu') =>
      org.as<YearFiles>(local, 'GET', `/api/v1/cycles/${cycleId}/evidence-files`);
    const listed = await yearFiles();
    expect(listed.status).toBe(200);
    const records = new Map(listed.body.subjects.map((subject) => [subject.id, subject.title?.vi]));
    expect(
      listed.body.files.map((file) => [
        file.fileName,
        records.get(file.subject),
        file.signedCopyOf,
        file.named,
        file.withdrawn !== null,
      ]),
    ).toEqual([
      // The draft the leader returned with: named by the return, no signed paper.
      ['Dự thảo có ý kiến.pdf', 'Phê duyệt mục tiêu chất lượng năm 2024 (lần 1)', null, true, false],
      // Uploaded in the form and left out of the answer: no answer names it.
      ['Nhầm tệp.pdf', 'Phê duyệt mục tiêu chất lượng năm 2024 (lần 2)', null, false, false],
      // The decision's scan, twice, added after the answer: signed copies no answer names.
      [
        'QĐ 123 đã ký, đóng dấu.pdf',
        'Phê duyệt mục tiêu chất lượng năm 2024 (lần 2)',
        'objectives-decision',
        false,
        false,
      ],
      [
        'QĐ 123 đã ký, đóng dấu.pdf',
        'Phê duyệt mục tiêu chất lượng năm 2024 (lần 2)',
        'objectives-decision',
        false,
        false,
      ],
      // Withdrawn as the wrong paper: no signed copy any more.
      ['QĐ 122 (nhầm).pdf', 'Phê duyệt mục tiêu chất lượng năm 2024 (lần 2)', null, false, true],
      ['Biên bản họp đã ký.pdf', 'Chủ trì họp xem xét của lãnh đạo năm 2024', 'review-minutes', false, false],
    ]);

    // A file the Quality Representative erased is listed still, said so; a signed copy erased is
    // none any more.
    const erase = (file: { id: string }) =>
      org.as('qmr', 'POST', `/api/v1/cycles/${cycleId}/evidence/${file.id}/erase`, {
        reason: 'Không được lưu',
      });
    const [, , firstScan] = listed.body.files;
    expect((await erase(listed.body.files[1])).status).toBe(200);
    expect((await erase(firstScan)).status).toBe(200);
    const after = (await yearFiles('leader')).body.files;
    expect(after.map((file) => [file.fileName, file.signedCopyOf, file.erased?.reason ?? null])).toEqual([
      ['Dự thảo có ý kiến.pdf', null, null],
      ['Nhầm tệp.pdf', null, 'Không được lưu'],
      ['QĐ 123 đã ký, đóng dấu.pdf', null, 'Không được lưu'],
      ['QĐ 123 đã ký, đóng dấu.pdf', 'objectives-decision', null],
      ['QĐ 122 (nhầm).pdf', null, null],
      ['Biên bản họp đã ký.pdf', 'review-minutes', null],
    ]);

    // Those who do not read the log: 403; another organisation's or an unknown year: 404.
    for (const local of ['staff.tthc', 'head.tthc', 'admin'])
      expect([local, (await yearFiles(local)).status]).toEqual([local, 403]);
    expect((await yearFiles('lead.auditor')).status).toBe(200);
    for (const other of ['xx-1-2024', `${organisationCode}-2031`])
      expect((await org.as('qmr', 'GET', `/api/v1/cycles/${other}/evidence-files`)).status).toBe(404);
  });

  it('adds no scan once the year is closed: its records are final', async () => {
    const { signedCopyRecord: record, evidence } = await read('review');
    await year.eventually(
      'the close of the year',
      async () =>
        (await org.as<{ status: string }>('qmr', 'GET', `/api/v1/cycles/${cycleId}`)).body.status === 'closed'
          ? true
          : undefined,
      60,
    );
    const late = await org.uploadEvidence('vanthu', cycleId, record!, {
      bytes: pdf('Bien ban muon'),
      name: 'Biên bản muộn.pdf',
    });
    expect(late.status).toBe(409);
    expect((await read('review')).evidence).toEqual(evidence);
    // Nor is one withdrawn.
    const scan = (await read('review')).files.find((file) => file.fileName === 'Biên bản họp đã ký.pdf')!;
    const withdrawn = await org.as(
      'vanthu',
      'POST',
      `/api/v1/cycles/${cycleId}/evidence/${scan.id}/withdraw`,
      { reason: 'Quá hạn' },
    );
    expect(withdrawn.status).toBe(409);
    expect((await read('review')).evidence).toEqual(evidence);
  });
});
