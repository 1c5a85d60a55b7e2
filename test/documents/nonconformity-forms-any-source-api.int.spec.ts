import { createHash } from 'node:crypto';
import { eventually, uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { vietnameseDate } from '../../apps/api/src/documents/official-document';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation } from '../api/support/demo-organisation';
import type { HttpRecorder } from '../api/support/http-recorder';
import { undocumentedAnswers } from '../api/support/openapi-coverage';
import { download as fetchDownload, downloadedJson, type Download } from './support/document-download';
import {
  docxParts,
  fontsNotEmbeddedTimes,
  keepDocument,
  normalise,
  pdfText,
  rehearsalPdfText,
  wordCounts,
  wordParagraphs,
} from './support/document-text';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface Nonconformity {
  id: string;
  source: string;
  stepId: string | null;
  unitCode: string;
  finding: string;
  raisedByName: string | null;
  verifierUserId: string | null;
  verifierName: string | null;
  objective: { id: string; number: number | null; periodKey: string | null } | null;
  carriedFrom: unknown;
  foundOn: string;
  correction: string | null;
  ownerName: string | null;
  verification: { verifierName: string; verifiedOn: string; effective: boolean; notes: string | null } | null;
  status: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Every nonconformity of a cycle prints as its ISO 10.2 form, whatever its source: here a complaint
 * and a missed objective, opened by the Quality Representative over HTTP on a Kon Tum 2024 rehearsal
 * the real worker runs (Temporal dev server, PostgreSQL), planned by the unit heads and verified
 * through their tasks as the corrective-action workflow asks; each form is fetched by the
 * nonconformity's id (`GET /cycles/{id}/nonconformities/{nonconformityId}`, the id URL-encoded like
 * a task's), read back with poppler and from the DOCX, and found in the register.
 */
describe('the nonconformity form of every source over HTTP (real API, worker, Temporal dev server, PostgreSQL, chromium)', () => {
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;
  let otherOrg: DemoOrganisation;
  const organisationCode = `nf-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const list = `/api/v1/cycles/${cycleId}/nonconformities`;
  const formOf = (id: string) => `${list}/${encodeURIComponent(id)}`;
  const complaintId = `quality-cycle/${organisationCode}/2024/nonconformity/1`;
  const missedId = `quality-cycle/${organisationCode}/2024/nonconformity/2`;
  const EXTERNAL = 'external.auditor';
  const complaint = 'Công dân phản ánh hồ sơ đất đai bị trả lại mà không nêu lý do bằng văn bản';
  const missed =
    'Tháng 1: 5 trong 95 hồ sơ không giải quyết đúng quy trình; mục tiêu 100% không còn đạt được';
  const notes = 'Đã kiểm tra 30 hồ sơ trả lại tháng 3, đều có văn bản nêu lý do';

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true });
    http = suite.http;
    org = await suite.seedDemoOrganisation(organisationCode);
    otherOrg = await suite.seedDemoOrganisation(`ot-${uniqueSuffix()}`);
    for (const local of ['admin', 'qmr', 'leader', 'head.tthc', 'head.tonghop', 'staff.tthc', 'auditor.hcth'])
      await org.tokenOf(local);
    // The certification body's auditor, read-only (docs/security.md "External auditors").
    const created = await org.as<{ id: string }>('admin', 'POST', '/api/v1/users', {
      fullName: 'Đỗ Minh Khoa',
      title: 'Chuyên gia đánh giá, tổ chức chứng nhận',
      email: org.email(EXTERNAL),
      password: DEMO_PASSWORD,
    });
    expect(created.status).toBe(201);
    const granted = await org.as('admin', 'POST', `/api/v1/users/${created.body.id}/roles`, {
      role: 'external-auditor',
    });
    expect(granted.status).toBe(201);
    await org.tokenOf(EXTERNAL);

    await org.startApprovedRehearsal({ documentNumber: '123/QĐ-UBND', signingDate: '2024-01-15' });
    const openedComplaint = await org.as<{ id: string }>('qmr', 'POST', list, {
      source: 'complaint',
      description: complaint,
      unitCode: 'vp-kiemsoat-tthc',
      severity: 'major-nc',
      verifierUserId: org.idOf('auditor.hcth'),
    });
    expect([openedComplaint.status, openedComplaint.body.id]).toEqual([201, complaintId]);
    const openedMissed = await org.as<{ id: string }>('qmr', 'POST', list, {
      source: 'missed-objective',
      description: missed,
      unitCode: 'vp-tonghop',
      severity: 'minor-nc',
      objectiveId: 'obj-4',
      periodKey: '2024-01',
    });
    expect([openedMissed.status, openedMissed.body.id]).toEqual([201, missedId]);
  });

  afterAll(() => suite?.close());

  const download = (local: string, path: string, accept?: string, viaOther = false) =>
    fetchDownload(http, viaOther ? otherOrg : org, local, path, accept);
  const json = downloadedJson;
  const complete = (local: string, taskId: string, outcome: unknown) =>
    org.as(local, 'POST', taskPath(taskId, '/complete'), { outcome });
  /** The nonconformity's record once `done` says the workflow's write has landed. */
  const recordOnce = (id: string, done: (nc: Nonconformity) => boolean) =>
    eventually(`${id} recorded`, async () => {
      const answer = await download('qmr', formOf(id));
      const nc = answer.status === 200 ? json<Nonconformity>(answer) : undefined;
      return nc && done(nc) ? nc : undefined;
    });

  /** The PDF's words (the rehearsal's marks checked and left out) are the DOCX's; both kept for a look. */
  function sameWords(name: string, pdf: Download, docx: Download): string[] {
    const paragraphs = wordParagraphs(docxParts(docx.bytes).read('word/document.xml'));
    expect(wordCounts(paragraphs.join('\n'))).toEqual(wordCounts(rehearsalPdfText(pdf.bytes, docx.bytes)));
    expect(fontsNotEmbeddedTimes(pdf.bytes)).toEqual([]);
    keepDocument(`api-${name}`, { pdf: pdf.bytes, docx: docx.bytes });
    return paragraphs.map(normalise);
  }

  it('answers each nonconformity of the list by its id, with its source; an id not of the cycle is 404', async () => {
    const listed = await org.as<{ items: { id: string }[] }>('staff.tthc', 'GET', list);
    expect(listed.body.items.map((nc) => nc.id)).toEqual([complaintId, missedId]);

    const record = await download('staff.tthc', formOf(complaintId));
    expect(record.status).toBe(200);
    expect(json<Nonconformity>(record)).toMatchObject({
      id: complaintId,
      source: 'complaint',
      stepId: null,
      unitCode: 'vp-kiemsoat-tthc',
      finding: complaint,
      raisedByName: 'Trần Quốc Việt',
      verifierUserId: org.idOf('auditor.hcth'),
      verifierName: 'Đặng Thu Trang',
      objective: null,
      carriedFrom: null,
      correction: null,
      verification: null,
      status: 'open',
    });
    expect(json<Nonconformity>(await download('qmr', formOf(missedId)))).toMatchObject({
      source: 'missed-objective',
      objective: { id: 'obj-4', number: 4, periodKey: '2024-01' },
      // None named: the Quality Representative verifies.
      verifierUserId: org.idOf('qmr'),
      verifierName: 'Trần Quốc Việt',
    });

    for (const unknown of [
      `quality-cycle/${organisationCode}/2024/nonconformity/99`,
      `quality-cycle/${organisationCode}/2023/nonconformity/1`,
      'nonconformity',
    ])
      for (const accept of [undefined, PDF, DOCX])
        expect((await download('qmr', formOf(unknown), accept)).status).toBe(404);
  });

  it('prints a complaint, planned and verified: who raised it, the unit, the plan, the verification, signed by the verifier it names', async () => {
    const plan = await org.waitForTask('head.tthc', 'corrective-action-plan');
    expect(plan.id).toBe(`${complaintId}/plan/1`);
    expect(
      (
        await complete('head.tthc', plan.id, {
          correction: 'Gửi văn bản nêu lý do cho 4 hồ sơ đã trả lại.',
          rootCause: 'Mẫu phiếu trả hồ sơ không có mục lý do.',
          action: 'Bổ sung mục lý do vào mẫu phiếu trả hồ sơ; tập huấn công chức một cửa.',
          ownerUserId: org.idOf('staff.tthc'),
          dueDate: '2024-03-29',
        })
      ).status,
    ).toBe(200);
    const verify = await org.waitForTask('auditor.hcth', 'corrective-action-verification');
    expect((await complete('auditor.hcth', verify.id, { effective: true, notes })).status).toBe(200);
    const record = await recordOnce(complaintId, (nc) => nc.status === 'closed');
    expect(record.verification).toMatchObject({ verifierName: 'Đặng Thu Trang', effective: true, notes });

    const pdf = await download('staff.tthc', formOf(complaintId), PDF);
    const docx = await download('staff.tthc', formOf(complaintId), DOCX);
    expect([pdf.status, docx.status]).toEqual([200, 200]);
    expect(pdf.headers.get('content-type')).toBe(PDF);
    expect(pdf.headers.get('content-disposition')).toContain('attachment; filename="NC-1-2024-DIEN-TAP.pdf"');
    expect(docx.headers.get('content-disposition')).toContain(
      'attachment; filename="NC-1-2024-DIEN-TAP.docx"',
    );
    expect(pdf.headers.get('x-content-sha256')).toBe(sha256(pdf.bytes));

    const text = normalise(pdfText(pdf.bytes));
    for (const expected of [
      'ỦY BAN NHÂN DÂN',
      'TỈNH KON TUM',
      `Kon Tum, ${vietnameseDate(record.verification!.verifiedOn)}`,
      'PHIẾU',
      'Báo cáo sự không phù hợp và hành động khắc phục',
      '(Khiếu nại, phản ánh năm 2024)',
      'I. THÔNG TIN CHUNG',
      'Nguồn: Khiếu nại, phản ánh của tổ chức, cá nhân.',
      'Người ghi nhận: Trần Quốc Việt.',
      'Đơn vị: Phòng Kiểm soát thủ tục hành chính.',
      'Người kiểm tra hiệu lực: Đặng Thu Trang.',
      `Mô tả: ${complaint}.`,
      'Mức độ: Không phù hợp nặng.',
      `Ngày phát hiện: ${vietnameseDate(record.foundOn)}.`,
      '1. Khắc phục tức thời: Gửi văn bản nêu lý do cho 4 hồ sơ đã trả lại.',
      '2. Nguyên nhân gốc rễ: Mẫu phiếu trả hồ sơ không có mục lý do.',
      '3. Hành động khắc phục: Bổ sung mục lý do vào mẫu phiếu trả hồ sơ; tập huấn công chức một cửa.',
      '4. Người chịu trách nhiệm: Nguyễn Thị Lan.',
      '5. Thời hạn hoàn thành: ngày 29 tháng 3 năm 2024.',
      'Người kiểm tra: Đặng Thu Trang.',
      'Kết quả: Có hiệu lực.',
      `Ghi chú: ${notes}.`,
      'Đã khắc phục (lần khắc phục thứ 1).',
      'NGƯỜI KIỂM TRA',
    ])
      expect(text).toContain(expected);
    // An internal audit's lines are the audit findings' only.
    expect(text).not.toContain('Cuộc đánh giá:');
    expect(text).not.toContain('CHUYÊN GIA ĐÁNH GIÁ');
    expect(text.slice(text.lastIndexOf('NGƯỜI KIỂM TRA'))).toContain('Đặng Thu Trang');
    expect(sameWords('NC-1-2024', pdf, docx)).toContain('Nguồn: Khiếu nại, phản ánh của tổ chức, cá nhân.');
  });

  it('prints a missed objective, planned and not verified yet: the objective and period, signed by the Quality Representative', async () => {
    const plan = await org.waitForTask('head.tonghop', 'corrective-action-plan');
    expect(plan.id).toBe(`${missedId}/plan/1`);
    expect(
      (
        await complete('head.tonghop', plan.id, {
          correction: 'Rà soát lại 5 hồ sơ, hoàn thiện các bước còn thiếu.',
          rootCause: 'Bộ phận một cửa chưa có danh mục kiểm tra theo quy trình.',
          action: 'Ban hành danh mục kiểm tra, tập huấn công chức tiếp nhận.',
          ownerUserId: org.idOf('head.tonghop'),
          dueDate: '2024-03-15',
        })
      ).status,
    ).toBe(200);
    const record = await recordOnce(missedId, (nc) => nc.status === 'planned');

    const pdf = await download('leader', formOf(missedId), PDF);
    const docx = await download('leader', formOf(missedId), DOCX);
    expect([pdf.status, docx.status]).toEqual([200, 200]);
    expect(pdf.headers.get('content-disposition')).toContain('attachment; filename="NC-2-2024-DIEN-TAP.pdf"');
    const text = normalise(pdfText(pdf.bytes));
    for (const expected of [
      '(Mục tiêu không đạt năm 2024)',
      'Nguồn: Mục tiêu chất lượng không đạt.',
      'Mục tiêu: Mục tiêu số 4: 100% hồ sơ thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân tỉnh',
      'Kỳ theo dõi: 01/2024.',
      'Người ghi nhận: Trần Quốc Việt.',
      'Đơn vị: Phòng Tổng hợp.',
      'Người kiểm tra hiệu lực: Trần Quốc Việt.',
      `Mô tả: ${missed}.`,
      'Mức độ: Không phù hợp nhẹ.',
      `Ngày phát hiện: ${vietnameseDate(record.foundOn)}.`,
      '3. Hành động khắc phục: Ban hành danh mục kiểm tra, tập huấn công chức tiếp nhận.',
      '4. Người chịu trách nhiệm: Võ Đình Nam.',
      '5. Thời hạn hoàn thành: ngày 15 tháng 3 năm 2024.',
      'Chưa kiểm tra.',
      'Đang khắc phục (lần khắc phục thứ 1).',
      'NGƯỜI KIỂM TRA',
    ])
      expect(text).toContain(expected);
    expect(text.slice(text.lastIndexOf('NGƯỜI KIỂM TRA'))).toContain('Trần Quốc Việt');
    expect(sameWords('NC-2-2024', pdf, docx)).toContain('Kỳ theo dõi: 01/2024.');
  });

  it('registers each form under its nonconformity, signed by its verifier; the external auditor reads them', async () => {
    const listed = await org.as<{ items: Record<string, unknown>[] }>(
      EXTERNAL,
      'GET',
      `/api/v1/documents?cycleId=${cycleId}&type=nonconformity-report`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items).toMatchObject([
      {
        type: 'nonconformity-report',
        sourceRecord: `corrective_actions/${complaintId}`,
        fileBaseName: 'NC-1-2024-DIEN-TAP',
        number: '',
        approvedBy: org.idOf('auditor.hcth'),
        approvedByName: 'Đặng Thu Trang',
      },
      {
        type: 'nonconformity-report',
        sourceRecord: `corrective_actions/${missedId}`,
        fileBaseName: 'NC-2-2024-DIEN-TAP',
        approvedBy: org.idOf('qmr'),
        approvedByName: 'Trần Quốc Việt',
      },
    ]);
    const read = await download(EXTERNAL, formOf(complaintId), PDF);
    expect(read.status).toBe(200);
    // The same records: the version registered, served as issued.
    expect(read.headers.get('x-document-id')).toBe(listed.body.items[0].id);
    expect(read.headers.get('x-content-sha256')).toBe(listed.body.items[0].pdfSha256);
    expect((await download(EXTERNAL, formOf(missedId), DOCX)).status).toBe(200);
  });

  it('shows another organisation none of it, and answers only documented status codes', async () => {
    for (const accept of [undefined, PDF, DOCX])
      expect((await download('qmr', formOf(complaintId), accept, true)).status).toBe(404);
    // Its own cycle of the same year does not hold this one's nonconformities either.
    const elsewhere = `/api/v1/cycles/${otherOrg.code}-2024/nonconformities/${encodeURIComponent(complaintId)}`;
    expect((await download('qmr', elsewhere, PDF, true)).status).toBe(404);
    expect(await undocumentedAnswers(http)).toEqual([]);
  });
});
