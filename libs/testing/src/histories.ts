import type { temporal } from '@temporalio/proto';

/**
 * The activity type of a local activity's marker in a workflow history, else undefined. A local
 * activity leaves no ActivityTaskScheduled event, only this marker (`core_local_activity`), whose
 * details carry the type but not the input.
 */
export function localActivityType(event: temporal.api.history.v1.IHistoryEvent): string | undefined {
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== 'core_local_activity') return undefined;
  const data = marker.details?.data?.payloads?.[0]?.data;
  return data
    ? (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string }).activity_type
    : undefined;
}

/**
 * The activities a history scheduled and never saw end (completed, failed, timed out or cancelled),
 * by type. Read at a workflow's end: an activity still out when its workflow ended is never
 * carried out if no worker had started it.
 */
export function activitiesStillOut(events: readonly temporal.api.history.v1.IHistoryEvent[]): string[] {
  const scheduled = new Map<string, string>();
  for (const event of events) {
    const type = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (type) scheduled.set(String(event.eventId), type);
    const ended =
      event.activityTaskCompletedEventAttributes ??
      event.activityTaskFailedEventAttributes ??
      event.activityTaskTimedOutEventAttributes ??
      event.activityTaskCanceledEventAttributes;
    if (ended) scheduled.delete(String(ended.scheduledEventId));
  }
  return [...scheduled.values()];
}

/**
 * Why each workflow task of a history failed (`WorkflowTaskFailed`, e.g. "Unhandled Promise
 * rejection: …"): [] for a workflow that never stalled. A failed workflow task is retried, and a
 * replay in the same order fails it again: the workflow then hangs.
 */
export function workflowTaskFailures(events: readonly temporal.api.history.v1.IHistoryEvent[]): string[] {
  return events
    .map((event) => event.workflowTaskFailedEventAttributes)
    .filter((failed) => failed !== undefined && failed !== null)
    .map((failed) => failed.failure?.message ?? String(failed.cause));
}
