import type { components } from '../../api/schema';

export const PHASES = [
  'objectives-approval',
  'assignment',
  'monitoring',
  'internal-audit',
  'management-review',
  'closing',
] as const;
export type Phase = (typeof PHASES)[number];

/**
 * The calendar's dates a cycle goes by (`live.dates`): its audit window, review date and close, when
 * the steps that open its year are due and when its first report opens. Calendar days of the
 * cycle's own calendar, as the API answers them.
 */
export type CycleDates = components['schemas']['CycleDatesView'];

/**
 * A phase as planned. Each date is a planned day's 08:00 in Vietnam (01:00 UTC), when the office
 * day and the cycle's notices begin, moved by a rehearsal's shift: so that its day is what the page
 * writes, and {@link dayOver} says when that day has gone by.
 */
export interface PlannedPhase {
  from?: Date;
  /** For the approval and the assignment, the day the last of their people's steps is due. */
  to?: Date;
  /** Monitoring: the first report, its period and the day its task opens. */
  firstReport?: { periodKey: string; opens: Date };
}
export type PhasePlan = Record<Phase, PlannedPhase>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * When each phase is planned, from the cycle's own dates (`live.dates`, see {@link CycleDates}):
 * - the approval until its due day, the assignment from then until every unit's acceptance is due
 *   (the start-of-year allowances in working days of the cycle's calendar, counted from when the
 *   cycle actually started and each step actually opened), monitoring from that day, with the day
 *   the first report opens (after its period ends: 1 February for January);
 * - the internal audit, the management review and the close on the calendar's dates, moved ones
 *   included — the default calendar's (audit 1–31 October, review from 15 December, close about
 *   three weeks into the next year) for a cycle that does not say them.
 * Nothing is planned for the year's opening when the API does not say it (once monitoring has
 * begun, its start no longer kept): no fixed January dates, which a year prepared in December or
 * adopted late never runs on. Moved by a rehearsal's shift. The days each phase was actually
 * entered come with the cycle (`phasesEntered`).
 */
export function plannedPhaseDates(year: number, shiftMs: number, dates?: CycleDates): PhasePlan {
  const at = (month: number, day: number, y = year) => new Date(Date.UTC(y, month - 1, day, 1) + shiftMs);
  const on = (date: string) => new Date(Date.parse(`${date}T01:00:00.000Z`) + shiftMs);
  const opening = dates?.startOfYear;
  const firstReport = dates?.firstReport;
  return {
    'objectives-approval': opening ? { to: on(opening.approvalDue) } : {},
    assignment: opening ? { from: on(opening.approvalDue), to: on(opening.unitAcceptanceDue) } : {},
    monitoring: {
      ...(opening ? { from: on(opening.unitAcceptanceDue) } : {}),
      ...(firstReport
        ? { firstReport: { periodKey: firstReport.periodKey, opens: on(firstReport.opensOn) } }
        : {}),
    },
    'internal-audit': dates
      ? { from: on(dates.auditWindow.from), to: on(dates.auditWindow.to) }
      : { from: at(10, 1), to: at(10, 31) },
    'management-review': { from: dates ? on(dates.managementReviewDate) : at(12, 15) },
    closing: { from: dates ? on(dates.closeDate) : new Date(at(12, 31).getTime() + 21 * DAY) },
  };
}

/** Whether the planned day of `planned` (its 08:00, see {@link PlannedPhase}) is over at `now`. */
export function dayOver(planned: Date, now: Date): boolean {
  return now.getTime() >= planned.getTime() + 16 * HOUR;
}

/**
 * The approval and the assignment end when their people have done their part, so a day past their
 * planned end is a delay; the other phases end on the calendar's dates whatever is done by then.
 */
const ENDED_BY_PEOPLE: ReadonlySet<Phase> = new Set<Phase>(['objectives-approval', 'assignment']);

export type StepState = 'done' | 'current' | 'upcoming' | 'cancelled' | 'not-held';

/** One phase as the timeline shows it. */
export interface TimelineStep {
  phase: Phase;
  state: StepState;
  /** When it began (`phasesEntered`). */
  entered?: string;
  /** Its planned days, for a phase not (known to have) begun; nothing for one that will not be held. */
  planned?: { from?: Date; to?: Date };
  /** The approval or the assignment under way: the day it is planned to end. */
  until?: Date;
  /**
   * Behind its plan: a phase still to come whose planned first day is over, or the approval or the
   * assignment under way after the day it was planned to end. Never "upcoming" in silence.
   */
  behind: boolean;
  /**
   * Monitoring, still to come or under way: when its first report opens while that is ahead, or that
   * the reports of periods already over open as soon as it begins.
   */
  firstReport?: { periodKey: string; opens: Date } | 'at-once';
}

/**
 * The year's phases as the timeline shows them at `now`: which are done, under way, to come (and
 * whether behind their plan), or will not be held (after a cancellation).
 */
export function timelineSteps({
  phase,
  status,
  entered,
  planned,
  now,
}: {
  phase: Phase | undefined;
  status: string | undefined;
  entered: Partial<Record<Phase, string>>;
  planned: PhasePlan | null;
  now: Date;
}): TimelineStep[] {
  const currentIndex = phase ? PHASES.indexOf(phase) : -1;
  const closed = status === 'closed';
  const cancelled = status === 'cancelled';
  return PHASES.map((p, index): TimelineStep => {
    const state: StepState =
      closed || index < currentIndex
        ? 'done'
        : index === currentIndex
          ? cancelled
            ? 'cancelled'
            : 'current'
          : cancelled
            ? 'not-held'
            : 'upcoming';
    const plan: PlannedPhase = state === 'not-held' ? {} : (planned?.[p] ?? {});
    const { from, to } = plan;
    const until = state === 'current' && ENDED_BY_PEOPLE.has(p) ? to : undefined;
    const behind = state === 'upcoming' ? !!from && dayOver(from, now) : !!until && dayOver(until, now);
    return {
      phase: p,
      state,
      ...(entered[p] ? { entered: entered[p] } : from || to ? { planned: { from, to } } : {}),
      ...(until && entered[p] ? { until } : {}),
      behind,
      ...(p === 'monitoring' ? firstReportOf(state, entered[p], plan, now) : {}),
    };
  });
}

/**
 * What to say of the first report. Still to come: the day it opens, or, when its period is over
 * before monitoring can begin (a year started late: monitoring begins at the earliest now), that
 * the reports of the periods already over open at once. Under way: the day, while still ahead.
 */
function firstReportOf(
  state: StepState,
  entered: string | undefined,
  plan: PlannedPhase,
  now: Date,
): Pick<TimelineStep, 'firstReport'> {
  const first = plan.firstReport;
  if (!first) return {};
  if (state === 'current') return first.opens > now ? { firstReport: first } : {};
  if (state !== 'upcoming' || entered) return {};
  const begins = Math.max(plan.from?.getTime() ?? now.getTime(), now.getTime());
  return { firstReport: first.opens.getTime() < begins ? 'at-once' : first };
}
