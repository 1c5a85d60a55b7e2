/**
 * The bare-Temporal baselines of bench/many-agencies.bench.ts and bench/task-completion-over-http.bench.ts,
 * bundled for a worker of the bench's own (never qcycle's). Imports only @temporalio/workflow and types.
 *  - bareUpdatesWorkflow: answers each Update at once (the Temporal floor of an Update);
 *  - bareLocalActivityUpdatesWorkflow: answers each Update once one local activity (a no-op) has
 *    run — the floor a completion recorded before its answer stands on (issue #11);
 *  - sameCommandsCycleWorkflow + sameCommandsPhaseWorkflow: a parent and its children that issue, per
 *    step, exactly the commands the bench counted in qcycle's histories of that step
 *    (bench/support/history-commands.ts `StepScript`): the updated child's before and after its
 *    answer, the parent's reaction (it hears of the step from the child's first signal, or from its
 *    end), and the opening commands of each child the step starts. Each part's commands are issued
 *    all at once (one workflow task where the kinds allow): the fewest workflow tasks those commands
 *    can take, which is the floor qcycle is compared with.
 */
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
// history-commands is pure (its one SDK import is a type): the bundle takes its empty mix, not a copy.
import { noCommands, type BareActivities, type CommandMix, type StepScript } from './history-commands';

const { benchRecord } = proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute' });
const { benchRecord: benchRecordLocally } = proxyLocalActivities<BareActivities>({
  startToCloseTimeout: '1 minute',
});

export const bareStepUpdate = defineUpdate<number, [StepScript | null]>('bareStep');
export const bareProgressSignal = defineSignal<[Reaction[]]>('bareProgress');
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

/** What a parent hears from a child about a step: the commands it issues in reaction. */
interface Reaction {
  parent: CommandMix;
  started: CommandMix[];
  /** The child that took the step: where the parent's own signals go. */
  from: string;
}

/** Patch ids used so far in this workflow: each new one records one marker, as qcycle's first `patched()` calls do. */
let patchesMade = 0;

/**
 * Issues a mix's commands at once: activities, local activities, signals, child starts; timers start
 * and stay until a later mix cancels them (the oldest first), as a task's reminders do until it is
 * answered.
 */
async function issueAll(
  mix: CommandMix,
  timers: CancellationScope[],
  signal: () => Promise<void>,
  startChildren: (count: number) => Promise<unknown>[],
): Promise<void> {
  for (const timer of timers.splice(0, mix.cancelledTimers)) timer.cancel();
  for (let i = 0; i < mix.patches; i++) patched(`bench-${patchesMade++}`);
  for (let i = 0; i < mix.timers; i++) {
    const scope = new CancellationScope();
    scope.run(() => sleep('365 days')).catch(() => undefined);
    timers.push(scope);
  }
  await Promise.all([
    ...Array.from({ length: mix.activities }, () => benchRecord()),
    ...Array.from({ length: mix.localActivities }, () => benchRecordLocally()),
    ...Array.from({ length: mix.signals }, () => signal()),
    ...startChildren(mix.childStarts),
  ]);
}

/**
 * The parent (the cycle's stand-in). Its own start issues `start` (the commands counted at the
 * cycle's start, the first child with its opening commands among them); then each reaction it hears,
 * from a child's signal or end, issues that step's parent commands. Children are named `<id>/child-<n>`
 * in the order started, as qcycle's cycle started its children. Runs until `bareDone`.
 */
export async function sameCommandsCycleWorkflow(start: StepScript): Promise<number> {
  const { workflowId } = workflowInfo();
  let children = 0;
  let heard = 0;
  let done = false;
  const timers: CancellationScope[] = [];
  const react = (reaction: Reaction): Promise<void> => {
    const openings = [...reaction.started];
    return issueAll(
      reaction.parent,
      timers,
      // The parent's own signals go to the child that took the step (ignored there); a child already
      // ended refuses them, which is still one command issued.
      () =>
        getExternalWorkflowHandle(reaction.from)
          .signal(bareProgressSignal, [])
          .catch(() => undefined),
      (count) =>
        Array.from({ length: count }, async () => {
          const child = await startChild(sameCommandsPhaseWorkflow, {
            workflowId: `${workflowId}/child-${children++}`,
            args: [workflowId, openings.shift() ?? noCommands()],
          });
          void child.result().then((ended) => Promise.all(ended.map(react)));
        }),
    );
  };
  setHandler(bareProgressSignal, (reactions: Reaction[]) => {
    heard++;
    for (const reaction of reactions) void react(reaction);
  });
  setHandler(bareDoneSignal, () => void (done = true));
  setHandler(bareStepsQuery, () => heard);
  await react({ parent: start.beforeAnswer, started: start.started, from: workflowId });
  await condition(() => done);
  return heard;
}

/**
 * A child: issues its opening commands, then for each step's Update those before the answer, the
 * answer, and those after it. Its signals go to the parent. The parent hears of each step's reaction
 * from the next signal the child sends, whichever step's it is, or from its end: in qcycle the cycle
 * reacts to a child's signal or end too, but with concurrent steps the one that carried it is not
 * always the one it is counted under. A step that ends the workflow ends it once all its Updates are
 * answered.
 */
export async function sameCommandsPhaseWorkflow(parentId: string, opening: CommandMix): Promise<Reaction[]> {
  const { workflowId } = workflowInfo();
  const parent = getExternalWorkflowHandle(parentId);
  const reactions: Reaction[] = [];
  const signal = () => parent.signal(bareProgressSignal, reactions.splice(0));
  const timers: CancellationScope[] = [];
  let steps = 0;
  let done = false;
  let children = 0;
  let ending: StepScript | undefined;
  const afterAnswers: StepScript[] = [];
  const startChildren = (count: number) =>
    Array.from({ length: count }, () =>
      startChild(bareUpdatesWorkflow, { workflowId: `${workflowId}/bare-${children++}` }),
    );
  setHandler(bareStepUpdate, async (script) => {
    steps++;
    if (script) {
      if (Object.values(script.parent).some(Boolean) || script.started.length)
        reactions.push({ parent: script.parent, started: script.started, from: workflowId });
      await issueAll(script.beforeAnswer, timers, signal, startChildren);
      afterAnswers.push(script);
    }
    return steps;
  });
  setHandler(bareDoneSignal, () => void (done = true));
  setHandler(bareStepsQuery, () => steps);
  await issueAll(opening, timers, signal, startChildren);
  for (;;) {
    await condition(
      () =>
        afterAnswers.length > 0 ||
        done ||
        (ending !== undefined && steps >= ending.updatesOfWorkflow && allHandlersFinished()),
    );
    const next = afterAnswers.shift();
    if (next) {
      await issueAll(next.afterAnswer, timers, signal, startChildren);
      if (next.afterAnswer.completes) ending = next;
      continue;
    }
    for (const timer of timers) timer.cancel();
    return ending && !done ? reactions.splice(0) : [];
  }
}
