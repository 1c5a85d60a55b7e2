import { Workbook } from 'exceljs';
import type { QcycleConfig } from '@qcycle/config';
import { describeTarget, KONTUM_2024_TEMPLATE, type Objective } from '@qcycle/domain';
import type { CycleReportView, ReportIndicatorView } from '../../apps/api/src/cycles/dto/cycle-report.view';
import {
  annualQmsReportDocument,
  type AnnualQmsReportData,
} from '../../apps/api/src/documents/annual-qms-report-document';
import {
  annualQmsReportCsv,
  annualQmsReportXlsx,
} from '../../apps/api/src/documents/annual-qms-report.spreadsheet';
import { conformityAnnouncementDocument } from '../../apps/api/src/documents/conformity-announcement-document';
import type { DecisionRecord } from '../../apps/api/src/documents/decision-document';
import { documentCalendar } from '../../apps/api/src/documents/document-calendar';
import { renderDocx } from '../../apps/api/src/documents/document-register.service';
import { indicatorChartWords } from '../../apps/api/src/documents/indicator-chart.svg';
import { objectivesReportDocument } from '../../apps/api/src/documents/objectives-report-document';
import { renderOfficialDocumentHtml } from '../../apps/api/src/documents/official-document.html';
import { NAME_WRITTEN_BY_HAND, type OfficialDocument } from '../../apps/api/src/documents/official-document';
import { PdfPrinter } from '../../apps/api/src/documents/pdf-printer';
import {
  NO_UNIT,
  NOT_RECORDED,
  reviewMinutesDocument,
  UNIT_HEAD,
  type ReviewRecord,
} from '../../apps/api/src/documents/review-minutes-document';
import {
  docxParts,
  keepDocument,
  normalise,
  fontsNotEmbeddedTimes,
  pdfBodyText,
  pdfText,
  wordCounts,
  wordParagraphs,
  zipTimestamps,
} from './support/document-text';
import { clerkFindings, type ClerkExpectation } from './support/nd30-format';

const objectives = KONTUM_2024_TEMPLATE.objectives as Objective[];
const wording = KONTUM_2024_TEMPLATE;
const decision: DecisionRecord = {
  documentNumber: '123/QĐ-UBND',
  signerName: 'Nguyễn Hữu Tháp',
  signerTitle: KONTUM_2024_TEMPLATE.signer.title,
  signingDate: '2024-01-15',
  effectiveDate: '2024-01-15',
  objectives,
};

type Figure = ReportIndicatorView['figures'][number];
const ratio = (periodKey: string, numerator: number, denominator: number): Figure => ({
  periodKey,
  numerator,
  denominator,
  pendingOverdue: null,
  value: null,
  achieved: null,
  late: false,
  corrected: null,
});

/**
 * The Kon Tum 2024 figures: objective 2 at 42/42 (achieved), objective 3 at 9/10 against 100%
 * (not achieved), objective 4's on-time indicator at 41/50 and 39/50, so 80/100 = 80% against
 * "trên 80%": NOT achieved, though it rounds to the target; objectives 1 and 5 as judged and counted.
 */
const FIGURES: Record<string, Figure[]> = {
  'obj-1-qms-maintained': [{ ...ratio('2024', 0, 0), numerator: null, denominator: null, achieved: true }],
  'obj-2-key-tasks': [
    ratio('2024-Q1', 10, 10),
    ratio('2024-Q2', 12, 12),
    ratio('2024-Q3', 9, 9),
    ratio('2024-Q4', 11, 11),
  ],
  'obj-3-reform-targets': [
    ratio('2024-Q1', 5, 5),
    // Reported 5/5, corrected to 4/5: a task counted done was not.
    {
      ...ratio('2024-Q2', 4, 5),
      corrected: {
        times: 1,
        lastBy: 'u-head',
        lastAt: '2024-03-01T02:00:00.000Z',
        lastReason: 'Nhiệm vụ số hóa hồ sơ chưa hoàn thành',
        lastEvidence: [],
        asReported: { numerator: 5, denominator: 5, pendingOverdue: null, value: null, achieved: null },
      },
    },
  ],
  'obj-4-per-process': [ratio('2024-01', 50, 50), ratio('2024-02', 50, 50)],
  'obj-4-on-time': [ratio('2024-01', 41, 50), { ...ratio('2024-02', 39, 50), late: true }],
  'obj-5-internal-audits': [{ ...ratio('2024', 0, 0), numerator: null, denominator: null, value: 1 }],
};
const EXPECTED_VERDICTS = ['Đạt', 'Đạt', 'Không đạt', 'Không đạt', 'Đạt'];

const report: CycleReportView = {
  cycleId: 'kontum-2024',
  organisationCode: 'kontum',
  year: 2024,
  status: 'running',
  phase: 'monitoring',
  decision: {
    documentNumber: decision.documentNumber,
    signerName: decision.signerName,
    signerTitle: decision.signerTitle,
    enteredBy: null,
    signingDate: decision.signingDate,
    effectiveDate: decision.effectiveDate,
  },
  objectives: objectives.map((o) => ({
    id: o.id,
    number: o.number,
    title: o.title,
    frequency: o.frequency,
    unitCode: o.ownerUnitCode,
    assigneeName: null,
    status: 'on-track',
    final: false,
    indicators: o.indicators.map((i) => ({
      id: i.id,
      kind: i.kind,
      label: i.label,
      target: i.kind === 'judged' ? null : { ...i.target, text: describeTarget(i) ?? '' },
      targetText: describeTarget(i) ?? null,
      measuredByEngine: false,
      expectedPeriods: 0,
      reportedPeriods: 0,
      lateReports: 0,
      result: null,
      figures: FIGURES[i.id] ?? [],
    })),
  })),
  audit: null,
  review: null,
};

/** The report with January's on-time figure (objective 4's first month) changed. */
const withJanuaryOnTime = (change: (figure: Figure) => Figure): CycleReportView => ({
  ...report,
  objectives: report.objectives.map((o) => ({
    ...o,
    indicators: o.indicators.map((i) => ({
      ...i,
      figures: i.figures.map((f, n) => (i.id === 'obj-4-on-time' && n === 0 ? change(f) : f)),
    })),
  })),
});

/** A real year's days: an instant's own day in Vietnam. */
const { dateOf } = documentCalendar(false, 0);
describe('official documents of the year: objectives report, annual QMS report, announcement, review minutes (real chromium, poppler, exceljs)', () => {
  const printer = new PdfPrinter({} as QcycleConfig);
  const rendered = new Map<string, { pdf: Buffer; docx: Buffer }>();

  async function render(document: OfficialDocument): Promise<{ pdf: Buffer; docx: Buffer; text: string }> {
    const files = {
      pdf: await printer.print(renderOfficialDocumentHtml(document), document.properties.date),
      docx: await renderDocx(document, printer),
    };
    rendered.set(document.fileBaseName, files);
    keepDocument(document.fileBaseName, files);
    return { ...files, text: normalise(pdfText(files.pdf)) };
  }

  /** The PDF's words are the DOCX's plus the words the SVG charts print (the DOCX shows them as PNG). */
  function expectSameWords(document: OfficialDocument, files: { pdf: Buffer; docx: Buffer }): void {
    const docxText = wordParagraphs(docxParts(files.docx).read('word/document.xml')).join('\n');
    const expected = wordCounts(docxText);
    for (const item of document.body)
      if (item.kind === 'chart')
        for (const word of indicatorChartWords(item.chart)) expected.set(word, (expected.get(word) ?? 0) + 1);
    const printed = wordCounts(pdfBodyText(files.pdf));
    // A table that runs on to the next page prints its header row again there (as Word does when it
    // lays out the DOCX, whose XML holds it once): those words, and no others, may be there more.
    for (const item of document.body) {
      if (item.kind !== 'table') continue;
      const header = wordCounts(item.columns.join(' '));
      const more = (word: string) => (printed.get(word) ?? 0) - (expected.get(word) ?? 0);
      while (header.size > 0 && [...header].every(([word, n]) => more(word) >= n))
        for (const [word, n] of header) printed.set(word, (printed.get(word) ?? 0) - n);
    }
    expect(printed).toEqual(expected);
  }

  function docxCells(docx: Buffer): string[] {
    return wordParagraphs(docxParts(docx).read('word/document.xml')).map(normalise);
  }

  function expectEmbeddedFonts(pdf: Buffer): void {
    expect(fontsNotEmbeddedTimes(pdf)).toEqual([]);
  }

  afterAll(() => printer.onApplicationShutdown());

  describe('the objectives report', () => {
    const document = objectivesReportDocument({ report, objectives, date: '2024-03-05', dateOf }, wording);
    let files: { pdf: Buffer; docx: Buffer; text: string };

    beforeAll(async () => {
      files = await render(document);
    });

    it('gives every objective its verdict: 80/100 against "trên 80%" is not achieved', () => {
      expect(document.fileBaseName).toBe('BC-MTCL-2024');
      const { text } = files;
      expect(text).toContain('BÁO CÁO');
      expect(text).toContain('Kết quả thực hiện Mục tiêu chất lượng năm 2024');
      expect(text).toContain('Kon Tum, ngày 05 tháng 3 năm 2024');
      expect(text).toContain('Kết quả lũy kế: 80/100 (80%). Đánh giá: Không đạt.');
      expect(text).toContain('Kết quả lũy kế: 100/100 (100%). Đánh giá: Đạt.');
      expect(text).toContain('Kết quả lũy kế: 42/42 (100%). Đánh giá: Đạt.');
      expect(text).toContain('Kết quả lũy kế: 9/10 (90%). Đánh giá: Không đạt.');
      expect(text).toContain('Kết quả lũy kế: 1. Đánh giá: Đạt.');
      expect(text).toContain('Kết quả lũy kế: đạt yêu cầu. Đánh giá: Đạt.');
      const verdicts = [...text.matchAll(/Đánh giá mục tiêu: (Đạt|Không đạt)/g)].map((m) => m[1]);
      expect(verdicts).toEqual(EXPECTED_VERDICTS);
      expect(text).toContain('Đạt 3/5 mục tiêu chất lượng năm 2024.');
      for (const objective of objectives)
        expect(text).toContain(`${objective.number}. ${objective.title.vi}`);
      // Each period's figure, the late one marked, and the chart of each measured indicator.
      expect(text).toMatch(/01\/2024 +41\/50 +82% +Đạt/);
      expect(text).toMatch(/02\/2024 \(nộp muộn\) +39\/50 +78% +Không đạt/);
      // A figure corrected after it was reported: marked, and what was reported said under its table.
      expect(text).toMatch(/Quý 2\/2024 \(số liệu đã điều chỉnh\) +4\/5 +80% +Không đạt/);
      expect(text).toContain(
        'Số liệu điều chỉnh sau khi báo cáo: Quý 2/2024: báo cáo 5/5, điều chỉnh ngày 01/03/2024 thành 4/5, lý do: Nhiệm vụ số hóa hồ sơ chưa hoàn thành.',
      );
      expect(text).toContain('Chỉ tiêu: trên 80%');
      expect(document.body.filter((b) => b.kind === 'chart')).toHaveLength(5);
      expect(text).toContain('Biểu đồ 4. Tỷ lệ');
    });

    it('writes the DOCX with the same words, each chart as a PNG drawn from the same SVG', () => {
      expectSameWords(document, files);
      const parts = docxParts(files.docx);
      expect(parts.names.filter((n) => /^word\/media\/.+\.png$/.test(n))).toHaveLength(5);
      for (const letter of ['Ủ', 'ề', 'ự']) expect(files.text).toContain(letter);
      expectEmbeddedFonts(files.pdf);
    });

    it('gives the same bytes when rendered again', async () => {
      const again = {
        pdf: await printer.print(renderOfficialDocumentHtml(document), document.properties.date),
        docx: await renderDocx(document, printer),
      };
      expect(again.pdf.equals(files.pdf)).toBe(true);
      expect(again.docx.equals(files.docx)).toBe(true);
      expect(new Set(zipTimestamps(files.docx))).toEqual(new Set(['20240305.000000']));
    });

    it('names the paper a figure was reported on before qcycle asked for it, by its period', () => {
      const onPaper = withJanuaryOnTime((f) => ({
        ...f,
        paperReport: { date: '2024-02-05', reference: '45/BC-VP' },
      }));
      const rows = objectivesReportDocument(
        { report: onPaper, objectives, date: '2024-03-05', dateOf },
        wording,
      )
        .body.flatMap((block) => (block.kind === 'table' ? block.rows : []))
        .map((row) => row[0]);
      expect(rows).toContain('01/2024 (báo cáo giấy ngày 05/02/2024, số 45/BC-VP)');
    });

    it('marks a figure corrected after it was reported, and says beside its table what was reported, when it was corrected and why', () => {
      // January's on-time figure was reported 41/50 and corrected twice, last on 10/02/2024 (Vietnam
      // time: 17:30 UTC on the 9th), to 40/50; its rate is computed from the corrected figure.
      const corrected = withJanuaryOnTime((f) => ({
        ...f,
        numerator: 40,
        corrected: {
          times: 2,
          lastBy: 'u-lan',
          lastAt: '2024-02-09T17:30:00.000Z',
          lastReason: 'Một hồ sơ trả kết quả ngày 01/02 bị tính vào tháng 1.',
          lastEvidence: [],
          asReported: { numerator: 41, denominator: 50, pendingOverdue: null, value: null, achieved: null },
        },
      }));
      const body = objectivesReportDocument(
        { report: corrected, objectives, date: '2024-03-05', dateOf },
        wording,
      ).body;
      const tables = body.filter((block) => block.kind === 'table');
      const onTimeRows = tables.flatMap((block) => block.rows).filter((row) => row[0].startsWith('01/2024'));
      expect(onTimeRows.map((row) => row.slice(0, 3))).toEqual([
        ['01/2024', '50/50', '100%'],
        ['01/2024 (số liệu đã điều chỉnh)', '40/50', '80%'],
      ]);
      const notes = body.flatMap((block) =>
        block.kind === 'paragraph' && block.label === 'Số liệu điều chỉnh sau khi báo cáo:'
          ? [block.text]
          : [],
      );
      expect(notes.filter((note) => note.startsWith('01/2024'))).toEqual([
        '01/2024: báo cáo 41/50, điều chỉnh 2 lần, lần cuối ngày 10/02/2024 thành 40/50, lý do: Một hồ sơ trả kết quả ngày 01/02 bị tính vào tháng 1.',
      ]);
    });

    it("sets this year's verdicts beside how each objective ended the earlier years in qcycle (the trend)", async () => {
      const withTrend = objectivesReportDocument(
        {
          report,
          objectives,
          date: '2024-03-05',
          dateOf,
          // As the records give them: 2023 and 2022 closed objective 4, only 2023 objective 2.
          earlierYears: new Map([
            [
              'obj-4',
              [
                { year: 2023, result: 'not-achieved' as const, indicators: [] },
                { year: 2022, result: 'achieved' as const, indicators: [] },
              ],
            ],
            ['obj-2', [{ year: 2023, result: 'achieved' as const, indicators: [] }]],
          ]),
        },
        wording,
      );
      const summary = withTrend.body.find(
        (block) => block.kind === 'table' && block.columns[0] === 'Mục tiêu',
      ) as { columns: string[]; rows: string[][] };
      expect(summary.columns).toEqual(['Mục tiêu', 'Đánh giá', 'Năm 2023', 'Năm 2022']);
      expect(summary.rows.find((row) => row[0] === 'Mục tiêu 4')?.slice(2)).toEqual(['Không đạt', 'Đạt']);
      expect(summary.rows.find((row) => row[0] === 'Mục tiêu 2')?.slice(2)).toEqual(['Đạt', 'Chưa theo dõi']);
      const trendFiles = await render(withTrend);
      expect(trendFiles.text).toMatch(/Mục tiêu 4 +\S.* +Không đạt +Đạt/);
      expectSameWords(withTrend, trendFiles);
      // Without earlier years (an organisation's first year in qcycle) the table is as it was.
      expect(
        (
          document.body.find((block) => block.kind === 'table' && block.columns[0] === 'Mục tiêu') as {
            columns: string[];
          }
        ).columns,
      ).toEqual(['Mục tiêu', 'Đánh giá']);
    });
  });

  describe('the yearly report on applying the QMS to the Department of Science and Technology', () => {
    const data: AnnualQmsReportData = {
      organisation: wording.organisation.name.vi,
      year: 2024,
      date: '2024-12-20',
      scope: wording.scope.vi,
      standard: wording.standard,
      previousScope: null,
      firstYear: true,
      documents: [
        { number: '123/QĐ-UBND', title: 'Quyết định số 123/QĐ-UBND', version: 2, issuedOn: '2024-01-16' },
        { number: '', title: 'Kế hoạch đánh giá nội bộ', version: 1, issuedOn: '2024-10-03' },
      ],
      audit: {
        status: 'closed',
        from: '2024-10-07',
        to: '2024-10-18',
        closedOn: '2024-10-25',
        steps: 2,
        findings: 1,
      },
      review: { heldOn: '2024-12-10', minutesRef: 'BB-05/2024', actions: 1 },
      objectives: objectives.map((o, i) => ({
        number: o.number,
        title: o.title.vi,
        verdict: EXPECTED_VERDICTS[i] === 'Đạt' ? ('achieved' as const) : ('not-achieved' as const),
      })),
      correctiveActions: [
        {
          unit: 'Phòng Kiểm soát TTHC',
          finding: 'Phiếu kiểm soát thiếu thời điểm chuyển bước',
          action: 'Cập nhật mẫu phiếu',
          dueDate: '2024-11-15',
          status: 'closed',
        },
      ],
      signerName: 'Nguyễn Hữu Tháp',
    };
    const document = annualQmsReportDocument(data, wording);
    let files: { pdf: Buffer; docx: Buffer; text: string };

    beforeAll(async () => {
      files = await render(document);
    });

    it('covers scope, changes, documents, audit, review, objectives and corrective actions', () => {
      const { text } = files;
      for (const expected of [
        'BÁO CÁO',
        'Kính gửi: Sở Khoa học và Công nghệ.',
        `Phạm vi áp dụng: ${wording.scope.vi}.`,
        'Năm đầu áp dụng, công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015',
        'Sửa đổi lần 1',
        'Ban hành mới',
        'Đã thực hiện từ 07/10/2024 đến 18/10/2024, kết thúc ngày 25/10/2024',
        'Đã tổ chức ngày 10/12/2024, biên bản số BB-05/2024',
        'Đạt 3/5 mục tiêu chất lượng.',
        'Nguyễn Hữu Tháp',
      ])
        expect(text).toContain(expected);
      // Table cells wrap inside their column in the PDF's layout: read them as the DOCX's cells.
      expect(docxCells(files.docx)).toEqual(
        expect.arrayContaining(['Phiếu kiểm soát thiếu thời điểm chuyển bước', 'Đã khắc phục', '15/11/2024']),
      );
      expectSameWords(document, files);
      expectEmbeddedFonts(files.pdf);
    });

    it('exports the XLSX (opens in exceljs, same figures, fixed dates, same bytes again)', async () => {
      const xlsx = await annualQmsReportXlsx(data);
      expect((await annualQmsReportXlsx(data)).equals(xlsx)).toBe(true);
      expect(new Set(zipTimestamps(xlsx))).toEqual(new Set(['20241220.000000']));
      const workbook = new Workbook();
      await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual([
        'Tong hop',
        'Muc tieu',
        'Tai lieu',
        'Hanh dong khac phuc',
      ]);
      const summary = workbook.getWorksheet('Tong hop')!;
      const header = (summary.getRow(1).values as unknown[]).slice(1);
      const values = (summary.getRow(2).values as unknown[]).slice(1);
      const row = Object.fromEntries(header.map((h, i) => [h, values[i]]));
      expect(row).toMatchObject({
        'Cơ quan': 'Ủy ban nhân dân tỉnh Kon Tum',
        'Mục tiêu đạt': '3',
        'Tổng số mục tiêu': '5',
      });
      const objectivesSheet = workbook.getWorksheet('Muc tieu')!;
      expect((objectivesSheet.getRow(5).values as unknown[]).slice(1)).toEqual([
        4,
        objectives[3].title.vi,
        'Không đạt',
      ]);
      expect(workbook.created.toISOString()).toBe('2024-12-20T00:00:00.000Z');
    });

    it('exports the CSV: UTF-8 with a BOM, a header and one row that parse back', () => {
      const csv = annualQmsReportCsv(data);
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(2);
      const parse = (line: string) =>
        [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((m) => m[1].replace(/""/g, '"'));
      const [header, values] = lines.map(parse);
      expect(header.length).toBe(values.length);
      expect(header[0]).toBe('Cơ quan');
      expect(values[header.indexOf('Mục tiêu đạt')]).toBe('3');
      expect(values[header.indexOf('Phạm vi áp dụng')]).toBe(wording.scope.vi);
    });
  });

  describe('the announcement of conformity', () => {
    const document = conformityAnnouncementDocument(decision, wording, { kind: 'first-year' });

    it('is a Decree 30 decision announcing the QMS conforms to TCVN ISO 9001:2015', async () => {
      const files = await render(document);
      const { text } = files;
      expect(document.fileBaseName).toBe('QD-CB-HTQLCL-2024');
      for (const expected of [
        'QUYẾT ĐỊNH',
        'Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015',
        'ỦY BAN NHÂN DÂN TỈNH KON TUM',
        '/QĐ-UBND',
        'Kon Tum, ngày 15 tháng 01 năm 2024',
        ...wording.legalBases.map(normalise),
        `Công bố Hệ thống quản lý chất lượng của ${wording.scope.vi} phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015`,
        'Công bố lần đầu, năm 2024.',
        'TM. ỦY BAN NHÂN DÂN',
        'KT. CHỦ TỊCH',
        'Nguyễn Hữu Tháp',
      ])
        expect(text).toContain(expected);
      expectSameWords(document, files);
      expectEmbeddedFonts(files.pdf);
      const again = await printer.print(renderOfficialDocumentHtml(document), document.properties.date);
      expect(again.equals(files.pdf)).toBe(true);
    });
  });

  describe('the management review minutes, from what the review record holds today', () => {
    const review: ReviewRecord['review'] = {
      status: 'held',
      inputs: {
        previousActions: { status: 'none', items: [] },
        previousCorrectiveActions: { status: 'none', items: [] },
        changesInIssues: 'Chưa có trong hồ sơ của hệ thống: Đại diện chất lượng bổ sung tại cuộc họp.',
        objectives: [{ objectiveId: 'obj-4', periodsReported: 12, lateReports: 1 }],
        processPerformance: { tasksCompleted: 40, tasksCompletedLate: 2, tasksEscalated: 1 },
        nonconformitiesAndCorrectiveActions: { total: 1, closed: 1, open: 0 },
        monitoringResults: { measurements: 30 },
        auditResults: { audits: 1, closed: 1, steps: [] },
        customerSatisfaction: 'Không có phản ánh, kiến nghị',
        externalProviders: 'Không áp dụng',
        resources: 'Đủ',
        risksAndOpportunities: 'Các biện pháp có hiệu lực',
        improvementOpportunities: ['Số hóa phiếu kiểm soát'],
        // The Quality Representative prepared the review (its `review-preparation` task).
        entered: { status: 'entered', enteredBy: 'qmr', enteredAt: '2024-12-06T03:00:00.000Z' },
        notes: { auditResults: 'Điểm không phù hợp đã khắc phục trong tháng 11.' },
      },
      outputs: {
        improvementOpportunities: ['Số hóa phiếu kiểm soát'],
        qmsChanges: [],
        resourceNeeds: ['Máy quét'],
      },
      actions: [
        {
          title: 'Số hóa phiếu kiểm soát quá trình',
          ownerUnitCode: 'vp-kiemsoat-tthc',
          dueDate: '2025-06-30',
        },
      ],
      minutesRef: 'BB-05/2024',
      heldAt: '2024-12-10T02:00:00.000Z',
      heldOn: null,
    };
    /** The minutes of a review held on 10 December 2024 and chaired by the leader, as the API builds them. */
    const minutesOf = (held: typeof review, ownerNames: Record<string, string> = {}) =>
      reviewMinutesDocument(
        {
          review: held,
          year: 2024,
          chairName: 'Nguyễn Hữu Tháp',
          date: '2024-12-10',
          dateOf,
          objectives,
          ownerNames,
        },
        wording,
      );
    const document = minutesOf(review);

    it('lists date, chair, every 9.3.2 input, the 9.3.3 outputs, the 9.3.1 conclusion and the actions; what is not recorded says so', async () => {
      const files = await render(document);
      const { text } = files;
      for (const expected of [
        'BIÊN BẢN',
        'Thời gian: ngày 10 tháng 12 năm 2024.',
        'Chủ trì: Nguyễn Hữu Tháp.',
        `Thành phần tham dự: ${NOT_RECORDED}.`,
        'a) Tình trạng của các hành động từ các lần xem xét trước: không có hành động nào từ lần xem xét trước trong hồ sơ của hệ thống.',
        'b) Thay đổi về các vấn đề bên ngoài và nội bộ liên quan:',
        '1. Sự thỏa mãn của người dân, tổ chức',
        '2. Mức độ đạt được các mục tiêu chất lượng: Mục tiêu 4: 12 kỳ đã báo cáo, 1 kỳ nộp muộn.',
        '3. Kết quả thực hiện quá trình: 40 nhiệm vụ hoàn thành',
        '4. Sự không phù hợp và hành động khắc phục: 1 điểm không phù hợp; 1 đã khắc phục',
        'Các đầu vào b, c1, c7, d, đ do Đại diện chất lượng chuẩn bị ngày 06/12/2024.',
        '6. Kết quả đánh giá: 1 cuộc đánh giá nội bộ, 1 đã kết thúc; ghi chú của Đại diện chất lượng: Điểm không phù hợp đã khắc phục trong tháng 11.',
        '7. Kết quả thực hiện của nhà cung cấp bên ngoài: Không áp dụng.',
        'd) Sự thỏa đáng của các nguồn lực: Đủ.',
        'e) Các cơ hội cải tiến: Số hóa phiếu kiểm soát.',
        'c) Nhu cầu về nguồn lực: Máy quét.',
        'b) Nhu cầu thay đổi đối với Hệ thống quản lý chất lượng: không có.',
        `hiệu lực của Hệ thống quản lý chất lượng: ${NOT_RECORDED}.`,
        'CHỦ TRÌ',
        'THƯ KÝ',
        'Nơi nhận:',
        '- Lãnh đạo UBND tỉnh;',
        '- Các thành viên dự họp;',
        '- Lưu: VT, ISO.',
      ])
        expect(text).toContain(expected);
      // A review compiled before the engine counted its tasks by unit: no table, the minutes as they were.
      expect(text).not.toContain('theo từng đơn vị');
      // The chair signs with the name the record holds; no record names the secretary, who writes it by hand.
      expect(document.signature).toEqual({ lines: ['CHỦ TRÌ'], name: 'Nguyễn Hữu Tháp' });
      expect(document.coSignature).toEqual({ lines: ['THƯ KÝ'], name: NAME_WRITTEN_BY_HAND });
      expect(docxCells(files.docx)).toEqual(
        expect.arrayContaining([
          'Số hóa phiếu kiểm soát quá trình',
          'Phòng Kiểm soát thủ tục hành chính',
          UNIT_HEAD, // no owner named: the unit's head carries it out
          '30/06/2025',
        ]),
      );
      expectSameWords(document, files);
      expectEmbeddedFonts(files.pdf);
    });

    it('prints what the leader recorded with the review: the attendees, the secretary who signs beside the chair, the 9.3.1 conclusion, the judgement of the QMS objective and the owner named', async () => {
      const owner = 'b7c5a4f0-0000-4000-8000-000000000001';
      const recorded = minutesOf(
        {
          ...review,
          outputs: {
            ...review.outputs,
            attendees: ['Nguyễn Hữu Tháp, Phó Chủ tịch UBND tỉnh', 'Trần Quốc Việt, Chánh Văn phòng'],
            secretary: 'Đỗ Thị Hằng',
            conclusion: { suitable: true, adequate: true, effective: false, notes: 'Cần số hóa hồ sơ.' },
            qmsJudgement: {
              achieved: true,
              notes: 'Đã đánh giá nội bộ và họp xem xét.',
              judgedBy: 'leader',
            },
          },
          actions: [{ ...(review.actions as object[])[0], ownerUserId: owner }],
        },
        { [owner]: 'Nguyễn Thị Lan' },
      );
      const files = await render(recorded);
      for (const expected of [
        'Thành phần tham dự: Nguyễn Hữu Tháp, Phó Chủ tịch UBND tỉnh; Trần Quốc Việt, Chánh Văn phòng.',
        'Thư ký: Đỗ Thị Hằng.',
        'hiệu lực của Hệ thống quản lý chất lượng: phù hợp, thỏa đáng, không có hiệu lực; Cần số hóa hồ sơ.',
        'Đánh giá của lãnh đạo về mục tiêu duy trì, cải tiến Hệ thống quản lý chất lượng: đạt; Đã đánh giá nội bộ và họp xem xét.',
      ])
        expect(files.text).toContain(expected);
      expect(files.text).not.toContain(NOT_RECORDED);
      expect(docxCells(files.docx)).toEqual(expect.arrayContaining(['Nguyễn Thị Lan']));
      expectSameWords(recorded, files);
      // She signs as THƯ KÝ under her name, not on a dotted line to be filled in by hand.
      expect(recorded.coSignature).toEqual({ lines: ['THƯ KÝ'], name: 'Đỗ Thị Hằng' });
      expect(
        clerkFindings(files.pdf, files.docx, {
          number: 'Số: /BB-UBND',
          placeAndDate: 'Kon Tum, ngày 10 tháng 12 năm 2024',
          recipients: true,
          signaturesSideBySide: ['THƯ KÝ', 'CHỦ TRÌ'],
        }),
      ).toEqual([]);
    });

    it("prints input a) as each of last year's review actions with how it stood, and last year's corrective actions carried over", async () => {
      const withPrevious = minutesOf({
        ...review,
        inputs: {
          ...review.inputs,
          // As next year's draft carries them (ReviewActionFollowUp) and compileReviewInputs
          // finds last year's corrective actions not closed at its close.
          previousActions: {
            status: 'carried-over',
            items: [
              {
                actionId: 'quality-cycle/kt/2023/review/action/1',
                title: 'Cập nhật quy trình lưu trữ hồ sơ',
                ownerUnitCode: 'vp-hanhchinh-tochuc',
                ownerUserId: 'u-1',
                dueDate: '2024-03-31',
                status: 'done',
                note: 'Đã ban hành quy trình mới',
              },
              {
                actionId: 'quality-cycle/kt/2023/review/action/2',
                title: 'Đào tạo chuyên gia đánh giá nội bộ',
                ownerUnitCode: 'vp-tonghop',
                ownerUserId: 'u-2',
                dueDate: '2024-06-30',
                status: 'not-done',
                carriedForward: true,
              },
            ],
          },
          previousCorrectiveActions: {
            status: 'carried-over',
            items: [
              {
                correctiveActionId: 'quality-cycle/kt/2023/audit/ca/s2',
                cycleId: 'kt-2023',
                unitCode: 'vp-kiemsoat-tthc',
                severity: 'minor-nc',
                finding: 'Phiếu kiểm soát thiếu thời điểm chuyển bước',
                action: 'Cập nhật mẫu phiếu',
                ownerUserId: null,
                dueDate: '2024-01-15',
                rounds: 1,
                status: 'planned',
              },
            ],
          },
        },
      });
      const files = await render(withPrevious);
      expect(files.text).toContain(
        'a) Tình trạng của các hành động từ các lần xem xét trước: ' +
          'Cập nhật quy trình lưu trữ hồ sơ (Phòng Hành chính - Tổ chức, thời hạn 31/03/2024): đã hoàn thành (Đã ban hành quy trình mới); ' +
          'Đào tạo chuyên gia đánh giá nội bộ (Phòng Tổng hợp, thời hạn 30/06/2024): chưa hoàn thành; ' +
          'hành động khắc phục năm trước tại Phòng Kiểm soát thủ tục hành chính (Phiếu kiểm soát thiếu thời điểm chuyển bước): đang khắc phục, chuyển sang năm nay.',
      );
      expectSameWords(withPrevious, files);
    });

    it('prints input c 2) as each objective where it stands, with how the same objective ended the earlier years (the trend)', async () => {
      const withTrend = minutesOf({
        ...review,
        inputs: {
          ...review.inputs,
          // As compileReviewInputs gives them: this year's standing, and the earlier years closed.
          objectiveResults: [
            {
              objectiveId: 'obj-4',
              number: 4,
              status: 'on-track',
              final: false,
              indicators: [],
              earlierYears: [
                { year: 2023, result: 'not-achieved', indicators: [] },
                { year: 2022, result: 'achieved', indicators: [] },
              ],
            },
            { objectiveId: 'obj-2', number: 2, status: 'on-track', final: false, indicators: [] },
          ],
        },
      });
      const files = await render(withTrend);
      expect(files.text).toContain(
        '2. Mức độ đạt được các mục tiêu chất lượng: 0/2 mục tiêu đạt tại thời điểm xem xét ' +
          '(Mục tiêu 4: đúng tiến độ (năm 2023: không đạt, năm 2022: đạt); Mục tiêu 2: đúng tiến độ).',
      );
      expectSameWords(withTrend, files);
    });

    it("prints input c 3) by unit, as a table in the order the organisation lists its units, then the tasks that are no unit's work", async () => {
      const task = (given: number, done: number, late: number, escalated: number, urged: number) => ({
        tasksGiven: given,
        tasksCompleted: done,
        tasksCompletedLate: late,
        tasksEscalated: escalated,
        tasksUrged: urged,
      });
      const byUnit = minutesOf({
        ...review,
        inputs: {
          ...review.inputs,
          // As compileReviewInputs gives them: by unit code, then the tasks that are no unit's work.
          processPerformanceByUnit: [
            { unitCode: 'vp-kiemsoat-tthc', ...task(14, 12, 1, 1, 2) },
            { unitCode: 'vp-ttpvhcc', ...task(24, 22, 1, 0, 0) },
            { unitCode: 'vp-tonghop', ...task(4, 4, 0, 0, 0) },
            // Given three, done none yet: no share done on time to say.
            { unitCode: 'vp-kinhte', ...task(3, 0, 0, 1, 1) },
            { unitCode: null, ...task(2, 2, 0, 0, 0) },
          ],
        },
      });
      const files = await render(byUnit);
      expect(files.text).toContain('Kết quả thực hiện nhiệm vụ theo từng đơn vị:');
      const cells = docxCells(files.docx);
      const table = cells.slice(cells.indexOf('STT'), cells.indexOf('STT') + 8 * 6);
      expect(table).toEqual([
        'STT',
        'Đơn vị',
        'Việc được giao',
        'Đã hoàn thành',
        'Hoàn thành trễ hạn',
        'Tỷ lệ hoàn thành đúng hạn',
        'Phải nhắc lên cấp trên',
        'Phải đôn đốc',
        ...['1', 'Phòng Tổng hợp', '4', '4', '0', '100%', '0', '0'],
        ...['2', 'Phòng Kiểm soát thủ tục hành chính', '14', '12', '1', '91,67%', '1', '2'],
        ...['3', 'Trung tâm Phục vụ hành chính công', '24', '22', '1', '95,45%', '0', '0'],
        ...['4', 'Phòng Kinh tế', '3', '0', '0', '-', '1', '1'],
        ...['5', NO_UNIT, '2', '2', '0', '100%', '0', '0'],
      ]);
      expectSameWords(byUnit, files);
    });

    it('prints inputs c 3), c 4) and c 6) with the same figures of the earlier years (the trend)', async () => {
      const inputs = review.inputs as Record<string, Record<string, unknown>>;
      const withTrend = minutesOf({
        ...review,
        inputs: {
          ...review.inputs,
          // As compileReviewInputs gives them: this year's figures, and the earlier years closed.
          processPerformance: {
            ...inputs.processPerformance,
            earlierYears: [
              { year: 2023, tasksCompleted: 38, tasksCompletedLate: 6, tasksEscalated: 3 },
              { year: 2022, tasksCompleted: 35, tasksCompletedLate: 9, tasksEscalated: 5 },
            ],
          },
          nonconformitiesAndCorrectiveActions: {
            ...inputs.nonconformitiesAndCorrectiveActions,
            earlierYears: [{ year: 2023, total: 3, closed: 2, open: 1 }],
          },
          auditResults: {
            ...inputs.auditResults,
            earlierYears: [
              {
                year: 2023,
                audits: 1,
                closed: 1,
                steps: [
                  { result: 'conformity', count: 9 },
                  { result: 'minor-nc', count: 3 },
                ],
              },
            ],
          },
        },
      });
      const files = await render(withTrend);
      for (const expected of [
        '3. Kết quả thực hiện quá trình: 40 nhiệm vụ hoàn thành, trong đó 2 nhiệm vụ trễ hạn; 1 nhiệm vụ phải nhắc lên cấp trên ' +
          '(năm 2023: 38 hoàn thành, 6 trễ hạn, 3 phải nhắc lên cấp trên; năm 2022: 35 hoàn thành, 9 trễ hạn, 5 phải nhắc lên cấp trên).',
        '4. Sự không phù hợp và hành động khắc phục: 1 điểm không phù hợp; 1 đã khắc phục, 0 đang khắc phục ' +
          '(năm 2023: 3 điểm không phù hợp, 2 đã khắc phục).',
        '6. Kết quả đánh giá: 1 cuộc đánh giá nội bộ, 1 đã kết thúc (năm 2023: 1 cuộc đánh giá, 3 không phù hợp nhẹ, 9 phù hợp)',
      ])
        expect(files.text).toContain(expected);
      expectSameWords(withTrend, files);
    });
  });

  describe('as the clerk checks them (Decree 30/2020/NĐ-CP): number and symbol, date, page numbers, margins, fonts', () => {
    it.each<[string, ClerkExpectation]>([
      [
        'BC-MTCL-2024',
        { number: 'Số: /BC-UBND', placeAndDate: 'Kon Tum, ngày 05 tháng 3 năm 2024', recipients: true },
      ],
      [
        'BC-HTQLCL-2024',
        { number: 'Số: /BC-UBND', placeAndDate: 'Kon Tum, ngày 20 tháng 12 năm 2024', recipients: true },
      ],
      [
        'QD-CB-HTQLCL-2024',
        { number: 'Số: /QĐ-UBND', placeAndDate: 'Kon Tum, ngày 15 tháng 01 năm 2024', recipients: true },
      ],
      [
        'BB-XXLD-2024',
        {
          number: 'Số: /BB-UBND',
          placeAndDate: 'Kon Tum, ngày 10 tháng 12 năm 2024',
          recipients: true,
          signaturesSideBySide: ['THƯ KÝ', 'CHỦ TRÌ'],
        },
      ],
    ])('%s', (name, expected) => {
      const files = rendered.get(name);
      if (!files) throw new Error(`${name} was not rendered`);
      expect(clerkFindings(files.pdf, files.docx, expected)).toEqual([]);
    });
  });
});
