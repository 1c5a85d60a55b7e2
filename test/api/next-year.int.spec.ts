import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { YearOverHttp } from './support/year-over-http';
import { taskPath, type DemoOrganisation } from './support/demo-organisation';
import { HELD_REVIEW } from './support/year-fixtures';

/**
 * Next year in one action (issue #9): once a year has closed, its draft for next year is read and
 * next year's cycle started from it over HTTP — 404 before the close, 403 for someone who is neither
 * the Quality Representative nor an administrator, 201 once, 409 the second time. The real API and
 * worker, PostgreSQL, the time-skipping Temporal server; a 2024 rehearsal.
 */
describe("next year's cycle from the closed year's draft over HTTP (API, worker, PostgreSQL, time-skipping Temporal)", () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  const organisationCode = `ny-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const nextYearPath = `/api/v1/cycles/${cycleId}/next-year`;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
  });

  afterAll(() => suite?.close());

  const eventually = <T>(what: string, probe: () => Promise<T | undefined>, days = 0) =>
    year.eventually(what, probe, days);
  const taskOf = (local: string, kind: string, days = 0) => year.taskOf(local, kind, days);
  const complete = (local: string, taskId: string, outcome: unknown) => year.complete(local, taskId, outcome);

  it('answers 404 before the year has closed', async () => {
    await year.start(organisationCode);
    expect((await org.as('qmr', 'GET', nextYearPath)).status).toBe(404);
    expect((await org.as('qmr', 'POST', nextYearPath, {})).status).toBe(404);
  });

  it('holds the year: approval, assignment, the review with an action for the head of a unit', async () => {
    await year.approve({ decision: 'approve', documentNumber: '123/QĐ-UBND' });
    await year.assignAsProposed();
    await year.acceptUnits();

    await env.sleep('330 days');
    const review = await taskOf('leader', 'management-review', 60);
    // A due date before the review is refused, naming the field.
    const backDated = await complete('leader', review.id, {
      ...HELD_REVIEW,
      actions: [{ ...HELD_REVIEW.actions[0], dueDate: '2024-01-31' }],
    });
    expect(backDated.status).toBe(422);
    expect(JSON.stringify(backDated.body)).toContain('actions[0].dueDate');
    expect((await complete('leader', review.id, HELD_REVIEW)).status).toBe(200);
    // The action is its owner's task: the head of the unit named.
    const action = await taskOf('head.tthc', 'review-action');
    expect(action).toMatchObject({ unitCode: 'vp-kiemsoat-tthc', dueAt: expect.any(String) });
    const actionDetail = await org.as<{ title: { vi: string } }>('head.tthc', 'GET', taskPath(action.id));
    expect(actionDetail.body.title.vi).toContain(HELD_REVIEW.actions[0].title);
  });

  it("prepares next year's draft at the close; 403 for the wrong person, 201 to start it, 409 twice", async () => {
    const draft = await eventually(
      "next year's draft",
      async () => {
        const answer = await org.as<{
          year: number;
          nextCycleId: string;
          draft: { year: number; objectives: { id: string }[] };
          previousActions: { status: string; carriedForward?: boolean }[];
        }>('qmr', 'GET', nextYearPath);
        return answer.status === 200 ? answer.body : undefined;
      },
      80,
    );
    expect(draft).toMatchObject({
      year: 2025,
      nextCycleId: `${organisationCode}-2025`,
      draft: { year: 2025 },
      previousActions: [{ title: HELD_REVIEW.actions[0].title, status: 'open', carriedForward: true }],
    });
    expect(draft.draft.objectives.map((o) => o.id)).toEqual(['obj-1', 'obj-2', 'obj-3', 'obj-4', 'obj-5']);

    expect((await org.as('staff.tthc', 'POST', nextYearPath, {})).status).toBe(403);
    expect((await org.as('leader', 'POST', nextYearPath, {})).status).toBe(403);

    const started = await org.as<{ id: string; year: number }>('qmr', 'POST', nextYearPath, {
      rehearsal: true,
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ id: `${organisationCode}-2025`, year: 2025 });
    const again = await org.as<{ code: string }>('admin', 'POST', nextYearPath, { rehearsal: true });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CYCLE_ALREADY_STARTED');
    expect((await org.as('qmr', 'GET', nextYearPath)).body).toMatchObject({
      startedBy: org.idOf('qmr'),
      startedAt: expect.any(String),
    });

    // Next year's cycle carries this year's action into its review (ISO 9.3.2 a).
    const history = await env.client.workflow
      .getHandle(`quality-cycle/${organisationCode}/2025`)
      .fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    const input = JSON.parse(Buffer.from(payload?.data as Uint8Array).toString('utf8')) as {
      previousActions: { title: string; status: string }[];
      draft: { year: number };
    };
    expect(input.draft.year).toBe(2025);
    expect(input.previousActions).toEqual([
      expect.objectContaining({ title: HELD_REVIEW.actions[0].title, status: 'open' }),
    ]);
  });
});
