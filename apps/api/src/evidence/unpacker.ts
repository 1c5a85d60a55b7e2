import { createInflate, createInflateRaw, type Inflate, type InflateRaw } from 'node:zlib';

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
 * Unpacks bytes as they pass and hands what they unpack to on, counted in a budget. A deflated
 * stream says where it ends itself; bytes after its end are not read. A stream that does not unpack
 * (broken, or encrypted) hands on what it gave until then, and no more.
 */
export class Unpacker {
  private done = false;
  private storedLeft: number;
  private readonly inflater?: Inflate | InflateRaw;
  private readonly finished: Promise<void>;

  constructor(
    packing: Packing,
    private readonly budget: UnpackBudget,
    private readonly unpacked: (bytes: Buffer) => void,
  ) {
    this.storedLeft = typeof packing === 'object' ? packing.stored : Infinity;
    if (typeof packing === 'object') {
      this.finished = Promise.resolve();
      return;
    }
    const inflater = packing === 'zlib' ? createInflate() : createInflateRaw();
    this.inflater = inflater;
    inflater.on('data', (bytes: Buffer) => this.hand(bytes));
    this.finished = new Promise<void>((resolve) => {
      inflater.on('end', resolve);
      inflater.on('close', resolve);
      inflater.on('error', resolve);
    }).then(() => {
      this.done = true;
    });
  }

  /** Takes these packed bytes; the promise settles once they are unpacked (or nothing more will be). */
  take(packed: Buffer): Promise<void> {
    if (this.done || packed.length === 0) return Promise.resolve();
    const inflater = this.inflater;
    if (!inflater) {
      const stored = packed.subarray(0, Math.min(packed.length, this.storedLeft));
      this.storedLeft -= stored.length;
      if (this.storedLeft <= 0) this.done = true;
      this.hand(stored);
      return Promise.resolve();
    }
    // Settled by the write, or by the inflater's end (a destroyed stream may never call back).
    return Promise.race([
      new Promise<void>((resolve) => inflater.write(packed, () => resolve())),
      this.finished,
    ]);
  }

  /** No more packed bytes will come: what is unpacked of them so far is handed on. */
  async end(): Promise<void> {
    if (this.inflater && !this.done) this.inflater.end();
    await this.finished;
    this.done = true;
  }

  /** Unpacks nothing more. */
  discard() {
    this.done = true;
    this.inflater?.destroy();
  }

  private hand(bytes: Buffer) {
    if (bytes.length === 0 || this.budget.exceeded) return;
    if (!this.budget.take(bytes.length)) return this.discard();
    this.unpacked(bytes);
  }
}
