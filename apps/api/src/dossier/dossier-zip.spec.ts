import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { dosDateTime, zipArchive, ZipEntryChangedError, type ZipEntry } from './dossier-zip';

async function archive(entries: ZipEntry[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of zipArchive(
    (async function* () {
      yield* entries;
    })(),
  ))
    chunks.push(chunk);
  return Buffer.concat(chunks);
}

const streamedOf = (bytes: Buffer, pieces = 3) => ({
  size: bytes.length,
  crc32: crc32(bytes),
  read: async () =>
    Readable.from(
      Array.from({ length: pieces }, (_, i) =>
        bytes.subarray((i * bytes.length) / pieces, ((i + 1) * bytes.length) / pieces),
      ),
    ),
});

describe('the dossier’s ZIP writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hd-dossier-zip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes stored entries that unzip reads back byte for byte, dated by Vietnam’s wall clock, the same bytes twice', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70_000, 'p')]);
    const evidence = Buffer.alloc(200_001, 'e');
    const entries = (): ZipEntry[] => [
      { path: 'TAI-LIEU/QD-123-UBND-2024-v1.pdf', at: '2024-01-15', content: pdf },
      {
        path: 'BANG-CHUNG/BAO-CAO-SO-LIEU/a/So-theo-doi.pdf',
        at: '2024-04-02T03:15:20.000Z',
        content: streamedOf(evidence),
      },
      { path: 'EMPTY.txt', at: '2024-12-31', content: Buffer.alloc(0) },
    ];
    const zip = await archive(entries());
    expect((await archive(entries())).equals(zip)).toBe(true);
    const file = join(dir, 'a.zip');
    writeFileSync(file, zip);
    execFileSync('unzip', ['-tq', file]);
    expect(execFileSync('unzip', ['-p', file, 'TAI-LIEU/QD-123-UBND-2024-v1.pdf']).equals(pdf)).toBe(true);
    expect(
      execFileSync('unzip', ['-p', file, 'BANG-CHUNG/BAO-CAO-SO-LIEU/a/So-theo-doi.pdf']).equals(evidence),
    ).toBe(true);
    // `unzip -Z -T`: yyyymmdd.hhmmss, the entry's own date; 03:15:20 UTC is 10:15:20 in Vietnam.
    const listed = execFileSync('unzip', ['-Z', '-T', file], { encoding: 'utf8' });
    expect(listed).toMatch(/20240115\.000000 TAI-LIEU\/QD-123-UBND-2024-v1\.pdf/);
    expect(listed).toMatch(/20240402\.101520 BANG-CHUNG\/BAO-CAO-SO-LIEU\/a\/So-theo-doi\.pdf/);
    expect(listed).toMatch(/stor/);
  });

  it('stops with an error, not a whole-looking archive, when a streamed entry reads back other bytes', async () => {
    const measured = streamedOf(Buffer.alloc(1000, 'a'));
    const changed = { ...measured, read: async () => Readable.from([Buffer.alloc(1000, 'b')]) };
    await expect(archive([{ path: 'x.pdf', at: '2024-01-01', content: changed }])).rejects.toBeInstanceOf(
      ZipEntryChangedError,
    );
    const longer = { ...measured, read: async () => Readable.from([Buffer.alloc(1001, 'a')]) };
    await expect(archive([{ path: 'x.pdf', at: '2024-01-01', content: longer }])).rejects.toBeInstanceOf(
      ZipEntryChangedError,
    );
  });

  it('refuses a path that is not plain ASCII or that climbs out', async () => {
    for (const path of ['Sổ.pdf', '/etc/passwd'])
      await expect(archive([{ path, at: '2024-01-01', content: Buffer.from('x') }])).rejects.toThrow(
        /archive path/,
      );
  });

  it('dates an instant by Vietnam’s clock and a date at its midnight, whatever the server’s zone', () => {
    expect(dosDateTime('2024-12-31T17:30:00.000Z')).toEqual(dosDateTime('2025-01-01T00:30:00+07:00'));
    const { date, time } = dosDateTime('2024-12-31T17:30:00.000Z');
    expect([date >> 9, (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63]).toEqual([45, 1, 1, 0, 30]);
    expect(dosDateTime('2024-01-15')).toEqual({ date: (44 << 9) | (1 << 5) | 15, time: 0 });
  });
});
