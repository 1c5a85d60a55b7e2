import { isAbsolute, resolve } from 'node:path';

/** Everything qcycle reads from the environment, typed. Validated once at boot by {@link loadConfig}. */
export interface QcycleConfig {
  port: number;
  publicUrl: string;
  database: DatabaseConfig;
  temporal: TemporalConfig;
}

export type DatabaseConfig =
  | { type: 'sqlite'; path: string; url: string }
  | { type: 'postgres'; url: string };

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: { serverNameOverride?: string; clientCertPath?: string; clientKeyPath?: string };
  apiKey?: string;
}

/** The variables {@link loadConfig} reads, with their defaults: the README's configuration table. */
export const CONFIG_VARIABLES = [
  'PORT',
  'PUBLIC_URL',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_TLS',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_TLS_CERT_PATH',
  'TEMPORAL_TLS_KEY_PATH',
  'TEMPORAL_API_KEY',
] as const;

export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];
export type ConfigEnv = Partial<Record<string, string | undefined>>;

export const DEFAULT_SQLITE_PATH = '.data/qcycle.sqlite';

/** Thrown at boot when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: ConfigVariable; reason: string }[]) {
    super(
      'Invalid configuration:\n' + problems.map((p) => `  - ${p.variable}: ${p.reason}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration. Unset variables take the embedded defaults (SQLite file,
 * local Temporal dev server); a set but malformed variable is an error, never silently replaced.
 */
export function loadConfig(env: ConfigEnv = process.env, cwd = process.cwd()): QcycleConfig {
  const problems: ConstructorParameters<typeof ConfigError>[0] = [];
  const value = (name: ConfigVariable): string | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  };
  const fail = (variable: ConfigVariable, reason: string) => problems.push({ variable, reason });

  const port = parsePort(value('PORT') ?? '3000');
  if (port === undefined) fail('PORT', `must be a whole number from 1 to 65535, got "${value('PORT')}"`);

  const publicUrl = value('PUBLIC_URL') ?? `http://localhost:${port ?? 3000}`;
  if (!isHttpUrl(publicUrl)) fail('PUBLIC_URL', `must be an http(s) URL, got "${publicUrl}"`);

  const database = parseDatabaseUrl(value('DATABASE_URL') ?? DEFAULT_SQLITE_PATH, cwd);
  if (typeof database === 'string') fail('DATABASE_URL', database);

  const address = value('TEMPORAL_ADDRESS') ?? '127.0.0.1:7233';
  if (!/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(address)) {
    fail('TEMPORAL_ADDRESS', `must be host:port, got "${address}"`);
  }
  const namespace = value('TEMPORAL_NAMESPACE') ?? 'default';
  const taskQueue = value('TEMPORAL_TASK_QUEUE') ?? 'qcycle';
  if (!/^[\w.\-/]+$/.test(taskQueue)) fail('TEMPORAL_TASK_QUEUE', `must be letters, digits, . - _ /, got "${taskQueue}"`);

  const tlsFlag = value('TEMPORAL_TLS');
  if (tlsFlag !== undefined && !['true', 'false'].includes(tlsFlag)) {
    fail('TEMPORAL_TLS', `must be "true" or "false", got "${tlsFlag}"`);
  }
  const certPath = value('TEMPORAL_TLS_CERT_PATH');
  const keyPath = value('TEMPORAL_TLS_KEY_PATH');
  if ((certPath === undefined) !== (keyPath === undefined)) {
    fail(certPath ? 'TEMPORAL_TLS_KEY_PATH' : 'TEMPORAL_TLS_CERT_PATH', 'client certificate and key must be given together');
  }
  const apiKey = value('TEMPORAL_API_KEY');
  // A hosted Temporal (Cloud) with an API key or mTLS always speaks TLS.
  const tlsOn = tlsFlag === 'true' || apiKey !== undefined || certPath !== undefined;

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: port as number,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    database: database as DatabaseConfig,
    temporal: {
      address,
      namespace,
      taskQueue,
      ...(tlsOn
        ? {
            tls: {
              serverNameOverride: value('TEMPORAL_TLS_SERVER_NAME'),
              clientCertPath: certPath,
              clientKeyPath: keyPath,
            },
          }
        : {}),
      ...(apiKey ? { apiKey } : {}),
    },
  };
}

function parsePort(raw: string): number | undefined {
  if (!/^\d+$/.test(raw)) return undefined;
  const port = Number(raw);
  return port >= 1 && port <= 65535 ? port : undefined;
}

function isHttpUrl(raw: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(raw).protocol);
  } catch {
    return false;
  }
}

/** `postgres://…` / `postgresql://…` selects PostgreSQL; anything else is a SQLite file path. */
export function parseDatabaseUrl(raw: string, cwd = process.cwd()): DatabaseConfig | string {
  if (/^postgres(ql)?:/i.test(raw)) {
    try {
      const url = new URL(raw);
      if (!url.hostname) return `PostgreSQL URL has no host: "${raw}"`;
      return { type: 'postgres', url: raw };
    } catch {
      return `not a valid PostgreSQL URL: "${raw}"`;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && !/^sqlite:/i.test(raw)) {
    return `must be a postgres:// URL or a SQLite file path, got "${raw}"`;
  }
  const path = raw.replace(/^sqlite:(\/\/)?/i, '');
  if (path === ':memory:') return { type: 'sqlite', path, url: raw };
  return { type: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path), url: raw };
}
