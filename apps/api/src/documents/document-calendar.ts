import { cycleClock, type IsoDate } from '@qcycle/domain';

/**
 * The days a cycle's documents name. A rehearsal runs its calendar's year shifted to start now
 * (docs/workflows.md "rehearsals"): the instants the engine writes (a task answered, the audit
 * closed) are workflow time, the real time of the training run, while the dates people enter (the
 * signing date, the audit's days, a due date) are the calendar's. A rehearsal's documents name the
 * calendar's days throughout, so the minutes of a 2024 rehearsal are dated in 2024, next to the
 * 2024 dates they cite; and they are marked as a rehearsal's on every page
 * ({@link OfficialDocument.rehearsal}). A real year's shift is 0: its days are the instants' own.
 */
export interface DocumentCalendar {
  /** The cycle is a rehearsal: its documents are not official. */
  rehearsal: boolean;
  /** The calendar's day (Vietnam time) of an instant the engine wrote. */
  dateOf(instant: string): IsoDate;
}

export function documentCalendar(rehearsal: boolean, shiftMs: number): DocumentCalendar {
  const clock = cycleClock(shiftMs);
  return { rehearsal, dateOf: (instant) => clock.calendarDate(Date.parse(instant)) };
}
