import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { TemporalClientProvider } from '../temporal/temporal-client.module';

/** Temporal is up when its frontend answers for our namespace within the timeout. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly temporal: TemporalClientProvider,
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
  ) {}

  async isHealthy(key: string, timeoutMs = 3000) {
    const indicator = this.health.check(key);
    const { address, namespace } = this.config.temporal;
    try {
      await this.temporal.connection.withDeadline(Date.now() + timeoutMs, () =>
        this.temporal.connection.workflowService.describeNamespace({ namespace }),
      );
      return indicator.up({ address, namespace });
    } catch (error) {
      return indicator.down({
        address,
        namespace,
        message: error instanceof Error ? error.message.split('\n')[0] : String(error),
      });
    }
  }

  /**
   * A worker is running when one has polled the task queue lately: Temporal keeps each poller's last
   * poll, and a worker polls again as soon as a long poll (up to a minute) ends. Without a worker
   * the API still answers and starts workflows, but nothing moves: no task opens, nothing is
   * recorded.
   */
  async hasWorker(key: string, timeoutMs = 3000) {
    const indicator = this.health.check(key);
    const { taskQueue, namespace } = this.config.temporal;
    try {
      const { pollers } = await this.temporal.connection.withDeadline(Date.now() + timeoutMs, () =>
        this.temporal.connection.workflowService.describeTaskQueue({
          namespace,
          taskQueue: { name: taskQueue },
          taskQueueType: WORKFLOW_TASK_QUEUE,
        }),
      );
      const now = Date.now();
      const recent = (pollers ?? []).filter(
        (poller) => now - Number(poller.lastAccessTime?.seconds ?? 0) * 1000 < WORKER_SILENCE_MS,
      );
      return recent.length > 0
        ? indicator.up({ taskQueue, workers: recent.length })
        : indicator.down({ taskQueue, workers: 0, message: `no worker has polled ${taskQueue} lately` });
    } catch (error) {
      return indicator.down({
        taskQueue,
        message: error instanceof Error ? error.message.split('\n')[0] : String(error),
      });
    }
  }
}

/** temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW (the proto package is not a dependency). */
const WORKFLOW_TASK_QUEUE = 1;

/** Longer than a worker's long poll (about a minute) and the gap before the next one. */
const WORKER_SILENCE_MS = 2 * 60_000;
