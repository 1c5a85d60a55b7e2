import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { QCYCLE_CONFIG, temporalConnectionOptions, type QcycleConfig } from '@qcycle/config';

/**
 * The API's Temporal client. The connection is lazy, so the API boots (and reports Temporal as down
 * on /health) while Temporal is unreachable, and connects on first use.
 */
@Injectable()
export class TemporalClientProvider implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(QCYCLE_CONFIG) config: QcycleConfig) {
    this.connection = Connection.lazy(temporalConnectionOptions(config.temporal));
    this.client = new Client({ connection: this.connection, namespace: config.temporal.namespace });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({ providers: [TemporalClientProvider], exports: [TemporalClientProvider] })
export class TemporalClientModule {}
