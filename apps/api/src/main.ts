import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@qcycle/config';
import { createApiApp } from './api-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config, { runMigrations: process.env.RUN_MIGRATIONS === 'true' });
  await app.listen(config.port);
  new Logger('api').log(`listening on ${config.publicUrl} (OpenAPI at ${config.publicUrl}/api/docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    new Logger('api').error(error instanceof Error ? error.stack : String(error));
  }
  process.exit(1);
});
