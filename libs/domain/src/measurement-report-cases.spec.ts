import { validateCycleDraft } from './cycle-draft-validation';
import { validateMeasurementReport } from './task-outcomes';
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
