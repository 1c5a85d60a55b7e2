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
