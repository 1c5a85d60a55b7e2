import { plannedPhaseDates, timelineSteps, type CycleDates, type Phase, type PhasePlan } from './phase-plan';

/** The day in Vietnam (UTC+7) of a date the plan gives, as the page writes it. */
const vnDay = (date: Date | undefined) =>
  date && new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** Each phase's planned days (Vietnam), to compare in one look. */
const days = (plan: PhasePlan) =>
  Object.fromEntries(
    Object.entries(plan).map(([phase, { from, to, firstReport }]) => [
      phase,
      {
        ...(from ? { from: vnDay(from) } : {}),
        ...(to ? { to: vnDay(to) } : {}),
        ...(firstReport ? { firstReport: `${firstReport.periodKey} ${vnDay(firstReport.opens)}` } : {}),
      },
    ]),
  );

/** Each step as the timeline shows it, by phase: its state, behind or not, the days it shows. */
const shown = (...args: Parameters<typeof timelineSteps>) =>
  Object.fromEntries(
    timelineSteps(...args).map(({ phase, state, behind, entered, planned, until, firstReport }) => [
      phase,
      {
        state,
        behind,
        ...(entered ? { entered } : {}),
        ...(planned?.from ? { from: vnDay(planned.from) } : {}),
        ...(planned?.to ? { to: vnDay(planned.to) } : {}),
        ...(until ? { until: vnDay(until) } : {}),
        ...(firstReport
          ? { firstReport: firstReport === 'at-once' ? 'at-once' : vnDay(firstReport.opens) }
          : {}),
      },
    ]),
  );

/** The default calendar's dates of 2027 (libs/domain defaultCycleCalendar), as `live.dates` has them. */
const CALENDAR_2027 = {
  auditWindow: { from: '2027-10-01', to: '2027-10-31' },
  managementReviewDate: '2027-12-15',
  closeDate: '2028-01-24',
};

describe("the cycle dashboard's phase plan", () => {
  describe('a 2027 cycle started on Wednesday 2 December 2026, next year prepared in December', () => {
    // What GET /api/v1/cycles/{id} answers: the approval 5 working days after the start, the
    // delegation and every unit's acceptance 3 each after it (qcycle's start-of-year allowances).
    const dates: CycleDates = {
      ...CALENDAR_2027,
      startOfYear: { approvalDue: '2026-12-09', unitAcceptanceDue: '2026-12-17' },
      firstReport: { periodKey: '2027-01', opensOn: '2027-02-01' },
    };
    const started = '2026-12-02T02:05:00.000Z';

    it('plans the approval and the assignment in December, from the start, and monitoring with its first report on 1 February', () => {
      expect(days(plannedPhaseDates(2027, 0, dates))).toEqual({
        'objectives-approval': { to: '2026-12-09' },
        // Not "10/01/2027 – 31/01/2027" (a Sunday, a month after the assignment is due).
        assignment: { from: '2026-12-09', to: '2026-12-17' },
        monitoring: { from: '2026-12-17', firstReport: '2027-01 2027-02-01' },
        'internal-audit': { from: '2027-10-01', to: '2027-10-31' },
        'management-review': { from: '2027-12-15' },
        closing: { from: '2028-01-24' },
      });
    });

    it('shows the approval under way until its due day and the rest to come, none of it past', () => {
      expect(
        shown({
          phase: 'objectives-approval',
          status: 'running',
          entered: { 'objectives-approval': started },
          planned: plannedPhaseDates(2027, 0, dates),
          now: new Date('2026-12-02T03:00:00.000Z'),
        }),
      ).toEqual({
        'objectives-approval': { state: 'current', behind: false, entered: started, until: '2026-12-09' },
        assignment: { state: 'upcoming', behind: false, from: '2026-12-09', to: '2026-12-17' },
        monitoring: { state: 'upcoming', behind: false, from: '2026-12-17', firstReport: '2027-02-01' },
        'internal-audit': { state: 'upcoming', behind: false, from: '2027-10-01', to: '2027-10-31' },
        'management-review': { state: 'upcoming', behind: false, from: '2027-12-15' },
        closing: { state: 'upcoming', behind: false, from: '2028-01-24' },
      });
    });

    it('says the approval is behind once its due day is over, and the assignment not started rather than upcoming', () => {
      const steps = shown({
        phase: 'objectives-approval',
        status: 'running',
        entered: { 'objectives-approval': started },
        planned: plannedPhaseDates(2027, 0, dates),
        // The due day (9 December) is over at midnight in Vietnam, 17:00 UTC.
        now: new Date('2026-12-09T17:00:00.000Z'),
      });
      expect(steps['objectives-approval']).toMatchObject({ state: 'current', behind: true });
      expect(steps.assignment).toMatchObject({ state: 'upcoming', behind: true, from: '2026-12-09' });
      expect(steps.monitoring).toMatchObject({ state: 'upcoming', behind: false });
      // On the due day itself, nothing is behind yet.
      const onTheDay = shown({
        phase: 'objectives-approval',
        status: 'running',
        entered: { 'objectives-approval': started },
        planned: plannedPhaseDates(2027, 0, dates),
        now: new Date('2026-12-09T16:59:00.000Z'),
      });
      expect([onTheDay['objectives-approval'].behind, onTheDay.assignment.behind]).toEqual([false, false]);
    });

    it('once the units accept in December, shows monitoring begun with its first report on 1 February 2027 (January’s)', () => {
      // Approved the day it started: the delegation due on Monday 7 December, the units' on the 10th.
      const entered: Partial<Record<Phase, string>> = {
        'objectives-approval': started,
        assignment: '2026-12-02T04:00:00.000Z',
        monitoring: '2026-12-04T09:00:00.000Z',
      };
      // Monitoring has begun: the API no longer plans the year's opening.
      const { startOfYear: _, ...monitoringDates } = dates;
      expect(
        shown({
          phase: 'monitoring',
          status: 'running',
          entered,
          planned: plannedPhaseDates(2027, 0, monitoringDates),
          now: new Date('2026-12-05T02:00:00.000Z'),
        }).monitoring,
      ).toEqual({ state: 'current', behind: false, entered: entered.monitoring, firstReport: '2027-02-01' });
      // From 1 February the first report is no news.
      expect(
        shown({
          phase: 'monitoring',
          status: 'running',
          entered,
          planned: plannedPhaseDates(2027, 0, monitoringDates),
          now: new Date('2027-02-01T02:00:00.000Z'),
        }).monitoring,
      ).toEqual({ state: 'current', behind: false, entered: entered.monitoring });
    });
  });

  it('a 2027 cycle started on Monday 4 January 2027: assignment by the 19th, the first report on 1 February', () => {
    const dates: CycleDates = {
      ...CALENDAR_2027,
      startOfYear: { approvalDue: '2027-01-11', unitAcceptanceDue: '2027-01-19' },
      firstReport: { periodKey: '2027-01', opensOn: '2027-02-01' },
    };
    const planned = plannedPhaseDates(2027, 0, dates);
    expect(days(planned)).toMatchObject({
      'objectives-approval': { to: '2027-01-11' },
      assignment: { from: '2027-01-11', to: '2027-01-19' },
      monitoring: { from: '2027-01-19', firstReport: '2027-01 2027-02-01' },
    });
    const started = '2027-01-04T02:00:00.000Z';
    expect(
      shown({
        phase: 'objectives-approval',
        status: 'running',
        entered: { 'objectives-approval': started },
        planned,
        now: new Date('2027-01-05T02:00:00.000Z'),
      }).monitoring,
    ).toEqual({ state: 'upcoming', behind: false, from: '2027-01-19', firstReport: '2027-02-01' });
  });

  it('a 2026 cycle adopted on 1 December 2026, its calendar saved with dates ahead: nothing "upcoming" is already past; the reports of the months gone open at once', () => {
    const dates: CycleDates = {
      auditWindow: { from: '2026-12-21', to: '2026-12-24' },
      managementReviewDate: '2026-12-29',
      closeDate: '2027-01-22',
      startOfYear: { approvalDue: '2026-12-08', unitAcceptanceDue: '2026-12-16' },
      firstReport: { periodKey: '2026-01', opensOn: '2026-02-01' },
    };
    const planned = plannedPhaseDates(2026, 0, dates);
    // Not 10/01/2026 and 01/02/2026, long gone when the year began.
    expect(days(planned)).toMatchObject({
      assignment: { from: '2026-12-08', to: '2026-12-16' },
      monitoring: { from: '2026-12-16' },
    });
    const now = new Date('2026-12-02T03:00:00.000Z');
    const steps = shown({
      phase: 'objectives-approval',
      status: 'running',
      entered: { 'objectives-approval': '2026-12-01T02:00:00.000Z' },
      planned,
      now,
    });
    // No phase to come has a planned day already over (nor is the approval late).
    expect(Object.entries(steps).filter(([, step]) => step.behind)).toEqual([]);
    expect(steps.monitoring).toEqual({
      state: 'upcoming',
      behind: false,
      from: '2026-12-16',
      firstReport: 'at-once',
    });
  });

  it('a rehearsal of 2024 started on 2 December 2026: its calendar’s days moved by its shift (152 weeks)', () => {
    const shiftMs = 1064 * 86_400_000;
    // The calendar's days, as the API answers them: started on (calendar) Wednesday 3 January 2024.
    const dates: CycleDates = {
      auditWindow: { from: '2024-10-01', to: '2024-10-31' },
      managementReviewDate: '2024-12-16',
      closeDate: '2025-01-22',
      startOfYear: { approvalDue: '2024-01-10', unitAcceptanceDue: '2024-01-18' },
      firstReport: { periodKey: '2024-01', opensOn: '2024-02-01' },
    };
    const planned = plannedPhaseDates(2024, shiftMs, dates);
    expect(days(planned)).toEqual({
      'objectives-approval': { to: '2026-12-09' },
      assignment: { from: '2026-12-09', to: '2026-12-17' },
      monitoring: { from: '2026-12-17', firstReport: '2024-01 2026-12-31' },
      'internal-audit': { from: '2027-08-31', to: '2027-09-30' },
      'management-review': { from: '2027-11-15' },
      closing: { from: '2027-12-22' },
    });
    const steps = shown({
      phase: 'objectives-approval',
      status: 'running',
      entered: { 'objectives-approval': '2026-12-02T02:05:00.000Z' },
      planned,
      now: new Date('2026-12-02T03:00:00.000Z'),
    });
    expect(steps['objectives-approval']).toMatchObject({ until: '2026-12-09', behind: false });
    expect(steps.monitoring).toMatchObject({ firstReport: '2026-12-31', behind: false });
  });

  it('a cycle cancelled during the approval: the phases after it will not take place, with no date', () => {
    const steps = shown({
      phase: 'objectives-approval',
      status: 'cancelled',
      entered: { 'objectives-approval': '2026-12-02T02:05:00.000Z' },
      planned: plannedPhaseDates(2027, 0, { ...CALENDAR_2027 }),
      now: new Date('2027-03-01T03:00:00.000Z'),
    });
    expect(steps['objectives-approval'].state).toBe('cancelled');
    expect(steps['internal-audit']).toEqual({ state: 'not-held', behind: false });
  });
});
