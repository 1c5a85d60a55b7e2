import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Takes turns on one connection: a turn starts once every earlier one has ended. A transaction
 * holds its turn from BEGIN to COMMIT or ROLLBACK; a query outside any transaction holds one for
 * itself.
 */
class Turns {
  private last: Promise<void> = Promise.resolve();

  /** Resolves, when this turn comes, with the function that ends it. */
  take(): Promise<() => void> {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const begins = this.last.then(() => end);
    this.last = ended;
    return begins;
  }

  async during<T>(work: () => Promise<T>): Promise<T> {
    const end = await this.take();
    try {
      return await work();
    } finally {
      end();
    }
  }
}

/**
 * Makes a SQLite DataSource run one transaction at a time.
 *
 * TypeORM's SQLite drivers run every query of a process on one connection (one query runner). Two
 * transactions started at once — two activities on a worker, a request during an activity — are not
 * two transactions there: the second becomes a savepoint inside the first, so the first's COMMIT
 * may release the second's savepoint and the second's ROLLBACK undo the first's committed work, or
 * the second's BEGIN fails ("cannot start a transaction within a transaction"); a query in between
 * joins whichever transaction is open and is rolled back with it
 * (test/persistence/concurrent-transactions). PostgreSQL gives each transaction a connection of
 * its own from the pool and needs none of this.
 *
 * So, on SQLite: `dataSource.transaction()` (and `dataSource.manager.transaction()`) waits for its
 * turn on the connection and keeps it until it ends; a transaction started inside one (its callback's
 * async context, kept with AsyncLocalStorage) is part of it (a savepoint), as before; a query from
 * outside any transaction waits for the open one to end. A transaction TypeORM opens by itself (a
 * `save()` outside any transaction) takes its turn at BEGIN; queries from outside while it runs go
 * through, as they did. SQLite writes one transaction at a time anyway (WAL, `busy_timeout` across
 * processes), so this takes away no concurrency the database had.
 */
export function oneTransactionAtATime(dataSource: DataSource): DataSource {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource;
  const runner: QueryRunner = dataSource.createQueryRunner(); // the driver's one runner
  const turns = new Turns();
  const insideTransaction = new AsyncLocalStorage<true>();
  /** The end of the turn of a transaction TypeORM opened by itself (`save()`), while it is open. */
  let ownTransactionEnds: (() => void) | undefined;

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) =>
    insideTransaction.getStore()
      ? transaction(...args)
      : turns.during(() =>
          insideTransaction.run(true, () => transaction(...args)),
        )) as EntityManager['transaction'];

  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((...args: unknown[]) =>
    insideTransaction.getStore() || ownTransactionEnds
      ? query(...args)
      : turns.during(() => query(...args))) as QueryRunner['query'];

  const start = runner.startTransaction.bind(runner);
  runner.startTransaction = async (isolationLevel) => {
    if (insideTransaction.getStore() || ownTransactionEnds) return start(isolationLevel);
    const end = await turns.take();
    ownTransactionEnds = end;
    try {
      await start(isolationLevel);
    } catch (error) {
      // TypeORM leaves isTransactionActive set when BEGIN itself fails: the turn ends regardless.
      endOwnTransaction(true);
      throw error;
    }
  };
  const endOwnTransaction = (evenIfStillOpen = false) => {
    const end = ownTransactionEnds;
    if (!end || (runner.isTransactionActive && !evenIfStillOpen)) return;
    ownTransactionEnds = undefined;
    end();
  };
  /**
   * COMMIT and ROLLBACK end the turn of a transaction TypeORM opened by itself, once it is over. A
   * failed COMMIT keeps it: TypeORM rolls back next. A failed ROLLBACK ends it anyway, or every
   * later query of the process would wait for a transaction nobody will close.
   */
  const thenEndOwnTransaction =
    (finish: () => Promise<void>, { evenIfItFails }: { evenIfItFails: boolean }) =>
    async () => {
      let failed = false;
      try {
        await finish();
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        endOwnTransaction(failed && evenIfItFails);
      }
    };
  runner.commitTransaction = thenEndOwnTransaction(runner.commitTransaction.bind(runner), {
    evenIfItFails: false,
  });
  runner.rollbackTransaction = thenEndOwnTransaction(runner.rollbackTransaction.bind(runner), {
    evenIfItFails: true,
  });
  return dataSource;
}
