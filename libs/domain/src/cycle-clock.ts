import type { IsoDate } from './calendar-date';
import { isoDate } from './calendar-date';
import type { IsoInstant } from './vietnam-time';
import { instantToEpochMs, instantToVnLocal, vnLocalToInstant } from './vietnam-time';

const WEEK_MS = 7 * 86_400_000;

/**
 * Maps the cycle calendar onto the workflow's clock. A real cycle runs on the calendar as it is
 * (shift 0). A rehearsal (training run, time-skipping test) moves the whole year so that 1 January
 * 00:00 of the calendar year falls on the last same weekday at or before the workflow's start:
 * the shift is a whole number of weeks, so weekdays and office hours stay what the calendar says.
 * Records keep the calendar's period keys (`2024-03`); instants the engine writes are workflow time.
 */
export interface CycleClock {
  /** Milliseconds added to calendar instants to get workflow time. */
  shiftMs: number;
  /** Workflow-time epoch ms of a calendar instant. */
  toWorkflowMs(calendarInstant: IsoInstant): number;
  /** The calendar instant a workflow time stands for. */
  toCalendarInstant(workflowMs: number): IsoInstant;
  /** The calendar's local date at a workflow time (e.g. a signing date in a rehearsal of 2024). */
  calendarDate(workflowMs: number): IsoDate;
}

/**
 * A rehearsal's shift: whole weeks, so that `from` (1 January unless the rehearsal begins later in
 * the year, e.g. to train the audit in October) 00:00 falls on the last same weekday at or before
 * the start. What comes before `from` in the calendar is already past when the rehearsal starts.
 */
export function rehearsalShiftMs(year: number, workflowStartMs: number, from?: IsoDate): number {
  const anchor = instantToEpochMs(vnLocalToInstant(from ?? isoDate(year, 1, 1), '00:00'));
  return Math.max(0, Math.floor((workflowStartMs - anchor) / WEEK_MS) * WEEK_MS);
}

export function cycleClock(shiftMs: number): CycleClock {
  return {
    shiftMs,
    toWorkflowMs: (calendarInstant) => instantToEpochMs(calendarInstant) + shiftMs,
    toCalendarInstant: (workflowMs) => new Date(workflowMs - shiftMs).toISOString(),
    calendarDate: (workflowMs) => instantToVnLocal(new Date(workflowMs - shiftMs).toISOString()).date,
  };
}
