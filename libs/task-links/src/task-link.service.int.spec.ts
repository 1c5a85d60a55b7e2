import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loadConfig, QcycleConfigModule, type QcycleConfig } from '@qcycle/config';
import { dataSourceOptions, migrateUp, openDataSource, TaskLinkUseEntity } from '@qcycle/persistence';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '@qcycle/testing';
import { DataSource } from 'typeorm';
import { TaskLinkError, TaskLinkErrorCode, TaskLinkService, TaskLinkSigner, TaskLinksModule } from './index';

/** A Nest context as an app would have it: config, TypeORM, TaskLinksModule. One per "replica". */
async function startContext(config: QcycleConfig): Promise<INestApplicationContext> {
  @Module({
    imports: [
      QcycleConfigModule.forRoot(config),
      TypeOrmModule.forRoot(dataSourceOptions(config.database)),
      TaskLinksModule,
    ],
  })
  class TaskLinksTestModule {}
  return NestFactory.createApplicationContext(TaskLinksTestModule, { logger: ['error'] });
}

async function reasonOf(attempt: Promise<unknown>): Promise<TaskLinkErrorCode | 'ok'> {
  try {
    await attempt;
    return 'ok';
  } catch (error) {
    if (error instanceof TaskLinkError) return error.reason;
    throw error;
  }
}

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('TaskLinkService on %s', (kind) => {
  let database: TestDatabase;
  let config: QcycleConfig;
  let replicas: INestApplicationContext[];
  let links: TaskLinkService;
  let signer: TaskLinkSigner;
  const now = new Date('2024-03-25T02:00:00.000Z');

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    config = {
      ...loadConfig({
        TASK_LINK_SECRET: 'integration-test-secret-0123456789abcdef',
        TASK_LINK_TTL_HOURS: '24',
      }),
      database: database.config,
    };
    const migrator = await openDataSource(database.config);
    await migrateUp(migrator);
    await migrator.destroy();
    replicas = [await startContext(config), await startContext(config)];
    links = replicas[0].get(TaskLinkService);
    signer = replicas[0].get(TaskLinkSigner);
  });

  afterAll(async () => {
    for (const replica of replicas ?? []) await replica.close();
    await database?.drop();
  });

  it('exchanges a link once, records who used it for which task, and refuses it afterwards', async () => {
    const { token, claims } = signer.issue('task-measure-obj4-2024-03', 'u-staff-1', now);
    expect(claims.expiresAt).toBe('2024-03-26T02:00:00.000Z');
    expect(await links.isUsed(claims)).toBe(false);

    const consumed = await links.consume(token, now, 'task-measure-obj4-2024-03');
    expect(consumed).toEqual({ ...claims, usedAt: now.toISOString() });
    expect(await links.isUsed(claims)).toBe(true);
    const row = await replicas[0]
      .get(DataSource)
      .getRepository(TaskLinkUseEntity)
      .findOneByOrFail({ nonce: claims.nonce });
    expect(row).toEqual({
      nonce: claims.nonce,
      taskId: 'task-measure-obj4-2024-03',
      userId: 'u-staff-1',
      usedAt: now.toISOString(),
    });

    const again = links.consume(token, new Date(now.getTime() + 60_000));
    await expect(again).rejects.toThrow('already been used');
    expect(await reasonOf(links.consume(token, now))).toBe(TaskLinkErrorCode.AlreadyUsed);
  });

  it('refuses an expired, tampered or foreign link, and a link opened on another task, without using it up', async () => {
    const { token, claims } = signer.issue('task-a', 'u-staff-2', now);
    expect(await reasonOf(links.consume(token, new Date('2024-03-26T02:00:00.000Z')))).toBe(
      TaskLinkErrorCode.Expired,
    );
    expect(await reasonOf(links.consume(`${token.split('.')[0]}.${'A'.repeat(43)}`, now))).toBe(
      TaskLinkErrorCode.BadSignature,
    );
    expect(await reasonOf(links.consume('not-a-link', now))).toBe(TaskLinkErrorCode.Malformed);
    expect(await reasonOf(links.consume(token, now, 'task-b'))).toBe(TaskLinkErrorCode.WrongTask);
    expect(await links.isUsed(claims)).toBe(false);
    expect(await reasonOf(links.consume(token, now, 'task-a'))).toBe('ok');
  });

  it('lets exactly one of many concurrent exchanges of the same link succeed, across two app replicas', async () => {
    const { token } = signer.issue('task-concurrent', 'u-staff-3', now);
    const services = replicas.map((r) => r.get(TaskLinkService));
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => reasonOf(services[i % 2].consume(token, now))),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === TaskLinkErrorCode.AlreadyUsed)).toHaveLength(9);
  });
});
