import { decodeJwt, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { MIGRATIONS, migrateUp, pendingMigrations } from '@qcycle/persistence';
import { uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { LOCAL_TOKEN_AUDIENCE } from '../../apps/api/src/auth/token.service';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { signIn, type DemoOrganisation } from './support/demo-organisation';
import type { HttpRecorder } from './support/http-recorder';
import { undocumentedAnswers } from './support/openapi-coverage';

/** The migration that added `users.sessions_valid_from`. */
const SESSIONS_MIGRATION = 'UserSessionsValidFrom1796070000000';

/**
 * Sessions the server ends (docs/security.md "What ends a session"): a password set by the
 * administrator, deactivation (and reactivation) and "sign out everywhere" refuse every token the
 * API signed for that person until then, at once — a token of the same second too — while the
 * sign-in that follows works.
 */
describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('ended sessions on %s', (kind) => {
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;
  const organisationCode = `es-${uniqueSuffix()}`;

  beforeAll(async () => {
    suite = await startApiSuite({ database: kind });
    http = suite.http;
    org = await suite.seedDemoOrganisation(organisationCode);
  });

  afterAll(async () => {
    await suite?.close();
  });

  const me = (token: string) => http.call('GET', '/api/v1/auth/me', { token });

  /** A new person with a password, as the administrator adds them; their e-mail and id. */
  const newPerson = async (password: string) => {
    const email = `p.${uniqueSuffix()}@${org.emailDomain}`;
    const created = await org.as<{ id: string }>('admin', 'POST', '/api/v1/users', {
      fullName: 'Lê Thị Hoa',
      email,
      password,
      roles: [{ role: 'staff' }],
    });
    expect(created.status).toBe(201);
    return { email, id: created.body.id };
  };

  /** Refused like any other 401: the same body as a request without a token, code UNAUTHENTICATED. */
  const expectRefused = async (token: string, why = 'Phiên đăng nhập đã kết thúc') => {
    const answer = await me(token);
    const unauthenticated = await http.call('GET', '/api/v1/auth/me');
    expect({
      status: answer.status,
      code: answer.body.code,
      fields: Object.keys(answer.body).sort(),
    }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      fields: Object.keys(unauthenticated.body).sort(),
    });
    // It says why, so the person knows to sign in again rather than wonder at an "expired" token.
    expect(answer.body.message).toContain(why);
  };

  const sessionsValidFromOf = async (userId: string) =>
    (
      (await suite.api
        .get(DataSource)
        .query(
          ...suite.api
            .get(DataSource)
            .driver.escapeQueryWithParameters(
              'SELECT sessions_valid_from FROM users WHERE id = :id',
              { id: userId },
              {},
            ),
        )) as { sessions_valid_from: string | null }[]
    )[0].sessions_valid_from;

  // First: the schema change is checked on the people seeded before it, none of whom has ended a session.
  it('keeps the tokens of the people already in the directory when the migration runs on it', async () => {
    const dataSource = suite.api.get(DataSource);
    // Signed under no sessions_valid_from: the same claims the API signed before this change.
    const token = await org.tokenOf('qmr');
    expect(decodeJwt(token)).not.toHaveProperty('sv');
    const count = async (table: string) =>
      Number(
        ((await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[])[0].n,
      );
    const people = await count('users');
    const roles = await count('role_assignments');

    // Back to the schema before the change, with these rows in it, then forward again.
    expect(MIGRATIONS.map((m) => m.name)).toContain(SESSIONS_MIGRATION);
    while (!(await pendingMigrations(dataSource)).includes(SESSIONS_MIGRATION))
      await dataSource.undoLastMigration({ transaction: 'each' });
    const reverted = await pendingMigrations(dataSource);
    const runner = dataSource.createQueryRunner();
    const users = await runner.getTable('users').finally(() => runner.release());
    expect(users?.findColumnByName('sessions_valid_from')).toBeUndefined();
    expect(await migrateUp(dataSource)).toEqual(reverted);

    const rows = (await dataSource.query('SELECT sessions_valid_from FROM users')) as {
      sessions_valid_from: string | null;
    }[];
    expect(rows).toHaveLength(people);
    // Nothing that hangs off the users went with the column (on SQLite, a table rebuild would cascade).
    expect(await count('role_assignments')).toBe(roles);
    expect(rows.every((row) => row.sessions_valid_from === null)).toBe(true);
    expect((await me(token)).status).toBe(200);
    // …until that person's sessions are ended.
    expect((await http.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    await expectRefused(token);
  });

  it("refuses the tokens signed before the administrator set a new password, one of the same second too; the new password's sign-in works", async () => {
    const person = await newPerson('the-first-long-password');
    const before = (await signIn(http, person.email, 'the-first-long-password')).accessToken;
    const onAnotherDevice = (await signIn(http, person.email, 'the-first-long-password')).accessToken;
    expect((await me(before)).status).toBe(200);
    const bystander = await org.tokenOf('staff.tthc');

    const changed = await org.as('admin', 'PATCH', `/api/v1/users/${person.id}`, {
      password: 'the-second-long-password',
    });
    expect(changed.status).toBe(200);
    await expectRefused(before);
    await expectRefused(onAnotherDevice);
    // A token signed under the old sessions with an `iat` in the very second of the change (or after
    // it) is refused as well: what counts is the sessions it was signed under, not its whole-second iat.
    const changedAt = await sessionsValidFromOf(person.id);
    expect(changedAt).not.toBeNull();
    for (const iat of [
      Math.floor(Date.parse(changedAt!) / 1000),
      Math.ceil(Date.parse(changedAt!) / 1000) + 1,
    ])
      await expectRefused(await localToken(person.id, iat, decodeJwt(before)));

    expect(
      (
        await http.call('POST', '/api/v1/auth/login', {
          body: { email: person.email, password: 'the-first-long-password' },
        })
      ).status,
    ).toBe(401);
    const after = (await signIn(http, person.email, 'the-second-long-password')).accessToken;
    expect((await me(after)).status).toBe(200);
    // Everyone else's sessions go on.
    expect((await me(bystander)).status).toBe(200);
    expect((await me(await org.tokenOf('admin'))).status).toBe(200);
  });

  it('refuses the tokens of a deactivated person for good: reactivating them does not bring the old ones back', async () => {
    const person = await newPerson('a-long-enough-password');
    const before = (await signIn(http, person.email, 'a-long-enough-password')).accessToken;
    expect((await me(before)).status).toBe(200);

    const deactivated = await org.as('admin', 'PATCH', `/api/v1/users/${person.id}`, { active: false });
    expect(deactivated.body).toMatchObject({ active: false });
    await expectRefused(before, 'vô hiệu hóa');
    const reactivated = await org.as('admin', 'PATCH', `/api/v1/users/${person.id}`, { active: true });
    expect(reactivated.body).toMatchObject({ active: true });
    await expectRefused(before);

    const after = (await signIn(http, person.email, 'a-long-enough-password')).accessToken;
    expect((await me(after)).status).toBe(200);
    // Saying "active" of someone already active ends nothing.
    expect((await org.as('admin', 'PATCH', `/api/v1/users/${person.id}`, { active: true })).status).toBe(200);
    expect((await me(after)).status).toBe(200);
  });

  it('signs out everywhere: every token of the caller until then is refused, the next sign-in works, nobody else is signed out', async () => {
    const person = await newPerson('a-shared-office-password');
    const atTheOffice = (await signIn(http, person.email, 'a-shared-office-password')).accessToken;
    const atHome = (await signIn(http, person.email, 'a-shared-office-password')).accessToken;
    const bystander = await org.tokenOf('head.tthc');

    const signedOut = await http.call('POST', '/api/v1/auth/logout', { token: atHome });
    expect({ status: signedOut.status, body: signedOut.body }).toEqual({ status: 204, body: undefined });
    await expectRefused(atHome);
    await expectRefused(atTheOffice);
    // Once ended, the token cannot sign out again, nor can anyone without a token.
    expect((await http.call('POST', '/api/v1/auth/logout', { token: atTheOffice })).status).toBe(401);
    expect((await http.call('POST', '/api/v1/auth/logout')).status).toBe(401);

    const again = (await signIn(http, person.email, 'a-shared-office-password')).accessToken;
    expect((await me(again)).status).toBe(200);
    expect((await me(bystander)).status).toBe(200);
    // Twice in a row: the second ends the session the first one let in.
    expect((await http.call('POST', '/api/v1/auth/logout', { token: again })).status).toBe(204);
    await expectRefused(again);
    const third = (await signIn(http, person.email, 'a-shared-office-password')).accessToken;
    expect((await me(third)).status).toBe(200);
  });

  it('answered only statuses the OpenAPI document lists for each route', async () => {
    expect(await undocumentedAnswers(http)).toEqual([]);
  });

  /** A token as the API signs them, with the claims of `like` but this `iat`. */
  async function localToken(userId: string, iat: number, like: Record<string, unknown>): Promise<string> {
    const claims = Object.fromEntries(
      Object.entries(like).filter(([name]) => !['iss', 'aud', 'sub', 'iat', 'exp'].includes(name)),
    );
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(suite.config.publicUrl)
      .setAudience(LOCAL_TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(new TextEncoder().encode(suite.config.auth.jwtSecret));
  }
});
