import {
  checkMeasurementCorrection,
  type MeasurementCorrectionFacts,
  type MeasurementCorrectionRequest,
} from './measurement-correction';
import { KONTUM_2024_TEMPLATE } from './templates/kontum-2024.template';

const objective4 = KONTUM_2024_TEMPLATE.objectives.find((o) => o.id === 'obj-4')!;
const facts: MeasurementCorrectionFacts = {
  indicators: objective4.indicators,
  periodKeys: ['2024-01', '2024-02'],
  reporterUserId: 'u-reporter',
  unitHeadUserId: 'u-head',
  unitCode: 'vp-ttpvhcc',
  currentFigures: [
    { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
    { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 100 },
  ],
  yearClosed: false,
};
const correction: MeasurementCorrectionRequest = {
  actorUserId: 'u-head',
  periodKey: '2024-01',
  reason: 'Tính nhầm 5 hồ sơ trễ hạn',
  figures: [
    { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
    { indicatorId: 'obj-4-on-time', numerator: 85, denominator: 100 },
  ],
};

describe('checkMeasurementCorrection', () => {
  it("lets the period's reporter or the head of the objective's unit correct it", () => {
    expect(checkMeasurementCorrection(correction, facts)).toBeUndefined();
    expect(checkMeasurementCorrection({ ...correction, actorUserId: 'u-reporter' }, facts)).toBeUndefined();
    expect(checkMeasurementCorrection({ ...correction, actorUserId: 'u-other-head' }, facts)).toMatchObject({
      kind: 'forbidden',
    });
  });

  it("lets the unit's head as the directory has them now correct it (a head appointed during the year), not the roster's head any more", () => {
    const newHead = { ...correction, actorUserId: 'u-new-head', by: { headOfUnits: ['vp-ttpvhcc'] } };
    expect(checkMeasurementCorrection(newHead, facts)).toBeUndefined();
    // The roster's head, moved on to head another unit: no longer this unit's head.
    expect(
      checkMeasurementCorrection({ ...correction, by: { headOfUnits: ['vp-tonghop'] } }, facts),
    ).toMatchObject({ kind: 'forbidden' });
    // The reporter needs no role.
    expect(
      checkMeasurementCorrection(
        { ...correction, actorUserId: 'u-reporter', by: { headOfUnits: [] } },
        facts,
      ),
    ).toBeUndefined();
  });

  it("takes the correction's own evidence by the report's rules, and none at all", () => {
    const withEvidence = { ...correction, evidence: ['evidence:0b6a', 'Biên bản rà soát tháng 1'] };
    expect(checkMeasurementCorrection(withEvidence, facts)).toBeUndefined();
    expect(checkMeasurementCorrection({ ...correction, evidence: [] }, facts)).toBeUndefined();
    const blank = checkMeasurementCorrection({ ...correction, evidence: ['evidence:0b6a', ' '] }, facts);
    expect(blank).toMatchObject({ kind: 'invalid' });
    expect(blank?.kind === 'invalid' && blank.problems.map((p) => p.path)).toEqual(['evidence']);
  });

  it('refuses an unknown period (not found), one not reported and a closed year (conflict)', () => {
    expect(checkMeasurementCorrection({ ...correction, periodKey: '2024-13' }, facts)).toMatchObject({
      kind: 'not-found',
    });
    expect(checkMeasurementCorrection(correction, { ...facts, reporterUserId: undefined })).toMatchObject({
      kind: 'conflict',
    });
    expect(checkMeasurementCorrection(correction, { ...facts, yearClosed: true })).toMatchObject({
      kind: 'conflict',
    });
  });

  it('refuses a correction made on figures that are no longer the period’s, saying what they are now', () => {
    const seen = [
      { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
      { indicatorId: 'obj-4-on-time', numerator: 88, denominator: 100 },
    ];
    expect(checkMeasurementCorrection({ ...correction, ifFiguresWere: seen }, facts)).toEqual({
      kind: 'changed',
      reason: expect.any(String),
      currentFigures: facts.currentFigures,
    });
    // Made on the figures as they are (in any order): applied.
    expect(
      checkMeasurementCorrection(
        { ...correction, ifFiguresWere: [...facts.currentFigures!].reverse() },
        facts,
      ),
    ).toBeUndefined();
    // Whoever may not correct is told so first, not what the figures are.
    expect(
      checkMeasurementCorrection({ ...correction, actorUserId: 'u-other', ifFiguresWere: seen }, facts),
    ).toMatchObject({ kind: 'forbidden' });
  });

  it('wants a reason and figures that fit the indicators, shared denominator included, and differ', () => {
    const paths = (request: MeasurementCorrectionRequest) => {
      const refusal = checkMeasurementCorrection(request, facts);
      return refusal?.kind === 'invalid' ? refusal.problems.map((p) => p.path) : refusal;
    };
    expect(paths({ ...correction, reason: '  ' })).toEqual(['reason']);
    expect(
      paths({
        ...correction,
        figures: [
          { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
          { indicatorId: 'obj-4-on-time', numerator: 85, denominator: 120 },
        ],
      }),
    ).toEqual(['figures[obj-4-on-time].denominator']);
    expect(paths({ ...correction, figures: [...facts.currentFigures!] })).toEqual(['figures']);
  });
});
