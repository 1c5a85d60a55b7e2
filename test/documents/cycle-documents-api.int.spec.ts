import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { KONTUM_2024_TEMPLATE } from '@qcycle/domain';
import { DecisionEntity, DocumentVersionEntity } from '@qcycle/persistence';
import { QualityRecordActivities } from '../../activities/src/quality-records.activities';
import { uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { createApiApp } from '../../apps/api/src/api-app';
import { REHEARSAL_MARK } from '../../apps/api/src/documents/official-document';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation } from '../api/support/demo-organisation';
import type { HttpRecorder } from '../api/support/http-recorder';
import { undocumentedAnswers } from '../api/support/openapi-coverage';
import { recordLastYearsAudit } from '../api/support/year-fixtures';
import { KontumAuditRecords, rehearsalClock } from './support/audit-records';
import { download as fetchDownload, downloadedJson, type Download } from './support/document-download';
import {
  docxParts,
  keepDocument,
  normalise,
  pageTops,
  fontsNotEmbeddedTimes,
  pdfText,
  readSeedDecision,
  wordCounts,
  wordParagraphs,
  rehearsalPdfText,
} from './support/document-text';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface RegisterEntry {
  id: string;
  cycleId: string;
  year: number;
  type: string;
  version: number;
  number: string;
  fileBaseName: string;
  sourceRecord: string;
  contentSha256: string;
  pdfSha256: string;
  docxSha256: string;
  approvedBy: string | null;
  approvedByName: string | null;
  issuedOn: string;
  registeredBy: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The decision and the plan served by the real API, from a Kon Tum 2024 cycle the real worker runs
 * on the Temporal dev server up to the leader's approval (PostgreSQL and SQLite): content negotiation, the
 * documents' text against the seed, and the register (versions, hashes, earlier versions).
 */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])(
  'official documents over HTTP (real API, worker, Temporal dev server, %s, chromium)',
  (database) => {
    let suite: ApiSuite;
    let http: HttpRecorder;
    let org: DemoOrganisation;
    let otherOrg: DemoOrganisation;
    const organisationCode = `kt-${uniqueSuffix()}`;
    const cycleId = `${organisationCode}-2024`;
    const seed = readSeedDecision();

    beforeAll(async () => {
      suite = await startApiSuite({ worker: true, database });
      http = suite.http;
      org = await suite.seedDemoOrganisation(organisationCode);
      otherOrg = await suite.seedDemoOrganisation(`dl-${uniqueSuffix()}`);
    });

    afterAll(() => suite?.close());

    const download = (local: string, path: string, accept?: string, viaOther = false) =>
      fetchDownload(http, viaOther ? otherOrg : org, local, path, accept);
    const json = downloadedJson;

    it('answers 404 for the documents of a year whose objectives are not approved yet', async () => {
      const started = await org.as('qmr', 'POST', '/api/v1/cycles', {
        organisationCode,
        year: 2024,
        templateId: 'kontum-2024',
        rehearsal: true,
      });
      expect(started.status).toBe(201);
      await org.waitForTask('leader', 'objectives-approval');
      for (const accept of [PDF, DOCX, 'application/json']) {
        expect((await download('qmr', `/api/v1/cycles/${cycleId}/decision`, accept)).status).toBe(404);
        expect((await download('qmr', `/api/v1/cycles/${cycleId}/plan`, accept)).status).toBe(404);
      }
    });

    it('serves the leader the decision they are asked to sign as its draft, from the approval task, registering nothing', async () => {
      const approval = await org.waitForTask('leader', 'objectives-approval');
      const draftOf = `/api/v1/tasks/${encodeURIComponent(approval.id)}/decision-draft`;
      for (const local of ['leader', 'qmr']) {
        const [pdf, docx] = [await download(local, draftOf, PDF), await download(local, draftOf, DOCX)];
        expect([pdf.status, docx.status]).toEqual([200, 200]);
        expect([pdf.headers.get('x-document-status'), docx.headers.get('x-document-status')]).toEqual([
          'draft',
          'draft',
        ]);
        expect(pdf.headers.get('content-disposition')).toContain(
          'filename="QD-MUC-TIEU-CHAT-LUONG-2024-DU-THAO-DIEN-TAP.pdf"',
        );
        expect(pdf.headers.get('x-document-id')).toBeNull();
        // Marked on every page: a rehearsal's, and a draft's awaiting its signature.
        expect(
          pageTops(pdf.bytes, 2).every(([first, second]) => first === REHEARSAL_MARK && second === 'DỰ THẢO'),
        ).toBe(true);
        const text = normalise(pdfText(pdf.bytes));
        // The number and the day of signing left blank; the rest worded as it will be issued.
        expect(text).toContain('Số: /QĐ-UBND');
        expect(text).toContain('Kon Tum, ngày tháng năm 2024');
        for (const objective of KONTUM_2024_TEMPLATE.objectives)
          expect(text).toContain(normalise(`${objective.number}. ${objective.title.vi}`));
        expect(text).toContain('Nguyễn Hữu Tháp');
        if (local === 'leader') keepDocument('decision-draft', { pdf: pdf.bytes, docx: docx.bytes });
      }
      // Asked for nothing in particular, the PDF.
      expect((await download('leader', draftOf)).headers.get('content-type')).toBe(PDF);
      // The plan to be issued with it cites the decision by its blank number and date.
      const planOf = draftOf.replace(/decision-draft$/, 'plan-draft');
      const plan = await download('leader', planOf, PDF);
      keepDocument('plan-draft', { pdf: plan.bytes, docx: (await download('leader', planOf, DOCX)).bytes });
      expect([plan.status, plan.headers.get('x-document-status')]).toEqual([200, 'draft']);
      expect(plan.headers.get('content-disposition')).toContain(
        'filename="KH-MUC-TIEU-CHAT-LUONG-2024-DU-THAO-DIEN-TAP.pdf"',
      );
      const planText = normalise(pdfText(plan.bytes));
      expect(planText).toContain(
        '(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm 2024 của Ủy ban nhân dân tỉnh Kon Tum)',
      );
      expect(planText).toContain(normalise(KONTUM_2024_TEMPLATE.objectives[3].plan.what));
      expect(
        (await download('staff.tthc', draftOf.replace(/decision-draft$/, 'plan-draft'), PDF)).status,
      ).toBe(403);
      // Someone else's task is refused; a task that is no round of the draft has none.
      expect((await download('staff.tthc', draftOf, PDF)).status).toBe(403);
      expect((await download('leader', draftOf, PDF, true)).status).toBe(404);
      expect(
        (
          await download(
            'leader',
            `/api/v1/tasks/${encodeURIComponent(`${approval.id}-none`)}/decision-draft`,
            PDF,
          )
        ).status,
      ).toBe(404);
      // A draft is registered nowhere, and the decision itself is still to be approved.
      expect(await suite.api.get(DataSource).getRepository(DocumentVersionEntity).countBy({ cycleId })).toBe(
        0,
      );
      expect((await download('leader', `/api/v1/cycles/${cycleId}/decision`, PDF)).status).toBe(404);
    });

    it('serves the approved Kon Tum 2024 decision as PDF with every word of the seed, its fonts embedded', async () => {
      const task = await org.waitForTask('leader', 'objectives-approval');
      const approved = await org.as('leader', 'POST', taskPath(task.id, '/complete'), {
        outcome: { decision: 'approve', documentNumber: '123/QĐ-UBND', signingDate: '2024-01-15' },
      });
      expect(approved.status).toBe(200);
      let pdf: Download | undefined;
      for (let attempt = 0; attempt < 100 && pdf?.status !== 200; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 100));
        pdf = await download('staff.tonghop', `/api/v1/cycles/${cycleId}/decision`, PDF);
      }
      expect(pdf!.status).toBe(200);
      expect(pdf!.headers.get('content-type')).toBe(PDF);
      expect(pdf!.headers.get('content-disposition')).toContain(
        'attachment; filename="QD-123-UBND-2024-DIEN-TAP.pdf"',
      );
      expect(pdf!.headers.get('vary')).toMatch(/accept/i);
      expect(pdf!.headers.get('x-document-version')).toBe('1');
      expect(pdf!.headers.get('x-content-sha256')).toBe(sha256(pdf!.bytes));

      const text = normalise(pdfText(pdf!.bytes));
      for (const expected of [
        'ỦY BAN NHÂN DÂN TỈNH KON TUM',
        'Số: 123/QĐ-UBND',
        'Kon Tum, ngày 15 tháng 01 năm 2024',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        ...seed.legalBases,
        seed.proposal,
        ...seed.articles,
        ...seed.objectives,
        ...seed.recipients,
        ...seed.signature,
      ]) {
        expect(text).toContain(expected);
      }
      for (const letter of ['Ủ', 'ề', 'ự']) expect(text).toContain(letter);
      expect(fontsNotEmbeddedTimes(pdf!.bytes)).toEqual([]);
    });

    it('serves the same decision as DOCX, valid Office Open XML with the PDF’s words', async () => {
      const docx = await download('qmr', `/api/v1/cycles/${cycleId}/decision`, DOCX);
      const pdf = await download('qmr', `/api/v1/cycles/${cycleId}/decision`, PDF);
      expect(docx.status).toBe(200);
      expect(docx.headers.get('content-type')).toBe(DOCX);
      expect(docx.headers.get('content-disposition')).toContain('filename="QD-123-UBND-2024-DIEN-TAP.docx"');
      const paragraphs = wordParagraphs(docxParts(docx.bytes).read('word/document.xml'));
      for (const expected of [...seed.legalBases, ...seed.articles, ...seed.objectives, ...seed.recipients]) {
        expect(paragraphs.map(normalise)).toContain(expected);
      }
      expect(wordCounts(paragraphs.join('\n'))).toEqual(wordCounts(rehearsalPdfText(pdf.bytes, docx.bytes)));
      for (const letter of ['Ủ', 'ề', 'ự']) expect(paragraphs.join('')).toContain(letter);
      keepDocument(`api-${database}-QD-123-UBND-2024`, { pdf: pdf.bytes, docx: docx.bytes });
    });

    it('answers JSON by default, for */* and for an Accept naming no format it has', async () => {
      for (const accept of [
        undefined,
        '*/*',
        'application/json',
        'image/png',
        'text/html;q=0.9, application/json',
      ]) {
        const answer = await download('qmr', `/api/v1/cycles/${cycleId}/decision`, accept);
        expect(answer.status).toBe(200);
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
        expect(json<{ documentNumber: string }>(answer).documentNumber).toBe('123/QĐ-UBND');
      }
      // A browser-like preference for the PDF over anything else gets the PDF.
      const preferred = await download(
        'qmr',
        `/api/v1/cycles/${cycleId}/decision`,
        `${PDF}, application/json;q=0.5`,
      );
      expect(preferred.headers.get('content-type')).toBe(PDF);
    });

    it('answers 503 DOCUMENTS_UNAVAILABLE for a PDF it has not printed yet when the server has no chromium; the record and the printed decision still answer', async () => {
      // A second API on the same database and Temporal, as deployed on a host without chromium.
      const config = { ...suite.config, documents: { chromiumPath: '/nonexistent/chromium' } };
      const unprinted = await createApiApp(config, { logger: false });
      try {
        const server = await unprinted.listen(0, '127.0.0.1');
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const get = async (path: string, accept: string) =>
          fetch(`${base}${path}`, {
            headers: { authorization: `Bearer ${await org.tokenOf('qmr')}`, accept },
          });
        const plan = await get(`/api/v1/cycles/${cycleId}/plan`, PDF);
        expect(plan.status).toBe(503);
        // Asking again will not help: no Retry-After, as the database's or a workflow's 503 has.
        expect(plan.headers.get('retry-after')).toBeNull();
        expect(await plan.json()).toMatchObject({
          code: 'DOCUMENTS_UNAVAILABLE',
          message: expect.stringContaining('chromium'),
        });
        expect((await get(`/api/v1/cycles/${cycleId}/plan`, 'application/json')).status).toBe(200);
        // The decision was printed and registered above: its registered file still downloads.
        const decision = await get(`/api/v1/cycles/${cycleId}/decision`, PDF);
        expect([decision.status, decision.headers.get('x-document-version')]).toEqual([200, '1']);
      } finally {
        await unprinted.close();
      }
      // The refusal registered nothing (read in the table: listing the register registers what is missing).
      const versions = await suite.api
        .get(DataSource)
        .getRepository(DocumentVersionEntity)
        .findBy({ cycleId });
      expect(versions.map((version) => version.type)).toEqual(['objectives-decision']);
    });

    it('serves the objectives’ implementation plan (ISO 6.2.2) from the decision, in JSON, PDF and DOCX', async () => {
      const plan = await download('head.tthc', `/api/v1/cycles/${cycleId}/plan`);
      expect(plan.status).toBe(200);
      const body = json<{
        documentNumber: string;
        objectives: { number: number; plan: Record<string, string> }[];
      }>(plan);
      expect(body.documentNumber).toBe('123/QĐ-UBND');
      expect(body.objectives.map((o) => o.number)).toEqual([1, 2, 3, 4, 5]);
      expect(Object.keys(body.objectives[0].plan).sort()).toEqual([
        'howEvaluated',
        'resources',
        'what',
        'when',
        'who',
      ]);

      const pdf = await download('head.tthc', `/api/v1/cycles/${cycleId}/plan`, PDF);
      const docx = await download('head.tthc', `/api/v1/cycles/${cycleId}/plan`, DOCX);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-disposition')).toContain('filename="KH-QD-123-UBND-2024-DIEN-TAP.pdf"');
      const text = normalise(pdfText(pdf.bytes));
      expect(text).toContain('KẾ HOẠCH');
      expect(text).toContain(
        '(Kèm theo Quyết định số 123/QĐ-UBND ngày 15 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh Kon Tum)',
      );
      for (const objective of KONTUM_2024_TEMPLATE.objectives) {
        expect(text).toContain(`${objective.number}. ${objective.title.vi}`);
        for (const answer of Object.values(objective.plan)) expect(text).toContain(normalise(answer));
      }
      expect(wordCounts(wordParagraphs(docxParts(docx.bytes).read('word/document.xml')).join('\n'))).toEqual(
        wordCounts(rehearsalPdfText(pdf.bytes, docx.bytes)),
      );
      keepDocument(`api-${database}-KH-QD-123-UBND-2024`, { pdf: pdf.bytes, docx: docx.bytes });
    });

    it('registers each document once: same records, same version and bytes; the hashes are the files’', async () => {
      const again = await download('leader', `/api/v1/cycles/${cycleId}/decision`, PDF);
      const first = await download('qmr', `/api/v1/cycles/${cycleId}/decision`, PDF);
      expect(again.bytes.equals(first.bytes)).toBe(true);
      expect(again.headers.get('x-document-version')).toBe('1');

      const listed = await org.as<{ items: RegisterEntry[]; total: number }>(
        'staff.tthc',
        'GET',
        `/api/v1/documents?cycleId=${cycleId}&type=objectives-decision&year=2024`,
      );
      expect(listed.status).toBe(200);
      expect(listed.body.total).toBe(1);
      const [entry] = listed.body.items;
      const docx = await download('qmr', `/api/v1/cycles/${cycleId}/decision`, DOCX);
      expect(entry).toMatchObject({
        id: `${cycleId}.objectives-decision.v1`,
        cycleId,
        year: 2024,
        type: 'objectives-decision',
        version: 1,
        number: '123/QĐ-UBND',
        fileBaseName: 'QD-123-UBND-2024-DIEN-TAP',
        sourceRecord: `decisions/quality-cycle/${organisationCode}/2024/approval`,
        pdfSha256: sha256(first.bytes),
        docxSha256: sha256(docx.bytes),
        approvedBy: org.idOf('leader'),
        approvedByName: 'Nguyễn Hữu Tháp',
        issuedOn: '2024-01-15',
        registeredBy: org.idOf('staff.tonghop'),
      });
      expect(entry).not.toHaveProperty('pdf');
      const all = await org.as<{ items: RegisterEntry[] }>(
        'qmr',
        'GET',
        `/api/v1/documents?cycleId=${cycleId}`,
      );
      expect(all.body.items.map((i) => i.id)).toEqual([
        `${cycleId}.objectives-decision.v1`,
        `${cycleId}.objectives-plan.v1`,
      ]);
      expect((await org.as('qmr', 'GET', `/api/v1/documents?type=minutes&year=twenty`)).status).toBe(400);
    });

    it('gives a changed record a new version and keeps the earlier one retrievable as issued', async () => {
      const before = await download('qmr', `/api/v1/cycles/${cycleId}/decision`, PDF);
      // The record is corrected (the leader signed it a day later): rows changed as an administrator would.
      await suite.api.get(DataSource).getRepository(DecisionEntity).update(
        { cycleId },
        {
          signingDate: '2024-01-16',
          effectiveDate: '2024-01-16',
        },
      );
      const after = await download('qmr', `/api/v1/cycles/${cycleId}/decision`, PDF);
      expect(after.headers.get('x-document-version')).toBe('2');
      expect(sha256(after.bytes)).not.toBe(sha256(before.bytes));
      expect(normalise(pdfText(after.bytes))).toContain('Kon Tum, ngày 16 tháng 01 năm 2024');

      const listed = await org.as<{ items: RegisterEntry[] }>(
        'qmr',
        'GET',
        `/api/v1/documents?cycleId=${cycleId}&type=objectives-decision`,
      );
      expect(listed.body.items.map((i) => [i.version, i.issuedOn])).toEqual([
        [1, '2024-01-15'],
        [2, '2024-01-16'],
      ]);
      const v1 = await download('qmr', `/api/v1/documents/${cycleId}.objectives-decision.v1`, PDF);
      expect(v1.status).toBe(200);
      expect(v1.bytes.equals(before.bytes)).toBe(true);
      expect(sha256(v1.bytes)).toBe(listed.body.items[0].pdfSha256);
      const v1Docx = await download('qmr', `/api/v1/documents/${cycleId}.objectives-decision.v1`, DOCX);
      expect(sha256(v1Docx.bytes)).toBe(listed.body.items[0].docxSha256);
      const entry = await download('qmr', `/api/v1/documents/${cycleId}.objectives-decision.v2`);
      expect(json<RegisterEntry>(entry)).toMatchObject({ version: 2, pdfSha256: sha256(after.bytes) });
    });

    it('serves the internal audit plan once planned and the audit report once closed, as the audit records them', async () => {
      const audit = `/api/v1/cycles/${cycleId}/audit`;
      expect((await download('qmr', audit, PDF)).status).toBe(404);
      expect((await download('qmr', `${audit}/plan`, PDF)).status).toBe(404);
      // What internalAudit and correctiveAction record, in their order, through the real activities.
      const records = new QualityRecordActivities(suite.api.get(DataSource));
      await org.tokenOf('lead.auditor');
      await org.tokenOf('auditor.kinhte');
      await org.tokenOf('auditor.hcth');
      const at = await rehearsalClock(org, cycleId);
      const kontumAudit = new KontumAuditRecords(records, org, organisationCode, at);
      const { auditId, lead, plan, steps } = kontumAudit;
      // ISO 9001 9.2.2 a: last year's audit found a nonconformity in the process audited again at s9,
      // and an observation in a unit this audit does not visit; the plan marks s9, the report follows
      // both up.
      await recordLastYearsAudit(suite.api.get(DataSource), org, organisationCode, 2023);
      await kontumAudit.planned();

      const planPdf = await download('staff.tthc', `${audit}/plan`, PDF);
      expect(planPdf.status).toBe(200);
      expect(planPdf.headers.get('content-disposition')).toContain('filename="KH-DGNB-2024-DIEN-TAP.pdf"');
      const planText = normalise(pdfText(planPdf.bytes));
      expect(planText).toContain('Kon Tum, ngày 03 tháng 10 năm 2024');
      for (const expected of [
        plan.scope,
        ...plan.criteria,
        plan.methods,
        'Từ ngày 07 tháng 10 năm 2024 đến ngày 18 tháng 10 năm 2024',
      ]) {
        expect(planText).toContain(expected);
      }
      // The team with the certificates the directory has for them (ISO 9001 7.2); Huy has none.
      const course = 'Chứng chỉ chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO 9001:2015';
      expect(planText).toContain(
        `Trưởng đoàn: Lý Thị Mai (${course} số 0127/2021, Trung tâm Năng suất Việt Nam cấp ngày 24 tháng 9 năm 2021);`,
      );
      expect(planText).toContain(
        `Đặng Thu Trang (${course} số 0418/2023, Trung tâm Năng suất Việt Nam cấp ngày 16 tháng 6 năm 2023)`,
      );
      expect(planText).toContain('cấp ngày 16 tháng 6 năm 2023), Bùi Quang Huy.');
      // A certificate Huy gets after the plan's day is not the competence the plan rested on.
      await org.tokenOf('admin');
      const certified = await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('auditor.kinhte')}`, {
        auditorCertificate: { certificate: `${course} số 0533/2024`, issuedOn: '2024-11-20' },
      });
      expect(certified.status).toBe(200);
      const planAgain = await download('staff.tthc', `${audit}/plan`, PDF);
      expect(planAgain.headers.get('x-document-version')).toBe(planPdf.headers.get('x-document-version'));
      expect(normalise(pdfText(planAgain.bytes))).not.toContain('0533/2024');
      for (const step of steps) expect(planText).toContain(`${step.process} (điều khoản ${step.clause})`);
      expect(planText.match(/đánh giá lại phát hiện năm 2023 \([^)]*\)/g)).toEqual([
        'đánh giá lại phát hiện năm 2023 (không phù hợp nhẹ)',
      ]);
      expect(planText).toMatch(
        /1\. Phòng Kiểm soát thủ tục hành chính: Giải quyết hồ sơ TTHC \(điều khoản 8\.5\.1\); chuyên gia đánh giá: [^;.]+; đánh giá lại phát hiện năm 2023 \(không phù hợp nhẹ\)\./,
      );
      const planDocx = await download('staff.tthc', `${audit}/plan`, DOCX);
      expect(
        wordCounts(wordParagraphs(docxParts(planDocx.bytes).read('word/document.xml')).join('\n')),
      ).toEqual(wordCounts(rehearsalPdfText(planPdf.bytes, planDocx.bytes)));
      keepDocument(`api-${database}-KH-DGNB-2024`, { pdf: planPdf.bytes, docx: planDocx.bytes });
      // In the plan's order, numbered from 1, though their ids ("s9", "s10") sort the other way.
      const numberedInPlanOrder = new RegExp(
        `1\\. [^:]+: ${steps[0].process} .*2\\. [^:]+: ${steps[1].process} `,
      );
      expect(planText).toMatch(numberedInPlanOrder);
      const auditView = await org.as<{ steps: { id: string }[] }>('qmr', 'GET', audit);
      expect(auditView.body.steps.map((step) => step.id)).toEqual(steps.map((step) => step.id));
      expect((await download('qmr', audit, PDF)).status).toBe(404); // not closed yet
      expect((await download('qmr', `${audit}/plan`)).headers.get('content-type')).toMatch(
        /^application\/json/,
      );

      const finding = 'Phiếu kiểm soát thiếu thời điểm chuyển bước';
      // The photo of the register the auditor took, uploaded to the step: the report names it as
      // uploaded, not by its reference.
      const photo = await org.uploadEvidence<{ reference: string }>(
        'qmr',
        cycleId,
        { recordType: 'audit-step', recordKey: steps[0].id },
        { bytes: Buffer.from('%PDF-1.7\nAnh chup so theo doi\n'), name: 'Ảnh chụp sổ theo dõi.pdf' },
      );
      expect(photo.status).toBe(201);
      await kontumAudit.signedOff(finding, [photo.body.reference]);
      await records.recordCorrectiveAction({
        cycleId,
        rows: [
          {
            id: `${auditId}/ca/s1`,
            cycleId,
            auditId,
            stepId: steps[0].id,
            severity: 'minor-nc',
            unitCode: 'vp-kiemsoat-tthc',
            finding,
            correction: 'Bổ sung thời điểm chuyển bước.',
            rootCause: 'Mẫu phiếu cũ.',
            action: 'Cập nhật mẫu phiếu.',
            ownerUserId: null,
            dueDate: '2024-11-15',
            status: 'planned',
            rounds: 1,
            effective: null,
            verifiedBy: null,
            verifiedAt: null,
            openedAt: at('2024-10-10T03:00:00.000Z'),
          },
        ],
        event: {
          id: `${auditId}/ca/s1/planned`,
          type: 'corrective-action.planned',
          actor: lead,
          at: at('2024-10-12T03:00:00.000Z'),
        },
      });
      const report =
        'Hệ thống quản lý chất lượng được duy trì; 01 điểm không phù hợp nhẹ đang được khắc phục.';
      await records.recordAudit({
        cycleId,
        rows: [{ id: auditId, status: 'closed', report, closedAt: at('2024-10-25T09:00:00.000Z') }],
        event: {
          id: `${auditId}/closed`,
          type: 'audit.closed',
          actor: lead,
          at: at('2024-10-25T09:00:00.000Z'),
        },
      });

      const reportPdf = await download('head.tonghop', audit, PDF);
      const reportDocx = await download('head.tonghop', audit, DOCX);
      expect(reportPdf.status).toBe(200);
      expect(reportPdf.headers.get('content-disposition')).toContain('filename="BC-DGNB-2024-DIEN-TAP.pdf"');
      const reportText = normalise(pdfText(reportPdf.bytes));
      expect(reportText).toContain('BÁO CÁO');
      expect(reportText).toContain('Kon Tum, ngày 25 tháng 10 năm 2024');
      expect(reportText).toContain(
        'Kết quả: Không phù hợp nhẹ. Bằng chứng: Sổ theo dõi hồ sơ tháng 9/2024; tệp “Ảnh chụp sổ theo dõi.pdf”. ' +
          `Phát hiện: ${finding}`,
      );
      expect(reportText).toContain('Kết quả: Phù hợp. Bằng chứng: Báo cáo tháng 9/2024.');
      expect(reportText).toContain(
        'Hành động khắc phục: Cập nhật mẫu phiếu., thời hạn ngày 15 tháng 11 năm 2024'.replace('., ', ', '),
      );
      expect(reportText).toContain(report);
      // Read across the page break, without the rehearsal's mark and the page number it falls on.
      expect(normalise(rehearsalPdfText(reportPdf.bytes, reportDocx.bytes))).toContain(
        'IV. THEO DÕI CÁC PHÁT HIỆN CỦA LẦN ĐÁNH GIÁ NĂM 2023 ' +
          '1. Phòng Kiểm soát thủ tục hành chính: Giải quyết hồ sơ TTHC (điều khoản 8.5.1), không phù hợp nhẹ: ' +
          'Hai hồ sơ trả kết quả không ghi ngày. Hành động khắc phục: đã khắc phục, có hiệu lực. ' +
          'Lần đánh giá này: không phù hợp nhẹ. ' +
          '2. Phòng Hành chính - Tổ chức: Kiểm soát thông tin dạng văn bản (điều khoản 7.5.3), điểm lưu ý: ' +
          'Sổ công văn đến chưa ghi hạn xử lý. Lần đánh giá này: không đánh giá lại nội dung này. V. KẾT LUẬN',
      );
      // The team as the plan names it; Huy's certificate of November is after the report's day too.
      expect(reportText).toContain(
        `Đoàn đánh giá: trưởng đoàn Lý Thị Mai (${course} số 0127/2021, Trung tâm Năng suất Việt Nam cấp ` +
          `ngày 24 tháng 9 năm 2021); chuyên gia đánh giá Đặng Thu Trang (${course} số 0418/2023, ` +
          'Trung tâm Năng suất Việt Nam cấp ngày 16 tháng 6 năm 2023), Bùi Quang Huy.',
      );
      expect(reportText).toMatch(numberedInPlanOrder);
      expect(
        wordCounts(wordParagraphs(docxParts(reportDocx.bytes).read('word/document.xml')).join('\n')),
      ).toEqual(wordCounts(rehearsalPdfText(reportPdf.bytes, reportDocx.bytes)));
      keepDocument(`api-${database}-BC-DGNB-2024`, { pdf: reportPdf.bytes, docx: reportDocx.bytes });
      const listed = await org.as<{ items: RegisterEntry[] }>(
        'qmr',
        'GET',
        `/api/v1/documents?cycleId=${cycleId}&type=audit-report`,
      );
      expect(listed.body.items).toMatchObject([
        {
          version: 1,
          sourceRecord: `audits/${auditId}`,
          approvedBy: lead,
          issuedOn: '2024-10-25',
          pdfSha256: sha256(reportPdf.bytes),
        },
      ]);
    });

    it('marks nothing on a real year’s documents: its decision is named and dated as issued', async () => {
      // Next year, signed today (in Vietnam): a real year starts before its dates and is signed by today.
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      const [year, month, day] = today.split('-');
      const next = Number(year) + 1;
      const code = `ry-${uniqueSuffix()}`;
      const real = await suite.seedDemoOrganisation(code);
      const started = await real.as('qmr', 'POST', '/api/v1/cycles', {
        organisationCode: code,
        year: next,
        templateId: 'kontum-2024',
      });
      expect(started.status).toBe(201);
      const task = await real.waitForTask('leader', 'objectives-approval');
      const approved = await real.as('leader', 'POST', taskPath(task.id, '/complete'), {
        outcome: { decision: 'approve', documentNumber: '7/QĐ-UBND', signingDate: today },
      });
      expect(approved.status).toBe(200);
      const path = `/api/v1/cycles/${code}-${next}/decision`;
      let pdf: Download | undefined;
      for (let attempt = 0; attempt < 100 && pdf?.status !== 200; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 100));
        pdf = await fetchDownload(http, real, 'qmr', path, PDF);
      }
      const docx = await fetchDownload(http, real, 'qmr', path, DOCX);
      expect(pdf!.headers.get('content-disposition')).toContain(`filename="QD-7-UBND-${next}.pdf"`);
      const text = normalise(pdfText(pdf!.bytes));
      // Decree 30: the day in two digits, January and February in two digits too.
      const monthText = Number(month) <= 2 ? month : String(Number(month));
      expect(text).toContain(`Kon Tum, ngày ${day} tháng ${monthText} năm ${year}`);
      expect(text).toContain(`Phê duyệt Mục tiêu chất lượng năm ${next}`);
      expect(text).not.toContain(REHEARSAL_MARK);
      // Its page headers hold the page number (from page 2) and no mark.
      const parts = docxParts(docx.bytes);
      const headers = parts.names.filter((name) => /^word\/header\d+\.xml$/.test(name));
      expect(
        headers
          .map((name) =>
            parts
              .read(name)
              .replace(/<[^>]+>/g, '')
              .trim(),
          )
          .sort(),
      ).toEqual(['', 'PAGE']);
      const cancelled = await real.as('qmr', 'POST', `/api/v1/cycles/${code}-${next}/cancel`, {
        reason: 'Kiểm thử xong',
      });
      expect(cancelled.status).toBe(202);
    });

    it('shows another organisation none of it', async () => {
      expect((await download('qmr', `/api/v1/cycles/${cycleId}/decision`, PDF, true)).status).toBe(404);
      expect((await download('qmr', `/api/v1/cycles/${cycleId}/plan`, DOCX, true)).status).toBe(404);
      expect(
        (await download('qmr', `/api/v1/documents/${cycleId}.objectives-decision.v1`, PDF, true)).status,
      ).toBe(404);
      const listed = await otherOrg.as<{ total: number }>(
        'qmr',
        'GET',
        `/api/v1/documents?cycleId=${cycleId}`,
      );
      expect(listed.body.total).toBe(0);
      expect((await http.call('GET', '/api/v1/documents')).status).toBe(401);
    });

    it('answers only documented status codes', async () => {
      expect(await undocumentedAnswers(http)).toEqual([]);
    });
  },
);
