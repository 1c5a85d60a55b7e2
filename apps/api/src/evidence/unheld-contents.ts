import type { Logger } from '@nestjs/common';
import { EvidenceFileEntity } from '@qcycle/persistence';
import { IsNull, Not, type DataSource } from 'typeorm';
import type { EvidenceStore } from './evidence-store';

/**
 * Removes the stored contents no evidence file holds any more (no row names them but one whose
 * content was erased), each unless it was stored (again) at or after `since`: an upload of the same
 * content, on this replica or another, may be about to name it. What removed the files is done
 * whatever happens here: a content left in the store costs only its bytes, so a failure is logged,
 * and the next removal of that content tries again.
 */
export async function removeContentsNoFileHolds(
  dataSource: DataSource,
  store: EvidenceStore,
  contents: readonly string[],
  since: Date,
  logger: Logger,
): Promise<void> {
  const rows = dataSource.getRepository(EvidenceFileEntity);
  for (const sha256 of new Set(contents)) {
    try {
      if (await rows.existsBy({ sha256, erasedAt: IsNull() })) continue;
      await store.removeUnlessStoredSince(sha256, since);
    } catch (error) {
      logger.warn(`the stored content ${sha256} stays in the store: ${String(error)}`);
    }
  }
}

/**
 * The contents of erased files the store still holds with no other file holding them: a removal that
 * failed, or that a process killed in the middle of it left set aside and the start put back (the
 * local folder cannot tell it was to go). Removed now, each unless stored again since its last
 * erasure. Erased files are few, so this is one read of them at each start. Answers how many went.
 */
export async function removeErasedContentsLeft(
  dataSource: DataSource,
  store: EvidenceStore,
  logger: Logger,
): Promise<number> {
  const erased = await dataSource.getRepository(EvidenceFileEntity).find({
    select: { sha256: true, erasedAt: true },
    where: { erasedAt: Not(IsNull()) },
  });
  const lastErasure = new Map<string, string>();
  for (const file of erased)
    if (file.erasedAt! > (lastErasure.get(file.sha256) ?? '')) lastErasure.set(file.sha256, file.erasedAt!);
  let removed = 0;
  for (const [sha256, erasedAt] of lastErasure) {
    if (!(await store.has(sha256))) continue;
    await removeContentsNoFileHolds(dataSource, store, [sha256], new Date(erasedAt), logger);
    if (!(await store.has(sha256))) removed++;
  }
  return removed;
}
