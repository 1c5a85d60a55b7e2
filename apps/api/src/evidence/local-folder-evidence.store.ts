import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EvidenceMissingError, isSha256, type EvidenceStore, type StoredEvidence } from './evidence-store';

/** Suffix of a file still being written; never a stored file's name. */
const PARTIAL_SUFFIX = '.partial';
/** Suffix of a stored file set aside to be removed; never a stored file's name. */
const REMOVING_SUFFIX = '.removing';

/**
 * The embedded evidence store: a folder (EVIDENCE_DIR, default `.data/evidence`) holding each file as
 * `<first two hex digits>/<sha256>`. A file is written to `.<uuid>.partial` in the folder itself while
 * it is hashed, flushed to disk, then renamed to its hash: the rename is atomic on one file system, so
 * a reader sees the whole content or nothing, and an upload cut off midway leaves no stored file.
 */
export class LocalFolderEvidenceStore implements EvidenceStore {
  constructor(readonly dir: string) {}

  async put(content: Readable): Promise<StoredEvidence> {
    await mkdir(this.dir, { recursive: true });
    const partial = join(this.dir, `.${randomUUID()}${PARTIAL_SUFFIX}`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    // Opened before the first byte is read, so a refusal of the first bytes cannot overtake the
    // open: the removal below always finds the file it must remove.
    const handle = await open(partial, 'wx');
    try {
      await pipeline(content, meter, handle.createWriteStream());
      await flushToDisk(partial);
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      if (await storedAgain(target)) {
        // Same content already kept: one stored file, whatever the number of uploads.
        await rm(partial, { force: true });
      } else {
        await mkdir(dirname(target), { recursive: true });
        await rename(partial, target);
      }
      return { sha256, size };
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(sha256: string): Promise<Readable> {
    if (!(await this.has(sha256))) throw new EvidenceMissingError(sha256);
    return createReadStream(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Set aside under a name of its own first (an atomic rename), so that an upload of the same content
   * either stored it again before (its time is then `since` or later: put back) or finds it gone and
   * stores its own copy. Only then is it removed.
   */
  async removeUnlessStoredSince(sha256: string, since: Date): Promise<boolean> {
    const target = this.pathOf(sha256);
    const aside = join(this.dir, `.${sha256}.${randomUUID()}${REMOVING_SUFFIX}`);
    try {
      await rename(target, aside);
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
    if ((await stat(aside)).mtimeMs >= since.getTime()) {
      // Stored again meanwhile: back under its name (an upload's own copy there is the same bytes).
      await rename(aside, target);
      return false;
    }
    await rm(aside, { force: true });
    return true;
  }

  /**
   * Puts back what a process killed in the middle of a removal set aside: whether it was to be removed
   * or kept was not decided, and a file kept by mistake costs only its bytes. (The same content
   * stored again under its name meanwhile: the set-aside copy goes.) Another process sharing the
   * folder may take a listed file first (starting at the same moment, or finishing its own removal):
   * gone by the time it is reached, it is left to them.
   */
  async restoreSetAside(): Promise<number> {
    let restored = 0;
    for (const name of await this.leftovers(REMOVING_SUFFIX)) {
      const sha256 = name.slice(1, name.indexOf('.', 1));
      if (!isSha256(sha256)) continue;
      const aside = join(this.dir, name);
      if (await this.has(sha256)) {
        await rm(aside, { force: true });
        continue;
      }
      await mkdir(dirname(this.pathOf(sha256)), { recursive: true });
      try {
        await rename(aside, this.pathOf(sha256));
        restored++;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return restored;
  }

  /**
   * Removes what a process killed in the middle of an upload left (no upload removes its own partial
   * file then). Only files older than `olderThanMs`: another API process may be writing one right now.
   */
  async sweepPartials(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await this.leftovers(PARTIAL_SUFFIX)) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > olderThanMs) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** The names of the folder's own files with that suffix (never a stored file's); none without a folder. */
  private async leftovers(suffix: string): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((name) => name.startsWith('.') && name.endsWith(suffix));
  }

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new EvidenceMissingError(sha256);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }
}

/**
 * Marks a stored file as stored again now (its modification time), so that a removal that began
 * before leaves it; false when there is none under that name.
 */
async function storedAgain(target: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(target, now, now);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** The content is on disk before it gets its name: a crash right after the rename loses nothing. */
async function flushToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
