import { Workbook } from 'exceljs';
import { uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation } from '../api/support/demo-organisation';
import type { HttpRecorder } from '../api/support/http-recorder';
import { undocumentedAnswers } from '../api/support/openapi-coverage';
import { download as fetchDownload, type Download } from './support/document-download';
import { docxParts, fontsNotEmbeddedTimes, keepDocument, normalise, pdfText } from './support/document-text';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The year's documents served by the real API from a Kon Tum 2024 cycle the real worker runs up to
 * the leader's approval (SQLite): the objectives report on `/report`, the yearly QMS report with its
 * XLSX and CSV (both drafts while the year runs, registered nowhere: year-end-drafts-api), the
 * announcement of conformity, registered, the review minutes' 404 before the review; none shown to
 * another organisation.
 */
describe('the year’s documents over HTTP (real API, worker, Temporal dev server, sqlite, chromium)', () => {
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;
  let otherOrg: DemoOrganisation;
  const organisationCode = `ky-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const base = `/api/v1/cycles/${cycleId}`;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true, database: 'sqlite' });
    http = suite.http;
    org = await suite.seedDemoOrganisation(organisationCode);
    otherOrg = await suite.seedDemoOrganisation(`ko-${uniqueSuffix()}`);
  });

  afterAll(() => suite?.close());

  const download = (path: string, accept?: string, viaOther = false) =>
    fetchDownload(http, viaOther ? otherOrg : org, 'qmr', path, accept);

  it('answers 404 before the objectives are approved, then serves each document once they are', async () => {
    const started = await org.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode,
      year: 2024,
      templateId: 'kontum-2024',
      rehearsal: true,
    });
    expect(started.status).toBe(201);
    const task = await org.waitForTask('leader', 'objectives-approval');
    for (const path of [`${base}/annual-qms-report`, `${base}/conformity-announcement`])
      for (const accept of [PDF, XLSX, undefined]) expect((await download(path, accept)).status).toBe(404);
    const approved = await org.as('leader', 'POST', taskPath(task.id, '/complete'), {
      outcome: { decision: 'approve', documentNumber: '123/QĐ-UBND', signingDate: '2024-01-15' },
    });
    expect(approved.status).toBe(200);
    let report: Download | undefined;
    for (let attempt = 0; attempt < 100 && report?.status !== 200; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100));
      report = await download(`${base}/report`, PDF);
    }
    expect(report!.status).toBe(200);
    expect(report!.headers.get('content-type')).toBe(PDF);
    // Before the close: a draft, not a registered version.
    expect(report!.headers.get('content-disposition')).toContain(
      'filename="BC-MTCL-2024-DIEN-TAP-DU-THAO.pdf"',
    );
    expect(report!.headers.get('x-document-status')).toBe('draft');
    expect(report!.headers.get('x-document-id')).toBeNull();
    const text = normalise(pdfText(report!.bytes));
    expect(text).toContain('Kết quả thực hiện Mục tiêu chất lượng năm 2024');
    expect(text).toContain('Đạt 0/5 mục tiêu chất lượng năm 2024.');
    expect(fontsNotEmbeddedTimes(report!.bytes)).toEqual([]);
    const docx = await download(`${base}/report`, DOCX);
    expect(docx.headers.get('content-disposition')).toContain(
      'filename="BC-MTCL-2024-DIEN-TAP-DU-THAO.docx"',
    );
    expect(docxParts(docx.bytes).names).toContain('word/document.xml');
    keepDocument('api-BC-MTCL-2024', { pdf: report!.bytes, docx: docx.bytes });
    // JSON and the printable page as before.
    expect((await download(`${base}/report`)).headers.get('content-type')).toMatch(/^application\/json/);
    expect((await download(`${base}/report`, 'text/html')).headers.get('content-type')).toMatch(
      /^text\/html/,
    );
  });

  it('serves the yearly QMS report in JSON, PDF, DOCX, XLSX and CSV', async () => {
    const json = await org.as<{
      firstYear: boolean;
      objectives: { verdict: string }[];
      documents: { title: string }[];
    }>('qmr', 'GET', `${base}/annual-qms-report`);
    expect(json.status).toBe(200);
    expect(json.body.firstYear).toBe(true);
    expect(json.body.objectives).toHaveLength(5);
    // A rehearsal's register names its documents as a rehearsal's; the objectives report's draft is not among them.
    expect(json.body.documents.map((d) => d.title)).toEqual([
      'Quyết định số 123/QĐ-UBND (bản diễn tập)',
      'Kế hoạch thực hiện Mục tiêu chất lượng năm 2024 (bản diễn tập)',
    ]);
    const pdf = await download(`${base}/annual-qms-report`, PDF);
    const docx = await download(`${base}/annual-qms-report`, DOCX);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toContain(
      'filename="BC-HTQLCL-2024-DIEN-TAP-DU-THAO.pdf"',
    );
    expect(normalise(pdfText(pdf.bytes))).toContain('Kính gửi: Sở Khoa học và Công nghệ.');
    keepDocument('api-BC-HTQLCL-2024', { pdf: pdf.bytes, docx: docx.bytes });

    const xlsx = await download(`${base}/annual-qms-report`, XLSX);
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    expect(xlsx.headers.get('content-disposition')).toContain(
      'filename="BC-HTQLCL-2024-DIEN-TAP-DU-THAO.xlsx"',
    );
    expect([xlsx.headers.get('x-document-status'), xlsx.headers.get('x-document-id')]).toEqual([
      'draft',
      null,
    ]);
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Tong hop')!.getRow(2).getCell(2).value).toBe('2024');
    expect((await download(`${base}/annual-qms-report`, XLSX)).bytes.equals(xlsx.bytes)).toBe(true);

    const csv = await download(`${base}/annual-qms-report`, 'text/csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.subarray(3).toString('utf8').split('\r\n')[0]).toMatch(/^"Cơ quan","Năm",/);
  });

  it('serves the announcement of conformity for the first year', async () => {
    const json = await org.as<{ reason: { kind: string } }>('qmr', 'GET', `${base}/conformity-announcement`);
    expect(json.status).toBe(200);
    expect(json.body.reason.kind).toBe('first-year');
    const pdf = await download(`${base}/conformity-announcement`, PDF);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toContain('filename="QD-CB-HTQLCL-2024-DIEN-TAP.pdf"');
    expect(normalise(pdfText(pdf.bytes))).toContain('Công bố lần đầu, năm 2024.');
  });

  it('answers 404 for the review minutes before the review, and registers what it issued, not the drafts', async () => {
    expect((await download(`${base}/review`, PDF)).status).toBe(404);
    const listed = await org.as<{ items: { type: string }[] }>(
      'qmr',
      'GET',
      `/api/v1/documents?cycleId=${cycleId}`,
    );
    expect(listed.body.items.map((i) => i.type).sort()).toEqual([
      'conformity-announcement',
      'objectives-decision',
      'objectives-plan',
    ]);
  });

  it('shows another organisation none of it', async () => {
    for (const path of ['report', 'annual-qms-report', 'conformity-announcement'])
      expect((await download(`${base}/${path}`, PDF, true)).status).toBe(404);
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(http)).toEqual([]);
  });
});
