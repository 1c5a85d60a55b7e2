import type { IsoDate } from './calendar-date';
import type { CycleCalendar } from './cycle-calendar';
import type { IsoInstant } from './vietnam-time';
import { vnLocalToInstant } from './vietnam-time';
import { addWorkingDays } from './working-day';

/**
 * The management review's preparation (ISO 9.3.2): the Quality Representative enters what the
 * records cannot hold — b) changes in external and internal issues, c 1) customer satisfaction and
 * feedback, c 7) external providers, d) resources, e) risks and opportunities — and may add a note
 * to each input the engine compiles. It opens this many working days before the review: an office
 * week, time to ask the units, and late enough that the records it comments on are the year's.
 */
export const REVIEW_PREPARATION_WORKING_DAYS = 5;

/** The inputs only the Quality Representative can give, in the order of ISO 9.3.2. */
export const REVIEW_ENTERED_INPUTS = [
  'changesInIssues',
  'customerSatisfaction',
  'externalProviders',
  'resources',
  'risksAndOpportunities',
] as const;
export type ReviewEnteredInput = (typeof REVIEW_ENTERED_INPUTS)[number];

/** The inputs the engine compiles from the records, to which the Quality Representative may add a note. */
export const REVIEW_COMPILED_INPUTS = [
  'previousActions',
  'objectiveResults',
  'processPerformance',
  'nonconformitiesAndCorrectiveActions',
  'monitoringResults',
  'auditResults',
  'improvementOpportunities',
] as const;
export type ReviewCompiledInput = (typeof REVIEW_COMPILED_INPUTS)[number];

/** The Quality Representative's `review-preparation` answer. */
export type ReviewPreparationOutcome = { [K in ReviewEnteredInput]: string } & {
  notes?: { [K in ReviewCompiledInput]?: string };
};

/**
 * What the review pack says of an input the Quality Representative did not enter before the
 * review met: the review is not held back for it, and the minutes say so.
 */
export const REVIEW_INPUT_NOT_ENTERED =
  'Chưa được Đại diện chất lượng nhập trước cuộc họp (việc chuẩn bị đã đóng khi cuộc họp bắt đầu).';

/**
 * When the preparation opens (the morning `REVIEW_PREPARATION_WORKING_DAYS` working days before the
 * review) and is due (the close of the working day before the review). It expires when the review
 * opens, on the review date's morning.
 */
export function reviewPreparationSchedule(calendar: CycleCalendar): {
  opensAt: IsoInstant;
  dueAt: IsoInstant;
  reviewDate: IsoDate;
} {
  const review = calendar.managementReviewDate;
  const holidays = calendar.publicHolidays;
  return {
    opensAt: vnLocalToInstant(
      addWorkingDays(review, -REVIEW_PREPARATION_WORKING_DAYS, holidays),
      calendar.notificationTime,
    ),
    dueAt: vnLocalToInstant(addWorkingDays(review, -1, holidays), calendar.monitoring.dueTime),
    reviewDate: review,
  };
}
