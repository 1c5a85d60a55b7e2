import { Inject, Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { TemporalClientProvider } from '../temporal/temporal-client.module';

/**
 * Temporal is up when its frontend answers for our namespace within the timeout. `/health` is public
 * (a load balancer's probe has no token), so it answers up or down and nothing of the installation:
 * not the Temporal address, namespace or task queue, nor an error that would quote them. What an
 * operator needs to find the fault goes to the API's log instead, once per change of what failed.
 */
@Injectable()
export class TemporalHealthIndicator {
  private readonly logger = new Logger('Health');
  /** The last failure logged per check, so that a monitor asking every few seconds logs it once. */
  private readonly lastFailure = new Map<string, string>();

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
      this.recovered(key, `Temporal at ${address} answers for namespace ${namespace} again`);
      return indicator.up();
    } catch (error) {
      this.failed(key, `Temporal at ${address} (namespace ${namespace}) did not answer: ${firstLine(error)}`);
      return indicator.down();
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
    const { address, taskQueue, namespace } = this.config.temporal;
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
      if (recent.length > 0) {
        this.recovered(key, `a worker polls task queue ${taskQueue} again`);
        return indicator.up({ workers: recent.length });
      }
      this.failed(key, `no worker has polled task queue ${taskQueue} (namespace ${namespace}) lately`);
      return indicator.down({ workers: 0, message: 'no worker has polled the task queue lately' });
    } catch (error) {
      this.failed(
        key,
        `Temporal at ${address} (namespace ${namespace}) did not answer for task queue ${taskQueue}: ${firstLine(error)}`,
      );
      return indicator.down();
    }
  }

  private failed(key: string, detail: string): void {
    if (this.lastFailure.get(key) === detail) return;
    this.lastFailure.set(key, detail);
    this.logger.warn(`/health ${key} down: ${detail}`);
  }

  private recovered(key: string, detail: string): void {
    if (!this.lastFailure.delete(key)) return;
    this.logger.log(`/health ${key} up: ${detail}`);
  }
}

function firstLine(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW (the proto package is not a dependency). */
const WORKFLOW_TASK_QUEUE = 1;

/** Longer than a worker's long poll (about a minute) and the gap before the next one. */
const WORKER_SILENCE_MS = 2 * 60_000;
