import { eventually } from '@qcycle/testing';
import { taskPath } from '../api/support/demo-organisation';
import { CycleWalk, APPROVE, Q1_REPORT, cycleId } from './support/cycle-walk';
import { FaultStack, isRunning, type StackProcess } from './support/fault-stack';
import { TableLock } from './support/table-lock';

/**
 * Fault: PostgreSQL stops for 30 s (QCYCLE_FAULT_PG_OUTAGE_SECONDS shortens it for a local run)
 * while the worker is writing the assignments (held by a table lock until the server goes down, so
 * the outage cuts that activity mid-transaction). On the suite's own PostgreSQL server, never the
 * run's shared one. During it the API answers 503 for what it cannot read, never 500; the activity
 * retries; nothing is half-written. After it, the same API and worker go on: the units get their
 * tasks, Lan reports, everything recorded once.
 */
const outageSeconds = Number(process.env.QCYCLE_FAULT_PG_OUTAGE_SECONDS ?? 30);

describe(`fault: PostgreSQL stopped for ${outageSeconds} s`, () => {
  let stack: FaultStack;
  let walk: CycleWalk;
  let api: StackProcess;
  let worker: StackProcess;

  beforeAll(async () => {
    stack = await FaultStack.start({ ownPostgres: true });
    walk = await CycleWalk.begin(stack);
    api = stack.api as StackProcess;
    worker = stack.worker as StackProcess;
    const approval = await walk.approvalTask();
    expect((await walk.complete('leader', approval.id, APPROVE)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('answers 503 while it is down, retries the cut activity after, and writes each record once', async () => {
    const task = await walk.taskOf('qmr', 'assignment-acceptance');
    const delegations = await walk.delegations(task.id);
    const outcome = { accepted: true, delegations };
    const lock = await TableLock.hold(stack.databaseUrl, 'assignments');
    expect((await walk.complete('qmr', task.id, outcome)).status).toBe(200);
    await lock.writeWaiting('INSERT INTO');

    const downAt = Date.now();
    stack.pausePostgres(); // fast shutdown: the lock holder and the waiting write are cut
    try {
      await eventually(
        'the API’s health naming the database down',
        async () => (await stack.apiSeesDown('database')) || undefined,
      );
      // What the API must read the database for: 503 DATABASE_UNAVAILABLE, never a 500.
      const reads = [
        ['qmr', 'GET', '/api/v1/me/tasks'],
        ['qmr', 'GET', taskPath(task.id)],
        ['qmr', 'GET', `/api/v1/cycles/${cycleId}/measurements`],
        ['qmr', 'POST', taskPath(task.id, '/complete')],
      ] as const;
      for (const [local, method, path] of reads) {
        const answer = await walk.org.as(local, method, path, method === 'POST' ? { outcome } : undefined);
        expect({
          method,
          path,
          status: answer.status,
          code: answer.body?.code,
          retryAfter: answer.headers.get('retry-after'),
        }).toEqual({
          method,
          path,
          status: 503,
          code: 'DATABASE_UNAVAILABLE',
          retryAfter: '5',
        });
      }
      // Signing in needs the database too.
      const login = await walk.http.call('POST', '/api/v1/auth/login', {
        body: { email: walk.org.email('leader'), password: 'x'.repeat(12) },
      });
      expect(login.status).toBe(503);
      // The outage lasts its time: that is the fault, not a wait for something to happen.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, downAt + outageSeconds * 1000 - Date.now())),
      );
    } finally {
      stack.resumePostgres();
      await lock.release();
    }
    expect([isRunning(api), isRunning(worker)]).toEqual([true, true]);

    // The cut activity retried: every objective delegated to its unit once, the units' tasks open.
    await walk.acceptUnits();
    const byObjective = await walk.stack.sql<{ objective_id: string; rows: string }>(
      `SELECT objective_id, count(*) AS rows FROM assignments WHERE cycle_id = $1 AND level = 'unit' GROUP BY objective_id ORDER BY objective_id`,
      [cycleId],
    );
    expect(byObjective).toEqual(
      delegations
        .map((d) => ({ objective_id: d.objectiveId, rows: '1' }))
        .sort((a, b) => a.objective_id.localeCompare(b.objective_id)),
    );
    await walk.expectCompletedOnce(task.id, 'qmr', outcome);
    await walk.expectStartOfYearRecordedOnce();
  }, 170_000);

  it('goes on to the first report, recorded once, on the same API and worker', async () => {
    const report = await walk.reportTask();
    expect((await walk.complete('staff.tthc', report.id, Q1_REPORT)).status).toBe(200);
    await walk.expectCompletedOnce(report.id, 'staff.tthc', Q1_REPORT);
    await walk.expectQ1MeasuredOnce();
    expect([isRunning(api), isRunning(worker)]).toEqual([true, true]);
  }, 120_000);
});
