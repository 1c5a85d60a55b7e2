import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import {
  ConfigError,
  describeDatabase,
  loadConfig,
  StartupError,
  temporalConnectionOptions,
} from '@qcycle/config';
import { createApiApp } from './api-app';

async function main(): Promise<void> {
  // What this process creates — the SQLite file, evidence files, documents — is not readable by
  // other users of the machine (they hold people's names, answers and, until sent, task links).
  process.umask(0o027);
  const config = loadConfig();
  // The Temporal connection is lazy, but its TLS client certificate and key are read when the client
  // is built: read them now, so a missing file stops the boot with its variable's name rather than a
  // stack from inside Nest.
  temporalConnectionOptions(config.temporal);
  new Logger('api').log(`database: ${describeDatabase(config.database)}`);
  const app = await createApiApp(config, {
    runMigrations: process.env.RUN_MIGRATIONS === 'true',
    refusePendingMigrations: true,
  });
  await app.listen(config.port);
  new Logger('api').log(`listening on ${config.publicUrl} (OpenAPI at ${config.publicUrl}/api/docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
  } else {
    new Logger('api').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
