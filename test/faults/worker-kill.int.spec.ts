import { QcycleErrorCode, errorMessage, type ErrorLanguage } from '@qcycle/contracts';
import { CycleWalk, APPROVE, Q1_REPORT, cycleId } from './support/cycle-walk';
import { FaultStack } from './support/fault-stack';
import { TableLock } from './support/table-lock';

/**
 * Fault: the worker is SIGKILLed mid-cycle, once while a completion (an Update whose handler awaits
 * its record activity) is in flight, once in the middle of an activity the workflow runs on its own.
 * A new worker starts; the client's retry gets the result; everything is recorded once and the
 * cycle goes on. The kill lands at the moment it is meant to: the activity's write is held by a
 * table lock and seen waiting before the worker is killed (support/table-lock.ts).
 */

describe('fault: the worker is killed with SIGKILL', () => {
  let stack: FaultStack;
  let walk: CycleWalk;

  beforeAll(async () => {
    stack = await FaultStack.start();
    walk = await CycleWalk.begin(stack);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('mid-Update: the leader’s approval in flight; a new worker; the retried request approves once', async () => {
    const task = await walk.approvalTask();
    const lock = await TableLock.hold(stack.databaseUrl, 'tasks');
    const firstRequest = walk.completeRetrying('leader', task.id, APPROVE);
    try {
      await lock.writeWaiting('UPDATE');
      await stack.kill(stack.worker);
      await stack.startWorker();
    } finally {
      await lock.release();
    }
    const { answer, retried } = await firstRequest;
    expect({ status: answer.status, body: answer.body }).toMatchObject({
      status: 200,
      body: { taskId: task.id, status: 'completed', completedBy: walk.org.idOf('leader') },
    });
    // The Update outlived its worker. Whether the request in flight also outlived the API's 30 s wait
    // depends on how soon the new worker took the Update over; if it did, its only earlier answers
    // were that wait's 503 (and it was sent again), never an error.
    expect(retried.filter((status) => status !== 503)).toEqual([]);
    // Sent once more, it answers the same.
    expect((await walk.complete('leader', task.id, APPROVE)).body).toEqual(answer.body);
    await walk.expectCompletedOnce(task.id, 'leader', APPROVE);
    // And the cycle goes on: the assignment is the Chief of Office's.
    await walk.taskOf('qmr', 'assignment-acceptance');
  }, 170_000);

  it('mid-activity: the assignments being recorded; a new worker records them once and the units get their tasks', async () => {
    const task = await walk.taskOf('qmr', 'assignment-acceptance');
    const delegations = await walk.delegations(task.id);
    const outcome = { accepted: true, delegations };
    const lock = await TableLock.hold(stack.databaseUrl, 'assignments');
    const request = walk.completeRetrying('qmr', task.id, outcome);
    try {
      await lock.writeWaiting('INSERT INTO');
      await stack.kill(stack.worker);
      await stack.startWorker();
    } finally {
      await lock.release();
    }
    const { answer } = await request;
    expect(answer.status).toBe(200);
    await walk.expectCompletedOnce(task.id, 'qmr', outcome);
    await walk.acceptUnits();
    await walk.expectStartOfYearRecordedOnce();
  }, 170_000);

  it('goes on to the first report, recorded once', async () => {
    const report = await walk.reportTask();
    expect((await walk.complete('staff.tthc', report.id, Q1_REPORT)).status).toBe(200);
    await walk.expectCompletedOnce(report.id, 'staff.tthc', Q1_REPORT);
    await walk.expectQ1MeasuredOnce();
  }, 120_000);

  it('with no worker at all: the cycle’s page answers from its records, the feed and the calendar file ask to be fetched again; a new worker answers all three', async () => {
    const fetchFeed = await walk.calendarFeedOf('qmr');
    type Page = {
      status: string;
      phase: string;
      live: { executionStatus: string; status?: string; openTasks?: { taskId: string }[] };
    };
    // The dashboard's "add the year's milestones to my calendar" file.
    const fetchCalendarFile = async () => {
      const answer = await fetch(`${stack.baseUrl}/api/v1/cycles/${cycleId}/calendar`, {
        headers: { authorization: `Bearer ${await walk.org.tokenOf('qmr')}` },
      });
      return { status: answer.status, text: await answer.text() };
    };
    const page = () => walk.org.as<Page>('qmr', 'GET', `/api/v1/cycles/${cycleId}`);
    await stack.kill(stack.worker);
    try {
      // Nothing is written without the worker: the records now are what the page must show.
      const [recorded] = await stack.sql<{ status: string; phase: string }>(
        'SELECT status, phase FROM quality_cycles WHERE id = $1',
        [cycleId],
      );
      const openTasks = await stack.sql<{ id: string }>(
        `SELECT id FROM tasks WHERE cycle_id = $1 AND status = 'open' ORDER BY opened_at, id`,
        [cycleId],
      );
      expect(openTasks.length).toBeGreaterThan(0);
      const [withoutWorker, feedDown, fileDown] = await Promise.all([
        page(),
        fetchFeed(),
        fetchCalendarFile(),
      ]);
      expect({
        status: withoutWorker.status,
        cycle: [withoutWorker.body.status, withoutWorker.body.phase],
        live: withoutWorker.body.live.executionStatus,
        answered: withoutWorker.body.live.status,
        openTasks: withoutWorker.body.live.openTasks?.map((task) => task.taskId),
      }).toEqual({
        status: 200,
        cycle: [recorded.status, recorded.phase],
        live: 'RUNNING',
        answered: undefined,
        openTasks: openTasks.map((task) => task.id),
      });
      // The feed fails rather than leaving the year's milestones out: the calendar app keeps what it
      // had, and fetches again.
      const problem = JSON.parse(feedDown.text) as { code: string; message: string };
      expect({
        status: feedDown.status,
        code: problem.code,
        retryAfter: feedDown.retryAfter,
        message: problem.message,
      }).toEqual({
        status: 503,
        code: 'WORKFLOW_UNAVAILABLE',
        retryAfter: '5',
        message: errorMessage(
          QcycleErrorCode.WorkflowUnavailable,
          'read',
          {},
          feedDown.language as ErrorLanguage,
        ),
      });
      // The file's dates are the workflow's too: "try again", not "this cycle has no dates" (404).
      expect({ status: fileDown.status, code: (JSON.parse(fileDown.text) as { code: string }).code }).toEqual(
        {
          status: 503,
          code: 'WORKFLOW_UNAVAILABLE',
        },
      );
    } finally {
      await stack.startWorker();
    }
    expect((await page()).body.live.status).toBe('running');
    expect(await fetchCalendarFile()).toMatchObject({
      status: 200,
      text: expect.stringContaining(`UID:${cycleId}/close@qcycle`),
    });
    expect(await fetchFeed()).toMatchObject({
      status: 200,
      text: expect.stringContaining(`UID:${cycleId}/close@qcycle`),
    });
  }, 120_000);
});
