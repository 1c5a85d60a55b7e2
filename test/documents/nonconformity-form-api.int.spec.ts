import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { QualityRecordActivities } from '../../activities/src/quality-records.activities';
import { uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import type { HttpRecorder } from '../api/support/http-recorder';
import { undocumentedAnswers } from '../api/support/openapi-coverage';
import { KontumAuditRecords, rehearsalClock } from './support/audit-records';
import { download as fetchDownload, downloadedJson } from './support/document-download';
import {
  docxParts,
  keepDocument,
  normalise,
  fontsNotEmbeddedTimes,
  pdfText,
  wordCounts,
  wordParagraphs,
  rehearsalPdfText,
} from './support/document-text';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface Nonconformity {
  id: string;
  stepId: string;
  audit: { from: string; to: string; leadAuditorName: string };
  severity: string;
  finding: string;
  auditorName: string;
  correction: string | null;
  ownerName: string | null;
  dueDate: string | null;
  verification: { verifierName: string; verifiedOn: string; effective: boolean; notes: string | null } | null;
  status: string;
  rounds: number;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The nonconformity and corrective-action form of one audit finding (ISO 10.2), served by the real
 * API from the records the audit and corrective-action workflows write (through the real record
 * activities, in their order), on a Kon Tum 2024 cycle the real worker runs up to the leader's approval.
 */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])(
  'the nonconformity form over HTTP (real API, worker, Temporal dev server, %s, chromium)',
  (database) => {
    let suite: ApiSuite;
    let http: HttpRecorder;
    let org: DemoOrganisation;
    let otherOrg: DemoOrganisation;
    let records: QualityRecordActivities;
    /** The instant the rehearsal's workflow writes for a calendar instant (set once the cycle runs). */
    let at: (calendarInstant: string) => string;
    const organisationCode = `kt-${uniqueSuffix()}`;
    const cycleId = `${organisationCode}-2024`;
    const auditId = `quality-cycle/${organisationCode}/2024/audit`;
    const actionId = `${auditId}/ca/s9`;
    const form = `/api/v1/cycles/${cycleId}/audit/steps/s9/nonconformity`;
    const finding = 'Phiếu kiểm soát quá trình thiếu thời điểm chuyển bước ở 3 hồ sơ đất đai';
    const notes = 'Đã kiểm tra 20 phiếu tháng 11, đều ghi đủ thời điểm';

    beforeAll(async () => {
      suite = await startApiSuite({ worker: true, database });
      http = suite.http;
      org = await suite.seedDemoOrganisation(organisationCode);
      otherOrg = await suite.seedDemoOrganisation(`dl-${uniqueSuffix()}`);
      records = new QualityRecordActivities(suite.api.get(DataSource));
      for (const local of ['lead.auditor', 'auditor.hcth', 'auditor.kinhte', 'head.tthc'])
        await org.tokenOf(local);
    });

    afterAll(() => suite?.close());

    const download = (local: string, path: string, accept?: string, viaOther = false) =>
      fetchDownload(http, viaOther ? otherOrg : org, local, path, accept);
    const json = downloadedJson;

    async function expectNotFound(path: string) {
      for (const accept of [undefined, PDF, DOCX])
        expect((await download('qmr', path, accept)).status).toBe(404);
    }

    it('answers 404 until the finding is raised', async () => {
      await org.startApprovedRehearsal({ documentNumber: '123/QĐ-UBND', signingDate: '2024-01-15' });
      await expectNotFound(form); // no audit yet

      at = await rehearsalClock(org, cycleId);
      const kontumAudit = new KontumAuditRecords(records, org, organisationCode, at);
      await kontumAudit.planned();
      await expectNotFound(form); // planned, not signed off
      // The auditor's photo of the register, uploaded to the step: the form names it as uploaded.
      const photo = await org.uploadEvidence<{ reference: string }>(
        'qmr',
        cycleId,
        { recordType: 'audit-step', recordKey: kontumAudit.steps[0].id },
        { bytes: Buffer.from('%PDF-1.7\nAnh chup so theo doi\n'), name: 'Ảnh chụp sổ theo dõi.pdf' },
      );
      expect(photo.status).toBe(201);
      await kontumAudit.signedOff(finding, [photo.body.reference]);
      // What correctiveAction records when it starts (corrective-action.workflow.ts), then the JSON.
      const auditor = org.idOf('auditor.hcth');
      await records.recordCorrectiveAction({
        cycleId,
        rows: [
          {
            id: actionId,
            cycleId,
            auditId,
            stepId: kontumAudit.steps[0].id,
            severity: 'minor-nc',
            unitCode: 'vp-kiemsoat-tthc',
            finding,
            status: 'open',
            rounds: 1,
            openedAt: at('2024-10-10T03:00:00.000Z'),
          },
        ],
        event: {
          id: `${actionId}/opened`,
          type: 'corrective-action.opened',
          actor: auditor,
          at: at('2024-10-10T03:00:00.000Z'),
          payload: { severity: 'minor-nc', unitCode: 'vp-kiemsoat-tthc' },
        },
      });
      const opened = await download('staff.tthc', form);
      expect(opened.status).toBe(200);
      expect(json<Nonconformity>(opened)).toMatchObject({
        id: actionId,
        stepId: 's9',
        severity: 'minor-nc',
        finding,
        correction: null,
        verification: null,
        status: 'open',
      });
      await expectNotFound(`/api/v1/cycles/${cycleId}/audit/steps/s10/nonconformity`); // conformity: no finding
      await expectNotFound(`/api/v1/cycles/${cycleId}/audit/steps/s3/nonconformity`);
    });

    it('serves the form of a planned and verified corrective action as PDF and DOCX, the same words, fonts embedded', async () => {
      const head = org.idOf('head.tthc');
      const auditor = org.idOf('auditor.hcth');
      // The unit head's plan rests on the new form, uploaded to the corrective action's record while
      // the plan task is open, and a paper record: the task's answer keeps them (as human-task.ts
      // records it).
      await records.openTask({
        taskId: `${actionId}/plan/1`,
        cycleId,
        workflowId: actionId,
        kind: 'corrective-action-plan',
        title: { vi: 'Khắc phục điểm không phù hợp (lần 1)', en: 'Correct the nonconformity (round 1)' },
        assigneeUserId: head,
        delegateUserIds: [],
        unitCode: 'vp-kiemsoat-tthc',
        openedAt: at('2024-10-10T03:00:00.000Z'),
      });
      const newForm = await org.uploadEvidence<{ reference: string }>(
        'head.tthc',
        cycleId,
        { recordType: 'corrective-action', recordKey: actionId },
        { bytes: Buffer.from('%PDF-1.7\nMau phieu kiem soat\n'), name: 'Mẫu phiếu kiểm soát mới.pdf' },
      );
      expect(newForm.status).toBe(201);
      const planEvidence = ['Phiếu kiểm soát theo mẫu mới', newForm.body.reference];
      await records.completeTaskRecord({
        taskId: `${actionId}/plan/1`,
        cycleId,
        actorUserId: head,
        outcome: { correction: 'Bổ sung thời điểm chuyển bước vào 3 phiếu.', evidence: planEvidence },
        at: at('2024-10-14T03:00:00.000Z'),
        late: false,
      });
      await records.recordCorrectiveAction({
        cycleId,
        rows: [
          {
            id: actionId,
            correction: 'Bổ sung thời điểm chuyển bước vào 3 phiếu.',
            rootCause: 'Mẫu phiếu cũ không có cột thời điểm chuyển bước.',
            action: 'Cập nhật mẫu phiếu kiểm soát; hướng dẫn lại công chức một cửa.',
            ownerUserId: head,
            dueDate: '2024-11-15',
            status: 'planned',
            rounds: 1,
            effective: null,
          },
        ],
        event: {
          id: `${actionId}/planned/1`,
          type: 'corrective-action.planned',
          actor: head,
          at: at('2024-10-14T03:00:00.000Z'),
          payload: { round: 1, dueDate: '2024-11-15' },
        },
      });
      const plannedPdf = await download('qmr', form, PDF);
      expect(plannedPdf.status).toBe(200);
      const plannedText = normalise(pdfText(plannedPdf.bytes));
      expect(plannedText).toContain('Kon Tum, ngày 14 tháng 10 năm 2024');
      expect(plannedText).toContain('Chưa kiểm tra.');
      expect(plannedText).toContain('Đang khắc phục (lần khắc phục thứ 1).');

      await records.recordCorrectiveAction({
        cycleId,
        rows: [
          {
            id: actionId,
            status: 'closed',
            effective: true,
            verifiedBy: auditor,
            verifiedAt: at('2024-11-20T03:00:00.000Z'),
          },
        ],
        event: {
          id: `${actionId}/verified/1`,
          type: 'corrective-action.closed',
          actor: auditor,
          at: at('2024-11-20T03:00:00.000Z'),
          payload: { round: 1, effective: true, notes },
        },
      });

      const record = json<Nonconformity>(await download('head.tthc', form));
      expect(record).toMatchObject({
        status: 'closed',
        dueDate: '2024-11-15',
        actionEvidence: planEvidence,
        verification: { verifiedOn: '2024-11-20', effective: true, notes },
      });
      // People by name, as the directory has them (step 1's auditor also verified the action).
      expect(record).toMatchObject({
        auditorName: 'Đặng Thu Trang',
        ownerName: 'Phạm Thị Hoa',
        audit: { leadAuditorName: 'Lý Thị Mai' },
        verification: { verifierName: 'Đặng Thu Trang' },
      });

      const pdf = await download('staff.tonghop', form, PDF);
      const docx = await download('staff.tonghop', form, DOCX);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe(PDF);
      expect(pdf.headers.get('content-disposition')).toContain(
        'attachment; filename="NC-s9-2024-DIEN-TAP.pdf"',
      );
      expect(docx.headers.get('content-disposition')).toContain(
        'attachment; filename="NC-s9-2024-DIEN-TAP.docx"',
      );
      expect(pdf.headers.get('vary')).toMatch(/accept/i);
      expect(pdf.headers.get('x-content-sha256')).toBe(sha256(pdf.bytes));

      const text = normalise(pdfText(pdf.bytes));
      for (const expected of [
        'ỦY BAN NHÂN DÂN',
        'TỈNH KON TUM',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Kon Tum, ngày 20 tháng 11 năm 2024',
        'PHIẾU',
        'Báo cáo sự không phù hợp và hành động khắc phục',
        'Cuộc đánh giá: Đánh giá nội bộ Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 năm 2024, từ ngày 07 tháng 10 năm 2024 đến ngày 18 tháng 10 năm 2024.',
        'Trưởng đoàn đánh giá: Lý Thị Mai.',
        'Quá trình: Giải quyết hồ sơ TTHC.',
        'Điều khoản: 8.5.1.',
        'Chuyên gia đánh giá: Đặng Thu Trang.',
        `Mô tả: ${finding}.`,
        'Bằng chứng: Sổ theo dõi hồ sơ tháng 9/2024; tệp “Ảnh chụp sổ theo dõi.pdf”.',
        'Mức độ: Không phù hợp nhẹ.',
        'Ngày phát hiện: ngày 10 tháng 10 năm 2024.',
        '1. Khắc phục tức thời: Bổ sung thời điểm chuyển bước vào 3 phiếu.',
        '2. Nguyên nhân gốc rễ: Mẫu phiếu cũ không có cột thời điểm chuyển bước.',
        '3. Hành động khắc phục: Cập nhật mẫu phiếu kiểm soát; hướng dẫn lại công chức một cửa.',
        '4. Người chịu trách nhiệm: Phạm Thị Hoa.',
        '5. Thời hạn hoàn thành: ngày 15 tháng 11 năm 2024.',
        '6. Minh chứng thực hiện: Phiếu kiểm soát theo mẫu mới; tệp “Mẫu phiếu kiểm soát mới.pdf”.',
        'Người kiểm tra: Đặng Thu Trang.',
        'Ngày kiểm tra: ngày 20 tháng 11 năm 2024.',
        'Kết quả: Có hiệu lực.',
        `Ghi chú: ${notes}.`,
        'Đã khắc phục (lần khắc phục thứ 1).',
        'CHUYÊN GIA ĐÁNH GIÁ',
      ]) {
        expect(text).toContain(expected);
      }
      for (const letter of ['Ủ', 'ự', 'ợ', 'ộ', 'ạ', 'ố']) expect(text).toContain(letter);
      expect(fontsNotEmbeddedTimes(pdf.bytes)).toEqual([]);

      const paragraphs = wordParagraphs(docxParts(docx.bytes).read('word/document.xml'));
      expect(wordCounts(paragraphs.join('\n'))).toEqual(wordCounts(rehearsalPdfText(pdf.bytes, docx.bytes)));
      expect(paragraphs.map(normalise)).toContain(`Ghi chú: ${notes}.`);
      keepDocument(`api-${database}-NC-s9-2024`, { pdf: pdf.bytes, docx: docx.bytes });
    });

    it('registers the form: the planned one and the verified one, each as issued', async () => {
      const again = await download('leader', form, PDF);
      const listed = await org.as<{ items: Record<string, unknown>[] }>(
        'qmr',
        'GET',
        `/api/v1/documents?cycleId=${cycleId}&type=nonconformity-report`,
      );
      expect(listed.status).toBe(200);
      // The planned form (v1) and the verified one (v2): earlier versions stay.
      expect(listed.body.items).toMatchObject([
        { version: 1, issuedOn: '2024-10-14', sourceRecord: `corrective_actions/${actionId}` },
        {
          version: 2,
          issuedOn: '2024-11-20',
          sourceRecord: `corrective_actions/${actionId}`,
          fileBaseName: 'NC-s9-2024-DIEN-TAP',
          approvedBy: org.idOf('auditor.hcth'),
          pdfSha256: sha256(again.bytes),
        },
      ]);
      expect(again.headers.get('x-document-id')).toBe(`${cycleId}.nonconformity-report.v2`);

      // By its id, as the nonconformity list gives it: the same record and the same registered form.
      const byId = `/api/v1/cycles/${cycleId}/nonconformities/${encodeURIComponent(actionId)}`;
      expect(json(await download('head.tthc', byId))).toEqual(json(await download('head.tthc', form)));
      const pdfById = await download('leader', byId, PDF);
      expect(pdfById.headers.get('x-document-id')).toBe(`${cycleId}.nonconformity-report.v2`);
      expect(pdfById.bytes.equals(again.bytes)).toBe(true);
    });

    it('shows another organisation none of it, and answers only documented status codes', async () => {
      expect((await download('qmr', form, PDF, true)).status).toBe(404);
      expect((await download('qmr', form, undefined, true)).status).toBe(404);
      expect(await undocumentedAnswers(http)).toEqual([]);
    });
  },
);
