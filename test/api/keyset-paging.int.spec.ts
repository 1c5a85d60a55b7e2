import { DataSource } from 'typeorm';
import { EventLogEntryEntity, TaskEntity } from '@qcycle/persistence';
import { uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import { undocumentedAnswers } from './support/openapi-coverage';

interface CursorPage {
  items: { id: string }[];
  total: number;
  nextCursor: string | null;
}

/**
 * Keyset paging of the inbox and the event log (issue #11): `after` = the previous page's
 * `nextCursor`. Rows are written here as the records activities write them, since what is under test
 * is the paging of many rows (a worker would take minutes to open 40 tasks for one person), and rows
 * are added between pages, before the cursor's row in the order, which an offset would shift. The
 * inbox's `due` filters are checked on such rows too, dated relative to now: a cycle's own tasks are
 * due on its calendar, so whether one is "soon" would depend on the day the suite runs.
 */
describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('keyset paging on %s', (kind) => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `kp-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;

  beforeAll(async () => {
    suite = await startApiSuite({ database: kind });
    org = await suite.seedDemoOrganisation(organisationCode);
    await org.tokenOf('staff.tthc');
    await org.tokenOf('head.tthc');
    await org.tokenOf('staff.tonghop');
  });

  afterAll(async () => {
    await suite?.close();
  });

  const task = (n: number, dueAt: string | null, assignee: string, delegates: string[] = []) =>
    ({
      id: `quality-cycle/${organisationCode}/2024/bench/${String(n).padStart(3, '0')}`,
      cycleId,
      workflowId: `quality-cycle/${organisationCode}/2024`,
      kind: 'measurement-report',
      title: { vi: 'Báo cáo', en: 'Report' },
      assigneeUserId: assignee,
      delegateUserIds: delegates,
      unitCode: 'tthc',
      objectiveId: 'obj-4',
      periodKey: null,
      form: null,
      status: 'open',
      openedAt: '2024-01-01T00:00:00.000Z',
      dueAt,
      closedAt: null,
      completedBy: null,
      outcome: null,
      late: false,
      escalationLevel: 'none',
    }) satisfies Partial<TaskEntity>;

  /** Pages a list by cursor, calling `between` after the first page. */
  async function pageByCursor(who: string, path: string, between: () => Promise<void>) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const url: string = `${path}${separator}limit=7${after ? `&after=${after}` : ''}`;
      const answer = await org.as<CursorPage>(who, 'GET', url);
      expect(answer.status).toBe(200);
      ids.push(...answer.body.items.map((item) => item.id));
      after = answer.body.nextCursor;
      if (page === 0) await between();
      if (!after) return ids;
    }
    throw new Error('more than 20 pages');
  }

  it('pages the inbox by cursor: due date (undated last), then id; rows added between pages neither repeat nor skip one', async () => {
    const me = org.idOf('staff.tthc');
    const colleague = org.idOf('head.tthc');
    const tasks = suite.api.get(DataSource).getRepository(TaskEntity);
    const day = (d: number) => new Date(Date.UTC(2030, 0, 1) + d * 86_400_000).toISOString();
    // 30 tasks of mine, 3 undated and two on the same day; 6 of a colleague's delegated to me; 4 not mine.
    const before = [
      ...Array.from({ length: 30 }, (_, n) => task(n, n < 3 ? null : day(n === 4 ? 5 : n), me)),
      ...Array.from({ length: 6 }, (_, n) => task(100 + n, day(2 * n), colleague, [me])),
      ...Array.from({ length: 4 }, (_, n) => task(200 + n, day(n), colleague)),
    ];
    await tasks.insert(before);
    const mine = before.filter((t) => t.assigneeUserId === me || t.delegateUserIds.includes(me));

    const added = [task(300, day(-5), me), task(301, day(40), colleague, [me]), task(302, null, me)];
    const paged = await pageByCursor('staff.tthc', '/api/v1/me/tasks', () =>
      tasks.insert(added).then(() => undefined),
    );

    expect(new Set(paged).size).toBe(paged.length);
    expect(paged).toEqual(expect.arrayContaining(mine.map((t) => t.id)));
    // In the inbox's order: every dated task by due date then id, the undated last, on both databases.
    const all = [...before, ...added];
    const order = (id: string) => {
      const t = all.find((row) => row.id === id)!;
      return `${t.dueAt ?? '~'} ${t.id}`;
    };
    expect(paged.map(order)).toEqual([...paged.map(order)].sort());
    // The task added before the cursor's row was not seen, the ones after it were; nothing else.
    expect(paged).not.toContain(added[0].id);
    expect(paged).toEqual(expect.arrayContaining([added[1].id, added[2].id]));
    expect(paged).toHaveLength(mine.length + 2);

    // An offset over the same rows repeats one a row added before it shifted (why cursors exist).
    const firstPage = await org.as<CursorPage>('staff.tthc', 'GET', '/api/v1/me/tasks?limit=7');
    await tasks.insert(task(303, day(-9), me));
    const secondPage = await org.as<CursorPage>('staff.tthc', 'GET', '/api/v1/me/tasks?limit=7&offset=7');
    expect(secondPage.body.items[0].id).toBe(firstPage.body.items[6].id);
    expect(secondPage.body.total).toBe(firstPage.body.total + 1);
  });

  it('pages the event log by cursor, oldest first, ties by id; events appended between pages are read once', async () => {
    const events = suite.api.get(DataSource).getRepository(EventLogEntryEntity);
    const entry = (n: number, occurredAt: string) => ({
      id: `${cycleId}/bench/${String(n).padStart(3, '0')}`,
      cycleId,
      type: 'task.opened',
      actor: 'system',
      occurredAt,
      requestId: null,
      payload: { n },
    });
    const at = (s: number) => new Date(Date.UTC(2024, 0, 1) + s * 1000).toISOString();
    // 25 events, every three sharing an instant.
    const before = Array.from({ length: 25 }, (_, n) => entry(n, at(Math.floor(n / 3))));
    await events.insert(before);
    // Appended while the first page is read: one at the instant of the cursor's row, later by id.
    const appended = [entry(90, at(2)), entry(91, at(100))];
    const path = `/api/v1/cycles/${cycleId}/events`;
    const paged = await pageByCursor('qmr', path, () => events.insert(appended).then(() => undefined));

    expect(new Set(paged).size).toBe(paged.length);
    // Every event once, in the log's order: by instant, then by id.
    expect(paged).toEqual(
      [...before, ...appended]
        .sort((a, b) => (`${a.occurredAt} ${a.id}` < `${b.occurredAt} ${b.id}` ? -1 : 1))
        .map((e) => e.id),
    );

    // Filters and cursor together; offset still pages as before.
    const typed = await org.as<CursorPage>('qmr', 'GET', `${path}?type=task.&limit=5&offset=5`);
    expect(typed.status).toBe(200);
    expect(typed.body.items.map((e) => e.id)).toEqual(paged.slice(5, 10));

    // Newest first: what happened last on the first page, the same events by cursor, none twice;
    // one appended meanwhile is newer than the cursor's row, so it is not among the later pages.
    const newest = await pageByCursor('qmr', `${path}?order=desc`, () =>
      events.insert(entry(92, at(200))).then(() => undefined),
    );
    expect(newest).toEqual([...paged].reverse());
  });

  it('filters the inbox by status (done = completed or resolved) and by due: overdue = open and past its due time, soon = open and due within 7 days', async () => {
    const me = org.idOf('staff.tonghop');
    const tasks = suite.api.get(DataSource).getRepository(TaskEntity);
    const fromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const done = { status: 'completed', closedAt: fromNow(-2), completedBy: me } as const;
    await tasks.insert([
      task(400, fromNow(-1), me), // overdue
      task(401, fromNow(24), me), // soon
      task(402, fromNow(6 * 24), me), // soon, near the edge
      task(403, fromNow(8 * 24), me), // later
      task(404, null, me), // undated: neither
      { ...task(405, fromNow(-24), me), ...done }, // was due, but completed: not overdue
      { ...task(406, fromNow(24), me), ...done }, // completed: not due soon
      { ...task(407, fromNow(-24), me), status: 'resolved', closedAt: fromNow(-3) }, // closed itself
      { ...task(408, fromNow(24), me), status: 'cancelled', closedAt: fromNow(-3) }, // its cycle was cancelled
    ]);
    const ids = async (query: string) => {
      const answer = await org.as<{ items: { id: string; overdue: boolean }[] }>(
        'staff.tonghop',
        'GET',
        `/api/v1/me/tasks${query}`,
      );
      expect(answer.status).toBe(200);
      return answer.body.items.map((item) => `${item.id.slice(-3)}${item.overdue ? ' overdue' : ''}`);
    };

    expect(await ids('?due=overdue')).toEqual(['400 overdue']);
    expect(await ids('?due=soon')).toEqual(['401', '402']);
    expect(await ids('')).toEqual(['400 overdue', '401', '402', '403', '404']);
    expect(await ids('?status=completed')).toEqual(['405', '406']);
    expect(await ids('?status=resolved')).toEqual(['407']);
    // What was done: latest closed first (ties by id), the history one looks back through.
    expect(await ids('?status=done')).toEqual(['406', '405', '407']);
    expect(await ids('?status=cancelled')).toEqual(['408']);
  });

  it('pages what was done by cursor, latest closed first; a task closed between pages comes on none of the later ones', async () => {
    const me = org.idOf('head.tthc');
    const tasks = suite.api.get(DataSource).getRepository(TaskEntity);
    const closed = (n: number, day: number) => ({
      ...task(n, null, me),
      status: 'completed' as const,
      completedBy: me,
      closedAt: `2024-03-${String(day).padStart(2, '0')}T02:00:00.000Z`,
    });
    // Twenty done tasks, closed on 1–20 March; three undated ones (closed, never dated) last.
    await tasks.insert([
      ...Array.from({ length: 20 }, (_, i) => closed(500 + i, i + 1)),
      ...[520, 521, 522].map((n) => ({ ...task(n, null, me), status: 'resolved' as const })),
    ]);
    const read = await pageByCursor('head.tthc', '/api/v1/me/tasks?status=done', () =>
      tasks.insert(closed(530, 25)).then(() => undefined),
    );
    const numbers = read.filter((id) => id.includes('/bench/')).map((id) => Number(id.slice(-3)));
    expect(numbers).toEqual([...Array.from({ length: 20 }, (_, i) => 519 - i), 522, 521, 520]);
  });

  it('says no worker is running when none polls the task queue (this suite starts none), without a token', async () => {
    const worker = await suite.http.call<{ code: string; details: Record<string, unknown> }>(
      'GET',
      '/health/worker',
    );
    expect(worker.status).toBe(503);
    expect(worker.body).toMatchObject({
      code: 'WORKFLOW_UNAVAILABLE',
      details: { worker: { status: 'down', workers: 0 } },
    });
  });

  it('refuses a cursor that is not one (400 when malformed, 422 when well-formed but not issued by the list), naming after', async () => {
    const malformed = await org.as<{ details: { fields: Record<string, string[]> } }>(
      'staff.tthc',
      'GET',
      '/api/v1/me/tasks?after=not%20a%20cursor',
    );
    expect([malformed.status, Object.keys(malformed.body.details.fields)]).toEqual([400, ['after']]);
    for (const path of ['/api/v1/me/tasks', `/api/v1/cycles/${cycleId}/events`]) {
      const answer = await org.as<{ code: string; details: { fields: Record<string, string[]> } }>(
        'qmr',
        'GET',
        `${path}?after=${Buffer.from('[1,2,3]').toString('base64url')}`,
      );
      expect([answer.status, answer.body.code, Object.keys(answer.body.details.fields)]).toEqual([
        422,
        'RULE_VIOLATED',
        ['after'],
      ]);
    }
    expect(await undocumentedAnswers(suite.http)).toEqual([]);
  });
});
