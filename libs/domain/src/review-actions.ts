import type { IsoDate } from './calendar-date';

/**
 * Where a management review action stands (ISO 9.3.3, followed up as the `review-action` task of
 * its owner): `open` until the owner reports, `done` or `not-done` as reported. An action not
 * `done` at the year's close is carried into next year's review inputs (9.3.2 a) with this status.
 */
export type ReviewActionStatus = 'open' | 'done' | 'not-done';

/** A review action with its owner (a person of the roster) and how its follow-up went. */
export interface ReviewActionFollowUp {
  /** `{reviewWorkflowId}/action/{n}` (n from 1, the order of the review's outcome): also its task's id. */
  actionId: string;
  title: string;
  ownerUnitCode: string;
  ownerUserId: string;
  dueDate: IsoDate;
  status: ReviewActionStatus;
  /** The owner's note, when they reported. */
  note?: string;
  evidence?: string[];
  reportedBy?: string;
  reportedAt?: string;
  /** Still open at the year's close: listed in next year's review inputs. */
  carriedForward?: boolean;
}

/** The most actions one review may decide: each is a task in the review's history (budget 2,000 events). */
export const MAX_REVIEW_ACTIONS = 20;

/** The id of the review's n-th action (1-based); the follow-up task has the same id. */
export const reviewActionId = (reviewWorkflowId: string, n: number): string =>
  `${reviewWorkflowId}/action/${n}`;

/** Actions carried into next year: every one not reported done by the close. */
export function carriedReviewActions(actions: readonly ReviewActionFollowUp[]): ReviewActionFollowUp[] {
  return actions.filter((a) => a.status !== 'done').map((a) => ({ ...a, carriedForward: true }));
}
