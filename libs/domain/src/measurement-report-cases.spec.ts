import { validateCycleDraft } from './cycle-draft-validation';
import type { Indicator, RatioIndicator } from './indicator';
import { evaluateIndicator, measurementValue } from './indicator-evaluation';
import type { Measurement } from './measurement';
import { checkMeasurementCorrection } from './measurement-correction';
import { evaluateObjective } from './objective-evaluation';
import { measurementsFromReport, validateMeasurementReport } from './task-outcomes';
import { KONTUM_2024_TEMPLATE } from './templates/kontum-2024.template';

const objective4 = KONTUM_2024_TEMPLATE.objectives[3];

describe("objective 4's two indicators count the same dossiers", () => {
  it('refuses a report whose two denominators differ, naming the field', () => {
    const report = (onTimeDenominator: number) => ({
      figures: [
        { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
        { indicatorId: 'obj-4-on-time', numerator: 81, denominator: onTimeDenominator },
      ],
      evidence: ['BC-03'],
    });
    expect(validateMeasurementReport(report(100), objective4.indicators, '2024-03')).toEqual([]);
    expect(validateMeasurementReport(report(120), objective4.indicators, '2024-03')).toEqual([
      expect.objectContaining({ path: 'figures[obj-4-on-time].denominator', code: 'inconsistent' }),
    ]);
  });

  it('is a field of the indicator, checked in the draft', () => {
    expect(objective4.indicators[1]).toMatchObject({ sameCasesAs: 'obj-4-per-process' });
    const draft = structuredClone(KONTUM_2024_TEMPLATE);
    const onTime = draft.objectives[3].indicators[1];
    if (onTime.kind === 'ratio') onTime.sameCasesAs = 'obj-2-key-tasks';
    expect(validateCycleDraft(draft).map((p) => p.path)).toEqual(['objectives[3].indicators[1].sameCasesAs']);
  });
});

describe("objective 4's on-time rate counts the dossiers pending and already overdue", () => {
  const [perProcess, onTime] = objective4.indicators;
  const month = (
    index: number,
    figures: { settled: number; perProcess: number; onTime: number; pendingOverdue?: number },
  ): Measurement[] => {
    const periodKey = `2024-${String(index).padStart(2, '0')}`;
    const base = {
      kind: 'ratio' as const,
      periodKey,
      reportedAt: `2024-${String(index + 1).padStart(2, '0')}-05T03:00:00.000Z`,
      late: false,
      evidence: [`BC-${periodKey}`],
    };
    return [
      { ...base, indicatorId: perProcess.id, numerator: figures.perProcess, denominator: figures.settled },
      {
        ...base,
        indicatorId: onTime.id,
        numerator: figures.onTime,
        denominator: figures.settled,
        ...(figures.pendingOverdue !== undefined ? { pendingOverdue: figures.pendingOverdue } : {}),
      },
    ];
  };
  const onTimeAfter = (measurements: Measurement[], periodsElapsed: number) =>
    evaluateIndicator(onTime, measurements, { periodsElapsed, periodsInYear: 12 });

  it('asks for them on the on-time indicator only, with a question the form shows', () => {
    expect(onTime).toMatchObject({
      id: 'obj-4-on-time',
      pendingOverdueLabel: { vi: 'Số hồ sơ đang giải quyết đã quá hạn (tính đến cuối kỳ)' },
    });
    expect(perProcess).not.toHaveProperty('pendingOverdueLabel');
  });

  it('90 settled on time of 95 settled and 5 pending overdue is 90/100 = 90%', () => {
    const [, march] = month(3, { settled: 95, perProcess: 95, onTime: 90, pendingOverdue: 5 });
    expect(measurementValue(onTime, march)).toEqual({
      kind: 'ratio',
      numerator: 90,
      denominator: 100,
      percent: 90,
      pendingOverdue: 5,
    });
    // Not 90/95 = 94.74%.
    expect(
      onTimeAfter(month(1, { settled: 95, perProcess: 95, onTime: 90, pendingOverdue: 5 }), 1),
    ).toMatchObject({
      status: 'on-track',
      value: { numerator: 90, denominator: 100, percent: 90 },
    });
  });

  it('compares exactly with "trên 80%": 80 of 95 + 5 is 80% and misses, 81 of 95 + 5 meets', () => {
    const at = (onTimeCount: number) =>
      onTimeAfter(month(1, { settled: 95, perProcess: 95, onTime: onTimeCount, pendingOverdue: 5 }), 1);
    expect(at(80)).toMatchObject({ status: 'at-risk', value: { percent: 80 }, reasons: ['target-not-met'] });
    expect(at(81)).toMatchObject({ status: 'on-track', value: { percent: 81 } });
    // Without the 5 pending overdue, 80/95 = 84.21% would have looked on track.
    expect(onTimeAfter(month(1, { settled: 95, perProcess: 95, onTime: 80 }), 1).status).toBe('on-track');
  });

  it('turns a month with nothing settled but dossiers overdue into 0%, not "no cases"', () => {
    const evaluation = onTimeAfter(month(1, { settled: 0, perProcess: 0, onTime: 0, pendingOverdue: 3 }), 1);
    expect(evaluation).toMatchObject({
      status: 'at-risk',
      value: { numerator: 0, denominator: 3, percent: 0 },
      reasons: ['target-not-met'],
    });
    expect(
      onTimeAfter(month(1, { settled: 0, perProcess: 0, onTime: 0, pendingOverdue: 0 }), 1),
    ).toMatchObject({
      status: 'not-measured',
      reasons: ['no-cases'],
    });
  });

  it('counts the stock of the latest month only, so a dossier pending in January and settled late in February counts once', () => {
    // January: 100 settled, 90 on time; 10 still open past their deadline on 31 January.
    // February: those 10 settled late with 100 others (110 settled, 95 on time); none overdue left.
    const year = [
      ...month(1, { settled: 100, perProcess: 100, onTime: 90, pendingOverdue: 10 }),
      ...month(2, { settled: 110, perProcess: 110, onTime: 95, pendingOverdue: 0 }),
    ];
    expect(onTimeAfter(year.slice(0, 2), 1).value).toMatchObject({ numerator: 90, denominator: 110 });
    // (90 + 95) / (100 + 110 + 0) = 185/210, not 185/220.
    expect(onTimeAfter(year, 2).value).toEqual({
      kind: 'ratio',
      numerator: 185,
      denominator: 210,
      percent: 88.1,
      pendingOverdue: 0,
    });
    // Still open on 31 March: March's count is the one that counts, whatever January said.
    const march = month(3, { settled: 0, perProcess: 0, onTime: 0, pendingOverdue: 4 });
    expect(onTimeAfter([...year, ...march], 3).value).toMatchObject({ numerator: 185, denominator: 214 });
  });

  it('evaluates a report without the figure exactly as before (reports of running cycles)', () => {
    const before = month(1, { settled: 95, perProcess: 95, onTime: 90 });
    expect(measurementValue(onTime, before[1])).toEqual({
      kind: 'ratio',
      numerator: 90,
      denominator: 95,
      percent: 94.74,
    });
    expect(onTimeAfter(before, 1).value).not.toHaveProperty('pendingOverdue');
    // A later month that gives it counts it from then on.
    const after = month(2, { settled: 5, perProcess: 5, onTime: 5, pendingOverdue: 20 });
    expect(onTimeAfter([...before, ...after], 2).value).toMatchObject({ numerator: 95, denominator: 120 });
    expect(
      evaluateObjective(objective4, [...before, ...after], { periodsElapsed: 2 }).indicators[1].value,
    ).toMatchObject({ numerator: 95, denominator: 120, pendingOverdue: 20 });
  });

  it('takes the report of a period corrected with the figure, like any other correction', () => {
    const reported = month(1, { settled: 95, perProcess: 95, onTime: 90 });
    const corrected = month(1, { settled: 95, perProcess: 95, onTime: 90, pendingOverdue: 5 }).map((m) => ({
      ...m,
      reportedAt: '2024-02-20T03:00:00.000Z',
    }));
    expect(onTimeAfter([...reported, ...corrected], 1).value).toMatchObject({
      numerator: 90,
      denominator: 100,
    });
  });
});

describe("a report's dossiers pending overdue", () => {
  const report = (onTime: Record<string, unknown>, perProcess: Record<string, unknown> = {}) => ({
    figures: [
      { indicatorId: 'obj-4-per-process', numerator: 95, denominator: 95, ...perProcess },
      { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 95, ...onTime },
    ],
    evidence: ['BC-03'],
  });
  const paths = (outcome: unknown, indicators = objective4.indicators) =>
    validateMeasurementReport(outcome, indicators, '2024-03').map((p) => `${p.path} ${p.code}`);

  it('is accepted beside the settled dossiers; the shared denominator is still the dossiers settled', () => {
    expect(paths(report({ pendingOverdue: 5 }))).toEqual([]);
    expect(paths(report({}))).toEqual([]);
    expect(paths(report({ pendingOverdue: 5, denominator: 100 }))).toEqual([
      'figures[obj-4-on-time].denominator inconsistent',
    ]);
  });

  it('is a whole number of dossiers, refused by the indicator it is given for', () => {
    const refused = ['figures[obj-4-on-time].pendingOverdue invalid-value'];
    expect(paths(report({ pendingOverdue: -1 }))).toEqual(refused);
    expect(paths(report({ pendingOverdue: 2.5 }))).toEqual(refused);
    expect(paths(report({ pendingOverdue: '5' }))).toEqual(refused);
  });

  it('is refused on an indicator that does not count them, and on objective 4 as running cycles approved it', () => {
    expect(paths(report({}, { pendingOverdue: 5 }))).toEqual([
      'figures[obj-4-per-process].pendingOverdue invalid-value',
    ]);
    const approvedBefore = objective4.indicators.map((indicator) => {
      const { pendingOverdueLabel: _asked, ...rest } = indicator as RatioIndicator;
      return rest as Indicator;
    });
    expect(paths(report({ pendingOverdue: 5 }), approvedBefore)).toEqual([
      'figures[obj-4-on-time].pendingOverdue invalid-value',
    ]);
  });

  it('must agree between two shares of the same dossiers when both count them', () => {
    const both = objective4.indicators.map((indicator) => ({
      ...indicator,
      pendingOverdueLabel: { vi: 'Số hồ sơ đang giải quyết đã quá hạn', en: 'Pending overdue' },
    })) as Indicator[];
    expect(paths(report({ pendingOverdue: 5 }, { pendingOverdue: 5 }), both)).toEqual([]);
    expect(paths(report({ pendingOverdue: 5 }, { pendingOverdue: 7 }), both)).toEqual([
      'figures[obj-4-on-time].pendingOverdue inconsistent',
    ]);
  });

  it('is carried into the measurement only when given', () => {
    const at = { periodKey: '2024-03', reportedAt: '2024-04-05T03:00:00.000Z', late: false };
    const [, given] = measurementsFromReport(objective4.indicators, report({ pendingOverdue: 5 }), at);
    const [, left] = measurementsFromReport(objective4.indicators, report({}), at);
    expect(given).toMatchObject({ numerator: 90, denominator: 95, pendingOverdue: 5 });
    expect(left).not.toHaveProperty('pendingOverdue');
  });

  it("has its question checked in a draft, like the indicator's other labels", () => {
    const draft = structuredClone(KONTUM_2024_TEMPLATE);
    const onTime = draft.objectives[3].indicators[1];
    if (onTime.kind === 'ratio') onTime.pendingOverdueLabel = { vi: ' ', en: 'Pending overdue' };
    expect(validateCycleDraft(draft).map((p) => p.path)).toEqual([
      'objectives[3].indicators[1].pendingOverdueLabel.vi',
    ]);
  });

  it('is a correction of its own when only it changes', () => {
    const facts = {
      indicators: objective4.indicators,
      periodKeys: ['2024-03'],
      reporterUserId: 'lan',
      unitHeadUserId: 'head',
      unitCode: 'vp-ttpvhcc',
      currentFigures: report({}).figures,
      yearClosed: false,
    };
    const request = { actorUserId: 'lan', periodKey: '2024-03', reason: 'Bỏ sót hồ sơ quá hạn' };
    expect(
      checkMeasurementCorrection({ ...request, figures: report({ pendingOverdue: 5 }).figures }, facts),
    ).toBeUndefined();
    expect(checkMeasurementCorrection({ ...request, figures: report({}).figures }, facts)).toMatchObject({
      kind: 'invalid',
      problems: [expect.objectContaining({ path: 'figures' })],
    });
  });
});
