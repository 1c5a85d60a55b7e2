import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { CycleRecordActivities } from '@qcycle/activities';
import {
  PasswordResetActivitiesService,
  TaskNotificationActivities,
  WeeklyDigestActivitiesService,
} from '@qcycle/activities';
import {
  NOTIFICATION_SWEEP_DEFAULTS,
  NOTIFICATION_SWEEP_WORKFLOW,
  notificationSweepWorkflowId,
  WEEKLY_DIGEST_DEFAULTS,
  WEEKLY_DIGEST_WORKFLOW,
  weeklyDigestWorkflowId,
} from '@qcycle/contracts';
import { QualityRecordActivities } from '@qcycle/activities';
import {
  explainTemporalError,
  QCYCLE_CONFIG,
  temporalConnectionOptions,
  type QcycleConfig,
} from '@qcycle/config';
import { assertNotAheadOfCode } from '@qcycle/persistence';
import { createQcycleWorker } from './temporal-worker';

/** Injection token for where the worker's prebuilt workflow code is (a file path), if anywhere. */
export const WORKFLOW_BUNDLE_PATH = Symbol('WORKFLOW_BUNDLE_PATH');

/**
 * Injection token: whether this worker makes sure the loops of the task queue run — the
 * notification sweep and the Monday digest (WorkerModuleOptions).
 */
export const START_BACKGROUND_LOOPS = Symbol('START_BACKGROUND_LOOPS');

/**
 * Runs the Temporal Worker for the lifetime of the Nest application context: connects on
 * bootstrap, polls the task queue, and on shutdown lets running tasks finish before closing.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    @Inject(WORKFLOW_BUNDLE_PATH) private readonly workflowBundlePath: string | undefined,
    @Inject(START_BACKGROUND_LOOPS) private readonly startBackgroundLoops: boolean,
    private readonly cycleRecords: CycleRecordActivities,
    private readonly notifications: TaskNotificationActivities,
    private readonly digests: WeeklyDigestActivitiesService,
    private readonly passwordResets: PasswordResetActivitiesService,
    private readonly qualityRecords: QualityRecordActivities,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Before any activity can write: older code on a schema a newer version migrated is refused.
    await assertNotAheadOfCode(this.dataSource);
    const { temporal } = this.config;
    try {
      this.connection = await NativeConnection.connect(temporalConnectionOptions(temporal));
      this.worker = await createQcycleWorker({
        connection: this.connection,
        namespace: temporal.namespace,
        taskQueue: temporal.taskQueue,
        maxCachedWorkflows: temporal.maxCachedWorkflows,
        services: {
          cycleRecords: this.cycleRecords,
          notifications: this.notifications,
          digests: this.digests,
          passwordResets: this.passwordResets,
          qualityRecords: this.qualityRecords,
        },
        workflowBundle: this.workflowBundlePath ? { codePath: this.workflowBundlePath } : undefined,
      });
    } catch (error) {
      // The process is about to exit: a connection left open would keep it alive.
      await this.connection?.close().catch(() => undefined);
      this.connection = undefined;
      throw explainTemporalError(error, temporal);
    }
    if (this.startBackgroundLoops) {
      const { taskQueue } = this.config.temporal;
      await this.ensureRunning(NOTIFICATION_SWEEP_WORKFLOW, notificationSweepWorkflowId(taskQueue), [
        NOTIFICATION_SWEEP_DEFAULTS,
      ]);
      await this.ensureRunning(WEEKLY_DIGEST_WORKFLOW, weeklyDigestWorkflowId(taskQueue), [
        WEEKLY_DIGEST_DEFAULTS,
      ]);
    }
    this.running = this.worker.run();
    this.running.catch((error: unknown) => this.logger.error(`worker stopped: ${String(error)}`));
    this.logger.log(
      `polling task queue "${temporal.taskQueue}" on ${temporal.address} (namespace ${temporal.namespace})`,
    );
  }

  /**
   * Starts one of the task queue's loops (`notificationSweep`, `weeklyDigest`) unless it is already
   * running. Every worker does this at boot; the fixed workflow id lets only the first succeed, the
   * others find it running (not an error). A loop that ended (terminated by an operator) is started
   * again.
   */
  private async ensureRunning(workflowType: string, workflowId: string, args: unknown[]): Promise<void> {
    const { namespace, taskQueue } = this.config.temporal;
    const client = new Client({ connection: this.connection as NativeConnection, namespace });
    try {
      await client.workflow.start(workflowType, { workflowId, taskQueue, args });
      this.logger.log(`started ${workflowType} (${workflowId})`);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
