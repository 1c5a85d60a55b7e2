import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { CycleRecordActivities } from '@qcycle/activities';
import { TaskNotificationActivities } from '@qcycle/activities';
import { QualityRecordActivities } from '@qcycle/activities';
import { QCYCLE_CONFIG, temporalConnectionOptions, type QcycleConfig } from '@qcycle/config';
import { createQcycleWorker } from './temporal-worker';

/** Injection token for where the worker's prebuilt workflow code is (a file path), if anywhere. */
export const WORKFLOW_BUNDLE_PATH = Symbol('WORKFLOW_BUNDLE_PATH');

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
    private readonly cycleRecords: CycleRecordActivities,
    private readonly notifications: TaskNotificationActivities,
    private readonly qualityRecords: QualityRecordActivities,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { temporal } = this.config;
    this.connection = await NativeConnection.connect(temporalConnectionOptions(temporal));
    this.worker = await createQcycleWorker({
      connection: this.connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      services: { cycleRecords: this.cycleRecords, notifications: this.notifications, qualityRecords: this.qualityRecords },
      workflowBundle: this.workflowBundlePath ? { codePath: this.workflowBundlePath } : undefined,
    });
    this.running = this.worker.run();
    this.running.catch((error: unknown) => this.logger.error(`worker stopped: ${String(error)}`));
    this.logger.log(`polling task queue "${temporal.taskQueue}" on ${temporal.address} (namespace ${temporal.namespace})`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
