import { continueAsNew, isCancellation, log, sleep, workflowInfo } from '@temporalio/workflow';
import type { NotificationSweepInput } from '@qcycle/contracts';
import { notificationSweep as sweepActivities } from './activities';

/**
 * Re-sends notifications left `pending` (docs/notifications.md): sleeps an interval, sweeps, and
 * again, forever. The worker starts it once per task queue under a fixed workflow id
 * (`notificationSweepWorkflowId`), so however many workers run there is one sweep. After
 * `sweepsPerRun` sweeps, or sooner if the server suggests it, it continues as new with the same
 * input, so no run's history grows past about a thousand events.
 *
 * A failed sweep (database or worker trouble) is logged and the loop goes on: the rows stay
 * `pending` and the next sweep takes them.
 */
export async function notificationSweep(input: NotificationSweepInput): Promise<never> {
  for (let sweep = 0; sweep < input.sweepsPerRun; sweep++) {
    await sleep(input.interval);
    try {
      await sweepActivities.resendPendingNotifications({
        olderThanMinutes: input.olderThanMinutes,
        limit: input.limit,
      });
    } catch (error) {
      if (isCancellation(error)) throw error;
      log.warn('notification sweep failed; the next one retries', { error: String(error) });
    }
    if (workflowInfo().continueAsNewSuggested) break;
  }
  return continueAsNew<typeof notificationSweep>(input);
}
