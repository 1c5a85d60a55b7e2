import type { Client } from '@temporalio/client';

/**
 * Where a workflow waits, in a few lines for a test's failure message: its status, its pending
 * activities (attempt and last failure), the last events of its history, and the same for each
 * child it waits for. A wait that times out in a full run under load then says what it waited for,
 * which a rerun on a quiet machine may never show again.
 */
export async function workflowWhereabouts(client: Client, workflowId: string, depth = 1): Promise<string> {
  try {
    const handle = client.workflow.getHandle(workflowId);
    const { status, raw } = await handle.describe();
    const lines = [`${workflowId}: ${status.name}`];
    for (const activity of raw.pendingActivities ?? [])
      lines.push(
        `  activity ${activity.activityType?.name} attempt ${activity.attempt} state ${activity.state}` +
          (activity.lastFailure?.message ? ` last failure: ${activity.lastFailure.message}` : ''),
      );
    const events = (await handle.fetchHistory()).events ?? [];
    const last = events.slice(-8).map((event) => `${String(event.eventId)} ${eventName(event)}`);
    lines.push(`  last events (of ${events.length}): ${last.join(', ')}`);
    const children = raw.pendingChildren ?? [];
    for (const child of children) {
      if (!child.workflowId) continue;
      lines.push(
        depth > 0
          ? (await workflowWhereabouts(client, child.workflowId, depth - 1)).replace(/^/gm, '  ')
          : `  child ${child.workflowId}`,
      );
    }
    return lines.join('\n');
  } catch (error) {
    return `${workflowId}: not described (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** An event by the one attributes field it carries: `activityTaskScheduled`, `workflowExecutionCancelRequested`… */
function eventName(event: object): string {
  const [field] = Object.entries(event).find(
    ([key, value]) => key.endsWith('EventAttributes') && value !== null && value !== undefined,
  ) ?? ['unknown'];
  return field.replace(/EventAttributes$/, '');
}
