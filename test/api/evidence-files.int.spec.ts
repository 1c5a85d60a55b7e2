import { mkdtemp, readdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { DataSource } from 'typeorm';
import { qualityCycleId, qualityCycleWorkflowId } from '@qcycle/contracts';
import { EvidenceFileEntity, QualityCycleEntity, TaskEntity, UserEntity } from '@qcycle/persistence';
import {
  compoundFile,
  packageObject,
  uniqueSuffix,
  workbookStream,
  type TestDatabaseKind,
} from '@qcycle/testing';
import { CycleRecordActivities } from '../../activities/src/cycle-record.activities';
import { QualityRecordActivities } from '../../activities/src/quality-records.activities';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import { undocumentedAnswers } from './support/openapi-coverage';

interface EvidenceAnswer {
  id: string;
  reference: string;
  sha256: string;
  size: number;
  contentType: string;
  fileName: string;
  recordType: string;
  recordKey: string;
  uploadedBy: string;
  uploadedAt: string;
  code?: string;
  message?: string;
  details?: { fields?: Record<string, string[]>; reason?: string };
}

const MAX_BYTES = 64 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A PDF of that many bytes (only its first bytes matter to the type check). */
const pdfOf = (size: number, fill = 'a') =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, fill)]);

/** Every file under the store's folder, stored or partial, as paths relative to it. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(dir.length + 1))
    .sort();
}

async function eventually(probe: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each<TestDatabaseKind>(['postgres', 'sqlite'])('evidence files over HTTP (real API, %s)', (kind) => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let otherOrg: DemoOrganisation;
  let evidenceDir: string;
  const organisationCode = `ev-${uniqueSuffix()}`;
  const cycleId = qualityCycleId(organisationCode, 2024);
  const workflowId = qualityCycleWorkflowId(organisationCode, 2024);
  const measureTaskId = `${workflowId}/monitoring/obj-4/measure/2024-03`;
  const auditStepId = `${workflowId}/audit/step/s1`;

  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'qcycle-evidence-'));
    suite = await startApiSuite({
      database: kind,
      config: { evidence: { dir: evidenceDir, maxBytes: MAX_BYTES } },
    });
    org = await suite.seedDemoOrganisation(organisationCode);
    otherOrg = await suite.seedDemoOrganisation(`eo-${uniqueSuffix()}`);
    for (const local of ['qmr', 'staff.tthc', 'staff.tonghop', 'auditor.kinhte']) await org.tokenOf(local);
    await otherOrg.tokenOf('qmr');

    // The records the workflows write: the cycle, a measurement report task, an audit step.
    const dataSource = suite.api.get(DataSource);
    const records = new QualityRecordActivities(dataSource);
    await new CycleRecordActivities(dataSource).recordCycleStarted({
      cycleId,
      workflowId,
      organisationCode,
      year: 2024,
      startedBy: org.idOf('qmr'),
      startedAt: '2024-01-02T02:00:00.000Z',
    });
    await records.openTask({
      taskId: measureTaskId,
      cycleId,
      workflowId: `${workflowId}/monitoring/obj-4`,
      kind: 'measurement-report',
      title: { vi: 'Báo cáo số liệu tháng 3/2024', en: 'March 2024 figures' },
      assigneeUserId: org.idOf('staff.tthc'),
      delegateUserIds: [],
      unitCode: 'vp-kiemsoat-tthc',
      objectiveId: 'obj-4',
      periodKey: '2024-03',
      openedAt: '2024-04-01T01:00:00.000Z',
    });
    await records.recordAuditSteps({
      cycleId,
      rows: [
        {
          id: auditStepId,
          auditId: `${workflowId}/audit`,
          cycleId,
          unitCode: 'vp-tonghop',
          process: 'Tiếp nhận và trả kết quả',
          clause: '8.5.1',
          auditorUserId: org.idOf('auditor.kinhte'),
          result: null,
          evidence: null,
          notes: null,
          finding: null,
          signedOffAt: null,
        },
      ],
      event: {
        id: `${workflowId}/audit/planned`,
        type: 'audit.planned',
        actor: org.idOf('qmr'),
        at: '2024-09-02T02:00:00.000Z',
      },
    });
  });

  afterAll(async () => {
    await suite?.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  /** A person of the organisation (their password session) or a token of its own (a task-link session). */
  type Caller = string | { token: string };
  const bearer = async (who: Caller, organisation: DemoOrganisation) =>
    typeof who === 'string' ? organisation.tokenOf(who) : who.token;

  async function upload(
    who: Caller,
    fields: { recordType?: string; recordKey?: string },
    file?: { bytes: Buffer; name: string; type?: string },
    organisation = org,
    cycle = cycleId,
  ): Promise<{ status: number; body: EvidenceAnswer }> {
    const form = new FormData();
    if (fields.recordType !== undefined) form.append('recordType', fields.recordType);
    if (fields.recordKey !== undefined) form.append('recordKey', fields.recordKey);
    if (file)
      form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/pdf' }), file.name);
    const path = `/api/v1/cycles/${encodeURIComponent(cycle)}/evidence`;
    const response = await fetch(`${suite.http.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await bearer(who, organisation)}` },
      body: form,
    });
    suite.http.observed.push({ method: 'POST', path, status: response.status });
    return { status: response.status, body: (await response.json()) as EvidenceAnswer };
  }

  async function download(who: Caller, id: string, organisation = org) {
    const path = `/api/v1/evidence/${id}`;
    const response = await fetch(`${suite.http.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${await bearer(who, organisation)}` },
    });
    suite.http.observed.push({ method: 'GET', path, status: response.status });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  const rowsOf = (recordKey: string) =>
    suite.api.get(DataSource).getRepository(EvidenceFileEntity).countBy({ cycleId, recordKey });
  const measurement = { recordType: 'measurement', recordKey: measureTaskId };

  it('stores an upload by its SHA-256, lists it with its record and downloads it byte for byte', async () => {
    const bytes = pdfOf(40_000, 'x');
    const uploaded = await upload('staff.tthc', measurement, {
      bytes,
      name: 'Sổ theo dõi hồ sơ tháng 3.pdf',
    });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      sha256: sha256(bytes),
      size: bytes.length,
      contentType: 'application/pdf',
      fileName: 'Sổ theo dõi hồ sơ tháng 3.pdf',
      recordType: 'measurement',
      recordKey: measureTaskId,
      uploadedBy: org.idOf('staff.tthc'),
      reference: `evidence:${uploaded.body.id}`,
    });
    expect(await filesIn(evidenceDir)).toContain(join(sha256(bytes).slice(0, 2), sha256(bytes)));

    const listed = await org.as<EvidenceAnswer[]>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/evidence?recordType=measurement&recordKey=${encodeURIComponent(measureTaskId)}`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.map((f) => f.id)).toEqual([uploaded.body.id]);

    // Anyone in the organisation may read the records, so download the file.
    const got = await download('staff.tonghop', uploaded.body.id);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(sha256(bytes));
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-sha256')).toBe(sha256(bytes));
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="So theo doi ho so thang 3.pdf"; filename*=UTF-8''${encodeURIComponent('Sổ theo dõi hồ sơ tháng 3.pdf')}`,
    );
  });

  it('keeps the same content once, however often it is uploaded, and a person’s same file on a record once', async () => {
    const bytes = pdfOf(5_000, 'd');
    const before = await filesIn(evidenceDir);
    const first = await upload('staff.tthc', measurement, { bytes, name: 'a.pdf' });
    const second = await upload('qmr', measurement, {
      bytes,
      name: 'b.pdf',
      type: 'application/octet-stream',
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    // The staff member sends a.pdf again (the answer was lost, or a second click): the same file.
    const rows = await rowsOf(measureTaskId);
    const again = await upload('staff.tthc', measurement, { bytes, name: 'a.pdf' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await rowsOf(measureTaskId)).toBe(rows);
    const after = await filesIn(evidenceDir);
    expect(after.filter((f) => !before.includes(f))).toEqual([
      join(first.body.sha256.slice(0, 2), first.body.sha256),
    ]);
  });

  it('takes an image as audit evidence from an auditor', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(500, 7),
    ]);
    const uploaded = await upload(
      'auditor.kinhte',
      { recordType: 'audit-step', recordKey: auditStepId },
      { bytes: png, name: 'anh-so-theo-doi.png', type: 'image/png' },
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.contentType).toBe('image/png');
  });

  it('lets a session opened from the e-mailed link attach, list and download the evidence of its own task only', async () => {
    // The reporter opens the March report from the link in their e-mail: that session may reach
    // the report's evidence, so a file is attached without signing in; nothing else's.
    const reporter = await suite.api
      .get(DataSource)
      .getRepository(UserEntity)
      .findOneByOrFail({ email: org.email('staff.tthc') });
    const link = {
      token: (await suite.api.get(TokenService).issueTaskScoped(reporter, measureTaskId)).accessToken,
    };
    const listOf = (recordType: string, recordKey: string) =>
      suite.http.call<EvidenceAnswer[] & { code?: string }>(
        'GET',
        `/api/v1/cycles/${cycleId}/evidence?recordType=${recordType}&recordKey=${encodeURIComponent(recordKey)}`,
        { token: link.token },
      );

    const bytes = pdfOf(3_000, 'l');
    const attached = await upload(link, measurement, { bytes, name: 'Biên bản kiểm tra tháng 3.pdf' });
    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({ recordKey: measureTaskId, uploadedBy: org.idOf('staff.tthc') });
    const listed = await listOf('measurement', measureTaskId);
    expect(listed.status).toBe(200);
    expect(listed.body.map((f) => f.fileName)).toContain('Biên bản kiểm tra tháng 3.pdf');
    const got = await download(link, attached.body.id);
    expect([got.status, sha256(got.bytes)]).toEqual([200, sha256(bytes)]);

    // The audit step's evidence is another record: refused, and the refused upload keeps nothing.
    const auditorsFile = await upload(
      'auditor.kinhte',
      { recordType: 'audit-step', recordKey: auditStepId },
      { bytes: pdfOf(2_000, 'k'), name: 'ho-so-danh-gia.pdf' },
    );
    expect(auditorsFile.status).toBe(201);
    const auditRows = await rowsOf(auditStepId);
    const elsewhere = await upload(
      link,
      { recordType: 'audit-step', recordKey: auditStepId },
      { bytes: pdfOf(2_000, 'm'), name: 'khong-duoc.pdf' },
    );
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'TASK_LINK_SCOPE']);
    expect(await rowsOf(auditStepId)).toBe(auditRows);
    const otherList = await listOf('audit-step', auditStepId);
    expect([otherList.status, otherList.body.code]).toEqual([403, 'TASK_LINK_SCOPE']);
    expect((await download(link, auditorsFile.body.id)).status).toBe(403);
  });

  it('tells every session, a task link’s included, what it accepts: the kinds of file and this server’s limit', async () => {
    const reporter = await suite.api
      .get(DataSource)
      .getRepository(UserEntity)
      .findOneByOrFail({ email: org.email('staff.tthc') });
    const link = (await suite.api.get(TokenService).issueTaskScoped(reporter, measureTaskId)).accessToken;
    for (const token of [await org.tokenOf('staff.tthc'), await org.tokenOf('auditor.kinhte'), link]) {
      const accepted = await suite.http.call<{
        maxBytes: number;
        types: { kind: string; contentType: string; extensions: string[]; startsWith: string }[];
      }>('GET', '/api/v1/evidence/accepted-files', { token });
      expect(accepted.status).toBe(200);
      expect(accepted.body.maxBytes).toBe(MAX_BYTES);
      expect(accepted.body.types.map((t) => [t.kind, t.extensions])).toEqual([
        ['pdf', ['pdf']],
        ['png', ['png']],
        ['jpeg', ['jpg', 'jpeg']],
        ['docx', ['docx']],
        ['xlsx', ['xlsx']],
        ['odt', ['odt']],
        ['ods', ['ods']],
        ['doc', ['doc']],
        ['xls', ['xls']],
      ]);
      expect(accepted.body.types.find((t) => t.kind === 'docx')?.contentType).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      // What a file of each kind starts with, for a client to check before sending: "%PDF-", a ZIP's
      // local header, a Compound File's signature.
      const startOf = (kind: string) => accepted.body.types.find((t) => t.kind === kind)?.startsWith;
      expect(Buffer.from(startOf('pdf')!, 'hex').toString('latin1')).toBe('%PDF-');
      expect(startOf('xlsx')).toBe('504b0304');
      expect(startOf('xls')).toBe('d0cf11e0a1b11ae1');
    }
    expect((await suite.http.call('GET', '/api/v1/evidence/accepted-files')).status).toBe(401);
  });

  it('refuses a file over the limit with 413 and keeps nothing', async () => {
    const before = await filesIn(evidenceDir);
    const rows = await rowsOf(measureTaskId);
    const refused = await upload('staff.tthc', measurement, {
      bytes: pdfOf(MAX_BYTES + 1),
      name: 'qua-lon.pdf',
    });
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe('EVIDENCE_TOO_LARGE');
    // The limit it broke, for the client to say: this server's, not the default's.
    expect(refused.body.details).toEqual({ maxBytes: MAX_BYTES });
    expect(await filesIn(evidenceDir)).toEqual(before);
    expect(await rowsOf(measureTaskId)).toBe(rows);
    // Exactly the limit is accepted.
    expect(
      (await upload('staff.tthc', measurement, { bytes: pdfOf(MAX_BYTES), name: 'vua-du.pdf' })).status,
    ).toBe(201);
  });

  it('refuses a program renamed .pdf with 415, whatever type it declares, and keeps nothing', async () => {
    const before = await filesIn(evidenceDir);
    const rows = await rowsOf(measureTaskId);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(4000)]);
    const renamed = await upload('staff.tthc', measurement, {
      bytes: exe,
      name: 'bao-cao.pdf',
      type: 'application/pdf',
    });
    expect(renamed.status).toBe(415);
    expect(renamed.body.code).toBe('EVIDENCE_TYPE_REFUSED');
    // Named for what it is not: the client can say "save it again as what its name says".
    expect(renamed.body.details).toEqual({ reason: 'content' });
    const named = await upload('staff.tthc', measurement, { bytes: exe, name: 'setup.exe' });
    expect(named.status).toBe(415);
    expect(named.body.details).toEqual({ reason: 'type' });
    expect(await filesIn(evidenceDir)).toEqual(before);
    expect(await rowsOf(measureTaskId)).toBe(rows);
  });

  it('takes a Word 97–2003 file for what its content is, and refuses one carrying macros (a VBA project, an Excel 4.0 macro sheet) with 415 saying so', async () => {
    const doc = compoundFile({ '/WordDocument': 6_000, '/1Table': 2_000 });
    const taken = await upload('staff.tthc', measurement, {
      bytes: doc,
      name: 'Biên bản kiểm tra.doc',
      type: 'application/msword',
    });
    expect(taken.status).toBe(201);
    expect(taken.body.contentType).toBe('application/msword');
    const got = await download('qmr', taken.body.id);
    expect(got.headers.get('content-type')).toBe('application/msword');
    expect(sha256(got.bytes)).toBe(sha256(doc));

    const before = await filesIn(evidenceDir);
    const rows = await rowsOf(measureTaskId);
    const withMacros = await upload('staff.tthc', measurement, {
      bytes: compoundFile({ '/WordDocument': 6_000, '/Macros/VBA/dir': 700 }),
      name: 'Biên bản có macro.doc',
      type: 'application/octet-stream',
    });
    expect(withMacros.status).toBe(415);
    expect(withMacros.body.code).toBe('EVIDENCE_TYPE_REFUSED');
    expect(withMacros.body.details).toEqual({ reason: 'macros' });
    expect(withMacros.body.message).toMatch(/macro/);
    // A register kept in Excel with an Excel 4.0 macro sheet, "very hidden": no VBA project, still code.
    const withMacroSheet = await upload('staff.tthc', measurement, {
      bytes: compoundFile({
        '/Workbook': workbookStream(
          [
            { name: 'Sổ theo dõi', type: 'worksheet' },
            { name: 'Auto_Open', type: 'macro-sheet', state: 'very-hidden' },
          ],
          { padding: 6_000 },
        ),
      }),
      name: 'So theo doi.xls',
      type: 'application/vnd.ms-excel',
    });
    expect(withMacroSheet.status).toBe(415);
    expect(withMacroSheet.body.details).toEqual({ reason: 'macros' });
    expect(await filesIn(evidenceDir)).toEqual(before);
    expect(await rowsOf(measureTaskId)).toBe(rows);
  });

  it('takes a Word document embedding a spreadsheet, and refuses one whose embedded object carries a VBA project', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Biên bản kiểm tra hồ sơ')] }] }),
    );
    // As Word embeds an Excel 97–2003 sheet, and an OLE object (`oleObject1.bin`), both deflated.
    const embedding = async (name: string, object: Buffer) => {
      const zip = await JSZip.loadAsync(docx);
      zip.file(`word/embeddings/${name}`, object);
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };
    const withSheet = await embedding(
      'Microsoft_Excel_97-2003_Worksheet1.xls',
      compoundFile({
        '/Workbook': workbookStream([{ name: 'Số liệu', type: 'worksheet' }], { padding: 6_000 }),
      }),
    );
    const taken = await upload('staff.tthc', measurement, { bytes: withSheet, name: 'Bien ban.docx' });
    expect(taken.status).toBe(201);
    expect(sha256((await download('qmr', taken.body.id)).bytes)).toBe(sha256(withSheet));

    const before = await filesIn(evidenceDir);
    const rows = await rowsOf(measureTaskId);
    const withMacros = await upload('staff.tthc', measurement, {
      bytes: await embedding(
        'oleObject1.bin',
        compoundFile({ '/WordDocument': 6_000, '/Macros/VBA/dir': 700 }),
      ),
      name: 'Bien ban co doi tuong nhung.docx',
    });
    expect(withMacros.status).toBe(415);
    expect(withMacros.body.details).toEqual({ reason: 'macros' });
    // A program dragged into the document: an OLE Package object, an icon that runs it.
    const withProgram = await upload('staff.tthc', measurement, {
      bytes: await embedding(
        'oleObject2.bin',
        packageObject(
          'cap-nhat-so-lieu.exe',
          'C:\\Users\\lan\\cap-nhat-so-lieu.exe',
          Buffer.alloc(3_000, 0x90),
        ),
      ),
      name: 'Bien ban kem chuong trinh.docx',
    });
    expect(withProgram.status).toBe(415);
    expect(withProgram.body.details).toEqual({ reason: 'program' });
    expect(withProgram.body.message).toMatch(/program or script|chương trình hoặc tập lệnh/);
    // A few KB of zeros, deflated, that unpack to more than four times the largest file taken.
    const unpacking = await embedding(
      'oleObject1.bin',
      Buffer.concat([compoundFile({ '/Ole10Native': 600 }), Buffer.alloc(4 * MAX_BYTES)]),
    );
    expect(unpacking.length).toBeLessThan(MAX_BYTES);
    const tooMuch = await upload('staff.tthc', measurement, { bytes: unpacking, name: 'Phu luc.docx' });
    expect(tooMuch.status).toBe(413);
    expect(tooMuch.body.details).toEqual({
      maxBytes: MAX_BYTES,
      reason: 'unpacked',
      unpackedBytes: 4 * MAX_BYTES,
    });
    expect(tooMuch.body.message).toMatch(/embedded files|tệp nhúng/);
    expect(await filesIn(evidenceDir)).toEqual(before);
    expect(await rowsOf(measureTaskId)).toBe(rows);
  });

  it('refuses a PDF carrying JavaScript with 415 saying so, and keeps nothing', async () => {
    // A fillable form as a form tool saves it: a document-level script.
    const form = await PDFDocument.create();
    form.addPage();
    form.addJavaScript('format', 'AFNumber_Format(0, 1, 0, 0, "", true);');
    const before = await filesIn(evidenceDir);
    const rows = await rowsOf(measureTaskId);
    const refused = await upload('staff.tthc', measurement, {
      bytes: Buffer.from(await form.save()),
      name: 'Bieu mau dien.pdf',
    });
    expect(refused.status).toBe(415);
    expect(refused.body.code).toBe('EVIDENCE_TYPE_REFUSED');
    expect(refused.body.details).toEqual({ reason: 'scripts' });
    expect(refused.body.message).toMatch(/JavaScript/);
    expect(await filesIn(evidenceDir)).toEqual(before);
    expect(await rowsOf(measureTaskId)).toBe(rows);
  });

  it('refuses an unknown record or missing fields with 422, and someone who does not act on the record with 403', async () => {
    const bytes = pdfOf(2_000, 'u');
    const before = await filesIn(evidenceDir);
    const unknown = await upload(
      'qmr',
      { recordType: 'measurement', recordKey: `${workflowId}/no-such-task` },
      { bytes, name: 'a.pdf' },
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('EVIDENCE_RECORD_UNKNOWN');
    // A measurement report is not an audit step.
    expect(
      (await upload('qmr', { recordType: 'audit-step', recordKey: measureTaskId }, { bytes, name: 'a.pdf' }))
        .status,
    ).toBe(422);
    const missing = await upload('qmr', { recordKey: measureTaskId }, { bytes, name: 'a.pdf' });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.details?.fields ?? {})).toEqual(['recordType']);
    const noFile = await upload('qmr', measurement);
    expect(noFile.status).toBe(422);
    expect(Object.keys(noFile.body.details?.fields ?? {})).toEqual(['file']);
    // staff.tonghop neither reports this figure nor represents quality; not an auditor either.
    expect((await upload('staff.tonghop', measurement, { bytes, name: 'a.pdf' })).status).toBe(403);
    expect(
      (
        await upload(
          'staff.tthc',
          { recordType: 'audit-step', recordKey: auditStepId },
          { bytes, name: 'a.pdf' },
        )
      ).status,
    ).toBe(403);
    expect(await filesIn(evidenceDir)).toEqual(before);
  });

  it("answers 404 for another organisation's file, list and cycle", async () => {
    const mine = await upload('staff.tthc', measurement, { bytes: pdfOf(1_000, 'o'), name: 'noi-bo.pdf' });
    expect(mine.status).toBe(201);
    expect((await download('qmr', mine.body.id, otherOrg)).status).toBe(404);
    expect((await download('qmr', 'no-such-file')).status).toBe(404);
    const list = await otherOrg.as(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/evidence?recordType=measurement&recordKey=${encodeURIComponent(measureTaskId)}`,
    );
    expect(list.status).toBe(404);
    expect((await upload('qmr', measurement, { bytes: pdfOf(1_000), name: 'x.pdf' }, otherOrg)).status).toBe(
      404,
    );
    expect(
      (await org.as('qmr', 'GET', `/api/v1/cycles/${cycleId}/evidence?recordType=minutes&recordKey=x`))
        .status,
    ).toBe(400);
  });

  it('answers 410 naming the file when the store has lost or changed it, keeps its row, and serves it again once restored', async () => {
    const bytes = pdfOf(12_000, 'r');
    const name = 'Biên bản kiểm tra tháng 3.pdf';
    const uploaded = await upload('staff.tthc', measurement, { bytes, name });
    expect(uploaded.status).toBe(201);
    // The database restored without the evidence folder: the row is there, its file is not.
    const stored = join(evidenceDir, sha256(bytes).slice(0, 2), sha256(bytes));
    await rename(stored, `${stored}.away`);
    try {
      const gone = await download('qmr', uploaded.body.id);
      expect(gone.status).toBe(410);
      // Asked again once the file is back: no browser may keep the refusal.
      expect(gone.headers.get('cache-control')).toBe('no-store');
      expect(JSON.parse(gone.bytes.toString('utf8'))).toMatchObject({
        statusCode: 410,
        code: 'EVIDENCE_FILE_GONE',
        message: expect.stringContaining(`"${name}"`),
        details: { id: uploaded.body.id, sha256: sha256(bytes), reason: 'missing' },
      });
      const listed = await org.as<EvidenceAnswer[]>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/evidence?recordType=measurement&recordKey=${encodeURIComponent(measureTaskId)}`,
      );
      expect(listed.body.map((f) => f.id)).toContain(uploaded.body.id);
      // A file changed in the store (a disk fault, a hand edit) is never handed out under the
      // row's hash: the same 410, saying so.
      await writeFile(stored, Buffer.concat([bytes.subarray(0, 1000), Buffer.from('x')]));
      const changed = await download('staff.tonghop', uploaded.body.id);
      expect(changed.status).toBe(410);
      expect(JSON.parse(changed.bytes.toString('utf8'))).toMatchObject({
        code: 'EVIDENCE_FILE_GONE',
        message: expect.stringContaining(`"${name}"`),
        details: { id: uploaded.body.id, reason: 'changed' },
      });
    } finally {
      await rename(`${stored}.away`, stored);
    }
    const restored = await download('qmr', uploaded.body.id);
    expect(restored.status).toBe(200);
    expect(sha256(restored.bytes)).toBe(sha256(bytes));
  });

  it('leaves no file and no row when the client goes away in the middle of the upload', async () => {
    const before = await filesIn(evidenceDir);
    const rows = await rowsOf(measureTaskId);
    const boundary = `----qcycle${uniqueSuffix()}`;
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const head = Buffer.from(
      part('recordType', 'measurement') +
        part('recordKey', measureTaskId) +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dang-tai.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const url = new URL(`${suite.http.baseUrl}/api/v1/cycles/${cycleId}/evidence`);
    const request = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        authorization: `Bearer ${await org.tokenOf('staff.tthc')}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + 50_000 + 100),
      },
    });
    request.on('error', () => undefined); // the socket is destroyed on purpose
    request.write(head);
    request.write(pdfOf(20_000, 'p'));
    // The server is writing the upload to a partial file in the store's folder…
    await eventually(
      async () => (await filesIn(evidenceDir)).some((f) => f.endsWith('.partial')),
      'a partial file',
    );
    // …when the connection drops, half-way through the file.
    request.destroy();
    await eventually(
      async () => JSON.stringify(await filesIn(evidenceDir)) === JSON.stringify(before),
      'the partial file to be removed',
    );
    expect(await rowsOf(measureTaskId)).toBe(rows);
    // The API still serves.
    expect(
      (await upload('staff.tthc', measurement, { bytes: pdfOf(1_500, 'z'), name: 'lai.pdf' })).status,
    ).toBe(201);
  });

  it('takes no more evidence for a closed year’s finished records (409, nothing kept), and still for an open one', async () => {
    const dataSource = suite.api.get(DataSource);
    await dataSource.getRepository(QualityCycleEntity).update({ id: cycleId }, { status: 'closed' });
    try {
      // The measurement report is still open (a late report): its evidence is still taken.
      const late = await upload('staff.tthc', measurement, { bytes: pdfOf(2_000, 'l'), name: 'muon.pdf' });
      expect(late.status).toBe(201);

      await dataSource.getRepository(TaskEntity).update({ id: measureTaskId }, { status: 'completed' });
      const before = await rowsOf(measureTaskId);
      const bytes = pdfOf(3_000, 'z');
      const refused = await upload('qmr', measurement, { bytes, name: 'bo-sung-sau-khi-dong-nam.pdf' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'CONFLICT',
        details: { recordType: 'measurement', recordKey: measureTaskId, cycleStatus: 'closed' },
      });
      expect(await rowsOf(measureTaskId)).toBe(before);
      expect(await filesIn(evidenceDir)).not.toContain(join(sha256(bytes).slice(0, 2), sha256(bytes)));
    } finally {
      await dataSource.getRepository(QualityCycleEntity).update({ id: cycleId }, { status: 'running' });
      await dataSource.getRepository(TaskEntity).update({ id: measureTaskId }, { status: 'open' });
    }
  });

  it("removes a discarded rehearsal's files from the store, but not a content another cycle's record names or one stored just now", async () => {
    // A rehearsal of 2025 the staff member reported in, now cancelled (no year after it started).
    const dataSource = suite.api.get(DataSource);
    const rehearsalId = qualityCycleId(organisationCode, 2025);
    const rehearsalWorkflowId = qualityCycleWorkflowId(organisationCode, 2025);
    const reportId = `${rehearsalWorkflowId}/monitoring/obj-4/measure/2025-03`;
    await new CycleRecordActivities(dataSource).recordCycleStarted({
      cycleId: rehearsalId,
      workflowId: rehearsalWorkflowId,
      organisationCode,
      year: 2025,
      startedBy: org.idOf('qmr'),
      startedAt: '2024-05-02T02:00:00.000Z',
      rehearsal: true,
    });
    await new QualityRecordActivities(dataSource).openTask({
      taskId: reportId,
      cycleId: rehearsalId,
      workflowId: `${rehearsalWorkflowId}/monitoring/obj-4`,
      kind: 'measurement-report',
      title: { vi: 'Báo cáo số liệu tháng 3/2025', en: 'March 2025 figures' },
      assigneeUserId: org.idOf('staff.tthc'),
      delegateUserIds: [],
      unitCode: 'vp-kiemsoat-tthc',
      objectiveId: 'obj-4',
      periodKey: '2025-03',
      openedAt: '2024-05-02T03:00:00.000Z',
    });
    const report = { recordType: 'measurement', recordKey: reportId };
    const onlyHere = pdfOf(3_000, 'r');
    const alsoElsewhere = pdfOf(3_000, 's');
    const justNow = pdfOf(3_000, 't');
    for (const [bytes, name] of [
      [onlyHere, 'chi-dien-tap.pdf'],
      [alsoElsewhere, 'dung-chung.pdf'],
    ] as const)
      expect((await upload('staff.tthc', report, { bytes, name }, org, rehearsalId)).status).toBe(201);
    const kept = await upload('staff.tthc', measurement, { bytes: alsoElsewhere, name: 'dung-chung.pdf' });
    expect(kept.status).toBe(201);
    const stored = (bytes: Buffer) => join(sha256(bytes).slice(0, 2), sha256(bytes));
    // Uploaded during the training, an hour before the discard (the store knows it by the file's time).
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const bytes of [onlyHere, alsoElsewhere])
      await utimes(join(evidenceDir, stored(bytes)), anHourAgo, anHourAgo);
    // One more just before the discard: an upload of the same content elsewhere may be in flight.
    expect(
      (await upload('staff.tthc', report, { bytes: justNow, name: 'vua-tai.pdf' }, org, rehearsalId)).status,
    ).toBe(201);
    await dataSource.getRepository(QualityCycleEntity).update({ id: rehearsalId }, { status: 'cancelled' });

    const discarded = await org.as('qmr', 'POST', `/api/v1/cycles/${rehearsalId}/discard`, {
      reason: 'Đã tập huấn xong',
    });
    expect(discarded.status).toBe(200);
    await expect(
      dataSource.getRepository(EvidenceFileEntity).countBy({ cycleId: rehearsalId }),
    ).resolves.toBe(0);
    const files = await filesIn(evidenceDir);
    expect(files).not.toContain(stored(onlyHere));
    expect(files).toContain(stored(justNow));
    // Nothing set aside is left behind.
    expect(files.filter((file) => file.endsWith('.removing'))).toEqual([]);
    // The 2024 record still has its file, byte for byte.
    const still = await download('staff.tthc', kept.body.id);
    expect(still.status).toBe(200);
    expect(still.bytes.equals(alsoElsewhere)).toBe(true);
  });

  it('answers only statuses its OpenAPI document names', async () => {
    expect(await undocumentedAnswers(suite.http)).toEqual([]);
  });
});
