import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { QcycleConfig } from '@qcycle/config';
import { migrateUp } from '@qcycle/persistence';
import { AppModule } from './app.module';
import { QcycleExceptionFilter } from './common/qcycle-exception.filter';
import { qcycleValidationPipe } from './common/validation';

export interface CreateApiAppOptions {
  /** Apply pending migrations before serving (the embedded default and the compose api do). */
  runMigrations?: boolean;
  logger?: false | ('log' | 'warn' | 'error')[];
}

/** The API as it serves: used by main.ts and by the HTTP test suites (not yet listening). */
export async function createApiApp(config: QcycleConfig, options: CreateApiAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: options.logger ?? ['log', 'warn', 'error'] });
  if (options.runMigrations) await migrateUp(app.get(DataSource));
  app.useGlobalPipes(qcycleValidationPipe());
  app.useGlobalFilters(new QcycleExceptionFilter());
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('qcycle API')
    .setDescription('The annual ISO 9001:2015 quality cycle: objectives, assignment, monitoring, internal audit, management review.')
    .setVersion('1')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
