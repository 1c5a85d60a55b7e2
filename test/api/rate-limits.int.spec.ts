import { DataSource } from 'typeorm';
import { migrateUp, openDataSource, RateLimitHitEntity } from '@qcycle/persistence';
import { createTestDatabase, uniqueSuffix, type TestDatabase, type TestDatabaseKind } from '@qcycle/testing';
import { DatabaseThrottlerStorage } from '../../apps/api/src/common/database-throttler.storage';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { DemoOrganisation, signIn } from './support/demo-organisation';
import type { Answer, HttpRecorder } from './support/http-recorder';

const email = (local: string) => `${local}@kontum.qcycle.test`;

/** Two API processes on one database, as behind a load balancer; the first seeds the demo directory. */
async function startTwoApis(
  database: TestDatabaseKind,
  rateLimit: { loginPerMinute: number; writesPerMinute: number },
): Promise<{ suite: ApiSuite; https: HttpRecorder[] }> {
  const suite = await startApiSuite({ database, config: { seedDemoData: true, http: { rateLimit } } });
  try {
    const second = await suite.startAnotherApi({ seedDemoData: false });
    return { suite, https: [suite.http, second.http] };
  } catch (error) {
    await suite.close();
    throw error;
  }
}

/** What a client over the limit sees: 429, the shared error body, and when to retry. */
function expectTooManyRequests(answer: Answer, throttler: string): void {
  expect(answer.status).toBe(429);
  expect(answer.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
  expect(answer.body.requestId).toBe(answer.headers.get('x-request-id'));
  expect(Number(answer.headers.get(`retry-after-${throttler}`))).toBeGreaterThan(0);
}

/** Wrong-password logins on one e-mail, alternating between the APIs; returns every answer. */
async function guessPasswords(https: HttpRecorder[], target: string, attempts: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    answers.push(
      await https[attempt % https.length].call('POST', '/api/v1/auth/login', {
        body: { email: target, password: `guess-${attempt}` },
      }),
    );
  }
  return answers;
}

describe('rate limits shared by two API processes on one PostgreSQL database', () => {
  const loginPerMinute = 4;
  const writesPerMinute = 6;
  let suite: ApiSuite;
  let https: HttpRecorder[];

  beforeAll(async () => {
    ({ suite, https } = await startTwoApis('postgres', { loginPerMinute, writesPerMinute }));
  });

  afterAll(() => suite?.close());

  it('refuses password guessing on one account after the limit, counted across both APIs', async () => {
    const target = email(`guess.${uniqueSuffix()}`);
    const answers = await guessPasswords(https, target, loginPerMinute + 2);

    // Each API alone has seen at most limit/2 + 1 attempts: only a shared count refuses these.
    expect(answers.slice(0, loginPerMinute).map((a) => a.status)).toEqual(Array(loginPerMinute).fill(401));
    expectTooManyRequests(answers[loginPerMinute], 'login-account');
    expectTooManyRequests(answers[loginPerMinute + 1], 'login-account');

    // Another e-mail from the same address still gets its answer, on either API.
    for (const http of https) {
      const other = await http.call('POST', '/api/v1/auth/login', {
        body: { email: email('leader'), password: 'wrong-password' },
      });
      expect(other.status).toBe(401);
    }
  });

  it('refuses one account’s password guessed from many addresses, counted across them all', async () => {
    const target = email(`spread.${uniqueSuffix()}`);
    const perAccount = loginPerMinute * 5;
    const answers: Answer[] = [];
    // Each guess from an address of its own (forwarded by a trusted proxy): no per-address count
    // ever reaches its limit.
    for (let attempt = 0; attempt <= perAccount; attempt++) {
      answers.push(
        await https[attempt % 2].call('POST', '/api/v1/auth/login', {
          body: { email: target, password: `guess-${attempt}` },
          headers: { 'x-forwarded-for': `198.51.100.${attempt + 1}` },
        }),
      );
    }
    expect(answers.slice(0, perAccount).map((a) => a.status)).toEqual(Array(perAccount).fill(401));
    expectTooManyRequests(answers[perAccount], 'login-email');
    // Another account, from yet another address, still gets its answer.
    const other = await https[0].call('POST', '/api/v1/auth/login', {
      body: { email: email('leader'), password: 'wrong-password' },
      headers: { 'x-forwarded-for': '198.51.100.250' },
    });
    expect(other.status).toBe(401);
  });

  it('refuses a user’s writes after the limit, counted across both APIs, leaving reads and other users alone', async () => {
    const admin = await new DemoOrganisation(https[0]).tokenOf('admin');
    const busyAddress = email(`busy.${uniqueSuffix()}`);
    const created = await https[0].call('POST', '/api/v1/users', {
      token: admin,
      body: {
        fullName: 'Quản trị Bận',
        email: busyAddress,
        password: 'a-long-initial-password',
        roles: [{ role: 'admin' }],
      },
    });
    expect(created.status).toBe(201);
    const busy = (await signIn(https[0], busyAddress, 'a-long-initial-password')).accessToken;

    const answers: Answer[] = [];
    for (let attempt = 0; attempt < writesPerMinute + 1; attempt++) {
      answers.push(
        await https[attempt % 2].call('POST', '/api/v1/units', { token: busy, body: { code: 'INVALID' } }),
      );
    }
    expect(answers.slice(0, writesPerMinute).map((a) => a.status)).toEqual(Array(writesPerMinute).fill(400));
    expectTooManyRequests(answers[writesPerMinute], 'writes');

    for (const http of https) {
      expect((await http.call('GET', '/api/v1/units', { token: busy })).status).toBe(200);
      const byAnotherAdmin = await http.call('POST', '/api/v1/units', {
        token: admin,
        body: { code: 'INVALID' },
      });
      expect(byAnotherAdmin.status).toBe(400);
    }
  });
});

describe('rate limits shared by two API processes on one SQLite file', () => {
  let suite: ApiSuite;
  let https: HttpRecorder[];

  beforeAll(async () => {
    ({ suite, https } = await startTwoApis('sqlite', { loginPerMinute: 3, writesPerMinute: 120 }));
  });

  afterAll(() => suite?.close());

  it('refuses password guessing on one account after the shared limit', async () => {
    const answers = await guessPasswords(https, email(`guess.${uniqueSuffix()}`), 4);
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([401, 401, 401]);
    expectTooManyRequests(answers[3], 'login-account');
  });
});

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('the database throttler storage on %s', (kind) => {
  const minute = 60_000;
  let database: TestDatabase;
  let dataSources: DataSource[] = [];
  let clock: number;
  const storage = (dataSource = dataSources[0], sweepIntervalMs = minute) =>
    new DatabaseThrottlerStorage(dataSource, { now: () => clock, sweepIntervalMs });
  const rows = () => dataSources[0].getRepository(RateLimitHitEntity).find();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // Two connections (pools on PostgreSQL) to one database, as two API processes have.
    dataSources = [await openDataSource(database.config), await openDataSource(database.config)];
    await migrateUp(dataSources[0]);
  });

  afterAll(async () => {
    for (const dataSource of dataSources) await dataSource.destroy();
    await database?.drop();
  });

  beforeEach(async () => {
    clock = Date.parse('2026-03-02T01:00:00.000Z');
    await dataSources[0].getRepository(RateLimitHitEntity).clear();
  });

  it('counts 50 concurrent hits through two connections exactly once each', async () => {
    const storages = dataSources.map((dataSource) => storage(dataSource));
    const records = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        storages[i % 2].increment('client', minute, 1000, minute, 'writes'),
      ),
    );
    // No lost update: every hit saw its own count, and the counter ends at 50.
    expect(records.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(records.every((r) => !r.isBlocked)).toBe(true);
    expect((await rows()).map((r) => r.hits)).toEqual([50]);
  });

  it('blocks the hit over the limit for the block duration, then opens a new window', async () => {
    const hit = () => storage().increment('client', minute, 3, minute, 'login-account');
    for (const expected of [1, 2, 3]) {
      expect(await hit()).toEqual({
        totalHits: expected,
        timeToExpire: 60,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
    }
    expect(await hit()).toEqual({ totalHits: 4, timeToExpire: 60, isBlocked: true, timeToBlockExpire: 60 });

    clock += 30_000;
    // Refused hits are not counted; the answer says how long the block still lasts.
    expect(await hit()).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 30 });

    clock += 30_000;
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('starts a new window when the last one has expired, and blocks for the rest of the window without a block duration', async () => {
    const hit = () => storage().increment('client', minute, 2, 0, 'writes');
    await hit();
    clock += 50_000;
    expect(await hit()).toMatchObject({ totalHits: 2, timeToExpire: 10, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 10 });
    clock += 10_000;
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('keeps the throttlers of one key apart and stores a long key as its hash', async () => {
    const longKey = 'x'.repeat(500);
    const counting = storage();
    await counting.increment(longKey, minute, 10, minute, 'login-account');
    await counting.increment(longKey, minute, 10, minute, 'login-account');
    expect((await counting.increment(longKey, minute, 10, minute, 'login-address')).totalHits).toBe(1);
    expect((await counting.increment(longKey, minute, 10, minute, 'login-account')).totalHits).toBe(3);
    expect((await rows()).map((r) => [r.throttlerName, r.key.length <= 128]).sort()).toEqual([
      ['login-account', true],
      ['login-address', true],
    ]);
  });

  it('deletes counters whose window and block are over, as it goes', async () => {
    const sweeping = storage();
    await sweeping.increment('quiet', minute, 10, minute, 'writes');
    await sweeping.increment('blocked-long', minute, 0, 10 * minute, 'writes');

    clock += 2 * minute;
    await sweeping.increment('active', minute, 10, minute, 'writes');
    // 'quiet' is gone; 'blocked-long' is past its window but still blocked, so it stays.
    expect((await rows()).map((r) => r.key).sort()).toEqual(['writes:active', 'writes:blocked-long']);
  });
});
