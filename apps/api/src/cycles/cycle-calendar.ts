import { addDays, icalendar, type CalendarEvent, type Language } from '@qcycle/domain';
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
  const events = cycleMilestones(cycle, { dashboardUrl, language });
  if (!events) return undefined;
  return icalendar({
    method: isCancelled(cycle) ? 'CANCEL' : 'PUBLISH',
    stampedAt: now.toISOString(),
    events,
  });
}

/**
 * The year's milestones as calendar events, whatever carries them (the file above, a person's
 * calendar feed): the internal audit's window, the management review and the cycle's close, on the
 * dates the cycle goes by (moved ones included; a rehearsal's moved by its shift, as it runs), each
 * with a reminder and the cycle's dashboard. One UID per milestone of a cycle, so that each carrier
 * updates the same event. Undefined when the cycle's dates cannot be read.
 */
export function cycleMilestones(
  cycle: CycleView,
  { dashboardUrl, language }: { dashboardUrl: string; language: Language },
): CalendarEvent[] | undefined {
  const dates = cycle.live.dates;
  if (!dates) return undefined;
  const words = WORDS[language];
  // A rehearsal runs its calendar moved by whole weeks: its milestones fall on the moved days.
  const shiftDays = Math.round((cycle.live.scheduleShiftMs ?? 0) / 86_400_000);
  const moved = (date: string) => addDays(date, shiftDays);
  const tag = cycle.rehearsal ? `[${words.rehearsal}] ` : '';
  const event = (
    key: string,
    summary: string,
    when: { from: string; to: string },
    remindBefore: string,
  ): CalendarEvent => ({
    uid: `${cycle.id}/${key}@qcycle`,
    when: { from: moved(when.from), to: moved(when.to) },
    summary: `${tag}${summary}`,
    description: `${words.cycle(cycle.year)}: ${dashboardUrl}`,
    url: dashboardUrl,
    status: isCancelled(cycle) ? 'CANCELLED' : 'CONFIRMED',
    remindBefore,
  });
  return [
    event('internal-audit', words.audit(cycle.year), dates.auditWindow, 'P7D'),
    event(
      'management-review',
      words.review(cycle.year),
      { from: dates.managementReviewDate, to: dates.managementReviewDate },
      'P7D',
    ),
    event('close', words.close(cycle.year), { from: dates.closeDate, to: dates.closeDate }, 'P1D'),
  ];
}

/** Cancelled as the workflow says, or as recorded when the workflow does not answer. */
export function isCancelled(cycle: CycleView): boolean {
  return (cycle.live.status ?? cycle.status) === 'cancelled';
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
