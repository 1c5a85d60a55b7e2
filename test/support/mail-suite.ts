import { Logger } from '@nestjs/common';
import type { ParsedMail } from 'mailparser';
import type { DataSource } from 'typeorm';
import { loadConfig, type QcycleConfig } from '@qcycle/config';
import { migrateUp, openDataSource } from '@qcycle/persistence';
import {
  createTestDatabase,
  startTestSmtpServer,
  type TestDatabase,
  type TestDatabaseKind,
  type TestSmtpServer,
} from '@qcycle/testing';

/** What a mailing activity's suite runs on (activities/src/notifications/*.activities.int.spec.ts). */
export interface MailSuite {
  readonly database: TestDatabase;
  readonly dataSource: DataSource;
  readonly smtp: TestSmtpServer;
  /**
   * A worker's configuration on the suite's database, mailing through the suite's SMTP server
   * (`smtpUrl`: another relay; `null`: none), with `env` over the suite's own values.
   */
  config(env?: Record<string, string>, smtpUrl?: string | null): QcycleConfig;
  /** A service made by the suite, whose SMTP transport is closed at its end. */
  closedAtEnd<T extends { onModuleDestroy(): void }>(service: T): T;
  /** The mails addressed to `address`, from the `since`-th received on. */
  mailsTo(address: string | undefined, since?: number): ParsedMail[];
}

/**
 * A migrated database of the suite's own (SQLite or PostgreSQL) and a real SMTP server, made before
 * the calling `describe`'s tests and dropped after them, with the services it made closed. `env`: the
 * suite's values of the configuration (its PUBLIC_URL, MAIL_FROM, TASK_LINK_SECRET, …).
 */
export function useMailSuite(kind: TestDatabaseKind, env: Record<string, string>): MailSuite {
  let database: TestDatabase | undefined;
  let dataSource: DataSource | undefined;
  let smtp: TestSmtpServer | undefined;
  const services: { onModuleDestroy(): void }[] = [];
  const started = <T>(part: T | undefined): T => {
    if (part === undefined) throw new Error('the mail suite is used before its beforeAll ran');
    return part;
  };

  beforeAll(async () => {
    // Expected warnings (no SMTP_URL, a relay down) stay out of the output; errors stay in.
    Logger.overrideLogger(['error']);
    database = await createTestDatabase(kind);
    dataSource = await openDataSource(database.config);
    await migrateUp(dataSource);
    smtp = await startTestSmtpServer();
  });

  afterAll(async () => {
    for (const service of services) service.onModuleDestroy();
    await smtp?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  return {
    get database() {
      return started(database);
    },
    get dataSource() {
      return started(dataSource);
    },
    get smtp() {
      return started(smtp);
    },
    config(overrides = {}, smtpUrl = started(smtp).url) {
      return {
        ...loadConfig({ ...env, ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}), ...overrides }),
        database: started(database).config,
      };
    },
    closedAtEnd(service) {
      services.push(service);
      return service;
    },
    mailsTo(address, since = 0) {
      return started(smtp).mailsTo(address, since);
    },
  };
}
