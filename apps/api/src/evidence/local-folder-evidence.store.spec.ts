import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalFolderEvidenceStore } from './local-folder-evidence.store';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Removing a content no record names any more, in a real folder. */
describe('the local folder evidence store removing a content', () => {
  let dir: string;
  let store: LocalFolderEvidenceStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qcycle-store-'));
    store = new LocalFolderEvidenceStore(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Stores the bytes and dates the stored file as written at `at`. */
  const storedAt = async (bytes: Buffer, at: Date) => {
    const { sha256: hash } = await store.put(Readable.from([bytes]));
    await utimes(store.pathOf(hash), at, at);
    return hash;
  };
  const anHourAgo = () => new Date(Date.now() - 3_600_000);
  /** What the folder holds besides the stored files' own sub-folders. */
  const asideFiles = async () => (await readdir(dir)).filter((name) => name.endsWith('.removing'));

  it('removes a content stored before the moment given, and leaves nothing set aside', async () => {
    const hash = await storedAt(Buffer.from('%PDF-1.7 bien ban'), anHourAgo());
    await expect(store.removeUnlessStoredSince(hash, new Date(Date.now() - 60_000))).resolves.toBe(true);
    await expect(store.has(hash)).resolves.toBe(false);
    expect(await asideFiles()).toEqual([]);
  });

  it('keeps a content an upload stored again since that moment (the same bytes, another record)', async () => {
    const bytes = Buffer.from('%PDF-1.7 dung chung');
    const hash = await storedAt(bytes, anHourAgo());
    const since = new Date(Date.now() - 60_000);
    // Uploaded again: the store keeps one file, and marks it as stored now.
    await store.put(Readable.from([bytes]));
    await expect(store.removeUnlessStoredSince(hash, since)).resolves.toBe(false);
    expect(await readFile(store.pathOf(hash))).toEqual(bytes);
    expect(await asideFiles()).toEqual([]);
  });

  it('answers false for a content it does not hold', async () => {
    await expect(store.removeUnlessStoredSince(sha256(Buffer.from('never')), new Date())).resolves.toBe(
      false,
    );
  });

  it('puts back at start-up what a removal cut off midway left set aside, or drops it when stored again', async () => {
    const bytes = Buffer.from('%PDF-1.7 giua chung');
    const hash = await storedAt(bytes, anHourAgo());
    // A process killed between setting the file aside and deciding: only the set-aside file is left.
    await rm(store.pathOf(hash));
    await writeFile(join(dir, `.${hash}.${randomUUID()}.removing`), bytes);
    await expect(store.restoreSetAside()).resolves.toBe(1);
    expect(await readFile(store.pathOf(hash))).toEqual(bytes);
    expect(await asideFiles()).toEqual([]);

    // The same content stored again under its name meanwhile: the set-aside copy goes.
    await writeFile(join(dir, `.${hash}.${randomUUID()}.removing`), bytes);
    await expect(store.restoreSetAside()).resolves.toBe(0);
    expect(await readFile(store.pathOf(hash))).toEqual(bytes);
    expect(await asideFiles()).toEqual([]);
  });

  it('lets two processes starting at once put the same set-aside files back without failing either start', async () => {
    const contents = Array.from({ length: 20 }, (_, n) => Buffer.from(`%PDF-1.7 ${n}`));
    for (const bytes of contents) {
      const hash = createHash('sha256').update(bytes).digest('hex');
      await writeFile(join(dir, `.${hash}.${randomUUID()}.removing`), bytes);
    }
    // Both list the same files; each file is put back by one of them, the other finds it gone.
    const [first, second] = await Promise.all([store.restoreSetAside(), store.restoreSetAside()]);
    expect(first + second).toBe(contents.length);
    for (const bytes of contents)
      expect(await readFile(store.pathOf(createHash('sha256').update(bytes).digest('hex')))).toEqual(bytes);
    expect(await asideFiles()).toEqual([]);
  });

  it('sweeps partial uploads a killed process left, once older than the age given, and nothing else', async () => {
    const hash = await storedAt(Buffer.from('%PDF-1.7 giu lai'), anHourAgo());
    const abandoned = join(dir, `.${randomUUID()}.partial`);
    const writing = join(dir, `.${randomUUID()}.partial`);
    await writeFile(abandoned, 'cut off');
    await utimes(abandoned, anHourAgo(), anHourAgo());
    await writeFile(writing, 'still coming');
    await expect(store.sweepPartials(60_000)).resolves.toBe(1);
    expect((await readdir(dir)).filter((name) => name.endsWith('.partial'))).toEqual([
      writing.slice(dir.length + 1),
    ]);
    await expect(store.has(hash)).resolves.toBe(true);
  });
});
