import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** Where an Update's time went, read from the history of the workflow that took it. */
export interface UpdateWorkflowTask {
  /** From the workflow task's scheduling to a worker picking it up (the server's dispatch). */
  dispatchMs: number;
  /** From the worker picking it up to its completion: the workflow code and its local activities. */
  workerMs: number;
  /** The events that workflow task's completion wrote (markers, the Update's, activities, timers…). */
  events: number;
}

const millis = (event: HistoryEvent) =>
  Number(event.eventTime?.seconds ?? 0) * 1000 + (event.eventTime?.nanos ?? 0) / 1e6;

/**
 * One entry per Update the workflow accepted: the workflow task that accepted it is the last one
 * completed before the acceptance event (an Update's acceptance is written with that task's
 * completion). Its scheduled, started and completed events' times split the Update into the
 * server's dispatch and the worker's hold; the events after the completion up to the next
 * scheduling are what it wrote.
 */
export function updateWorkflowTasks(events: HistoryEvent[]): UpdateWorkflowTask[] {
  const before = (index: number, has: (event: HistoryEvent) => unknown) => {
    let i = index;
    while (i >= 0 && !has(events[i])) i--;
    return i;
  };
  const tasks: UpdateWorkflowTask[] = [];
  events.forEach((event, index) => {
    if (!event.workflowExecutionUpdateAcceptedEventAttributes) return;
    const completed = before(index, (e) => e.workflowTaskCompletedEventAttributes);
    const started = before(completed, (e) => e.workflowTaskStartedEventAttributes);
    const scheduled = before(started, (e) => e.workflowTaskScheduledEventAttributes);
    if (scheduled < 0) return;
    const next = events.findIndex((e, i) => i > completed && e.workflowTaskScheduledEventAttributes);
    tasks.push({
      dispatchMs: millis(events[started]) - millis(events[scheduled]),
      workerMs: millis(events[completed]) - millis(events[started]),
      events: (next < 0 ? events.length : next) - completed - 1,
    });
  });
  return tasks;
}
