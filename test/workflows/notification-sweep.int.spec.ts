import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { activityInfo } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import {
  NOTIFICATION_SWEEP_DEFAULTS,
  NOTIFICATION_SWEEP_WORKFLOW,
  WEEKLY_DIGEST_WORKFLOW,
  weeklyDigestWorkflowId,
  notificationSweepWorkflowId,
  type NotificationSweepInput,
  type ResendPendingNotificationsInput,
  type ResendPendingNotificationsResult,
} from '@qcycle/contracts';
import type { QcycleConfig } from '@qcycle/config';
import {
  createTestDatabase,
  startTimeSkippingEnvironment,
  testConfig,
  testWorkflowBundle,
  uniqueSuffix,
  type TestDatabase,
} from '@qcycle/testing';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { migrate } from '../support/apps';

const MINUTE = 60_000;

describe('notificationSweep on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('sweeps once per interval, goes on after a failed sweep, and continues as new after sweepsPerRun sweeps with the same input', async () => {
    const taskQueue = `test-${uniqueSuffix()}`;
    const calls: { input: ResendPendingNotificationsInput; runId: string; scheduledAt: number }[] = [];
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: testWorkflowBundle(),
      activities: {
        async resendPendingNotifications(
          input: ResendPendingNotificationsInput,
        ): Promise<ResendPendingNotificationsResult> {
          const info = activityInfo();
          calls.push({
            input,
            runId: info.workflowExecution?.runId ?? '',
            scheduledAt: info.scheduledTimestampMs,
          });
          if (calls.length === 2) throw new Error('the database is restarting');
          return { found: 0, sent: 0, failed: 0, skipped: 0, relayDown: false };
        },
      },
    });
    const input: NotificationSweepInput = {
      interval: '5 minutes',
      olderThanMinutes: 15,
      limit: 7,
      sweepsPerRun: 3,
    };
    const workflowId = notificationSweepWorkflowId(taskQueue);

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(NOTIFICATION_SWEEP_WORKFLOW, {
        workflowId,
        taskQueue,
        args: [input],
      });
      // Nothing before the first interval has passed.
      await env.sleep('4 minutes');
      expect(calls).toHaveLength(0);
      while (calls.length < 7) await env.sleep('5 minutes');

      const first = calls.slice(0, 7);
      expect(first.map((call) => call.input)).toEqual(Array(7).fill({ olderThanMinutes: 15, limit: 7 }));
      // On the server's clock, never two sweeps within one interval.
      for (let i = 1; i < first.length; i++) {
        expect(first[i].scheduledAt - first[i - 1].scheduledAt).toBeGreaterThanOrEqual(5 * MINUTE);
      }
      // Three sweeps per run (the failed second one included), then a new run.
      const runs = [...new Set(first.map((call) => call.runId))];
      expect(runs).toHaveLength(3);
      expect(runs[0]).toBe(handle.firstExecutionRunId);
      expect(first.map((call) => runs.indexOf(call.runId))).toEqual([0, 0, 0, 1, 1, 1, 2]);

      const firstRun = await env.client.workflow.getHandle(workflowId, runs[0]).describe();
      expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
      const latest = await handle.describe();
      expect(latest.status.name).toBe('RUNNING');
      expect(latest.runId).not.toBe(runs[0]);
      await handle.terminate('test finished');
    });
  });
});

describe('the worker app starts the notification sweep on the Temporal dev server', () => {
  let database: TestDatabase;
  let config: QcycleConfig;
  let connection: Connection;
  let client: Client;
  const apps: INestApplicationContext[] = [];

  /** The real worker app as main.ts assembles it: with the sweep. */
  async function bootWorker(): Promise<INestApplicationContext> {
    const app = await NestFactory.createApplicationContext(
      WorkerModule.forRoot({
        config,
        workflowBundlePath: testWorkflowBundle().codePath,
        startBackgroundLoops: true,
      }),
      { logger: ['error'] },
    );
    await app.init();
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    config = testConfig(database.config);
    await migrate(config);
    connection = await Connection.connect({ address: config.temporal.address });
    client = new Client({ connection });
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await connection?.close();
    await database?.drop();
  });

  it('starts one sweep and one Monday digest loop per task queue however many workers boot, and the sweep again after it was terminated', async () => {
    await Promise.all([bootWorker(), bootWorker()]);
    const handle = client.workflow.getHandle(notificationSweepWorkflowId(config.temporal.taskQueue));
    const running = await handle.describe();
    expect(running).toMatchObject({
      type: NOTIFICATION_SWEEP_WORKFLOW,
      taskQueue: config.temporal.taskQueue,
    });
    expect(running.status.name).toBe('RUNNING');
    const [history] = (await handle.fetchHistory()).events ?? [];
    const startInput = history.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    expect(JSON.parse(Buffer.from(startInput as Uint8Array).toString('utf8'))).toEqual(
      NOTIFICATION_SWEEP_DEFAULTS,
    );

    // The Monday digest's loop is started alike, one per task queue.
    const digest = client.workflow.getHandle(weeklyDigestWorkflowId(config.temporal.taskQueue));
    await expect(digest.describe()).resolves.toMatchObject({
      type: WEEKLY_DIGEST_WORKFLOW,
      status: expect.objectContaining({ name: 'RUNNING' }),
    });
    const digestRun = (await digest.describe()).runId;

    // A third worker boots while it runs: no error, no second run.
    await bootWorker();
    expect((await handle.describe()).runId).toBe(running.runId);
    expect((await digest.describe()).runId).toBe(digestRun);

    // An operator terminated it: the next worker to boot starts it again.
    await handle.terminate('operator stopped the sweep');
    await bootWorker();
    const restarted = await client.workflow.getHandle(handle.workflowId).describe();
    expect(restarted.status.name).toBe('RUNNING');
    expect(restarted.runId).not.toBe(running.runId);
    await client.workflow.getHandle(handle.workflowId).terminate('test finished');
    await digest.terminate('test finished');
  });
});
