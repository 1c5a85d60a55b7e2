import { QcycleError } from '@qcycle/contracts';
import { uniqueSuffix } from '@qcycle/testing';
import { DirectoryRosterService } from '../../apps/api/src/cycles/directory-roster.service';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';

/**
 * The Quality Representative role handed over (a new Chief of Office): while both people hold it,
 * the year's Quality Representative is the one who starts the year. Before, it was the first holder
 * by name, so the outgoing one got the year's tasks and the incoming one, who started it, was
 * refused its Quality Representative's work.
 * Real API and worker, PostgreSQL, the Temporal dev server.
 */
describe('the Quality Representative role handed over (real API, worker, Temporal dev server)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `kt-${uniqueSuffix()}`;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true });
    org = await suite.seedDemoOrganisation(organisationCode);
    // After the demo Quality Representative (Trần Quốc Việt) by name.
    const created = await org.as('admin', 'POST', '/api/v1/users', {
      fullName: 'Vũ Thị Ngọc',
      title: 'Chánh Văn phòng',
      email: org.email('qmr.new'),
      password: DEMO_PASSWORD,
      roles: [{ role: 'quality-representative' }],
    });
    expect(created.status).toBe(201);
    await Promise.all(['admin', 'leader', 'qmr', 'qmr.new'].map((local) => org.tokenOf(local)));
  });

  afterAll(() => suite?.close());

  it('makes the incoming Quality Representative, who starts the year, the one the year asks', async () => {
    await org.startApprovedRehearsal({ documentNumber: '45/QĐ-UBND', signingDate: '2024-01-08' }, 'qmr.new');

    const acceptance = await org.waitForTask('qmr.new', 'assignment-acceptance');
    expect(acceptance.assigneeUserId).toBe(org.idOf('qmr.new'));
    expect(await org.inbox('qmr', 'assignment-acceptance')).toEqual([]);
  });

  it('refuses to choose between several holders for someone who holds none of it (an administrator starting next year), naming qualityRepresentative', async () => {
    const refused = suite.api
      .get(DirectoryRosterService)
      .rosterFor(organisationCode, {}, org.idOf('admin'))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    const error = await refused;
    expect(error).toBeInstanceOf(QcycleError);
    expect((error as QcycleError).details).toEqual({
      fields: {
        qualityRepresentative: [expect.stringContaining('2 people hold the quality-representative role')],
      },
    });
    // Either holder starting it is its Quality Representative.
    const roster = await suite.api
      .get(DirectoryRosterService)
      .rosterFor(organisationCode, {}, org.idOf('qmr'));
    expect(roster.qualityRepresentative.userId).toBe(org.idOf('qmr'));
  });
});
