/**
 * The history budget (issue #11, "History budget"): how many events each workflow of a year writes,
 * against a budget of 2,000 per workflow (Temporal itself warns at 10,240 events and stops a workflow
 * at 51,200; we want each far below, so that replays and worker caches stay cheap). Above the budget,
 * or within 25 % of it, a workflow needs continue-as-new.
 *
 * Two years of the Kon Tum 2024 cycle on the time-skipping server with the real worker, records in
 * PostgreSQL (test/workflows/support/time-skipping-suite.ts):
 *  - a full year, as test/workflows/kontum-2024-year.int.spec.ts drives it: approval returned once,
 *    delegation, twelve monthly and four quarterly reports (May's late, after its escalation), an
 *    at-risk follow-up, the audit with a corrective action, the review, the close;
 *  - a silent year: approved and assigned, then nobody answers anything: every report is reminded,
 *    escalated twice and expires, the audit is chased and not closed, the review not held. The most
 *    timers a year's tasks can fire without anybody answering.
 * Each workflow of the tree (the cycle and every child, found from the histories' child starts) is
 * printed with its events, its history's size and what makes most of it. Counts, not times.
 * Run with `npm run bench -- history-budget`.
 */
import type { Client } from '@temporalio/client';
import { QUALITY_CYCLE_WORKFLOW } from '@qcycle/contracts';
import { TaskEntity } from '@qcycle/persistence';
import { uniqueSuffix } from '@qcycle/testing';
import { APPROVE, DELEGATIONS, kontumCycle } from '../test/workflows/support/cycle-fixtures';
import { kontumYearSteps } from '../test/workflows/support/kontum-year';
import {
  startTimeSkippingSuite,
  type TimeSkippingSuite,
} from '../test/workflows/support/time-skipping-suite';

const BUDGET = 2_000;
const NEAR = 0.75 * BUDGET;

interface WorkflowHistory {
  workflowId: string;
  type: string;
  events: number;
  bytes: number;
  byKind: Record<string, number>;
}

/** Every workflow of the tree under `workflowId`, parent first, from the child starts in each history. */
async function historiesOf(client: Client, workflowId: string): Promise<WorkflowHistory[]> {
  const found: WorkflowHistory[] = [];
  const queue = [workflowId];
  while (queue.length) {
    const id = queue.shift()!;
    const history = await client.workflow.getHandle(id).fetchHistory();
    const events = history.events ?? [];
    const byKind: Record<string, number> = {};
    for (const event of events) {
      const kind = Object.keys(event)
        .find((key) => key.endsWith('EventAttributes'))
        ?.replace('EventAttributes', '');
      if (kind) byKind[kind] = (byKind[kind] ?? 0) + 1;
      const child = event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
      if (child) queue.push(child);
    }
    found.push({
      workflowId: id,
      type: events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '?',
      events: events.length,
      bytes: JSON.stringify(history).length,
      byKind,
    });
  }
  return found;
}

/**
 * The cycle's own history grows with every task of the year (each child tells the cycle when a task
 * opens, is reminded or escalated, and closes, and each signal is a workflow task on the cycle): at
 * its rate per task, how many tasks, and how many monthly objectives (12 reports each), it takes to
 * reach 75 % and 100 % of the budget.
 */
function parentProjection(parent: WorkflowHistory, tasks: number): string {
  const perTask = parent.events / tasks;
  const at = (events: number) => Math.floor(events / perTask);
  return (
    `  the cycle: ${parent.events} events for the year's ${tasks} tasks = ${perTask.toFixed(1)} per task; at that rate ` +
    `${at(NEAR)} tasks reach ${NEAR} events and ${at(BUDGET)} reach ${BUDGET} ` +
    `(about ${Math.floor(at(NEAR) / 12)} and ${Math.floor(at(BUDGET) / 12)} monthly objectives' reports)`
  );
}

function budgetReport(title: string, workflows: WorkflowHistory[]): string {
  const verdict = (events: number) =>
    events > BUDGET ? 'OVER BUDGET' : events >= NEAR ? 'within 25 % of the budget' : '';
  const top = (w: WorkflowHistory) =>
    Object.entries(w.byKind)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ');
  const width = Math.max(...workflows.map((w) => w.workflowId.length));
  return [
    `${title} (budget ${BUDGET} events per workflow; continue-as-new at or above ${NEAR}):`,
    ...workflows.map(
      (w) =>
        `  ${w.workflowId.padEnd(width)}  ${w.type.padEnd(22)} ${String(w.events).padStart(5)} events ` +
        `${((100 * w.events) / BUDGET).toFixed(0).padStart(3)} %  ${(w.bytes / 1024).toFixed(0).padStart(5)} KB  ` +
        `${verdict(w.events).padEnd(26)} ${top(w)}`,
    ),
    `  largest: ${Math.max(...workflows.map((w) => w.events))} events; over budget: ${
      workflows.filter((w) => w.events > BUDGET).length
    }; within 25 %: ${workflows.filter((w) => w.events >= NEAR && w.events <= BUDGET).length}`,
  ].join('\n');
}

describe('history budget: the events of each workflow of a Kon Tum 2024 year (time-skipping server)', () => {
  let suite: TimeSkippingSuite;
  beforeAll(async () => {
    suite = await startTimeSkippingSuite();
  });
  afterAll(() => suite?.close());

  it('counts every workflow of a full year against the 2,000-event budget', async () => {
    const org = `kt-${uniqueSuffix()}`;
    const cycle = kontumCycle(org, { rehearsal: true });
    const { input, ids } = cycle;
    const { env, config, driver } = suite;
    const handle = await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });

    // The year of test/workflows/kontum-2024-year.int.spec.ts, without its assertions.
    const year = kontumYearSteps(driver, cycle);
    await year.approveAfterOneReturn();
    await year.assign();
    for (let m = 1; m <= 9; m++) {
      if (m === 5) await year.untilMayEscalated();
      await year.reportObjective4(m);
      if (m % 3 === 0) await year.reportQuarter(m / 3);
      if (m === 6) await year.followUpObjective3();
    }
    await year.holdAudit();
    await year.reportObjective4(10);
    await year.reportObjective4(11);
    await year.holdReview();
    await year.reportObjective4(12);
    await year.reportQuarter(4);
    await handle.result();

    const workflows = await historiesOf(env.client, ids.workflowId);
    const tasks = await suite.dataSource.getRepository(TaskEntity).countBy({ cycleId: input.cycleId });
    console.log(
      `${budgetReport('a full Kon Tum 2024 year', workflows)}\n${parentProjection(workflows[0], tasks)}`,
    );
    expect(workflows.length).toBeGreaterThanOrEqual(9);
  });

  it('counts every workflow of a silent year (approved and assigned, then nobody answers)', async () => {
    const org = `ks-${uniqueSuffix()}`;
    const { input, ids, user } = kontumCycle(org, { rehearsal: true });
    const { env, config, driver } = suite;
    const handle = await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    await driver.complete(`${ids.approval}/approve/1`, user.leader, {
      ...APPROVE,
      signingDate: '2024-01-05',
    });
    await driver.complete(`${ids.assignment}/accept`, user.qr, DELEGATIONS);
    await driver.complete(`${ids.assignment}/unit/vp-tonghop`, user.head('vp-tonghop'), { accepted: true });
    await driver.complete(`${ids.assignment}/unit/vp-ttpvhcc`, user.head('vp-ttpvhcc'), { accepted: true });
    await handle.result(); // the time-skipping client lets the year pass while it waits

    const workflows = await historiesOf(env.client, ids.workflowId);
    const tasks = await suite.dataSource.getRepository(TaskEntity).countBy({ cycleId: input.cycleId });
    console.log(
      `${budgetReport('a silent Kon Tum 2024 year', workflows)}\n${parentProjection(workflows[0], tasks)}`,
    );
    expect(workflows.length).toBeGreaterThanOrEqual(5);
  });
});
