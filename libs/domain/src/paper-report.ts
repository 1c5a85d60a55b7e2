import type { IsoDate } from './calendar-date';
import { compareIsoDates, isIsoDate, numericDate } from './calendar-date';
import type { ProblemList } from './validation-problem';
import type { IsoInstant } from './vietnam-time';
import { instantToVnLocal } from './vietnam-time';

/**
 * A measurement report made on paper before qcycle asked for it: a province that adopts qcycle
 * mid-year, or a year whose objectives were approved late, opens the reports of months already due
 * (docs/objectives.md "Reports made on paper"). The unit enters the figure it reported then, with
 * the day and the number of the signed report ("Báo cáo số 45/BC-VP ngày 05/02/2025"), and its
 * lateness is judged by that day, not by when it was typed in.
 */
export interface PaperReport {
  /** The day the paper report was signed (its "ngày …"), `YYYY-MM-DD`. */
  date: IsoDate;
  /** Its number and symbol ("số, ký hiệu"), e.g. `45/BC-VP`. */
  reference: string;
}

/** The longest reference kept (a number and symbol, perhaps with the issuer's name). */
export const PAPER_REPORT_REFERENCE_MAX_LENGTH = 200;

/** What the rules of a paper report need to know about its task, from the workflow. */
export interface PaperReportContext {
  /** The last day of the period reported on: a report of it cannot be older. */
  periodEnd: IsoDate;
  /** Today in the cycle's calendar: the Vietnam day of workflow time (shifted back in a rehearsal). */
  today: IsoDate;
  /** The task opened after its due instant ({@link openedAfterDue}): only such a task takes a paper date. */
  openedAfterDue: boolean;
}

/**
 * A task opened after its due instant: the period came due before qcycle asked for it, so the task
 * is late from the start (human-task.ts `PAST_NOTICES_DROPPED`), and its report may have been made
 * on paper in time. Strictly after, as lateness is (`isReportLate`: 17:00:00 sharp is on time).
 */
export function openedAfterDue(openedAtMs: number, dueAtMs: number | undefined | null): boolean {
  return dueAtMs !== undefined && dueAtMs !== null && openedAtMs > dueAtMs;
}

/**
 * A report made on paper, or an answer signed on paper (the leader's decision, the review's minutes),
 * is late when its day is after the day it was due (the due instant's day in Vietnam). The paper
 * gives a day, not an hour: a report signed on the due day is on time.
 */
export function isPaperDayLate(paperDate: IsoDate, dueAt: IsoInstant): boolean {
  return compareIsoDates(paperDate, instantToVnLocal(dueAt).date) > 0;
}

/**
 * The rules of a paper report that need its task (its shape — a real day, a non-blank reference —
 * is the outcome schema's): accepted only on a task that opened after its due instant, dated
 * neither after today nor before the period's last day. Without a context (a caller that does not
 * know the task) a paper report is refused like on a task that opened in time.
 */
export function checkPaperReport(
  paper: PaperReport,
  context: PaperReportContext | undefined,
  path: string,
  problems: ProblemList,
): void {
  if (!context?.openedAfterDue) {
    problems.add(path, 'invalid-value', {
      vi:
        'Chỉ được ghi ngày báo cáo bằng văn bản giấy cho kỳ đã đến hạn trước khi việc được giao trên hệ thống; ' +
        'việc này được giao trước hạn nên thời điểm báo cáo là thời điểm gửi trên hệ thống.',
      en:
        'A paper report date may be recorded only for a period that fell due before the task was given in the system; ' +
        'this task was given before its deadline, so the report time is when it is sent in the system.',
    });
    return;
  }
  if (!isIsoDate(paper.date)) return;
  if (compareIsoDates(paper.date, context.today) > 0) {
    problems.add(`${path}.date`, 'out-of-range', {
      vi: `Ngày báo cáo giấy không được sau ngày hôm nay (${numericDate(context.today)}).`,
      en: `The paper report date must not be after today (${context.today}).`,
    });
  } else if (compareIsoDates(paper.date, context.periodEnd) < 0) {
    problems.add(`${path}.date`, 'out-of-range', {
      vi: `Ngày báo cáo giấy không được trước ngày cuối kỳ báo cáo (${numericDate(context.periodEnd)}).`,
      en: `The paper report date must not be before the last day of the reporting period (${context.periodEnd}).`,
    });
  }
}
