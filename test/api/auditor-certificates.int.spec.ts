import { uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';

interface Certificate {
  certificate: string;
  issuedBy: string | null;
  issuedOn: string;
}

interface UserAnswer {
  id: string;
  fullName: string;
  auditorCertificate: Certificate | null;
  updatedAt: string;
  code?: string;
  details?: { fields?: Record<string, string[]> };
  message?: string | string[];
}

/**
 * An auditor's competence on record (ISO 9001 7.2; 9.2.2 c, auditors chosen for it): the
 * administrator writes down the internal-auditor certificate a person holds, corrects it and takes it
 * off; the people list shows it to whoever plans an audit, and the directory's log keeps each change.
 * A day to come, a day the calendar does not have, a blank certificate are refused, naming the field,
 * and nothing is written; only the administrator may.
 */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])(
  'auditor certificates in the directory (real API, %s)',
  (kind) => {
    let suite: ApiSuite;
    let org: DemoOrganisation;
    const organisationCode = `ac-${uniqueSuffix()}`;
    const course = 'Chứng chỉ chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO 9001:2015 số 0533/2024';

    beforeAll(async () => {
      suite = await startApiSuite({ database: kind });
      org = await suite.seedDemoOrganisation(organisationCode);
      await Promise.all(
        ['admin', 'qmr', 'auditor.kinhte', 'lead.auditor'].map((local) => org.tokenOf(local)),
      );
    });

    afterAll(async () => {
      await suite?.close();
    });

    const user = async (local: string) =>
      (await org.as<UserAnswer>('admin', 'GET', `/api/v1/users/${org.idOf(local)}`)).body;
    const person = async (local: string) => {
      const people = await org.as<{ userId: string; auditorCertificate: Certificate | null }[]>(
        'auditor.kinhte',
        'GET',
        '/api/v1/people',
      );
      return people.body.find((p) => p.userId === org.idOf(local))!;
    };

    it("records Huy's certificate, shows it in the people list, corrects it, takes it off, and logs each change", async () => {
      const huy = org.idOf('auditor.kinhte');
      expect((await user('auditor.kinhte')).auditorCertificate).toBeNull();
      // The seeded lead auditor has one on record.
      expect((await person('lead.auditor')).auditorCertificate).toMatchObject({ issuedOn: '2021-09-24' });

      const recorded = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${huy}`, {
        auditorCertificate: {
          certificate: `  ${course} `,
          issuedBy: 'Trung tâm Năng suất Việt Nam',
          issuedOn: '2024-05-10',
        },
      });
      expect(recorded.status).toBe(200);
      const held = { certificate: course, issuedBy: 'Trung tâm Năng suất Việt Nam', issuedOn: '2024-05-10' };
      expect(recorded.body.auditorCertificate).toEqual(held);
      expect((await person('auditor.kinhte')).auditorCertificate).toEqual(held);

      // Corrected: another day, no issuer given.
      const corrected = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${huy}`, {
        auditorCertificate: { certificate: course, issuedOn: '2024-05-11' },
        ifUnchangedSince: recorded.body.updatedAt,
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body.auditorCertificate).toEqual({
        certificate: course,
        issuedBy: null,
        issuedOn: '2024-05-11',
      });

      // An edit of something else keeps it.
      const retitled = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${huy}`, {
        title: 'Chuyên viên chính',
      });
      expect(retitled.body.auditorCertificate).toEqual(corrected.body.auditorCertificate);

      const removed = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${huy}`, {
        auditorCertificate: null,
      });
      expect(removed.status).toBe(200);
      expect(removed.body.auditorCertificate).toBeNull();
      expect((await person('auditor.kinhte')).auditorCertificate).toBeNull();

      const log = await org.userChangesOf(huy);
      expect(log.map((change) => change.auditorCertificate)).toEqual([
        null,
        undefined,
        { certificate: course, issuedBy: null, issuedOn: '2024-05-11' },
        held,
      ]);
    });

    it('gives a new person their certificate when they are added', async () => {
      const added = await org.as<UserAnswer>('admin', 'POST', '/api/v1/users', {
        fullName: 'Võ Thị Hạnh',
        email: `hanh.vt.${uniqueSuffix()}@kontum.qcycle.test`,
        unitCode: 'vp-tonghop',
        roles: [{ role: 'auditor' }],
        auditorCertificate: { certificate: course, issuedBy: null, issuedOn: '2024-05-10' },
      });
      expect(added.status).toBe(201);
      expect(added.body.auditorCertificate).toEqual({
        certificate: course,
        issuedBy: null,
        issuedOn: '2024-05-10',
      });
      const log = await org.as<{ items: { payload: Record<string, unknown> }[] }>(
        'admin',
        'GET',
        '/api/v1/directory/events?type=user.created&limit=100',
      );
      expect(
        log.body.items.find((e) => e.payload.userId === added.body.id)?.payload.auditorCertificate,
      ).toEqual(added.body.auditorCertificate);
    });

    it('refuses a day to come, a day the calendar lacks and a blank certificate, naming the field, and writes nothing', async () => {
      const trang = org.idOf('lead.auditor');
      const before = await user('lead.auditor');
      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

      for (const issuedOn of [tomorrow, '2023-02-30']) {
        const refused = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${trang}`, {
          title: 'Trưởng đoàn',
          auditorCertificate: { certificate: course, issuedOn },
        });
        expect(refused.status).toBe(422);
        expect(Object.keys(refused.body.details?.fields ?? {})).toEqual(['auditorCertificate.issuedOn']);
      }
      for (const auditorCertificate of [
        { certificate: '   ', issuedOn: '2023-02-03' },
        { certificate: course, issuedOn: '3/2/2023' },
        { certificate: course },
        'Chứng chỉ số 1',
      ]) {
        const refused = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${trang}`, {
          title: 'Trưởng đoàn',
          auditorCertificate,
        });
        expect(refused.status).toBe(400);
        expect(JSON.stringify(refused.body)).toContain('auditorCertificate');
      }
      const after = await user('lead.auditor');
      expect(after).toEqual(before);
    });

    it('is the administrator’s to record: the Quality Representative and the auditor himself are refused', async () => {
      for (const local of ['qmr', 'auditor.kinhte']) {
        const refused = await org.as<UserAnswer>(
          local,
          'PATCH',
          `/api/v1/users/${org.idOf('auditor.kinhte')}`,
          {
            auditorCertificate: { certificate: course, issuedOn: '2024-05-10' },
          },
        );
        expect(refused.status).toBe(403);
      }
      expect((await user('auditor.kinhte')).auditorCertificate).toBeNull();
    });
  },
);
