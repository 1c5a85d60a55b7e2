import { uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';

interface Person {
  userId: string;
  name: string;
  title: string | null;
}

interface Roster {
  leaders: Person[];
  qualityRepresentative: Person | null;
  units: {
    code: string;
    head: Person | null;
    standsIn: boolean;
    chosen: boolean;
    otherHeads: Person[];
    staff: Person[];
  }[];
  leadAuditor: Person | null;
  auditors: Person[];
  missing: string[];
}

/**
 * Before starting a year, the Quality Representative reads who would get its work (GET /roster): a
 * year's roster is taken from the directory once, at its start. Each unit's head taking its work —
 * the one the administrator chose among several — or the Quality Representative standing in; the
 * roles a start would be refused for lacking, the same the start then names. Real API, PostgreSQL.
 */
describe('who would get the year’s work, before it starts (real API, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `rp-${uniqueSuffix()}`;

  beforeAll(async () => {
    suite = await startApiSuite();
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(
      ['admin', 'qmr', 'head.tonghop', 'staff.tonghop', 'lead.auditor'].map((local) => org.tokenOf(local)),
    );
  });

  afterAll(async () => {
    await suite?.close();
  });

  const roster = async () => {
    const answer = await org.as<Roster>('qmr', 'GET', '/api/v1/roster');
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const unit = (taken: Roster, code: string) => taken.units.find((u) => u.code === code)!;

  it("names the leader, the Quality Representative, each unit's head taking its work or the Quality Representative standing in, and the auditors", async () => {
    const taken = await roster();
    expect(taken.leaders.map((p) => p.name)).toEqual(['Nguyễn Hữu Tháp']);
    expect(taken.qualityRepresentative).toEqual({
      userId: org.idOf('qmr'),
      name: 'Trần Quốc Việt',
      title: 'Chánh Văn phòng UBND tỉnh',
    });
    expect(unit(taken, 'vp-tonghop')).toMatchObject({
      head: { name: 'Võ Đình Nam', title: 'Trưởng phòng Tổng hợp' },
      standsIn: false,
      chosen: false,
      otherHeads: [],
      staff: [{ name: 'Hoàng Văn Minh', title: 'Chuyên viên' }],
    });
    expect(unit(taken, 'vp-hanhchinh-tochuc')).toMatchObject({
      head: { name: 'Trần Quốc Việt' },
      standsIn: true,
    });
    expect(taken.leadAuditor?.name).toBe('Lý Thị Mai');
    expect(taken.auditors.map((p) => p.name)).toEqual(['Bùi Quang Huy', 'Đặng Thu Trang', 'Lý Thị Mai']);
    expect(taken.missing).toEqual([]);
  });

  it('gives a unit with a second head to the first by name, and to the one the administrator chooses', async () => {
    await org.join('deputy.tonghop', {
      fullName: 'Đinh Văn Ban',
      title: 'Phó Chánh Văn phòng',
      roles: [{ role: 'unit-head', unitCode: 'vp-tonghop' }],
    });
    // By name, with nobody chosen: the other head is named, so the order of names is not taken for a choice.
    const byName = unit(await roster(), 'vp-tonghop');
    expect([byName.head?.name, byName.chosen, byName.otherHeads.map((p) => p.name)]).toEqual([
      'Đinh Văn Ban',
      false,
      ['Võ Đình Nam'],
    ]);
    const chosen = await org.as('admin', 'PATCH', '/api/v1/units/vp-tonghop', {
      workHeadUserId: org.idOf('head.tonghop'),
    });
    expect(chosen.status).toBe(200);
    const picked = unit(await roster(), 'vp-tonghop');
    expect([picked.head?.name, picked.chosen, picked.otherHeads.map((p) => p.name)]).toEqual([
      'Võ Đình Nam',
      true,
      ['Đinh Văn Ban'],
    ]);
  });

  it('says which role is missing, as the start then refuses it', async () => {
    expect(
      (await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('lead.auditor')}`, { active: false })).status,
    ).toBe(200);
    const taken = await roster();
    expect(taken.leadAuditor).toBeNull();
    expect(taken.missing).toEqual(['lead-auditor']);
    const started = await org.as<{ code: string; details: { missingRoles: string[] } }>(
      'qmr',
      'POST',
      '/api/v1/cycles',
      { organisationCode, year: 2024, rehearsal: true },
    );
    expect(started.status).toBe(422);
    expect(started.body.code).toBe('ROSTER_INCOMPLETE');
    expect(started.body.details.missingRoles).toEqual(taken.missing);
  });

  it('is the Quality Representative’s to read', async () => {
    expect((await org.as('head.tonghop', 'GET', '/api/v1/roster')).status).toBe(403);
    expect((await org.as('staff.tonghop', 'GET', '/api/v1/roster')).status).toBe(403);
    expect((await org.as('admin', 'GET', '/api/v1/roster')).status).toBe(403);
    expect((await suite.http.call('GET', '/api/v1/roster')).status).toBe(401);
  });

  describe('the draft a year would start from, read or edited before it starts', () => {
    interface TemplateDraft {
      templateId: string;
      year: number;
      draft: {
        year: number;
        organisation: { code: string; name: { vi: string }; units: { code: string; name: { vi: string } }[] };
        objectives: { id: string; ownerUnitCode: string; title: { vi: string } }[];
      };
      unitsNotInDirectory: string[];
    }
    const read = (year: number | string = 2027, templateId = 'kontum-2024') =>
      org.as<TemplateDraft>('qmr', 'GET', `/api/v1/templates/${templateId}/draft?year=${year}`);

    it("is the template moved to the year, under the organisation's own name and units, as a start from it uses", async () => {
      const before = await read();
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ templateId: 'kontum-2024', year: 2027, unitsNotInDirectory: [] });
      expect(before.body.draft.year).toBe(2027);
      expect(before.body.draft.organisation.code).toBe(organisationCode);
      expect(before.body.draft.objectives.map((o) => o.id)).toEqual([
        'obj-1',
        'obj-2',
        'obj-3',
        'obj-4',
        'obj-5',
      ]);

      // The administrator renames the organisation and adds a division: the draft follows the directory.
      const renamed = await org.as('admin', 'PATCH', `/api/v1/organisations/${organisationCode}`, {
        name: { vi: 'Ủy ban nhân dân tỉnh Thử Nghiệm', en: "Thu Nghiem Provincial People's Committee" },
      });
      expect(renamed.status).toBe(200);
      const added = await org.as('admin', 'POST', '/api/v1/units', {
        code: 'phong-kiem-tra',
        name: { vi: 'Phòng Kiểm tra', en: 'Inspection Division' },
      });
      expect(added.status).toBe(201);
      const after = (await read()).body;
      expect(after.draft.organisation.name.vi).toBe('Ủy ban nhân dân tỉnh Thử Nghiệm');
      expect(after.draft.organisation.units.map((u) => u.code)).toEqual([
        ...before.body.draft.organisation.units.map((u) => u.code),
        'phong-kiem-tra',
      ]);
    });

    it('is the Quality Representative’s to read; an unknown template is not found, a year out of range is named', async () => {
      expect((await read(2027, 'no-such-template')).status).toBe(404);
      for (const year of ['1999', 'abc', '2027.5']) {
        const refused = await read(year);
        expect(refused.status).toBe(400);
        expect(JSON.stringify(refused.body)).toContain('year');
      }
      expect((await org.as('qmr', 'GET', '/api/v1/templates/kontum-2024/draft')).status).toBe(400);
      expect(
        (await org.as('head.tonghop', 'GET', '/api/v1/templates/kontum-2024/draft?year=2027')).status,
      ).toBe(403);
      expect((await org.as('admin', 'GET', '/api/v1/templates/kontum-2024/draft?year=2027')).status).toBe(
        403,
      );
      expect((await suite.http.call('GET', '/api/v1/templates/kontum-2024/draft?year=2027')).status).toBe(
        401,
      );
    });
  });
});
