import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';
import { undocumentedAnswers } from './support/openapi-coverage';

/**
 * Correcting a reported figure (issue #9) over HTTP, on the real API and worker, PostgreSQL and the
 * time-skipping Temporal server: objective 3's first quarter reported by the staff member it was
 * given to, then corrected by the head of the objective's unit.
 */
describe('correcting a reported figure over HTTP (API, worker, PostgreSQL, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `kt-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const correctPath = `/api/v1/cycles/${cycleId}/objectives/obj-3/measurements/2024-Q1/correct`;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
  });

  afterAll(() => suite?.close());

  /** A real short wait for what follows an answer; days on the time-skipping clock for the calendar. */
  async function eventually<T>(what: string, probe: () => Promise<T | undefined>, days = 0): Promise<T> {
    for (let attempt = 0; attempt < 100 + days; attempt++) {
      const found = await probe();
      if (found !== undefined) return found;
      if (attempt < 100 && days === 0) await new Promise((r) => setTimeout(r, 100));
      else await env.sleep('1 day');
    }
    throw new Error(`${what} did not happen`);
  }
  const taskOf = (local: string, kind: string, days = 0): Promise<TaskSummary> =>
    eventually(`a ${kind} task for ${local}`, async () => (await org.inbox(local, kind))[0], days);
  const complete = (local: string, taskId: string, outcome: unknown) =>
    org.as(local, 'POST', taskPath(taskId, '/complete'), { outcome });

  it('reaches the first quarter of objective 3, reported 10 of 10 by the staff member', async () => {
    const started = await org.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode,
      year: 2024,
      templateId: 'kontum-2024',
      rehearsal: true,
    });
    expect(started.status).toBe(201);
    const approval = await taskOf('leader', 'objectives-approval');
    expect(
      (
        await complete('leader', approval.id, {
          decision: 'approve',
          documentNumber: '123/QĐ-UBND',
          signingDate: '2024-01-05',
        })
      ).status,
    ).toBe(200);
    const assignment = await taskOf('qmr', 'assignment-acceptance');
    const detail = await org.as<{ form: { objectives: { id: string; proposedUnitCode: string }[] } }>(
      'qmr',
      'GET',
      taskPath(assignment.id),
    );
    const delegations = detail.body.form.objectives.map((o) => ({
      objectiveId: o.id,
      unitCode: o.proposedUnitCode,
    }));
    expect((await complete('qmr', assignment.id, { accepted: true, delegations })).status).toBe(200);
    await org.tokenOf('staff.tthc');
    const tthc = await taskOf('head.tthc', 'unit-acceptance');
    expect(
      (
        await complete('head.tthc', tthc.id, {
          accepted: true,
          staffDelegations: [{ objectiveId: 'obj-3', userId: org.idOf('staff.tthc') }],
        })
      ).status,
    ).toBe(200);
    const tonghop = await taskOf('head.tonghop', 'unit-acceptance');
    expect((await complete('head.tonghop', tonghop.id, { accepted: true })).status).toBe(200);
    const centre = await taskOf('qmr', 'unit-acceptance');
    expect((await complete('qmr', centre.id, { accepted: true })).status).toBe(200);

    const report = await taskOf('staff.tthc', 'measurement-report', 130);
    expect(report).toMatchObject({ objectiveId: 'obj-3', periodKey: '2024-Q1' });
    const reported = await complete('staff.tthc', report.id, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
      evidence: ['BC-CCHC-Q1-2024'],
    });
    expect(reported.status).toBe(200);
    const objective = await eventually('the Q1 status', async () => {
      const answer = await org.as<{ status: string; statusHistory: unknown[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/objectives/obj-3`,
      );
      return answer.body.statusHistory.length > 0 ? answer.body : undefined;
    });
    expect(objective.status).toBe('on-track');
  });

  it('wants a reason (400 naming it) and refuses the head of another unit (403)', async () => {
    const withoutReason = await org.as('head.tthc', 'POST', correctPath, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
    });
    expect(withoutReason.body).toMatchObject({
      statusCode: 400,
      details: { fields: { reason: expect.any(Array) } },
    });
    const byAnotherHead = await org.as('head.tonghop', 'POST', correctPath, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
      reason: 'Đơn vị khác sửa hộ',
    });
    expect(byAnotherHead.status).toBe(403);
    const unfit = await org.as<{ code: string; details: { problems: { path: string }[] } }>(
      'head.tthc',
      'POST',
      correctPath,
      {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 11, denominator: 10 }],
        reason: 'Tính lại',
      },
    );
    expect(unfit.status).toBe(422);
    expect(unfit.body.details.problems.map((p) => p.path)).toEqual([
      'figures[obj-3-reform-targets].numerator',
    ]);
    const notReported = await org.as(
      'head.tthc',
      'POST',
      `/api/v1/cycles/${cycleId}/objectives/obj-3/measurements/2024-Q2/correct`,
      { figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 1, denominator: 1 }], reason: 'Chưa có' },
    );
    expect(notReported.status).toBe(409);
    const unknownObjective = await org.as(
      'head.tthc',
      'POST',
      `/api/v1/cycles/${cycleId}/objectives/obj-9/measurements/2024-Q1/correct`,
      {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 1, denominator: 1 }],
        reason: 'Không có',
      },
    );
    expect(unknownObjective.status).toBe(404);
  });

  it("lets the unit head correct it: both values kept, the objective's status evaluated again", async () => {
    const reason = 'Báo cáo quý I tính cả 2 nhiệm vụ chưa hoàn thành';
    const corrected = await org.as('head.tthc', 'POST', correctPath, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
      reason,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      objectiveId: 'obj-3',
      periodKey: '2024-Q1',
      previous: [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
      reason,
      correctedBy: org.idOf('head.tthc'),
      statusBefore: 'on-track',
      status: 'at-risk',
    });

    // The measurement now reads the corrected figure; the event keeps both, who, when and why.
    const measurements = await org.as<{
      items: { periodKey: string; numerator: number; reportedBy: string }[];
    }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-3`);
    expect(measurements.body.items).toEqual([
      expect.objectContaining({ periodKey: '2024-Q1', numerator: 8, reportedBy: org.idOf('staff.tthc') }),
    ]);
    const log = await org.as<{ items: { type: string; actor: string; payload: Record<string, unknown> }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/events?type=measurement.corrected`,
    );
    expect(log.body.items).toEqual([
      expect.objectContaining({
        actor: org.idOf('head.tthc'),
        payload: expect.objectContaining({
          objectiveId: 'obj-3',
          periodKey: '2024-Q1',
          previous: [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
          figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
          reason,
          statusBefore: 'on-track',
          status: 'at-risk',
        }),
      }),
    ]);
    const objective = await org.as<{ status: string }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/objectives/obj-3`,
    );
    expect(objective.body.status).toBe('at-risk');
    // At risk now: the Quality Representative gets the follow-up, as after a report.
    const followUp = await taskOf('qmr', 'at-risk-follow-up');
    expect(followUp).toMatchObject({ objectiveId: 'obj-3', periodKey: '2024-Q1' });

    // The same figures again change nothing: 422 naming figures.
    const same = await org.as<{ details: { problems: { path: string }[] } }>(
      'staff.tthc',
      'POST',
      correctPath,
      {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
        reason: 'Lặp lại',
      },
    );
    expect(same.status).toBe(422);
    expect(same.body.details.problems.map((p) => p.path)).toEqual(['figures']);
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(suite.http)).toEqual([]);
  });
});
