import type { Measurement } from './measurement';
import { evaluateYearEnd } from './objective-evaluation';
import { periodKey } from './monitoring-period';
import { KONTUM_2024_TEMPLATE } from './templates/kontum-2024.template';
import { objectiveYearResult } from './year-end-result';

const [, obj2, , , obj5] = KONTUM_2024_TEMPLATE.objectives;
const reportedAt = '2025-01-06T03:00:00.000Z';
const audits = (value: number): Measurement => ({
  kind: 'count',
  indicatorId: obj5.indicators[0].id,
  periodKey: periodKey('yearly', 2024, 1),
  value,
  reportedAt,
  late: false,
  evidence: [],
});

describe('objectiveYearResult', () => {
  it('says achieved, not achieved, or not evaluable with the reason', () => {
    const [done] = evaluateYearEnd([obj5], [audits(1)]);
    expect(objectiveYearResult(done)).toEqual({ objectiveId: obj5.id, result: 'achieved', reasons: [] });

    const [noAudit] = evaluateYearEnd([obj5], [audits(0)]);
    expect(objectiveYearResult(noAudit)).toMatchObject({
      result: 'not-achieved',
      reasons: [{ indicatorId: obj5.indicators[0].id, reason: 'target-not-met' }],
      explanation: { en: `${obj5.indicators[0].id}: the whole-year figure misses the target` },
    });

    const [nothing] = evaluateYearEnd([obj2], []);
    const result = objectiveYearResult(nothing);
    expect(result.result).toBe('not-evaluable');
    expect(result.reasons.map((r) => r.reason)).toContain('no-measurements');
    expect(result.explanation?.vi).toContain('không có số liệu báo cáo');
  });
});
