import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import {
  QcycleErrorCode,
  type NotificationActivities,
  type PasswordResetActivities,
  type WeeklyDigestActivities,
} from '@qcycle/contracts';
import type {
  CycleRecordActivities,
  QualityRecordActivities,
  TaskNotificationActivities,
} from '@qcycle/activities';

/** Refusals that a retry cannot fix: the activity fails at once instead of retrying. */
const NON_RETRYABLE = [
  QcycleErrorCode.ValidationFailed,
  QcycleErrorCode.Conflict,
  QcycleErrorCode.NotFound,
  'InvalidMeasurementError',
  'InvalidEvaluationInputError',
  'InvalidDateError',
];

/** Writes of the record: short, idempotent, retried until the database answers. */
const RECORD_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    backoffCoefficient: 2,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
} as const;
/** Row-shaped inputs the record activities still accept from activity tasks scheduled by older code. */
type LegacyRecordInput = { rows: unknown } | { key: string } | { eventKey: string };

/**
 * The record activities as the workflows call them: with domain facts only (docs/workflows.md
 * "The record boundary"). The legacy row-shaped inputs exist for activity tasks scheduled before
 * the boundary; no workflow code builds them any more.
 */
type FactsOnly<T> = {
  [K in keyof T]: T[K] extends (input: infer I) => infer R
    ? (input: Exclude<I, LegacyRecordInput>) => R
    : T[K];
};

export const records = proxyActivities<FactsOnly<QualityRecordActivities>>(RECORD_OPTIONS);

/**
 * A task's two records, written as local activities: its opening (`openTask`) and its outcome
 * (`completeTaskRecord`, before the completion's answer). A local activity runs in the worker process
 * inside the workflow task, so the workflow waits for one database transaction, not for an activity
 * task's round trip through the server (issue #11, docs/performance.md). It suits these writes because
 * they are short and idempotent (one transaction keyed by the task id): an attempt repeated after a
 * worker crash writes nothing twice. Each attempt is short; the retry policy is the regular record's
 * (no limit while the database is down, refusals fail at once).
 */
export const localRecords = proxyLocalActivities<
  Pick<FactsOnly<QualityRecordActivities>, 'completeTaskRecord' | 'openTask'>
>({
  startToCloseTimeout: '10 seconds',
  // Backoffs up to this are waited in the worker (the workflow task kept alive); longer ones, once
  // the database has been down for some seconds, become a server timer between attempts.
  localRetryThreshold: '10 seconds',
  retry: RECORD_OPTIONS.retry,
});
export const cycleRecords = proxyActivities<FactsOnly<CycleRecordActivities>>(RECORD_OPTIONS);

/**
 * Notifications are best effort for the process: a few attempts, then the workflow goes on (the
 * task is in the person's inbox either way, and the notification activity keeps its own record).
 */
export const notifications = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    maximumInterval: '30 seconds',
    backoffCoefficient: 2,
    maximumAttempts: 5,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/**
 * The notification sweep: one activity that may re-send up to `limit` mails, heartbeating after
 * each, so a worker that dies mid-sweep is noticed in two minutes rather than at the timeout. A
 * failed sweep is not retried here: the next one comes an interval later.
 */
export const notificationSweep = proxyActivities<
  Pick<TaskNotificationActivities, 'resendPendingNotifications'>
>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 1 },
});

/**
 * The Monday digests: written once, then sent; retried through a morning's SMTP outage (about
 * three and a half hours: 1, 2, 4, 8, 16, then every 30 minutes), each attempt sending only the digests still pending.
 */
export const weeklyDigest = proxyActivities<WeeklyDigestActivities>({
  startToCloseTimeout: '15 minutes',
  retry: {
    initialInterval: '1 minute',
    maximumInterval: '30 minutes',
    backoffCoefficient: 2,
    maximumAttempts: 12,
  },
});

/**
 * A password-reset mail: retried through a short SMTP outage (5, 10, 20, 40, 80 seconds, then every
 * two minutes: eight attempts over about seven minutes), each attempt sending the same link.
 */
export const passwordReset = proxyActivities<PasswordResetActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    maximumInterval: '2 minutes',
    backoffCoefficient: 2,
    maximumAttempts: 8,
  },
});
