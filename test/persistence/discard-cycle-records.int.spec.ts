import type { DataSource, EntityMetadata } from 'typeorm';
import {
  QualityCycleEntity,
  RehearsalDiscardEntity,
  TaskEntity,
  TaskLinkUseEntity,
  discardCycleRecords,
  migrateUp,
  openDataSource,
} from '@qcycle/persistence';
import { createTestDatabase, type TestDatabaseKind } from '@qcycle/testing';

/**
 * Discarding a rehearsal's records (discardCycleRecords) takes every row of that cycle from every
 * table that has one — each entity with a `cycleId`, found from the metadata as the function finds
 * them, so a table added later is checked without touching this test — with its tasks' link uses and
 * its own row, and leaves another cycle's rows and the discards' trace. On either database.
 */
describe.each<TestDatabaseKind>(['sqlite', 'postgres'])("discarding a cycle's records, on %s", (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const DISCARDED = 'kontum-2024';
  const KEPT = 'kontum-2023';

  /** A row of the entity for that cycle: every column given a value its type takes. */
  const rowOf = (metadata: EntityMetadata, cycleId: string, extra: Record<string, unknown> = {}) =>
    Object.fromEntries(
      metadata.columns.map((column) => {
        if (column.propertyName === 'cycleId') return [column.propertyName, cycleId];
        if (column.propertyName in extra) return [column.propertyName, extra[column.propertyName]];
        const type = String(typeof column.type === 'function' ? column.type.name : column.type).toLowerCase();
        if (type.includes('int') || type === 'number' || type === 'real' || type === 'double precision')
          return [column.propertyName, column.isPrimary ? (cycleId === KEPT ? 1 : 2) : 1];
        if (type.includes('bool')) return [column.propertyName, false];
        if (type.includes('json')) return [column.propertyName, {}];
        if (column.isNullable) return [column.propertyName, null];
        // A text: unique per cycle where it is the key, and within the column's length.
        const text = `${cycleId}-${column.databaseName}`;
        return [column.propertyName, column.length ? text.slice(-Number(column.length)) : text];
      }),
    );
  const withCycleId = () =>
    dataSource.entityMetadatas.filter((metadata) => metadata.findColumnWithPropertyName('cycleId'));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await openDataSource(database.config);
    await migrateUp(dataSource);
    for (const cycleId of [DISCARDED, KEPT]) {
      for (const metadata of withCycleId())
        await dataSource.manager.insert(metadata.target, rowOf(metadata, cycleId));
      const cycle = dataSource.getMetadata(QualityCycleEntity);
      await dataSource.manager.insert(
        QualityCycleEntity,
        rowOf(cycle, cycleId, { id: cycleId, organisationCode: 'kontum', year: Number(cycleId.slice(-4)) }),
      );
      const task = await dataSource.getRepository(TaskEntity).findOneByOrFail({ cycleId });
      await dataSource.manager.insert(
        TaskLinkUseEntity,
        rowOf(dataSource.getMetadata(TaskLinkUseEntity), cycleId, { taskId: task.id }),
      );
    }
    await dataSource.manager.insert(RehearsalDiscardEntity, {
      id: 'earlier-discard',
      discardedCycleId: DISCARDED,
      organisationCode: 'kontum',
      year: 2024,
      cycleStatus: 'cancelled',
      cycleStartedAt: '2024-01-03T01:00:00.000Z',
      discardedBy: 'u-qmr',
      discardedAt: '2024-02-01T01:00:00.000Z',
      reason: 'Lớp thứ nhất',
      requestId: null,
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('deletes every row of the cycle, in every table that has one, and nothing of another cycle', async () => {
    const tables = withCycleId().map((metadata) => metadata.tableName);
    // The tables qcycle keeps a cycle's records in: tasks, the decision, the assignments,
    // measurements, the audit, its steps, corrective actions, the review, results, the event log,
    // notifications, documents, evidence, next year's draft, the start.
    expect(tables.length).toBeGreaterThanOrEqual(15);
    const count = (cycleId: string) =>
      Promise.all(withCycleId().map((metadata) => dataSource.manager.countBy(metadata.target, { cycleId })));
    await expect(count(DISCARDED)).resolves.toEqual(tables.map(() => 1));

    await dataSource.transaction((manager) => discardCycleRecords(manager, DISCARDED));

    await expect(count(DISCARDED)).resolves.toEqual(tables.map(() => 0));
    await expect(count(KEPT)).resolves.toEqual(tables.map(() => 1));
    await expect(dataSource.manager.findBy(QualityCycleEntity, {})).resolves.toEqual([
      expect.objectContaining({ id: KEPT }),
    ]);
    const uses = await dataSource.manager.findBy(TaskLinkUseEntity, {});
    expect(uses.map((use) => use.taskId)).toEqual([
      (await dataSource.getRepository(TaskEntity).findOneByOrFail({ cycleId: KEPT })).id,
    ]);
    // The trace of an earlier discard of the same year stays.
    await expect(dataSource.manager.countBy(RehearsalDiscardEntity, {})).resolves.toBe(1);
  });
});
