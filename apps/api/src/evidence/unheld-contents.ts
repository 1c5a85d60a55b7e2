import type { Logger } from '@nestjs/common';
import { EvidenceFileEntity } from '@qcycle/persistence';
import { IsNull, type DataSource } from 'typeorm';
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
