import * as CFB from 'cfb';

/**
 * A Compound File ([MS-CFB]) holding these streams (path → its bytes, or a size in bytes filled
 * alike), written by SheetJS's `cfb`, an implementation of its own: the container of Word and Excel
 * 97–2003 files (`/WordDocument`, `/Workbook`), of their macro projects (`/Macros/VBA/…`) and of
 * PowerPoint's.
 */
export function compoundFile(streams: Record<string, number | Buffer>): Buffer {
  const container = CFB.utils.cfb_new();
  for (const [path, content] of Object.entries(streams))
    CFB.utils.cfb_add(
      container,
      path,
      typeof content === 'number' ? Buffer.alloc(content, path.length) : content,
    );
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

/** A sheet of a workbook, as its BoundSheet record names it ([MS-XLS] 2.4.28). */
export interface WorkbookSheet {
  name: string;
  /** Its `dt`: a worksheet (0), an Excel 4.0 macro sheet (1), a chart (2) or a VBA module (6). */
  type: 'worksheet' | 'macro-sheet' | 'chart' | 'vba-module';
  /** Its `hsState`: visible (0), hidden (1) or "very hidden" (2), which only a macro can show again. */
  state?: 'visible' | 'hidden' | 'very-hidden';
}

const SHEET_TYPES = { worksheet: 0x00, 'macro-sheet': 0x01, chart: 0x02, 'vba-module': 0x06 };
const SHEET_STATES = { visible: 0, hidden: 1, 'very-hidden': 2 };

/**
 * An Excel workbook stream's globals substream ([MS-XLS] 2.1.7.20.1): its BOF, a BoundSheet record
 * per sheet, its EOF, then `padding` zero bytes (a stream of 4,096 bytes or more leaves the Compound
 * File's mini stream for its own sectors). BIFF8 is Excel 97–2003's (`/Workbook`), names in UTF-16
 * when they need it; BIFF5 is Excel 5/95's (`/Book`), names in bytes.
 */
export function workbookStream(
  sheets: WorkbookSheet[],
  { biff = 8, padding = 0 }: { biff?: 5 | 8; padding?: number } = {},
): Buffer {
  const record = (type: number, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(type, 0);
    head.writeUInt16LE(body.length, 2);
    return Buffer.concat([head, body]);
  };
  const bof = Buffer.alloc(biff === 8 ? 16 : 8);
  bof.writeUInt16LE(biff === 8 ? 0x0600 : 0x0500, 0);
  bof.writeUInt16LE(0x0005, 2); // the workbook globals
  const boundSheets = sheets.map(({ name, type, state = 'visible' }) => {
    const wide = biff === 8 && [...name].some((c) => c.charCodeAt(0) > 0xff);
    const fixed = Buffer.from([0, 0, 0, 0, SHEET_STATES[state], SHEET_TYPES[type], name.length]);
    const encoded = wide ? Buffer.from(name, 'utf16le') : Buffer.from(name, 'latin1');
    return record(
      0x0085,
      Buffer.concat([fixed, biff === 8 ? Buffer.from([wide ? 1 : 0]) : Buffer.alloc(0), encoded]),
    );
  });
  return Buffer.concat([
    record(0x0809, bof),
    ...boundSheets,
    record(0x000a, Buffer.alloc(0)),
    Buffer.alloc(padding),
  ]);
}

/**
 * An OLE Package object ([MS-OLEDS] 2.3.6): a file wrapped as an icon in a Word or Excel document,
 * its `\u0001Ole10Native` stream as Windows' Packager writes it — the size, 2, the label and the
 * original path (each ending in a NUL), 0 and 3, the temporary path's length and the path, the
 * file's length and its bytes. What Word embeds when a file is dragged into a document.
 */
export function packageObject(label: string, path: string, content: Buffer): Buffer {
  return compoundFile({
    '/\u0001CompObj': Buffer.from('Package\0', 'latin1'),
    '/\u0001Ole10Native': packageNativeStream(label, path, content),
  });
}

/** A Package object's `\u0001Ole10Native` stream, as in {@link packageObject}. */
export function packageNativeStream(label: string, path: string, content: Buffer): Buffer {
  const u16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);
  const u32 = (n: number) => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(n);
    return bytes;
  };
  const text = (value: string) => Buffer.from(`${value}\0`, 'latin1');
  const temporary = `C:\\Users\\a\\AppData\\Local\\Temp\\${label}`;
  const native = Buffer.concat([
    u16(2),
    text(label),
    text(path),
    u16(0),
    u16(3),
    u32(temporary.length + 1),
    text(temporary),
    u32(content.length),
    content,
  ]);
  return Buffer.concat([u32(native.length), native]);
}
