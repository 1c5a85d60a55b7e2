import { Client as PgClient } from 'pg';
import { eventually } from '@qcycle/testing';

/**
 * Holds `LOCK TABLE … IN SHARE MODE` on one table of a fault stack's database: reads go on, every
 * write to that table waits. That is how a suite catches a worker in the middle of an activity (or
 * of an Update whose handler awaits one) on purpose, instead of hoping a kill lands at the right
 * millisecond: the write is seen waiting in pg_stat_activity, then the worker is killed.
 */
export class TableLock {
  private constructor(
    private readonly client: PgClient,
    readonly table: string,
  ) {}

  static async hold(databaseUrl: string, table: string): Promise<TableLock> {
    const client = new PgClient({ connectionString: databaseUrl });
    // A suite that stops PostgreSQL cuts this connection too: its lock goes with it, as intended.
    client.on('error', () => undefined);
    await client.connect();
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${table} IN SHARE MODE`);
    return new TableLock(client, table);
  }

  /** Resolves with the pid of the backend whose write (`INSERT`/`UPDATE` …) waits for this lock. */
  async writeWaiting(statement: 'INSERT INTO' | 'UPDATE', timeoutMs = 60_000): Promise<number> {
    return eventually(
      `a ${statement} "${this.table}" waiting for the lock`,
      async () => {
        // Backend status is a snapshot per transaction, and this client is inside one.
        await this.client.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await this.client.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1`,
          [`${statement} "${this.table}"%`],
        );
        return rows[0]?.pid;
      },
      { timeoutMs, intervalMs: 100 },
    );
  }

  /** Ends the transaction (and so the lock); a connection the server already cut has none left to end. */
  async release(): Promise<void> {
    await this.client.query('COMMIT').catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}
