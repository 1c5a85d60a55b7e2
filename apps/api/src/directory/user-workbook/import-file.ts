import { Workbook } from 'exceljs';
import type { ProblemReason } from '@qcycle/domain';

/**
 * Reads the file an administrator imports people from (docs/api.md "Importing people from a
 * spreadsheet") into tables of cell texts: an Excel workbook (.xlsx, each of its sheets: people
 * on one, units on another) or a CSV saved as UTF-8 (one table). Which one is judged by the bytes, not the name or the declared type: Windows browsers
 * send a .csv as `application/vnd.ms-excel`.
 */

/** The largest file taken: a directory of 2,000 people is about 200 KB as CSV, less as .xlsx. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** The most people one file may list; a larger organisation imports in parts. */
export const IMPORT_MAX_ROWS = 2000;
/**
 * What the parts of an .xlsx may unpack to, together, as its ZIP directory declares them: a few KB
 * of deflate can unpack to gigabytes, and the workbook is read whole in memory.
 */
const XLSX_MAX_UNPACKED_BYTES = 32 * 1024 * 1024;

/** A file's rows: `rows[i]` is the sheet's row `i + 1`, as the administrator sees it numbered. */
export interface ImportTable {
  /** The worksheet read, for an .xlsx; null for a CSV. */
  sheet: string | null;
  rows: string[][];
}

/** A file that cannot be read as a table of people: nothing of it is imported. */
export class ImportFileUnreadable extends Error {
  constructor(readonly reason: ProblemReason) {
    super(reason.en);
  }
}

/** The file's tables: an .xlsx's sheets in their order, or a CSV's one table. */
export async function readImportFile(bytes: Buffer): Promise<ImportTable[]> {
  if (bytes.length === 0) throw new ImportFileUnreadable({ vi: 'Tệp trống.', en: 'The file is empty.' });
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return readXlsx(bytes);
  if (bytes.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex')))
    throw new ImportFileUnreadable({
      vi: 'Tệp Excel định dạng cũ (.xls): hãy mở bằng Excel, chọn Lưu thành "Sổ làm việc Excel (.xlsx)" rồi gửi lại.',
      en: 'An old-format Excel file (.xls): open it in Excel, save it as "Excel Workbook (.xlsx)" and send that.',
    });
  return [{ sheet: null, rows: readCsv(bytes) }];
}

/**
 * RFC 4180 CSV in UTF-8 (a byte-order mark is skipped): fields in double quotes may hold the
 * separator, line breaks and doubled quotes. The separator is the one of `,` `;` and tab that the
 * first line has most of outside quotes: Excel saves with the list separator of the PC's region,
 * a semicolon where the comma is the decimal mark.
 */
export function readCsv(bytes: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileUnreadable({
      vi: 'Tệp CSV không ở mã UTF-8 (chữ tiếng Việt sẽ bị lỗi): trong Excel chọn Lưu thành "CSV UTF-8 (Comma delimited)", hoặc gửi tệp .xlsx.',
      en: 'The CSV is not in UTF-8 (Vietnamese letters would be garbled): in Excel save it as "CSV UTF-8 (Comma delimited)", or send the .xlsx.',
    });
  }
  if (text.includes('\u0000'))
    throw new ImportFileUnreadable({
      vi: 'Tệp không phải bảng tính .xlsx hay CSV.',
      en: 'The file is neither an .xlsx workbook nor a CSV.',
    });
  const separator = separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.map((cells) => cells.map((cell) => cell.trim()));
}

function separatorOf(text: string): string {
  const counts = new Map([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts.entries()].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** The workbook's worksheets, each cell as Excel shows it (a linked e-mail as its text). */
async function readXlsx(bytes: Buffer): Promise<ImportTable[]> {
  const unpacked = declaredUnpackedBytes(bytes);
  if (unpacked === null || unpacked > XLSX_MAX_UNPACKED_BYTES)
    throw new ImportFileUnreadable(
      unpacked === null
        ? { vi: 'Tệp .xlsx bị hỏng.', en: 'The .xlsx file is damaged.' }
        : {
            vi: 'Tệp .xlsx khi giải nén quá lớn cho một danh sách người dùng: hãy chỉ giữ trang danh sách.',
            en: 'The .xlsx unpacks to too much for a list of people: keep only the sheet of the list.',
          },
    );
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileUnreadable({
      vi: 'Không đọc được tệp .xlsx: hãy mở bằng Excel, lưu lại rồi gửi.',
      en: 'The .xlsx could not be read: open it in Excel, save it again and send that.',
    });
  }
  if (workbook.worksheets.length === 0)
    throw new ImportFileUnreadable({ vi: 'Tệp không có trang tính nào.', en: 'The workbook has no sheet.' });
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      if (number > IMPORT_MAX_ROWS + 50) return;
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = (cell.text ?? '').trim();
      });
      rows[number - 1] = Array.from(cells, (cell) => cell ?? '');
    });
    return { sheet: sheet.name, rows: Array.from(rows, (row) => row ?? []) };
  });
}

/**
 * The sum of the sizes a ZIP's central directory declares for its entries, or null when it has
 * none to read (not a ZIP, cut short). An entry of ZIP64 size counts as too large.
 */
export function declaredUnpackedBytes(zip: Buffer): number | null {
  const END = 0x06054b50;
  const ENTRY = 0x02014b50;
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== ENTRY) return null;
    const size = zip.readUInt32LE(at + 24);
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}
