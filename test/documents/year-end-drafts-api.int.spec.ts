import { createHash } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { qualityCycleWorkflowId } from '@qcycle/contracts';
import { DocumentVersionEntity } from '@qcycle/persistence';
import { startTimeSkippingEnvironment, uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { QualityRecordActivities } from '../../activities/src/quality-records.activities';
import { REHEARSAL_MARK } from '../../apps/api/src/documents/official-document';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import type { HttpRecorder } from '../api/support/http-recorder';
import { undocumentedAnswers } from '../api/support/openapi-coverage';
import { YearOverHttp } from '../api/support/year-over-http';
import { rehearsalClock } from './support/audit-records';
import { download as fetchDownload, downloadedJson, type Download } from './support/document-download';
import { docxHeaders, keepDocument, normalise, pageTops, pdfText } from './support/document-text';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What issuing answers: the register entry of the version, and whether this request issued it. */
interface Issued {
  id: string;
  version: number;
  fileBaseName: string;
  pdfSha256: string;
  docxSha256: string;
  registeredBy: string;
  issuedNow: boolean;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The mark a draft carries under the rehearsal's on every page: the day its figures run to. */
const DRAFT_MARK = /^DỰ THẢO - SỐ LIỆU TÍNH ĐẾN NGÀY \d{2}\/\d{2}\/2024$/;

/**
 * The two year-end reports (the objectives report on `/report`, the yearly QMS report) while the
 * year runs, over HTTP on the real API and worker, the time-skipping Temporal server and chromium
 * (docs/documents.md "Drafts and issuing"): a download before the close is a draft, marked on every
 * page and named `-DU-THAO`, registered nowhere; the Quality Representative issues the content
 * deliberately, once per request, and a download is then that version until the figures change;
 * once the year is closed a download registers the version, as before. A 2024 rehearsal from June,
 * so that January's report, already due, changes the figures without waiting for the calendar.
 */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])(
  'the year-end reports before the close: drafts, issued deliberately (API, worker, time-skipping Temporal, %s, chromium)',
  (database) => {
    let env: TestWorkflowEnvironment;
    let suite: ApiSuite;
    let http: HttpRecorder;
    let org: DemoOrganisation;
    let otherOrg: DemoOrganisation;
    let year: YearOverHttp;
    const organisationCode = `dt-${uniqueSuffix()}`;
    const cycleId = `${organisationCode}-2024`;
    const base = `/api/v1/cycles/${cycleId}`;

    beforeAll(async () => {
      env = await startTimeSkippingEnvironment();
      suite = await startApiSuite({ worker: true, temporal: env, database });
      http = suite.http;
      org = await suite.seedDemoOrganisation(organisationCode);
      otherOrg = await suite.seedDemoOrganisation(`do-${uniqueSuffix()}`);
      year = new YearOverHttp(org, env);
    });

    afterAll(() => suite?.close());

    const download = (local: string, path: string, accept?: string) =>
      fetchDownload(http, org, local, path, accept);
    const issue = async (
      local: string,
      document: 'report' | 'annual-qms-report',
      requestId: string,
      as: DemoOrganisation = org,
    ) =>
      http.call<Issued>('POST', `${base}/${document}/issue`, {
        token: await as.tokenOf(local),
        headers: { 'x-request-id': requestId },
      });
    /** The register's rows of a type, read in the table (listing the register registers the decision). */
    const registered = (type: string) =>
      suite.api
        .get(DataSource)
        .getRepository(DocumentVersionEntity)
        .find({ where: { cycleId, type }, order: { version: 'ASC' } });
    const headers = (answer: Download, ...names: string[]) => names.map((name) => answer.headers.get(name));
    /** A draft's PDF and DOCX: on top of every page the rehearsal's mark, then the draft's; the same in the page header. */
    const draftMarks = (pdf: Download, docx: Download): string => {
      const tops = pageTops(pdf.bytes, 2);
      expect(tops.length).toBeGreaterThan(0);
      const [[, mark]] = tops;
      expect(mark).toMatch(DRAFT_MARK);
      for (const top of tops) expect(top).toEqual([REHEARSAL_MARK, mark]);
      // Every page's header: the first page's, and the others' (with the page number).
      expect(docxHeaders(docx.bytes)).toEqual([
        [REHEARSAL_MARK, mark],
        [REHEARSAL_MARK, mark],
      ]);
      return mark;
    };
    const requestIds = { first: `issue-${uniqueSuffix()}`, second: `issue-${uniqueSuffix()}` };

    it('answers the objectives report before the close as a draft: marked on every page, named -DU-THAO, registered nowhere', async () => {
      await year.start(organisationCode, '2024-06-03');
      await year.approve();
      await year.assignAsProposed();
      await year.acceptUnits();

      // Anyone of the organisation downloads it, as every document.
      const pdf = await download('staff.tthc', `${base}/report`, PDF);
      const docx = await download('staff.tthc', `${base}/report`, DOCX);
      expect([pdf.status, pdf.headers.get('content-type'), docx.status]).toEqual([200, PDF, 200]);
      for (const [file, extension] of [
        [pdf, 'pdf'],
        [docx, 'docx'],
      ] as const) {
        expect(file.headers.get('content-disposition')).toContain(
          `filename="BC-MTCL-2024-DIEN-TAP-DU-THAO.${extension}"`,
        );
        expect(
          headers(
            file,
            'x-document-status',
            'x-document-id',
            'x-document-version',
            'x-document-issued-version',
          ),
        ).toEqual(['draft', null, null, null]);
        expect(file.headers.get('x-content-sha256')).toBe(sha256(file.bytes));
      }
      // Nothing reported yet: its figures run to the decision's day.
      expect(draftMarks(pdf, docx)).toBe('DỰ THẢO - SỐ LIỆU TÍNH ĐẾN NGÀY 05/01/2024');
      const text = normalise(pdfText(pdf.bytes));
      expect(text).toContain('Kết quả thực hiện Mục tiêu chất lượng năm 2024');
      keepDocument(`api-${database}-BC-MTCL-2024-DU-THAO`, { pdf: pdf.bytes, docx: docx.bytes });
      expect(await registered('objectives-report')).toEqual([]);

      // JSON and the printable page as before.
      const json = await download('qmr', `${base}/report`);
      expect([json.status, json.headers.get('x-document-status')]).toEqual([200, null]);
      expect(downloadedJson<{ cycleId: string }>(json).cycleId).toBe(cycleId);
    });

    it('answers the yearly QMS report before the close as a draft in every format, registering none', async () => {
      const pdf = await download('qmr', `${base}/annual-qms-report`, PDF);
      const docx = await download('qmr', `${base}/annual-qms-report`, DOCX);
      const xlsx = await download('qmr', `${base}/annual-qms-report`, XLSX);
      const csv = await download('qmr', `${base}/annual-qms-report`, 'text/csv');
      for (const [file, extension] of [
        [pdf, 'pdf'],
        [docx, 'docx'],
        [xlsx, 'xlsx'],
        [csv, 'csv'],
      ] as const) {
        expect(file.status).toBe(200);
        expect(file.headers.get('content-disposition')).toContain(
          `filename="BC-HTQLCL-2024-DIEN-TAP-DU-THAO.${extension}"`,
        );
        expect(headers(file, 'x-document-status', 'x-document-id', 'x-document-version')).toEqual([
          'draft',
          null,
          null,
        ]);
      }
      draftMarks(pdf, docx);
      expect(normalise(pdfText(pdf.bytes))).toContain('Kính gửi: Sở Khoa học và Công nghệ.');
      expect(await registered('annual-qms-report')).toEqual([]);
      // The drafts of the objectives report downloaded above are not among the year's documents.
      const json = await org.as<{ documents: { title: string }[] }>(
        'qmr',
        'GET',
        `${base}/annual-qms-report`,
      );
      expect(json.body.documents.map((d) => d.title)).toEqual([
        'Quyết định số 123/QĐ-UBND (bản diễn tập)',
        expect.stringMatching(/^Kế hoạch/),
      ]);
    });

    it('lets only the Quality Representative issue them: 403 for the leader and the staff, 404 for another organisation', async () => {
      expect((await issue('leader', 'report', `refused-${uniqueSuffix()}`)).status).toBe(403);
      expect((await issue('staff.tthc', 'annual-qms-report', `refused-${uniqueSuffix()}`)).status).toBe(403);
      expect((await issue('qmr', 'report', `refused-${uniqueSuffix()}`, otherOrg)).status).toBe(404);
      expect(await registered('objectives-report')).toEqual([]);
      expect(await registered('annual-qms-report')).toEqual([]);
    });

    it('issues the objectives report once: sent again it answers the same version, and a download is then that version', async () => {
      const first = await issue('qmr', 'report', requestIds.first);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        id: `${cycleId}.objectives-report.v1`,
        version: 1,
        fileBaseName: 'BC-MTCL-2024-DIEN-TAP',
        registeredBy: org.idOf('qmr'),
        issuedNow: true,
      });
      const repeated = await issue('qmr', 'report', requestIds.first);
      expect([repeated.status, repeated.body.id, repeated.body.issuedNow]).toEqual([
        200,
        first.body.id,
        true,
      ]);
      // Another request, the same content: the version issued, not a new one.
      const unchanged = await issue('qmr', 'report', requestIds.second);
      expect([unchanged.status, unchanged.body.id, unchanged.body.issuedNow]).toEqual([
        200,
        first.body.id,
        false,
      ]);
      expect((await registered('objectives-report')).map((row) => row.version)).toEqual([1]);

      const pdf = await download('staff.tthc', `${base}/report`, PDF);
      const docx = await download('staff.tthc', `${base}/report`, DOCX);
      expect(
        headers(pdf, 'x-document-status', 'x-document-id', 'x-document-version', 'x-document-issued-version'),
      ).toEqual(['issued', first.body.id, '1', null]);
      expect(pdf.headers.get('content-disposition')).toContain('filename="BC-MTCL-2024-DIEN-TAP.pdf"');
      expect([sha256(pdf.bytes), sha256(docx.bytes)]).toEqual([first.body.pdfSha256, first.body.docxSha256]);
      expect(
        pageTops(pdf.bytes, 2).every(([mark, next]) => mark === REHEARSAL_MARK && !DRAFT_MARK.test(next)),
      ).toBe(true);
      expect(normalise(pdfText(pdf.bytes))).not.toContain('DỰ THẢO');
    });

    it('answers a draft again once the figures change, naming the version issued; the first request sent again issues nothing', async () => {
      const january = await year.taskOf(
        'qmr',
        'measurement-report',
        0,
        (t) => t.objectiveId === 'obj-4' && t.periodKey === '2024-01',
      );
      const reported = await year.complete('qmr', january.id, {
        figures: [
          { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
          { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 100 },
        ],
        evidence: ['Sổ theo dõi hồ sơ TTHC'],
      });
      expect(reported.status).toBe(200);
      await year.eventually("January's figures", async () => {
        const answer = await org.as<{ items: { periodKey: string }[] }>(
          'qmr',
          'GET',
          `${base}/measurements?objectiveId=obj-4`,
        );
        return answer.body.items.some((row) => row.periodKey === '2024-01') ? true : undefined;
      });

      const pdf = await download('qmr', `${base}/report`, PDF);
      const docx = await download('qmr', `${base}/report`, DOCX);
      for (const file of [pdf, docx])
        expect(
          headers(
            file,
            'x-document-status',
            'x-document-id',
            'x-document-version',
            'x-document-issued-version',
          ),
        ).toEqual(['draft', null, null, '1']);
      expect(pdf.headers.get('content-disposition')).toContain(
        'filename="BC-MTCL-2024-DIEN-TAP-DU-THAO.pdf"',
      );
      // Its figures now run to the day January's was entered.
      expect(draftMarks(pdf, docx)).not.toBe('DỰ THẢO - SỐ LIỆU TÍNH ĐẾN NGÀY 05/01/2024');
      expect(normalise(pdfText(pdf.bytes))).toContain('90/100');

      // The first request, its answer lost, sent again after the change: the version it issued, once.
      const repeated = await issue('qmr', 'report', requestIds.first);
      expect([repeated.status, repeated.body.version]).toEqual([200, 1]);
      expect((await registered('objectives-report')).map((row) => row.version)).toEqual([1]);

      const revised = await issue('qmr', 'report', `issue-${uniqueSuffix()}`);
      expect(revised.body).toMatchObject({
        id: `${cycleId}.objectives-report.v2`,
        version: 2,
        issuedNow: true,
      });
      const now = await download('qmr', `${base}/report`, PDF);
      expect(headers(now, 'x-document-status', 'x-document-version')).toEqual(['issued', '2']);
      expect(sha256(now.bytes)).toBe(revised.body.pdfSha256);
    });

    it('lists among the yearly report’s documents only the versions issued, and issues it for the Department', async () => {
      const json = await org.as<{ documents: { title: string; version: number }[] }>(
        'qmr',
        'GET',
        `${base}/annual-qms-report`,
      );
      expect(json.body.documents).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            title: 'Báo cáo kết quả thực hiện Mục tiêu chất lượng năm 2024 (bản diễn tập)',
            version: 2,
          }),
        ]),
      );
      const issued = await issue('qmr', 'annual-qms-report', `issue-${uniqueSuffix()}`);
      expect(issued.body).toMatchObject({
        id: `${cycleId}.annual-qms-report.v1`,
        fileBaseName: 'BC-HTQLCL-2024-DIEN-TAP',
        issuedNow: true,
      });
      const pdf = await download('qmr', `${base}/annual-qms-report`, PDF);
      expect(headers(pdf, 'x-document-status', 'x-document-id')).toEqual(['issued', issued.body.id]);
      // Its documents' table, read cell by cell: the objectives report as revised once.
      expect(normalise(pdfText(pdf.bytes, { layout: false }))).toContain('Sửa đổi lần 1');
      const xlsx = await download('qmr', `${base}/annual-qms-report`, XLSX);
      expect(headers(xlsx, 'x-document-status', 'x-document-id', 'x-document-version')).toEqual([
        'issued',
        issued.body.id,
        '1',
      ]);
      expect(xlsx.headers.get('content-disposition')).toContain('filename="BC-HTQLCL-2024-DIEN-TAP.xlsx"');
    });

    it('registers each at its download once the year is closed, as before: its records are final', async () => {
      // The year's close as the cycle records it (the results, the cycle closed), through the record
      // activity: what is tested is what the API answers for a closed year; the walk of a whole year
      // to its close and its documents is kontum-year-documents.
      const at = await rehearsalClock(org, cycleId);
      await new QualityRecordActivities(suite.api.get(DataSource)).recordObjectiveResults({
        cycleId,
        cycleWorkflowId: qualityCycleWorkflowId(organisationCode, 2024),
        evaluations: [
          {
            objectiveId: 'obj-4',
            status: 'achieved',
            final: true,
            indicators: [
              {
                indicatorId: 'obj-4-on-time',
                status: 'achieved',
                final: true,
                periodsDue: 1,
                periodsReported: 1,
                periodsMissing: 0,
                lateReports: 1,
                reasons: [],
              },
            ],
          },
        ],
        auditStatus: 'not-closed',
        reviewStatus: 'not-held',
        correctiveActionsCarriedForward: [],
        closedAt: at('2025-01-10T03:00:00.000Z'),
      });
      const pdf = await download('staff.tthc', `${base}/report`, PDF);
      expect(
        headers(pdf, 'x-document-status', 'x-document-id', 'x-document-version', 'x-document-issued-version'),
      ).toEqual(['issued', `${cycleId}.objectives-report.v3`, '3', null]);
      expect(pdf.headers.get('content-disposition')).toContain('filename="BC-MTCL-2024-DIEN-TAP.pdf"');
      expect(normalise(pdfText(pdf.bytes))).not.toContain('DỰ THẢO');
      const rows = await registered('objectives-report');
      expect(rows.map((row) => [row.version, row.registeredBy])).toEqual([
        [1, org.idOf('qmr')],
        [2, org.idOf('qmr')],
        [3, org.idOf('staff.tthc')],
      ]);
      // The same records, the same version.
      expect((await download('qmr', `${base}/report`, DOCX)).headers.get('x-document-version')).toBe('3');

      const annual = await download('qmr', `${base}/annual-qms-report`, 'text/csv');
      expect(headers(annual, 'x-document-status', 'x-document-id')).toEqual([
        'issued',
        `${cycleId}.annual-qms-report.v2`,
      ]);
      expect(annual.headers.get('content-disposition')).toContain('filename="BC-HTQLCL-2024-DIEN-TAP.csv"');
    });

    it('answers only documented status codes', async () => {
      expect(await undocumentedAnswers(http)).toEqual([]);
    });
  },
);
