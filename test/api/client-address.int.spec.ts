import { uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { DemoOrganisation } from './support/demo-organisation';
import type { HttpRecorder } from './support/http-recorder';

/**
 * Whose address the API records (the directory's change log, the access log, the per-address
 * sign-in limits): the client's from X-Forwarded-For when the connection comes from a proxy that
 * TRUST_PROXY names, otherwise the connection's own. These requests come from 127.0.0.1.
 */
describe('the client address behind a reverse proxy (TRUST_PROXY)', () => {
  let suite: ApiSuite;
  beforeAll(async () => {
    suite = await startApiSuite({ database: 'sqlite', config: { seedDemoData: true } });
  });
  afterAll(() => suite?.close());

  /** Creates a user through `http` as if forwarded for `forwardedFor`; the address the log recorded. */
  async function recordedAddress(http: HttpRecorder, forwardedFor: string): Promise<string> {
    const admin = await new DemoOrganisation(http).tokenOf('admin');
    const created = await http.call<{ id: string }>('POST', '/api/v1/users', {
      token: admin,
      body: {
        fullName: 'Người Sau Proxy',
        email: `proxied.${uniqueSuffix()}@kontum.qcycle.test`,
        roles: [{ role: 'staff' }],
      },
      headers: { 'x-forwarded-for': forwardedFor },
    });
    expect(created.status).toBe(201);
    const log = await http.call<{ items: { clientAddress: string; payload: { userId?: string } }[] }>(
      'GET',
      '/api/v1/directory/events?type=user.created&limit=100',
      { token: admin },
    );
    expect(log.status).toBe(200);
    const event = log.body.items.find((e) => e.payload.userId === created.body.id);
    if (!event) throw new Error(`no user.created event for ${created.body.id}`);
    return event.clientAddress;
  }

  it('believes the forwarded address from a proxy on this machine by default', async () => {
    expect(await recordedAddress(suite.http, '203.0.113.7')).toBe('203.0.113.7');
  });

  it('keeps the connection’s own address when the proxy named is another one', async () => {
    const elsewhere = await suite.startAnotherApi({
      seedDemoData: false,
      http: { trustProxy: ['192.0.2.10'] },
    });
    try {
      expect(await recordedAddress(elsewhere.http, '203.0.113.7')).toBe('127.0.0.1');
    } finally {
      await elsewhere.app.close();
    }
  });
});
