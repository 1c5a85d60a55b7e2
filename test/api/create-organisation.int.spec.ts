import { createOrganisation } from '../../apps/api/src/create-organisation';
import { In, DataSource } from 'typeorm';
import { OrganisationEntity, UserEntity } from '@qcycle/persistence';
import { uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';

/**
 * A production install begins with an empty directory: the demo is refused there, and creating an
 * organisation over HTTP needs an administrator already. The command creates the organisation and
 * its first administrator, who then signs in to the API as any user would. PostgreSQL, as in
 * production; the command uses the API's own module against the same database.
 */
describe('create-organisation: the first organisation and administrator of an install', () => {
  let suite: ApiSuite;
  const code = `cx-${uniqueSuffix()}`;
  const email = `admin@${code}.gov.vn`;
  const password = 'a-long-first-password';
  const args = (overrides: Record<string, string> = {}) =>
    Object.entries({
      code,
      name: 'Ủy ban nhân dân tỉnh Thử',
      'name-en': "Thu Provincial People's Committee",
      'admin-name': 'Nguyễn Văn Quản Trị',
      'admin-email': email,
      ...overrides,
    }).flatMap(([option, value]) => [`--${option}`, value]);

  beforeAll(async () => {
    suite = await startApiSuite();
  });
  afterAll(() => suite?.close());

  it('creates them, and the administrator signs in and sees the organisation', async () => {
    const created = await createOrganisation(suite.config, args(), { QCYCLE_ADMIN_PASSWORD: password });
    expect(created).toMatchObject({ code, name: { vi: 'Ủy ban nhân dân tỉnh Thử' } });
    const login = await suite.http.call<{ accessToken: string; user: { roles: string[] } }>(
      'POST',
      '/api/v1/auth/login',
      { body: { email, password } },
    );
    expect(login.status).toBe(200);
    expect(login.body.user.roles).toContain('admin');
    const own = await suite.http.call<{ code: string }>('GET', `/api/v1/organisations/${code}`, {
      token: login.body.accessToken,
    });
    expect(own).toMatchObject({ status: 200, body: { code } });
  });

  it('refuses the same code or e-mail again, and what is malformed, by the option, writing nothing', async () => {
    // The same code again: refused by the API's directory rules (the organisation exists).
    await expect(
      createOrganisation(suite.config, args(), { QCYCLE_ADMIN_PASSWORD: password }),
    ).rejects.toThrow(new RegExp(code));
    await expect(
      createOrganisation(suite.config, args({ code: `${code}-2` }), { QCYCLE_ADMIN_PASSWORD: password }),
    ).rejects.toThrow(email);
    const malformed = createOrganisation(
      suite.config,
      args({ code: `${code}-3`, 'admin-email': 'not-mail' }),
      {
        QCYCLE_ADMIN_PASSWORD: 'short',
      },
    );
    await expect(malformed).rejects.toThrow(/--admin-email: .*email/);
    await expect(malformed).rejects.toThrow(/QCYCLE_ADMIN_PASSWORD: /);
    await expect(createOrganisation(suite.config, ['--cod', code], {})).rejects.toThrow(
      /usage: create-organisation/,
    );
    // Nothing of the refused ones was written.
    const organisations = suite.api.get(DataSource).getRepository(OrganisationEntity);
    expect(await organisations.countBy({ code: In([`${code}-2`, `${code}-3`]) })).toBe(0);
    expect(await suite.api.get(DataSource).getRepository(UserEntity).countBy({ email })).toBe(1);
  });
});
