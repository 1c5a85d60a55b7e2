import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';

/**
 * A real year's dates are not moved before today: an audit window opening in the past would open at
 * once with its programme and plan already overdue. Next year, real (not a rehearsal), started
 * today; then most of its year passes on the time-skipping server, whose clock the cycle reads, and
 * the Quality Representative tries to move the audit back. Real API and worker, PostgreSQL.
 */
describe("a real year's dates not moved into the past (API, worker, PostgreSQL, time-skipping Temporal)", () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `dr-${uniqueSuffix()}`;
  // Next year: every date of its calendar is still ahead today, whenever this runs.
  const year = new Date().getUTCFullYear() + 1;
  const datesPath = `/api/v1/cycles/${organisationCode}-${year}/dates`;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
    const started = await org.as('qmr', 'POST', '/api/v1/cycles', { organisationCode, year });
    expect(started.status).toBe(201);
  });

  afterAll(() => suite?.close());

  it('refuses an audit window opening before today with 422 naming the field, and moves one ahead', async () => {
    // Into September of the cycle's year (its audit, October by default, not begun).
    const [now] = new Date(await env.currentTimeMs()).toISOString().split('T');
    const september = Date.UTC(year, 8, 10) - Date.parse(now);
    await env.sleep(september);

    const refused = await org.as<{ code: string; details: { problems: { path: string; reason: string }[] } }>(
      'qmr',
      'POST',
      datesPath,
      {
        auditWindow: { from: `${year}-08-03`, to: `${year}-10-30` },
        reason: 'Đánh giá đã làm trên giấy từ tháng 8',
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('RULE_VIOLATED');
    const { problems } = refused.body.details;
    expect(problems.map((p) => p.path)).toEqual(['auditWindow.from']);
    // Today, as the cycle's clock has it: a day of September.
    expect(problems.find((p) => p.path === 'auditWindow.from')?.reason).toContain(`/09/${year}`);

    const moved = await org.as('qmr', 'POST', datesPath, {
      auditWindow: { from: `${year}-10-12`, to: `${year}-11-13` },
      reason: 'Đoàn kiểm tra của tỉnh làm việc đầu tháng 10',
    });
    expect(moved.status).toBe(200);
  });
});
