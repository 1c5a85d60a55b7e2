import { InvalidEvaluationInputError, InvalidMeasurementError } from './domain-error';
import type { CountIndicator, JudgedIndicator, RatioIndicator } from './indicator';
import { evaluateIndicator, measurementValue, meetsTarget } from './indicator-evaluation';
import type { CountMeasurement, JudgedMeasurement, RatioMeasurement } from './measurement';

const label = { vi: 'nhãn', en: 'label' };
const onTime: RatioIndicator = {
  id: 'obj-4-on-time',
  kind: 'ratio',
  label,
  numeratorLabel: label,
  denominatorLabel: label,
  target: { comparator: '>', value: 80 },
  unit: '%',
};
const perProcess: RatioIndicator = {
  ...onTime,
  id: 'obj-4-per-process',
  target: { comparator: '>=', value: 100 },
};
const audits: CountIndicator = {
  id: 'obj-5-internal-audits',
  kind: 'count',
  label,
  target: { comparator: '>=', value: 1 },
  unit: 'count',
};
const qms: JudgedIndicator = { id: 'obj-1-qms-maintained', kind: 'judged', label, criteria: [label] };

function ratio(
  indicatorId: string,
  month: number,
  numerator: number,
  denominator: number,
  extra: Partial<RatioMeasurement> = {},
): RatioMeasurement {
  const periodKey = `2024-${String(month).padStart(2, '0')}`;
  return {
    kind: 'ratio',
    indicatorId,
    periodKey,
    numerator,
    denominator,
    reportedAt: `2024-${String(Math.min(month + 1, 12)).padStart(2, '0')}-05T03:00:00.000Z`,
    late: false,
    evidence: [`BC-${periodKey}`],
    ...extra,
  };
}
const monthly = (periodsElapsed: number) => ({ periodsElapsed, periodsInYear: 12 });
const fullYearOnTime = (numerators: number[], denominators: number[]) =>
  numerators.map((n, i) => ratio(onTime.id, i + 1, n, denominators[i]));

describe('meetsTarget — exact comparison', () => {
  const value = (numerator: number, denominator: number) =>
    measurementValue(onTime, ratio(onTime.id, 1, numerator, denominator))!;

  it('"trên 80%" on time: 79/100 missed, 80/100 missed, 81/100 met', () => {
    expect(meetsTarget(onTime.target, value(79, 100))).toBe(false);
    expect(meetsTarget(onTime.target, value(80, 100))).toBe(false);
    expect(meetsTarget(onTime.target, value(81, 100))).toBe(true);
  });

  it('is not fooled by fractions whose float percentage rounds to the target', () => {
    // 4/5 is exactly 80%: still not "over 80%", although 0.8 * 100 is 80.00000000000001 in floating point.
    expect(meetsTarget(onTime.target, value(4, 5))).toBe(false);
    expect(meetsTarget({ comparator: '>=', value: 80 }, value(4, 5))).toBe(true);
    expect(meetsTarget({ comparator: '>', value: 80 }, value(800_001, 1_000_000))).toBe(true);
  });

  it('100/100 meets "≥ 100%"; 99/100 and 999/1000 do not', () => {
    expect(meetsTarget(perProcess.target, value(100, 100))).toBe(true);
    expect(meetsTarget(perProcess.target, value(99, 100))).toBe(false);
    expect(meetsTarget(perProcess.target, value(999, 1000))).toBe(false);
  });

  it('2/3 (66.666…%) does not reach 66.67% but reaches 66.66%', () => {
    const twoThirds = value(2, 3);
    expect(twoThirds.kind === 'ratio' && twoThirds.percent).toBe(66.67);
    expect(meetsTarget({ comparator: '>=', value: 66.67 }, twoThirds)).toBe(false);
    expect(meetsTarget({ comparator: '>=', value: 66.66 }, twoThirds)).toBe(true);
    expect(meetsTarget({ comparator: '<=', value: 66.67 }, twoThirds)).toBe(true);
    expect(meetsTarget({ comparator: '=', value: 66.67 }, twoThirds)).toBe(false);
  });

  it('compares counts and plain numbers as written', () => {
    expect(meetsTarget(audits.target, { kind: 'count', value: 1 })).toBe(true);
    expect(meetsTarget(audits.target, { kind: 'count', value: 0 })).toBe(false);
    expect(meetsTarget({ comparator: '=', value: 0.3 }, 0.1 + 0.2)).toBe(false); // 0.30000000000000004
    expect(meetsTarget({ comparator: '=', value: 80.5 }, 80.5)).toBe(true);
  });
});

describe('measurementValue', () => {
  it('gives the percentage of a ratio, rounded for display only', () => {
    expect(measurementValue(onTime, ratio(onTime.id, 1, 85, 100))).toEqual({
      kind: 'ratio',
      numerator: 85,
      denominator: 100,
      percent: 85,
    });
  });

  it('has no value for a month with no dossiers (0/0): a valid report, not an error', () => {
    expect(measurementValue(onTime, ratio(onTime.id, 1, 0, 0))).toBeUndefined();
  });

  it('refuses impossible figures', () => {
    expect(() => measurementValue(onTime, ratio(onTime.id, 1, 5, 0))).toThrow(InvalidMeasurementError);
    expect(() => measurementValue(onTime, ratio(onTime.id, 1, 101, 100))).toThrow(InvalidMeasurementError);
    expect(() => measurementValue(onTime, ratio(onTime.id, 1, 2.5, 10))).toThrow(InvalidMeasurementError);
    expect(() => measurementValue(onTime, ratio(onTime.id, 1, -1, 10))).toThrow(InvalidMeasurementError);
    expect(() => measurementValue(onTime, ratio(perProcess.id, 1, 1, 10))).toThrow(InvalidMeasurementError);
  });
});

describe('evaluateIndicator — during the year', () => {
  it('is not measured before anything is due', () => {
    expect(evaluateIndicator(onTime, [], monthly(0))).toMatchObject({
      status: 'not-measured',
      final: false,
      reasons: ['no-measurements'],
    });
  });

  it('is on track when every due month is reported and the cumulative figure meets the target', () => {
    const result = evaluateIndicator(
      onTime,
      [ratio(onTime.id, 1, 85, 100), ratio(onTime.id, 2, 90, 100)],
      monthly(2),
    );
    expect(result).toMatchObject({
      status: 'on-track',
      periodsDue: 2,
      periodsReported: 2,
      periodsMissing: 0,
      reasons: [],
    });
    expect(result.value).toEqual({ kind: 'ratio', numerator: 175, denominator: 200, percent: 87.5 });
  });

  it('is at risk when the cumulative figure misses the target', () => {
    const result = evaluateIndicator(
      onTime,
      [ratio(onTime.id, 1, 90, 100), ratio(onTime.id, 2, 70, 100)],
      monthly(2),
    );
    expect(result).toMatchObject({ status: 'at-risk', reasons: ['target-not-met'] });
  });

  it('is at risk when a due month has no report, even if the figure so far is good', () => {
    const result = evaluateIndicator(onTime, [ratio(onTime.id, 1, 95, 100)], monthly(3));
    expect(result).toMatchObject({ status: 'at-risk', periodsMissing: 2, reasons: ['periods-missing'] });
    expect(evaluateIndicator(onTime, [], monthly(1))).toMatchObject({
      status: 'at-risk',
      reasons: ['no-measurements', 'periods-missing'],
    });
  });

  it('flags a "100%" target as unreachable after a single failure, while it stays at risk', () => {
    const result = evaluateIndicator(perProcess, [ratio(perProcess.id, 1, 99, 100)], monthly(1));
    expect(result).toMatchObject({ status: 'at-risk', reasons: ['target-not-met', 'target-unreachable'] });
    expect(evaluateIndicator(onTime, [ratio(onTime.id, 1, 70, 100)], monthly(1)).reasons).not.toContain(
      'target-unreachable',
    );
  });

  it('counts a month with no dossiers as reported but weightless', () => {
    expect(evaluateIndicator(onTime, [ratio(onTime.id, 1, 0, 0)], monthly(1))).toMatchObject({
      status: 'not-measured',
      periodsMissing: 0,
      reasons: ['no-cases'],
    });
    expect(
      evaluateIndicator(onTime, [ratio(onTime.id, 1, 0, 0), ratio(onTime.id, 2, 9, 10)], monthly(2)),
    ).toMatchObject({ status: 'on-track' });
  });

  it('uses the latest report of a period: a unit corrects its figure by reporting again', () => {
    const first = ratio(onTime.id, 1, 70, 100, { reportedAt: '2024-02-05T03:00:00.000Z' });
    const correction = ratio(onTime.id, 1, 90, 100, { reportedAt: '2024-02-06T03:00:00.000Z' });
    expect(evaluateIndicator(onTime, [correction, first], monthly(1))).toMatchObject({
      status: 'on-track',
      periodsReported: 1,
    });
  });

  it('counts late reports but does not let lateness change the result', () => {
    const late = ratio(onTime.id, 1, 90, 100, { late: true });
    expect(evaluateIndicator(onTime, [late], monthly(1))).toMatchObject({
      status: 'on-track',
      lateReports: 1,
    });
  });

  it('ignores other indicators and refuses periods that do not fit the year', () => {
    expect(evaluateIndicator(onTime, [ratio(perProcess.id, 1, 1, 10)], monthly(0)).periodsReported).toBe(0);
    const quarterly = { ...ratio(onTime.id, 1, 1, 10), periodKey: '2024-Q1' };
    expect(() => evaluateIndicator(onTime, [quarterly], monthly(1))).toThrow(InvalidEvaluationInputError);
    const otherYear = { ...ratio(onTime.id, 2, 1, 10), periodKey: '2023-02' };
    expect(() => evaluateIndicator(onTime, [ratio(onTime.id, 1, 1, 10), otherYear], monthly(2))).toThrow(
      InvalidEvaluationInputError,
    );
    expect(() => evaluateIndicator(onTime, [], { periodsElapsed: -1, periodsInYear: 12 })).toThrow(
      InvalidEvaluationInputError,
    );
  });
});

describe('evaluateIndicator — whole year', () => {
  const hundreds = Array<number>(12).fill(100);

  it('is achieved at year end when the whole-year cumulative figure is over 80%', () => {
    const numerators = [81, 81, 81, 81, 81, 81, 80, 80, 80, 80, 80, 80]; // 966/1200 = 80.5%
    expect(evaluateIndicator(onTime, fullYearOnTime(numerators, hundreds), monthly(12))).toMatchObject({
      status: 'achieved',
      final: true,
      value: { numerator: 966, denominator: 1200, percent: 80.5 },
    });
  });

  it('is missed at year end when the whole year is exactly 80% (960/1200)', () => {
    expect(
      evaluateIndicator(onTime, fullYearOnTime(Array(12).fill(80), hundreds), monthly(12)),
    ).toMatchObject({
      status: 'missed',
      reasons: ['target-not-met'],
    });
  });

  it('weighs months by their dossiers, not by averaging monthly percentages', () => {
    // Month 1: 1/2 (50%), month 2: 199/200 — average of percentages 74.75% would miss; 200/202 = 99.0% achieves.
    const numerators = [1, 199, ...Array(10).fill(0)];
    const denominators = [2, 200, ...Array(10).fill(0)];
    expect(evaluateIndicator(onTime, fullYearOnTime(numerators, denominators), monthly(12))).toMatchObject({
      status: 'achieved',
      value: { numerator: 200, denominator: 202, percent: 99.01 },
    });
  });

  it('cannot be achieved with a month missing at year end, however good the rest', () => {
    const elevenMonths = fullYearOnTime(Array(11).fill(100), hundreds);
    expect(evaluateIndicator(onTime, elevenMonths, monthly(12))).toMatchObject({
      status: 'missed',
      periodsMissing: 1,
      reasons: ['periods-missing'],
    });
  });

  it('is not measured at year end when nothing was reported, or no case occurred all year', () => {
    expect(evaluateIndicator(onTime, [], monthly(12)).status).toBe('not-measured');
    expect(
      evaluateIndicator(onTime, fullYearOnTime(Array(12).fill(0), Array(12).fill(0)), monthly(12)),
    ).toMatchObject({
      status: 'not-measured',
      reasons: ['no-cases'],
    });
  });

  it('counts internal audits over the year: one audit achieves "at least once a year"', () => {
    const audit = (value: number): CountMeasurement => ({
      kind: 'count',
      indicatorId: audits.id,
      periodKey: '2024',
      value,
      reportedAt: '2024-10-30T03:00:00.000Z',
      late: false,
      evidence: [],
    });
    const yearly = (periodsElapsed: number) => ({ periodsElapsed, periodsInYear: 1 });
    expect(evaluateIndicator(audits, [], yearly(0)).status).toBe('not-measured');
    expect(evaluateIndicator(audits, [audit(1)], yearly(0)).status).toBe('on-track');
    expect(evaluateIndicator(audits, [audit(1)], yearly(1)).status).toBe('achieved');
    expect(evaluateIndicator(audits, [audit(0)], yearly(1)).status).toBe('missed');
  });

  it('judges with evidence: achieved needs a positive judgement that names its evidence', () => {
    const judged = (achieved: boolean, evidence: string[]): JudgedMeasurement => ({
      kind: 'judged',
      indicatorId: qms.id,
      periodKey: '2024',
      achieved,
      evidence,
      reportedAt: '2024-12-16T08:00:00.000Z',
      late: false,
    });
    expect(
      evaluateIndicator(qms, [judged(true, ['BB-XXLD-2024'])], { periodsElapsed: 1, periodsInYear: 1 }),
    ).toMatchObject({
      status: 'achieved',
      value: { kind: 'judged', achieved: true, evidence: ['BB-XXLD-2024'] },
    });
    expect(evaluateIndicator(qms, [judged(false, [])], { periodsElapsed: 1, periodsInYear: 1 }).status).toBe(
      'missed',
    );
    expect(() => evaluateIndicator(qms, [judged(true, [])], { periodsElapsed: 1, periodsInYear: 1 })).toThrow(
      InvalidMeasurementError,
    );
  });
});
