import { QcycleErrorCode, errorMessage, type ErrorLanguage } from '@qcycle/contracts';
import { eventually } from '@qcycle/testing';
import { CycleWalk, APPROVE, cycleId, Q1_REPORT } from './support/cycle-walk';
import { FaultStack, isRunning, type StackProcess } from './support/fault-stack';
import { TableLock } from './support/table-lock';

/**
 * Fault: the Temporal dev server goes down and restarts on its SQLite file mid-cycle — once with a
 * completion arriving while it is down, once while an activity is writing the record. The same API
 * and worker processes reconnect by themselves; the cycle goes on, everything recorded once.
 */

describe('fault: the Temporal dev server restarts on its SQLite file', () => {
  let stack: FaultStack;
  let walk: CycleWalk;
  let api: StackProcess;
  let worker: StackProcess;

  beforeAll(async () => {
    stack = await FaultStack.start();
    walk = await CycleWalk.begin(stack);
    api = stack.api as StackProcess;
    worker = stack.worker as StackProcess;
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('while it is down a completion answers 503 (inboxes still read); after the restart the retry approves once', async () => {
    const task = await walk.approvalTask();
    // A calendar app's subscription to the Quality Representative's feed (the year's milestones are
    // the workflow's): fetched without signing in.
    const fetchFeed = await walk.calendarFeedOf('qmr');
    expect(await fetchFeed()).toMatchObject({
      status: 200,
      text: expect.stringContaining(`UID:${cycleId}/close@qcycle`),
    });
    await stack.stopTemporal();
    try {
      await eventually(
        'the API’s health naming Temporal down',
        async () => (await stack.apiSeesDown('temporal')) || undefined,
      );
      const inbox = await walk.org.as('leader', 'GET', '/api/v1/me/tasks');
      expect(inbox.status).toBe(200);
      // What only Temporal answers (the cycle's live state) says Temporal, not the database.
      const live = await walk.org.as<{ code: string; message: string }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}`,
      );
      // Retry-After: the refusal passes by itself, soon.
      expect({
        status: live.status,
        code: live.body.code,
        retryAfter: live.headers.get('retry-after'),
      }).toEqual({
        status: 503,
        code: 'WORKFLOW_UNAVAILABLE',
        retryAfter: '5',
      });
      // A read is simply asked again: no request id to keep, as a completion's answer says.
      const language = live.headers.get('content-language') as ErrorLanguage;
      expect(live.body.message).toBe(errorMessage(QcycleErrorCode.WorkflowUnavailable, 'read', {}, language));
      // The feed fails rather than leaving the milestones out: the calendar app keeps what it had.
      const feedDown = await fetchFeed();
      expect({
        status: feedDown.status,
        code: (JSON.parse(feedDown.text) as { code: string }).code,
        retryAfter: feedDown.retryAfter,
      }).toEqual({
        status: 503,
        code: 'WORKFLOW_UNAVAILABLE',
        retryAfter: '5',
      });
      const refused = await walk.complete('leader', task.id, APPROVE);
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: 503,
        code: 'WORKFLOW_UNAVAILABLE',
      });
    } finally {
      await stack.startTemporal();
    }
    const { answer } = await walk.completeRetrying('leader', task.id, APPROVE);
    expect(answer.status).toBe(200);
    expect((await fetchFeed()).status).toBe(200);
    await walk.expectCompletedOnce(task.id, 'leader', APPROVE);
    await walk.taskOf('qmr', 'assignment-acceptance');
    // The same processes, reconnected.
    expect([isRunning(api), isRunning(worker), stack.api === api, stack.worker === worker]).toEqual([
      true,
      true,
      true,
      true,
    ]);
  }, 150_000);

  it('restarted while the assignments are being written: recorded once, the units get their tasks', async () => {
    const task = await walk.taskOf('qmr', 'assignment-acceptance');
    const outcome = { accepted: true, delegations: await walk.delegations(task.id) };
    const lock = await TableLock.hold(stack.databaseUrl, 'assignments');
    const request = walk.completeRetrying('qmr', task.id, outcome);
    try {
      await lock.writeWaiting('INSERT INTO');
      await stack.restartTemporal();
    } finally {
      await lock.release();
    }
    expect((await request).answer.status).toBe(200);
    await walk.expectCompletedOnce(task.id, 'qmr', outcome);
    await walk.acceptUnits();
    await walk.expectStartOfYearRecordedOnce();
  }, 150_000);

  it('goes on to the first report, recorded once, on the same API and worker', async () => {
    const report = await walk.reportTask();
    expect((await walk.complete('staff.tthc', report.id, Q1_REPORT)).status).toBe(200);
    await walk.expectCompletedOnce(report.id, 'staff.tthc', Q1_REPORT);
    await walk.expectQ1MeasuredOnce();
    expect([isRunning(api), isRunning(worker)]).toEqual([true, true]);
  }, 120_000);
});
