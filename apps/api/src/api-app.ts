import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { assertApiAuthConfig, type QcycleConfig } from '@qcycle/config';
import { assertNoPendingMigrations, assertNotAheadOfCode, migrateUp } from '@qcycle/persistence';
import { AppModule } from './app.module';
import { PasswordHasher } from './auth/password-hasher';
import { QcycleExceptionFilter } from './common/qcycle-exception.filter';
import { requestIdMiddleware } from './common/request-id.middleware';
import {
  deriveSchemasFromValidators,
  withClosedRequestBodies,
  withTextWithoutNul,
} from './common/openapi-exact-schemas';
import { qcycleValidationPipe } from './common/validation';
import { formatDemoLogins, seedDemoDirectory } from './demo/demo-directory';
import { withTaskOutcomeSchemas } from './tasks/task-outcome-schemas.openapi';
import { compressedJsonMiddleware } from './web/compressed-json.middleware';
import { qcycleRoot, webAppMiddleware } from './web/web-app.middleware';

export interface CreateApiAppOptions {
  /** Apply pending migrations before serving (the embedded default and the compose api do). */
  runMigrations?: boolean;
  /**
   * Without runMigrations: refuse to start while migrations are pending, naming RUN_MIGRATIONS
   * (main.ts). Off for the tests that only read the OpenAPI document off an empty database.
   */
  refusePendingMigrations?: boolean;
  logger?: false | ('log' | 'warn' | 'error')[];
  /** Where the demo logins go when SEED_DEMO_DATA=true (stdout by default, for the start command). */
  printDemoLogins?: (text: string) => void;
}

/** The API as it serves: used by main.ts and by the HTTP test suites (not yet listening). */
export async function createApiApp(
  config: QcycleConfig,
  options: CreateApiAppOptions = {},
): Promise<INestApplication> {
  assertApiAuthConfig(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  const logger = new Logger('api');
  try {
    await assertNotAheadOfCode(app.get(DataSource));
    if (options.runMigrations) {
      const applied = await migrateUp(app.get(DataSource));
      logger.log(
        applied.length > 0
          ? `applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${applied.join(', ')}`
          : 'database schema up to date (no migration pending)',
      );
    } else if (options.refusePendingMigrations) {
      await assertNoPendingMigrations(app.get(DataSource));
    }
  } catch (error) {
    await app.close();
    throw error;
  }
  if (config.auth.usesGeneratedJwtSecret && config.auth.localLogin) {
    logger.warn(
      'JWT_SECRET is not set: login tokens are signed with a random key and end when the API restarts (set JWT_SECRET, at least 32 characters)',
    );
  }
  if (!config.auth.localLogin)
    logger.log('local login is off (no JWT_SECRET in production): sign-in is through the SSO only');
  if (config.seedDemoData) {
    const added = await seedDemoDirectory(app.get(DataSource), app.get(PasswordHasher));
    logger.log(`demo directory seeded (${added} rows added)`);
    (options.printDemoLogins ?? ((text) => process.stdout.write(`${text}\n`)))(
      formatDemoLogins(config.publicUrl),
    );
  }

  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (default: this machine's
  // loopback). Trusting whole private networks would let any client behind Docker's NAT name its own
  // address and dodge the per-address rate limits; behind an unnamed proxy, limits key on the
  // proxy's address (stricter, never bypassable). docs/operations.md, "Client addresses".
  app.set('trust proxy', config.http.trustProxy);
  app.use(requestIdMiddleware);
  app.use(helmet({ contentSecurityPolicy: { directives: contentSecurityPolicy(config) } }));
  const webDistDir = config.http.webDistDir ?? join(qcycleRoot(), 'dist', 'web');
  if (!existsSync(join(webDistDir, 'index.html')))
    logger.log(`the web app is not built (${webDistDir}): npm run build:web`);
  app.use(webAppMiddleware(webDistDir));
  // JSON of a kilobyte or more goes compressed; the web app's files come precompressed from its build.
  app.use(compressedJsonMiddleware());
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.http.corsOrigins.includes('*') ? '*' : config.http.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    });
  }
  app.useGlobalPipes(qcycleValidationPipe());
  app.useGlobalFilters(new QcycleExceptionFilter());
  app.enableShutdownHooks();
  // Idle keep-alive connections are closed by the client first. Node's default (5 s) is what
  // clients also wait before closing (undici: the server's hint less 1 s), so a request sent on a
  // connection idle for about 5 s could meet the server's close and fail with ECONNRESET (seen
  // under load in the tests); a reverse proxy keeping upstream connections has the same race.
  // Longer than the usual proxy idle timeout (60 s); the headers deadline must exceed it.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const openApi = new DocumentBuilder()
    .setTitle('qcycle API')
    .setDescription(
      'The annual ISO 9001:2015 quality cycle: objectives, assignment, monitoring, internal audit, management review. ' +
        'Sign in with POST /api/v1/auth/login (or your SSO) and send Authorization: Bearer <token>. ' +
        'Every error answers { statusCode, code, message, requestId, details? }.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  // The schemas say what the validators accept (derived from them); each task kind's outcome is a
  // JSON Schema from libs/domain, added beside the DTO schemas.
  deriveSchemasFromValidators();
  const openApiDocument = () =>
    withTextWithoutNul(
      withClosedRequestBodies(withTaskOutcomeSchemas(SwaggerModule.createDocument(app, openApi))),
    );
  SwaggerModule.setup('api/docs', app, openApiDocument, {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}

/**
 * helmet's defaults, spelled out where the web app (served on this origin) and Swagger UI depend on
 * them: scripts only from this origin (no inline script), inline styles allowed (React style
 * attributes, Swagger UI), images from here and data: URLs, fetch/XHR only to this API. Forms may post
 * here and, for the SSO round trip, to the provider; the redirect to the SSO is a navigation, which
 * CSP does not restrict. `upgrade-insecure-requests` only when PUBLIC_URL is https: on a plain-http
 * intranet install it would make the browser ask for every asset over https, which is not served.
 */
function contentSecurityPolicy(config: QcycleConfig): Record<string, string[] | null> {
  const sso =
    config.auth.oidc?.clientId && URL.canParse(config.auth.oidc.issuer)
      ? [new URL(config.auth.oidc.issuer).origin]
      : [];
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'", ...sso],
    frameAncestors: ["'self'"],
    objectSrc: ["'none'"],
    upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
  };
}
