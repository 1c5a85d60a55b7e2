import { uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';

interface Refusal {
  statusCode: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * A unit merged into another during the year (the 2025 reform merged many): its people move, its
 * head's role goes, and the administrator removes the unit — while the year's objectives are still
 * delegated to it. Removing it then left the year with tasks and objectives of a unit that no
 * longer exists: nobody heads it (only the Quality Representative may hand its tasks over), the
 * pages show a bare code, next year's draft names a unit the directory has not. A unit a cycle still
 * runs on is refused with 409 naming the cycles and open tasks; once the year is over, it goes.
 * Real API and worker, the Temporal dev server, on SQLite and PostgreSQL.
 */
describe.each<TestDatabaseKind>(['sqlite', 'postgres'])(
  'removing a unit the running year depends on (real API, worker, Temporal dev server, %s)',
  (database) => {
    let suite: ApiSuite;
    let org: DemoOrganisation;
    const organisationCode = `kt-${uniqueSuffix()}`;
    const cycleId = `${organisationCode}-2024`;

    beforeAll(async () => {
      suite = await startApiSuite({ database, worker: true });
      org = await suite.seedDemoOrganisation(organisationCode);
      await Promise.all(['admin', 'leader', 'qmr', 'lead.auditor'].map((local) => org.tokenOf(local)));
      await org.startApprovedRehearsal({ documentNumber: '12/QĐ-UBND', signingDate: '2024-01-08' });
      await org.assignAsProposed();
      // Objective 4 is the service centre's; the Quality Representative stands in for its head.
      await org.waitForTask('qmr', 'unit-acceptance');
    });

    afterAll(async () => {
      await suite?.close({ endCycles: [{ organisationCode, year: 2024 }] });
    });

    it('refuses with 409 to remove a unit the running year delegated objectives to, naming the cycle and its open tasks, and removes nothing', async () => {
      // The centre merged into the administration division: its one member moves there.
      const moved = await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('lead.auditor')}`, {
        unitCode: 'vp-hanhchinh-tochuc',
      });
      expect(moved.status).toBe(200);

      const removed = await org.as<Refusal>('admin', 'DELETE', '/api/v1/units/vp-ttpvhcc');
      expect(removed.status).toBe(409);
      expect(removed.body.code).toBe('CONFLICT');
      expect(removed.body.message).toContain(cycleId);
      expect(removed.body.details).toMatchObject({
        members: 0,
        subUnits: 0,
        unitHeads: 0,
        cycles: [cycleId],
        openTasks: expect.any(Number),
      });
      expect(removed.body.details.openTasks).toBeGreaterThanOrEqual(1);

      // Nothing removed: the unit is still there, and so is its task.
      expect((await org.as('admin', 'GET', '/api/v1/units/vp-ttpvhcc')).status).toBe(200);
      const events = await org.as<{ items: { type: string }[] }>(
        'admin',
        'GET',
        '/api/v1/directory/events?type=unit.deleted',
      );
      expect(events.body.items).toEqual([]);
      const [acceptance] = (await org.inbox('qmr', 'unit-acceptance')).filter(
        (task) => task.unitCode === 'vp-ttpvhcc',
      );
      expect(acceptance).toBeDefined();
    });

    it('removes a unit no running year depends on, as before', async () => {
      const created = await org.as('admin', 'POST', '/api/v1/units', {
        code: 'vp-moi',
        name: { vi: 'Phòng mới', en: 'New division' },
      });
      expect(created.status).toBe(201);
      expect((await org.as('admin', 'DELETE', '/api/v1/units/vp-moi')).status).toBe(204);
    });
  },
);
