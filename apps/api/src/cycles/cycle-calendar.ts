import { addDays, icalendar, type CalendarEvent, type Language } from '@qcycle/domain';
import type { CycleCalendarDates } from '@qcycle/contracts';
import type { CycleView } from './dto/cycle.view';

/**
 * The year's milestones as a calendar file (iCalendar), for everyone in the organisation to add to
 * the calendar they watch: the internal audit's window, the management review and the cycle's close
 * (cycleMilestones). Downloaded again after a date moved, it updates the same events (same UIDs, a
 * later sequence); a cancelled year's file takes them out. Undefined when the cycle's dates cannot
 * be read (its workflow's history gone).
 */
export function cycleCalendar(
  cycle: CycleView,
  { dashboardUrl, now, language }: { dashboardUrl: string; now: Date; language: Language },
): string | undefined {
  const milestones = milestonesOf(cycle);
  if (!milestones) return undefined;
  return icalendar({
    method: milestones.cancelled ? 'CANCEL' : 'PUBLISH',
    stampedAt: now.toISOString(),
    events: cycleMilestones(milestones, { dashboardUrl, language }),
  });
}

/** What a year's milestones are made of: the dates it goes by now, and what it is. */
export interface YearMilestones {
  cycleId: string;
  year: number;
  rehearsal: boolean;
  cancelled: boolean;
  /** The calendar's dates, moved ones included (a rehearsal's before its shift). */
  dates: CycleCalendarDates;
  /** Milliseconds a rehearsal's calendar is shifted by; 0 for a real year. */
  scheduleShiftMs: number;
}

/** A cycle view's milestones, or undefined when its dates cannot be read (its workflow's history gone). */
export function milestonesOf(cycle: CycleView): YearMilestones | undefined {
  const dates = cycle.live.dates;
  if (!dates) return undefined;
  return {
    cycleId: cycle.id,
    year: cycle.year,
    rehearsal: cycle.rehearsal,
    // Cancelled as the workflow says, or as recorded when the workflow does not answer.
    cancelled: (cycle.live.status ?? cycle.status) === 'cancelled',
    dates,
    scheduleShiftMs: cycle.live.scheduleShiftMs ?? 0,
  };
}

/**
 * The year's milestones as calendar events, whatever carries them (the file above, a person's
 * calendar feed): the internal audit's window, the management review and the cycle's close, on the
 * dates the cycle goes by (moved ones included; a rehearsal's moved by its shift, as it runs), each
 * with a reminder and the cycle's dashboard. One UID per milestone of a cycle, so that each carrier
 * updates the same event.
 */
export function cycleMilestones(
  milestones: YearMilestones,
  { dashboardUrl, language }: { dashboardUrl: string; language: Language },
): CalendarEvent[] {
  const { cycleId, year, rehearsal, cancelled, dates } = milestones;
  const words = WORDS[language];
  // A rehearsal runs its calendar moved by whole weeks: its milestones fall on the moved days.
  const shiftDays = Math.round(milestones.scheduleShiftMs / 86_400_000);
  const moved = (date: string) => addDays(date, shiftDays);
  const tag = rehearsal ? `[${words.rehearsal}] ` : '';
  const event = (
    key: string,
    summary: string,
    when: { from: string; to: string },
    remindBefore: string,
  ): CalendarEvent => ({
    uid: `${cycleId}/${key}@qcycle`,
    when: { from: moved(when.from), to: moved(when.to) },
    summary: `${tag}${summary}`,
    description: `${words.cycle(year)}: ${dashboardUrl}`,
    url: dashboardUrl,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    remindBefore,
  });
  return [
    event('internal-audit', words.audit(year), dates.auditWindow, 'P7D'),
    event(
      'management-review',
      words.review(year),
      { from: dates.managementReviewDate, to: dates.managementReviewDate },
      'P7D',
    ),
    event('close', words.close(year), { from: dates.closeDate, to: dates.closeDate }, 'P1D'),
  ];
}

const WORDS = {
  vi: {
    rehearsal: 'Diễn tập',
    audit: (year: number) => `Đánh giá nội bộ năm ${year}`,
    review: (year: number) => `Xem xét của lãnh đạo năm ${year}`,
    close: (year: number) => `Kết thúc chu trình chất lượng năm ${year}`,
    cycle: (year: number) => `Chu trình chất lượng năm ${year} trong qcycle`,
  },
  en: {
    rehearsal: 'Rehearsal',
    audit: (year: number) => `Internal audit ${year}`,
    review: (year: number) => `Management review ${year}`,
    close: (year: number) => `Quality cycle ${year} closes`,
    cycle: (year: number) => `Quality cycle ${year} in qcycle`,
  },
} as const;
