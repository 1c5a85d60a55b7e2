/** What the worker, the `weeklyDigest` workflow and its activity share (docs/notifications.md "The Monday digest"). */

/** The workflow type the worker registers and starts once per task queue. */
export const WEEKLY_DIGEST_WORKFLOW = 'weeklyDigest';

/** One digest loop per task queue, whichever worker starts it: the id is the lock. */
export function weeklyDigestWorkflowId(taskQueue: string): string {
  return `weekly-digest/${taskQueue}`;
}

export interface SendWeeklyDigestsInput {
  /** The week's Monday, `YYYY-MM-DD` (Vietnam): the digests' key, one per person and week. */
  weekStart: string;
  /**
   * The morning of the run, a weekday of that week: the digests of the organisations whose first
   * working day of the week it is, or was, go out. Absent in runs the loop scheduled before it woke
   * on every weekday: the Monday.
   */
  day?: string;
}

export interface SendWeeklyDigestsResult {
  /** People with something to be told this week (a digest written for each). */
  recipients: number;
  /** Handed to SMTP by this run. */
  sent: number;
  /** Kept without an e-mail (no address, or no SMTP_URL on this worker). */
  recorded: number;
}

export interface WeeklyDigestInput {
  /** The morning time the digests go out, Vietnam time, `HH:mm`. */
  sendTime: string;
  /**
   * Weeks per workflow run (five weekday mornings each) before it continues as new, so that each
   * run's history stays small.
   */
  weeksPerRun: number;
}

/**
 * The production values. Constants rather than configuration, as the sweep's: a running loop keeps
 * the values it was started with; to change them, terminate `weekly-digest/{queue}` and restart a
 * worker.
 *  - 07:30 on the week's first working day (Monday, most weeks): the start of the working day in
 *    Vietnamese state offices;
 *  - 13 weeks per run: 65 mornings of about 12 history events each, some 800 events, then
 *    continue-as-new (a loop started with 26, before it woke every weekday, about 1,600: still under
 *    the 2,000 a workflow's history may hold, docs/performance.md).
 */
export const WEEKLY_DIGEST_DEFAULTS: WeeklyDigestInput = { sendTime: '07:30', weeksPerRun: 13 };

export interface WeeklyDigestActivities {
  sendWeeklyDigests(input: SendWeeklyDigestsInput): Promise<SendWeeklyDigestsResult>;
}
