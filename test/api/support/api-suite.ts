import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QcycleConfig } from '@qcycle/config';
import { qualityCycleWorkflowId } from '@qcycle/contracts';
import { createTestDatabase, testConfig, type TestDatabase, type TestDatabaseKind } from '@qcycle/testing';
import { PasswordHasher } from '../../../apps/api/src/auth/password-hasher';
import { seedDemoDirectory } from '../../../apps/api/src/demo/demo-directory';
import { TemporalClientProvider } from '../../../apps/api/src/temporal/temporal-client.module';
import { migrate, startApiApp, startWorkerApp } from '../../support/apps';
import { DemoOrganisation } from './demo-organisation';
import { HttpRecorder } from './http-recorder';

/** What a suite changes in its configuration: a whole value, or some fields of a section. */
export type ConfigOverrides = {
  [K in keyof QcycleConfig]?: QcycleConfig[K] extends object ? Partial<QcycleConfig[K]> : QcycleConfig[K];
};

export interface ApiSuiteOptions {
  /** Default: a new PostgreSQL database on the shared server. */
  database?: TestDatabaseKind;
  /** Start the real worker on the suite's task queue (cycles then run). Default: no worker. */
  worker?: boolean;
  /** A Temporal server of the suite's own (a time-skipping environment); `close()` tears it down. */
  temporal?: { address: string; teardown(): Promise<void> };
  /** An SMTP server the worker mails through; `close()` closes it. */
  smtp?: { url: string; close(): Promise<void> };
  config?: ConfigOverrides;
  /** Default 'before-start': the suite migrates; 'at-api-boot': the API does, as `npm start` does. */
  migrations?: 'before-start' | 'at-api-boot';
  /** Where the API prints the demo logins when it seeds them at boot. Default: nowhere. */
  printDemoLogins?: (text: string) => void;
}

/** The real API (and, when asked, the worker) on a database of the suite's own. */
export interface ApiSuite {
  readonly database: TestDatabase;
  readonly config: QcycleConfig;
  readonly api: INestApplication;
  /** A client of `api` that records every answer (for `undocumentedAnswers`). */
  readonly http: HttpRecorder;
  /** Seeds the demo directory as an organisation of that code (e-mails `<local>@<code>.qcycle.test`). */
  seedDemoOrganisation(code: string): Promise<DemoOrganisation>;
  /** One more API process on the same database and task queue, as behind a load balancer. */
  startAnotherApi(overrides?: ConfigOverrides): Promise<{ app: INestApplication; http: HttpRecorder }>;
  /** Stops the worker (`worker: true`): the cycles' workflows then answer no query, as in an outage. */
  stopWorker(): Promise<void>;
  /** Starts a worker again after `stopWorker()`. */
  startWorker(): Promise<void>;
  /**
   * Stops everything the suite started or was handed, in order: APIs, worker, Temporal, SMTP,
   * database. First it terminates the workflows of `endCycles` (one left running on a shared dev
   * server would go on timing out its activities); a cycle never started is passed over.
   */
  close(options?: { endCycles?: { organisationCode: string; year: number }[] }): Promise<void>;
}

export async function startApiSuite(options: ApiSuiteOptions = {}): Promise<ApiSuite> {
  const running = new RunningParts(options);
  try {
    const database = await createTestDatabase(options.database ?? 'postgres');
    running.database = database;
    const base = testConfig(database.config, options.temporal?.address);
    const config = withOverrides(
      options.smtp ? { ...base, mail: { ...base.mail, smtpUrl: options.smtp.url } } : base,
      options.config ?? {},
    );
    const atApiBoot = options.migrations === 'at-api-boot';
    if (!atApiBoot) await migrate(config);
    if (options.worker) running.worker = await startWorkerApp(config);
    const startApi = async (apiConfig: QcycleConfig, runMigrations: boolean) => {
      const started = await startApiApp(apiConfig, {
        runMigrations,
        printDemoLogins: options.printDemoLogins ?? (() => {}),
      });
      running.apis.push(started.app);
      return { app: started.app, http: new HttpRecorder(started.baseUrl) };
    };
    const { app: api, http } = await startApi(config, atApiBoot);
    return {
      database,
      config,
      api,
      http,
      async seedDemoOrganisation(code) {
        const emailDomain = `${code}.qcycle.test`;
        await seedDemoDirectory(api.get(DataSource), api.get(PasswordHasher), {
          organisationCode: code,
          emailDomain,
        });
        return new DemoOrganisation(http, code, emailDomain);
      },
      startAnotherApi: (overrides = {}) => startApi(withOverrides(config, overrides), false),
      async stopWorker() {
        await running.worker?.close();
        running.worker = undefined;
      },
      async startWorker() {
        running.worker ??= await startWorkerApp(config);
      },
      async close({ endCycles = [] } = {}) {
        const temporal = api.get(TemporalClientProvider).client;
        for (const { organisationCode, year } of endCycles)
          await temporal.workflow
            .getHandle(qualityCycleWorkflowId(organisationCode, year))
            .terminate('suite over')
            .catch(() => undefined);
        await running.close();
      },
    };
  } catch (error) {
    // Nothing may outlive a suite that failed to start (a running worker keeps Jest from exiting).
    await running.close().catch(() => undefined);
    throw error;
  }
}

/** What a suite has running, closed so that nothing still uses what goes after it. */
class RunningParts {
  readonly apis: INestApplication[] = [];
  worker?: INestApplicationContext;
  database?: TestDatabase;

  constructor(private readonly handedOver: Pick<ApiSuiteOptions, 'temporal' | 'smtp'>) {}

  async close(): Promise<void> {
    const steps = [
      ...this.apis.map((app) => () => app.close()),
      () => this.worker?.close(),
      () => this.handedOver.temporal?.teardown(),
      () => this.handedOver.smtp?.close(),
      () => this.database?.drop(),
    ];
    const failures: unknown[] = [];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, 'closing the API suite failed');
  }
}

function withOverrides(base: QcycleConfig, overrides: ConfigOverrides): QcycleConfig {
  const config: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = config[key];
    config[key] = isSection(current) && isSection(value) ? { ...current, ...value } : value;
  }
  return config as unknown as QcycleConfig;
}

const isSection = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
