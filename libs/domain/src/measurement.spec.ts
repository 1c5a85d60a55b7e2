import type { RatioIndicator } from './indicator';
import type { RatioMeasurement } from './measurement';
import { isReportLate, validateMeasurement } from './measurement';
import { KONTUM_2024_TEMPLATE } from './templates/kontum-2024.template';

const onTime = KONTUM_2024_TEMPLATE.objectives[3].indicators[1] as RatioIndicator;
const valid: RatioMeasurement = {
  kind: 'ratio',
  indicatorId: 'obj-4-on-time',
  periodKey: '2024-03',
  numerator: 90,
  denominator: 100,
  reportedAt: '2024-04-03T02:00:00.000Z',
  late: false,
  evidence: ['Báo cáo số 12/BC-TTPVHCC'],
};
const paths = (m: RatioMeasurement) => validateMeasurement(onTime, m).map((p) => p.path);

describe('validateMeasurement', () => {
  it('accepts a monthly figure with its evidence, and a month with no dossiers', () => {
    expect(validateMeasurement(onTime, valid)).toEqual([]);
    expect(validateMeasurement(onTime, { ...valid, numerator: 0, denominator: 0 })).toEqual([]);
  });

  it('says which field is wrong, in Vietnamese and in English', () => {
    const [problem] = validateMeasurement(onTime, { ...valid, numerator: 120 });
    expect(problem).toEqual({
      path: 'numerator',
      code: 'out-of-range',
      reason: 'Tử số không được lớn hơn mẫu số.',
      reasonEn: 'The numerator must not be greater than the denominator.',
    });
    // Cases counted where there were none: the reason says the denominator is 0.
    expect(validateMeasurement(onTime, { ...valid, numerator: 5, denominator: 0 })).toEqual([
      {
        path: 'numerator',
        code: 'out-of-range',
        reason: 'Mẫu số là 0 (không có trường hợp nào trong kỳ) nên tử số cũng phải là 0.',
        reasonEn: 'The denominator is 0 (no cases in the period), so the numerator must be 0 too.',
      },
    ]);
    expect(paths({ ...valid, periodKey: '2024-13' })).toEqual(['periodKey']);
    expect(paths({ ...valid, reportedAt: '2024-04-03 09:00' })).toEqual(['reportedAt']);
    expect(paths({ ...valid, denominator: -1 })).toEqual(['denominator']);
    expect(paths({ ...valid, evidence: [' '] })).toEqual(['evidence[0]']);
    expect(paths({ ...valid, indicatorId: 'obj-4-per-process' })).toEqual(['indicatorId']);
  });

  it('refuses a figure of the wrong kind', () => {
    const count = { ...valid, kind: 'count', value: 3 } as unknown as RatioMeasurement;
    expect(paths(count)).toEqual(['kind']);
  });
});

describe('isReportLate', () => {
  it('is on time up to the due instant itself', () => {
    expect(isReportLate('2024-02-07T10:00:00.000Z', '2024-02-07T10:00:00.000Z')).toBe(false);
    expect(isReportLate('2024-02-07T10:00:00.000Z', '2024-02-07T17:00:01+07:00')).toBe(true);
  });
});
