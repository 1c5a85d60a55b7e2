import { Workbook } from 'exceljs';
import { annualQmsReportSummary, type AnnualQmsReportData } from './annual-qms-report-document';
import { CORRECTIVE_ACTION_STATUS } from './audit-documents';
import { fixZipTimes } from './official-document.docx';
import { VERDICT_LABELS } from './objectives-report-document';

/**
 * The yearly report for the Department's aggregation as an Excel workbook: the summary row first
 * (the CSV's columns), then one sheet each for the objectives, the documents and the corrective
 * actions. Deterministic: created and modified are the report's date, and every zip entry carries
 * midnight of it (exceljs would stamp both with the clock).
 */
export async function annualQmsReportXlsx(data: AnnualQmsReportData): Promise<Buffer> {
  const at = new Date(`${data.date}T00:00:00Z`);
  const workbook = new Workbook();
  workbook.creator = data.organisation;
  workbook.lastModifiedBy = data.organisation;
  workbook.created = at;
  workbook.modified = at;
  workbook.title = `Báo cáo Hệ thống quản lý chất lượng năm ${data.year}`;

  const summary = annualQmsReportSummary(data);
  sheet(
    workbook,
    'Tong hop',
    summary.map(([column]) => column),
    [summary.map(([, value]) => value)],
  );
  sheet(
    workbook,
    'Muc tieu',
    ['Mục tiêu', 'Nội dung', 'Đánh giá'],
    data.objectives.map((o) => [o.number, o.title, VERDICT_LABELS[o.verdict]]),
  );
  sheet(
    workbook,
    'Tai lieu',
    ['Số, ký hiệu', 'Tên tài liệu', 'Phiên bản', 'Ngày ban hành'],
    data.documents.map((d) => [d.number, d.title, d.version, d.issuedOn]),
  );
  sheet(
    workbook,
    'Hanh dong khac phuc',
    ['Đơn vị', 'Điểm không phù hợp', 'Hành động khắc phục', 'Thời hạn', 'Tình trạng'],
    data.correctiveActions.map((a) => [
      a.unit,
      a.finding,
      a.action,
      a.dueDate ?? '',
      CORRECTIVE_ACTION_STATUS[a.status] ?? a.status,
    ]),
  );
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return fixZipTimes(bytes, data.date);
}

/**
 * The summary as CSV (RFC 4180, CRLF, every field quoted), UTF-8 with a byte-order mark so that
 * Excel reads the Vietnamese letters: a header row and one row for this organisation and year.
 */
export function annualQmsReportCsv(data: AnnualQmsReportData): Buffer {
  const summary = annualQmsReportSummary(data);
  const line = (cells: string[]) => cells.map((c) => `"${csvText(c).replace(/"/g, '""')}"`).join(',');
  const text = [line(summary.map(([column]) => column)), line(summary.map(([, value]) => value))].join(
    '\r\n',
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${text}\r\n`, 'utf8')]);
}

/**
 * A typed text as a CSV field a spreadsheet shows as text: one that begins like a formula (`=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a leading apostrophe, or Excel would run it when the
 * Department opens the file (`=HYPERLINK(…)` typed into the scope). A plain number (`-2`, `+1,5`)
 * stays as it is. The XLSX export writes text cells, which are never formulas.
 */
export function csvText(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+([.,]\d+)?%?$/.test(cell) ? `'${cell}` : cell;
}

function sheet(workbook: Workbook, name: string, columns: string[], rows: (string | number)[][]): void {
  const worksheet = workbook.addWorksheet(name);
  worksheet.addRow(columns).font = { bold: true };
  for (const row of rows) worksheet.addRow(row);
  worksheet.columns.forEach((column, index) => {
    const longest = Math.max(columns[index].length, ...rows.map((r) => String(r[index] ?? '').length));
    column.width = Math.min(Math.max(longest + 2, 10), 60);
  });
}
