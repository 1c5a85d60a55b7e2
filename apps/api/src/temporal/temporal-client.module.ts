import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import { QCYCLE_CONFIG, temporalConnectionOptions, type QcycleConfig } from '@qcycle/config';

/**
 * How often the API retries a Temporal call that found the server unavailable: 6 attempts, about
 * 3 s of backoff (0.17, 0.29, 0.49, 0.84, 1.4 s). The SDK's default (10 attempts, up to 5 s apart)
 * kept a person's request waiting about 19 s before its 503 while Temporal was down; a restart
 * of the server is over in a few seconds, and the web app's "try again" then succeeds (the
 * request's x-request-id makes a retried completion count once).
 */
export const API_TEMPORAL_CALL_ATTEMPTS = 6;

/**
 * How long a read waits for a workflow's answer to a query. Temporal hands a query to a worker;
 * with none polling (the worker down or restarting) the server held the request about 30 s before
 * failing it, and a person's page with it. A running year answers in milliseconds, a closed one
 * (replayed from its history) in about a second.
 */
export const QUERY_DEADLINE_MS = 10_000;

/**
 * The API's Temporal client. The connection is lazy, so the API boots (and reports Temporal as down
 * on /health) while Temporal is unreachable, and connects on first use.
 */
@Injectable()
export class TemporalClientProvider implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(QCYCLE_CONFIG) config: QcycleConfig) {
    this.connection = Connection.lazy({
      ...temporalConnectionOptions(config.temporal),
      interceptors: [
        makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: API_TEMPORAL_CALL_ATTEMPTS })),
      ],
    });
    this.client = new Client({ connection: this.connection, namespace: config.temporal.namespace });
  }

  /** A workflow's answer to a query; a DEADLINE_EXCEEDED ServiceError after QUERY_DEADLINE_MS. */
  query<Ret>(workflowId: string, definition: QueryDefinition<Ret, []>): Promise<Ret> {
    return this.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
      this.client.workflow.getHandle(workflowId).query(definition),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({ providers: [TemporalClientProvider], exports: [TemporalClientProvider] })
export class TemporalClientModule {}
