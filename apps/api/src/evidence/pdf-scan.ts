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
/** Per byte value, 1 where a name ends (a table: read for every byte of every name). */
const NAME_ENDS = new Uint8Array(256);
for (const byte of [...WHITE_SPACE, ...[...'()<>[]{}/%'].map((c) => c.charCodeAt(0))]) NAME_ENDS[byte] = 1;
/** The longest name that matters here (`EmbeddedFile`), every byte of it possibly spelt `#xx`. */
const NAME_READ_MAX_BYTES = 'EmbeddedFile'.length * 3;
const SLASH = 0x2f;

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
  private attachedMacrosSeen = false;
  private attachedProgramSeen = false;
  /** The stream read now, if it is one that is read; those not read to their end yet. */
  private stream?: StreamReader;
  private readonly reading = new Set<StreamReader>();

  constructor(private readonly budget: UnpackBudget) {}

  /** Reads these bytes; the promise settles once the stream being unpacked, if any, has taken them. */
  push(chunk: Buffer): Promise<void> {
    return this.read(Buffer.concat([this.pending, chunk]), false);
  }

  async end(): Promise<void> {
    await this.read(this.pending, true);
    // A stream cut by the file's end is read as far as it goes.
    await Promise.all([...this.reading].map((stream) => this.endStream(stream)));
  }

  discard() {
    for (const stream of this.reading) stream.discard();
  }

  get carriesScripts(): boolean {
    return this.scriptSeen;
  }

  /** A file attached to the PDF (an embedded file stream) carries macros. */
  get carriesMacros(): boolean {
    return this.attachedMacrosSeen;
  }

  /** A file attached to the PDF (an office file) packs a program or script as an object. */
  get carriesProgram(): boolean {
    return this.attachedProgramSeen;
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
        if (this.stream) taken.push(this.endStream(this.stream));
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

  /** Unpacks the rest of a stream whose bytes have all come, and keeps what it carries. */
  private async endStream(stream: StreamReader): Promise<void> {
    if (stream instanceof ObjectStream) {
      if (await stream.end()) this.scriptSeen = true;
    } else {
      const { macros, program } = await stream.end();
      if (macros) this.attachedMacrosSeen = true;
      if (program) this.attachedProgramSeen = true;
    }
    this.reading.delete(stream);
  }

  /** Reads the stream starting now if it is an object stream or an attached file, packed as PDF writers pack them. */
  private streamReader(): StreamReader | undefined {
    const names = this.objectNames;
    // Unfiltered, or FlateDecode alone: what writers use for both (another filter is not unpacked).
    const packing: Packing | undefined = names.has('FlateDecode')
      ? 'zlib'
      : names.has('Filter')
        ? undefined
        : { stored: Infinity };
    if (!packing) return undefined;
    const stream =
      names.has('ObjStm') && packing === 'zlib'
        ? new ObjectStream(this.budget)
        : names.has('EmbeddedFile')
          ? new EmbeddedFile(packing, this.budget, 1)
          : undefined;
    if (stream) this.reading.add(stream);
    return stream;
  }
}

/** A stream read as it passes: its packed bytes taken, then ended, answering what it carries that runs. */
type StreamReader = ObjectStream | EmbeddedFile;

/** An object stream's content (dictionaries), unpacked as it passes, its names read. */
class ObjectStream {
  private scriptSeen = false;
  private readonly unpacker: Unpacker;
  private text = Buffer.alloc(0);

  constructor(budget: UnpackBudget) {
    this.unpacker = new Unpacker('zlib', budget, (bytes) => this.read(bytes, false));
  }

  take(packed: Buffer): Promise<void> {
    return this.unpacker.take(packed);
  }

  /** Its bytes have all come: unpacked to the end; whether it names an action that runs code. */
  async end(): Promise<boolean> {
    await this.unpacker.end();
    this.read(Buffer.alloc(0), true);
    return this.scriptSeen;
  }

  discard() {
    this.unpacker.discard();
  }

  private read(bytes: Buffer, last: boolean) {
    const text = Buffer.concat([this.text, bytes]);
    const readUpTo = last ? text.length : text.length - TEXT_CARRY;
    let at = text.indexOf(SLASH);
    for (; at !== -1 && at < readUpTo; at = text.indexOf(SLASH, at + 1)) {
      const [name, end] = nameAt(text, at + 1);
      if (SCRIPT_NAMES.has(name)) this.scriptSeen = true;
      at = end - 1;
    }
    // What is kept starts at the next name not read yet; with none left, nothing is.
    this.text = at === -1 ? Buffer.alloc(0) : Buffer.from(text.subarray(at));
  }
}

/**
 * The name starting at `at` (just past its `/`), its `#xx` escapes read, and where it ends. A name
 * longer than any that matters here is read for its end only (answered as '').
 */
function nameAt(bytes: Buffer, at: number): [string, number] {
  let end = at;
  while (end < bytes.length && !NAME_ENDS[bytes[end]] && end - at <= NAME_MAX_BYTES * 3) end++;
  if (end - at > NAME_READ_MAX_BYTES) return ['', end];
  const name = bytes.toString('latin1', at, end);
  return [
    name.includes('#')
      ? name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      : name,
    end,
  ];
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
