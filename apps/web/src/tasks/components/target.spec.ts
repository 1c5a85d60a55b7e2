import {
  countMeetsTarget,
  draftInLanguage,
  percentOf,
  ratioMeetsTarget,
  typedNumber,
  wholeNumber,
} from './target';

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
    expect(wholeNumber('12', 'vi')).toBe(12);
    expect(wholeNumber('1,5', 'vi')).toBeUndefined();
    expect(wholeNumber('-3', 'vi')).toBeUndefined();
    expect(wholeNumber('', 'vi')).toBeUndefined();
  });

  it('reads figures as people write them: thousands grouped in the page’s language, never another number', () => {
    // Vietnamese groups thousands with a point (or a space) and writes a decimal comma.
    expect(typedNumber('1.000', 'vi')).toBe(1000);
    expect(typedNumber('1.250.300', 'vi')).toBe(1250300);
    expect(typedNumber('1 200', 'vi')).toBe(1200);
    expect(typedNumber(' 95 ', 'vi')).toBe(95);
    expect(typedNumber('2,5', 'vi')).toBe(2.5);
    // A point that groups nothing is no Vietnamese number: not read as 2.5, nor as 25.
    expect(typedNumber('2.5', 'vi')).toBeUndefined();
    expect(typedNumber('1.00', 'vi')).toBeUndefined();
    expect(typedNumber('1.000,5', 'vi')).toBeUndefined();
    expect(typedNumber('1.000 000', 'vi')).toBeUndefined(); // two ways of grouping in one number
    // English groups with a comma and writes a decimal point.
    expect(typedNumber('1,000', 'en')).toBe(1000);
    expect(typedNumber('2.5', 'en')).toBe(2.5);
    expect(typedNumber('2,5', 'en')).toBeUndefined();
    expect(typedNumber('mười', 'vi')).toBeUndefined();
    expect(typedNumber('', 'vi')).toBeUndefined();
    expect(wholeNumber('1.000', 'vi')).toBe(1000);
  });
});

describe('figures typed so far when the page switches language', () => {
  const typed = {
    numerator: '1.000',
    denominator: '1 250',
    pendingOverdue: '0',
    value: '2,5',
    achieved: '' as const,
  };

  it('keep their numbers, written as the new language writes them', () => {
    expect(draftInLanguage(typed, 'vi', 'en')).toEqual({
      numerator: '1,000',
      denominator: '1,250',
      pendingOverdue: '0',
      value: '2.5',
      achieved: '',
    });
    const back = draftInLanguage(draftInLanguage(typed, 'vi', 'en'), 'en', 'vi');
    expect(wholeNumber(back.numerator, 'vi')).toBe(1000);
    expect(typedNumber(back.value, 'vi')).toBe(2.5);
  });

  it('leave what is no number as typed, for its field to refuse', () => {
    expect(draftInLanguage({ ...typed, numerator: 'khoảng 10', value: '2.5' }, 'vi', 'en')).toMatchObject({
      numerator: 'khoảng 10',
      value: '2.5',
    });
  });
});
