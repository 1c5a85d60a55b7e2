/**
 * Counts the Temporal commands a workflow issued for each Update, from its recorded history: the
 * commands from the Update's acceptance to its completion (before the answer) and from there to the
 * next Update's acceptance (after the answer). Pure: no workflow code, no SDK beyond types.
 */
import type { temporal } from '@temporalio/proto';

export interface CommandMix {
  activities: number;
  localActivities: number;
  /** Signals sent to another workflow (qcycle's children tell the cycle). */
  signals: number;
  timers: number;
  childStarts: number;
}

export interface StepCommands {
  beforeAnswer: CommandMix;
  afterAnswer: CommandMix;
}

export interface BareActivities {
  benchRecord(): Promise<void>;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const none = (): CommandMix => ({ activities: 0, localActivities: 0, signals: 0, timers: 0, childStarts: 0 });

/** One `StepCommands` per Update in the history, with the Update's id, in order of acceptance. */
export function commandsPerUpdate(events: HistoryEvent[]): { updateId: string; commands: StepCommands }[] {
  const steps: { updateId: string; commands: StepCommands }[] = [];
  let current: { updateId: string; commands: StepCommands } | undefined;
  let answered = false;
  for (const event of events) {
    if (event.workflowExecutionUpdateAcceptedEventAttributes) {
      current = {
        updateId: event.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest?.meta?.updateId ?? '',
        commands: { beforeAnswer: none(), afterAnswer: none() },
      };
      steps.push(current);
      answered = false;
      continue;
    }
    if (!current) continue;
    if (event.workflowExecutionUpdateCompletedEventAttributes) {
      answered = true;
      continue;
    }
    const mix = answered ? current.commands.afterAnswer : current.commands.beforeAnswer;
    if (event.activityTaskScheduledEventAttributes) mix.activities++;
    else if (event.markerRecordedEventAttributes?.markerName === 'core_local_activity') mix.localActivities++;
    else if (event.signalExternalWorkflowExecutionInitiatedEventAttributes) mix.signals++;
    else if (event.timerStartedEventAttributes) mix.timers++;
    else if (event.startChildWorkflowExecutionInitiatedEventAttributes) mix.childStarts++;
  }
  return steps;
}

/** A mix as one short string: `2 act, 1 sig` (zeros left out). */
export function describeMix(mix: CommandMix): string {
  const parts = [
    [mix.activities, 'act'],
    [mix.localActivities, 'local act'],
    [mix.signals, 'sig'],
    [mix.timers, 'timer'],
    [mix.childStarts, 'child'],
  ]
    .filter(([count]) => count)
    .map(([count, name]) => `${count} ${name}`);
  return parts.length ? parts.join(', ') : 'nothing';
}
