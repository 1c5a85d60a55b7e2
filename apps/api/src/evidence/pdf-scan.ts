import { EmbeddedFile } from './office-scan';
import { Unpacker, type Packing, type UnpackBudget } from './unpacker';

/**
 * The names of a PDF's actions that run something when the file is opened or used (PDF 32000-1
 * 12.6.4): a JavaScript action (`/S /JavaScript`, its code in `/JS`), a document's JavaScript name
 * tree (`/JavaScript`), and a launch action (`/Launch`), which starts another program or opens
 * another file.
 */
const SCRIPT_NAMES = new Set(['JavaScript', 'JS', 'Launch']);
/** Names' longest in practice (PDF 32000-1, Annex C: 127 bytes); a longer one is no name of ours. */
const NAME_MAX_BYTES = 127;
/** Bytes of text kept unread at the end of a chunk, so that a name or keyword split there is seen whole. */
const TEXT_CARRY = NAME_MAX_BYTES * 3 + 16;
const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');
const OBJ = Buffer.from('obj');

/** PDF's white-space characters, and with its delimiters where a name ends (PDF 32000-1 7.2.2). */
const WHITE_SPACE = new Set([...'\0\t\n\f\r '].map((c) => c.charCodeAt(0)));
const NAME_ENDS = new Set([...WHITE_SPACE, ...[...'()<>[]{}/%'].map((c) => c.charCodeAt(0))]);
const SLASH = 0x2f;
const HASH = 0x23;

/**
 * Reads a PDF as its bytes pass for actions that run code: the names in its objects' dictionaries,
 * outside their streams, and in its object streams (PDF 1.5: dictionaries kept in a compressed
 * stream, `/Type /ObjStm`), unpacked as they pass. Other streams (pages, pictures, fonts) are skipped
 * to their `endstream` without being read: binary data would hold "/JS" by chance. A name is read as
 * PDF writes it (`/J#53` is `/JS`). An encrypted file's object streams cannot be unpacked: they are
 * not read. Its attached files (embedded file streams) are unpacked and read as a package's
 * embedded files are, for macros.
 */
export class PdfScan {
  private scriptSeen = false;
  private inStream = false;
  /** Text not read yet (the end of the last chunk), and the names of the object read now. */
  private pending = Buffer.alloc(0);
  private objectNames = new Set<string>();
  /** The stream read now, if it is one that is read, and every one read. */
  private stream?: ObjectStream | EmbeddedFile;
  private readonly objectStreams: ObjectStream[] = [];
  private readonly attachments: EmbeddedFile[] = [];

  constructor(private readonly budget: UnpackBudget) {}

  /** Reads these bytes; the promise settles once the stream being unpacked, if any, has taken them. */
  push(chunk: Buffer): Promise<void> {
    return this.read(Buffer.concat([this.pending, chunk]), false);
  }

  async end(): Promise<void> {
    await this.read(this.pending, true);
    await Promise.all([...this.objectStreams, ...this.attachments].map((stream) => stream.end()));
  }

  discard() {
    for (const stream of [...this.objectStreams, ...this.attachments]) stream.discard();
  }

  get carriesScripts(): boolean {
    return this.scriptSeen || this.objectStreams.some((stream) => stream.scriptSeen);
  }

  /** A file attached to the PDF (an embedded file stream) that carries macros. */
  get carriesMacros(): boolean {
    return this.attachments.some((file) => file.carriesMacros);
  }

  private async read(bytes: Buffer, last: boolean): Promise<void> {
    let at = 0;
    const taken: Promise<void>[] = [];
    while (at < bytes.length) {
      if (this.inStream) {
        const end = bytes.indexOf(END_STREAM, at);
        // Without its end here, all but what could be the start of a split `endstream` is the stream's.
        const upTo =
          end !== -1 ? end : last ? bytes.length : Math.max(at, bytes.length - END_STREAM.length + 1);
        if (this.stream) taken.push(this.stream.take(bytes.subarray(at, upTo)));
        at = upTo;
        if (end === -1) break;
        this.inStream = false;
        this.stream = undefined;
        at = end + END_STREAM.length;
        continue;
      }
      const readUpTo = last ? bytes.length : bytes.length - TEXT_CARRY;
      if (at >= readUpTo) break;
      at = this.readText(bytes, at, readUpTo);
    }
    this.pending = Buffer.from(bytes.subarray(at));
    await Promise.all(taken);
  }

  /**
   * Reads the text of objects from `at`, up to `readUpTo` or a stream's start: the names, an object's
   * start (`obj`, where its dictionary's names begin) and a stream's (`stream` and its end of line),
   * after which the stream's bytes follow. Answers where it stopped.
   */
  private readText(bytes: Buffer, at: number, readUpTo: number): number {
    let i = at;
    for (; i < readUpTo; i++) {
      const byte = bytes[i];
      if (byte === SLASH) {
        const [name, end] = nameAt(bytes, i + 1);
        if (SCRIPT_NAMES.has(name)) this.scriptSeen = true;
        this.objectNames.add(name);
        i = end - 1;
      } else if (byte === 0x6f /* o */ && startsAt(bytes, i, OBJ)) {
        this.objectNames = new Set();
      } else if (byte === 0x73 /* s */ && streamStartsAt(bytes, i)) {
        let data = i + STREAM.length;
        if (bytes[data] === 0x0d) data++;
        if (bytes[data] === 0x0a) data++;
        this.inStream = true;
        this.stream = this.streamReader();
        return data;
      }
    }
    // Past `readUpTo` if a name ran on beyond it: its inside is not read again (`…octet-stream`).
    return i;
  }

  /** Reads the stream starting now if it is an object stream or an attached file, packed as PDF writers pack them. */
  private streamReader(): ObjectStream | EmbeddedFile | undefined {
    const names = this.objectNames;
    // Unfiltered, or FlateDecode alone: what writers use for both (another filter is not unpacked).
    const packing: Packing | undefined = names.has('FlateDecode')
      ? 'zlib'
      : names.has('Filter')
        ? undefined
        : { stored: Infinity };
    if (!packing) return undefined;
    if (names.has('ObjStm') && packing === 'zlib') {
      const stream = new ObjectStream(this.budget);
      this.objectStreams.push(stream);
      return stream;
    }
    if (names.has('EmbeddedFile')) {
      const file = new EmbeddedFile(packing, this.budget, 1);
      this.attachments.push(file);
      return file;
    }
    return undefined;
  }
}

/** An object stream's content (dictionaries), unpacked as it passes, its names read. */
class ObjectStream {
  scriptSeen = false;
  private readonly unpacker: Unpacker;
  private text = Buffer.alloc(0);

  constructor(budget: UnpackBudget) {
    this.unpacker = new Unpacker('zlib', budget, (bytes) => this.read(bytes, false));
  }

  take(packed: Buffer): Promise<void> {
    return this.unpacker.take(packed);
  }

  async end(): Promise<void> {
    await this.unpacker.end();
    this.read(Buffer.alloc(0), true);
  }

  discard() {
    this.unpacker.discard();
  }

  private read(bytes: Buffer, last: boolean) {
    const text = Buffer.concat([this.text, bytes]);
    const readUpTo = last ? text.length : text.length - TEXT_CARRY;
    let i = 0;
    for (; i < readUpTo; i++) {
      if (text[i] !== SLASH) continue;
      const [name, end] = nameAt(text, i + 1);
      if (SCRIPT_NAMES.has(name)) this.scriptSeen = true;
      i = end - 1;
    }
    this.text = Buffer.from(text.subarray(Math.max(0, i)));
  }
}

/** The name starting at `at` (just past its `/`), its `#xx` escapes read, and where it ends. */
function nameAt(bytes: Buffer, at: number): [string, number] {
  const chars: number[] = [];
  let i = at;
  while (i < bytes.length && !NAME_ENDS.has(bytes[i]) && i - at <= NAME_MAX_BYTES * 3) {
    const hex = bytes[i] === HASH ? bytes.toString('latin1', i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      chars.push(parseInt(hex, 16));
      i += 3;
    } else {
      chars.push(bytes[i]);
      i++;
    }
  }
  return [Buffer.from(chars).toString('latin1'), i];
}

const startsAt = (bytes: Buffer, at: number, word: Buffer) =>
  bytes.subarray(at, at + word.length).equals(word);
/**
 * Whether a stream's data starts after `at`: the keyword `stream` after white space or the `>>` of
 * its dictionary, then its end of line (PDF 32000-1 7.3.8.1) — not "stream" in a word or a string.
 */
const streamStartsAt = (bytes: Buffer, at: number) =>
  startsAt(bytes, at, STREAM) &&
  (WHITE_SPACE.has(bytes[at - 1]) || bytes[at - 1] === 0x3e) /* > */ &&
  (bytes[at + STREAM.length] === 0x0d || bytes[at + STREAM.length] === 0x0a);
