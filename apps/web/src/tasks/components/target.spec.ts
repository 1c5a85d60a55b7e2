import { countMeetsTarget, percentOf, ratioMeetsTarget, wholeNumber } from './target';

describe('the measurement form judges a figure against its target exactly', () => {
  it('80/100 does not meet "> 80%", 81/100 does', () => {
    expect(ratioMeetsTarget(80, 100, { comparator: '>', value: 80 })).toBe(false);
    expect(ratioMeetsTarget(81, 100, { comparator: '>', value: 80 })).toBe(true);
  });

  it('100/100 meets "≥ 100%", 99/100 does not', () => {
    expect(ratioMeetsTarget(100, 100, { comparator: '>=', value: 100 })).toBe(true);
    expect(ratioMeetsTarget(99, 100, { comparator: '>=', value: 100 })).toBe(false);
  });

  it('2/3 does not reach 66.67% although it rounds to it', () => {
    expect(percentOf(2, 3)).toBe(66.67);
    expect(ratioMeetsTarget(2, 3, { comparator: '>=', value: 66.67 })).toBe(false);
  });

  it('has no verdict for 0/0 or a missing figure, and counts compare exactly', () => {
    expect(ratioMeetsTarget(0, 0, { comparator: '>', value: 80 })).toBeUndefined();
    expect(countMeetsTarget(1, { comparator: '>=', value: 1 })).toBe(true);
    expect(countMeetsTarget(0, { comparator: '>=', value: 1 })).toBe(false);
    expect(wholeNumber('12')).toBe(12);
    expect(wholeNumber('1.5')).toBeUndefined();
    expect(wholeNumber('')).toBeUndefined();
  });
});
