import { defaultCycleCalendar, loadTemplate } from '@qcycle/domain';
import { eventually, uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import type { HttpRecorder } from './support/http-recorder';
import { undocumentedAnswers } from './support/openapi-coverage';

/** POST /cycles/{cycleId}/dates: the Quality Representative moves the audit window or the review date. */
describe('moving the dates of a running cycle over HTTP (real API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;
  const organisationCode = `kt-${uniqueSuffix()}`;
  // Its objectives are never approved here, so the audit and the review never start, whatever today's
  // date: both stay movable. A rehearsal, so that no date of its year has passed whenever this runs.
  const cycleId = `${organisationCode}-2027`;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true });
    http = suite.http;
    org = await suite.seedDemoOrganisation(organisationCode);
    const started = await http.call('POST', '/api/v1/cycles', {
      token: await org.tokenOf('qmr'),
      body: { organisationCode, year: 2027, rehearsal: true },
    });
    expect(started.status).toBe(201);
  });

  afterAll(() => suite?.close());

  it('lets only the Quality Representative move them, and wants a reason', async () => {
    const qmr = await org.tokenOf('qmr');
    const byLeader = await http.call('POST', `/api/v1/cycles/${cycleId}/dates`, {
      token: await org.tokenOf('leader'),
      body: { reviewDate: '2027-12-20', reason: 'Lịch công tác của lãnh đạo' },
    });
    expect(byLeader.status).toBe(403);
    const withoutReason = await http.call('POST', `/api/v1/cycles/${cycleId}/dates`, {
      token: qmr,
      body: { reviewDate: '2027-12-20' },
    });
    expect(withoutReason.body).toMatchObject({
      statusCode: 400,
      details: { fields: { reason: expect.any(Array) } },
    });
    const malformed = await http.call('POST', `/api/v1/cycles/${cycleId}/dates`, {
      token: qmr,
      body: { auditWindow: { from: '2027-11-2' }, reason: 'Thanh tra tỉnh' },
    });
    expect(malformed.body).toMatchObject({
      statusCode: 400,
      details: { fields: { 'auditWindow.from': expect.any(Array), 'auditWindow.to': expect.any(Array) } },
    });
    expect(
      (
        await http.call('POST', `/api/v1/cycles/${organisationCode}-2099/dates`, {
          token: qmr,
          body: { reviewDate: '2099-12-20', reason: 'Không có năm này' },
        })
      ).status,
    ).toBe(404);
  });

  it('refuses dates that no longer make a calendar with 422 naming the field', async () => {
    // A window ending after the review (15 December) leaves the review before the audit.
    const refused = await http.call<{ code: string; details: { problems: { path: string }[] } }>(
      'POST',
      `/api/v1/cycles/${cycleId}/dates`,
      {
        token: await org.tokenOf('qmr'),
        body: { auditWindow: { from: '2027-11-01', to: '2027-12-24' }, reason: 'Thanh tra tỉnh' },
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('RULE_VIOLATED');
    expect(refused.body.details.problems).toEqual([expect.objectContaining({ path: 'reviewDate' })]);
  });

  it('moves the audit window and the review date, recorded in the event log with the reason', async () => {
    const qmr = await org.tokenOf('qmr');
    const reason = 'Đoàn thanh tra của tỉnh làm việc trong tháng 10; dời đánh giá nội bộ sang tháng 11';
    const moved = await http.call('POST', `/api/v1/cycles/${cycleId}/dates`, {
      token: qmr,
      headers: { 'x-request-id': `move-${uniqueSuffix()}` },
      body: { auditWindow: { from: '2027-11-01', to: '2027-11-19' }, reviewDate: '2027-12-21', reason },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      auditWindow: { from: '2027-11-01', to: '2027-11-19' },
      reviewDate: '2027-12-21',
      movedBy: expect.any(String),
    });
    const entry = await eventually('the cycle.dates-moved record', async () => {
      const log = await http.call<{
        items: { type: string; actor: string; payload: Record<string, unknown> }[];
      }>('GET', `/api/v1/cycles/${cycleId}/events?type=cycle.dates-moved`, { token: qmr });
      return log.body.items[0];
    });
    expect(entry).toMatchObject({
      type: 'cycle.dates-moved',
      actor: (moved.body as { movedBy: string }).movedBy,
      payload: {
        reason,
        before: { auditWindow: { from: '2027-10-01', to: '2027-10-31' } },
        after: { auditWindow: { from: '2027-11-01', to: '2027-11-19' }, managementReviewDate: '2027-12-21' },
      },
    });
    // The cycle says the dates it now goes by, for its timeline; its close is the calendar's.
    const view = await http.call<{ live: { dates?: unknown } }>('GET', `/api/v1/cycles/${cycleId}`, {
      token: await org.tokenOf('staff.tthc'),
    });
    expect(view.body.live.dates).toEqual({
      auditWindow: { from: '2027-11-01', to: '2027-11-19' },
      managementReviewDate: '2027-12-21',
      closeDate: defaultCycleCalendar(2027).closeDate,
      // Still awaiting its approval: when its first steps are due, and when the first report opens
      // (the rehearsal's days, shifted to now).
      startOfYear: { approvalDue: expect.any(String), unitAcceptanceDue: expect.any(String) },
      firstReport: { periodKey: '2027-01', opensOn: expect.any(String) },
    });
  });

  it("refuses with 422 naming the field a draft whose objective 4 shares its cases with another objective's indicator", async () => {
    // Objective 4's two shares count the same dossiers (sameCasesAs): the reference must stay in the objective.
    const draft = structuredClone(loadTemplate('kontum-2024'));
    const onTime = draft.objectives[3].indicators[1];
    expect(onTime).toMatchObject({ id: 'obj-4-on-time', sameCasesAs: 'obj-4-per-process' });
    if (onTime.kind === 'ratio') onTime.sameCasesAs = 'obj-2-key-tasks';
    const refused = await http.call<{ code: string; details: { problems: { path: string }[] } }>(
      'POST',
      '/api/v1/cycles',
      { token: await org.tokenOf('qmr'), body: { organisationCode, year: 2024, draft } },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('DRAFT_INVALID');
    expect(refused.body.details.problems.map((p) => p.path)).toEqual([
      'objectives[3].indicators[1].sameCasesAs',
    ]);
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(http)).toEqual([]);
  });
});
