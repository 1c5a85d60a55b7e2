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
}
