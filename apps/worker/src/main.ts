import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ConfigError,
  describeDatabase,
  loadConfig,
  StartupError,
  temporalConnectionOptions,
} from '@qcycle/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  // What this process creates — the SQLite file, evidence files, documents — is not readable by
  // other users of the machine (they hold people's names, answers and, until sent, task links).
  process.umask(0o027);
  const config = loadConfig();
  // Reads the TLS client certificate and key now: a missing file stops the boot with its variable's
  // name before Nest starts, not with a stack from inside it.
  temporalConnectionOptions(config.temporal);
  new Logger('worker').log(`database: ${describeDatabase(config.database)}`);
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({
      config,
      workflowBundlePath: process.env.QCYCLE_WORKFLOW_BUNDLE || undefined,
      startBackgroundLoops: true,
    }),
    { logger: ['log', 'warn', 'error'] },
  );
  // SIGINT/SIGTERM → Nest shutdown hooks → the Temporal Worker drains and stops.
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
  } else {
    // Some errors (the Temporal SDK's native ones) have no stack: their message then.
    new Logger('worker').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
