import { DirectoryRosterService } from '../../apps/api/src/cycles/directory-roster.service';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { HttpRecorder } from './support/http-recorder';

/** The embedded default as `npm start` runs it: SQLite, migrations and demo seed at API boot. */
describe('the API on the embedded SQLite default', () => {
  let suite: ApiSuite;
  let http: HttpRecorder;
  let printed = '';

  beforeAll(async () => {
    suite = await startApiSuite({
      database: 'sqlite',
      migrations: 'at-api-boot',
      config: { seedDemoData: true },
      printDemoLogins: (text) => (printed = text),
    });
    http = suite.http;
  });

  afterAll(() => suite?.close());

  it('migrates, seeds, signs in and serves the directory, with filters, on SQLite', async () => {
    expect(printed).toContain('QCYCLE_DEMO_LOGINS ');
    const login = await http.call<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      body: { email: 'admin@kontum.qcycle.test', password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    const token = login.body.accessToken;
    const auditors = await http.call<{ total: number }>('GET', '/api/v1/users?role=auditor&active=true', {
      token,
    });
    expect(auditors.body.total).toBe(3);
    const inactive = await http.call<{ total: number }>('GET', '/api/v1/users?active=false', { token });
    expect(inactive.body.total).toBe(0);
    const created = await http.call('POST', '/api/v1/users', {
      token,
      body: { fullName: 'Người Mới', email: 'moi@kontum.qcycle.test', roles: [{ role: 'staff' }] },
    });
    expect(created.status).toBe(201);
    expect(
      (
        await http.call('POST', '/api/v1/users', {
          token,
          body: { fullName: 'Trùng', email: 'MOI@kontum.qcycle.test' },
        })
      ).status,
    ).toBe(409);
    expect((await http.call<{ total: number }>('GET', '/api/v1/units?q=tổng', { token })).body.total).toBe(1);
  });

  it('builds the cycle roster from the directory', async () => {
    const roster = await suite.api.get(DirectoryRosterService).rosterFor('kontum');
    expect(roster.leader.name).toBe('Nguyễn Hữu Tháp');
    expect(roster.auditors.filter((a) => a.lead)).toHaveLength(1);
    expect(new Set(roster.auditors.map((a) => a.unitCode)).size).toBe(roster.auditors.length);
    expect(roster.units.find((u) => u.code === 'vp-kiemsoat-tthc')?.staff.map((s) => s.name)).toEqual([
      'Nguyễn Thị Lan',
    ]);
  });
});
