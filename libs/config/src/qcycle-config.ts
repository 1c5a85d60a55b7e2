import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';

/** Everything qcycle reads from the environment, typed. Validated once at boot by {@link loadConfig}. */
export interface QcycleConfig {
  port: number;
  publicUrl: string;
  database: DatabaseConfig;
  temporal: TemporalConfig;
  mail: MailConfig;
  taskLinks: TaskLinkConfig;
  auth: AuthConfig;
  http: HttpConfig;
  /** SEED_DEMO_DATA=true: the API seeds the Kon Tum demo directory at boot and prints its logins. */
  seedDemoData: boolean;
  /** Official documents (PDF/DOCX); absent: the defaults (`/usr/bin/chromium`). */
  documents?: DocumentsConfig;
  /** Uploaded evidence files (docs/evidence.md). */
  evidence: EvidenceConfig;
  /**
   * ORGANISATION_CREATORS: the organisations whose administrators may create organisations over HTTP
   * (the install's operator, e.g. the province's office onboarding its departments and districts).
   * Empty by default: then only the `create-organisation` command creates one (docs/security.md).
   */
  organisationCreators: string[];
}

export interface EvidenceConfig {
  /** EVIDENCE_DIR (absolute): the local content-addressed store; default `<cwd>/.data/evidence`. */
  dir: string;
  /** EVIDENCE_MAX_BYTES: the largest file accepted; a larger upload answers 413. */
  maxBytes: number;
}

export interface DocumentsConfig {
  /** CHROMIUM_PATH: the chromium (or Chrome) executable that prints documents to PDF. */
  chromiumPath: string;
}

export interface AuthConfig {
  /** HS256 key of the API's own (local-login) tokens. */
  jwtSecret: string;
  /** True when JWT_SECRET was unset outside production and a random per-process key is used. */
  usesGeneratedJwtSecret: boolean;
  /** Local login (e-mail + password): off in production without JWT_SECRET (SSO only), or with PASSWORD_LOGIN=false. */
  localLogin: boolean;
  /** PASSWORD_LOGIN=false: local login turned off on purpose. */
  passwordLoginTurnedOff?: boolean;
  jwtTtlMinutes: number;
  /**
   * An external OpenID Connect provider whose access tokens the API accepts (government SSO). With
   * `clientId` (OIDC_CLIENT_ID) the web app signs in through it too (Authorization Code + PKCE, the
   * code exchanged by the API).
   */
  oidc?: { issuer: string; audience: string; jwksUrl: string; clientId?: string };
}

export interface HttpConfig {
  /** Origins allowed by CORS; empty: no cross-origin browser calls. */
  corsOrigins: string[];
  rateLimit: { loginPerMinute: number; writesPerMinute: number };
  /**
   * TRUST_PROXY: the proxies whose X-Forwarded-For names the client (Express's `trust proxy`, as a
   * list of addresses, CIDR ranges and `loopback` / `linklocal` / `uniquelocal`); default `loopback`.
   */
  trustProxy: string[];
  /** WEB_DIST_DIR: where the built web app is (absolute); unset: `<repo>/dist/web`. */
  webDistDir?: string;
}

export type DatabaseConfig =
  { type: 'sqlite'; path: string; url: string } | { type: 'postgres'; url: string };

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /** The worker's workflow cache (TEMPORAL_MAX_CACHED_WORKFLOWS), see {@link DEFAULT_MAX_CACHED_WORKFLOWS}. */
  maxCachedWorkflows: number;
  tls?: { serverNameOverride?: string; clientCertPath?: string; clientKeyPath?: string };
  apiKey?: string;
}

export interface MailConfig {
  /** `smtp://host:port` or `smtps://user:pass@host:465`; absent → notifications are recorded, not mailed. */
  smtpUrl?: string;
  /** The From header, `Name <address>` or a bare address. */
  from: string;
}

export interface TaskLinkConfig {
  /** HMAC-SHA256 key of the signed task links in notifications (at least 32 characters). */
  secret: string;
  /** True when TASK_LINK_SECRET was unset outside production and the fixed development secret is used. */
  usesDevelopmentSecret: boolean;
  ttlHours: number;
}

/** The variables {@link loadConfig} reads, with their defaults: the README's configuration table. */
export const CONFIG_VARIABLES = [
  'PORT',
  'PUBLIC_URL',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_MAX_CACHED_WORKFLOWS',
  'TEMPORAL_TLS',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_TLS_CERT_PATH',
  'TEMPORAL_TLS_KEY_PATH',
  'TEMPORAL_API_KEY',
  'SMTP_URL',
  'MAIL_FROM',
  'TASK_LINK_SECRET',
  'TASK_LINK_TTL_HOURS',
  'JWT_SECRET',
  'JWT_TTL_MINUTES',
  'PASSWORD_LOGIN',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'OIDC_JWKS_URL',
  'OIDC_CLIENT_ID',
  'CORS_ORIGINS',
  'TRUST_PROXY',
  'RATE_LIMIT_LOGIN_PER_MINUTE',
  'RATE_LIMIT_WRITES_PER_MINUTE',
  'SEED_DEMO_DATA',
  'CHROMIUM_PATH',
  'WEB_DIST_DIR',
  'EVIDENCE_DIR',
  'EVIDENCE_MAX_BYTES',
  'ORGANISATION_CREATORS',
] as const;

export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];
export type ConfigEnv = Partial<Record<string, string | undefined>>;

export const DEFAULT_SQLITE_PATH = '.data/qcycle.sqlite';
/**
 * Workflows a worker keeps in memory between their workflow tasks. The SDK's default sizes the cache
 * by heap (about 2,300 on a 4 GB heap), below the ~5 open workflows per organisation of 1,000
 * organisations; a workflow evicted from a full cache is replayed from its history on its next task,
 * and under load some Updates then waited past the API's 30 s deadline (issue #11,
 * docs/performance.md "Many agencies"). qcycle's workflows are small (about 0.1 MB of heap each,
 * measured), so 10,000 hold 2,000 organisations' open workflows in about 1 GB.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 10_000;
export const DEFAULT_EVIDENCE_DIR = '.data/evidence';
/** 20 MiB: a scanned multi-page report or a phone photo fits; a video does not. */
export const DEFAULT_EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
/** 1 GiB: more than that is not a document, and a request that long ties up an API process. */
export const MAX_EVIDENCE_MAX_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_MAIL_FROM = 'qcycle <no-reply@localhost>';
export const DEFAULT_TASK_LINK_TTL_HOURS = 168;
/**
 * Used when TASK_LINK_SECRET is unset outside production, so the embedded default starts with zero
 * set-up. It is public (it is in this file), so a link signed with it proves nothing: production
 * (NODE_ENV=production) refuses to boot without a secret of its own. A generated random secret was
 * rejected: it would silently differ between the api and the worker and change on every restart,
 * invalidating every link already mailed.
 */
export const DEVELOPMENT_TASK_LINK_SECRET = 'qcycle-development-task-link-secret-do-not-use-in-production';
export const MIN_TASK_LINK_SECRET_LENGTH = 32;
export const MIN_JWT_SECRET_LENGTH = 32;

/** Thrown at boot when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: ConfigVariable; reason: string }[]) {
    super('Invalid configuration:\n' + problems.map((p) => `  - ${p.variable}: ${p.reason}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/**
 * Thrown at boot when a setting is well-formed but what it points at is not usable (a Temporal
 * namespace that does not exist, a database whose migrations have not run). The message names the
 * setting, its value (never a secret) and what to do; the apps print it as it is, without a stack.
 */
export class StartupError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'StartupError';
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
  if (!/^[\w.\-/]+$/.test(taskQueue))
    fail('TEMPORAL_TASK_QUEUE', `must be letters, digits, . - _ /, got "${taskQueue}"`);

  const maxCachedWorkflows = wholeNumber(value, fail, 'TEMPORAL_MAX_CACHED_WORKFLOWS', {
    fallback: DEFAULT_MAX_CACHED_WORKFLOWS,
    min: 2,
    max: 1_000_000,
  });

  const tlsFlag = value('TEMPORAL_TLS');
  if (tlsFlag !== undefined && !['true', 'false'].includes(tlsFlag)) {
    fail('TEMPORAL_TLS', `must be "true" or "false", got "${tlsFlag}"`);
  }
  const certPath = value('TEMPORAL_TLS_CERT_PATH');
  const keyPath = value('TEMPORAL_TLS_KEY_PATH');
  if ((certPath === undefined) !== (keyPath === undefined)) {
    fail(
      certPath ? 'TEMPORAL_TLS_KEY_PATH' : 'TEMPORAL_TLS_CERT_PATH',
      'client certificate and key must be given together',
    );
  }
  const apiKey = value('TEMPORAL_API_KEY');
  // A hosted Temporal (Cloud) with an API key or mTLS always speaks TLS.
  const tlsOn = tlsFlag === 'true' || apiKey !== undefined || certPath !== undefined;

  const smtpUrl = value('SMTP_URL');
  if (smtpUrl !== undefined && !isSmtpUrl(smtpUrl)) {
    fail('SMTP_URL', `must be smtp://host:port or smtps://user:pass@host:465, got "${redactUrl(smtpUrl)}"`);
  }
  const mailFrom = value('MAIL_FROM') ?? DEFAULT_MAIL_FROM;
  if (!isMailbox(mailFrom))
    fail('MAIL_FROM', `must be an e-mail address or "Name <address>", got "${mailFrom}"`);

  const production = env.NODE_ENV?.trim() === 'production';
  const taskLinkSecret = value('TASK_LINK_SECRET');
  if (taskLinkSecret === undefined && production) {
    fail(
      'TASK_LINK_SECRET',
      `must be set when NODE_ENV=production (at least ${MIN_TASK_LINK_SECRET_LENGTH} characters)`,
    );
  } else if (taskLinkSecret === undefined && isHttpUrl(publicUrl) && !isOnThisMachine(publicUrl)) {
    // Without NODE_ENV=production (a process started by hand) the public development secret would
    // sign the links of an install people reach from elsewhere: anyone could forge one.
    fail(
      'TASK_LINK_SECRET',
      `must be set when PUBLIC_URL (${publicUrl}) is not this machine: the development secret is public, and anyone could forge a task link with it (at least ${MIN_TASK_LINK_SECRET_LENGTH} characters)`,
    );
  } else if (taskLinkSecret !== undefined && taskLinkSecret.length < MIN_TASK_LINK_SECRET_LENGTH) {
    fail(
      'TASK_LINK_SECRET',
      `must be at least ${MIN_TASK_LINK_SECRET_LENGTH} characters, got ${taskLinkSecret.length}`,
    );
  }
  const ttlHours = wholeNumber(value, fail, 'TASK_LINK_TTL_HOURS', {
    fallback: DEFAULT_TASK_LINK_TTL_HOURS,
    min: 1,
    max: 24 * 366,
    unit: 'hours',
  });

  const auth = parseAuth(value, fail, production);
  const corsOrigins = (value('CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of corsOrigins) {
    if (origin !== '*' && (!isHttpUrl(origin) || new URL(origin).origin !== origin)) {
      fail(
        'CORS_ORIGINS',
        `must be a comma-separated list of origins like https://qms.example.gov.vn (or *), got "${origin}"`,
      );
    }
  }
  const trustProxy = parseTrustProxy(value('TRUST_PROXY') ?? 'loopback');
  if (typeof trustProxy === 'string') fail('TRUST_PROXY', trustProxy);
  const perMinute = (
    name: 'RATE_LIMIT_LOGIN_PER_MINUTE' | 'RATE_LIMIT_WRITES_PER_MINUTE',
    fallback: number,
  ): number => wholeNumber(value, fail, name, { fallback, min: 1, max: 100_000 });
  const rateLimit = {
    loginPerMinute: perMinute('RATE_LIMIT_LOGIN_PER_MINUTE', 10),
    writesPerMinute: perMinute('RATE_LIMIT_WRITES_PER_MINUTE', 120),
  };
  const seedFlag = value('SEED_DEMO_DATA');
  if (seedFlag !== undefined && !['true', 'false'].includes(seedFlag))
    fail('SEED_DEMO_DATA', `must be "true" or "false", got "${seedFlag}"`);
  // Demo users have a published password: never in production.
  if (seedFlag === 'true' && production)
    fail('SEED_DEMO_DATA', 'must not be true when NODE_ENV=production (the demo logins are public)');

  const webDistDir = value('WEB_DIST_DIR');
  const chromiumPath = value('CHROMIUM_PATH');
  if (chromiumPath !== undefined && !isAbsolute(chromiumPath))
    fail('CHROMIUM_PATH', `must be an absolute path to the chromium executable, got "${chromiumPath}"`);

  const evidenceDir = value('EVIDENCE_DIR') ?? DEFAULT_EVIDENCE_DIR;
  const evidenceMaxBytes = wholeNumber(value, fail, 'EVIDENCE_MAX_BYTES', {
    fallback: DEFAULT_EVIDENCE_MAX_BYTES,
    min: 1,
    max: MAX_EVIDENCE_MAX_BYTES,
    unit: 'bytes',
  });

  const organisationCreators = (value('ORGANISATION_CREATORS') ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  for (const code of organisationCreators) {
    // The pattern of an organisation's code (ORGANISATION_CODE_PATTERN in libs/contracts).
    if (!/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(code))
      fail(
        'ORGANISATION_CREATORS',
        `must be a comma-separated list of organisation codes like kontum (lower-case letters, digits and dashes), got "${code}"`,
      );
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: port as number,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    database: database as DatabaseConfig,
    temporal: {
      address,
      namespace,
      taskQueue,
      maxCachedWorkflows,
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
    mail: { ...(smtpUrl ? { smtpUrl } : {}), from: mailFrom },
    taskLinks: {
      secret: taskLinkSecret ?? DEVELOPMENT_TASK_LINK_SECRET,
      usesDevelopmentSecret: taskLinkSecret === undefined,
      ttlHours,
    },
    auth,
    http: {
      corsOrigins,
      rateLimit,
      trustProxy: trustProxy as string[],
      ...(webDistDir ? { webDistDir: isAbsolute(webDistDir) ? webDistDir : resolve(cwd, webDistDir) } : {}),
    },
    seedDemoData: seedFlag === 'true',
    ...(chromiumPath ? { documents: { chromiumPath } } : {}),
    evidence: {
      dir: isAbsolute(evidenceDir) ? evidenceDir : resolve(cwd, evidenceDir),
      maxBytes: evidenceMaxBytes,
    },
    organisationCreators,
  };
}

/**
 * Local tokens are HS256 with JWT_SECRET. Outside production an unset secret becomes a random key
 * for this process (tokens end with a restart, which is fine for the embedded default and means
 * nobody can forge one with a secret published in this file). OIDC is all or nothing.
 */
function parseAuth(
  value: (name: ConfigVariable) => string | undefined,
  fail: (variable: ConfigVariable, reason: string) => void,
  production: boolean,
): AuthConfig {
  const jwtSecret = value('JWT_SECRET');
  // Production without a key of its own signs nobody in locally (SSO only). The worker never needs
  // it; the API refuses to boot in production with neither JWT_SECRET nor OIDC (assertApiAuthConfig).
  if (jwtSecret !== undefined && jwtSecret.length < MIN_JWT_SECRET_LENGTH) {
    fail('JWT_SECRET', `must be at least ${MIN_JWT_SECRET_LENGTH} characters, got ${jwtSecret.length}`);
  }
  // An SSO-only install sets JWT_SECRET too (the API's own sessions then survive a restart and are
  // shared by replicas), and turns password login off with PASSWORD_LOGIN=false.
  const passwordFlag = value('PASSWORD_LOGIN');
  if (passwordFlag !== undefined && !['true', 'false'].includes(passwordFlag))
    fail('PASSWORD_LOGIN', `must be true or false, got "${passwordFlag}"`);
  if (passwordFlag === 'true' && jwtSecret === undefined && production)
    fail('PASSWORD_LOGIN', 'needs JWT_SECRET when NODE_ENV=production');
  const jwtTtlMinutes = wholeNumber(value, fail, 'JWT_TTL_MINUTES', {
    fallback: 480,
    min: 1,
    max: 7 * 24 * 60,
    unit: 'minutes',
  });

  const issuer = value('OIDC_ISSUER');
  const audience = value('OIDC_AUDIENCE');
  const jwksUrl = value('OIDC_JWKS_URL');
  const clientId = value('OIDC_CLIENT_ID');
  let oidc: AuthConfig['oidc'];
  if (issuer !== undefined || audience !== undefined || jwksUrl !== undefined) {
    if (issuer === undefined) fail('OIDC_ISSUER', 'must be set with OIDC_AUDIENCE and OIDC_JWKS_URL');
    if (audience === undefined) fail('OIDC_AUDIENCE', 'must be set with OIDC_ISSUER and OIDC_JWKS_URL');
    if (jwksUrl === undefined) fail('OIDC_JWKS_URL', 'must be set with OIDC_ISSUER and OIDC_AUDIENCE');
    else if (!isHttpUrl(jwksUrl)) fail('OIDC_JWKS_URL', `must be an http(s) URL, got "${jwksUrl}"`);
    else if (production && new URL(jwksUrl).protocol !== 'https:')
      fail('OIDC_JWKS_URL', 'must be https when NODE_ENV=production');
    if (issuer !== undefined && audience !== undefined && jwksUrl !== undefined)
      oidc = { issuer, audience, jwksUrl, ...(clientId ? { clientId } : {}) };
  }
  if (clientId !== undefined && issuer === undefined && audience === undefined && jwksUrl === undefined)
    fail(
      'OIDC_CLIENT_ID',
      'needs OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL (the provider it is a client of)',
    );
  else if (clientId !== undefined && !/^[\x21-\x7e]{1,200}$/.test(clientId))
    fail('OIDC_CLIENT_ID', 'must be 1 to 200 printable characters without spaces');
  return {
    // Without JWT_SECRET: a random key nobody else knows (in production local login is off anyway).
    jwtSecret: jwtSecret ?? randomBytes(48).toString('base64url'),
    usesGeneratedJwtSecret: jwtSecret === undefined,
    localLogin: passwordFlag === 'false' ? false : jwtSecret !== undefined || !production,
    ...(passwordFlag === 'false' ? { passwordLoginTurnedOff: true } : {}),
    jwtTtlMinutes,
    ...(oidc ? { oidc } : {}),
  };
}

/**
 * A whole-number setting: its default when unset; otherwise digits only and within [min, max], or
 * the problem "must be a whole number [of <unit>] from <min> to <max>" (then NaN, never used: the
 * problems are thrown together).
 */
function wholeNumber(
  value: (name: ConfigVariable) => string | undefined,
  fail: (variable: ConfigVariable, reason: string) => void,
  name: ConfigVariable,
  { fallback, min, max, unit }: { fallback: number; min: number; max: number; unit?: string },
): number {
  const raw = value(name);
  const n = raw === undefined ? fallback : /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max))
    fail(name, `must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}, got "${raw}"`);
  return n;
}

const PROXY_SUBNET_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: the reverse proxies whose X-Forwarded-For is believed, by address. Named: an address
 * (`10.0.0.5`), a range (`172.18.0.0/16`) or Express's `loopback`, `linklocal`, `uniquelocal`. A hop
 * count, `true` or a range of every address would believe any client that sends the header, and so
 * let anyone name their own address past the per-address sign-in limits: refused.
 */
function parseTrustProxy(raw: string): string[] | string {
  const entries = raw.split(',').map((e) => e.trim());
  for (const entry of entries) {
    if (PROXY_SUBNET_NAMES.includes(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk =
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || rest.length > 0)
      return `must be a comma-separated list of the proxies' addresses or ranges (10.0.0.5, 172.18.0.0/16) or loopback, linklocal, uniquelocal — never every address — got "${entry}"`;
  }
  return entries;
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

/** An address only this machine reaches: localhost, 127.x.x.x or ::1. */
function isOnThisMachine(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

function isSmtpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (
      ['smtp:', 'smtps:'].includes(url.protocol) &&
      url.hostname !== '' &&
      (url.pathname === '' || url.pathname === '/')
    );
  } catch {
    return false;
  }
}

/** An SMTP URL for an error message, without its password. */
function redactUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** `a@b.c` or `Display Name <a@b.c>`: what nodemailer accepts as a From header. */
function isMailbox(raw: string): boolean {
  const address = /^[^<>]*<([^<>]+)>$/.exec(raw)?.[1] ?? raw;
  return /^[^\s@<>"(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(address.trim());
}

/**
 * `postgres://…` / `postgresql://…` selects PostgreSQL; a plain path (or `sqlite:<path>`) is a SQLite
 * file. A bare value that looks like a database address rather than a path (it begins with
 * "postgres", or holds `://`, `@` or `=`, or begins with host:port) is refused: a mistyped URL
 * (`postgres//u:p@db/qcycle`, `db:5432/qcycle`, `host=db user=…`) would otherwise become a new, empty
 * SQLite file next to the process, and the install would run on it without a word. Messages never
 * show a password.
 */
export function parseDatabaseUrl(raw: string, cwd = process.cwd()): DatabaseConfig | string {
  const shown = redactDatabaseUrl(raw);
  if (/^postgres(ql)?:/i.test(raw)) {
    try {
      const url = new URL(raw);
      if (!url.hostname) return `PostgreSQL URL has no host: "${shown}"`;
      return { type: 'postgres', url: raw };
    } catch {
      return `not a valid PostgreSQL URL: "${shown}"`;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && !/^sqlite:/i.test(raw)) {
    return `must be a postgres:// URL or a SQLite file path, got "${shown}"`;
  }
  if (!/^sqlite:/i.test(raw) && looksLikeDatabaseAddress(raw)) {
    return `must be a postgres://user:pass@host:5432/db URL or a SQLite file path, got "${shown}", which looks like a mistyped PostgreSQL address (for a SQLite file of that name, write sqlite:<path>)`;
  }
  const path = raw.replace(/^sqlite:(\/\/)?/i, '');
  if (path === ':memory:') return { type: 'sqlite', path, url: raw };
  return { type: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path), url: raw };
}

/** `postgres/…`, `://`, `@`, `=` or a leading `host:port`: an address, not a file path. */
function looksLikeDatabaseAddress(raw: string): boolean {
  return (
    /^postgres(ql)?([:/]|$)/i.test(raw) ||
    /:\/\/|@|=/.test(raw) ||
    // `db:5432/qcycle`, `db.example:5432`; not a Windows drive (`C:\\…`).
    /^[^/\\:]+:\d+(\/|$)/.test(raw)
  );
}

/**
 * A DATABASE_URL for a message or a log, without its password: the `user:password@` of a URL
 * (well-formed or not) and a `password=…` of a key/value connection string.
 */
export function redactDatabaseUrl(raw: string): string {
  let shown = raw.replace(/\bpassword\s*=\s*('[^']*'|\S+)/gi, 'password=***');
  const at = shown.lastIndexOf('@');
  if (at >= 0) {
    // The user information: after a scheme and its slashes (`postgres://`, or a mistyped `postgres//`).
    const start = /^([a-z][a-z0-9+.-]*:?)?\/\//i.exec(shown)?.[0].length ?? 0;
    const colon = shown.indexOf(':', start);
    if (colon >= 0 && colon < at) shown = `${shown.slice(0, colon)}:***${shown.slice(at)}`;
  }
  return shown;
}

/**
 * Which database a process uses, for its startup log: the driver and the host, port and database
 * (and user) or the file, never the password.
 */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.type === 'sqlite')
    return database.path === ':memory:' ? 'SQLite in memory' : `SQLite file ${database.path}`;
  const url = new URL(database.url);
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || "(the user's default)";
  const user = url.username ? ` as ${decodeURIComponent(url.username)}` : '';
  return `PostgreSQL database ${name} on ${url.hostname}:${url.port || '5432'}${user}`;
}

/**
 * What the API (not the worker) needs on top of {@link loadConfig}: some way to sign people in.
 * In production that is JWT_SECRET (local login) or OIDC_* (SSO), or both.
 */
export function assertApiAuthConfig(config: QcycleConfig): void {
  if (!config.auth.localLogin && !config.auth.oidc) {
    if (config.auth.passwordLoginTurnedOff)
      throw new ConfigError([
        {
          variable: 'PASSWORD_LOGIN',
          reason:
            'is false, and no SSO is configured (OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL): nobody could sign in',
        },
      ]);
    throw new ConfigError([
      {
        variable: 'JWT_SECRET',
        reason: `must be set when NODE_ENV=production (at least ${MIN_JWT_SECRET_LENGTH} characters), unless OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL are`,
      },
    ]);
  }
}
