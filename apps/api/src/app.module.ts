import { Module, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { QCYCLE_CONFIG, QcycleConfigModule, type QcycleConfig } from '@qcycle/config';
import { dataSourceOptions, initialiseDataSource } from '@qcycle/persistence';
import { LOGIN_ROUTE } from './auth/auth.decorators';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { RolesGuard } from './auth/roles.guard';
import { DatabaseThrottlerStorage } from './common/database-throttler.storage';
import { CalendarFeedsModule } from './calendar-feeds/calendar-feeds.module';
import { CalendarsModule } from './calendars/calendars.module';
import { CyclesModule } from './cycles/cycles.module';
import { DirectoryModule } from './directory/directory.module';
import { DossierModule } from './dossier/dossier.module';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthModule } from './health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { TasksModule } from './tasks/tasks.module';
import { TemporalClientModule } from './temporal/temporal-client.module';
import { CycleStartModule } from './temporal/cycle-start.source';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The account a login-throttled request is about: the e-mail it names (signing in, asking for a
 * password link), else the signed-in person (changing their own password, guessed with a stolen
 * session); undefined for the SSO code exchange and a password link's use, which name none.
 */
function accountOf(req: Request): string | undefined {
  const email: unknown = req.body?.email;
  if (typeof email === 'string') return `email|${email.trim().toLowerCase()}`;
  return req.principal ? `user|${req.principal.userId}` : undefined;
}

/**
 * Rate limits, counted in the database (rate_limit_hits) so every API process behind the same
 * database shares one count per client (DatabaseThrottlerStorage):
 * - login (password login, SSO code exchange, task-link exchange, password links, one's own new
 *   password): per client address and account (password guessing on one account), per account from
 *   every address (five times as many in 15 minutes), and per address (guessing across accounts,
 *   five times as many a minute);
 * - writes: per signed-in user (or address), every non-GET route except login.
 */
export function throttlerOptions(config: QcycleConfig, dataSource: DataSource): ThrottlerModuleOptions {
  const { loginPerMinute, writesPerMinute } = config.http.rateLimit;
  const isLogin = (context: ExecutionContext) =>
    Reflect.getMetadata(LOGIN_ROUTE, context.getHandler()) === true;
  return {
    throttlers: [
      {
        name: 'login-account',
        ttl: 60_000,
        limit: loginPerMinute,
        skipIf: (context) => !isLogin(context),
        // The SSO code exchange has no e-mail: its single-use code stands in, so people signing in
        // from one office address are limited together only by the per-address limit below.
        getTracker: (req) =>
          `${(req as Request).ip}|${accountOf(req as Request) ?? String((req as Request).body?.code ?? '')}`,
      },
      {
        // One account's password guessed from many addresses (a botnet, or anyone naming addresses
        // through a trusted proxy): counted across them all, over a longer window. It can hold a
        // person's own password sign-in off for up to 15 minutes while they are attacked; SSO and
        // other accounts are unaffected.
        name: 'login-email',
        ttl: 15 * 60_000,
        limit: loginPerMinute * 5,
        skipIf: (context) =>
          !isLogin(context) || accountOf(context.switchToHttp().getRequest<Request>()) === undefined,
        getTracker: (req) => accountOf(req as Request) as string,
      },
      {
        name: 'login-address',
        ttl: 60_000,
        limit: loginPerMinute * 5,
        skipIf: (context) => !isLogin(context),
        getTracker: (req) => String((req as Request).ip),
      },
      {
        name: 'writes',
        ttl: 60_000,
        limit: writesPerMinute,
        skipIf: (context) =>
          isLogin(context) || READ_METHODS.has(context.switchToHttp().getRequest<Request>().method),
        getTracker: (req) => (req as Request).principal?.userId ?? String((req as Request).ip),
      },
    ],
    storage: new DatabaseThrottlerStorage(dataSource),
  };
}

@Module({})
export class AppModule {
  static forRoot(config?: QcycleConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        QcycleConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          inject: [QCYCLE_CONFIG],
          useFactory: (c: QcycleConfig) => dataSourceOptions(c.database),
          dataSourceFactory: (options) => initialiseDataSource(options as DataSourceOptions),
        }),
        ThrottlerModule.forRootAsync({ inject: [QCYCLE_CONFIG, DataSource], useFactory: throttlerOptions }),
        TemporalClientModule,
        CycleStartModule,
        HealthModule,
        AuthModule,
        DirectoryModule,
        CalendarsModule,
        CyclesModule,
        TasksModule,
        NotificationsModule,
        CalendarFeedsModule,
        EvidenceModule,
        DossierModule,
      ],
      // Global guards run in this order: who are you (401), may you (403), not too often (429).
      providers: [
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useExisting: RolesGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
      ],
    };
  }
}
