import { crc32 } from 'node:zlib';
import { VIETNAM_UTC_OFFSET_MINUTES } from '@qcycle/domain';

/** One file of the archive: its bytes, or a way to read them with their size and CRC-32 known first. */
export interface ZipEntry {
  /** The path in the archive, ASCII, `/` between folders. */
  path: string;
  /** What the entry is dated: an instant, or a `YYYY-MM-DD` date (midnight), both as Vietnam's wall clock. */
  at: string;
  content: Buffer | StreamedContent;
}

/** Bytes read twice: once to know their size and CRC-32 (the caller), once into the archive. */
export interface StreamedContent {
  size: number;
  crc32: number;
  read: () => Promise<AsyncIterable<Buffer>>;
}

/** A streamed entry that did not read back as the bytes it was measured as: the archive stops. */
export class ZipEntryChangedError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed while the archive was written`);
    this.name = 'ZipEntryChangedError';
  }
}

const STORED = 0;
const VERSION = 20; // 2.0: what a stored entry in folders needs
const VERSION_ZIP64 = 45;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;

/**
 * A ZIP, written as it is read (a Node stream made from this generator pulls one chunk at a time),
 * for an answer too large to hold: a year's evidence files. Every entry is STORED, not deflated: the
 * year's files are PDF, DOCX, images and ZIP-based packages, compressed already, and a stored entry
 * keeps each file's own bytes in the archive, so the archive's bytes depend on the entries alone
 * (no compressor version). Sizes and CRC-32 go in each local header (no data descriptors, so every
 * reader, streaming or not, reads it); an entry's time is the caller's, never the clock's. ZIP64
 * records are added only when the archive passes 4 GiB or 65,535 entries.
 */
export async function* zipArchive(entries: AsyncIterable<ZipEntry>): AsyncGenerator<Buffer> {
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for await (const entry of entries) {
    const name = Buffer.from(entry.path, 'ascii');
    if (!/^[\x20-\x7e]+$/.test(entry.path) || entry.path.startsWith('/') || name.length > MAX_16)
      throw new Error(`Not an archive path: ${entry.path}`);
    const { size, crc } = Buffer.isBuffer(entry.content)
      ? { size: entry.content.length, crc: crc32(entry.content) }
      : { size: entry.content.size, crc: entry.content.crc32 };
    if (size >= MAX_32) throw new Error(`${entry.path}: a file of 4 GiB or more is not archived`);
    const { time, date } = dosDateTime(entry.at);
    const fields = { crc, size, time, date };
    const header = localHeader(name, fields);
    central.push(centralHeader(name, fields, offset));
    yield header;
    offset += header.length;
    if (Buffer.isBuffer(entry.content)) {
      if (size > 0) yield entry.content;
    } else {
      let read = 0;
      let check = 0;
      for await (const chunk of await entry.content.read()) {
        read += chunk.length;
        if (read > size) throw new ZipEntryChangedError(entry.path);
        check = crc32(chunk, check);
        yield chunk;
      }
      if (read !== size || check !== crc) throw new ZipEntryChangedError(entry.path);
    }
    offset += size;
    count += 1;
  }
  const directory = Buffer.concat(central);
  yield directory;
  yield endOfArchive(count, directory.length, offset);
}

interface EntryFields {
  crc: number;
  size: number;
  time: number;
  date: number;
}

function localHeader(name: Buffer, { crc, size, time, date }: EntryFields): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(0, 6); // no flags: sizes and CRC are here, the name is ASCII
  header.writeUInt16LE(STORED, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

function centralHeader(name: Buffer, { crc, size, time, date }: EntryFields, offset: number): Buffer {
  // Past 4 GiB the entry's offset goes into a ZIP64 extra field (APPNOTE 4.5.3).
  const zip64 = offset >= MAX_32;
  const extra = zip64 ? Buffer.alloc(12) : Buffer.alloc(0);
  if (zip64) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(BigInt(offset), 4);
  }
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION, 4); // made by: MS-DOS attributes
  header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION, 6);
  header.writeUInt16LE(0, 8);
  header.writeUInt16LE(STORED, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(crc, 16);
  header.writeUInt32LE(size, 20);
  header.writeUInt32LE(size, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt16LE(extra.length, 30);
  // comment length, disk number, internal and external attributes: 0
  header.writeUInt32LE(zip64 ? MAX_32 : offset, 42);
  return Buffer.concat([header, name, extra]);
}

function endOfArchive(count: number, directorySize: number, directoryOffset: number): Buffer {
  const zip64 = count >= MAX_16 || directoryOffset >= MAX_32 || directorySize >= MAX_32;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? MAX_16 : count, 8);
  end.writeUInt16LE(zip64 ? MAX_16 : count, 10);
  end.writeUInt32LE(zip64 ? MAX_32 : directorySize, 12);
  end.writeUInt32LE(zip64 ? MAX_32 : directoryOffset, 16);
  if (!zip64) return end;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(VERSION_ZIP64, 12);
  record.writeUInt16LE(VERSION_ZIP64, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(directorySize), 40);
  record.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}

/** DOS time and date fields of Vietnam's wall clock at `at` (no time zone in a ZIP), as fixZipTimes does for the DOCX. */
export function dosDateTime(at: string): { time: number; date: number } {
  const wall = /^\d{4}-\d{2}-\d{2}$/.test(at)
    ? Date.parse(`${at}T00:00:00Z`)
    : Date.parse(at) + VIETNAM_UTC_OFFSET_MINUTES * 60_000;
  if (!Number.isFinite(wall)) throw new Error(`Not a date or an instant: ${at}`);
  const d = new Date(wall);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}
