import { createInflate, type Inflate } from 'node:zlib';
import type { UnpackBudget } from './office-scan';

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

/** PDF's white-space and delimiter characters (PDF 32000-1 7.2.2): where a name ends. */
const NAME_ENDS = new Set([...'\0\t\n\f\r ()<>[]{}/%'].map((c) => c.charCodeAt(0)));
const SLASH = 0x2f;
const HASH = 0x23;

/**
 * Reads a PDF as its bytes pass for actions that run code: the names in its objects' dictionaries,
 * outside their streams, and in its object streams (PDF 1.5: dictionaries kept in a compressed
 * stream, `/Type /ObjStm`), unpacked as they pass. Other streams (pages, pictures, fonts) are skipped
 * to their `endstream` without being read: binary data would hold "/JS" by chance. A name is read as
 * PDF writes it (`/J#53` is `/JS`). An encrypted file's object streams cannot be unpacked: they are
 * not read.
 */
export class PdfScan {
  private scriptSeen = false;
  private inStream = false;
  /** Text not read yet (the end of the last chunk), and the names of the object read now. */
  private pending = Buffer.alloc(0);
  private objectNames = new Set<string>();
  private objectStream?: ObjectStream;
  private readonly objectStreams: ObjectStream[] = [];

  constructor(private readonly budget: UnpackBudget) {}

  /** Reads these bytes; the promise settles once an object stream being unpacked has taken them. */
  push(chunk: Buffer): Promise<void> {
    return this.read(Buffer.concat([this.pending, chunk]), false);
  }

  async end(): Promise<void> {
    await this.read(this.pending, true);
    await Promise.all(this.objectStreams.map((stream) => stream.end()));
  }

  discard() {
    for (const stream of this.objectStreams) stream.discard();
  }

  get carriesScripts(): boolean {
    return this.scriptSeen || this.objectStreams.some((stream) => stream.scriptSeen);
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
        if (this.objectStream) taken.push(this.objectStream.feed(bytes.subarray(at, upTo)));
        at = upTo;
        if (end === -1) break;
        this.inStream = false;
        this.objectStream = undefined;
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
    for (let i = at; i < readUpTo; i++) {
      const byte = bytes[i];
      if (byte === SLASH) {
        const [name, end] = nameAt(bytes, i + 1);
        if (SCRIPT_NAMES.has(name)) this.scriptSeen = true;
        this.objectNames.add(name);
        i = end - 1;
      } else if (byte === 0x6f /* o */ && startsAt(bytes, i, OBJ)) {
        this.objectNames = new Set();
      } else if (byte === 0x73 /* s */ && startsAt(bytes, i, STREAM) && !endsAt(bytes, i, 'end')) {
        let data = i + STREAM.length;
        if (bytes[data] === 0x0d) data++;
        if (bytes[data] === 0x0a) data++;
        this.inStream = true;
        if (this.objectNames.has('ObjStm') && this.objectNames.has('FlateDecode')) {
          this.objectStream = new ObjectStream(this.budget);
          this.objectStreams.push(this.objectStream);
        }
        return data;
      }
    }
    return readUpTo;
  }
}

/** An object stream's content, unpacked as it passes (FlateDecode: zlib), its names read. */
class ObjectStream {
  scriptSeen = false;
  private readonly inflater: Inflate = createInflate();
  private readonly inflated: Promise<void>;
  private done = false;
  private text = Buffer.alloc(0);

  constructor(private readonly budget: UnpackBudget) {
    this.inflater.on('data', (bytes: Buffer) => this.read(bytes, false));
    // A stream that does not unpack (another filter first, an encrypted file) is not read.
    this.inflated = new Promise<void>((resolve) => {
      this.inflater.on('end', resolve);
      this.inflater.on('close', resolve);
      this.inflater.on('error', resolve);
    }).then(() => {
      this.done = true;
    });
  }

  feed(bytes: Buffer): Promise<void> {
    if (this.done || bytes.length === 0) return Promise.resolve();
    return Promise.race([
      new Promise<void>((resolve) => this.inflater.write(bytes, () => resolve())),
      this.inflated,
    ]);
  }

  async end(): Promise<void> {
    if (!this.done) this.inflater.end();
    await this.inflated;
    this.read(Buffer.alloc(0), true);
  }

  discard() {
    this.done = true;
    this.inflater.destroy();
  }

  private read(bytes: Buffer, last: boolean) {
    if (bytes.length > 0 && !this.budget.take(bytes.length)) return this.discard();
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
const endsAt = (bytes: Buffer, at: number, word: string) =>
  at >= word.length && bytes.toString('latin1', at - word.length, at) === word;
