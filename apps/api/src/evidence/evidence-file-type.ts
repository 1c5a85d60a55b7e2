import { Transform } from 'node:stream';
import { CompoundFileScan, PackageScan, type OfficeKind } from './office-scan';
import { UnpackBudget } from './unpacker';
import { PdfScan } from './pdf-scan';

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
 * Why a file is refused; the HTTP layer answers 413 or 415. `too-large`: past the largest file;
 * `unpacked-too-large`: what is packed inside it unpacks to too much to be read; `unsupported-type`:
 * its name or declared type is not one of ours; `content-mismatch`: its bytes are not what its name
 * says (a web page saved as `.xls`, as some software exports "Excel" files); `macros`: an office
 * file carrying macros (a VBA project, an Excel 4.0 macro sheet, LibreOffice Basic or scripts), or
 * embedding one that does; `scripts`: a PDF carrying JavaScript or a launch action; `program`: an
 * office file (or one embedded or attached) packing a program or script as an object, an icon that
 * runs it. Whoever opens the evidence would be asked to run that code.
 */
export class EvidenceRefusedError extends Error {
  constructor(
    readonly reason:
      | 'too-large'
      | 'unpacked-too-large'
      | 'unsupported-type'
      | 'content-mismatch'
      | 'macros'
      | 'scripts'
      | 'program',
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
/** What a file's embedded files may unpack to, all together, in multiples of the largest file taken. */
export const UNPACKED_PER_FILE_BYTE = 4;

/**
 * A pass-through stream that lets a file into the store only if it is what its name says and not
 * larger than `maxBytes`. The kind comes from the content, never from the client: the magic bytes of
 * PDF, PNG and JPEG; for a ZIP, the `mimetype` entry an OpenDocument starts with, or the main part
 * (`word/document.xml`, `xl/workbook.xml`) whose name every Office Open XML package carries in its
 * headers; for a Compound File, the main stream its directory names (`WordDocument`, `Workbook`). A
 * file carrying macros, or embedding or attaching one that does, is refused whatever its name
 * (`office-scan.ts`), and so is a PDF carrying JavaScript or a launch action (`pdf-scan.ts`). It fails with {@link EvidenceRefusedError} as soon as the answer is known (the
 * first bytes, the byte past the limit, or the end of an office file), so the store keeps nothing.
 */
export class EvidenceGate extends Transform {
  /** Set once the file passed: the kind found in its content. */
  kind?: EvidenceFileKind;
  private size = 0;
  private head = Buffer.alloc(0);
  private headKind?: EvidenceFileKind | 'zip' | 'cfb';
  private readonly budget: UnpackBudget;
  /** Fed from the first byte, before the head is known; dropped once it says the file is not one. */
  private packageScan?: PackageScan;
  private compoundFileScan?: CompoundFileScan = new CompoundFileScan();
  private pdfScan?: PdfScan;

  constructor(
    private readonly expected: EvidenceFileKind[],
    private readonly maxBytes: number,
  ) {
    super();
    this.budget = new UnpackBudget(maxBytes * UNPACKED_PER_FILE_BYTE);
    this.packageScan = new PackageScan(this.budget);
    this.pdfScan = new PdfScan(this.budget);
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null, data?: Buffer) => void,
  ) {
    this.size += chunk.length;
    if (this.size > this.maxBytes)
      return this.refuse(
        done,
        new EvidenceRefusedError('too-large', `The file is larger than ${this.maxBytes} bytes`),
      );
    if (this.headKind === undefined) {
      this.head = Buffer.concat([this.head, chunk]).subarray(0, HEAD_BYTES);
      if (this.head.length >= HEAD_BYTES) {
        const refused = this.decideHead();
        if (refused) return this.refuse(done, refused);
      }
    }
    this.compoundFileScan?.push(chunk);
    const taken = [this.packageScan?.push(chunk), this.pdfScan?.push(chunk)];
    if (!taken.some(Boolean)) return done(null, chunk);
    // Waits for what is being unpacked (embedded files, object streams) to take these bytes before asking for more.
    Promise.all(taken).then(() => {
      if (this.budget.exceeded) return this.refuse(done, this.unpackedTooLarge());
      done(null, chunk);
    }, done);
  }

  override _flush(done: (error?: Error | null) => void) {
    this.finish().then(
      (refused) => (refused ? this.refuse(done, refused) : done()),
      (error: Error) => this.refuse(done, error),
    );
  }

  private async finish(): Promise<EvidenceRefusedError | undefined> {
    if (this.headKind === undefined) {
      const refused = this.decideHead();
      if (refused) return refused;
    }
    await this.packageScan?.end();
    await this.pdfScan?.end();
    if (this.budget.exceeded) return this.unpackedTooLarge();
    // What would run when it is opened (macros, a packed program); a ZIP is first judged by its kind.
    const runs = runsCode(this.headKind === 'pdf' ? this.pdfScan : this.packageScan);
    if (runs && this.headKind !== 'zip') return runs;
    if (this.headKind === 'pdf' && this.pdfScan?.carriesScripts)
      return new EvidenceRefusedError(
        'scripts',
        'The PDF carries JavaScript or an action that launches a program: print it to a new PDF and send that',
      );
    if (this.headKind === 'zip' && this.packageScan) {
      const found = [...this.packageScan.kinds];
      const kind = found.length === 1 ? found[0] : undefined;
      if (!kind || !this.expected.includes(kind)) return this.mismatch(kind ?? 'an unknown ZIP archive');
      if (runs) return runs;
      this.kind = kind;
      return undefined;
    }
    if (this.headKind === 'cfb' && this.compoundFileScan) {
      const scan = this.compoundFileScan;
      scan.end();
      // A Word file may hold an embedded spreadsheet (its streams in the same directory) and the
      // other way round: the file is what its name says if that kind's main stream is there.
      const kind = this.expected.find((k) => scan.kinds.has(k as OfficeKind));
      const found = [...scan.kinds][0]?.toUpperCase();
      if (!kind)
        return this.mismatch(found ?? 'a Compound File that is neither a Word nor an Excel 97–2003 file');
      const refused = runsCode(scan);
      if (refused) return refused;
      this.kind = kind;
      return undefined;
    }
    // PDF, PNG, JPEG, ODT, ODS: what its first bytes said, nothing found inside against it.
    if (this.headKind !== 'zip' && this.headKind !== 'cfb') this.kind = this.headKind;
    return undefined;
  }

  /** Refuses the file, unpacking nothing more of it. */
  private refuse(done: (error?: Error | null) => void, error: Error) {
    this.packageScan?.discard();
    this.pdfScan?.discard();
    done(error);
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
    this.headKind = kind;
    if (!isPackage(kind)) {
      this.packageScan?.discard();
      this.packageScan = undefined;
    }
    if (kind !== 'cfb') this.compoundFileScan = undefined;
    if (kind !== 'pdf') {
      this.pdfScan?.discard();
      this.pdfScan = undefined;
    }
    return undefined;
  }

  private mismatch(found: string): EvidenceRefusedError {
    return new EvidenceRefusedError(
      'content-mismatch',
      `The file's content is ${found}, not ${this.expected.map((k) => k.toUpperCase()).join(' or ')} as its name says`,
    );
  }

  private unpackedTooLarge(): EvidenceRefusedError {
    return new EvidenceRefusedError(
      'unpacked-too-large',
      `What is packed inside it (embedded files, object streams) unpacks to more than ${this.maxBytes * UNPACKED_PER_FILE_BYTE} bytes`,
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
    'The file carries macros (VBA, Excel 4.0 macro sheets, LibreOffice Basic or scripts), or embeds or attaches a file that does: save it without them (.docx, .xlsx or PDF) and send that',
  );
}

/** What a scan found that would run when the file is opened, refused: macros first, then a packed program. */
function runsCode(
  scan: { carriesMacros: boolean; carriesProgram: boolean } | undefined,
): EvidenceRefusedError | undefined {
  if (scan?.carriesMacros) return macrosRefused();
  if (scan?.carriesProgram) return programRefused();
  return undefined;
}

function programRefused(): EvidenceRefusedError {
  return new EvidenceRefusedError(
    'program',
    'The file packs or attaches a program or script (an object shown as an icon that runs it), itself or in a file it embeds: remove that object or attachment, or save the document as PDF, and send that',
  );
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
