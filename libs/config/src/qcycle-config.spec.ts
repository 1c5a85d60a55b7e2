import {
  assertApiAuthConfig,
  ConfigError,
  describeDatabase,
  DEVELOPMENT_TASK_LINK_SECRET,
  loadConfig,
} from './qcycle-config';

describe('loadConfig', () => {
  it('runs on the embedded defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/qcycle');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({
      type: 'sqlite',
      path: '/srv/qcycle/.data/qcycle.sqlite',
      url: '.data/qcycle.sqlite',
    });
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'qcycle',
      maxCachedWorkflows: 10_000,
    });
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it("sizes the worker's workflow cache from TEMPORAL_MAX_CACHED_WORKFLOWS, and refuses a malformed one", () => {
    expect(loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: '500' }).temporal.maxCachedWorkflows).toBe(500);
    expect(() => loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: '1' })).toThrow(
      /TEMPORAL_MAX_CACHED_WORKFLOWS: must be a whole number from 2 to 1000000, got "1"/,
    );
    expect(() => loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: 'many' })).toThrow(
      /TEMPORAL_MAX_CACHED_WORKFLOWS: must be a whole number/,
    );
  });

  it('selects PostgreSQL from a postgres:// DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://qcycle:secret@db:5432/qcycle' });
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://qcycle:secret@db:5432/qcycle' });
  });

  it('refuses a mistyped PostgreSQL address instead of taking it for a SQLite file, without showing its password', () => {
    for (const mistyped of [
      'postgres//qcycle:s3cr3t@db/qcycle',
      'postgres:/db/qcycle',
      'postgresql//db/qcycle',
      'db.kontum.gov.vn:5432/qcycle',
      'db:5432',
      'qcycle:s3cr3t@db/qcycle',
      'host=db user=qcycle password=s3cr3t dbname=qcycle',
      'mysql://qcycle:s3cr3t@db/qcycle',
    ]) {
      let message = '';
      try {
        loadConfig({ DATABASE_URL: mistyped }, '/srv/qcycle');
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect([mistyped, message]).toEqual([mistyped, expect.stringMatching(/^ {2}- DATABASE_URL: /m)]);
      expect(message).not.toContain('s3cr3t');
    }
    expect(() => loadConfig({ DATABASE_URL: 'postgres//qcycle:s3cr3t@db/qcycle' })).toThrow(
      'DATABASE_URL: must be a postgres://user:pass@host:5432/db URL or a SQLite file path, got "postgres//qcycle:***@db/qcycle"',
    );
  });

  it('does not show the password of a PostgreSQL URL it refuses', () => {
    for (const refused of ['postgres://qcycle:s3cr3t@db:port/qcycle', 'postgres://qcycle:s3cr3t@/qcycle']) {
      expect(() => loadConfig({ DATABASE_URL: refused })).toThrow(
        /DATABASE_URL: .*"postgres:\/\/qcycle:\*\*\*@/,
      );
      expect(() => loadConfig({ DATABASE_URL: refused })).not.toThrow(/s3cr3t/);
    }
  });

  it('still takes a plain path, or sqlite:<path> for any name, as a SQLite file', () => {
    const sqlite = (url: string) => loadConfig({ DATABASE_URL: url }, '/srv/qcycle').database;
    expect(sqlite('.data/qcycle.sqlite')).toMatchObject({
      type: 'sqlite',
      path: '/srv/qcycle/.data/qcycle.sqlite',
    });
    expect(sqlite('/var/lib/qcycle/qcycle.sqlite')).toMatchObject({ path: '/var/lib/qcycle/qcycle.sqlite' });
    expect(sqlite('sqlite:/var/lib/qcycle/a=b@c.sqlite')).toMatchObject({
      path: '/var/lib/qcycle/a=b@c.sqlite',
    });
    expect(sqlite('sqlite://data/qcycle.sqlite')).toMatchObject({ path: '/srv/qcycle/data/qcycle.sqlite' });
    expect(sqlite(':memory:')).toMatchObject({ path: ':memory:' });
    expect(sqlite('postgres.sqlite')).toMatchObject({ path: '/srv/qcycle/postgres.sqlite' });
  });

  it('describes the database for the startup log: driver, host and database or file, never the password', () => {
    expect(
      describeDatabase(loadConfig({ DATABASE_URL: 'postgres://qcycle:s3cr3t@db:5432/qcycle' }).database),
    ).toBe('PostgreSQL database qcycle on db:5432 as qcycle');
    expect(describeDatabase(loadConfig({ DATABASE_URL: 'postgresql://db.example/qms' }).database)).toBe(
      'PostgreSQL database qms on db.example:5432',
    );
    expect(describeDatabase(loadConfig({}, '/srv/qcycle').database)).toBe(
      'SQLite file /srv/qcycle/.data/qcycle.sqlite',
    );
  });

  it('refuses malformed values and names every variable that is wrong', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://db/qcycle',
        TEMPORAL_ADDRESS: 'temporal',
        TEMPORAL_TLS: 'yes',
        PUBLIC_URL: 'ftp://x',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(problems).toEqual(['DATABASE_URL', 'PORT', 'PUBLIC_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_TLS']);
      expect((error as Error).message).toContain(
        'PORT: must be a whole number from 1 to 65535, got "eighty"',
      );
    }
  });

  it('refuses a port out of range and a client certificate without its key', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: '/certs/client.pem' })).toThrow(
      /TEMPORAL_TLS_KEY_PATH/,
    );
  });

  it('turns TLS on for an API key (a hosted Temporal)', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'key',
      TEMPORAL_NAMESPACE: 'ns.acct',
    });
    expect(config.temporal.apiKey).toBe('key');
    expect(config.temporal.tls).toBeDefined();
  });

  it('records notifications without mailing them, and signs task links with the development secret, by default', () => {
    const config = loadConfig({});
    expect(config.mail).toEqual({ from: 'qcycle <no-reply@localhost>' });
    expect(config.taskLinks).toEqual({
      secret: DEVELOPMENT_TASK_LINK_SECRET,
      usesDevelopmentSecret: true,
      ttlHours: 168,
    });
  });

  it('reads SMTP, the sender and the task-link settings', () => {
    const secret = 'x'.repeat(32);
    const config = loadConfig({
      SMTP_URL: 'smtps://qcycle:p%40ss@relay.gov.vn:465',
      MAIL_FROM: 'Văn phòng UBND tỉnh <iso@kontum.gov.vn>',
      TASK_LINK_SECRET: secret,
      TASK_LINK_TTL_HOURS: '72',
    });
    expect(config.mail).toEqual({
      smtpUrl: 'smtps://qcycle:p%40ss@relay.gov.vn:465',
      from: 'Văn phòng UBND tỉnh <iso@kontum.gov.vn>',
    });
    expect(config.taskLinks).toEqual({ secret, usesDevelopmentSecret: false, ttlHours: 72 });
    expect(loadConfig({ MAIL_FROM: 'qcycle@qcycle.local' }).mail.from).toBe('qcycle@qcycle.local');
  });

  it('requires a task-link secret of its own in production, and a long one anywhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /TASK_LINK_SECRET: must be set when NODE_ENV=production/,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', TASK_LINK_SECRET: 's'.repeat(40), JWT_SECRET: 'j'.repeat(40) })
        .taskLinks.usesDevelopmentSecret,
    ).toBe(false);
    expect(() => loadConfig({ TASK_LINK_SECRET: 'short' })).toThrow(
      /TASK_LINK_SECRET: must be at least 32 characters, got 5/,
    );
  });

  it('refuses the public development secret for an install reached from elsewhere, even without NODE_ENV=production', () => {
    // A process started by hand (`node dist/apps/api/src/main.js`) on a server: anyone could forge links.
    expect(() => loadConfig({ PUBLIC_URL: 'https://qms.kontum.gov.vn' })).toThrow(
      /TASK_LINK_SECRET: must be set when PUBLIC_URL \(https:\/\/qms.kontum.gov.vn\) is not this machine/,
    );
    expect(() => loadConfig({ PUBLIC_URL: 'http://10.0.0.5:3000' })).toThrow(/TASK_LINK_SECRET/);
    for (const local of [
      'http://localhost:3000',
      'http://127.0.0.1:3100',
      'http://[::1]:3000',
      'http://qcycle.localhost',
    ])
      expect(loadConfig({ PUBLIC_URL: local }).taskLinks.usesDevelopmentSecret).toBe(true);
    expect(
      loadConfig({ PUBLIC_URL: 'https://qms.kontum.gov.vn', TASK_LINK_SECRET: 's'.repeat(40) }).taskLinks
        .secret,
    ).toBe('s'.repeat(40));
  });

  it('names every bad mail and task-link variable, without printing an SMTP password', () => {
    try {
      loadConfig({
        SMTP_URL: 'http://user:hunter2@relay:25',
        MAIL_FROM: 'not an address',
        TASK_LINK_SECRET: 'short',
        TASK_LINK_TTL_HOURS: '0',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(problems).toEqual(['MAIL_FROM', 'SMTP_URL', 'TASK_LINK_SECRET', 'TASK_LINK_TTL_HOURS']);
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(() => loadConfig({ TASK_LINK_TTL_HOURS: '1.5' })).toThrow(/TASK_LINK_TTL_HOURS/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://' })).toThrow(/SMTP_URL/);
  });
});

describe('loadConfig: authentication and HTTP', () => {
  it('signs local tokens with a random per-process key outside production, and serves no CORS, seeds nothing by default', () => {
    const config = loadConfig({});
    expect(config.auth).toMatchObject({ usesGeneratedJwtSecret: true, localLogin: true, jwtTtlMinutes: 480 });
    expect(config.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).auth.jwtSecret).not.toBe(config.auth.jwtSecret);
    expect(config.auth.oidc).toBeUndefined();
    expect(config.http).toEqual({
      corsOrigins: [],
      rateLimit: { loginPerMinute: 10, writesPerMinute: 120 },
      trustProxy: ['loopback'],
    });
    expect(config.seedDemoData).toBe(false);
  });

  it('lets the API require JWT_SECRET in production unless sign-in is SSO only, and a long one anywhere', () => {
    const noKey = loadConfig({ NODE_ENV: 'production', TASK_LINK_SECRET: 's'.repeat(40) });
    expect(noKey.auth.localLogin).toBe(false);
    expect(() => assertApiAuthConfig(noKey)).toThrow(/JWT_SECRET: must be set when NODE_ENV=production/);
    expect(() => assertApiAuthConfig(loadConfig({}))).not.toThrow();
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET: must be at least 32 characters, got 5/,
    );
    const ssoOnly = loadConfig({
      NODE_ENV: 'production',
      TASK_LINK_SECRET: 's'.repeat(40),
      OIDC_ISSUER: 'https://sso.kontum.gov.vn/realms/qlcl',
      OIDC_AUDIENCE: 'qcycle',
      OIDC_JWKS_URL: 'https://sso.kontum.gov.vn/realms/qlcl/protocol/openid-connect/certs',
    });
    expect(() => assertApiAuthConfig(ssoOnly)).not.toThrow();
    expect(ssoOnly.auth).toMatchObject({
      localLogin: false,
      oidc: { issuer: 'https://sso.kontum.gov.vn/realms/qlcl', audience: 'qcycle' },
    });
  });

  it('turns password login off with PASSWORD_LOGIN=false, for an SSO-only install that keeps its sessions with JWT_SECRET', () => {
    const sso = {
      NODE_ENV: 'production',
      TASK_LINK_SECRET: 's'.repeat(40),
      JWT_SECRET: 'j'.repeat(40),
      OIDC_ISSUER: 'https://sso.kontum.gov.vn/realms/qlcl',
      OIDC_AUDIENCE: 'qcycle',
      OIDC_JWKS_URL: 'https://sso.kontum.gov.vn/realms/qlcl/protocol/openid-connect/certs',
    };
    expect(loadConfig(sso).auth.localLogin).toBe(true);
    const ssoOnly = loadConfig({ ...sso, PASSWORD_LOGIN: 'false' });
    expect(ssoOnly.auth).toMatchObject({ localLogin: false, usesGeneratedJwtSecret: false });
    expect(() => assertApiAuthConfig(ssoOnly)).not.toThrow();
    // Without the SSO nobody could sign in.
    expect(() =>
      assertApiAuthConfig(loadConfig({ JWT_SECRET: 'j'.repeat(40), PASSWORD_LOGIN: 'false' })),
    ).toThrow(/PASSWORD_LOGIN: is false, and no SSO is configured/);
    expect(() => loadConfig({ PASSWORD_LOGIN: 'no' })).toThrow(
      /PASSWORD_LOGIN: must be true or false, got "no"/,
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'production', TASK_LINK_SECRET: 's'.repeat(40), PASSWORD_LOGIN: 'true' }),
    ).toThrow(/PASSWORD_LOGIN: needs JWT_SECRET when NODE_ENV=production/);
  });

  it('believes X-Forwarded-For from the proxies TRUST_PROXY names, and never from every address', () => {
    expect(loadConfig({ TRUST_PROXY: 'loopback, 172.18.0.1,10.20.0.0/16,fd00::/8' }).http.trustProxy).toEqual(
      ['loopback', '172.18.0.1', '10.20.0.0/16', 'fd00::/8'],
    );
    // A hop count or true believes whoever sends the header: the sign-in limits per address would go.
    for (const unsafe of ['true', '1', '*', '0.0.0.0/0', '::/0', '10.0.0.0/33', 'proxy.example', '10.0.0.1,'])
      expect(() => loadConfig({ TRUST_PROXY: unsafe })).toThrow(
        /TRUST_PROXY: must be a comma-separated list/,
      );
  });

  it('turns web SSO on with OIDC_CLIENT_ID next to the provider, and refuses it alone', () => {
    const sso = {
      OIDC_ISSUER: 'https://sso.kontum.gov.vn/realms/qlcl',
      OIDC_AUDIENCE: 'qcycle',
      OIDC_JWKS_URL: 'https://sso.kontum.gov.vn/realms/qlcl/protocol/openid-connect/certs',
    };
    expect(loadConfig({ ...sso, OIDC_CLIENT_ID: 'qcycle-web' }).auth.oidc).toMatchObject({
      clientId: 'qcycle-web',
    });
    expect(loadConfig(sso).auth.oidc?.clientId).toBeUndefined();
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'qcycle-web' })).toThrow(
      /OIDC_CLIENT_ID: needs OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL/,
    );
    expect(loadConfig({ WEB_DIST_DIR: 'build/web' }, '/srv/qcycle').http.webDistDir).toBe(
      '/srv/qcycle/build/web',
    );
  });

  it('wants OIDC all or nothing, https JWKS in production, and refuses demo data in production', () => {
    try {
      loadConfig({
        OIDC_ISSUER: 'https://sso.example',
        CORS_ORIGINS: 'https://ok.example,not-an-origin',
        SEED_DEMO_DATA: 'yes',
        RATE_LIMIT_LOGIN_PER_MINUTE: '0',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
        'CORS_ORIGINS',
        'OIDC_AUDIENCE',
        'OIDC_JWKS_URL',
        'RATE_LIMIT_LOGIN_PER_MINUTE',
        'SEED_DEMO_DATA',
      ]);
    }
    const production = {
      NODE_ENV: 'production',
      TASK_LINK_SECRET: 's'.repeat(40),
      JWT_SECRET: 'j'.repeat(40),
    };
    expect(() =>
      loadConfig({
        ...production,
        OIDC_ISSUER: 'https://sso.example',
        OIDC_AUDIENCE: 'a',
        OIDC_JWKS_URL: 'http://sso.example/certs',
      }),
    ).toThrow(/OIDC_JWKS_URL: must be https/);
    expect(() => loadConfig({ ...production, SEED_DEMO_DATA: 'true' })).toThrow(
      /SEED_DEMO_DATA: must not be true/,
    );
    expect(
      loadConfig({
        SEED_DEMO_DATA: 'true',
        CORS_ORIGINS: 'http://localhost:5173, https://qms.kontum.gov.vn',
      }),
    ).toMatchObject({
      seedDemoData: true,
      http: { corsOrigins: ['http://localhost:5173', 'https://qms.kontum.gov.vn'] },
    });
  });

  it('lets no organisation create organisations over HTTP unless ORGANISATION_CREATORS names it', () => {
    expect(loadConfig({}).organisationCreators).toEqual([]);
    expect(loadConfig({ ORGANISATION_CREATORS: ' kontum, so-noi-vu ,' }).organisationCreators).toEqual([
      'kontum',
      'so-noi-vu',
    ]);
    expect(() => loadConfig({ ORGANISATION_CREATORS: 'kontum,Kon Tum' })).toThrow(
      /ORGANISATION_CREATORS.*"Kon Tum"/,
    );
  });

  it('keeps evidence files under .data/evidence up to 20 MiB by default, and refuses a malformed limit', () => {
    expect(loadConfig({}, '/srv/qcycle').evidence).toEqual({
      dir: '/srv/qcycle/.data/evidence',
      maxBytes: 20 * 1024 * 1024,
    });
    expect(
      loadConfig({ EVIDENCE_DIR: '/var/lib/qcycle/evidence', EVIDENCE_MAX_BYTES: '1048576' }).evidence,
    ).toEqual({ dir: '/var/lib/qcycle/evidence', maxBytes: 1048576 });
    expect(() => loadConfig({ EVIDENCE_MAX_BYTES: '20MB' })).toThrow(
      /EVIDENCE_MAX_BYTES: must be a whole number/,
    );
    expect(() => loadConfig({ EVIDENCE_MAX_BYTES: '0' })).toThrow(/EVIDENCE_MAX_BYTES/);
  });
});
