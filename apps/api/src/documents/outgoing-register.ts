import { Workbook } from 'exceljs';
import { numericDate } from '@qcycle/domain';
import { fixZipTimes } from './official-document.docx';
import type { DocumentType } from './document-register.service';
import { AS_ADDRESSED, NAME_WRITTEN_BY_HAND, type OfficialDocument } from './official-document';

/**
 * The year's documents as the clerical office's book of outgoing documents lists them ("Sổ đăng ký
 * văn bản đi", Decree 30/2020/NĐ-CP Article 16 and Appendix IV): the ten things the decree asks the
 * book to hold for each document, read from the register. Documents registered in a system are to be
 * printed in the book's form and bound; qcycle holds only the QMS's documents, so this is an extract
 * of the office's book, for the văn thư to check line by line against it (docs/documents.md "The
 * book of outgoing documents").
 */

/** The register's fields this extract reads, the version's stored model among them. */
export interface RegisteredVersion {
  id: string;
  type: string;
  version: number;
  number: string;
  issuedOn: string;
  dispatchNumber: string | null;
  dispatchedOn: string | null;
  content: string;
}

/** One document in the book: the decree's columns (1) to (10), those qcycle knows filled. */
export interface OutgoingRegisterEntry {
  documentId: string;
  /** (1) Its number and symbol: from its issue (a decision), or as given on sending; null until recorded. */
  number: string | null;
  /** The symbol a number given on sending ends with (`/BC-UBND`), while none is recorded. */
  awaitedSymbol: string | null;
  /** (2) Its date, `YYYY-MM-DD`. */
  date: string;
  /** (3) Its type and summary: "Báo cáo tình hình áp dụng …". */
  typeAndSummary: string;
  /** (4) Who signs it. */
  signer: string;
  /** (5) Where it is sent. */
  recipients: string[];
  /** (6) Who keeps the file copies ("VT, ISO" of "Lưu: VT, ISO"). */
  filedWith: string;
  /** (8) The day it was sent, as recorded; null until then. */
  dispatchedOn: string | null;
  /** (10) What else the book should say: a later version, a rehearsal's copy. */
  note: string;
}

/**
 * Which registered versions are outgoing documents of their own: not the plan (issued with its
 * decision, "Kèm theo Quyết định", under the decision's number) and not a nonconformity form (a
 * record of the QMS, no type of the decree).
 */
const NOT_IN_THE_BOOK: readonly string[] = [
  'objectives-plan',
  'nonconformity-report',
] satisfies DocumentType[];

/** The book's entries for these versions, in the order of their dates, then their numbers. */
export function outgoingRegisterEntries(
  versions: readonly RegisteredVersion[],
  symbolOnSending: (version: RegisteredVersion) => string | null,
): OutgoingRegisterEntry[] {
  return versions
    .filter((version) => !NOT_IN_THE_BOOK.includes(version.type))
    .map((version) => {
      const model = JSON.parse(version.content) as OfficialDocument;
      const recipients = model.recipients ?? [];
      const filed = recipients.find((line) => line.startsWith('Lưu'));
      const number = version.number || version.dispatchNumber;
      return {
        documentId: version.id,
        number,
        awaitedSymbol: number ? null : symbolOnSending(version),
        date: version.issuedOn,
        typeAndSummary: typeAndSummary(model),
        signer: model.signature && model.signature.name !== NAME_WRITTEN_BY_HAND ? model.signature.name : '',
        recipients: recipients
          .filter((line) => line !== filed)
          .map((line) => (line === AS_ADDRESSED && model.addressee ? model.addressee : line)),
        filedWith: filed?.replace(/^Lưu:\s*/u, '') ?? '',
        dispatchedOn: version.dispatchedOn,
        note: [
          ...(version.version > 1 ? [`Sửa đổi lần ${version.version - 1}`] : []),
          ...(model.rehearsal ? ['Bản diễn tập'] : []),
        ].join('; '),
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || runningNumber(a) - runningNumber(b));
}

/** The office's running number of the year (`16` of `16/BC-UBND`); one not given yet comes last. */
function runningNumber(entry: OutgoingRegisterEntry): number {
  const digits = entry.number ? /^\d+/u.exec(entry.number)?.[0] : undefined;
  return digits ? Number(digits) : Number.MAX_SAFE_INTEGER;
}

/** "Quyết định ban hành …": the type as a word of the sentence, then the summary. */
function typeAndSummary(model: OfficialDocument): string {
  const type = model.documentType.toLocaleLowerCase('vi');
  const summary = model.summary.join(' ');
  return `${type.charAt(0).toLocaleUpperCase('vi')}${type.slice(1)} ${summary.charAt(0).toLocaleLowerCase('vi')}${summary.slice(1)}`;
}

/** The book's columns, numbered as the decree's form numbers them. */
export const OUTGOING_REGISTER_COLUMNS = [
  'Số, ký hiệu văn bản',
  'Ngày tháng văn bản',
  'Tên loại và trích yếu nội dung văn bản',
  'Người ký',
  'Nơi nhận văn bản',
  'Đơn vị, người nhận bản lưu',
  'Số lượng bản',
  'Ngày chuyển',
  'Ký nhận',
  'Ghi chú',
] as const;

/** The extract's heading, as the book's first page has it. */
export interface OutgoingRegisterHeading {
  organisation: string;
  year: number;
  /**
   * The day of its last entry (a date or a day sent), `YYYY-MM-DD`: the workbook's own date, so that
   * the same register gives the same file.
   */
  asOf: string;
}

/** The columns' widths, in characters: the summary and the recipients the widest. */
const COLUMN_WIDTHS = [14, 12, 44, 18, 30, 14, 8, 11, 10, 14];

/**
 * The extract as an Excel workbook, one sheet in the book's form: its heading, the ten columns
 * numbered (1) to (10), a row per document. What qcycle cannot know (the copies made, the receiver's
 * signature) is left for the văn thư, as in the book; a number still to be given reads "…/BC-UBND".
 */
export async function outgoingRegisterXlsx(
  heading: OutgoingRegisterHeading,
  entries: readonly OutgoingRegisterEntry[],
): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = heading.organisation;
  workbook.lastModifiedBy = heading.organisation;
  workbook.created = workbook.modified = new Date(`${heading.asOf}T00:00:00Z`);
  workbook.title = `Sổ đăng ký văn bản đi năm ${heading.year}`;
  const sheet = workbook.addWorksheet('So van ban di', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const font = { name: 'Times New Roman', size: 12 };
  sheet.addRow([heading.organisation.toLocaleUpperCase('vi')]).font = { ...font, bold: true };
  sheet.addRow(['SỔ ĐĂNG KÝ VĂN BẢN ĐI']).font = { ...font, bold: true, size: 14 };
  sheet.addRow([`Năm: ${heading.year} (trích: văn bản của Hệ thống quản lý chất lượng)`]).font = font;
  sheet.addRow([]);
  const table = [
    [...OUTGOING_REGISTER_COLUMNS],
    OUTGOING_REGISTER_COLUMNS.map((_, i) => `(${i + 1})`),
    ...entries.map((entry) => [
      entry.number ?? `…${entry.awaitedSymbol ?? ''}`,
      numericDate(entry.date),
      entry.typeAndSummary,
      entry.signer,
      entry.recipients.join('; '),
      entry.filedWith,
      '',
      entry.dispatchedOn ? numericDate(entry.dispatchedOn) : '',
      '',
      entry.note,
    ]),
  ];
  const border = { style: 'thin' as const };
  table.forEach((cells, i) => {
    const row = sheet.addRow(cells);
    row.font = { ...font, bold: i === 0 };
    row.alignment = {
      wrapText: true,
      vertical: i < 2 ? 'middle' : 'top',
      horizontal: i < 2 ? 'center' : 'left',
    };
    // Spreadsheets do not grow a row for wrapped text when they open a file: its lines, counted here.
    const lines = Math.max(...cells.map((text, c) => Math.ceil((text.length * 1.1) / COLUMN_WIDTHS[c]) || 1));
    row.height = 16 * lines;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: border, left: border, bottom: border, right: border };
    });
  });
  COLUMN_WIDTHS.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return fixZipTimes(bytes, heading.asOf);
}
