import { uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';

interface UserAnswer {
  id: string;
  fullName: string;
  title: string | null;
  unitCode: string | null;
  locale: 'vi' | 'en';
  updatedAt: string;
  code?: string;
  message?: string;
  details?: { current?: UserAnswer; fields?: Record<string, string[]> };
}

interface UnitAnswer {
  code: string;
  name: { vi: string; en: string };
  parentCode: string | null;
  updatedAt: string;
  message?: string;
  details?: { current?: UnitAnswer };
}

interface OrganisationAnswer {
  code: string;
  name: { vi: string; en: string };
  updatedAt: string;
  message?: string;
  details?: { current?: OrganisationAnswer };
}

/**
 * Two administrators (or one in two tabs) edit the same person or unit from copies read at the same
 * time. Before, the second save sent its whole form and silently put back what the first had just
 * changed: a transfer to another unit undone by a title's correction. Now an edit carries the
 * `updatedAt` of the copy it was made on (`ifUnchangedSince`) and is refused with 409 when the row
 * has changed since, with the row as it is now; nothing of the refused edit is written.
 */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])(
  'an edit made on a copy someone changed meanwhile (real API, %s)',
  (kind) => {
    let suite: ApiSuite;
    let org: DemoOrganisation;
    const organisationCode = `em-${uniqueSuffix()}`;

    beforeAll(async () => {
      suite = await startApiSuite({ database: kind });
      org = await suite.seedDemoOrganisation(organisationCode);
    });

    afterAll(async () => {
      await suite?.close();
    });

    const userOf = async (local: string) => {
      await org.tokenOf(local);
      return (await org.as<UserAnswer>('admin', 'GET', `/api/v1/users/${org.idOf(local)}`)).body;
    };

    it("refuses the second of two edits of a person made on the same copy with 409 and the person as now; the first edit's transfer stays", async () => {
      const lan = await userOf('staff.tthc');
      expect(lan.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

      // The first administrator moves Lan to the general affairs unit.
      const moved = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${lan.id}`, {
        unitCode: 'vp-tonghop',
        ifUnchangedSince: lan.updatedAt,
      });
      expect(moved.status).toBe(200);
      expect(moved.body.unitCode).toBe('vp-tonghop');
      expect(Date.parse(moved.body.updatedAt)).toBeGreaterThan(Date.parse(lan.updatedAt));

      // The second, from the form opened before, corrects her title and sends the unit it showed.
      const stale = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${lan.id}`, {
        fullName: lan.fullName,
        title: 'Chuyên viên chính',
        unitCode: lan.unitCode,
        locale: lan.locale,
        ifUnchangedSince: lan.updatedAt,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('CONFLICT');
      expect(stale.body.message).toContain(lan.fullName);
      expect(stale.body.message).toContain('chưa được lưu');
      expect(stale.body.details?.current).toMatchObject({
        id: lan.id,
        unitCode: 'vp-tonghop',
        title: lan.title,
        updatedAt: moved.body.updatedAt,
      });

      // Nothing of the refused edit was written, and the log has the transfer only.
      const now = await userOf('staff.tthc');
      expect(now).toMatchObject({
        unitCode: 'vp-tonghop',
        title: lan.title,
        updatedAt: moved.body.updatedAt,
      });
      expect(await org.userChangesOf(lan.id)).toEqual([{ userId: lan.id, unitCode: 'vp-tonghop' }]);

      // Made again on the copy as it is now, it is saved; so is the next one, its stamp written as
      // the same instant in another form.
      const again = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${lan.id}`, {
        title: 'Chuyên viên chính',
        ifUnchangedSince: now.updatedAt,
      });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ unitCode: 'vp-tonghop', title: 'Chuyên viên chính' });
      const back = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${lan.id}`, {
        unitCode: 'vp-kiemsoat-tthc',
        ifUnchangedSince: again.body.updatedAt.replace('Z', '+00:00'),
      });
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ unitCode: 'vp-kiemsoat-tthc', title: 'Chuyên viên chính' });
    });

    it('tells the administrator in English when they read English, and names a malformed stamp with 400', async () => {
      const minh = await userOf('staff.tonghop');
      await org.as('admin', 'PATCH', `/api/v1/users/${minh.id}`, {
        title: 'Chuyên viên',
        ifUnchangedSince: minh.updatedAt,
      });
      const stale = await org.http.call<UserAnswer>('PATCH', `/api/v1/users/${minh.id}`, {
        token: await org.tokenOf('admin'),
        headers: { 'accept-language': 'en' },
        body: { title: 'Cán sự', ifUnchangedSince: minh.updatedAt },
      });
      expect(stale.status).toBe(409);
      expect(stale.body.message).toBe(
        `${minh.fullName}'s details were changed by someone else after you opened them; your change was not saved. Look at the details as they are now and make it again`,
      );
      const malformed = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${minh.id}`, {
        title: 'Cán sự',
        ifUnchangedSince: 'yesterday',
      });
      expect(malformed.status).toBe(400);
      expect(Object.keys(malformed.body.details?.fields ?? {})).toEqual(['ifUnchangedSince']);
      expect((await userOf('staff.tonghop')).title).toBe('Chuyên viên');
    });

    it('saves an edit sent without a stamp as before (API clients that send only what they change)', async () => {
      const hoa = await userOf('head.tthc');
      const renamed = await org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${hoa.id}`, { locale: 'en' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.locale).toBe('en');
      expect(Date.parse(renamed.body.updatedAt)).toBeGreaterThan(Date.parse(hoa.updatedAt));
    });

    it('of two edits sent at the same moment on the same copy, saves exactly one', async () => {
      const huy = await userOf('auditor.kinhte');
      const titles = ['Chuyên viên chính', 'Thanh tra viên'];
      const answers = await Promise.all(
        titles.map((title) =>
          org.as<UserAnswer>('admin', 'PATCH', `/api/v1/users/${huy.id}`, {
            title,
            ifUnchangedSince: huy.updatedAt,
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const saved = answers.find((a) => a.status === 200)!.body;
      expect((await userOf('auditor.kinhte')).title).toBe(saved.title);
      expect((await org.userChangesOf(huy.id)).map((c) => c.title)).toEqual([saved.title]);
    });

    it('refuses a unit renamed on a copy read before it was moved, keeping the move', async () => {
      const read = await org.as<UnitAnswer>('admin', 'GET', '/api/v1/units/vp-kinhte');
      expect(read.status).toBe(200);
      const unit = read.body;
      const moved = await org.as<UnitAnswer>('admin', 'PATCH', '/api/v1/units/vp-kinhte', {
        parentCode: 'vp-tonghop',
        ifUnchangedSince: unit.updatedAt,
      });
      expect(moved.status).toBe(200);
      const stale = await org.as<UnitAnswer>('admin', 'PATCH', '/api/v1/units/vp-kinhte', {
        name: { vi: `${unit.name.vi} (mới)`, en: `${unit.name.en} (new)` },
        parentCode: unit.parentCode,
        ifUnchangedSince: unit.updatedAt,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.message).toContain('vp-kinhte');
      expect(stale.body.details?.current).toMatchObject({
        parentCode: 'vp-tonghop',
        name: unit.name,
        updatedAt: moved.body.updatedAt,
      });
      expect((await org.as<UnitAnswer>('admin', 'GET', '/api/v1/units/vp-kinhte')).body).toMatchObject({
        parentCode: 'vp-tonghop',
        name: unit.name,
      });
    });

    it('refuses the organisation renamed on a copy read before another rename, keeping that one', async () => {
      const read = (
        await org.as<OrganisationAnswer>('admin', 'GET', `/api/v1/organisations/${organisationCode}`)
      ).body;
      const first = await org.as<OrganisationAnswer>(
        'admin',
        'PATCH',
        `/api/v1/organisations/${organisationCode}`,
        {
          name: {
            vi: 'Ủy ban nhân dân tỉnh Kon Tum (mới)',
            en: 'Kon Tum Provincial People’s Committee (new)',
          },
          ifUnchangedSince: read.updatedAt,
        },
      );
      expect(first.status).toBe(200);
      const stale = await org.as<OrganisationAnswer>(
        'admin',
        'PATCH',
        `/api/v1/organisations/${organisationCode}`,
        {
          name: { vi: `${read.name.vi}.`, en: `${read.name.en}.` },
          ifUnchangedSince: read.updatedAt,
        },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.message).toContain(organisationCode);
      expect(stale.body.details?.current).toMatchObject({
        name: first.body.name,
        updatedAt: first.body.updatedAt,
      });
      expect(
        (await org.as<OrganisationAnswer>('admin', 'GET', `/api/v1/organisations/${organisationCode}`)).body
          .name,
      ).toEqual(first.body.name);
    });
  },
);
