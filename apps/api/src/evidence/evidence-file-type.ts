import { Transform } from 'node:stream';

/** The kinds of file accepted as evidence, each with its type and the file-name extensions it may have. */
export const EVIDENCE_FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
} as const;
export type EvidenceFileKind = keyof typeof EVIDENCE_FILE_TYPES;

export const ACCEPTED_EXTENSIONS = Object.values(EVIDENCE_FILE_TYPES).flatMap((t) => t.extensions);
const ACCEPTED_CONTENT_TYPES = new Set<string>(Object.values(EVIDENCE_FILE_TYPES).map((t) => t.contentType));
/** What clients send when they do not know (curl without `;type=`, some browsers for office files). */
const UNKNOWN_CONTENT_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** Why a file is refused; the HTTP layer answers 413 or 415. */
export class EvidenceRefusedError extends Error {
  constructor(
    readonly reason: 'too-large' | 'unsupported-type',
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

const PDF = Buffer.from('%PDF-');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Enough of a ZIP's first local header to read an OpenDocument's `mimetype` entry. */
const HEAD_BYTES = 128;
/** Part names an Office Open XML package of each kind must contain (ECMA-376 part 1). */
const OOXML_MAIN_PARTS: [EvidenceFileKind, Buffer][] = [
  ['docx', Buffer.from('word/document.xml')],
  ['xlsx', Buffer.from('xl/workbook.xml')],
];
const OOXML_CARRY = Math.max(...OOXML_MAIN_PARTS.map(([, name]) => name.length)) - 1;

/**
 * A pass-through stream that lets a file into the store only if it is what its name says and not
 * larger than `maxBytes`. The kind comes from the content, never from the client: the magic bytes of
 * PDF, PNG and JPEG; for a ZIP, the `mimetype` entry an OpenDocument starts with, or the main part
 * (`word/document.xml`, `xl/workbook.xml`) whose name every Office Open XML package carries in its
 * headers. It fails with {@link EvidenceRefusedError} as soon as the answer is known (the first
 * bytes, or the byte past the limit), so the store keeps nothing.
 */
export class EvidenceGate extends Transform {
  /** Set once the file passed: the kind found in its content. */
  kind?: EvidenceFileKind;
  private size = 0;
  private head = Buffer.alloc(0);
  private headKind?: EvidenceFileKind | 'zip';
  private readonly ooxmlSeen = new Set<EvidenceFileKind>();
  private tail = Buffer.alloc(0);

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
    if (this.headKind === 'zip' || (this.headKind === undefined && this.head.subarray(0, 4).equals(ZIP))) {
      const window = Buffer.concat([this.tail, chunk]);
      for (const [kind, name] of OOXML_MAIN_PARTS) if (window.includes(name)) this.ooxmlSeen.add(kind);
      this.tail = window.subarray(Math.max(0, window.length - OOXML_CARRY));
    }
    done(null, chunk);
  }

  override _flush(done: (error?: Error | null) => void) {
    if (this.headKind === undefined) {
      const refused = this.decideHead();
      if (refused) return done(refused);
    }
    if (this.headKind === 'zip') {
      const found = OOXML_MAIN_PARTS.map(([kind]) => kind).filter((kind) => this.ooxmlSeen.has(kind));
      const kind = found.length === 1 ? found[0] : undefined;
      if (!kind || !this.expected.includes(kind))
        return done(this.mismatch(kind ?? 'an unknown ZIP archive'));
      this.kind = kind;
    }
    done();
  }

  private decideHead(): EvidenceRefusedError | undefined {
    const head = this.head;
    let kind: EvidenceFileKind | 'zip' | undefined;
    if (head.subarray(0, PDF.length).equals(PDF)) kind = 'pdf';
    else if (head.subarray(0, PNG.length).equals(PNG)) kind = 'png';
    else if (head.subarray(0, JPEG.length).equals(JPEG)) kind = 'jpeg';
    else if (head.subarray(0, ZIP.length).equals(ZIP)) kind = openDocumentKind(head) ?? 'zip';
    if (kind === undefined) return this.mismatch('none of the accepted kinds');
    if (kind === 'zip') {
      if (!this.expected.some((k) => k === 'docx' || k === 'xlsx')) return this.mismatch('a ZIP archive');
    } else if (!this.expected.includes(kind)) return this.mismatch(kind.toUpperCase());
    else this.kind = kind;
    this.headKind = kind;
    return undefined;
  }

  private mismatch(found: string): EvidenceRefusedError {
    return new EvidenceRefusedError(
      'unsupported-type',
      `The file's content is ${found}, not ${this.expected.map((k) => k.toUpperCase()).join(' or ')} as its name says`,
    );
  }
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
