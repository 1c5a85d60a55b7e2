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
});
