import { eventually } from '@qcycle/testing';
import type { Answer } from '../api/support/http-recorder';
import { CycleWalk, APPROVE, year } from './support/cycle-walk';
import { FaultStack } from './support/fault-stack';

/**
 * Races: the same task completed at the same moment through the API. What docs/api.md promises:
 * the same answer repeated by the same person is applied once and answered the same 200 (a double
 * click, two tabs); someone else, or the same person with a different answer, gets 409 CONFLICT.
 * Either way the outcome is recorded once, as the one who won gave it.
 */

/** Both requests leave together; the answers in the order given. */
const together = (...requests: (() => Promise<Answer>)[]) => Promise.all(requests.map((send) => send()));

describe('races: two completions of one task at the same moment', () => {
  let stack: FaultStack;
  let walk: CycleWalk;

  beforeAll(async () => {
    stack = await FaultStack.start();
    walk = await CycleWalk.begin(stack, [
      'qmr',
      'leader',
      'head.tthc',
      'head.tonghop',
      'staff.tthc',
      'staff.tonghop',
    ]);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('the same person sending the same answer twice (two tabs): both 200 with the same result, applied once', async () => {
    const task = await walk.approvalTask();
    const [first, second] = await together(
      () => walk.complete('leader', task.id, APPROVE),
      () => walk.complete('leader', task.id, APPROVE),
    );
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    await walk.expectCompletedOnce(task.id, 'leader', APPROVE);
  });

  it('the same person with two different answers at once: one 200, the other 409, the winner’s recorded', async () => {
    const task = await walk.taskOf('qmr', 'assignment-acceptance');
    const delegations = await walk.delegations(task.id);
    const answers = [
      { accepted: true, delegations },
      { accepted: true, delegations: [...delegations].reverse() },
    ];
    const results = await together(
      () => walk.complete('qmr', task.id, answers[0]),
      () => walk.complete('qmr', task.id, answers[1]),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.findIndex((r) => r.status === 200);
    expect(results[1 - winner].body).toMatchObject({ code: 'CONFLICT' });
    await walk.expectCompletedOnce(task.id, 'qmr', answers[winner]);
  });

  it('two people (Lan and her unit head) reporting the same quarter at once: one 200, the other 409, recorded once', async () => {
    await walk.acceptUnits();
    await walk.reportTask();
    const reports = await walk.org.inbox('staff.tthc', 'measurement-report');
    const quarters = reports.filter((t) => t.objectiveId === 'obj-3' && t.periodKey?.startsWith(`${year}-Q`));
    expect(quarters.length).toBeGreaterThan(0);
    // Each quarter already over is one more race: Lan with 10 of 10, her head with 9 of 10.
    for (const report of quarters) {
      const figures = (numerator: number) => ({
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator, denominator: 10 }],
        evidence: [`BC-CCHC-${report.periodKey}`],
      });
      const results = await together(
        () => walk.complete('staff.tthc', report.id, figures(10)),
        () => walk.complete('head.tthc', report.id, figures(9)),
      );
      expect({ period: report.periodKey, statuses: results.map((r) => r.status).sort() }).toEqual({
        period: report.periodKey,
        statuses: [200, 409],
      });
      const [lan, head] = results;
      const winner =
        lan.status === 200 ? { local: 'staff.tthc', numerator: 10 } : { local: 'head.tthc', numerator: 9 };
      expect((lan.status === 200 ? head : lan).body).toMatchObject({ code: 'CONFLICT' });
      expect((lan.status === 200 ? lan : head).body).toMatchObject({
        completedBy: walk.org.idOf(winner.local),
      });
      await walk.expectCompletedOnce(report.id, winner.local, figures(winner.numerator));
      const measured = await eventually(`the ${report.periodKey} measurement`, async () => {
        const rows = await walk.count('measurements', 'objective_id = $2 AND period_key = $3', [
          'obj-3',
          report.periodKey,
        ]);
        return rows > 0 ? rows : undefined;
      });
      expect(measured).toBe(1);
    }
  });
});
