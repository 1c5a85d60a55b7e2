import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { qualityCycleId, qualityCycleWorkflowId } from '@qcycle/contracts';
import { DecisionEntity, QualityCycleEntity } from '@qcycle/persistence';
import { uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { QualityRecordActivities } from '../../activities/src/quality-records.activities';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import { undocumentedAnswers } from '../api/support/openapi-coverage';
import { download as fetchDownload } from './support/document-download';
import { DOCUMENT_RESULTS_DIR } from './support/document-text';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface RegisterEntry {
  id: string;
  type: string;
  version: number;
  fileBaseName: string;
  title: string;
  pdfSha256: string;
  docxSha256: string;
}

interface IndexRow {
  path: string;
  kind: string;
  format: string | null;
  belongsTo: string;
  title: string;
  version: number | null;
  size: number;
  sha256: string;
  status: string;
}

interface Manifest {
  dossier: string;
  cycleId: string;
  status: string;
  final: boolean;
  files: IndexRow[];
}

/** The fields of an RFC 4180 CSV (every field quoted, CRLF), after its UTF-8 byte-order mark. */
function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let at = 0;
  while (at < text.length) {
    expect(text[at]).toBe('"');
    let field = '';
    for (at += 1; ; at++) {
      if (text[at] === '"' && text[at + 1] === '"') {
        field += '"';
        at += 1;
      } else if (text[at] === '"') break;
      else field += text[at];
    }
    row.push(field);
    at += 1;
    if (text[at] === ',') at += 1;
    else {
      expect(text.slice(at, at + 2)).toBe('\r\n');
      rows.push(row);
      row = [];
      at += 2;
    }
  }
  return rows;
}

/**
 * The year's dossier as one ZIP over HTTP (docs/dossier.md), from a Kon Tum 2024 rehearsal the real
 * worker runs on the Temporal dev server up to the leader's approval, with chromium printing its
 * documents, evidence files in the local store, on PostgreSQL and SQLite: every registered version
 * byte for byte as `GET /documents/{id}` answers it, every evidence file as uploaded (two records,
 * names that clash), the whole event log, an index whose sizes and hashes are the files', the same
 * bytes twice; a missing stored file listed, not a broken archive; who may take it.
 */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])(
  'the year’s dossier as one ZIP (real API, worker, Temporal dev server, %s, chromium)',
  (database) => {
    let suite: ApiSuite;
    let org: DemoOrganisation;
    let otherOrg: DemoOrganisation;
    let evidenceDir: string;
    let workDir: string;
    const organisationCode = `hs-${uniqueSuffix()}`;
    const cycleId = qualityCycleId(organisationCode, 2024);
    const workflowId = qualityCycleWorkflowId(organisationCode, 2024);
    const path = `/api/v1/cycles/${cycleId}/dossier`;
    const march = `${workflowId}/monitoring/obj-4/measure/2024-03`;
    const april = `${workflowId}/monitoring/obj-4/measure/2024-04`;
    /** What was uploaded: the API's answer and the bytes. */
    const uploads: { id: string; recordKey: string; fileName: string; bytes: Buffer }[] = [];

    beforeAll(async () => {
      evidenceDir = await mkdtemp(join(tmpdir(), 'qcycle-dossier-evidence-'));
      workDir = await mkdtemp(join(tmpdir(), 'qcycle-dossier-'));
      suite = await startApiSuite({ worker: true, database, config: { evidence: { dir: evidenceDir } } });
      org = await suite.seedDemoOrganisation(organisationCode);
      otherOrg = await suite.seedDemoOrganisation(`ho-${uniqueSuffix()}`);
      await org.startApprovedRehearsal({ documentNumber: '123/QĐ-UBND', signingDate: '2024-01-15' });
      await org.waitForTask('qmr', 'assignment-acceptance');
      for (const local of ['staff.tthc', 'staff.tonghop', 'leader']) await org.tokenOf(local);

      // Two monthly reports to hold evidence, as the monitoring workflow opens them.
      const records = new QualityRecordActivities(suite.api.get(DataSource));
      for (const [taskId, period] of [
        [march, '2024-03'],
        [april, '2024-04'],
      ])
        await records.openTask({
          taskId,
          cycleId,
          workflowId: `${workflowId}/monitoring/obj-4`,
          kind: 'measurement-report',
          title: { vi: `Báo cáo số liệu mục tiêu 4 kỳ ${period}`, en: `Report objective 4 for ${period}` },
          assigneeUserId: org.idOf('staff.tthc'),
          delegateUserIds: [],
          unitCode: 'vp-kiemsoat-tthc',
          objectiveId: 'obj-4',
          periodKey: period,
          openedAt: `${period}-28T01:00:00.000Z`,
        });
    });

    afterAll(async () => {
      await suite?.close();
      for (const dir of [evidenceDir, workDir]) if (dir) await rm(dir, { recursive: true, force: true });
    });

    const download = (local: string, via = org) => fetchDownload(suite.http, via, local, path);

    async function upload(local: string, recordKey: string, fileName: string, bytes: Buffer) {
      const form = new FormData();
      form.append('recordType', 'measurement');
      form.append('recordKey', recordKey);
      form.append('file', new Blob([bytes], { type: 'application/pdf' }), fileName);
      const target = `/api/v1/cycles/${cycleId}/evidence`;
      const response = await fetch(`${suite.http.baseUrl}${target}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await org.tokenOf(local)}` },
        body: form,
      });
      suite.http.observed.push({ method: 'POST', path: target, status: response.status });
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: string };
      uploads.push({ id, recordKey, fileName, bytes });
    }

    /** The register of the cycle, every page. */
    async function register(): Promise<RegisterEntry[]> {
      const listed = await org.as<{ items: RegisterEntry[]; total: number }>(
        'qmr',
        'GET',
        `/api/v1/documents?cycleId=${cycleId}&limit=100`,
      );
      expect(listed.status).toBe(200);
      expect(listed.body.items.length).toBe(listed.body.total);
      return listed.body.items;
    }

    /** Every event of the cycle as the API lists it, every page. */
    async function events(): Promise<{ id: string; type: string }[]> {
      const ids: { id: string; type: string }[] = [];
      let after: string | null = null;
      do {
        const page: {
          status: number;
          body: { items: { id: string; type: string }[]; nextCursor: string | null };
        } = await org.as(
          'qmr',
          'GET',
          `/api/v1/cycles/${cycleId}/events?limit=100${after ? `&after=${after}` : ''}`,
        );
        expect(page.status).toBe(200);
        ids.push(...page.body.items.map(({ id, type }) => ({ id, type })));
        after = page.body.nextCursor ? encodeURIComponent(page.body.nextCursor) : null;
      } while (after);
      return ids;
    }

    /** The ZIP unpacked: `unzip -t` found every entry intact; its entries' names, in order, and bytes. */
    async function unpacked(zip: Buffer, name: string) {
      const file = join(workDir, `${name}.zip`);
      await writeFile(file, zip);
      execFileSync('unzip', ['-tq', file]);
      const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
      const bytesOf = (entry: string) =>
        execFileSync('unzip', ['-p', file, entry.replace(/[[\]*?]/g, '\\$&')], {
          maxBuffer: 64 * 1024 * 1024,
        });
      return { file, names, bytesOf };
    }

    it('holds every registered version as issued, every evidence file as uploaded, the whole event log and an index of them all', async () => {
      // The register: the decision and its plan, registered at approval; the decision corrected
      // (signed a day later, rows changed as an administrator would) gives it a second version.
      let entries: RegisterEntry[] = [];
      for (let attempt = 0; attempt < 100 && entries.length < 2; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 100));
        entries = await register();
      }
      expect(entries.map((e) => e.id).sort()).toEqual([
        `${cycleId}.objectives-decision.v1`,
        `${cycleId}.objectives-plan.v1`,
      ]);
      await suite.api
        .get(DataSource)
        .getRepository(DecisionEntity)
        .update({ cycleId }, { signingDate: '2024-01-16', effectiveDate: '2024-01-16' });
      for (const route of ['decision', 'plan'])
        expect(
          (await fetchDownload(suite.http, org, 'qmr', `/api/v1/cycles/${cycleId}/${route}`, PDF)).status,
        ).toBe(200);
      entries = await register();
      expect(entries.filter((e) => e.type === 'objectives-decision').map((e) => e.version)).toEqual([1, 2]);

      // Evidence: two files of one report with the same name, and the same name on another report.
      const pdf = (fill: string, size: number) =>
        Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size, fill)]);
      await upload('staff.tthc', march, 'Sổ theo dõi hồ sơ.pdf', pdf('a', 30_000));
      await upload('qmr', march, 'Sổ theo dõi hồ sơ.pdf', pdf('b', 20_000));
      await upload('staff.tthc', april, 'Sổ theo dõi hồ sơ.pdf', pdf('c', 250_000));
      await upload('staff.tthc', april, 'Biên bản kiểm tra.pdf', pdf('d', 1_000));

      const answer = await download('qmr');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/zip');
      // A rehearsal, and a year still running: marked not final.
      const name = `HO-SO-ISO-2024-${organisationCode}-DIEN-TAP-DU-THAO.zip`;
      expect(answer.headers.get('content-disposition')).toBe(
        `attachment; filename="${name}"; filename*=UTF-8''${name}`,
      );
      expect(answer.headers.get('x-dossier-status')).toBe('draft');
      // Kept to look at: test-results/documents/api-<db>-HO-SO-ISO-2024-….zip
      await mkdir(DOCUMENT_RESULTS_DIR, { recursive: true });
      await writeFile(join(DOCUMENT_RESULTS_DIR, `api-${database}-${name}`), answer.bytes);
      const zip = await unpacked(answer.bytes, `${database}-1`);

      // Every registered version, PDF and DOCX, byte for byte as the register serves it.
      for (const entry of entries)
        for (const [format, accept] of [
          ['pdf', PDF],
          ['docx', DOCX],
        ] as const) {
          const served = await fetchDownload(
            suite.http,
            org,
            'leader',
            `/api/v1/documents/${entry.id}`,
            accept,
          );
          expect(served.status).toBe(200);
          const inZip = zip.bytesOf(`TAI-LIEU/${entry.fileBaseName}-v${entry.version}.${format}`);
          expect(sha256(inZip)).toBe(sha256(served.bytes));
          expect(sha256(inZip)).toBe(format === 'pdf' ? entry.pdfSha256 : entry.docxSha256);
        }

      // Every evidence file byte for byte, a folder per report, the clash numbered.
      const folder = (key: string) =>
        `BANG-CHUNG/BAO-CAO-SO-LIEU/${key.slice(workflowId.length + 1).replace(/\//g, '-')}`;
      const expectedPaths = [
        `${folder(march)}/So-theo-doi-ho-so.pdf`,
        `${folder(march)}/So-theo-doi-ho-so-2.pdf`,
        `${folder(april)}/So-theo-doi-ho-so.pdf`,
        `${folder(april)}/Bien-ban-kiem-tra.pdf`,
      ];
      for (const [i, upload] of uploads.entries()) {
        const served = await fetchDownload(suite.http, org, 'staff.tonghop', `/api/v1/evidence/${upload.id}`);
        expect(sha256(served.bytes)).toBe(sha256(upload.bytes));
        expect(sha256(zip.bytesOf(expectedPaths[i]))).toBe(sha256(upload.bytes));
      }

      // The event log: every event the API lists, in its order, once.
      const logged = csvRows(zip.bytesOf('NHAT-KY-SU-KIEN.csv'));
      const [header, ...lines] = logged;
      expect(header).toEqual([
        'STT',
        'Thời điểm (giờ Việt Nam)',
        'Thời điểm (UTC)',
        'Loại sự kiện',
        'Người thực hiện',
        'Mã người thực hiện',
        'Mã yêu cầu',
        'Mã sự kiện',
        'Liên quan đến',
        'Nội dung (JSON)',
      ]);
      const listed = await events();
      expect(listed.filter((e) => e.type === 'evidence.uploaded').length).toBe(uploads.length);
      expect(lines.map((line) => [line[7], line[3]])).toEqual(listed.map((e) => [e.id, e.type]));
      expect(lines.map((line) => line[0])).toEqual(listed.map((_, i) => String(i + 1)));
      expect(lines.some((line) => line[4] === 'Nguyễn Hữu Tháp')).toBe(true); // the leader, by name
      // What each event is about, in words: the report each file went to, its period as documents write it.
      expect(lines.filter((line) => line[3] === 'evidence.uploaded').map((line) => line[8])).toEqual([
        'Báo cáo số liệu mục tiêu 4 kỳ 03/2024',
        'Báo cáo số liệu mục tiêu 4 kỳ 03/2024',
        'Báo cáo số liệu mục tiêu 4 kỳ 04/2024',
        'Báo cáo số liệu mục tiêu 4 kỳ 04/2024',
      ]);
      expect(lines.find((line) => line[3] === 'cycle.started')?.[8]).toBe('');

      // The index: every other entry of the ZIP once, with its size and SHA-256; the JSON says the same.
      const [indexHeader, ...indexLines] = csvRows(zip.bytesOf('MUC-LUC.csv'));
      const column = (label: string) => indexHeader.indexOf(label);
      const listedPaths = indexLines.map((line) => line[column('Tệp trong hồ sơ')]);
      expect([...listedPaths].sort()).toEqual(zip.names.filter((n) => !n.startsWith('MUC-LUC.')).sort());
      for (const line of indexLines) {
        const bytes = zip.bytesOf(line[column('Tệp trong hồ sơ')]);
        expect([
          line[column('Tệp trong hồ sơ')],
          line[column('SHA-256')],
          line[column('Kích thước (byte)')],
        ]).toEqual([line[column('Tệp trong hồ sơ')], sha256(bytes), String(bytes.length)]);
        // Nothing to say of a file, but that no answer names the evidence: no report was answered.
        expect(line[column('Ghi chú')]).toBe(
          line[column('Tệp trong hồ sơ')].startsWith('BANG-CHUNG/')
            ? 'Không được nêu trong câu trả lời nào'
            : '',
        );
      }
      // Each evidence file's record in words, its key beside.
      expect(
        indexLines
          .filter((line) => line[column('Tệp trong hồ sơ')].startsWith('BANG-CHUNG/'))
          .map((line) => line[column('Thuộc về')]),
      ).toEqual([
        `Báo cáo số liệu: Báo cáo số liệu mục tiêu 4 kỳ 03/2024 (${march})`,
        `Báo cáo số liệu: Báo cáo số liệu mục tiêu 4 kỳ 03/2024 (${march})`,
        `Báo cáo số liệu: Báo cáo số liệu mục tiêu 4 kỳ 04/2024 (${april})`,
        `Báo cáo số liệu: Báo cáo số liệu mục tiêu 4 kỳ 04/2024 (${april})`,
      ]);
      const manifest = JSON.parse(zip.bytesOf('MUC-LUC.json').toString('utf8')) as Manifest;
      expect(manifest).toMatchObject({
        cycleId,
        status: 'running',
        final: false,
        dossier: name.replace(/\.zip$/, ''),
      });
      expect(manifest.files.map((f) => [f.path, f.sha256, f.size])).toEqual(
        indexLines.map((line) => [
          line[column('Tệp trong hồ sơ')],
          line[column('SHA-256')],
          Number(line[column('Kích thước (byte)')]),
        ]),
      );
      expect(manifest.files.filter((f) => f.kind === 'document').length).toBe(entries.length * 2);
      expect(zip.bytesOf('GHI-CHU.txt').toString('utf8')).toContain('DỰ THẢO - NĂM CHƯA KẾT THÚC');

      // Twice: the same bytes.
      const again = await download('leader');
      expect(again.status).toBe(200);
      expect(sha256(again.bytes)).toBe(sha256(answer.bytes));
    });

    it('lists an evidence file the store lost, or whose bytes changed, and still gives a whole archive', async () => {
      const lost = uploads[3];
      const changed = uploads[2];
      const storedOf = (bytes: Buffer) => join(evidenceDir, sha256(bytes).slice(0, 2), sha256(bytes));
      await rename(storedOf(lost.bytes), `${storedOf(lost.bytes)}.away`);
      await rename(storedOf(changed.bytes), `${storedOf(changed.bytes)}.away`);
      await writeFile(
        storedOf(changed.bytes),
        Buffer.concat([changed.bytes.subarray(0, 100), Buffer.from('x')]),
      );
      try {
        const answer = await download('qmr');
        expect(answer.status).toBe(200);
        const zip = await unpacked(answer.bytes, `${database}-missing`);
        const manifest = JSON.parse(zip.bytesOf('MUC-LUC.json').toString('utf8')) as Manifest;
        const [header, ...lines] = csvRows(zip.bytesOf('MUC-LUC.csv'));
        const noteOf = (path: string) =>
          lines.find((l) => l[header.indexOf('Tệp trong hồ sơ')] === path)![header.indexOf('Ghi chú')];
        for (const [upload, status, note] of [
          [lost, 'missing', /^THIẾU TỆP/],
          [changed, 'changed', /^TỆP HỎNG/],
        ] as const) {
          const row = manifest.files.find(
            (f) =>
              f.belongsTo.endsWith(upload.recordKey) &&
              f.title === upload.fileName &&
              f.size === upload.bytes.length,
          );
          // Listed with what was uploaded, not in the ZIP.
          expect(row).toMatchObject({ status, sha256: sha256(upload.bytes), size: upload.bytes.length });
          expect(zip.names).not.toContain(row!.path);
          expect(noteOf(row!.path)).toMatch(note);
        }
        expect(zip.bytesOf('GHI-CHU.txt').toString('utf8')).toContain(
          'CHÚ Ý: 2 tệp bằng chứng không có trong hồ sơ',
        );
      } finally {
        for (const upload of [lost, changed])
          await rename(`${storedOf(upload.bytes)}.away`, storedOf(upload.bytes));
      }
    });

    it('is for those who read the event log: the external auditor and the văn thư yes, staff and unit heads 403, another organisation 404', async () => {
      const external = await org.as('admin', 'POST', '/api/v1/users', {
        fullName: 'Đỗ Minh Khoa',
        email: org.email('external.auditor'),
        password: DEMO_PASSWORD,
        roles: [{ role: 'external-auditor' }],
      });
      expect(external.status).toBe(201);
      // `vanthu`, the demo directory's văn thư (role clerk), reads it too.
      for (const local of ['external.auditor', 'vanthu', 'leader', 'auditor.hcth', 'lead.auditor'])
        expect([local, (await download(local)).status]).toEqual([local, 200]);
      for (const local of ['staff.tthc', 'head.tthc', 'admin']) {
        const refused = await download(local);
        expect([local, refused.status, JSON.parse(refused.bytes.toString('utf8')).code]).toEqual([
          local,
          403,
          'FORBIDDEN',
        ]);
      }
      // Another organisation's cycle, an unknown year, a malformed id: not found, never a 500.
      expect((await download('qmr', otherOrg)).status).toBe(404);
      for (const other of [`${organisationCode}-2031`, 'not a cycle', `${organisationCode}-2024x`]) {
        const answer = await fetchDownload(
          suite.http,
          org,
          'qmr',
          `/api/v1/cycles/${encodeURIComponent(other)}/dossier`,
        );
        expect([other, answer.status]).toEqual([other, 404]);
      }
      const unsigned = await fetch(`${suite.http.baseUrl}${path}`);
      suite.http.observed.push({ method: 'GET', path, status: unsigned.status });
      expect(unsigned.status).toBe(401);
    });

    it('is final once the year is closed: no -DU-THAO, x-dossier-status final, its year-end reports in it though nobody downloaded them', async () => {
      // Before the close the year-end reports are drafts: registered nowhere, in no dossier.
      const types = async () => (await register()).map((entry) => entry.type);
      expect(await types()).not.toContain('objectives-report');
      // The close as the workflow records it on the cycle's row.
      await suite.api
        .get(DataSource)
        .getRepository(QualityCycleEntity)
        .update({ id: cycleId }, { status: 'closed' });
      // A HEAD names the final dossier without building it: no body, and nothing registered (its
      // year-end reports are printed only for a download).
      const head = await fetch(`${suite.http.baseUrl}${path}`, {
        method: 'HEAD',
        headers: { authorization: `Bearer ${await org.tokenOf('qmr')}` },
      });
      expect({
        status: head.status,
        name: head.headers.get('content-disposition'),
        dossier: head.headers.get('x-dossier-status'),
        body: (await head.arrayBuffer()).byteLength,
      }).toEqual({
        status: 200,
        name: expect.stringContaining(`filename="HO-SO-ISO-2024-${organisationCode}-DIEN-TAP.zip"`),
        dossier: 'final',
        body: 0,
      });
      expect(await types()).not.toContain('objectives-report');
      const answer = await download('qmr');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-disposition')).toContain(
        `filename="HO-SO-ISO-2024-${organisationCode}-DIEN-TAP.zip"`,
      );
      expect(answer.headers.get('x-dossier-status')).toBe('final');
      const zip = await unpacked(answer.bytes, `${database}-closed`);
      const manifest = JSON.parse(zip.bytesOf('MUC-LUC.json').toString('utf8')) as Manifest;
      expect([manifest.status, manifest.final]).toEqual(['closed', true]);
      expect(zip.bytesOf('GHI-CHU.txt').toString('utf8')).toContain('ĐÃ KẾT THÚC NĂM');
      // The year's final reports were registered as their downloads would have, and are in it as stored.
      const reports = (await register()).filter((entry) =>
        ['objectives-report', 'annual-qms-report'].includes(entry.type),
      );
      expect(reports.map((entry) => [entry.type, entry.version]).sort()).toEqual([
        ['annual-qms-report', 1],
        ['objectives-report', 1],
      ]);
      for (const entry of reports)
        for (const format of ['pdf', 'docx'] as const)
          expect(sha256(zip.bytesOf(`TAI-LIEU/${entry.fileBaseName}-v1.${format}`))).toBe(
            format === 'pdf' ? entry.pdfSha256 : entry.docxSha256,
          );
      // Asked again, the dossier registers nothing more: the same bytes.
      const again = await download('qmr');
      expect(sha256(again.bytes)).toBe(sha256(answer.bytes));

      // The objectives report numbered on sending: its index line reads as the office's book does.
      const objectivesReport = reports.find((entry) => entry.type === 'objectives-report')!;
      const numbered = await org.as(
        'qmr',
        'PUT',
        `/api/v1/documents/${encodeURIComponent(objectivesReport.id)}/dispatch`,
        { number: '15/BC-UBND', dispatchedOn: '2026-01-05' },
      );
      expect(numbered.status).toBe(200);
      const sent = await unpacked((await download('qmr')).bytes, `${database}-closed-numbered`);
      const lines = (JSON.parse(sent.bytesOf('MUC-LUC.json').toString('utf8')) as Manifest).files.filter(
        (row) => row.belongsTo === objectivesReport.id,
      );
      expect(lines.map((row) => [row.format, row.title])).toEqual([
        ['pdf', `15/BC-UBND (gửi ngày 05/01/2026) - ${objectivesReport.title}`],
        ['docx', `15/BC-UBND (gửi ngày 05/01/2026) - ${objectivesReport.title}`],
      ]);
      // Its files are the version as issued still.
      expect(sha256(sent.bytesOf(`TAI-LIEU/${objectivesReport.fileBaseName}-v1.pdf`))).toBe(
        objectivesReport.pdfSha256,
      );
    });

    it('answers only documented status codes', async () => {
      expect(await undocumentedAnswers(suite.http)).toEqual([]);
    });
  },
);
