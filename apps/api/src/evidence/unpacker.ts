import {
  constants,
  createInflate,
  createInflateRaw,
  inflateRawSync,
  inflateSync,
  type Inflate,
  type InflateRaw,
} from 'node:zlib';

/**
 * How many bytes what is packed inside a file (a package's embedded files, a PDF's object streams
 * and attachments) may unpack to, all of it together: past it nothing more is read, and the gate
 * refuses the file (a few KB of deflate can unpack to gigabytes).
 */
export class UnpackBudget {
  exceeded = false;
  constructor(private left: number) {}
  take(bytes: number): boolean {
    this.left -= bytes;
    if (this.left < 0) this.exceeded = true;
    return !this.exceeded;
  }
}

/**
 * How packed bytes are: stored as they are (for a size, or until they stop coming), deflated as a
 * ZIP entry is (raw), or as a PDF's FlateDecode stream is (zlib, with its header).
 */
export type Packing = { stored: number } | 'deflate-raw' | 'zlib';

/**
 * Deflated bytes up to this size are held until their stream's end has come, then unpacked at once:
 * most embedded files and object streams are a few KB, and a zlib stream kept for each (its 64 KiB
 * of output and a trip to the thread pool per piece) would cost more than unpacking them. A file
 * with thousands of them then holds no more than one such stream at a time.
 */
const AT_ONCE_PACKED_BYTES = 256 * 1024;
/**
 * What unpacking at once may give (an object stream's dictionaries, a chart's workbook): more is
 * unpacked again as it streams, so that the event loop never waits long, and what was unpacked
 * twice is little.
 */
const AT_ONCE_UNPACKED_BYTES = 1024 * 1024;
/** Held bytes are first tried at once at 4 KiB, then at each fourfold: a small file is unpacked soon. */
const FIRST_TRY_BYTES = 4 * 1024;
/** A streaming inflater's pieces: 64 KiB, not zlib's 16 (a quarter of the trips and reads after them). */
const STREAM_CHUNK_BYTES = 64 * 1024;

/**
 * Unpacks bytes as they pass and hands what they unpack to on, counted in a budget. A deflated
 * stream says where it ends itself: bytes after its end are not read. A stream that does not unpack
 * (broken, or encrypted) hands on what it gave until then, at most, and no more. Once nothing more
 * will be unpacked, `ended` says so (once).
 */
export class Unpacker {
  /** Nothing more is unpacked: the stream ended, broke, or its owner stopped it. */
  private done = false;
  private storedLeft: number;
  /** Deflated bytes held until their end comes, while they fit {@link AT_ONCE_PACKED_BYTES}. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** When next to try unpacking what is held, in case its stream ended within it (an end not known). */
  private nextTry = FIRST_TRY_BYTES;
  private inflater?: Inflate | InflateRaw;
  private streamed?: Promise<void>;

  constructor(
    private readonly packing: Packing,
    private readonly budget: UnpackBudget,
    private readonly unpacked: (bytes: Buffer) => void,
    private readonly ended: () => void = () => undefined,
  ) {
    this.storedLeft = typeof packing === 'object' ? packing.stored : Infinity;
  }

  /** Takes these packed bytes; the promise settles once they are unpacked (or held, or nothing more will be). */
  take(packed: Buffer): Promise<void> {
    if (this.done || packed.length === 0) return Promise.resolve();
    if (typeof this.packing === 'object') {
      const stored = packed.subarray(0, Math.min(packed.length, this.storedLeft));
      this.storedLeft -= stored.length;
      this.hand(stored);
      if (this.storedLeft <= 0) this.finish();
      return Promise.resolve();
    }
    if (this.inflater) return this.write(packed);
    this.held.push(packed);
    this.heldBytes += packed.length;
    if (this.heldBytes < this.nextTry) return Promise.resolve();
    // Unpacked at once if its stream ended within what is held (an owner that cannot tell its end
    // feeds it what follows too); tried again at four times the bytes, then streamed past the most held.
    if (this.unpackAtOnce(false)) return Promise.resolve();
    this.nextTry *= 4;
    return this.heldBytes > AT_ONCE_PACKED_BYTES ? this.stream() : Promise.resolve();
  }

  /** No more packed bytes will come: what they unpack to is handed on. */
  async end(): Promise<void> {
    if (!this.done && !this.inflater && !this.unpackAtOnce(true)) await this.stream();
    if (this.inflater && !this.done) this.inflater.end();
    await this.streamed;
    this.finish();
  }

  /** Unpacks nothing more. */
  discard() {
    this.held = [];
    this.inflater?.destroy();
    this.finish();
  }

  /**
   * Unpacks the held bytes in one call. Answers false if they must stream instead: their stream's
   * end has not come (and more bytes will), or they unpack to more than is unpacked at once.
   */
  private unpackAtOnce(last: boolean): boolean {
    if (this.held.length === 0) {
      this.finish();
      return true;
    }
    const inflate = this.packing === 'zlib' ? inflateSync : inflateRawSync;
    try {
      // The last bytes of a cut stream give what they hold, as a stream's would before its error.
      const bytes = inflate(Buffer.concat(this.held), {
        maxOutputLength: AT_ONCE_UNPACKED_BYTES,
        finishFlush: last ? constants.Z_SYNC_FLUSH : constants.Z_FINISH,
      });
      this.held = [];
      this.hand(bytes);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || (code === 'Z_BUF_ERROR' && !last)) return false;
      this.held = [];
    }
    this.finish();
    return true;
  }

  /** From now on unpacks as the bytes pass, starting with those held. */
  private stream(): Promise<void> {
    const inflater =
      this.packing === 'zlib'
        ? createInflate({ chunkSize: STREAM_CHUNK_BYTES })
        : createInflateRaw({ chunkSize: STREAM_CHUNK_BYTES });
    this.inflater = inflater;
    inflater.on('data', (bytes: Buffer) => this.hand(bytes));
    this.streamed = new Promise<void>((resolve) => {
      inflater.on('end', resolve);
      inflater.on('close', resolve);
      inflater.on('error', resolve);
    }).then(() => this.finish());
    const held = Buffer.concat(this.held);
    this.held = [];
    return this.write(held);
  }

  private write(packed: Buffer): Promise<void> {
    const inflater = this.inflater!;
    // Settled by the write, or by the inflater's end (a destroyed stream may never call back).
    return Promise.race([
      new Promise<void>((resolve) => inflater.write(packed, () => resolve())),
      this.streamed,
    ]);
  }

  private finish() {
    if (this.done) return;
    this.done = true;
    this.held = [];
    this.ended();
  }

  private hand(bytes: Buffer) {
    if (bytes.length === 0 || this.budget.exceeded) return;
    if (!this.budget.take(bytes.length)) return this.discard();
    this.unpacked(bytes);
  }
}
