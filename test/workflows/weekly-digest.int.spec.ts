import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { activityInfo } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import {
  WEEKLY_DIGEST_DEFAULTS,
  WEEKLY_DIGEST_WORKFLOW,
  weeklyDigestWorkflowId,
  type SendWeeklyDigestsInput,
  type SendWeeklyDigestsResult,
  type WeeklyDigestInput,
} from '@qcycle/contracts';
import { instantToVnLocal, nextDigestMorning, type DigestMorning } from '@qcycle/domain';
import { startTimeSkippingEnvironment, testWorkflowBundle, uniqueSuffix } from '@qcycle/testing';

/**
 * The digest's loop on the time-skipping server (its activity, which decides whose day it is and
 * writes and mails the digests, has its own suite on real databases and a real SMTP server:
 * weekly-digest.activities.int). Days pass in seconds: it runs on each weekday morning at 07:30
 * Vietnam time, never on a weekend, goes on after a morning whose digests could not be sent in all
 * the activity's attempts, and continues as new after `weeksPerRun` weeks of mornings with the same
 * input, each run's history within the budget. With QCYCLE_RECORD_HISTORIES=1 it writes its runs'
 * histories under test/histories (docs/versioning.md).
 */
describe('weeklyDigest on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('runs each weekday morning at 07:30 Vietnam time, goes on after a failed morning, and continues as new', async () => {
    const taskQueue = `test-${uniqueSuffix()}`;
    const calls: { weekStart: string; day?: string; attempt: number; runId: string; at: string }[] = [];
    const mornings: DigestMorning[] = [
      nextDigestMorning(new Date(await env.currentTimeMs()).toISOString(), '07:30'),
    ];
    for (let i = 1; i < 7; i++) mornings.push(nextDigestMorning(mornings[i - 1].sendAt, '07:30'));
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: testWorkflowBundle(),
      activities: {
        async sendWeeklyDigests(input: SendWeeklyDigestsInput): Promise<SendWeeklyDigestsResult> {
          const info = activityInfo();
          calls.push({
            ...input,
            attempt: info.attempt,
            runId: info.workflowExecution?.runId ?? '',
            at: new Date(info.scheduledTimestampMs).toISOString(),
          });
          if (input.day === mornings[1].day) throw new Error('the relay is down all morning');
          return { recipients: 3, sent: 3, recorded: 0 };
        },
      },
    });
    const input: WeeklyDigestInput = { sendTime: '07:30', weeksPerRun: 1 };
    const workflowId = weeklyDigestWorkflowId(taskQueue);

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(WEEKLY_DIGEST_WORKFLOW, {
        workflowId,
        taskQueue,
        args: [input],
      });
      while (!calls.some((call) => call.day === mornings[6].day)) await env.sleep('1 day');

      // One run each weekday morning, with its week's Monday; the second morning's every attempt
      // failed, and the loop went on.
      const firstAttempts = calls.filter((call) => call.attempt === 1);
      expect(firstAttempts.map(({ weekStart, day }) => ({ weekStart, day }))).toEqual(
        mornings.map(({ weekStart, day }) => ({ weekStart, day })),
      );
      expect(calls.filter((call) => call.day === mornings[1].day).map((c) => c.attempt)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      // Each first attempt on its weekday at 07:30 in Vietnam (the server may stamp it a moment after).
      for (const call of firstAttempts) {
        const local = instantToVnLocal(call.at);
        expect(local.date).toBe(call.day);
        expect(local.time >= '07:30' && local.time < '07:35').toBe(true);
        expect([1, 2, 3, 4, 5]).toContain(new Date(`${call.day}T00:00:00Z`).getUTCDay());
      }
      // Five mornings per run (a week), then a new run with the same input.
      const runs = [...new Set(firstAttempts.map((call) => call.runId))];
      expect(firstAttempts.map((call) => runs.indexOf(call.runId))).toEqual([0, 0, 0, 0, 0, 1, 1]);
      expect(runs[0]).toBe(handle.firstExecutionRunId);
      const firstRun = env.client.workflow.getHandle(workflowId, runs[0]);
      expect((await firstRun.describe()).status.name).toBe('CONTINUED_AS_NEW');
      // Within the history budget (issue #11: 2,000 events a workflow) at the production length.
      const events = (await firstRun.fetchHistory()).events?.length ?? 0;
      expect((events / 5) * WEEKLY_DIGEST_DEFAULTS.weeksPerRun * 5).toBeLessThan(2_000);

      if (process.env.QCYCLE_RECORD_HISTORIES === '1')
        writeFileSync(
          join(__dirname, '..', 'histories', 'weekly-digest-mornings.0.run.json'),
          JSON.stringify({ workflowId, history: await firstRun.fetchHistory() }),
        );
      await handle.terminate('test finished');
    });
  });
});
