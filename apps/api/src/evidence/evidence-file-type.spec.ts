import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { checkDeclared, EvidenceGate, EvidenceRefusedError, kindsForFileName } from './evidence-file-type';
import { cleanFileName, contentDisposition } from './evidence.service';

/** Runs bytes through the gate in small chunks (as a network would), answering the kind or the refusal. */
async function gate(bytes: Buffer, fileName: string, maxBytes = 1024 * 1024): Promise<string> {
  const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
    bytes.subarray(i * 7, i * 7 + 7),
  );
  const filter = new EvidenceGate(kindsForFileName(fileName), maxBytes);
  try {
    await text(Readable.from(chunks).pipe(filter));
    return filter.kind ?? 'no kind';
  } catch (error) {
    if (error instanceof EvidenceRefusedError) return error.reason;
    throw error;
  }
}

/** An OpenDocument package's first entry: `mimetype`, stored, holding its type (ODF 1.2 part 3). */
function openDocumentHead(type: string): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(0, 8);
  header.writeUInt32LE(type.length, 18);
  header.writeUInt32LE(type.length, 22);
  header.writeUInt16LE('mimetype'.length, 26);
  return Buffer.concat([header, Buffer.from('mimetype'), Buffer.from(type), Buffer.alloc(200)]);
}

describe('evidence file types (magic bytes)', () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(300),
  ]);
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300)]);
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]);

  it('knows PDF, PNG, JPEG, DOCX, XLSX, ODT and ODS by their content', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Minh chứng')] }] }),
    );
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Số liệu').addRow(['obj-4', 98, 100]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await gate(pdf, 'bao-cao.pdf')).toBe('pdf');
    expect(await gate(png, 'anh.PNG')).toBe('png');
    expect(await gate(jpeg, 'anh.jpg')).toBe('jpeg');
    expect(await gate(jpeg, 'anh.jpeg')).toBe('jpeg');
    expect(await gate(docx, 'bien-ban.docx')).toBe('docx');
    expect(await gate(xlsx, 'so-lieu.xlsx')).toBe('xlsx');
    expect(await gate(openDocumentHead('application/vnd.oasis.opendocument.text'), 'a.odt')).toBe('odt');
    expect(await gate(openDocumentHead('application/vnd.oasis.opendocument.spreadsheet'), 'a.ods')).toBe(
      'ods',
    );
    // A DOCX renamed .xlsx, a spreadsheet named .odt: the content decides.
    expect(await gate(docx, 'so-lieu.xlsx')).toBe('unsupported-type');
    expect(await gate(openDocumentHead('application/vnd.oasis.opendocument.spreadsheet'), 'a.odt')).toBe(
      'unsupported-type',
    );
  });

  it('refuses a program renamed .pdf, an image named .pdf, a plain ZIP named .docx, and an empty file', async () => {
    expect(await gate(exe, 'bao-cao.pdf')).toBe('unsupported-type');
    expect(await gate(png, 'bao-cao.pdf')).toBe('unsupported-type');
    const zip = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('setup.exe'),
    ]);
    expect(await gate(Buffer.concat([zip, Buffer.alloc(300)]), 'bien-ban.docx')).toBe('unsupported-type');
    expect(await gate(Buffer.alloc(0), 'bao-cao.pdf')).toBe('unsupported-type');
  });

  it('refuses the byte past the limit', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(1000)]);
    expect(await gate(big, 'a.pdf', big.length)).toBe('pdf');
    expect(await gate(big, 'a.pdf', big.length - 1)).toBe('too-large');
  });

  it('refuses names and declared types that are not evidence before reading', () => {
    expect(() => checkDeclared('setup.exe', 'application/octet-stream')).toThrow(EvidenceRefusedError);
    expect(() => checkDeclared('report', 'application/pdf')).toThrow(EvidenceRefusedError);
    expect(() => checkDeclared('report.pdf', 'application/x-msdownload')).toThrow(EvidenceRefusedError);
    expect(() => checkDeclared('report.pdf', 'application/pdf')).not.toThrow();
    expect(() => checkDeclared('report.pdf', '')).not.toThrow();
  });

  it('keeps the file name without a path or control characters, and downloads it under a safe header', () => {
    expect(cleanFileName('C:\\Users\\lan\\Sổ theo dõi\u0000 tháng 3.pdf')).toBe('Sổ theo dõi tháng 3.pdf');
    expect(cleanFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(cleanFileName(`${'a'.repeat(300)}.pdf`)).toHaveLength(200);
    expect(contentDisposition('Biên bản "đánh giá" (1).pdf')).toBe(
      `attachment; filename="Bien ban _danh gia_ _1_.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20%22%C4%91%C3%A1nh%20gi%C3%A1%22%20%281%29.pdf`,
    );
  });
});
