import { evidenceIdsIn, evidenceListOf, evidenceReference } from './evidence-reference';

describe('the uploaded files a recorded payload names', () => {
  it('finds each evidence:<id> of every evidence list the payload holds, once, in the order met', () => {
    const payload = {
      evidence: [evidenceReference('a1'), 'Sổ theo dõi tháng 3 (bản giấy)'],
      outcome: { evidence: [evidenceReference('b2'), evidenceReference('a1')], note: 'evidence: in words' },
      findings: [{ evidence: [evidenceReference('c3')] }],
    };
    expect(evidenceIdsIn(payload)).toEqual(['a1', 'b2', 'c3']);
  });

  it('reads other texts as words, even one written like a reference', () => {
    expect(
      evidenceIdsIn({ reason: evidenceReference('d4'), count: 3, previous: null, evidence: 'evidence:e5' }),
    ).toEqual([]);
  });
});

describe("a recorded answer's evidence list", () => {
  it('is its texts, paper records and references alike, and none when the record holds no list of texts', () => {
    expect(evidenceListOf(['BC-01/2024', evidenceReference('a1'), 7, null])).toEqual([
      'BC-01/2024',
      evidenceReference('a1'),
    ]);
    expect(evidenceListOf('BC-01/2024')).toEqual([]);
    expect(evidenceListOf(undefined)).toEqual([]);
  });
});
