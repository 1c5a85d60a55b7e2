/**
 * The bare-Temporal baselines of bench/many-agencies.bench.ts, bundled for a worker of the bench's
 * own (never qcycle's). Imports only @temporalio/workflow and types.
 *  - bareUpdatesWorkflow: answers each Update at once (the Temporal floor of an Update);
 *  - bareLocalActivityUpdatesWorkflow: answers each Update once one local activity (a no-op) has
 *    run — the floor a completion recorded before its answer stands on (issue #11);
 *  - sameCommandsCycleWorkflow + sameCommandsPhaseWorkflow: a parent starting one child per phase,
 *    whose Updates issue exactly the commands the bench counted in qcycle's history for that step
 *    (activities, local activities, signals to the parent, timers, child starts), before and after
 *    the answer as qcycle does.
 */
import {
  CancellationScope,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { BareActivities, CommandMix, StepCommands } from './history-commands';

const { benchRecord } = proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute' });
const { benchRecord: benchRecordLocally } = proxyLocalActivities<BareActivities>({
  startToCloseTimeout: '1 minute',
});

export const bareStepUpdate = defineUpdate<number, [StepCommands | null]>('bareStep');
export const bareProgressSignal = defineSignal('bareProgress');
export const bareDoneSignal = defineSignal('bareDone');
/** How many steps a workflow has answered; the bench asks it once before timing, so that every workflow is loaded. */
export const bareStepsQuery = defineQuery<number>('bareSteps');

export async function bareUpdatesWorkflow(): Promise<number> {
  let steps = 0;
  let done = false;
  setHandler(bareStepUpdate, () => ++steps);
  setHandler(bareStepsQuery, () => steps);
  setHandler(bareDoneSignal, () => void (done = true));
  await condition(() => done);
  return steps;
}

/** Each Update awaits one local activity, then answers; nothing else happens in the workflow. */
export async function bareLocalActivityUpdatesWorkflow(): Promise<number> {
  let steps = 0;
  let done = false;
  setHandler(bareStepUpdate, async () => {
    await benchRecordLocally();
    return ++steps;
  });
  setHandler(bareStepsQuery, () => steps);
  setHandler(bareDoneSignal, () => void (done = true));
  await condition(() => done);
  return steps;
}

export async function sameCommandsCycleWorkflow(phases: string[]): Promise<number> {
  let progress = 0;
  setHandler(bareProgressSignal, () => void progress++);
  const { workflowId } = workflowInfo();
  const children = [];
  for (const phase of phases)
    children.push(
      await startChild(sameCommandsPhaseWorkflow, {
        workflowId: `${workflowId}/${phase}`,
        args: [workflowId],
      }),
    );
  await Promise.all(children.map((child) => child.result()));
  return progress;
}

export async function sameCommandsPhaseWorkflow(parentId: string): Promise<number> {
  const parent = getExternalWorkflowHandle(parentId);
  let steps = 0;
  let done = false;
  let timers: CancellationScope[] = [];
  const afterAnswers: CommandMix[] = [];
  const issue = async (mix: CommandMix) => {
    for (let i = 0; i < mix.activities; i++) await benchRecord();
    for (let i = 0; i < mix.localActivities; i++) await benchRecordLocally();
    for (let i = 0; i < mix.signals; i++) await parent.signal(bareProgressSignal);
    for (let i = 0; i < mix.timers; i++) {
      const scope = new CancellationScope();
      scope.run(() => sleep('365 days')).catch(() => undefined);
      timers.push(scope);
    }
    for (let i = 0; i < mix.childStarts; i++)
      await startChild(bareUpdatesWorkflow, {
        workflowId: `${workflowInfo().workflowId}/child/${steps}/${i}`,
      });
  };
  setHandler(bareStepUpdate, async (commands) => {
    // As a completed task's reminder and escalation timers are cancelled when it is answered.
    for (const timer of timers) timer.cancel();
    timers = [];
    if (commands) {
      await issue(commands.beforeAnswer);
      afterAnswers.push(commands.afterAnswer);
    }
    return ++steps;
  });
  setHandler(bareDoneSignal, () => void (done = true));
  setHandler(bareStepsQuery, () => steps);
  for (;;) {
    await condition(() => afterAnswers.length > 0 || done);
    const next = afterAnswers.shift();
    if (!next) break;
    await issue(next);
  }
  for (const timer of timers) timer.cancel();
  return steps;
}
