import { Transform } from 'node:stream';

const PDF = Buffer.from('%PDF-');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
/** A ZIP's first local header: every Office Open XML and OpenDocument package starts with one. */
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** A Compound File's signature ([MS-CFB] 2.2): the container of Word and Excel 97–2003 files. */
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * The kinds of file accepted as evidence, each with its type, the file-name extensions it may have
 * and the bytes every file of that kind starts with (`startsWith`: the first check of its content,
 * which a client can make too before sending; {@link EvidenceGate} then reads further).
 */
export const EVIDENCE_FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], startsWith: PDF },
  png: { contentType: 'image/png', extensions: ['png'], startsWith: PNG },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], startsWith: JPEG },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    startsWith: ZIP,
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    startsWith: ZIP,
  },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], startsWith: ZIP },
  ods: {
    contentType: 'application/vnd.oasis.opendocument.spreadsheet',
    extensions: ['ods'],
    startsWith: ZIP,
  },
  // Word and Excel 97–2003: many an office's registers and templates are still kept in them.
  doc: { contentType: 'application/msword', extensions: ['doc'], startsWith: CFB },
  xls: { contentType: 'application/vnd.ms-excel', extensions: ['xls'], startsWith: CFB },
} as const;
export type EvidenceFileKind = keyof typeof EVIDENCE_FILE_TYPES;

export const ACCEPTED_EXTENSIONS = Object.values(EVIDENCE_FILE_TYPES).flatMap((t) => t.extensions);
const ACCEPTED_CONTENT_TYPES = new Set<string>(Object.values(EVIDENCE_FILE_TYPES).map((t) => t.contentType));
/** What clients send when they do not know (curl without `;type=`, some browsers for office files). */
const UNKNOWN_CONTENT_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * Why a file is refused; the HTTP layer answers 413 or 415. `unsupported-type`: its name or declared
 * type is not one of ours; `content-mismatch`: its bytes are not what its name says (a web page
 * saved as `.xls`, as some software exports "Excel" files); `macros`: an office file carrying
 * macros (a VBA project, an Excel 4.0 macro sheet, LibreOffice Basic or scripts), which whoever
 * opens the evidence would be asked to run.
 */
export class EvidenceRefusedError extends Error {
  constructor(
    readonly reason: 'too-large' | 'unsupported-type' | 'content-mismatch' | 'macros',
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceRefusedError';
  }
}

export function extensionOf(fileName: string): string {
  return /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1].toLowerCase() ?? '';
}

/**
 * Refuses, before a byte is read, a file whose name or declared type is not one of ours. The
 * content decides in the end ({@link EvidenceGate}); this only stops the obvious early.
 */
export function checkDeclared(fileName: string, declaredType: string): void {
  const extension = extensionOf(fileName);
  if (!ACCEPTED_EXTENSIONS.includes(extension as never))
    throw new EvidenceRefusedError(
      'unsupported-type',
      `"${fileName}" is not an accepted evidence file: send ${ACCEPTED_EXTENSIONS.map((e) => '.' + e).join(', ')}`,
    );
  const declared = declaredType.split(';')[0].trim().toLowerCase();
  if (!UNKNOWN_CONTENT_TYPES.has(declared) && !ACCEPTED_CONTENT_TYPES.has(declared))
    throw new EvidenceRefusedError(
      'unsupported-type',
      `Files of type ${declared} are not accepted as evidence`,
    );
}

/** Enough of a ZIP's first local header to read an OpenDocument's `mimetype` entry. */
const HEAD_BYTES = 128;
/** Part names an Office Open XML package of each kind must contain (ECMA-376 part 1). */
const OOXML_MAIN_PARTS: [EvidenceFileKind, Buffer][] = [
  ['docx', Buffer.from('word/document.xml')],
  ['xlsx', Buffer.from('xl/workbook.xml')],
];
/**
 * The parts a package keeps its macros in, refused under any name: a macro-enabled Office package's
 * (.docm, .xlsm) VBA project and Excel 4.0 macro sheets (`xl/macrosheets/…`, ECMA-376 part 1
 * 12.3.19), and one embedded in another, which Office names
 * `…/embeddings/Microsoft_Excel_Macro-Enabled_Worksheet1.xlsm`; an OpenDocument's Basic libraries
 * (indexed in `Basic/script-lc.xml`) and scripts (`Scripts/<language>/…`), as LibreOffice stores
 * them.
 */
const PACKAGE_MACRO_PARTS = [
  'word/vbaProject.bin',
  'xl/vbaProject.bin',
  'xl/macrosheets/',
  '_Macro-Enabled_',
  'Basic/script-lc.xml',
  'Scripts/python/',
  'Scripts/javascript/',
  'Scripts/beanshell/',
  'Scripts/java/',
].map((name) => Buffer.from(name));
/** The bytes kept from one chunk to the next, so that a part's name split between them is seen. */
const PACKAGE_CARRY =
  Math.max(
    ...[...OOXML_MAIN_PARTS.map(([, name]) => name), ...PACKAGE_MACRO_PARTS].map((name) => name.length),
  ) - 1;
/** A Compound File's directory entry ([MS-CFB] 2.6): 128 bytes, always at a multiple of 128. */
const CFB_ENTRY_BYTES = 128;
/** The header's sector: the directory's entries come after it. */
const CFB_HEADER_BYTES = 512;
/** The stream in the root that makes a Compound File a Word ([MS-DOC] 2.1) or an Excel ([MS-XLS] 2.1.2) file. */
const CFB_MAIN_STREAMS = new Map<string, EvidenceFileKind>([
  ['WordDocument', 'doc'],
  ['Workbook', 'xls'],
  ['Book', 'xls'],
]);
/** The storages a VBA project lives in ([MS-OVBA] 2.2.1): Word's `Macros`, Excel's `_VBA_PROJECT_CUR`, and their `VBA`. */
const CFB_MACRO_STORAGES = new Set(['Macros', '_VBA_PROJECT_CUR', 'VBA']);
/**
 * A workbook names its sheets in BoundSheet records ([MS-XLS] 2.4.28; BIFF5's alike) near the start
 * of its `Workbook` (`Book`) stream: the record type 0x0085, its length, the sheet's offset (4
 * bytes), state, type and name. An Excel 4.0 macro sheet (type 1) or a VBA module sheet (type 6)
 * runs code as a VBA project does, with no project to show for it.
 */
const BOUND_SHEET = Buffer.from([0x85, 0x00]);
const MACRO_SHEET_TYPES = new Set([0x01, 0x06]);
/** The longest BoundSheet record: its header, 8 bytes of fields, and a 31-character name in UTF-16. */
const BOUND_SHEET_MAX_BYTES = 4 + 8 + 31 * 2;
/** What a sheet's name may not hold (Excel refuses them), so that a name is not any bytes. */
const SHEET_NAME_FORBIDDEN = new Set([...'\0:\\/?*[]'].map((c) => c.charCodeAt(0)));

/**
 * A pass-through stream that lets a file into the store only if it is what its name says and not
 * larger than `maxBytes`. The kind comes from the content, never from the client: the magic bytes of
 * PDF, PNG and JPEG; for a ZIP, the `mimetype` entry an OpenDocument starts with, or the main part
 * (`word/document.xml`, `xl/workbook.xml`) whose name every Office Open XML package carries in its
 * headers; for a Compound File, the main stream its directory names (`WordDocument`, `Workbook`). A
 * file carrying macros is refused whatever its name. It fails with
 * {@link EvidenceRefusedError} as soon as the answer is known (the first bytes, the byte past the
 * limit, or the end of a package), so the store keeps nothing.
 */
export class EvidenceGate extends Transform {
  /** Set once the file passed: the kind found in its content. */
  kind?: EvidenceFileKind;
  private size = 0;
  private head = Buffer.alloc(0);
  private headKind?: EvidenceFileKind | 'zip' | 'cfb';
  /** The kinds whose main part or stream was seen in a ZIP or a Compound File. */
  private readonly mainSeen = new Set<EvidenceFileKind>();
  private macrosSeen = false;
  private tail = Buffer.alloc(0);
  /** A Compound File's bytes from the last multiple of 128 on, and where they start in the file. */
  private cfbPending = Buffer.alloc(0);
  private cfbOffset = 0;
  /** A Compound File's last bytes, not yet read for a BoundSheet record that starts in them. */
  private sheetTail = Buffer.alloc(0);
  private macroSheetSeen = false;

  constructor(
    private readonly expected: EvidenceFileKind[],
    private readonly maxBytes: number,
  ) {
    super();
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null, data?: Buffer) => void,
  ) {
    this.size += chunk.length;
    if (this.size > this.maxBytes)
      return done(new EvidenceRefusedError('too-large', `The file is larger than ${this.maxBytes} bytes`));
    if (this.headKind === undefined) {
      this.head = Buffer.concat([this.head, chunk]).subarray(0, HEAD_BYTES);
      if (this.head.length >= HEAD_BYTES) {
        const refused = this.decideHead();
        if (refused) return done(refused);
      }
    }
    if (isPackage(this.headKind) || (this.headKind === undefined && startsWith(this.head, ZIP))) {
      const window = Buffer.concat([this.tail, chunk]);
      for (const [kind, name] of OOXML_MAIN_PARTS) if (window.includes(name)) this.mainSeen.add(kind);
      if (PACKAGE_MACRO_PARTS.some((name) => window.includes(name))) this.macrosSeen = true;
      this.tail = window.subarray(Math.max(0, window.length - PACKAGE_CARRY));
    }
    // From the first byte, before the head is known: the entries are found by their offsets.
    if (this.headKind === 'cfb' || this.headKind === undefined) {
      this.readDirectoryEntries(chunk);
      this.readSheetRecords(chunk, false);
    }
    done(null, chunk);
  }

  override _flush(done: (error?: Error | null) => void) {
    if (this.headKind === undefined) {
      const refused = this.decideHead();
      if (refused) return done(refused);
    }
    if ((this.headKind === 'odt' || this.headKind === 'ods') && this.macrosSeen) {
      this.kind = undefined;
      return done(macrosRefused());
    }
    if (this.headKind === 'zip') {
      const found = OOXML_MAIN_PARTS.map(([kind]) => kind).filter((kind) => this.mainSeen.has(kind));
      const kind = found.length === 1 ? found[0] : undefined;
      if (!kind || !this.expected.includes(kind))
        return done(this.mismatch(kind ?? 'an unknown ZIP archive'));
      if (this.macrosSeen) return done(macrosRefused());
      this.kind = kind;
    }
    if (this.headKind === 'cfb') {
      this.readSheetRecords(Buffer.alloc(0), true);
      // A Word file may hold an embedded spreadsheet (its streams in the same directory) and the
      // other way round: the file is what its name says if that kind's main stream is there.
      const kind = this.expected.find((k) => this.mainSeen.has(k));
      const found = [...this.mainSeen][0]?.toUpperCase();
      if (!kind)
        return done(
          this.mismatch(found ?? 'a Compound File that is neither a Word nor an Excel 97–2003 file'),
        );
      // A macro sheet counts in a workbook (or a file that holds one): elsewhere they are only bytes.
      if (this.macrosSeen || (this.macroSheetSeen && this.mainSeen.has('xls'))) return done(macrosRefused());
      this.kind = kind;
    }
    done();
  }

  /**
   * Reads the names in a Compound File's directory as the bytes pass, without holding the file: its
   * entries sit at multiples of 128 past the header, wherever its sectors put the directory. A
   * block is taken for an entry only if its name's length, its terminating NUL, its type (storage
   * or stream) and its colour are all an entry's.
   */
  private readDirectoryEntries(chunk: Buffer) {
    let pending = Buffer.concat([this.cfbPending, chunk]);
    while (pending.length >= CFB_ENTRY_BYTES) {
      if (this.cfbOffset >= CFB_HEADER_BYTES) {
        const entry = directoryEntry(pending.subarray(0, CFB_ENTRY_BYTES));
        const kind = entry?.type === 'stream' ? CFB_MAIN_STREAMS.get(entry.name) : undefined;
        if (kind) this.mainSeen.add(kind);
        if (entry?.type === 'storage' && CFB_MACRO_STORAGES.has(entry.name)) this.macrosSeen = true;
      }
      pending = pending.subarray(CFB_ENTRY_BYTES);
      this.cfbOffset += CFB_ENTRY_BYTES;
    }
    this.cfbPending = Buffer.from(pending);
  }

  /**
   * Looks for a BoundSheet record naming a macro sheet as the bytes pass, wherever the workbook's
   * sectors lie: a record is read where its longest form fits in what has come, the rest kept for
   * the next bytes (or the end, `last`). One is taken only if its state, type, length and name are
   * all a sheet's.
   */
  private readSheetRecords(chunk: Buffer, last: boolean) {
    const bytes = Buffer.concat([this.sheetTail, chunk]);
    const readUpTo = last ? bytes.length : bytes.length - BOUND_SHEET_MAX_BYTES + 1;
    for (
      let at = bytes.indexOf(BOUND_SHEET);
      at !== -1 && at < readUpTo;
      at = bytes.indexOf(BOUND_SHEET, at + 1)
    )
      if (namesMacroSheet(bytes, at)) this.macroSheetSeen = true;
    this.sheetTail = Buffer.from(bytes.subarray(Math.max(0, readUpTo)));
  }

  private decideHead(): EvidenceRefusedError | undefined {
    const head = this.head;
    let kind: EvidenceFileKind | 'zip' | 'cfb' | undefined;
    if (startsWith(head, PDF)) kind = 'pdf';
    else if (startsWith(head, PNG)) kind = 'png';
    else if (startsWith(head, JPEG)) kind = 'jpeg';
    else if (startsWith(head, ZIP)) kind = openDocumentKind(head) ?? 'zip';
    else if (startsWith(head, CFB)) kind = 'cfb';
    if (kind === undefined) return this.mismatch('none of the accepted kinds');
    if (kind === 'zip') {
      if (!this.expected.some((k) => k === 'docx' || k === 'xlsx')) return this.mismatch('a ZIP archive');
    } else if (kind === 'cfb') {
      if (!this.expected.some((k) => k === 'doc' || k === 'xls'))
        return this.mismatch('a Word or Excel 97–2003 file');
    } else if (!this.expected.includes(kind)) return this.mismatch(kind.toUpperCase());
    else this.kind = kind;
    this.headKind = kind;
    return undefined;
  }

  private mismatch(found: string): EvidenceRefusedError {
    return new EvidenceRefusedError(
      'content-mismatch',
      `The file's content is ${found}, not ${this.expected.map((k) => k.toUpperCase()).join(' or ')} as its name says`,
    );
  }
}

const startsWith = (bytes: Buffer, prefix: Buffer) => bytes.subarray(0, prefix.length).equals(prefix);

/** A ZIP package, Office Open XML (`zip` until its main part is seen) or OpenDocument. */
const isPackage = (kind: EvidenceFileKind | 'zip' | 'cfb' | undefined) =>
  kind === 'zip' || kind === 'odt' || kind === 'ods';

function macrosRefused(): EvidenceRefusedError {
  return new EvidenceRefusedError(
    'macros',
    'The file carries macros (VBA, Excel 4.0 macro sheets, LibreOffice Basic or scripts): save it without them (.docx, .xlsx or PDF) and send that',
  );
}

/** Whether a BoundSheet record at `at` names a macro sheet, BIFF8's (a name flag) or BIFF5's. */
function namesMacroSheet(bytes: Buffer, at: number): boolean {
  if (at + 12 > bytes.length) return false;
  const length = bytes.readUInt16LE(at + 2);
  const state = bytes[at + 8];
  const type = bytes[at + 9];
  const chars = bytes[at + 10];
  if (state > 2 || !MACRO_SHEET_TYPES.has(type) || chars < 1 || chars > 31) return false;
  if (at + 4 + length > bytes.length) return false;
  const wide = bytes[at + 11];
  // BIFF8: a byte saying whether the name is in UTF-16, then the name; BIFF5: the name in bytes.
  if (wide <= 1 && length === 8 + chars * (wide + 1)) {
    const name = bytes.subarray(at + 12, at + 4 + length);
    return wide === 1
      ? sheetName(name.length / 2, (i) => name.readUInt16LE(i * 2))
      : sheetName(chars, (i) => name[i]);
  }
  if (length === 7 + chars) return sheetName(chars, (i) => bytes[at + 11 + i]);
  return false;
}

/** Whether these `chars` characters could be a sheet's name: none Excel refuses in one. */
function sheetName(chars: number, charAt: (i: number) => number): boolean {
  for (let i = 0; i < chars; i++) if (SHEET_NAME_FORBIDDEN.has(charAt(i))) return false;
  return true;
}

/** A Compound File directory entry's name and type, if these 128 bytes are one ([MS-CFB] 2.6). */
function directoryEntry(bytes: Buffer): { name: string; type: 'storage' | 'stream' } | undefined {
  const nameBytes = bytes.readUInt16LE(64); // with its terminating NUL
  const objectType = bytes[66];
  const colour = bytes[67];
  if (nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0) return undefined;
  if ((objectType !== 1 && objectType !== 2) || colour > 1) return undefined;
  if (bytes.readUInt16LE(nameBytes - 2) !== 0) return undefined;
  return { name: bytes.toString('utf16le', 0, nameBytes - 2), type: objectType === 1 ? 'storage' : 'stream' };
}

/** The kinds a file of that name may be (by its extension). */
export function kindsForFileName(fileName: string): EvidenceFileKind[] {
  const extension = extensionOf(fileName);
  return (Object.keys(EVIDENCE_FILE_TYPES) as EvidenceFileKind[]).filter((kind) =>
    (EVIDENCE_FILE_TYPES[kind].extensions as readonly string[]).includes(extension),
  );
}

/**
 * An OpenDocument package starts with an uncompressed entry `mimetype` holding its type (ODF 1.2
 * part 3, 3.3): local header (30 bytes), the name, the extra field, then the type as stored bytes.
 */
function openDocumentKind(head: Buffer): EvidenceFileKind | undefined {
  if (head.length < 30) return undefined;
  const method = head.readUInt16LE(8);
  const storedSize = head.readUInt32LE(18);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  if (method !== 0 || head.toString('latin1', 30, 30 + nameLength) !== 'mimetype') return undefined;
  const start = 30 + nameLength + extraLength;
  const type = head.toString('latin1', start, start + storedSize);
  if (type === EVIDENCE_FILE_TYPES.odt.contentType) return 'odt';
  if (type === EVIDENCE_FILE_TYPES.ods.contentType) return 'ods';
  return undefined;
}
