import type { DataSource } from 'typeorm';
import { migrateUp, openDataSource, RateLimitHitEntity } from '@qcycle/persistence';
import { createTestDatabase, type TestDatabaseKind } from '@qcycle/testing';

/** Lets the other transaction run a statement: the interleaving two activities at once produce. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A row of a table with plain columns (a rate-limit counter): what is written does not matter here. */
const row = (key: string): RateLimitHitEntity => ({
  key,
  throttlerName: 'test',
  windowExpiresAt: '2024-01-02T00:01:00.000Z',
  hits: 1,
  blockedUntil: null,
});

/**
 * Two records written at once in one process (two activities on a worker, a request during an
 * activity) are two transactions: each commits or rolls back alone, and a write outside any
 * transaction is not swept into one. On SQLite TypeORM runs every query of a process on a single
 * connection, which would nest the second transaction inside the first.
 */
describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('concurrent transactions on %s', (kind) => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const database = await createTestDatabase(kind);
    dataSource = await openDataSource(database.config);
    await migrateUp(dataSource);
  });

  afterAll(() => dataSource?.destroy());

  const exists = async (key: string) =>
    (await dataSource.getRepository(RateLimitHitEntity).countBy({ key })) === 1;

  it("keeps one transaction's committed record when another, running at the same time, rolls back", async () => {
    const committed = dataSource.transaction(async (manager) => {
      await turn();
      await manager.insert(RateLimitHitEntity, row('tx/committed'));
      await turn();
      await turn();
    });
    const failed = dataSource.transaction(async (manager) => {
      await turn();
      await manager.insert(RateLimitHitEntity, row('tx/rolled-back'));
      await turn();
      await turn();
      await turn();
      throw new Error('the second record fails');
    });
    await expect(failed).rejects.toThrow('the second record fails');
    await committed;
    expect(await exists('tx/committed')).toBe(true);
    expect(await exists('tx/rolled-back')).toBe(false);
  });

  it('keeps a write made outside any transaction while a transaction that rolls back is open', async () => {
    const failed = dataSource.transaction(async (manager) => {
      await manager.insert(RateLimitHitEntity, row('tx/inside'));
      await turn();
      await turn();
      throw new Error('the record fails');
    });
    const outside = (async () => {
      await turn();
      await dataSource.getRepository(RateLimitHitEntity).insert(row('tx/outside'));
    })();
    await expect(failed).rejects.toThrow('the record fails');
    await outside;
    expect(await exists('tx/inside')).toBe(false);
    expect(await exists('tx/outside')).toBe(true);
  });

  it('keeps the row of a save() made outside any transaction, before or during a transaction that rolls back', async () => {
    const repository = dataSource.getRepository(RateLimitHitEntity);
    const failing = (key: string) =>
      dataSource.transaction(async (manager) => {
        await manager.insert(RateLimitHitEntity, row(key));
        await turn();
        throw new Error('the record fails');
      });
    // The save first: TypeORM opens a transaction of its own for it.
    const savedFirst = repository.save(row('tx/saved-first'));
    await expect(failing('tx/after-save')).rejects.toThrow('the record fails');
    await savedFirst;
    // The transaction first: the save comes while it is open.
    const failed = failing('tx/before-save');
    const savedDuring = (async () => {
      await turn();
      await repository.save(row('tx/saved-during'));
    })();
    await expect(failed).rejects.toThrow('the record fails');
    await savedDuring;
    expect(await exists('tx/saved-first')).toBe(true);
    expect(await exists('tx/saved-during')).toBe(true);
    expect(await exists('tx/after-save')).toBe(false);
    expect(await exists('tx/before-save')).toBe(false);
  });

  it('runs a transaction started inside another as part of it', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.insert(RateLimitHitEntity, row('tx/outer'));
      await manager.transaction(async (inner) => {
        await inner.insert(RateLimitHitEntity, row('tx/inner'));
      });
    });
    expect(await exists('tx/outer')).toBe(true);
    expect(await exists('tx/inner')).toBe(true);
  });
});
