import { defaultCycleCalendar, periodsFor } from './cycle-calendar';
import type { Measurement } from './measurement';
import { periodKey } from './monitoring-period';
import {
  combineStatuses,
  evaluateObjective,
  evaluateObjectivesAt,
  evaluateYearEnd,
  internalAuditsMeasurement,
  judgeQmsMaintained,
  qmsMaintainedMeasurement,
} from './objective-evaluation';
import type { QmsMaintenanceFacts } from './objective-evaluation';
import { KONTUM_2024_TEMPLATE } from './templates/kontum-2024.template';

const [obj1, obj2, obj3, obj4, obj5] = KONTUM_2024_TEMPLATE.objectives;
const reportedAt = '2025-01-06T03:00:00.000Z';

function ratios(
  indicatorId: string,
  frequency: 'monthly' | 'quarterly',
  figures: [number, number][],
): Measurement[] {
  return figures.map(([numerator, denominator], i) => ({
    kind: 'ratio',
    indicatorId,
    periodKey: periodKey(frequency, 2024, i + 1),
    numerator,
    denominator,
    reportedAt,
    late: false,
    evidence: [`BC-${indicatorId}-${i + 1}`],
  }));
}

const allDone: QmsMaintenanceFacts = {
  internalAuditCompleted: true,
  managementReviewCompleted: true,
  openCorrectiveActions: 0,
  evidence: ['BC-DGNB-2024', 'BB-XXLD-2024'],
};

/** A year in which the Office met all five objectives. */
function goodYear(): Measurement[] {
  return [
    qmsMaintainedMeasurement('obj-1-qms-maintained', 2024, allDone, reportedAt),
    ...ratios('obj-2-key-tasks', 'quarterly', [
      [12, 12],
      [15, 15],
      [10, 10],
      [20, 20],
    ]),
    ...ratios('obj-3-reform-targets', 'quarterly', [
      [5, 5],
      [8, 8],
      [6, 6],
      [9, 9],
    ]),
    ...ratios(
      'obj-4-per-process',
      'monthly',
      Array.from({ length: 12 }, () => [120, 120] as [number, number]),
    ),
    ...ratios(
      'obj-4-on-time',
      'monthly',
      Array.from({ length: 12 }, () => [110, 120] as [number, number]),
    ),
    internalAuditsMeasurement('obj-5-internal-audits', 2024, ['audit-2024-10'], reportedAt),
  ];
}

describe('combineStatuses', () => {
  it('takes the worst indicator: achieved only if all are', () => {
    expect(combineStatuses(['achieved', 'achieved'])).toBe('achieved');
    expect(combineStatuses(['achieved', 'missed'])).toBe('missed');
    expect(combineStatuses(['on-track', 'at-risk'])).toBe('at-risk');
    expect(combineStatuses(['achieved', 'not-measured'])).toBe('not-measured');
    expect(combineStatuses(['at-risk', 'not-measured'])).toBe('at-risk');
    expect(combineStatuses([])).toBe('not-measured');
  });
});

describe('objective 4 — two indicators', () => {
  it('is achieved only when both 100% per process and over 80% on time hold for the year', () => {
    const year = goodYear();
    expect(evaluateObjective(obj4, year, { periodsElapsed: 12 })).toMatchObject({
      objectiveId: 'obj-4',
      status: 'achieved',
      final: true,
    });
  });

  it('is missed when dossiers are all per process but exactly 80% are on time', () => {
    const measurements = [
      ...ratios(
        'obj-4-per-process',
        'monthly',
        Array.from({ length: 12 }, () => [100, 100] as [number, number]),
      ),
      ...ratios(
        'obj-4-on-time',
        'monthly',
        Array.from({ length: 12 }, () => [80, 100] as [number, number]),
      ),
    ];
    const result = evaluateObjective(obj4, measurements, { periodsElapsed: 12 });
    expect(result.status).toBe('missed');
    expect(result.indicators.map((i) => [i.indicatorId, i.status])).toEqual([
      ['obj-4-per-process', 'achieved'],
      ['obj-4-on-time', 'missed'],
    ]);
  });

  it('is at risk mid-year when one dossier in March broke the published process', () => {
    const measurements = [
      ...ratios('obj-4-per-process', 'monthly', [
        [50, 50],
        [40, 40],
        [59, 60],
      ]),
      ...ratios('obj-4-on-time', 'monthly', [
        [45, 50],
        [38, 40],
        [55, 60],
      ]),
    ];
    const result = evaluateObjective(obj4, measurements, { periodsElapsed: 3 });
    expect(result.status).toBe('at-risk');
    expect(result.indicators[0].reasons).toContain('target-unreachable');
    expect(result.indicators[1].status).toBe('on-track');
  });

  it('refuses a measurement filed under another frequency', () => {
    const quarterly = ratios('obj-4-on-time', 'quarterly', [[1, 1]]);
    expect(() => evaluateObjective(obj4, quarterly, { periodsElapsed: 1 })).toThrow(/monthly/);
  });
});

describe('objective 1 — QMS maintained, judged from the records', () => {
  it('is achieved when the audit was done, the review held and every corrective action closed', () => {
    expect(judgeQmsMaintained(allDone)).toEqual({ achieved: true, gaps: [] });
  });

  it('lists every condition that was not met', () => {
    expect(
      judgeQmsMaintained({
        internalAuditCompleted: false,
        managementReviewCompleted: false,
        openCorrectiveActions: 2,
        evidence: [],
      }),
    ).toEqual({
      achieved: false,
      gaps: [
        'internal-audit-not-completed',
        'management-review-not-held',
        'corrective-actions-open',
        'no-evidence',
      ],
    });
  });

  it('is missed for the year when one corrective action is still open', () => {
    const measurement = qmsMaintainedMeasurement(
      'obj-1-qms-maintained',
      2024,
      { ...allDone, openCorrectiveActions: 1 },
      reportedAt,
    );
    expect(measurement).toMatchObject({ kind: 'judged', periodKey: '2024', achieved: false });
    expect(evaluateObjective(obj1, [measurement], { periodsElapsed: 1 }).status).toBe('missed');
  });
});

describe('objective 5 — internal audit at least once a year', () => {
  it('is achieved with one audit completed, missed with none, and counts an audit once', () => {
    const one = internalAuditsMeasurement('obj-5-internal-audits', 2024, ['audit-1', 'audit-1'], reportedAt);
    expect(one).toMatchObject({ value: 1, evidence: ['audit-1'], periodKey: '2024' });
    expect(evaluateObjective(obj5, [one], { periodsElapsed: 1 }).status).toBe('achieved');
    const none = internalAuditsMeasurement('obj-5-internal-audits', 2024, [], reportedAt);
    expect(evaluateObjective(obj5, [none], { periodsElapsed: 1 }).status).toBe('missed');
  });
});

describe('the year of the Kon Tum template', () => {
  it('reports all five objectives achieved for a good year', () => {
    const results = evaluateYearEnd(KONTUM_2024_TEMPLATE.objectives, goodYear());
    expect(results.map((r) => [r.objectiveId, r.status, r.final])).toEqual([
      ['obj-1', 'achieved', true],
      ['obj-2', 'achieved', true],
      ['obj-3', 'achieved', true],
      ['obj-4', 'achieved', true],
      ['obj-5', 'achieved', true],
    ]);
  });

  it('reports objective 3 missed when one reform target of the year was not completed', () => {
    const year = goodYear().map((m) =>
      m.kind === 'ratio' && m.indicatorId === 'obj-3-reform-targets' && m.periodKey === '2024-Q4'
        ? { ...m, numerator: 8 }
        : m,
    );
    const results = evaluateYearEnd(KONTUM_2024_TEMPLATE.objectives, year);
    expect(results.find((r) => r.objectiveId === 'obj-3')!.status).toBe('missed');
    expect(results.filter((r) => r.status === 'achieved')).toHaveLength(4);
  });

  it('evaluates each objective on its own frequency at a given instant', () => {
    const calendar = defaultCycleCalendar(2024);
    // 10 April 2024: Q1 (due 5 April) and January–March (due by 5 April) have fallen due; the year has not.
    const at = '2024-04-10T03:00:00.000Z';
    const soFar = goodYear().filter((m) =>
      ['2024-01', '2024-02', '2024-03', '2024-Q1'].includes(m.periodKey),
    );
    const results = evaluateObjectivesAt(KONTUM_2024_TEMPLATE.objectives, soFar, at, calendar);
    expect(results.map((r) => [r.objectiveId, r.status])).toEqual([
      ['obj-1', 'not-measured'],
      ['obj-2', 'on-track'],
      ['obj-3', 'on-track'],
      ['obj-4', 'on-track'],
      ['obj-5', 'not-measured'],
    ]);
    expect(results[3].indicators[0].periodsDue).toBe(3);
    expect(periodsFor('quarterly', 2024, calendar)[0].dueAt < at).toBe(true);
  });

  it('flags objective 4 at risk when the March report is overdue', () => {
    const calendar = defaultCycleCalendar(2024);
    const januaryFebruary = goodYear().filter((m) => ['2024-01', '2024-02'].includes(m.periodKey));
    const [result] = evaluateObjectivesAt([obj4], januaryFebruary, '2024-04-10T03:00:00.000Z', calendar);
    expect(result.status).toBe('at-risk');
    expect(result.indicators.every((i) => i.periodsMissing === 1)).toBe(true);
  });

  it('ignores measurements of other objectives', () => {
    expect(evaluateObjective(obj2, goodYear(), { periodsElapsed: 4 }).indicators[0].periodsReported).toBe(4);
    expect(evaluateObjective(obj3, [], { periodsElapsed: 0 }).status).toBe('not-measured');
  });
});
