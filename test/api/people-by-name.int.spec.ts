import { uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';

/**
 * An administrator reads the office's people page by page: the list is in the order Vietnamese sorts
 * names — Đ after D, Ư after U — on either database, whose own collations put "Võ" before "Đinh"
 * (docs/api.md "The directory"). A renamed person moves to their new place; who-is-who is in the
 * same order.
 */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])('people by name (real API, %s)', (kind) => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `pn-${uniqueSuffix()}`;

  beforeAll(async () => {
    suite = await startApiSuite({ database: kind });
    org = await suite.seedDemoOrganisation(organisationCode);
    for (const [local, fullName] of [
      ['duong', 'Dương Thị Hà'],
      ['ung', 'Ưng Văn Hòa'],
      ['uong', 'Uông Thị Hoà'],
      ['dinh', 'Đinh Văn Ban'],
    ])
      await org.join(local, { fullName, roles: [{ role: 'staff' }] });
  });

  afterAll(async () => {
    await suite?.close();
  });

  /** Every page of the users' list, `size` at a time, as the Users page turns them. */
  const everyPage = async (size: number) => {
    const names: string[] = [];
    for (let offset = 0; ; offset += size) {
      const page = await org.as<{ items: { fullName: string }[]; total: number }>(
        'admin',
        'GET',
        `/api/v1/users?limit=${size}&offset=${offset}`,
      );
      expect(page.status).toBe(200);
      names.push(...page.body.items.map((user) => user.fullName));
      if (offset + size >= page.body.total) return names;
    }
  };
  const vietnamese = (names: string[]) => [...names].sort(new Intl.Collator('vi').compare);

  it('pages the users in Vietnamese order of their names', async () => {
    const names = await everyPage(4);
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual(vietnamese(names));
    // The demo's Đặng Thu Trang and the added Đinh Văn Ban come after Dương Thị Hà, not after Võ.
    expect(names.indexOf('Dương Thị Hà')).toBeLessThan(names.indexOf('Đặng Thu Trang'));
    expect(names.indexOf('Đinh Văn Ban')).toBeLessThan(names.indexOf('Võ Đình Nam'));
    expect(names.indexOf('Uông Thị Hoà')).toBeLessThan(names.indexOf('Ưng Văn Hòa'));
  });

  it('moves a renamed person to their new place, and lists who is who in the same order', async () => {
    const renamed = await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('ung')}`, {
      fullName: 'Âu Văn Hòa',
    });
    expect(renamed.status).toBe(200);
    const names = await everyPage(5);
    expect(names).toEqual(vietnamese(names));
    expect(names.indexOf('Âu Văn Hòa')).toBeLessThan(names.indexOf('Bùi Quang Huy'));

    const people = await org.as<{ fullName: string }[]>('staff.tonghop', 'GET', '/api/v1/people');
    expect(people.body.map((person) => person.fullName)).toEqual(names);
  });
});
