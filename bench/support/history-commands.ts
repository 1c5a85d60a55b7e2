/**
 * Counts the Temporal commands each step (each Update) of a workflow family caused, from the family's
 * recorded histories: the parent (the cycle) and its children. A step's commands are not only the
 * ones the updated workflow issues: its signals and its end wake the parent, whose workflow tasks
 * issue commands of their own (records, child starts), and the children it starts issue theirs. So
 * each workflow task of every history is given a cause, followed back to the Update that set it off:
 *  - the workflow task in which an Update is accepted: that Update;
 *  - an activity's completion (or a timer's cancel, a signal's delivery): the workflow task that
 *    scheduled it;
 *  - a signal received: the workflow task of the family that sent it (matched by signal name and
 *    payload: a receiver's history does not name the sender);
 *  - a child's start (in the child: its first workflow task) and the parent hearing it started: the
 *    parent's workflow task that started it; a child's end heard by the parent: the child's workflow
 *    task that ended it;
 *  - a timer fired: `time` (the calendar, not a step); a signal from outside the family: `outside`;
 *    the root's own start: `start`;
 *  - a workflow task with nothing of these (a local activity's heartbeat): the cause of the one before.
 * Commands are read from positions: a command event belongs to the workflow task completed right
 * before it (the time-skipping server writes `workflowTaskCompletedEventId` as the started event's id,
 * so that field is not used). Pure: no workflow code, no SDK beyond types.
 */
import type { temporal } from '@temporalio/proto';

export interface CommandMix {
  activities: number;
  /** Local activities, counted by their markers. */
  localActivities: number;
  /** Signals sent to another workflow (qcycle's children tell the cycle). */
  signals: number;
  timers: number;
  cancelledTimers: number;
  childStarts: number;
  /** `patched()` markers (docs/versioning.md): no round trip, but a command and an event each. */
  patches: number;
  /** The workflow ended (CompleteWorkflowExecution). */
  completes: number;
  /**
   * Any other command (search attributes — the SDK upserts one with a patch's first marker —, cancel
   * requests, continue-as-new…): not issued by the baseline itself.
   */
  others: number;
}

/** Everything one step caused, by where it happened: what a same-commands baseline must reproduce. */
export interface StepScript {
  /** In the workflow that received the Update, up to its answer (the Update completed event). */
  beforeAnswer: CommandMix;
  /** In the same workflow, after the answer. */
  afterAnswer: CommandMix;
  /** In the family's root (the cycle): its reaction to the step. */
  parent: CommandMix;
  /** In each child the step started, in the order the parent started them: its own first commands. */
  started: CommandMix[];
  /** In other workflows of the family that already existed: not reproduced by the baseline. */
  elsewhere: CommandMix;
  /**
   * How many steps the updated workflow answers in all: a baseline workflow that ends (`completes`)
   * waits until it has answered that many, whichever of its concurrent Updates carried the end.
   */
  updatesOfWorkflow: number;
}

/** A step's workflow tasks by where they ran: not commands, but what the commands cost the worker. */
export interface StepWorkflowTasks {
  updated: number;
  parent: number;
  started: number;
  elsewhere: number;
}

export interface CountedStep {
  step: string;
  workflowId: string;
  updateId: string;
  script: StepScript;
  workflowTasks: StepWorkflowTasks;
  /** The ids of the children the step started, in order. */
  startedIds: string[];
}

export interface BareActivities {
  benchRecord(): Promise<void>;
}

export interface FamilyHistory {
  workflowId: string;
  events: HistoryEvent[];
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export const noCommands = (): CommandMix => ({
  activities: 0,
  localActivities: 0,
  signals: 0,
  timers: 0,
  cancelledTimers: 0,
  childStarts: 0,
  patches: 0,
  completes: 0,
  others: 0,
});

/** Which kind of command an event records, or undefined when it records none. */
function commandKind(event: HistoryEvent): keyof CommandMix | undefined {
  if (event.activityTaskScheduledEventAttributes) return 'activities';
  if (event.markerRecordedEventAttributes)
    return event.markerRecordedEventAttributes.markerName === 'core_local_activity'
      ? 'localActivities'
      : event.markerRecordedEventAttributes.markerName === 'core_patch'
        ? 'patches'
        : 'others';
  if (event.signalExternalWorkflowExecutionInitiatedEventAttributes) return 'signals';
  if (event.timerStartedEventAttributes) return 'timers';
  if (event.timerCanceledEventAttributes) return 'cancelledTimers';
  if (event.startChildWorkflowExecutionInitiatedEventAttributes) return 'childStarts';
  if (event.workflowExecutionCompletedEventAttributes) return 'completes';
  if (
    event.requestCancelExternalWorkflowExecutionInitiatedEventAttributes ||
    event.activityTaskCancelRequestedEventAttributes ||
    event.upsertWorkflowSearchAttributesEventAttributes ||
    event.workflowPropertiesModifiedEventAttributes ||
    event.workflowExecutionContinuedAsNewEventAttributes ||
    event.workflowExecutionFailedEventAttributes
  )
    return 'others';
  return undefined;
}

const idOf = (event: HistoryEvent) => String(event.eventId);
const payloadKey = (
  name: string | null | undefined,
  input: temporal.api.common.v1.IPayloads | null | undefined,
) =>
  `${name}:${(input?.payloads ?? []).map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('base64')).join(',')}`;

/**
 * The commands of each step of the family, in the order the steps' Updates were accepted.
 * `stepOf(workflowId, n)` names the n-th Update (0-based) accepted by that workflow, or returns
 * undefined for an Update that is not a step. `rootId` is the parent of the family.
 * The first step is the root's own start, named `start`. Also returns the workflow tasks and commands
 * of what no step caused (`time`, `outside`).
 */
export function commandsPerStep(
  histories: FamilyHistory[],
  rootId: string,
  stepOf: (workflowId: string, n: number) => string | undefined,
): { steps: CountedStep[]; unattributed: Record<string, { commands: CommandMix; workflowTasks: number }> } {
  // Per history: each event's owning workflow task (the WorkflowTaskCompleted event before it), the
  // events by id, the Updates accepted in each workflow task.
  const index = new Map<
    string,
    {
      events: HistoryEvent[];
      byEventId: Map<string, HistoryEvent>;
      ownerOf: Map<string, string>;
      positionOf: Map<string, number>;
    }
  >();
  for (const h of histories) {
    const byEventId = new Map<string, HistoryEvent>();
    const ownerOf = new Map<string, string>();
    const positionOf = new Map<string, number>();
    let owner = '';
    h.events.forEach((event, position) => {
      byEventId.set(idOf(event), event);
      positionOf.set(idOf(event), position);
      if (event.workflowTaskCompletedEventAttributes) owner = idOf(event);
      ownerOf.set(idOf(event), owner);
    });
    index.set(h.workflowId, { events: h.events, byEventId, ownerOf, positionOf });
  }

  // Steps: each accepted Update, named by the caller, with the workflow task that accepted it.
  const stepOfTask = new Map<string, string>(); // `${workflowId}#${workflowTaskId}` → step
  const emptyStep = (step: string, workflowId: string, updateId: string): CountedStep => ({
    step,
    workflowId,
    updateId,
    script: {
      beforeAnswer: noCommands(),
      afterAnswer: noCommands(),
      parent: noCommands(),
      started: [],
      elsewhere: noCommands(),
      updatesOfWorkflow: 0,
    },
    workflowTasks: { updated: 0, parent: 0, started: 0, elsewhere: 0 },
    startedIds: [],
  });
  // The root's start is counted as a step of its own (`start`): its commands are the root's, "before
  // the answer"; the baseline's parent issues them when it starts.
  const steps: CountedStep[] = [emptyStep('start', rootId, '')];
  for (const h of histories) {
    let n = 0;
    for (const event of h.events) {
      const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
      if (!accepted) continue;
      const step = stepOf(h.workflowId, n++);
      if (!step) continue;
      const key = `${h.workflowId}#${index.get(h.workflowId)!.ownerOf.get(idOf(event))}`;
      if (!stepOfTask.has(key)) stepOfTask.set(key, step);
      steps.push(emptyStep(step, h.workflowId, accepted.acceptedRequest?.meta?.updateId ?? ''));
    }
  }

  // Signals sent inside the family, by receiver and payload, in the order sent: the receiver takes
  // the first unclaimed one with the same name and payload.
  const sent = new Map<string, { workflowId: string; eventId: string }[]>();
  for (const h of histories)
    for (const event of h.events) {
      const s = event.signalExternalWorkflowExecutionInitiatedEventAttributes;
      if (!s) continue;
      const key = `${s.workflowExecution?.workflowId}|${payloadKey(s.signalName, s.input)}`;
      (sent.get(key) ?? sent.set(key, []).get(key)!).push({ workflowId: h.workflowId, eventId: idOf(event) });
    }
  const senderOf = new Map<string, { workflowId: string; eventId: string }>(); // receiver `${id}#${eventId}`
  for (const h of histories)
    for (const event of h.events) {
      const s = event.workflowExecutionSignaledEventAttributes;
      if (!s) continue;
      const sender = sent.get(`${h.workflowId}|${payloadKey(s.signalName, s.input)}`)?.shift();
      if (sender) senderOf.set(`${h.workflowId}#${idOf(event)}`, sender);
    }

  const causeMemo = new Map<string, string>();
  /** The cause of the workflow task completed at `taskId` in `workflowId`. */
  const causeOfTask = (workflowId: string, taskId: string): string => {
    const key = `${workflowId}#${taskId}`;
    const known = causeMemo.get(key) ?? stepOfTask.get(key);
    if (known) return known;
    const h = index.get(workflowId)!;
    const position = h.positionOf.get(taskId)!;
    // The triggers: what arrived since the workflow task before this one completed.
    const causes: string[] = [];
    let previousTask = '';
    for (let i = position - 1; i >= 0; i--) {
      const event = h.events[i];
      if (event.workflowTaskCompletedEventAttributes) {
        previousTask = idOf(event);
        break;
      }
      const cause = causeOfTrigger(workflowId, event);
      if (cause) causes.unshift(cause);
    }
    const stepCause = causes.find((c) => !['time', 'outside', 'start'].includes(c));
    const cause = stepCause ?? causes[0] ?? (previousTask ? causeOfTask(workflowId, previousTask) : 'start');
    causeMemo.set(key, cause);
    return cause;
  };
  /** The cause of whatever the command event `eventId` (in `workflowId`) was issued for. */
  const causeOfCommand = (workflowId: string, eventId: string | null | undefined): string | undefined => {
    const owner = index.get(workflowId)?.ownerOf.get(String(eventId));
    return owner ? causeOfTask(workflowId, owner) : undefined;
  };
  const causeOfTrigger = (workflowId: string, event: HistoryEvent): string | undefined => {
    if (event.workflowExecutionStartedEventAttributes) {
      const parentId = event.workflowExecutionStartedEventAttributes.parentWorkflowExecution?.workflowId;
      const parent = parentId ? index.get(parentId) : undefined;
      if (!parentId || !parent) return 'start';
      const initiated = parent.events.find(
        (e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId === workflowId,
      );
      return initiated ? causeOfCommand(parentId, idOf(initiated)) : 'start';
    }
    if (event.workflowExecutionSignaledEventAttributes) {
      const sender = senderOf.get(`${workflowId}#${idOf(event)}`);
      return sender ? causeOfCommand(sender.workflowId, sender.eventId) : 'outside';
    }
    if (event.timerFiredEventAttributes) return 'time';
    const scheduled =
      event.activityTaskCompletedEventAttributes?.scheduledEventId ??
      event.activityTaskFailedEventAttributes?.scheduledEventId ??
      event.activityTaskTimedOutEventAttributes?.scheduledEventId ??
      event.activityTaskCanceledEventAttributes?.scheduledEventId;
    if (scheduled) return causeOfCommand(workflowId, String(scheduled));
    const initiated =
      event.childWorkflowExecutionStartedEventAttributes?.initiatedEventId ??
      event.externalWorkflowExecutionSignaledEventAttributes?.initiatedEventId ??
      event.signalExternalWorkflowExecutionFailedEventAttributes?.initiatedEventId ??
      event.startChildWorkflowExecutionFailedEventAttributes?.initiatedEventId;
    if (initiated) return causeOfCommand(workflowId, String(initiated));
    const ended =
      event.childWorkflowExecutionCompletedEventAttributes ??
      event.childWorkflowExecutionFailedEventAttributes ??
      event.childWorkflowExecutionCanceledEventAttributes ??
      event.childWorkflowExecutionTerminatedEventAttributes ??
      event.childWorkflowExecutionTimedOutEventAttributes;
    if (ended) {
      const childId = ended.workflowExecution?.workflowId ?? '';
      const child = index.get(childId);
      const last = [...(child?.events ?? [])]
        .reverse()
        .find((e) => e.workflowExecutionCompletedEventAttributes ?? e.workflowExecutionFailedEventAttributes);
      return last
        ? causeOfCommand(childId, idOf(last))
        : causeOfCommand(workflowId, String(ended.initiatedEventId));
    }
    return undefined;
  };

  // Who started whom, and for which cause: a child belongs to the step that started it.
  const startedBy = new Map<string, string>(); // child id → cause
  const rootStarts: string[] = []; // the root's children in the order it started them
  for (const h of histories)
    for (const event of h.events) {
      const childId = event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
      if (!childId) continue;
      startedBy.set(childId, causeOfCommand(h.workflowId, idOf(event)) ?? 'start');
      if (h.workflowId === rootId) rootStarts.push(childId);
    }

  const unattributed: Record<string, { commands: CommandMix; workflowTasks: number }> = {};
  const stepsByName = new Map(steps.map((s) => [s.step, s]));
  for (const h of histories) {
    const { ownerOf } = index.get(h.workflowId)!;
    // Where the answer is, for the split before/after it in the updated workflow.
    const answeredAt = new Map<string, number>(); // step → position of its Update completed event
    h.events.forEach((event, position) => {
      const updateId = event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId;
      const step = steps.find((s) => s.workflowId === h.workflowId && s.updateId === updateId);
      if (step) answeredAt.set(step.step, position);
    });
    h.events.forEach((event, position) => {
      const isTask = Boolean(event.workflowTaskCompletedEventAttributes);
      const kind = commandKind(event);
      if (!isTask && !kind) return;
      const taskId = isTask ? idOf(event) : ownerOf.get(idOf(event));
      if (!taskId) return;
      const cause = causeOfTask(h.workflowId, taskId);
      const step = stepsByName.get(cause);
      if (!step) {
        const bucket = (unattributed[cause] ??= { commands: noCommands(), workflowTasks: 0 });
        if (isTask) bucket.workflowTasks++;
        else bucket.commands[kind!]++;
        return;
      }
      let mix: CommandMix;
      let where: keyof StepWorkflowTasks;
      if (h.workflowId === step.workflowId) {
        where = 'updated';
        mix =
          position < (answeredAt.get(step.step) ?? Infinity)
            ? step.script.beforeAnswer
            : step.script.afterAnswer;
      } else if (h.workflowId === rootId) {
        where = 'parent';
        mix = step.script.parent;
      } else if (startedBy.get(h.workflowId) === step.step) {
        where = 'started';
        let at = step.startedIds.indexOf(h.workflowId);
        if (at < 0) {
          step.startedIds.push(h.workflowId);
          step.script.started.push(noCommands());
          at = step.startedIds.length - 1;
        }
        mix = step.script.started[at];
      } else {
        where = 'elsewhere';
        mix = step.script.elsewhere;
      }
      if (isTask) step.workflowTasks[where]++;
      else mix[kind!]++;
    });
  }
  for (const step of steps)
    step.script.updatesOfWorkflow = steps.filter((s) => s.workflowId === step.workflowId).length;
  // The started children in the order the root started them (the baseline starts them in that order).
  for (const step of steps) {
    const order = step.startedIds.map((id) => rootStarts.indexOf(id));
    const sorted = step.startedIds.map((id, i) => ({ id, mix: step.script.started[i], at: order[i] }));
    sorted.sort((a, b) => a.at - b.at);
    step.startedIds = sorted.map((s) => s.id);
    step.script.started = sorted.map((s) => s.mix);
  }
  return { steps, unattributed };
}

/** The workflow ids of a family: the root and every child started in the given histories' starts. */
export function childIdsIn(events: HistoryEvent[]): string[] {
  return events.flatMap((e) => {
    const id = e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
    return id ? [id] : [];
  });
}

/** The sum of mixes. */
export function addMixes(...mixes: CommandMix[]): CommandMix {
  const total = noCommands();
  for (const mix of mixes)
    for (const key of Object.keys(total) as (keyof CommandMix)[]) total[key] += mix[key];
  return total;
}

/** A mix as one short string: `2 act, 1 sig` (zeros left out). */
export function describeMix(mix: CommandMix): string {
  const parts = (
    [
      [mix.activities, 'act'],
      [mix.localActivities, 'local act'],
      [mix.signals, 'sig'],
      [mix.timers, 'timer'],
      [mix.cancelledTimers, 'timer cancel'],
      [mix.childStarts, 'child'],
      [mix.patches, 'patch'],
      [mix.completes, 'end'],
      [mix.others, 'other'],
    ] as const
  )
    .filter(([count]) => count)
    .map(([count, name]) => `${count} ${name}`);
  return parts.length ? parts.join(', ') : '—';
}

/** A step's script as one line: `updated before | after | parent | started children`. */
export function describeScript(script: StepScript): string {
  return [
    describeMix(script.beforeAnswer),
    describeMix(script.afterAnswer),
    describeMix(script.parent),
    script.started.length ? `${script.started.length}× [${script.started.map(describeMix).join('; ')}]` : '—',
    ...(Object.values(script.elsewhere).some(Boolean) ? [`elsewhere ${describeMix(script.elsewhere)}`] : []),
  ].join(' | ');
}
