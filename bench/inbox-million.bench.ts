/**
 * The inbox at a million tasks (issue #11, "A million tasks"): `GET /api/v1/me/tasks` through the real
 * API on PostgreSQL (a database of the bench's own on the test setup's server) holding 1,000,000 task
 * rows, for a staff member of a seeded demo organisation whose inbox is realistic: three years of
 * cycles, about 300 tasks, about 45 of them open (some overdue), some delegated to them by a colleague.
 * The other rows belong to 1,000 other organisations of 50 people each, three years each: mostly
 * completed, the current year's partly open, one task in twenty with a delegate (a unit head standing
 * in) and one in two hundred with two, written with generate_series in one statement.
 *
 * Figures, each over a few hundred requests after a warm-up:
 *  - health:        baseline: `GET /health` (Nest, a database ping, a Temporal round trip);
 *  - sql:           baseline: the inbox's own SQL (captured from the API) run bare through `pg`;
 *  - open / overdue / kind / cycle: the inbox, open, sorted by due date, and with each filter;
 *  - next page:     the second page by keyset cursor (`after` = the first page's nextCursor).
 * It prints the EXPLAIN (ANALYZE, BUFFERS) of the query the service runs, and fails when that plan
 * reads the tasks table by a sequential scan. Times are printed, not asserted. `npm run bench -- inbox`.
 */
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from '../test/api/support/api-suite';
import type { DemoOrganisation } from '../test/api/support/demo-organisation';
import { quantile, report, timed } from './support/figures';

const TOTAL_TASKS = Number(process.env.QCYCLE_BENCH_TASKS ?? 1_000_000);
const ORGANISATIONS = 1_000;
const PEOPLE_PER_ORGANISATION = 50;
const REQUESTS = Number(process.env.QCYCLE_BENCH_REQUESTS ?? 300);
const KINDS = [
  'measurement-report',
  'measurement-report',
  'measurement-report',
  'measurement-report',
  'unit-acceptance',
  'at-risk-follow-up',
  'audit-step',
  'corrective-action-plan',
  'corrective-action-verification',
  'assignment-acceptance',
];

describe('the inbox at a million tasks, records in PostgreSQL', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let pg: PgClient;
  const organisationCode = `ib-${uniqueSuffix()}`;

  beforeAll(async () => {
    suite = await startApiSuite({ database: 'postgres' });
    org = await suite.seedDemoOrganisation(organisationCode);
    pg = new PgClient({ connectionString: suite.database.config.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await suite?.close();
  });

  it('answers GET /me/tasks by index, next to GET /health and the bare SQL', async () => {
    const token = await org.tokenOf('staff.tthc');
    const me = org.idOf('staff.tthc');
    await org.tokenOf('head.tthc');
    const colleague = org.idOf('head.tthc');

    const filled = Date.now();
    await fillOthers(pg, TOTAL_TASKS - 300);
    await fillInbox(pg, organisationCode, me, colleague);
    await pg.query('VACUUM ANALYZE tasks');
    const { rows: counted } = await pg.query<{ n: string }>('SELECT count(*) AS n FROM tasks');
    process.stdout.write(
      `inbox-million: ${counted[0].n} tasks written and analysed in ${((Date.now() - filled) / 1000).toFixed(1)} s\n`,
    );

    const cycle2024 = `${organisationCode}-2024`;
    const inbox = (query: string) => `/api/v1/me/tasks${query}`;
    const variants: Record<string, string> = {
      open: inbox(''),
      overdue: inbox('?due=overdue'),
      kind: inbox('?kind=measurement-report'),
      cycle: inbox(`?cycleId=${cycle2024}`),
    };
    const first = await suite.http.call<{ items: unknown[]; total: number; nextCursor: string | null }>(
      'GET',
      variants.open,
      { token },
    );
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    variants['next page'] = inbox(`?after=${first.body.nextCursor}`);
    const answered: string[] = [];
    for (const [name, path] of Object.entries(variants)) {
      const answer = await suite.http.call<{ items: unknown[]; total: number }>('GET', path, { token });
      expect(answer.status).toBe(200);
      answered.push(`${name} ${answer.body.items.length}/${answer.body.total}`);
    }
    process.stdout.write(`inbox-million: the inbox answers (items/total): ${answered.join(', ')}\n`);

    // The SQL the service runs, as the API sends it to PostgreSQL.
    const { sql, parameters } = await captureInboxQuery(suite, () =>
      suite.http.call('GET', variants.open, { token }),
    );
    const plan = (
      await pg.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters)
    ).rows
      .map((row) => row['QUERY PLAN'])
      .join('\n');
    process.stdout.write(
      `inbox-million: the inbox's query\n${sql}\n${JSON.stringify(parameters)}\n${plan}\n`,
    );
    expect(plan).not.toMatch(/Seq Scan on tasks/);

    const figures: Record<string, number[]> = { health: [], sql: [] };
    for (const name of Object.keys(variants)) figures[name] = [];
    // Warm-up: connection pools, the JIT, PostgreSQL's buffers.
    for (let i = 0; i < 30; i++)
      for (const path of Object.values(variants)) await suite.http.call('GET', path, { token });
    for (let i = 0; i < REQUESTS; i++) {
      await timed(figures.health, () => suite.http.call('GET', '/health'));
      await timed(figures.sql, () => pg.query(sql, parameters));
      for (const [name, path] of Object.entries(variants))
        await timed(figures[name], async () => {
          const answer = await suite.http.call('GET', path, { token });
          if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
        });
    }
    process.stdout.write(
      `${report(`inbox-million: ${counted[0].n} tasks, ${REQUESTS} requests each, ms`, figures)}\n`,
    );
    const worst = Math.max(...Object.keys(variants).map((name) => quantile(figures[name], 0.95)));
    process.stdout.write(`inbox-million: worst inbox p95 ${worst.toFixed(1)} ms (goal ≤ 20 ms)\n`);
  });
});

/** Everyone else's tasks: ORGANISATIONS organisations × 3 years × PEOPLE_PER_ORGANISATION people. */
async function fillOthers(pg: PgClient, count: number): Promise<void> {
  const kinds = `ARRAY[${KINDS.map((k) => `'${k}'`).join(',')}]`;
  await pg.query(`
    INSERT INTO tasks (id, cycle_id, workflow_id, kind, title, assignee_user_id, delegate_user_ids,
                       unit_code, objective_id, period_key, form, status, opened_at, due_at, closed_at,
                       completed_by, outcome, late, escalation_level)
    SELECT 'quality-cycle/' || o || '/' || y || '/bench/' || n,
           o || '-' || y,
           'quality-cycle/' || o || '/' || y,
           kind,
           '{"vi":"Báo cáo kết quả thực hiện chỉ tiêu tháng","en":"Report the month''s indicator results"}',
           'u-' || o || '-' || (n % ${PEOPLE_PER_ORGANISATION}),
           CASE WHEN n % 20 = 7 THEN '["u-' || o || '-head"]'
                WHEN n % 200 = 13 THEN '["u-' || o || '-head","u-' || o || '-' || (n % 7) || '"]'
                ELSE '[]' END,
           'unit-' || (n % 7), 'obj-' || (n % 6 + 1), y || '-' || lpad(month::text, 2, '0'),
           '{"indicators":[{"id":"ind-1","unit":"%","target":{"op":">=","value":80}}],"steps":[]}',
           status,
           to_char(due - interval '10 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           to_char(due, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           CASE WHEN status = 'open' THEN NULL ELSE to_char(due, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END,
           CASE WHEN status = 'completed' THEN 'u-' || o || '-' || (n % ${PEOPLE_PER_ORGANISATION}) END,
           CASE WHEN status = 'completed' THEN '{"numerator":80,"denominator":100}' END,
           n % 9 = 0, 'none'
    FROM (
      SELECT n,
             'o' || lpad((n % ${ORGANISATIONS})::text, 4, '0') AS o,
             2022 + (n / ${ORGANISATIONS}) % 3 AS y,
             (n / ${ORGANISATIONS * 3}) % 12 + 1 AS month,
             (${kinds})[n % ${KINDS.length} + 1] AS kind,
             make_timestamp(2022 + (n / ${ORGANISATIONS}) % 3, (n / ${ORGANISATIONS * 3}) % 12 + 1, 10, 17, 0, 0) AS due,
             CASE
               WHEN 2022 + (n / ${ORGANISATIONS}) % 3 < 2024 THEN
                 (ARRAY['completed','completed','completed','completed','completed','completed','completed','resolved','cancelled','expired'])[n % 10 + 1]
               WHEN (n / 7) % 5 = 0 THEN 'open'
               ELSE 'completed'
             END AS status
      FROM generate_series(1, ${count}) AS n
    ) AS t`);
}

/**
 * The measured person's inbox in their own organisation: 3 years × 12 months × 7 tasks assigned to
 * them (those of 2024 from August on still open, so some overdue and some not yet due), and 12 of a
 * colleague's tasks on which they are a delegate (half alone, half with a deputy; a third open).
 */
async function fillInbox(pg: PgClient, organisationCode: string, me: string, colleague: string) {
  const kinds = `ARRAY[${KINDS.map((k) => `'${k}'`).join(',')}]`;
  await pg.query(
    `
    INSERT INTO tasks (id, cycle_id, workflow_id, kind, title, assignee_user_id, delegate_user_ids,
                       unit_code, objective_id, period_key, form, status, opened_at, due_at, closed_at,
                       completed_by, outcome, late, escalation_level)
    SELECT 'quality-cycle/' || $1 || '/' || y || '/bench/' || n,
           $1 || '-' || y, 'quality-cycle/' || $1 || '/' || y, (${kinds})[n % ${KINDS.length} + 1],
           '{"vi":"Báo cáo","en":"Report"}',
           CASE WHEN n <= 252 THEN $2 ELSE $3 END,
           CASE WHEN n <= 252 THEN '[]' WHEN n % 2 = 0 THEN '["' || $2 || '"]'
                ELSE '["' || $3 || '-deputy","' || $2 || '"]' END,
           'tthc', 'obj-' || (n % 6 + 1), y || '-' || lpad(month::text, 2, '0'), NULL,
           CASE WHEN y = 2024 AND month >= 8 THEN 'open' WHEN n > 252 AND n % 3 = 0 THEN 'open'
                ELSE 'completed' END,
           to_char(due - interval '10 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           to_char(due, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           NULL, NULL, NULL, false, 'none'
    FROM (
      SELECT n, 2022 + (n - 1) % 3 AS y, ((n - 1) / 3) % 12 + 1 AS month,
             -- 2024's open months fall around today, so that "overdue" finds some and not all.
             CASE WHEN 2022 + (n - 1) % 3 = 2024
                  THEN now() + (((n - 1) / 3) % 12 - 9) * interval '20 days'
                  ELSE make_timestamp(2022 + (n - 1) % 3, ((n - 1) / 3) % 12 + 1, 10, 17, 0, 0) END AS due
      FROM generate_series(1, 264) AS n
    ) AS t`,
    [organisationCode, me, colleague],
  );
}

/** The tasks query the API runs for one request, with its parameters, from TypeORM's query runner. */
async function captureInboxQuery(
  suite: ApiSuite,
  request: () => Promise<unknown>,
): Promise<{ sql: string; parameters: unknown[] }> {
  const runner = suite.api.get(DataSource).createQueryRunner();
  const prototype = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
  await runner.release();
  const original = prototype.query;
  const seen: { sql: string; parameters: unknown[] }[] = [];
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [sql, parameters] = args as [string, unknown[] | undefined];
    if (/FROM "tasks"/.test(sql) && !/COUNT\(/i.test(sql)) seen.push({ sql, parameters: parameters ?? [] });
    return original.apply(this, args);
  };
  try {
    await request();
  } finally {
    prototype.query = original;
  }
  if (seen.length !== 1) throw new Error(`expected one tasks query, saw ${seen.length}`);
  return seen[0];
}
