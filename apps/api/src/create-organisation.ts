import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  assertApiAuthConfig,
  ConfigError,
  loadConfig,
  StartupError,
  type QcycleConfig,
} from '@qcycle/config';
import { QcycleError } from '@qcycle/contracts';
import { assertNoPendingMigrations, assertNotAheadOfCode, migrateUp } from '@qcycle/persistence';
import { AppModule } from './app.module';
import { DirectoryService } from './directory/directory.service';
import { CreateOrganisationDto, type OrganisationView } from './directory/dto/directory.dto';

/**
 * How a production install begins: an organisation and its first administrator, who then builds
 * the directory in the web app. The demo directory is refused in production (SEED_DEMO_DATA), and
 * `POST /organisations` needs an administrator already, so without this nobody could sign in.
 *
 *   node -r tsconfig-paths/register dist/apps/api/src/create-organisation.js \
 *     --code kontum --name "Ủy ban nhân dân tỉnh Kon Tum" --name-en "Kon Tum Provincial People's Committee" \
 *     --admin-name "Nguyễn Văn A" --admin-email admin@kontum.gov.vn
 *
 * The administrator's password comes from QCYCLE_ADMIN_PASSWORD, never from the command line (which
 * other users of the machine can read); without it the administrator signs in through the SSO, so
 * without either it is refused (an administrator nobody could sign in as). The same rules as the
 * API's: a taken code or e-mail is refused and nothing is written. Like the API, it applies pending
 * migrations with RUN_MIGRATIONS=true and otherwise refuses a database that is behind.
 */
export const USAGE =
  'create-organisation --code <code> --name <Vietnamese name> --name-en <English name> --admin-name <full name> --admin-email <e-mail>  (password: QCYCLE_ADMIN_PASSWORD, or none for SSO)';

export async function createOrganisation(
  config: QcycleConfig,
  args: string[],
  env: Partial<Record<string, string>>,
): Promise<OrganisationView> {
  const { values } = parseOptions(args);
  const dto = plainToInstance(CreateOrganisationDto, {
    code: values.code,
    name: { vi: values.name, en: values['name-en'] },
    firstAdmin: {
      fullName: values['admin-name'],
      email: values['admin-email'],
      ...(env.QCYCLE_ADMIN_PASSWORD ? { password: env.QCYCLE_ADMIN_PASSWORD } : {}),
    },
  });
  const problems = (await validate(dto, { whitelist: true, forbidNonWhitelisted: true })).flatMap((e) =>
    messages(e),
  );
  if (!env.QCYCLE_ADMIN_PASSWORD && !config.auth.oidc) {
    problems.push(
      'QCYCLE_ADMIN_PASSWORD: not set, and no SSO is configured (OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL), so nobody could sign in as the administrator: ' +
        'export QCYCLE_ADMIN_PASSWORD in the shell (with docker compose run: -e QCYCLE_ADMIN_PASSWORD=…), or configure the SSO',
    );
  }
  if (problems.length > 0) throw new CommandError([...problems, `usage: ${USAGE}`].join('\n'));
  // A password is no use where local login is off (production without JWT_SECRET) and no SSO either:
  // the API would not start there.
  assertApiAuthConfig(config);

  // The API's own module, not listening: the directory's rules, the password hashing, the event log.
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  try {
    await assertNotAheadOfCode(app.get(DataSource));
    if (env.RUN_MIGRATIONS === 'true') await migrateUp(app.get(DataSource));
    else
      await assertNoPendingMigrations(
        app.get(DataSource),
        'run this command with RUN_MIGRATIONS=true (or start the API once with it) to apply them',
      );
    return await app
      .get(DirectoryService)
      .createOrganisation(dto, { actor: 'system', requestId: 'create-organisation', clientAddress: null });
  } catch (error) {
    if (error instanceof QcycleError) throw new CommandError(error.messageIn('en'));
    throw error;
  } finally {
    await app.close();
  }
}

/** The command's options; anything else is refused with the usage. */
function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        code: { type: 'string' },
        name: { type: 'string' },
        'name-en': { type: 'string' },
        'admin-name': { type: 'string' },
        'admin-email': { type: 'string' },
      },
      strict: true,
    });
  } catch (error) {
    throw new CommandError(`${error instanceof Error ? error.message : String(error)}\nusage: ${USAGE}`);
  }
}

/** A refusal to show as it is, without a stack. */
export class CommandError extends Error {}

/** Each field's refusals, by the command's own option names. */
function messages(error: ValidationError, path = ''): string[] {
  const at = path ? `${path}.${error.property}` : error.property;
  const option: Record<string, string> = {
    code: '--code',
    'name.vi': '--name',
    'name.en': '--name-en',
    'firstAdmin.fullName': '--admin-name',
    'firstAdmin.email': '--admin-email',
    'firstAdmin.password': 'QCYCLE_ADMIN_PASSWORD',
  };
  const own = Object.values(error.constraints ?? {}).map((text) => `${option[at] ?? at}: ${text}`);
  return [...own, ...(error.children ?? []).flatMap((child) => messages(child, at))];
}

if (require.main === module) {
  createOrganisation(loadConfig(), process.argv.slice(2), process.env)
    .then((organisation) => {
      console.log(
        `Organisation ${organisation.code} created with its first administrator; sign in at ${loadConfig().publicUrl}/`,
      );
    })
    .catch((error: unknown) => {
      console.error(
        error instanceof CommandError || error instanceof ConfigError || error instanceof StartupError
          ? error.message
          : error instanceof Error
            ? (error.stack ?? error.message)
            : String(error),
      );
      process.exit(1);
    });
}
