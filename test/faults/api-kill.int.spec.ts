import { CycleWalk, APPROVE, Q1_REPORT } from './support/cycle-walk';
import { FaultStack } from './support/fault-stack';
import { TableLock } from './support/table-lock';

/**
 * Fault: the API process is SIGKILLed while a completion is in flight (its Update sent, the
 * workflow's record activity held by a table lock, so the kill lands while the API waits for the
 * answer). The client gets no answer, retries against a new API process on the same address, and
 * gets the result once; the outcome is recorded once and the cycle goes on to the first report.
 */

describe('fault: the API is killed with SIGKILL while a completion is in flight', () => {
  let stack: FaultStack;
  let walk: CycleWalk;

  beforeAll(async () => {
    stack = await FaultStack.start();
    walk = await CycleWalk.begin(stack);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('the leader’s approval: no answer from the killed API, the retry against a new one answers 200 once', async () => {
    const task = await walk.approvalTask();
    const lock = await TableLock.hold(stack.databaseUrl, 'tasks');
    const request = walk.completeRetrying('leader', task.id, APPROVE);
    try {
      await lock.writeWaiting('UPDATE');
      await stack.kill(stack.api);
    } finally {
      await lock.release();
    }
    await stack.startApi();
    const { answer, retried } = await request;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ taskId: task.id, completedBy: walk.org.idOf('leader') });
    // The request in flight got no answer at all (0): the process was gone.
    expect(retried[0]).toBe(0);
    expect((await walk.complete('leader', task.id, APPROVE)).body).toEqual(answer.body);
    await walk.expectCompletedOnce(task.id, 'leader', APPROVE);
  }, 150_000);

  it('goes on through the assignment to the first report on the new API, each recorded once', async () => {
    await walk.assign();
    await walk.expectStartOfYearRecordedOnce();
    const report = await walk.reportTask();
    expect((await walk.complete('staff.tthc', report.id, Q1_REPORT)).status).toBe(200);
    await walk.expectCompletedOnce(report.id, 'staff.tthc', Q1_REPORT);
    await walk.expectQ1MeasuredOnce();
  }, 120_000);
});
