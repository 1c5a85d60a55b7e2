import type { EntityManager } from 'typeorm';
import { QualityCycleEntity } from './entities/quality-cycle.entity';
import { TaskEntity } from './entities/cycle-records.entities';
import { TaskLinkUseEntity } from './entities/task-link-use.entity';

/**
 * Deletes every record of one cycle: each table's rows of that `cycleId` (every entity with the
 * property, so a table added later is not forgotten), the uses of its tasks' e-mailed links, and the
 * cycle's own row. Only for a rehearsal whose workflow has ended (the caller checks): its records are
 * training, not the QMS's. Run it in the caller's transaction, with the discard's trace
 * (RehearsalDiscardEntity, which has no `cycleId` for this reason). Evidence bytes stay where they
 * are: they are stored by content, and another record may hold the same file.
 */
export async function discardCycleRecords(manager: EntityManager, cycleId: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .delete()
    .from(TaskLinkUseEntity)
    .where(
      `task_id IN (${manager
        .createQueryBuilder()
        .select('task.id')
        .from(TaskEntity, 'task')
        .where('task.cycle_id = :cycleId')
        .getQuery()})`,
      { cycleId },
    )
    .execute();
  for (const metadata of manager.connection.entityMetadatas) {
    if (metadata.findColumnWithPropertyName('cycleId')) await manager.delete(metadata.target, { cycleId });
  }
  await manager.delete(QualityCycleEntity, { id: cycleId });
}
