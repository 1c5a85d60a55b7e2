import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation } from './support/demo-organisation';
import {
  Random,
  RequestFactory,
  operationsOf,
  verdict,
  type FuzzOperation,
  type FuzzRequest,
  type KnownValues,
  type OpenApiDocument,
  type Variant,
} from './support/openapi-fuzzer';
import type { Schema } from './support/schema-values';

// The OpenAPI document drives this suite: for every operation it makes requests from the parameter
// and body schemas (allowed, at the bounds, refused) and sends them without a token and as each role.
// No answer may be a 5xx; each must be a status the operation documents; a request the published
// schema allows may be refused only for a business reason (401/403/404/409/422), never 400.
// QCYCLE_FUZZ_SEED repeats a run; QCYCLE_FUZZ_SECONDS makes the random phase longer (docs/testing.md).
const seed = Number(process.env.QCYCLE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const randomPhaseMs = Number(process.env.QCYCLE_FUZZ_SECONDS ?? 60) * 1000;
const concurrency = 4;

/** The signed-in people: one demo user of each role (their e-mail's local part). */
const ROLE_USERS: Record<string, string> = {
  'quality-representative': 'qmr',
  leader: 'leader',
  'unit-head': 'head.tthc',
  staff: 'staff.tthc',
  auditor: 'auditor.hcth',
  'lead-auditor': 'lead.auditor',
  admin: 'admin',
  // Not in the demo directory: the suite adds them (a read-only role, refused every write).
  'external-auditor': 'external.auditor',
};
const CALLERS = ['no token', ...Object.keys(ROLE_USERS)];

/** Signing out ends the caller's session whatever the request names: sent at the end only. */
const endsTheSession = (operation: FuzzOperation) => operation.key === 'POST /api/v1/auth/logout';

/** Calls that take away what the rest of the run needs (a signed-in person, the cycle): real ids only at the end. */
const isDestructive = (operation: FuzzOperation) =>
  operation.method === 'DELETE' ||
  /\/cancel$/.test(operation.template) ||
  operation.key === 'PATCH /api/v1/users/{id}' ||
  endsTheSession(operation);

interface Failure {
  request: string;
  caller: string;
  problem: string;
  answer: string;
}

describe(`the API under an OpenAPI-driven fuzzer (seed ${seed})`, () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `fz-${uniqueSuffix()}`;
  const tokens = new Map<string, string | undefined>();

  beforeAll(async () => {
    process.stdout.write(`openapi fuzz: seed ${seed} (QCYCLE_FUZZ_SEED=${seed} repeats this run)\n`);
    suite = await startApiSuite({
      worker: true,
      config: { http: { rateLimit: { loginPerMinute: 1_000_000, writesPerMinute: 1_000_000 } } },
    });
    org = await suite.seedDemoOrganisation(organisationCode);
    const external = await org.as('admin', 'POST', '/api/v1/users', {
      fullName: 'Chuyên gia đánh giá bên ngoài',
      email: org.email(ROLE_USERS['external-auditor']),
      password: DEMO_PASSWORD,
      roles: [{ role: 'external-auditor' }],
    });
    expect(external.status).toBe(201);
    tokens.set('no token', undefined);
    for (const [role, local] of Object.entries(ROLE_USERS)) tokens.set(role, await org.tokenOf(local));
    const started = await org.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode,
      year: 2024,
      rehearsal: true,
    });
    expect(started.status).toBe(201);
    await org.waitForTask('leader', 'objectives-approval');
  });

  afterAll(() => suite?.close());

  // What the fuzzer found, pinned: each regardless of the seed.
  it('pages every list up to offset 1,000,000 and refuses a huge or fractional offset or limit with 400 naming it (was 500 on SQLite and PostgreSQL)', async () => {
    const cycleId = `${organisationCode}-2024`;
    const lists: [string, string][] = [
      ['qmr', '/api/v1/me/tasks'],
      ['qmr', '/api/v1/cycles'],
      ['admin', '/api/v1/directory/events'],
      ['qmr', `/api/v1/cycles/${cycleId}/events`],
      ['admin', '/api/v1/units'],
      ['admin', '/api/v1/users'],
      ['admin', '/api/v1/organisations'],
      ['qmr', '/api/v1/me/notifications'],
      ['qmr', '/api/v1/documents'],
      ['qmr', `/api/v1/cycles/${cycleId}/measurements`],
    ];
    for (const [local, path] of lists) {
      const furthest = await org.as(local, 'GET', `${path}?offset=1000000`);
      expect([path, furthest.status, furthest.body.items]).toEqual([path, 200, []]);
      for (const [field, value] of [
        ['offset', '1e307'],
        ['offset', '1000001'],
        ['offset', '1.5'],
        ['offset', 'abc'],
        ['limit', '1e307'],
        ['limit', '2.5'],
      ]) {
        const refused = await org.as(local, 'GET', `${path}?${field}=${value}`);
        expect([
          path,
          field,
          value,
          refused.status,
          Object.keys((refused.body.details as { fields: object }).fields),
        ]).toEqual([path, field, value, 400, [field]]);
      }
    }
  });

  it('publishes limit and offset as bounded integers and closes every request body the validation pipe closes', async () => {
    const document = (await (await fetch(`${suite.http.baseUrl}/api/docs-json`)).json()) as OpenApiDocument;
    const paged: string[] = [];
    let closedBodies = 0;
    for (const { key, operation } of operationsOf(document)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.name === 'offset') paged.push(key);
        if (parameter.name === 'offset')
          expect([key, parameter.schema]).toEqual([
            key,
            expect.objectContaining({ type: 'integer', minimum: 0, maximum: 1_000_000 }),
          ]);
        if (parameter.name === 'limit')
          expect([key, parameter.schema]).toEqual([
            key,
            expect.objectContaining({ type: 'integer', minimum: 1, maximum: 100 }),
          ]);
      }
      const body = operation.requestBody?.content?.['application/json']?.schema as
        { $ref?: string } | undefined;
      if (body?.$ref) {
        const component = document.components!.schemas![body.$ref.split('/').pop()!];
        expect([key, component.additionalProperties]).toEqual([key, false]);
        closedBodies++;
      }
    }
    // The lists the fuzzer once broke with a huge offset are among those checked, and bodies were.
    expect(paged).toEqual(
      expect.arrayContaining([
        'GET /api/v1/me/tasks',
        'GET /api/v1/cycles',
        'GET /api/v1/directory/events',
        'GET /api/v1/cycles/{cycleId}/events',
      ]),
    );
    expect(closedBodies).toBeGreaterThan(10);
    const schemas = document.components!.schemas!;
    expect(schemas.StartCycleDto).toMatchObject({
      properties: {
        year: { type: 'integer', minimum: 2000, maximum: 2100 },
        organisationCode: { pattern: expect.any(String) },
      },
    });
    // A free-form object stays open: the workflow, not the pipe, judges a draft.
    expect((schemas.StartCycleDto.properties as Record<string, Schema>).draft.additionalProperties).toBe(
      true,
    );
    expect(schemas.CreateUserDto).toMatchObject({
      properties: {
        email: { format: 'email', maxLength: 254 },
        password: { minLength: 12, 'x-max-utf8-bytes': 72 },
      },
    });
    expect(schemas.LocalizedNameDto).toMatchObject({ properties: { vi: { minLength: 1, maxLength: 300 } } });
  });

  it('refuses the NUL character: 404 in a path, 400 naming the field in a query or body, 422 in a task outcome (was a 500 from PostgreSQL)', async () => {
    const admin = (method: string, path: string, body?: unknown) => org.as('admin', method, path, body);
    expect((await admin('GET', '/api/v1/users/a%00b')).status).toBe(404);
    expect((await admin('GET', '/api/v1/units/a%00b')).status).toBe(404);
    expect((await org.as('qmr', 'GET', '/api/v1/tasks/a%00b')).status).toBe(404);
    const query = await admin('GET', '/api/v1/units?q=a%00b');
    expect([query.status, query.body.details]).toEqual([
      400,
      { fields: { q: [expect.stringContaining('NUL')] } },
    ]);
    const body = await admin('PATCH', `/api/v1/organisations/${organisationCode}`, {
      name: { vi: 'Tên\u0000mới', en: 'New name' },
    });
    expect([body.status, body.body.details]).toEqual([
      400,
      { fields: { 'name.vi': [expect.stringContaining('NUL')] } },
    ]);
    // Inside a task's outcome (free-form to the DTO, judged whole by the workflow): 422, never stored.
    const approval = await org.waitForTask('leader', 'objectives-approval');
    const outcome = await org.as('leader', 'POST', taskPath(approval.id, '/complete'), {
      outcome: { decision: 'return', comments: 'Sửa lại\u0000' },
    });
    expect([outcome.status, outcome.body.code, outcome.body.details]).toEqual([
      422,
      'RULE_VIOLATED',
      { fields: { 'outcome.comments': [expect.stringContaining('NUL')] } },
    ]);
    const document = (await (await fetch(`${suite.http.baseUrl}/api/docs-json`)).json()) as OpenApiDocument;
    expect(document.components!.schemas!.LocalizedNameDto).toMatchObject({
      properties: { vi: { pattern: '^[^\\u0000]*$' } },
    });
  });

  it('answers 400 when a required nested object is missing or an array (was a 500 reading name.vi of undefined)', async () => {
    for (const body of [{ code: 'vp-moi' }, { code: 'vp-moi', name: [] }]) {
      const answer = await org.as('admin', 'POST', '/api/v1/units', body);
      expect([answer.status, Object.keys((answer.body.details as { fields: object }).fields)]).toEqual([
        400,
        ['name'],
      ]);
    }
  });

  it('refuses a well-formed value the directory rules refuse with 422 naming the field, never 400', async () => {
    const unknownParent = await org.as('admin', 'POST', '/api/v1/units', {
      code: `vp-${uniqueSuffix()}`,
      name: { vi: 'Phòng mới', en: 'New division' },
      parentCode: 'vp-khong-co',
    });
    expect([unknownParent.status, unknownParent.body]).toEqual([
      422,
      expect.objectContaining({
        code: 'RULE_VIOLATED',
        details: { fields: { parentCode: ['no unit vp-khong-co in your organisation'] } },
      }),
    ]);
    const staffId = (
      await org.as<{ items: { id: string; email: string }[] }>('admin', 'GET', '/api/v1/users?limit=100')
    ).body.items.find((user) => user.email === org.email('staff.tthc'))!.id;
    const unitOnAuditor = await org.as('admin', 'POST', `/api/v1/users/${staffId}/roles`, {
      role: 'auditor',
      unitCode: 'vp-tonghop',
    });
    expect([unitOnAuditor.status, unitOnAuditor.body.code]).toEqual([422, 'RULE_VIOLATED']);
  });

  // Bounded by its own phases, not Jest's default 120 s: the random phase alone takes
  // QCYCLE_FUZZ_SECONDS, and the rounds before and after it take minutes on two busy cores.
  it(
    'answers every generated request with a documented status, never 5xx, and never 400 to what the schema allows',
    async () => {
      const document = (await (await fetch(`${suite.http.baseUrl}/api/docs-json`)).json()) as OpenApiDocument;
      const operations = operationsOf(document);
      const random = new Random(seed);
      const factory = new RequestFactory(document, random, await knownValues(org, organisationCode));
      const failures: Failure[] = [];
      const counts = { sent: 0, allowed: 0, byStatus: new Map<number, number>() };

      const send = async (request: FuzzRequest, caller: string) => {
        const token = tokens.get(caller);
        const headers: Record<string, string> = { accept: 'application/json' };
        if (token) headers.authorization = `Bearer ${token}`;
        if (request.body !== undefined) headers['content-type'] = 'application/json';
        let status: number;
        let answer = '';
        try {
          const response = await fetch(`${suite.http.baseUrl}${request.url}`, {
            method: request.method,
            headers,
            body: request.body === undefined ? undefined : JSON.stringify(request.body),
            signal: AbortSignal.timeout(60_000),
          });
          status = response.status;
          answer = (await response.text()).slice(0, 300);
        } catch (error) {
          status = 599;
          answer = `no answer: ${(error as Error).message}`;
        }
        counts.sent++;
        if (request.schemaAllows) counts.allowed++;
        counts.byStatus.set(status, (counts.byStatus.get(status) ?? 0) + 1);
        const problem = verdict(request, status);
        if (problem)
          failures.push({
            request: `${request.method} ${request.url}${request.body === undefined ? '' : ` ${JSON.stringify(request.body).slice(0, 400)}`}${request.wrong ? ` (wrong: ${request.wrong})` : ''}`,
            caller,
            problem,
            answer,
          });
      };
      const sendAll = async (batch: [FuzzRequest, string][]) => {
        for (let at = 0; at < batch.length; at += concurrency)
          await Promise.all(
            batch.slice(at, at + concurrency).map(([request, caller]) => send(request, caller)),
          );
      };

      // 1. Every operation, as every caller, once with an allowed request (real ids where known).
      const everyone: [FuzzRequest, string][] = [];
      for (const operation of operations.filter((o) => !endsTheSession(o)))
        for (const caller of CALLERS)
          everyone.push([factory.make(operation, 'allowed', !isDestructive(operation)), caller]);
      await sendAll(everyone);

      // 2. Random requests (allowed, at the bounds, refused) until the time is up.
      const variants: Variant[] = ['allowed', 'allowed', 'boundary', 'refused', 'refused'];
      const until = Date.now() + randomPhaseMs;
      while (Date.now() < until) {
        const batch: [FuzzRequest, string][] = [];
        for (let i = 0; i < concurrency * 4; i++) {
          const operation = random.pick(operations.filter((o) => !endsTheSession(o)));
          batch.push([
            factory.make(operation, random.pick(variants), !isDestructive(operation)),
            random.pick(CALLERS),
          ]);
        }
        await sendAll(batch);
      }

      // 3. The destructive calls on real ids, last.
      const destructive: [FuzzRequest, string][] = [];
      for (const operation of operations.filter(isDestructive))
        for (const caller of CALLERS) destructive.push([factory.make(operation, 'allowed'), caller]);
      await sendAll(destructive);

      const statuses = [...counts.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
      process.stdout.write(
        `openapi fuzz: seed ${seed}, ${operations.length} operations, ${counts.sent} requests ` +
          `(${counts.allowed} allowed by the schema), answers ${statuses.join(' ')}, ${failures.length} failures\n`,
      );
      expect(distinct(failures)).toEqual([]);
      // Not a pass on nothing: every operation was sent, each caller's first round allowed by the schema.
      expect(operations.length).toBeGreaterThan(0);
      expect(counts.allowed).toBeGreaterThanOrEqual(operations.length * CALLERS.length);
    },
    randomPhaseMs + 300_000,
  );
});

/** One failure per operation, problem and caller kind: a bug found once is enough to read. */
function distinct(failures: Failure[]): Failure[] {
  const seen = new Set<string>();
  return failures.filter((failure) => {
    const key = `${failure.request.split(/[?\s]/).slice(0, 2).join(' ')} ${failure.problem} ${failure.caller === 'no token'}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The real ids of the suite's organisation and cycle, by path parameter and body field name. */
async function knownValues(org: DemoOrganisation, organisationCode: string): Promise<KnownValues> {
  // Some lists exist only later in the year (the approved objectives, the documents): none yet is fine.
  const itemsOf = async (local: string, path: string) => {
    const answer = await org.as<{ items?: Record<string, unknown>[] } | Record<string, unknown>[]>(
      local,
      'GET',
      path,
    );
    if (answer.status !== 200) return [];
    return Array.isArray(answer.body) ? answer.body : (answer.body.items ?? []);
  };
  const cycleId = `${organisationCode}-2024`;
  const units = await itemsOf('admin', '/api/v1/units?limit=100');
  const users = await itemsOf('admin', '/api/v1/users?limit=100');
  const assignments = (
    await Promise.all(
      users.slice(0, 5).map((user) => itemsOf('admin', `/api/v1/users/${String(user.id)}/roles`)),
    )
  ).flat();
  const tasks: Record<string, unknown>[] = [];
  const notifications: Record<string, unknown>[] = [];
  for (const local of Object.values(ROLE_USERS)) {
    tasks.push(...(await itemsOf(local, '/api/v1/me/tasks?status=all&limit=100')));
    notifications.push(...(await itemsOf(local, '/api/v1/me/notifications?limit=100')));
  }
  const objectives = await itemsOf('qmr', `/api/v1/cycles/${cycleId}/objectives`);
  const documents = await itemsOf('qmr', '/api/v1/documents?limit=100');
  const ids = (rows: Record<string, unknown>[], field: string) => [...new Set(rows.map((row) => row[field]))];
  const unitCodes = ids(units, 'code');
  const userIds = ids(users, 'id');
  return new Map<string, unknown[]>([
    ['cycleId', [cycleId]],
    ['taskId', ids(tasks, 'id')],
    ['organisations:code', [organisationCode]],
    ['units:code', unitCodes],
    ['users:id', userIds],
    ['assignmentId', ids(assignments, 'id')],
    ['notificationId', ids(notifications, 'id')],
    ['documentId', ids(documents, 'id')],
    ['objectiveId', [...ids(objectives, 'id'), 'obj-1', 'obj-4']],
    ['organisationCode', [organisationCode]],
    ['unitCode', unitCodes],
    ['parentCode', unitCodes],
    ['toUserId', userIds],
    ['userId', userIds],
    ['auditorUserId', userIds],
    ['ownerUserId', userIds],
    ['email', users.map((user) => user.email)],
    ['year', [2024, 2025]],
  ]);
}

// The 500 on a huge offset was SQLite's ("datatype mismatch"): the same lists on the embedded database.
describe('paged lists on SQLite', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;

  beforeAll(async () => {
    suite = await startApiSuite({ database: 'sqlite' });
    org = await suite.seedDemoOrganisation(`fs-${uniqueSuffix()}`);
  });

  afterAll(() => suite?.close());

  it('pages to offset 1,000,000 and refuses offset 1e307 with 400 naming it', async () => {
    const lists: [string, string][] = [
      ['qmr', '/api/v1/me/tasks'],
      ['qmr', '/api/v1/cycles'],
      ['admin', '/api/v1/directory/events'],
      ['admin', '/api/v1/units'],
      ['admin', '/api/v1/users'],
      ['admin', '/api/v1/organisations'],
      ['qmr', '/api/v1/me/notifications'],
      ['qmr', '/api/v1/documents'],
    ];
    for (const [local, path] of lists) {
      const furthest = await org.as(local, 'GET', `${path}?offset=1000000`);
      expect([path, furthest.status, furthest.body.items]).toEqual([path, 200, []]);
      const huge = await org.as(local, 'GET', `${path}?offset=1e307`);
      expect([path, huge.status, huge.body.details]).toEqual([
        path,
        400,
        { fields: { offset: [expect.stringContaining('1000000')] } },
      ]);
    }
  });
});
