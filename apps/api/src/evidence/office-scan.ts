import { Unpacker, type Packing, type UnpackBudget } from './unpacker';

/**
 * What an office file holds, read as its bytes stream past, never holding the file: the kinds its
 * main parts or streams say, whether it carries macros, and whether it packs a program or script in
 * an object that runs it when double-clicked. {@link PackageScan} reads a ZIP package
 * (Office Open XML, OpenDocument), {@link CompoundFileScan} a Compound File (Word and Excel
 * 97–2003). A package's embedded files are unpacked as they pass and read by the same two.
 */

/** The main kinds the scans name: what the gate compares with the file's extension. */
export type OfficeKind = 'docx' | 'xlsx' | 'doc' | 'xls';

/** A ZIP's local file header ([APPNOTE] 4.3.7): every entry's data comes after one. */
const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const LOCAL_HEADER_BYTES = 30;
/** A Compound File's signature ([MS-CFB] 2.2). */
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** What a Windows program starts with (its MS-DOS header's `MZ`), as a file attached to a PDF may be. */
const WINDOWS_PROGRAM = Buffer.from('MZ');

/** Part names an Office Open XML package of each kind must contain (ECMA-376 part 1). */
const OOXML_MAIN_PARTS: [OfficeKind, Buffer][] = [
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
/**
 * The entries a package keeps embedded files in, unpacked and read for macros of their own: Office's
 * `…/embeddings/` (an OLE object's `oleObject1.bin`, a Word or Excel 97–2003 file, a package, a
 * chart's workbook) and LibreOffice's `Object 1`, `Object 2`… at the package's root (an OLE object
 * it keeps as it came; its own embedded documents are folders whose parts the names above cover).
 */
const isEmbeddedFile = (name: string) => name.includes('embeddings/') || /^Object \d+$/.test(name);
/** A longer name is no embedded file's (Office's are under 100 bytes); its header is not read. */
const ENTRY_NAME_MAX_BYTES = 1024;
/** A package in a package in a package is read; deeper ones are not looked into. */
const EMBEDDING_DEPTH_MAX = 3;

/** A Compound File's directory entry ([MS-CFB] 2.6): 128 bytes, always at a multiple of 128. */
const CFB_ENTRY_BYTES = 128;
/** The header's sector: the directory's entries come after it. */
const CFB_HEADER_BYTES = 512;
/** The stream in the root that makes a Compound File a Word ([MS-DOC] 2.1) or an Excel ([MS-XLS] 2.1.2) file. */
const CFB_MAIN_STREAMS = new Map<string, OfficeKind>([
  ['WordDocument', 'doc'],
  ['Workbook', 'xls'],
  ['Book', 'xls'],
]);
/** The storages a VBA project lives in ([MS-OVBA] 2.2.1): Word's `Macros`, Excel's `_VBA_PROJECT_CUR`, and their `VBA`. */
const CFB_MACRO_STORAGES = new Set(['Macros', '_VBA_PROJECT_CUR', 'VBA']);
/**
 * The stream of an OLE Package object ([MS-OLEDS] 2.3.6): any file wrapped as an icon in a Word or
 * Excel document, which Windows runs as it would on its own when the icon is double-clicked.
 */
const CFB_PACKAGE_STREAM = '\u0001Ole10Native';
/**
 * Its bytes, as the Packager writes them: the size (4 bytes), 2 (2 bytes), the file's label and its
 * original path (each ending in a NUL), then 0 and 3 (2 bytes each). A stream starts at a multiple
 * of 64 bytes (a mini sector, or a sector: [MS-CFB] 2.2), so only those places are read.
 */
const PACKAGE_ALIGNMENT = 64;
const PACKAGE_NAME_MAX_BYTES = 260;
const PACKAGE_HEADER_MAX_BYTES = 4 + 2 + 2 * (PACKAGE_NAME_MAX_BYTES + 1) + 4;
const PACKAGE_AFTER_NAMES = Buffer.from([0x00, 0x00, 0x03, 0x00]);
/**
 * What a packaged file may not be: the programs and scripts Windows runs when it is opened, as
 * Office's own list of blocked attachment types names them (an image or a PDF wrapped so is fine).
 */
const PROGRAM_EXTENSIONS = new Set(
  (
    'ade adp app application appref-ms bas bat chm cmd com cpl crt dll exe gadget hlp hta inf ins ' +
    'isp jar js jse lnk mde msc msh msi msp mst pif ps1 ps1xml ps2 psc1 psc2 reg scf scr sct shb ' +
    'shs url vb vbe vbs vsmacros ws wsc wsf wsh xbap'
  ).split(' '),
);
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
 * Reads the names in a Compound File's directory as the bytes pass: its entries sit at multiples of
 * 128 past the header, wherever its sectors put the directory. A block is taken for an entry only
 * if its name's length, its terminating NUL, its type (storage or stream) and its colour are all an
 * entry's. Looks for BoundSheet records naming a macro sheet too, wherever the workbook's sectors lie.
 */
export class CompoundFileScan {
  /** The kinds whose main stream the directory names. */
  readonly kinds = new Set<OfficeKind>();
  private projectSeen = false;
  private macroSheetSeen = false;
  private packageSeen = false;
  private packagedProgramSeen = false;
  /** The bytes from the last multiple of 128 on, and where they start in the file. */
  private pending = Buffer.alloc(0);
  private offset = 0;
  /** The last bytes, not yet read for a BoundSheet record that starts in them. */
  private sheetTail = Buffer.alloc(0);
  /** The bytes from the next multiple of 64 not yet read for a package's start, and where they start. */
  private packageTail = Buffer.alloc(0);
  private packageTailOffset = 0;
  /** How many bytes have come. */
  private received = 0;

  push(chunk: Buffer) {
    this.readDirectoryEntries(chunk);
    this.readSheetRecords(chunk, false);
    this.readPackageStarts(chunk, false);
  }

  end() {
    this.readSheetRecords(Buffer.alloc(0), true);
    this.readPackageStarts(Buffer.alloc(0), true);
  }

  /** A VBA project, or a macro sheet in a file that holds a workbook (elsewhere they are only bytes). */
  get carriesMacros(): boolean {
    return this.projectSeen || (this.macroSheetSeen && this.kinds.has('xls'));
  }

  /** A Package object whose file is a program or script (in a file whose directory names one). */
  get carriesProgram(): boolean {
    return this.packageSeen && this.packagedProgramSeen;
  }

  private readDirectoryEntries(chunk: Buffer) {
    const bytes = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let at = 0;
    for (; at + CFB_ENTRY_BYTES <= bytes.length; at += CFB_ENTRY_BYTES, this.offset += CFB_ENTRY_BYTES) {
      if (this.offset < CFB_HEADER_BYTES) continue;
      const entry = directoryEntry(bytes, at);
      const kind = entry?.type === 'stream' ? CFB_MAIN_STREAMS.get(entry.name) : undefined;
      if (kind) this.kinds.add(kind);
      if (entry?.type === 'storage' && CFB_MACRO_STORAGES.has(entry.name)) this.projectSeen = true;
      if (entry?.type === 'stream' && entry.name === CFB_PACKAGE_STREAM) this.packageSeen = true;
    }
    this.pending = Buffer.from(bytes.subarray(at));
  }

  /**
   * A record is read where its longest form fits in what has come, the rest kept for the next bytes
   * (or the end, `last`). One is taken only if its state, type, length and name are all a sheet's.
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

  /**
   * Reads each multiple of 64 past the header for a Package object's start once its longest form
   * has come (or the file has ended, `last`). The chunk is read where it lies; only the few places
   * whose bytes began in the last chunk are read from its held tail and this chunk's start.
   */
  private readPackageStarts(chunk: Buffer, last: boolean) {
    const chunkStart = this.received;
    this.received += chunk.length;
    const tailStart = this.packageTailOffset;
    const window =
      this.packageTail.length > 0
        ? Buffer.concat([this.packageTail, chunk.subarray(0, PACKAGE_HEADER_MAX_BYTES)])
        : undefined;
    let at = tailStart;
    for (
      ;
      last ? at < this.received : at + PACKAGE_HEADER_MAX_BYTES <= this.received;
      at += PACKAGE_ALIGNMENT
    ) {
      if (at < CFB_HEADER_BYTES) continue;
      const found =
        at >= chunkStart ? packagesProgram(chunk, at - chunkStart) : packagesProgram(window!, at - tailStart);
      if (found) this.packagedProgramSeen = true;
    }
    // What is not read yet is kept, a copy of less than a header (never the chunk itself).
    this.packageTail =
      at >= chunkStart
        ? Buffer.from(chunk.subarray(at - chunkStart))
        : Buffer.concat([this.packageTail.subarray(at - tailStart), chunk]);
    this.packageTailOffset = at;
  }
}

/**
 * Reads a ZIP package as it passes: the names of its parts (in its local headers, never
 * compressed), and what its embedded files hold, unpacked as their bytes pass.
 */
export class PackageScan {
  /** The kinds whose main part the package names. */
  readonly kinds = new Set<OfficeKind>();
  private macroPartSeen = false;
  private embeddedMacrosSeen = false;
  private embeddedProgramSeen = false;
  private tail = Buffer.alloc(0);
  /** Bytes from a local header not yet whole, and where they start in the package. */
  private pendingHeader = Buffer.alloc(0);
  private offset = 0;
  /**
   * The embedded files being read, each with where its data starts in the package and how many
   * packed bytes it has (Infinity when its header does not say). One read to its end is dropped,
   * what it carries kept.
   */
  private readonly reading = new Set<{ dataStart: number; packedBytes: number; file: EmbeddedFile }>();

  constructor(
    private readonly budget: UnpackBudget,
    private readonly depth = 0,
  ) {}

  /** Reads these bytes; the promise settles once the embedded files being unpacked have taken them. */
  push(chunk: Buffer): Promise<void> {
    const start = this.offset;
    this.offset += chunk.length;
    const window = Buffer.concat([this.tail, chunk]);
    for (const [kind, name] of OOXML_MAIN_PARTS) if (window.includes(name)) this.kinds.add(kind);
    if (PACKAGE_MACRO_PARTS.some((name) => window.includes(name))) this.macroPartSeen = true;
    this.tail = window.subarray(Math.max(0, window.length - PACKAGE_CARRY));
    this.readLocalHeaders(chunk, start);
    const taken: Promise<unknown>[] = [];
    for (const { dataStart, packedBytes, file } of this.reading) {
      const from = Math.max(0, dataStart - start);
      const upTo = Math.min(chunk.length, dataStart + packedBytes - start);
      if (from < upTo) taken.push(file.take(chunk.subarray(from, upTo)));
      // Its last packed byte has come: it is unpacked and read now (it leaves `reading` once read).
      if (dataStart + packedBytes <= start + chunk.length) taken.push(file.end());
    }
    return Promise.all(taken).then(() => undefined);
  }

  /** Once the last byte has passed: the embedded files are unpacked to their end and read. */
  async end(): Promise<void> {
    await Promise.all([...this.reading].map(({ file }) => file.end()));
  }

  /** Stops unpacking, the file refused or not a package after all. */
  discard() {
    for (const { file } of this.reading) file.discard();
  }

  get carriesMacros(): boolean {
    return this.macroPartSeen || this.embeddedMacrosSeen;
  }

  /** An embedded file (an OLE object, in turn) packing a program or script. */
  get carriesProgram(): boolean {
    return this.embeddedProgramSeen;
  }

  /**
   * Finds the local headers of embedded files as the bytes pass, by their signature: a header is
   * read once its fixed part and its name have come; its data starts past its extra field.
   */
  private readLocalHeaders(chunk: Buffer, start: number) {
    const bytes = Buffer.concat([this.pendingHeader, chunk]);
    const base = start - this.pendingHeader.length;
    // A signature split at the end is kept for the next bytes.
    let keepFrom = Math.max(0, bytes.length - (LOCAL_HEADER.length - 1));
    for (let at = bytes.indexOf(LOCAL_HEADER); at !== -1; at = bytes.indexOf(LOCAL_HEADER, at + 1)) {
      if (at + LOCAL_HEADER_BYTES > bytes.length) {
        keepFrom = at;
        break;
      }
      const nameLength = bytes.readUInt16LE(at + 26);
      if (nameLength > ENTRY_NAME_MAX_BYTES) continue;
      if (at + LOCAL_HEADER_BYTES + nameLength > bytes.length) {
        keepFrom = at;
        break;
      }
      const name = bytes.toString('latin1', at + LOCAL_HEADER_BYTES, at + LOCAL_HEADER_BYTES + nameLength);
      if (!isEmbeddedFile(name) || this.depth >= EMBEDDING_DEPTH_MAX) continue;
      const flags = bytes.readUInt16LE(at + 6);
      const method = bytes.readUInt16LE(at + 8);
      // Encrypted, or packed by a method Office and LibreOffice do not use: not read.
      if (flags & 0x0001 || (method !== 0 && method !== 8)) continue;
      // Sizes after the data (flag 3) are not known here: a deflated file then says its end itself,
      // a stored one runs to the end of the package.
      const packedBytes = flags & 0x0008 ? Infinity : bytes.readUInt32LE(at + 18);
      const entry = {
        dataStart: base + at + LOCAL_HEADER_BYTES + nameLength + bytes.readUInt16LE(at + 28),
        packedBytes,
        file: new EmbeddedFile(
          method === 8 ? 'deflate-raw' : { stored: packedBytes },
          this.budget,
          this.depth + 1,
        ),
      };
      this.reading.add(entry);
      void entry.file.read.then(({ macros, program }) => {
        if (macros) this.embeddedMacrosSeen = true;
        if (program) this.embeddedProgramSeen = true;
        this.reading.delete(entry);
      });
    }
    this.pendingHeader = Buffer.from(bytes.subarray(keepFrom));
  }
}

/** What an embedded file was found to carry that would run when opened. */
export interface Carried {
  macros: boolean;
  program: boolean;
}

/**
 * A file embedded in another (in a package, or attached to a PDF), unpacked as its bytes pass and
 * read by what its first bytes say it is: a Compound File (an OLE object, a Word or Excel 97–2003
 * file) or a package. A Windows program (attached to a PDF as it is) is named so by its first
 * bytes; anything else (an image, a PDF) is not read further.
 */
export class EmbeddedFile {
  /** Settles once the file is unpacked to its end (or stopped) and read: what it carries that would run. */
  readonly read: Promise<Carried>;
  private readonly unpacker: Unpacker;
  private head = Buffer.alloc(0);
  private scan?: CompoundFileScan | PackageScan;
  private isProgram = false;
  private closed!: () => void;

  constructor(
    packing: Packing,
    private readonly budget: UnpackBudget,
    private readonly depth: number,
  ) {
    const closed = new Promise<void>((resolve) => (this.closed = resolve));
    this.read = closed.then(async () => {
      if (this.scan instanceof PackageScan) await this.scan.end();
      else this.scan?.end();
      return {
        macros: this.scan?.carriesMacros ?? false,
        program: this.isProgram || (this.scan?.carriesProgram ?? false),
      };
    });
    this.unpacker = new Unpacker(packing, budget, (bytes) => this.readBytes(bytes), this.closed);
  }

  /** Takes the next bytes of this file as they are packed. */
  take(packed: Buffer): Promise<void> {
    return this.unpacker.take(packed);
  }

  /** No more of its bytes will come: unpacked to its end and read. */
  async end(): Promise<Carried> {
    await this.unpacker.end();
    return this.read;
  }

  discard() {
    if (this.scan instanceof PackageScan) this.scan.discard();
    this.unpacker.discard();
  }

  private readBytes(bytes: Buffer) {
    if (this.head.length < CFB.length) {
      this.head = Buffer.concat([this.head, bytes]);
      if (this.head.length < CFB.length) return;
      if (startsWith(this.head, CFB)) this.scan = new CompoundFileScan();
      else if (startsWith(this.head, LOCAL_HEADER)) this.scan = new PackageScan(this.budget, this.depth);
      else {
        this.isProgram = startsWith(this.head, WINDOWS_PROGRAM);
        return this.unpacker.discard();
      }
      bytes = this.head;
    }
    // A package inside is read without waiting for its own embedded files: they are bounded by the budget.
    if (this.scan instanceof PackageScan) void this.scan.push(bytes);
    else this.scan?.push(bytes);
  }
}

const startsWith = (bytes: Buffer, prefix: Buffer) => bytes.subarray(0, prefix.length).equals(prefix);

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

/**
 * Whether a Package object's bytes start at `at` and name a program or script: its label or its
 * original path ends in an extension {@link PROGRAM_EXTENSIONS} holds.
 */
function packagesProgram(bytes: Buffer, at: number): boolean {
  if (at + 8 > bytes.length || bytes[at + 4] !== 0x02 || bytes[at + 5] !== 0x00) return false;
  const label = nulTerminated(bytes, at + 6);
  const path = label && nulTerminated(bytes, label.end + 1);
  if (!path || !bytes.subarray(path.end + 1, path.end + 5).equals(PACKAGE_AFTER_NAMES)) return false;
  return [label.text, path.text].some((name) => PROGRAM_EXTENSIONS.has(extensionOfName(name)));
}

/** The printable text from `at` up to its NUL (at most a path's length), and where the NUL is. */
function nulTerminated(bytes: Buffer, at: number): { text: string; end: number } | undefined {
  const limit = Math.min(bytes.length, at + PACKAGE_NAME_MAX_BYTES + 1);
  for (let i = at; i < limit; i++) {
    if (bytes[i] === 0) return { text: bytes.toString('latin1', at, i), end: i };
    if (bytes[i] < 0x20) return undefined;
  }
  return undefined;
}

/** A name's extension, lower case ('' for none): `C:\\Users\\a\\run.EXE` → `exe`. */
const extensionOfName = (name: string) => /\.([A-Za-z0-9-]{1,12})\s*$/.exec(name)?.[1].toLowerCase() ?? '';

/** Whether these `chars` characters could be a sheet's name: none Excel refuses in one. */
function sheetName(chars: number, charAt: (i: number) => number): boolean {
  for (let i = 0; i < chars; i++) if (SHEET_NAME_FORBIDDEN.has(charAt(i))) return false;
  return true;
}

/** A Compound File directory entry's name and type, if the 128 bytes at `at` are one ([MS-CFB] 2.6). */
function directoryEntry(bytes: Buffer, at: number): { name: string; type: 'storage' | 'stream' } | undefined {
  const nameBytes = bytes.readUInt16LE(at + 64); // with its terminating NUL
  const objectType = bytes[at + 66];
  const colour = bytes[at + 67];
  if (nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0) return undefined;
  if ((objectType !== 1 && objectType !== 2) || colour > 1) return undefined;
  if (bytes.readUInt16LE(at + nameBytes - 2) !== 0) return undefined;
  return {
    name: bytes.toString('utf16le', at, at + nameBytes - 2),
    type: objectType === 1 ? 'storage' : 'stream',
  };
}
