import type { Duration } from '@temporalio/common';

/** What the worker, the `notificationSweep` workflow and the sweep activity share (docs/notifications.md). */

/** The workflow type the worker registers and starts once per task queue. */
export const NOTIFICATION_SWEEP_WORKFLOW = 'notificationSweep';

/** One sweep per task queue, whichever worker starts it: the id is the lock. */
export function notificationSweepWorkflowId(taskQueue: string): string {
  return `notification-sweep/${taskQueue}`;
}

export interface ResendPendingNotificationsInput {
  /**
   * Only rows written at least this long ago: younger ones may still be in the hands of the
   * workflow's own retries of `sendTaskNotification` (five attempts: half a minute when each
   * fails at once, a few minutes against a relay that times out or a worker that died).
   */
  olderThanMinutes: number;
  /** At most this many rows per sweep; the rest wait for the next one (oldest first). */
  limit: number;
}

export interface ResendPendingNotificationsResult {
  /** Pending rows old enough and not claimed by another sender when the sweep looked. */
  found: number;
  /** Handed to SMTP and marked `sent` by this sweep. */
  sent: number;
  /** Handed to SMTP and refused or failed; still `pending`, `last_error` says why. */
  failed: number;
  /** Claimed by another sender (the activity, another sweep) between the look and the claim. */
  skipped: number;
  /** The relay could not be reached: the sweep stopped at the first such failure and left the rest. */
  relayDown: boolean;
}

export interface NotificationSweepInput extends ResendPendingNotificationsInput {
  /** Time between two sweeps, a Temporal duration (`'5 minutes'`) or milliseconds. */
  interval: Duration;
  /** Sweeps per workflow run before it continues as new, so that each run's history stays small. */
  sweepsPerRun: number;
}

/**
 * The production values, used by the worker when it starts the sweep. Constants rather than
 * configuration: nobody has needed to tune them yet. A running sweep keeps the values it was started
 * with (continue-as-new carries its input); to apply new ones, terminate it and restart a worker.
 *  - every 5 minutes: a mail delayed by an SMTP outage leaves within minutes of the relay's return;
 *  - rows older than 15 minutes: well past the activity's own retries (see above);
 *  - 50 rows per sweep: a backlog drains at 600 mails an hour without one activity running long;
 *  - 100 sweeps per run: about 1,100 history events, 8 hours, then continue-as-new.
 */
export const NOTIFICATION_SWEEP_DEFAULTS: NotificationSweepInput = {
  interval: '5 minutes',
  olderThanMinutes: 15,
  limit: 50,
  sweepsPerRun: 100,
};
