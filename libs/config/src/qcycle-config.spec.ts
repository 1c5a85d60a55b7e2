import { ConfigError, loadConfig } from './qcycle-config';

describe('loadConfig', () => {
  it('runs on the embedded defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/qcycle');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: '/srv/qcycle/.data/qcycle.sqlite', url: '.data/qcycle.sqlite' });
    expect(config.temporal).toEqual({ address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'qcycle' });
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('selects PostgreSQL from a postgres:// DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://qcycle:secret@db:5432/qcycle' });
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://qcycle:secret@db:5432/qcycle' });
  });

  it('refuses malformed values and names every variable that is wrong', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db/qcycle', TEMPORAL_ADDRESS: 'temporal', TEMPORAL_TLS: 'yes', PUBLIC_URL: 'ftp://x' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(problems).toEqual(['DATABASE_URL', 'PORT', 'PUBLIC_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_TLS']);
      expect((error as Error).message).toContain('PORT: must be a whole number from 1 to 65535, got "eighty"');
    }
  });

  it('refuses a port out of range and a client certificate without its key', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: '/certs/client.pem' })).toThrow(/TEMPORAL_TLS_KEY_PATH/);
  });

  it('turns TLS on for an API key (a hosted Temporal)', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'key', TEMPORAL_NAMESPACE: 'ns.acct' });
    expect(config.temporal.apiKey).toBe('key');
    expect(config.temporal.tls).toBeDefined();
  });
});
