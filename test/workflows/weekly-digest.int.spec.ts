import { activityInfo } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import {
  WEEKLY_DIGEST_WORKFLOW,
  weeklyDigestWorkflowId,
  type SendWeeklyDigestsInput,
  type SendWeeklyDigestsResult,
  type WeeklyDigestInput,
} from '@qcycle/contracts';
import { instantToVnLocal, nextDigestWeek } from '@qcycle/domain';
import { startTimeSkippingEnvironment, testWorkflowBundle, uniqueSuffix } from '@qcycle/testing';

/**
 * The Monday digest's loop on the time-skipping server (its activity, which writes and mails the
 * digests, has its own suite on real databases and a real SMTP server: weekly-digest.activities.int).
 * Weeks pass in seconds: it runs on each Monday at 07:30 Vietnam time, once a week, goes on after a
 * week whose digests could not be sent in all the activity's attempts, and continues as new after `weeksPerRun` weeks with the same input.
 */
describe('weeklyDigest on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('sends on each Monday at 07:30 Vietnam time, goes on after a failed week, and continues as new', async () => {
    const taskQueue = `test-${uniqueSuffix()}`;
    const calls: { weekStart: string; attempt: number; runId: string; at: string }[] = [];
    const first = nextDigestWeek(new Date(await env.currentTimeMs()).toISOString(), '07:30');
    const weeks = [first];
    for (let i = 1; i < 4; i++) weeks.push(nextDigestWeek(weeks[i - 1].sendAt, '07:30'));
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: testWorkflowBundle(),
      activities: {
        async sendWeeklyDigests(input: SendWeeklyDigestsInput): Promise<SendWeeklyDigestsResult> {
          const info = activityInfo();
          calls.push({
            weekStart: input.weekStart,
            attempt: info.attempt,
            runId: info.workflowExecution?.runId ?? '',
            at: new Date(info.scheduledTimestampMs).toISOString(),
          });
          if (input.weekStart === weeks[1].weekStart) throw new Error('the relay is down all morning');
          return { recipients: 3, sent: 3, recorded: 0 };
        },
      },
    });
    const input: WeeklyDigestInput = { sendTime: '07:30', weeksPerRun: 2 };
    const workflowId = weeklyDigestWorkflowId(taskQueue);

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(WEEKLY_DIGEST_WORKFLOW, {
        workflowId,
        taskQueue,
        args: [input],
      });
      while (!calls.some((call) => call.weekStart === weeks[3].weekStart)) await env.sleep('1 day');

      // One run a week, each Monday's; the second week's every attempt failed, and the loop went on.
      const firstAttempts = calls.filter((call) => call.attempt === 1);
      expect(firstAttempts.map((call) => call.weekStart)).toEqual(weeks.map((week) => week.weekStart));
      expect(calls.filter((call) => call.weekStart === weeks[1].weekStart).map((c) => c.attempt)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      // Each first attempt on its Monday at 07:30 in Vietnam (the server may stamp it a moment after).
      for (const call of firstAttempts) {
        const local = instantToVnLocal(call.at);
        expect(local.date).toBe(call.weekStart);
        expect(local.time >= '07:30' && local.time < '07:35').toBe(true);
      }
      // Two weeks per run, then a new run with the same input.
      const runs = [...new Set(firstAttempts.map((call) => call.runId))];
      expect(firstAttempts.map((call) => runs.indexOf(call.runId))).toEqual([0, 0, 1, 1]);
      expect(runs[0]).toBe(handle.firstExecutionRunId);
      const firstRun = await env.client.workflow.getHandle(workflowId, runs[0]).describe();
      expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
      await handle.terminate('test finished');
    });
  });
});
