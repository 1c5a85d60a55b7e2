import { defaultCycleCalendar } from './cycle-calendar';
import type { Measurement } from './measurement';
import { periodKey } from './monitoring-period';
import { earlierYearResult, objectiveResultsAtReview, qmsJudgedMeasurement } from './review-results';
import { validateManagementReviewOutcome } from './task-outcomes';
import { KONTUM_2024_TEMPLATE } from './templates/kontum-2024.template';
import { vnLocalToInstant } from './vietnam-time';
import { evaluateYearEnd } from './objective-evaluation';

const objectives = KONTUM_2024_TEMPLATE.objectives;
const calendar = defaultCycleCalendar(2024);
const reviewDay = vnLocalToInstant(calendar.managementReviewDate, '08:00');
const reportedAt = '2024-12-01T03:00:00.000Z';

describe('the results the management review is given', () => {
  it('lists every objective on the review day, cumulative and exact, objective 1 for the leader', () => {
    // Objective 4: eleven months reported (December is not due yet), 1 dossier late in 1100.
    const obj4: Measurement[] = Array.from({ length: 11 }, (_, i) => [
      {
        kind: 'ratio' as const,
        indicatorId: 'obj-4-per-process',
        periodKey: periodKey('monthly', 2024, i + 1),
        numerator: 100,
        denominator: 100,
        reportedAt,
        late: false,
        evidence: ['BC'],
      },
      {
        kind: 'ratio' as const,
        indicatorId: 'obj-4-on-time',
        periodKey: periodKey('monthly', 2024, i + 1),
        numerator: i === 0 ? 99 : 100,
        denominator: 100,
        reportedAt,
        late: false,
        evidence: ['BC'],
      },
    ]).flat();
    const results = objectiveResultsAtReview(objectives, obj4, reviewDay, calendar, ['obj-1']);
    expect(results.map((r) => [r.objectiveId, r.status])).toEqual([
      ['obj-1', 'not-measured'],
      ['obj-2', 'at-risk'],
      ['obj-3', 'at-risk'],
      ['obj-4', 'on-track'],
      ['obj-5', 'not-measured'],
    ]);
    expect(results[0].judgedAtReview).toBe(true);
    expect(results[3].indicators[1]).toMatchObject({
      value: { kind: 'ratio', numerator: 1099, denominator: 1100 },
      periodsDue: 11,
      periodsReported: 11,
    });
  });

  it("takes the leader's judgement of objective 1 as the year's measurement", () => {
    const judged = qmsJudgedMeasurement(
      'obj-1-qms-maintained',
      2024,
      { achieved: false, judgedBy: 'leader' },
      ['BB-1'],
      reportedAt,
    );
    expect(evaluateYearEnd([objectives[0]], [judged])[0].status).toBe('missed');
    const outcome = {
      minutesRef: 'BB-1',
      outputs: { improvementOpportunities: [], qmsChanges: [], resourceNeeds: [] },
      actions: [],
    };
    expect(validateManagementReviewOutcome(outcome, { unitCodes: [] })).toEqual([]);
    expect(
      validateManagementReviewOutcome(
        { ...outcome, qmsJudgement: { achieved: true, notes: 'Đủ hồ sơ.' } },
        { unitCodes: [] },
      ),
    ).toEqual([]);
    expect(
      validateManagementReviewOutcome(
        { ...outcome, conclusion: { suitable: true, adequate: true }, attendees: [] },
        { unitCodes: [] },
      ).map((p) => p.path),
    ).toEqual(['conclusion.effective', 'attendees']);
    const problems = validateManagementReviewOutcome(
      { ...outcome, qmsJudgement: { achieved: 'yes' } },
      { unitCodes: [] },
    );
    expect(problems.map((p) => p.path).sort()).toEqual(['qmsJudgement.achieved', 'qmsJudgement.notes']);
  });
});

describe("an objective's earlier years, for the review's trend", () => {
  const obj4 = objectives.find((objective) => objective.id === 'obj-4')!;
  const closed = (
    indicators: { indicatorId: string; status: 'achieved' | 'missed'; percent?: number }[],
  ) => ({
    objectiveId: 'obj-4',
    status: indicators.every((i) => i.status === 'achieved') ? ('achieved' as const) : ('missed' as const),
    indicators: indicators.map(({ indicatorId, status, percent }) => ({
      indicatorId,
      status,
      final: true,
      ...(percent === undefined
        ? {}
        : { value: { kind: 'ratio' as const, numerator: percent * 10, denominator: 1000, percent } }),
      periodsDue: 12,
      periodsReported: percent === undefined ? 0 : 12,
      periodsMissing: percent === undefined ? 12 : 0,
      lateReports: 0,
      reasons: status === 'achieved' ? [] : (['target-not-met'] as const).slice(),
    })),
  });

  it("gives the year's result and each indicator's whole-year figure", () => {
    expect(
      earlierYearResult(
        2024,
        closed([
          { indicatorId: 'obj-4-per-process', status: 'achieved', percent: 100 },
          { indicatorId: 'obj-4-on-time', status: 'missed', percent: 78 },
        ]),
        obj4,
      ),
    ).toEqual({
      year: 2024,
      result: 'not-achieved',
      indicators: [
        {
          indicatorId: 'obj-4-per-process',
          value: { kind: 'ratio', numerator: 1000, denominator: 1000, percent: 100 },
        },
        {
          indicatorId: 'obj-4-on-time',
          value: { kind: 'ratio', numerator: 780, denominator: 1000, percent: 78 },
        },
      ],
    });
  });

  it('compares only the indicators this year still has, and no objective that merely reuses the id', () => {
    const dropped = closed([
      { indicatorId: 'obj-4-on-time', status: 'achieved', percent: 96 },
      { indicatorId: 'obj-4-retired', status: 'achieved', percent: 100 },
    ]);
    expect(earlierYearResult(2023, dropped, obj4)?.indicators.map((i) => i.indicatorId)).toEqual([
      'obj-4-on-time',
    ]);
    expect(
      earlierYearResult(
        2023,
        closed([{ indicatorId: 'other-measure', status: 'achieved', percent: 90 }]),
        obj4,
      ),
    ).toBeUndefined();
  });
});
