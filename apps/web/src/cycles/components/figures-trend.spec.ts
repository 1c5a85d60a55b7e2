import type { ManagementReviewInputs } from '../../../../../activities/src/quality-records.activities';
import { figuresWithTrendOf } from './figures-trend';

describe('the review inputs shown with their trend', () => {
  it('takes figures that carry earlier years, this year first and each earlier year by its own', () => {
    expect(
      figuresWithTrendOf({
        audits: 1,
        closed: 1,
        steps: [
          { result: 'conformity', count: 3 },
          { result: null, count: 1 },
        ],
        earlierYears: [{ year: 2023, audits: 1, closed: 0, steps: [] }],
      }),
    ).toEqual({
      figures: [
        ['audits', 1],
        ['closed', 1],
        [
          'steps',
          [
            { result: 'conformity', count: 3 },
            { result: null, count: 1 },
          ],
        ],
      ],
      earlierYears: [{ year: 2023, figures: { audits: 1, closed: 0, steps: [] } }],
    });
  });

  it('takes the process performance as the engine compiles it (its type checks the shape)', () => {
    const performance: ManagementReviewInputs['processPerformance'] = {
      tasksCompleted: 8,
      tasksCompletedLate: 1,
      tasksEscalated: 19,
      earlierYears: [{ year: 2023, tasksCompleted: 40, tasksCompletedLate: 3, tasksEscalated: 2 }],
    };
    expect(figuresWithTrendOf(performance)?.figures).toEqual([
      ['tasksCompleted', 8],
      ['tasksCompletedLate', 1],
      ['tasksEscalated', 19],
    ]);
  });

  it('leaves to the generic view what has no earlier year, or holds more than figures', () => {
    expect(
      figuresWithTrendOf({ tasksCompleted: 8, tasksCompletedLate: 0, tasksEscalated: 19 }),
    ).toBeUndefined();
    expect(figuresWithTrendOf({ total: 2, earlierYears: [] })).toBeUndefined();
    expect(figuresWithTrendOf({ status: 'none', items: [], earlierYears: [{ year: 2023 }] })).toBeUndefined();
    expect(figuresWithTrendOf({ total: 2, earlierYears: [{ total: 1 }] })).toBeUndefined();
    expect(figuresWithTrendOf([{ year: 2023 }])).toBeUndefined();
  });
});
