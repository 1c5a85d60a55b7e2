import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import {
  compoundFile,
  packageNativeStream,
  packageObject,
  workbookStream,
  type WorkbookSheet,
} from '@qcycle/testing';
import { checkDeclared, EvidenceGate, EvidenceRefusedError, kindsForFileName } from './evidence-file-type';
import { cleanFileName, contentDisposition } from './evidence.service';

/**
 * Runs bytes through the gate in chunks (7 bytes: every boundary a network could cut at, unless
 * told), answering the kind or the refusal.
 */
async function gate(
  bytes: Buffer,
  fileName: string,
  maxBytes = 1024 * 1024,
  chunkBytes = 7,
): Promise<string> {
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunkBytes) }, (_, i) =>
    bytes.subarray(i * chunkBytes, (i + 1) * chunkBytes),
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

/** A ZIP's local file headers for these names, as a package's first bytes show them. */
function zipOf(names: string[]): Buffer {
  return Buffer.concat([
    ...names.map((name) => {
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(name.length, 26);
      return Buffer.concat([header, Buffer.from(name), Buffer.alloc(100)]);
    }),
    Buffer.alloc(300),
  ]);
}

/**
 * A package with these files added, written again by JSZip: deflated with each file's sizes in its
 * local header or after its data (`streamFiles`, as a writer that streams does), or stored alike.
 */
async function withFiles(
  base: Buffer,
  files: Record<string, Buffer>,
  packing: 'deflated' | 'deflated, sizes after' | 'stored' | 'stored, sizes after' = 'deflated',
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(base);
  for (const [name, bytes] of Object.entries(files)) zip.file(name, bytes);
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: packing.startsWith('stored') ? 'STORE' : 'DEFLATE',
    streamFiles: packing.endsWith('sizes after'),
  });
}

/** A one-page PDF with this file attached (an embedded file stream), as pdf-lib writes one. */
async function withAttached(bytes: Buffer, name: string): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage();
  await document.attach(bytes, name, { mimeType: 'application/octet-stream' });
  return Buffer.from(await document.save());
}

/**
 * A PDF written out by hand from its objects' text, with its cross-reference table: for the forms
 * no library writes (a name spelt with `#` escapes, a stream of chosen bytes).
 */
function handWrittenPdf(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((object, i) => {
    offsets.push(length);
    const part = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.from(object),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(part);
    length += part.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`),
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`,
  ].join('');
  return Buffer.concat([...parts, Buffer.from(xref)]);
}

/** A stream object: its dictionary, then its bytes. */
const streamObject = (dictionary: string, bytes: Buffer) =>
  Buffer.concat([
    Buffer.from(`<< ${dictionary} /Length ${bytes.length} >>\nstream\n`),
    bytes,
    Buffer.from('\nendstream'),
  ]);

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
    expect(await gate(docx, 'so-lieu.xlsx')).toBe('content-mismatch');
    expect(await gate(openDocumentHead('application/vnd.oasis.opendocument.spreadsheet'), 'a.odt')).toBe(
      'content-mismatch',
    );
  });

  it('knows a Word or Excel 97–2003 file by the main stream its directory names, wherever the directory lies', async () => {
    // Streams large enough to put the directory past the FAT and the data, read 7 bytes at a time.
    const doc = compoundFile({ '/WordDocument': 40_000, '/1Table': 9_000, '/\u0005SummaryInformation': 400 });
    const xls = compoundFile({ '/Workbook': 70_000, '/\u0005DocumentSummaryInformation': 300 });
    const excel95 = compoundFile({ '/Book': 5_000 });
    expect(await gate(doc, 'Bien ban hop.DOC')).toBe('doc');
    expect(await gate(xls, 'so-theo-doi.xls')).toBe('xls');
    expect(await gate(excel95, 'so-lieu-cu.xls')).toBe('xls');
    // Named for what it is not: the content decides, as for every other kind.
    expect(await gate(doc, 'so-theo-doi.xls')).toBe('content-mismatch');
    expect(await gate(xls, 'bien-ban.doc')).toBe('content-mismatch');
    expect(await gate(doc, 'bien-ban.docx')).toBe('content-mismatch');
    // Names that are also an object's own properties are only names.
    expect(await gate(compoundFile({ '/constructor': 4_000, '/toString': 100 }), 'a.doc')).toBe(
      'content-mismatch',
    );
    expect(await gate(compoundFile({ '/PowerPoint Document': 8_000 }), 'trinh-chieu.doc')).toBe(
      'content-mismatch',
    );
    // A spreadsheet embedded in a Word file puts its Workbook stream in the same directory.
    expect(
      await gate(compoundFile({ '/WordDocument': 5_000, '/ObjectPool/_1/Workbook': 5_000 }), 'a.doc'),
    ).toBe('doc');
  });

  it('refuses a file carrying a macro project, old or new format, whatever its name', async () => {
    expect(await gate(compoundFile({ '/WordDocument': 5_000, '/Macros/VBA/dir': 500 }), 'bien-ban.doc')).toBe(
      'macros',
    );
    expect(
      await gate(compoundFile({ '/Workbook': 5_000, '/_VBA_PROJECT_CUR/VBA/dir': 500 }), 'so-lieu.xls'),
    ).toBe('macros');
    // A .docm or .xlsm renamed: its VBA project is a part of the package.
    expect(await gate(zipOf(['word/document.xml', 'word/vbaProject.bin']), 'bien-ban.docx')).toBe('macros');
    expect(await gate(zipOf(['xl/workbook.xml', 'xl/vbaProject.bin']), 'so-lieu.xlsx')).toBe('macros');
    expect(await gate(zipOf(['[Content_Types].xml', 'xl/workbook.xml']), 'so-lieu.xlsx')).toBe('xlsx');
  });

  it('refuses a workbook with an Excel 4.0 macro sheet or a VBA module sheet, hidden or not, old or new format', async () => {
    const sheets = (...extra: WorkbookSheet[]): WorkbookSheet[] => [
      { name: 'Số liệu', type: 'worksheet' },
      { name: 'Biểu đồ', type: 'chart' },
      { name: 'Data', type: 'worksheet', state: 'hidden' },
      ...extra,
    ];
    // Worksheets and charts, in the mini stream (under 4,096 bytes) or in sectors of their own.
    expect(await gate(compoundFile({ '/Workbook': workbookStream(sheets()) }), 'so-lieu.xls')).toBe('xls');
    expect(
      await gate(compoundFile({ '/Workbook': workbookStream(sheets(), { padding: 9_000 }) }), 'so-lieu.xls'),
    ).toBe('xls');
    // A macro sheet "very hidden" (only a macro shows it again), as malicious workbooks hide theirs.
    const hiddenMacros = sheets({ name: 'Macro1', type: 'macro-sheet', state: 'very-hidden' });
    expect(await gate(compoundFile({ '/Workbook': workbookStream(hiddenMacros) }), 'so-lieu.xls')).toBe(
      'macros',
    );
    expect(
      await gate(
        compoundFile({ '/Workbook': workbookStream(hiddenMacros, { padding: 9_000 }), '/Ctls': 300 }),
        'so-lieu.xls',
      ),
    ).toBe('macros');
    // Named in UTF-16; Excel 5/95's records (`Book`); a VBA module sheet.
    expect(
      await gate(
        compoundFile({ '/Workbook': workbookStream(sheets({ name: 'Tổng hợp', type: 'macro-sheet' })) }),
        'a.xls',
      ),
    ).toBe('macros');
    expect(
      await gate(
        compoundFile({
          '/Book': workbookStream(sheets({ name: 'Macro1', type: 'macro-sheet' }), { biff: 5 }),
        }),
        'a.xls',
      ),
    ).toBe('macros');
    expect(
      await gate(
        compoundFile({
          '/Book': workbookStream(sheets({ name: 'Module1', type: 'vba-module' }), { biff: 5 }),
        }),
        'a.xls',
      ),
    ).toBe('macros');
    expect(await gate(compoundFile({ '/Book': workbookStream(sheets(), { biff: 5 }) }), 'a.xls')).toBe('xls');
    // The same bytes in a Word file's text are only bytes; in its embedded workbook, a macro sheet.
    expect(await gate(compoundFile({ '/WordDocument': workbookStream(hiddenMacros) }), 'a.doc')).toBe('doc');
    expect(
      await gate(
        compoundFile({ '/WordDocument': 5_000, '/ObjectPool/_1/Workbook': workbookStream(hiddenMacros) }),
        'a.doc',
      ),
    ).toBe('macros');
    // A macro-enabled workbook embedded in a Word file, as Office names it.
    expect(
      await gate(
        zipOf(['word/document.xml', 'word/embeddings/Microsoft_Excel_Macro-Enabled_Worksheet1.xlsm']),
        'bien-ban.docx',
      ),
    ).toBe('macros');
    expect(
      await gate(
        zipOf(['word/document.xml', 'word/embeddings/Microsoft_Excel_Worksheet1.xlsx']),
        'bien-ban.docx',
      ),
    ).toBe('docx');
    // An .xlsm's macro sheets, the package renamed .xlsx.
    expect(await gate(zipOf(['xl/workbook.xml', 'xl/macrosheets/sheet1.xml']), 'so-lieu.xlsx')).toBe(
      'macros',
    );
  });

  it('refuses an OpenDocument carrying LibreOffice Basic or scripts', async () => {
    const withParts = (type: string, names: string[]) =>
      Buffer.concat([openDocumentHead(type), zipOf(['content.xml', 'styles.xml', ...names])]);
    const text = 'application/vnd.oasis.opendocument.text';
    const spreadsheet = 'application/vnd.oasis.opendocument.spreadsheet';
    // As LibreOffice saves a document of its own: settings and an empty toolbar configuration.
    expect(
      await gate(withParts(text, ['Configurations2/toolbar/', 'Thumbnails/thumbnail.png']), 'bien-ban.odt'),
    ).toBe('odt');
    expect(
      await gate(
        withParts(text, [
          'Basic/Standard/Module1.xml',
          'Basic/Standard/script-lb.xml',
          'Basic/script-lc.xml',
        ]),
        'bien-ban.odt',
      ),
    ).toBe('macros');
    expect(await gate(withParts(spreadsheet, ['Scripts/python/tinh_toan.py']), 'so-lieu.ods')).toBe('macros');
  });

  it('refuses an office file embedding a file that carries macros, however the package packs it', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Biên bản kiểm tra')] }] }),
    );
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Số liệu').addRow(['obj-4', 98, 100]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    // OLE objects as Office keeps them: a Word 97–2003 document with a VBA project, a workbook with
    // a very hidden Excel 4.0 macro sheet; and the same without.
    const wordWithMacros = compoundFile({ '/WordDocument': 5_000, '/Macros/VBA/dir': 500 });
    const sheets: WorkbookSheet[] = [{ name: 'Số liệu', type: 'worksheet' }];
    const workbookWithMacroSheet = compoundFile({
      '/Workbook': workbookStream([
        ...sheets,
        { name: 'Auto_Open', type: 'macro-sheet', state: 'very-hidden' },
      ]),
    });
    const plainWorkbook = compoundFile({ '/Workbook': workbookStream(sheets, { padding: 9_000 }) });
    for (const packing of ['deflated', 'deflated, sizes after', 'stored', 'stored, sizes after'] as const) {
      const docxWith = (files: Record<string, Buffer>) => withFiles(docx, files, packing);
      expect(await gate(await docxWith({ 'word/embeddings/oleObject1.bin': wordWithMacros }), 'a.docx')).toBe(
        'macros',
      );
      expect(
        await gate(
          await docxWith({
            'word/embeddings/Microsoft_Excel_97-2003_Worksheet1.xls': workbookWithMacroSheet,
          }),
          'a.docx',
        ),
      ).toBe('macros');
      expect(
        await gate(
          await docxWith({ 'word/embeddings/Microsoft_Excel_97-2003_Worksheet1.xls': plainWorkbook }),
          'a.docx',
        ),
      ).toBe('docx');
    }
    // A chart's workbook, as Word embeds one: read, and taken.
    expect(
      await gate(await withFiles(docx, { 'word/embeddings/Microsoft_Excel_Worksheet.xlsx': xlsx }), 'a.docx'),
    ).toBe('docx');
    // A macro-enabled workbook under an .xlsx name inside; one more level down; in a workbook.
    const xlsm = await withFiles(xlsx, { 'xl/vbaProject.bin': Buffer.alloc(2_000, 1) });
    expect(
      await gate(
        await withFiles(docx, { 'word/embeddings/Microsoft_Excel_Worksheet1.xlsx': xlsm }),
        'a.docx',
      ),
    ).toBe('macros');
    const xlsxWithOle = await withFiles(xlsx, { 'xl/embeddings/oleObject1.bin': wordWithMacros });
    expect(await gate(xlsxWithOle, 'so-lieu.xlsx')).toBe('macros');
    expect(
      await gate(
        await withFiles(docx, { 'word/embeddings/Microsoft_Excel_Worksheet1.xlsx': xlsxWithOle }),
        'a.docx',
      ),
    ).toBe('macros');
    // LibreOffice keeps an OLE object as it came, `Object 1` at the package's root.
    const odtWith = (object: Buffer) => {
      const odt = new JSZip();
      odt.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
      odt.file('content.xml', '<office:document-content/>');
      odt.file('ObjectReplacements/Object 1', Buffer.alloc(400, 2));
      odt.file('Object 1', object);
      return odt.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };
    expect(await gate(await odtWith(wordWithMacros), 'bien-ban.odt')).toBe('macros');
    expect(await gate(await odtWith(plainWorkbook), 'bien-ban.odt')).toBe('odt');
  });

  it('refuses a document packing a program or script as an object (an icon that runs it), and takes one packing a PDF', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Biên bản')] }] }),
    );
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]);
    const packed = (label: string, content = program) =>
      packageObject(label, `C:\\Users\\lan\\Desktop\\${label}`, content);
    for (const packing of ['deflated', 'stored, sizes after'] as const) {
      const docxWith = (object: Buffer) =>
        withFiles(docx, { 'word/embeddings/oleObject1.bin': object }, packing);
      // In the Compound File's mini stream, and (6,000 bytes) in sectors of its own.
      expect(await gate(await docxWith(packed('cap-nhat.exe')), 'a.docx')).toBe('program');
      expect(await gate(await docxWith(packed('cap-nhat.exe', Buffer.alloc(6_000, 0x90))), 'a.docx')).toBe(
        'program',
      );
      expect(await gate(await docxWith(packed('mo-bien-ban.VBS')), 'a.docx')).toBe('program');
      // A scanned minutes' PDF dragged into the document: taken.
      expect(await gate(await docxWith(packed('bien-ban.pdf', Buffer.from('%PDF-1.7\n%…'))), 'a.docx')).toBe(
        'docx',
      );
    }
    // In 64 KiB chunks, as a network gives them.
    const large = await withFiles(docx, {
      'word/embeddings/oleObject1.bin': packed('cap-nhat.exe', Buffer.alloc(90_000, 0x90)),
    });
    expect(await gate(large, 'a.docx', 1024 * 1024, 64 * 1024)).toBe('program');
    // In an old Word file itself (its objects' storage), and in a workbook.
    const doc = compoundFile({
      '/WordDocument': 5_000,
      '/ObjectPool/_1234/\u0001Ole10Native': packageNativeStream('chay.bat', 'D:\\chay.bat', program),
    });
    expect(await gate(doc, 'bien-ban.doc')).toBe('program');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Số liệu').addRow(['obj-4', 98, 100]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(
      await gate(
        await withFiles(xlsx, { 'xl/embeddings/oleObject1.bin': packed('setup.msi') }),
        'so-lieu.xlsx',
      ),
    ).toBe('program');
    // The same bytes in a document's text, with no Package object in its directory: only bytes.
    const native = packageNativeStream('cap-nhat.exe', 'C:\\cap-nhat.exe', program);
    expect(await gate(compoundFile({ '/WordDocument': native }), 'bien-ban.doc')).toBe('doc');
    // Attached to a PDF: a document packing one, and a program as it is.
    expect(await gate(await withAttached(program, 'cap-nhat.exe'), 'bao-cao.pdf')).toBe('program');
    expect(
      await gate(await withAttached(Buffer.from('Số liệu;98;100\n'), 'so-lieu.csv'), 'bao-cao.pdf'),
    ).toBe('pdf');
    const docxPacking = await withFiles(docx, { 'word/embeddings/oleObject1.bin': packed('cap-nhat.exe') });
    expect(await gate(await withAttached(docxPacking, 'bien-ban.docx'), 'bao-cao.pdf')).toBe('program');
  });

  it('reads every one of thousands of embedded files, and refuses the package if one of them carries macros', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Phụ lục')] }] }),
    );
    const plain = compoundFile({ '/Workbook': workbookStream([{ name: 'Số liệu', type: 'worksheet' }]) });
    const objects = Object.fromEntries(
      Array.from({ length: 3_000 }, (_, i) => [`word/embeddings/oleObject${i + 1}.bin`, plain]),
    );
    // In 64 KiB chunks, as a network gives them: thousands of files, read one after the other.
    const inChunks = (bytes: Buffer) => gate(bytes, 'a.docx', 20 * 1024 * 1024, 64 * 1024);
    expect(await inChunks(await withFiles(docx, objects))).toBe('docx');
    const oneWithMacros = compoundFile({ '/WordDocument': 5_000, '/Macros/VBA/dir': 500 });
    for (const packing of ['deflated', 'deflated, sizes after'] as const)
      expect(
        await inChunks(
          await withFiles(docx, { ...objects, 'word/embeddings/oleObject1500.bin': oneWithMacros }, packing),
        ),
      ).toBe('macros');
  });

  it('refuses a package whose embedded files unpack to more than four times the largest file', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Phụ lục')] }] }),
    );
    const maxBytes = 256 * 1024;
    // Zeros deflate to a thousandth of their size: a few KB that would unpack to gigabytes.
    const unpacking = (bytes: number) =>
      withFiles(docx, {
        'word/embeddings/oleObject1.bin': Buffer.concat([
          compoundFile({ '/Ole10Native': 600 }),
          Buffer.alloc(bytes),
        ]),
      });
    const tooMuch = await unpacking(4 * maxBytes);
    expect(tooMuch.length).toBeLessThan(maxBytes / 10);
    expect(await gate(tooMuch, 'a.docx', maxBytes)).toBe('unpacked-too-large');
    expect(await gate(await unpacking(3 * maxBytes), 'a.docx', maxBytes)).toBe('docx');
  });

  it('refuses a PDF carrying JavaScript or a launch action, wherever its objects keep it', async () => {
    const report = async (add?: (document: PDFDocument) => void, useObjectStreams = true) => {
      const document = await PDFDocument.create();
      const font = await document.embedFont(StandardFonts.Helvetica);
      document.addPage().drawText('Bao cao so lieu thang 3: /JS /Launch JavaScript', { font, x: 50, y: 700 });
      add?.(document);
      return Buffer.from(await document.save({ useObjectStreams }));
    };
    const openAction = (action: string, key: string, value: string) => (document: PDFDocument) =>
      document.catalog.set(
        PDFName.of('OpenAction'),
        document.context.obj({ S: action, [key]: PDFString.of(value) }),
      );
    for (const useObjectStreams of [true, false]) {
      // The words in a page's text are only text.
      expect(await gate(await report(undefined, useObjectStreams), 'bao-cao.pdf')).toBe('pdf');
      // A document-level script, as a form tool adds one; one run on opening; a program started.
      expect(
        await gate(await report((d) => d.addJavaScript('main', 'app.alert("!")'), useObjectStreams), 'a.pdf'),
      ).toBe('scripts');
      expect(
        await gate(await report(openAction('JavaScript', 'JS', 'app.alert(1)'), useObjectStreams), 'a.pdf'),
      ).toBe('scripts');
      expect(await gate(await report(openAction('Launch', 'F', 'cmd.exe'), useObjectStreams), 'a.pdf')).toBe(
        'scripts',
      );
    }
    // A name spelt with escapes is the same name.
    const catalog = '<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>';
    const pages = '<< /Type /Pages /Kids [] /Count 0 >>';
    expect(
      await gate(handWrittenPdf([catalog, pages, '<< /S /J#61vaScript /J#53 (app.alert(1)) >>']), 'a.pdf'),
    ).toBe('scripts');
    expect(await gate(handWrittenPdf([catalog, pages, '<< /S /GoTo /D [0 /Fit] >>']), 'a.pdf')).toBe('pdf');
    // A stream's bytes are not read (a picture, a font, a page), whatever they hold.
    const bytes = Buffer.from('BT /JS 12 Tf (x) Tj ET /JavaScript /Launch');
    expect(
      await gate(handWrittenPdf([catalog, pages, streamObject('/Subtype /Image', bytes)]), 'a.pdf'),
    ).toBe('pdf');
    // In an object stream, compressed: unpacked as it passes.
    const objects = '<< /S /JavaScript /JS (app.alert(1)) >>';
    expect(
      await gate(
        handWrittenPdf([
          catalog,
          pages,
          streamObject('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', deflateSync(`4 0 ${objects}`)),
        ]),
        'a.pdf',
      ),
    ).toBe('scripts');
  });

  it('refuses a PDF with a file attached that carries macros, and takes one with a plain file attached', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Số liệu').addRow(['obj-4', 98, 100]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await gate(await withAttached(xlsx, 'so-lieu.xlsx'), 'bao-cao.pdf')).toBe('pdf');
    expect(
      await gate(await withAttached(compoundFile({ '/Workbook': 6_000 }), 'so-lieu.xls'), 'bao-cao.pdf'),
    ).toBe('pdf');
    const wordWithMacros = compoundFile({ '/WordDocument': 5_000, '/Macros/VBA/dir': 500 });
    expect(await gate(await withAttached(wordWithMacros, 'bien-ban.doc'), 'bao-cao.pdf')).toBe('macros');
    const xlsm = await withFiles(xlsx, { 'xl/vbaProject.bin': Buffer.alloc(2_000, 1) });
    expect(await gate(await withAttached(xlsm, 'so-lieu.xlsm'), 'bao-cao.pdf')).toBe('macros');
    // Attached unfiltered, its bytes as they are.
    expect(
      await gate(
        handWrittenPdf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [] /Count 0 >>',
          streamObject('/Type /EmbeddedFile', wordWithMacros),
        ]),
        'bao-cao.pdf',
      ),
    ).toBe('macros');
  });

  it('refuses a PDF whose object streams unpack to more than four times the largest file', async () => {
    const maxBytes = 256 * 1024;
    const pdfUnpacking = (bytes: number) =>
      handWrittenPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [] /Count 0 >>',
        streamObject(
          '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode',
          deflateSync(Buffer.alloc(bytes, 0x20)),
        ),
      ]);
    expect(await gate(pdfUnpacking(4 * maxBytes + 1), 'a.pdf', maxBytes)).toBe('unpacked-too-large');
    expect(await gate(pdfUnpacking(3 * maxBytes), 'a.pdf', maxBytes)).toBe('pdf');
  });

  it('refuses a program renamed .pdf, an image named .pdf, a plain ZIP named .docx, and an empty file', async () => {
    expect(await gate(exe, 'bao-cao.pdf')).toBe('content-mismatch');
    expect(await gate(png, 'bao-cao.pdf')).toBe('content-mismatch');
    const zip = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('setup.exe'),
    ]);
    expect(await gate(Buffer.concat([zip, Buffer.alloc(300)]), 'bien-ban.docx')).toBe('content-mismatch');
    expect(await gate(Buffer.alloc(0), 'bao-cao.pdf')).toBe('content-mismatch');
    // What some software exports as "Excel": a web page's table under an .xls name.
    const htmlTable = Buffer.from(
      `<html><body><table><tr><td>obj-4</td><td>98</td></tr></table>${' '.repeat(200)}</body></html>`,
    );
    expect(await gate(htmlTable, 'so-lieu-xuat.xls')).toBe('content-mismatch');
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
