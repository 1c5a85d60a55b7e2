import { continueAsNew, isCancellation, log, patched, sleep, workflowInfo } from '@temporalio/workflow';
import type { WeeklyDigestInput } from '@qcycle/contracts';
import { nextDigestMorning, nextDigestWeek } from '@qcycle/domain';
import { weeklyDigest as digestActivities } from './activities';

/**
 * The loop wakes on every weekday morning, not on Mondays only, so that an organisation whose Monday
 * is a day off gets its digest on its first working day (docs/versioning.md: each morning's choice is
 * made when it comes, so a loop started by the earlier code takes the new way from its next morning).
 */
export const DIGEST_ON_FIRST_WORKING_DAY = 'weekly-digest-on-first-working-day';

/**
 * The Monday digest (docs/notifications.md "The Monday digest"): sleeps until the next weekday at
 * `sendTime`, Vietnam time, has the digests of the organisations whose first working day of the week
 * it is written and sent, and again, forever. The worker starts it once per task queue under a fixed
 * workflow id (`weeklyDigestWorkflowId`), so however many workers run there is one digest a week per
 * person. After `weeksPerRun` weeks of mornings, or sooner if the server suggests it, it continues as
 * new with the same input.
 *
 * A morning whose digests cannot be sent (the activity's attempts ran out during an SMTP outage) is
 * logged and left: the next morning sends what is still pending, and next week's says what is late
 * then.
 */
export async function weeklyDigest(input: WeeklyDigestInput): Promise<never> {
  for (let mornings = 0; mornings < input.weeksPerRun * 5;) {
    let run: { weekStart: string; day?: string; sendAt: string };
    if (patched(DIGEST_ON_FIRST_WORKING_DAY)) {
      run = nextDigestMorning(new Date(Date.now()).toISOString(), input.sendTime);
      mornings += 1;
    } else {
      // The loop as it was: Mondays only (histories recorded before the daily loop replay this way).
      const { weekStart, sendAt } = nextDigestWeek(new Date(Date.now()).toISOString(), input.sendTime);
      run = { weekStart, sendAt };
      mornings += 5;
    }
    await sleep(Math.max(0, Date.parse(run.sendAt) - Date.now()));
    try {
      await digestActivities.sendWeeklyDigests({
        weekStart: run.weekStart,
        ...(run.day ? { day: run.day } : {}),
      });
    } catch (error) {
      if (isCancellation(error)) throw error;
      log.warn('digests not all sent this morning; the next morning sends those still pending', {
        weekStart: run.weekStart,
        day: run.day,
        error: String(error),
      });
    }
    if (workflowInfo().continueAsNewSuggested) break;
  }
  return continueAsNew<typeof weeklyDigest>(input);
}
