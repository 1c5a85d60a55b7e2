// What a deployer would check in docker-compose.yml and the two Dockerfiles before `docker compose
// up`, without a Docker engine: the services exist, the api and worker are configured with names
// qcycle validates at boot and values that pass that validation, every URL points at a service that
// listens there, dependencies and Dockerfiles exist, published ports don't collide.
import { CONFIG_VARIABLES, loadConfig } from '@qcycle/config';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { parse } from 'yaml';

const repoRoot = resolve(__dirname, '..', '..');

/** Variables the app reads beyond CONFIG_VARIABLES (boot-time migrations, prebuilt workflows). */
const EXTRA_VARIABLES = ['RUN_MIGRATIONS', 'QCYCLE_WORKFLOW_BUNDLE'] as const;
const KNOWN_VARIABLES = new Set<string>([...CONFIG_VARIABLES, ...EXTRA_VARIABLES]);

/** What the api and worker must be given in a deployment (the embedded defaults are SQLite and a local dev server). */
const REQUIRED_BOTH = [
  'PUBLIC_URL',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'SMTP_URL',
  'MAIL_FROM',
  'TASK_LINK_SECRET',
];
const REQUIRED = { api: [...REQUIRED_BOTH, 'PORT', 'RUN_MIGRATIONS', 'JWT_SECRET'], worker: REQUIRED_BOTH };
/** api and worker must agree on these, or the worker never sees what the api starts. */
const SHARED = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'PUBLIC_URL',
  'SMTP_URL',
  'MAIL_FROM',
  'TASK_LINK_SECRET',
];

// ── compose model ─────────────────────────────────────────────────────────────────────────────

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (
    | string
    | number
    | { target: number | string; published?: number | string; host_ip?: string; protocol?: string }
  )[];
  expose?: (string | number)[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  container_name?: string;
  restart?: string;
}

/**
 * Compose interpolation as a deployment sees it with the given .env: `${VAR:-default}` and
 * `${VAR-default}` take the .env's value or the default (`:-` also when the value is empty),
 * `${VAR:?message}` and `${VAR?message}` take the .env's value and are refused without it (compose
 * stops with the message; `:?` refuses an empty value too), `$$` is a literal `$`. A variable with
 * neither a default nor a message is refused: compose would silently make it empty.
 */
function interpolate(text: string, env: Record<string, string> = {}): string {
  return text.replace(/\$(\$|\{([^}]*)\}|([A-Za-z_]\w*))/g, (whole, _m, braced?: string) => {
    if (whole === '$$') return '$';
    const m = braced === undefined ? undefined : /^([A-Za-z_]\w*)(:?)([-?])(.*)$/s.exec(braced);
    if (!m) throw new Error(`"${whole}" in "${text}" has neither a default nor a required message`);
    const [, name, colon, kind, rest] = m;
    const value = env[name];
    const isSet = value !== undefined && (colon === '' || value !== '');
    if (kind === '-') return isSet ? (value as string) : interpolate(rest, env);
    if (!isSet) throw new Error(`required variable ${name} is missing a value: ${rest}`);
    return value as string;
  });
}

/** Every `${VAR…}` docker-compose.yml reads (not `$${…}`, which the container's shell expands). */
function composeVariables(text: string): { name: string; required: boolean; message: string }[] {
  const found = new Map<string, { name: string; required: boolean; message: string }>();
  for (const m of text.matchAll(/\$(\$|\{([A-Za-z_]\w*)(:?[-?])?([^}]*)\})/g)) {
    if (m[1] === '$') continue;
    const required = (m[3] ?? '').endsWith('?');
    const previous = found.get(m[2]);
    found.set(m[2], { name: m[2], required: required || Boolean(previous?.required), message: m[4] });
  }
  return [...found.values()];
}

/** `KEY=value` lines of a .env file (comments and blank lines skipped). */
function parseDotenv(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => {
        const i = l.indexOf('=');
        return [l.slice(0, i), l.slice(i + 1)];
      }),
  );
}

/** What an administrator puts in .env for the required secrets (long, URL-safe, random-looking). */
const SAMPLE_SECRETS: Record<string, string> = {
  JWT_SECRET: 'sample-jwt-secret-0123456789abcdef0123456789abcdef',
  TASK_LINK_SECRET: 'sample-task-link-secret-0123456789abcdef0123456789abcdef',
  QCYCLE_DB_PASSWORD: '0123456789abcdef0123456789abcdef',
  TEMPORAL_DB_PASSWORD: 'fedcba9876543210fedcba9876543210',
};

function interpolateDeep<T>(value: T, env: Record<string, string>): T {
  if (typeof value === 'string') return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((v) => interpolateDeep(v, env)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, env)])) as T;
  }
  return value;
}

const composeText = () => readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');

/** The file as compose sees it with a .env holding only the required secrets (all else default). */
function loadCompose(env: Record<string, string> = SAMPLE_SECRETS): {
  services: Record<string, Service>;
  raw: Record<string, unknown>;
} {
  // merge: the `<<: *anchor` keys compose understands (YAML 1.1 merge keys).
  const raw = interpolateDeep(parse(composeText(), { merge: true }), env) as Record<string, unknown>;
  return { services: (raw.services ?? {}) as Record<string, Service>, raw };
}

/** A service's environment as compose passes it (map or KEY=VALUE list; a key without value is unset). */
function environmentOf(service: Service): Record<string, string | undefined> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const i = entry.indexOf('=');
        return i < 0 ? [entry, undefined] : [entry.slice(0, i), entry.slice(i + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === null || v === undefined ? undefined : String(v)]),
  );
}

interface PortMapping {
  hostIp: string;
  published: number[];
  target: number[];
  protocol: string;
}

function range(text: string): number[] {
  const [from, to = from] = text.split('-').map(Number);
  if (!Number.isInteger(from) || !Number.isInteger(to) || to < from)
    throw new Error(`bad port range "${text}"`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Short (`[ip:][host:]container[/proto]`) and long (`{target, published}`) port syntax. */
function portMappings(service: Service): PortMapping[] {
  return (service.ports ?? []).map((entry) => {
    if (typeof entry === 'object') {
      return {
        hostIp: entry.host_ip ?? '0.0.0.0',
        published: entry.published === undefined ? [] : range(String(entry.published)),
        target: range(String(entry.target)),
        protocol: entry.protocol ?? 'tcp',
      };
    }
    const [spec, protocol = 'tcp'] = String(entry).split('/');
    const parts = spec.split(':');
    const target = range(parts.pop() as string);
    const published = parts.length > 0 && parts[parts.length - 1] !== '' ? range(parts.pop() as string) : [];
    return { hostIp: parts.length > 0 ? parts.join(':') : '0.0.0.0', published, target, protocol };
  });
}

/** The container ports a service listens on, as the file declares them (`expose` and port targets). */
function listenPorts(service: Service): Set<number> {
  const ports = new Set<number>();
  for (const e of service.expose ?? []) range(String(e).split('/')[0]).forEach((p) => ports.add(p));
  for (const m of portMappings(service)) m.target.forEach((p) => ports.add(p));
  return ports;
}

function dependencies(service: Service): Record<string, string> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([d, v]) => [d, v?.condition ?? 'service_started']));
}

function buildOf(service: Service): { context: string; dockerfile: string } | undefined {
  if (service.build === undefined) return undefined;
  if (typeof service.build === 'string') return { context: service.build, dockerfile: 'Dockerfile' };
  return { context: service.build.context ?? '.', dockerfile: service.build.dockerfile ?? 'Dockerfile' };
}

const imageIs = (service: Service, repository: RegExp) =>
  repository.test((service.image ?? '').split(':')[0]);

// ── Dockerfile model ──────────────────────────────────────────────────────────────────────────

interface Instruction {
  keyword: string;
  args: string;
}

function dockerfileStages(path: string): Instruction[][] {
  const lines = readFileSync(path, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages: Instruction[][] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/s.exec(line) as RegExpExecArray;
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ').trim() };
    if (instruction.keyword === 'FROM') stages.push([]);
    if (stages.length === 0) continue; // ARG before the first FROM
    stages[stages.length - 1].push(instruction);
  }
  return stages;
}

/** `ENV A=1 B=2` and the legacy `ENV A 1` of one stage. */
function envOfStage(stage: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.filter((i) => i.keyword === 'ENV')) {
    if (!/^\S+=/.test(args)) {
      const [k, ...v] = args.split(' ');
      env[k] = v.join(' ');
      continue;
    }
    for (const m of args.matchAll(/(\w+)=("[^"]*"|\S*)/g)) env[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return env;
}

function readTsconfig(file: string): { compilerOptions?: Record<string, unknown>; include?: string[] } {
  const { config, error } = ts.readConfigFile(join(repoRoot, file), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return config;
}

// ── tests ─────────────────────────────────────────────────────────────────────────────────────

describe('interpolate (compose variables as seen with a .env)', () => {
  it('takes defaults, unescapes $$, requires `?` variables and refuses variables with neither', () => {
    expect(interpolate('postgres://u:${PW:-secret}@db:5432/x')).toBe('postgres://u:secret@db:5432/x');
    expect(interpolate('${A-x}/${B:-}')).toBe('x/');
    expect(interpolate('${A:-x}/${B-y}', { A: '', B: '' })).toBe('x/');
    expect(interpolate('${A:-x}', { A: 'set' })).toBe('set');
    expect(interpolate('echo $${HOME}')).toBe('echo ${HOME}');
    expect(() => interpolate('${PW}')).toThrow(/neither a default nor a required message/);
    expect(() => interpolate('$PW')).toThrow(/neither a default nor a required message/);
    expect(() => interpolate('${PW:?must be set}')).toThrow(
      'required variable PW is missing a value: must be set',
    );
    expect(() => interpolate('${PW:?must be set}', { PW: '' })).toThrow(/missing a value/);
    expect(interpolate('${PW?must be set}', { PW: '' })).toBe('');
    expect(interpolate('u:${PW:?must be set}@db', { PW: 's3cret' })).toBe('u:s3cret@db');
  });
});

describe('docker-compose.yml secrets and .env.example', () => {
  const variables = composeVariables(composeText());
  const example = parseDotenv(readFileSync(join(repoRoot, '.env.example'), 'utf8'));

  it('has no default for any secret: each is required, with a message saying how to make one', () => {
    const required = variables.filter((v) => v.required);
    expect(required.map((v) => v.name).sort()).toEqual(Object.keys(SAMPLE_SECRETS).sort());
    for (const v of required)
      expect({ v: v.name, message: v.message }).toEqual({
        v: v.name,
        message: expect.stringMatching(/\.env.*openssl rand/),
      });
    // and nothing secret-looking slipped in with a default elsewhere
    // (a secret's name ends in PASSWORD; PASSWORD_LOGIN is a switch)
    for (const v of variables.filter((x) => /SECRET|PASSWORD$|API_KEY/.test(x.name)))
      expect({ name: v.name, required: v.required }).toEqual({ name: v.name, required: true });
  });

  it('refuses to load without the required secrets (no .env), naming the first missing', () => {
    expect(() => loadCompose({})).toThrow(/required variable \w+ is missing a value: set \w+ in \.env/);
    for (const name of Object.keys(SAMPLE_SECRETS)) {
      const { [name]: _left, ...others } = SAMPLE_SECRETS;
      expect(() => loadCompose(others)).toThrow(`required variable ${name} is missing a value`);
    }
  });

  it('.env.example lists every variable the file reads, and no secret values', () => {
    expect(variables.map((v) => v.name).filter((n) => !(n in example))).toEqual([]);
    expect(Object.keys(example).filter((n) => !variables.some((v) => v.name === n))).toEqual([]);
    for (const v of variables.filter((x) => x.required))
      expect({ name: v.name, value: example[v.name] }).toEqual({ name: v.name, value: '' });
  });

  it('loads with .env.example filled in as it says (empty optional values take the defaults)', () => {
    const { services } = loadCompose({ ...example, ...SAMPLE_SECRETS });
    const env = environmentOf(services.api);
    expect(env.PUBLIC_URL).toBe('http://localhost:3000');
    expect(env.SMTP_URL).toBe('smtp://mail:1025');
    expect(env.JWT_SECRET).toBe(SAMPLE_SECRETS.JWT_SECRET);
    expect(() =>
      loadConfig({ ...env, NODE_ENV: 'production' } as Record<string, string>, '/app'),
    ).not.toThrow();
  });

  it('passes the settings an administrator sets in .env through to the apps', () => {
    const settings = {
      PUBLIC_URL: 'https://qms.example.gov.vn',
      SMTP_URL: 'smtps://qcycle:p%40ss@relay.example.gov.vn:465',
      MAIL_FROM: 'qcycle <qcycle@example.gov.vn>',
      TASK_LINK_TTL_HOURS: '72',
      OIDC_ISSUER: 'https://sso.example.gov.vn/realms/qms',
      OIDC_AUDIENCE: 'qcycle',
      OIDC_JWKS_URL: 'https://sso.example.gov.vn/realms/qms/certs',
      OIDC_CLIENT_ID: 'qcycle-web',
      CORS_ORIGINS: 'https://portal.example.gov.vn',
      JWT_TTL_MINUTES: '240',
      RATE_LIMIT_LOGIN_PER_MINUTE: '30',
      RATE_LIMIT_WRITES_PER_MINUTE: '200',
      EVIDENCE_MAX_BYTES: '10485760',
    };
    const { services } = loadCompose({
      ...SAMPLE_SECRETS,
      ...settings,
      TEMPORAL_MAX_CACHED_WORKFLOWS: '5000',
    });
    const api = environmentOf(services.api);
    const worker = environmentOf(services.worker);
    expect(api).toEqual(expect.objectContaining(settings));
    for (const k of ['PUBLIC_URL', 'SMTP_URL', 'MAIL_FROM', 'TASK_LINK_TTL_HOURS'] as const)
      expect({ k, worker: worker[k] }).toEqual({ k, worker: settings[k] });
    expect(worker.TEMPORAL_MAX_CACHED_WORKFLOWS).toBe('5000');
    const config = loadConfig({ ...api, NODE_ENV: 'production' } as Record<string, string>, '/app');
    expect(config.auth.oidc?.clientId).toBe('qcycle-web');
    expect(config.mail.smtpUrl).toBe(settings.SMTP_URL);
  });
});

describe('docker-compose.yml', () => {
  const { services, raw } = loadCompose();
  const names = Object.keys(services);
  const apiEnv = environmentOf(services.api ?? {});
  const workerEnv = environmentOf(services.worker ?? {});
  const apps = { api: apiEnv, worker: workerEnv };

  /** The service a host:port refers to; fails unless a service of that name declares that port. */
  function serviceAt(what: string, host: string, port: number): Service {
    expect({ what, host, isService: names.includes(host) }).toEqual({ what, host, isService: true });
    const service = services[host];
    expect({ what, port, listens: [...listenPorts(service)] }).toEqual({
      what,
      port,
      listens: expect.arrayContaining([port]),
    });
    return service;
  }

  it('has every service a deployment needs', () => {
    const find = (repository: RegExp) => names.filter((n) => imageIs(services[n], repository));
    expect(find(/^temporalio\/(auto-setup|server)$/)).toHaveLength(1);
    expect(find(/^temporalio\/ui$/)).toHaveLength(1);
    expect(find(/^axllent\/mailpit$/)).toHaveLength(1);
    // one PostgreSQL for Temporal, one for qcycle: which is which is checked through the URLs below
    expect(find(/^postgres$/).length).toBeGreaterThanOrEqual(2);
    expect(buildOf(services.api ?? {})?.dockerfile).toBe('apps/api/Dockerfile');
    expect(buildOf(services.worker ?? {})?.dockerfile).toBe('apps/worker/Dockerfile');
  });

  it('pins every pulled image to a tag', () => {
    for (const [name, service] of Object.entries(services)) {
      if (buildOf(service)) continue;
      expect({ name, image: service.image }).toEqual({
        name,
        image: expect.stringMatching(/^[^:@\s]+[:@][^:\s]+$/),
      });
      expect({ name, image: service.image }).not.toEqual({ name, image: expect.stringMatching(/:latest$/) });
    }
  });

  it.each(['api', 'worker'] as const)('gives the %s only variables qcycle knows', (app) => {
    const unknown = Object.keys(apps[app]).filter((k) => !KNOWN_VARIABLES.has(k));
    expect(unknown).toEqual([]);
  });

  it.each(['api', 'worker'] as const)('sets every variable the %s needs in a deployment', (app) => {
    const missing = REQUIRED[app].filter((k) => (apps[app][k] ?? '').trim() === '');
    expect(missing).toEqual([]);
  });

  it('lets only the api run migrations (worker replicas must not race on the schema)', () => {
    expect(apiEnv.RUN_MIGRATIONS).toBe('true');
    expect(workerEnv.RUN_MIGRATIONS ?? 'false').toBe('false');
  });

  it('gives the api and the worker the same database, Temporal namespace and task queue', () => {
    const pick = (env: Record<string, string | undefined>) =>
      Object.fromEntries(SHARED.map((k) => [k, env[k]]));
    expect(pick(workerEnv)).toEqual(pick(apiEnv));
  });

  it.each(['api', 'worker'] as const)(
    'gives the %s a configuration that passes loadConfig, on PostgreSQL',
    (app) => {
      // The images set NODE_ENV=production, which makes some variables (TASK_LINK_SECRET) mandatory.
      const config = loadConfig({ ...apps[app], NODE_ENV: 'production' }, '/app');
      expect(config.database.type).toBe('postgres');
      expect(config.temporal.address).toBe(apps[app].TEMPORAL_ADDRESS);
    },
  );

  it('publishes the port the api listens on', () => {
    const { port } = loadConfig(apiEnv, '/app');
    const targets = portMappings(services.api)
      .filter((m) => m.published.length > 0)
      .flatMap((m) => m.target);
    expect(targets).toContain(port);
  });

  it('points DATABASE_URL at the qcycle PostgreSQL service, with its credentials', () => {
    const url = new URL(apiEnv.DATABASE_URL as string);
    const db = serviceAt('DATABASE_URL', url.hostname, Number(url.port || 5432));
    expect(imageIs(db, /^postgres$/)).toBe(true);
    const env = environmentOf(db);
    expect({
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.replace(/^\//, ''),
    }).toEqual({
      user: env.POSTGRES_USER,
      password: env.POSTGRES_PASSWORD,
      database: env.POSTGRES_DB ?? env.POSTGRES_USER,
    });
    expect(db.healthcheck?.test).toBeDefined();
  });

  it("keeps qcycle's data and Temporal's in different PostgreSQL services", () => {
    const qcycleDb = new URL(apiEnv.DATABASE_URL as string).hostname;
    const temporal = names.find((n) => imageIs(services[n], /^temporalio\/(auto-setup|server)$/)) as string;
    expect(environmentOf(services[temporal]).POSTGRES_SEEDS).not.toBe(qcycleDb);
  });

  it('points TEMPORAL_ADDRESS (of the api, worker and UI) at the Temporal server, whose namespace qcycle uses', () => {
    const temporalName = names.find((n) =>
      imageIs(services[n], /^temporalio\/(auto-setup|server)$/),
    ) as string;
    const ui = names.find((n) => imageIs(services[n], /^temporalio\/ui$/)) as string;
    for (const [who, address] of [
      ['api/worker', apiEnv.TEMPORAL_ADDRESS],
      ['temporal-ui', environmentOf(services[ui]).TEMPORAL_ADDRESS],
    ]) {
      const [host, port] = (address as string).split(/:(?=\d+$)/);
      expect(serviceAt(`${who} TEMPORAL_ADDRESS`, host, Number(port))).toBe(services[temporalName]);
    }
    // auto-setup registers DEFAULT_NAMESPACE ("default" when unset); qcycle must use that one
    expect(apiEnv.TEMPORAL_NAMESPACE).toBe(
      environmentOf(services[temporalName]).DEFAULT_NAMESPACE ?? 'default',
    );
  });

  it("points Temporal at its PostgreSQL service, with that service's credentials", () => {
    const temporal = environmentOf(
      services[names.find((n) => imageIs(services[n], /^temporalio\/(auto-setup|server)$/)) as string],
    );
    expect(temporal.DB).toBe('postgres12');
    const db = serviceAt(
      'POSTGRES_SEEDS',
      temporal.POSTGRES_SEEDS as string,
      Number(temporal.DB_PORT ?? 5432),
    );
    expect(imageIs(db, /^postgres$/)).toBe(true);
    const dbEnv = environmentOf(db);
    expect({ user: temporal.POSTGRES_USER, password: temporal.POSTGRES_PWD }).toEqual({
      user: dbEnv.POSTGRES_USER,
      password: dbEnv.POSTGRES_PASSWORD,
    });
  });

  it('points SMTP_URL at the SMTP sink', () => {
    const url = new URL(apiEnv.SMTP_URL as string);
    expect(url.protocol).toBe('smtp:');
    const mail = serviceAt('SMTP_URL', url.hostname, Number(url.port || 25));
    expect(imageIs(mail, /^axllent\/mailpit$/)).toBe(true);
  });

  it('names only existing services in depends_on, and waits for health only where a healthcheck exists', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dep, condition] of Object.entries(dependencies(service))) {
        expect({ name, dep, exists: names.includes(dep) }).toEqual({ name, dep, exists: true });
        expect({ name, dep, condition }).toEqual({
          name,
          dep,
          condition: expect.stringMatching(/^service_(started|healthy|completed_successfully)$/),
        });
        if (condition === 'service_healthy') {
          const hc = services[dep].healthcheck;
          expect({ dep, healthcheck: Boolean(hc?.test) && !hc?.disable }).toEqual({ dep, healthcheck: true });
        }
      }
    }
  });

  it.each(['api', 'worker'] as const)(
    'starts the %s only once its database and Temporal are healthy',
    (app) => {
      const deps = dependencies(services[app]);
      const temporalName = names.find((n) =>
        imageIs(services[n], /^temporalio\/(auto-setup|server)$/),
      ) as string;
      expect(deps[new URL(apps[app].DATABASE_URL as string).hostname]).toBe('service_healthy');
      expect(deps[temporalName]).toBe('service_healthy');
    },
  );

  it('has no dependency cycle', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, path: string[]) => {
      if (done.has(name)) return;
      if (visiting.has(name)) throw new Error(`depends_on cycle: ${[...path, name].join(' → ')}`);
      visiting.add(name);
      for (const dep of Object.keys(dependencies(services[name] ?? {}))) visit(dep, [...path, name]);
      visiting.delete(name);
      done.add(name);
    };
    expect(() => names.forEach((n) => visit(n, []))).not.toThrow();
  });

  it('builds only from Dockerfiles that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      const build = buildOf(service);
      if (!build) continue;
      const context = resolve(repoRoot, build.context);
      expect({ name, context: existsSync(context) && statSync(context).isDirectory() }).toEqual({
        name,
        context: true,
      });
      expect({
        name,
        dockerfile: build.dockerfile,
        exists: existsSync(resolve(context, build.dockerfile)),
      }).toEqual({
        name,
        dockerfile: build.dockerfile,
        exists: true,
      });
    }
  });

  it('publishes no host port twice', () => {
    const seen = new Map<string, string>();
    const collisions: string[] = [];
    for (const [name, service] of Object.entries(services)) {
      for (const m of portMappings(service)) {
        for (const port of m.published) {
          // 0.0.0.0 takes the port on every address, so it collides with any host_ip
          const ips = m.hostIp === '0.0.0.0' ? ['*'] : [m.hostIp, '*'];
          for (const ip of ips) {
            const keys =
              ip === '*'
                ? [...seen.keys()].filter((k) => k.endsWith(`/${port}/${m.protocol}`))
                : [`*/${port}/${m.protocol}`];
            for (const k of keys)
              if (seen.has(k)) collisions.push(`${port}/${m.protocol}: ${seen.get(k)} and ${name}`);
          }
          seen.set(`${m.hostIp === '0.0.0.0' ? '*' : m.hostIp}/${port}/${m.protocol}`, name);
        }
      }
    }
    expect(collisions).toEqual([]);
  });

  it('publishes only the api on every interface; Temporal, its UI and the mail sink on loopback only', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const m of portMappings(service).filter((p) => p.published.length > 0)) {
        if (name === 'api') continue;
        expect({ name, hostIp: m.hostIp }).toEqual({ name, hostIp: '127.0.0.1' });
      }
    }
  });

  it('keeps the worker scalable and the apps restarting', () => {
    for (const app of ['api', 'worker'] as const) {
      expect({ app, restart: services[app].restart }).toEqual({ app, restart: 'unless-stopped' });
      // a fixed container_name makes `docker compose up --scale` fail
      expect({ app, container_name: services[app].container_name }).toEqual({
        app,
        container_name: undefined,
      });
    }
    expect(portMappings(services.worker).filter((m) => m.published.length > 0)).toEqual([]);
  });

  it('declares the named volumes it mounts', () => {
    const declared = Object.keys((raw.volumes ?? {}) as Record<string, unknown>);
    for (const [name, service] of Object.entries(services)) {
      for (const v of ((service as { volumes?: unknown[] }).volumes ?? []) as (
        string | { source?: string; type?: string }
      )[]) {
        const source = typeof v === 'string' ? v.split(':')[0] : v.type === 'volume' ? v.source : undefined;
        if (!source || /^[./~]/.test(source)) continue; // bind mount
        expect({ name, volume: source, declared: declared.includes(source) }).toEqual({
          name,
          volume: source,
          declared: true,
        });
      }
    }
  });
});

describe.each([
  ['api', 'apps/api/Dockerfile'],
  ['worker', 'apps/worker/Dockerfile'],
])('%s Dockerfile', (app, file) => {
  const stages = dockerfileStages(join(repoRoot, file));
  const runtime = stages[stages.length - 1];
  const runtimeEnv = envOfStage(runtime);
  const build = readTsconfig('tsconfig.build.json');

  it('is multi-stage on node:20-bookworm-slim and runs as the node user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage[0].args).toMatch(/^node:20-bookworm-slim(\s|$)/);
    const users = runtime.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users[users.length - 1]).toBe('node');
  });

  it('starts the compiled entry point of the app through tsconfig-paths', () => {
    const cmd = runtime.filter((i) => i.keyword === 'CMD').pop();
    const argv = JSON.parse(cmd?.args ?? 'null') as string[];
    expect(argv.slice(0, 3)).toEqual(['node', '-r', 'tsconfig-paths/register']);
    expect(argv[3]).toBe(`dist/apps/${app}/src/main.js`);
    // tsc writes apps/<app>/src/main.ts to dist/apps/<app>/src/main.js only with this layout
    expect(build.compilerOptions?.outDir).toBe('dist');
    expect(build.compilerOptions?.rootDir).toBe('.');
    expect(build.include).toContain('apps/*/src');
  });

  it('maps the @qcycle aliases onto dist/', () => {
    expect(runtimeEnv.TS_NODE_PROJECT).toBe('tsconfig.base.json');
    expect(runtimeEnv.TS_NODE_BASEURL).toBe('./dist');
    const copies = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies.some((c) => /\btsconfig\.base\.json\b/.test(c))).toBe(true);
    const paths = readTsconfig('tsconfig.base.json').compilerOptions?.paths as Record<string, string[]>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['@qcycle/config', '@qcycle/persistence', '@qcycle/contracts']),
    );
  });

  it('compiles with tsconfig.build.json and ships only production dependencies', () => {
    const runs = stages
      .slice(0, -1)
      .flat()
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
      .join(' && ');
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/tsc -p tsconfig\.build\.json/);
    expect(runs).toMatch(/npm prune --omit=dev/);
    if (app === 'worker') {
      expect(runs).toMatch(/node scripts\/build-workflow-bundle\.mjs/);
      expect(runtimeEnv.QCYCLE_WORKFLOW_BUNDLE).toBe('/app/dist/workflow-bundle.js');
    }
  });

  it('sets only variables qcycle knows (besides Node and tsconfig-paths)', () => {
    const own = Object.keys(runtimeEnv).filter(
      (k) => !['NODE_ENV', 'TS_NODE_PROJECT', 'TS_NODE_BASEURL'].includes(k),
    );
    expect(own.filter((k) => !KNOWN_VARIABLES.has(k))).toEqual([]);
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(join(repoRoot, '.dockerignore'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

  it('keeps host builds and local data out of the build context', () => {
    for (const p of ['node_modules', 'dist', '.tools', '.data', '.git', 'coverage']) {
      expect(patterns.some((q) => q === p || q === `**/${p}` || q === `${p}/`)).toBe(true);
    }
  });

  it('keeps what the Dockerfiles build from', () => {
    const needed = [
      'package.json',
      'package-lock.json',
      'tsconfig.base.json',
      'tsconfig.build.json',
      'apps',
      'libs',
      'workflows',
      'activities',
      'scripts',
    ];
    expect(
      needed.filter((n) => patterns.some((p) => p === n || p === `${n}/` || p === '*' || p === '**')),
    ).toEqual([]);
  });
});
