import { continueAsNew, isCancellation, log, sleep, workflowInfo } from '@temporalio/workflow';
import type { WeeklyDigestInput } from '@qcycle/contracts';
import { nextDigestWeek } from '@qcycle/domain';
import { weeklyDigest as digestActivities } from './activities';

/**
 * The Monday digest (docs/notifications.md "The Monday digest"): sleeps until the next Monday at
 * `sendTime`, Vietnam time, has the week's digests written and sent, and again, forever. The worker
 * starts it once per task queue under a fixed workflow id (`weeklyDigestWorkflowId`), so however many
 * workers run there is one digest a week. After `weeksPerRun` weeks, or sooner if the server suggests
 * it, it continues as new with the same input.
 *
 * A week whose digests cannot be sent (the activity's attempts ran out during an SMTP outage) is
 * logged and left: a week-old digest would be out of date, and next Monday's says what is late then.
 */
export async function weeklyDigest(input: WeeklyDigestInput): Promise<never> {
  for (let week = 0; week < input.weeksPerRun; week++) {
    const next = nextDigestWeek(new Date(Date.now()).toISOString(), input.sendTime);
    await sleep(Math.max(0, Date.parse(next.sendAt) - Date.now()));
    try {
      await digestActivities.sendWeeklyDigests({ weekStart: next.weekStart });
    } catch (error) {
      if (isCancellation(error)) throw error;
      log.warn('Monday digests not all sent; next Monday writes them anew', {
        weekStart: next.weekStart,
        error: String(error),
      });
    }
    if (workflowInfo().continueAsNewSuggested) break;
  }
  return continueAsNew<typeof weeklyDigest>(input);
}
