import { validateCycleDraft } from './cycle-draft-validation';
import { draftFromDecision, draftFromPreviousYear } from './draft-from-previous-year';
import { KONTUM_2024_TEMPLATE } from './templates/kontum-2024.template';

describe('draftFromPreviousYear', () => {
  const draft2025 = draftFromPreviousYear(KONTUM_2024_TEMPLATE, 2025);

  it("moves the year and the year in the objectives' wording", () => {
    expect(draft2025.year).toBe(2025);
    expect(draft2025.objectives[1].title.vi).toContain('Chương trình công tác năm 2025');
    expect(draft2025.objectives[2].title.vi).toBe(
      'Hoàn thành 100% chỉ tiêu, nhiệm vụ cải cách hành chính năm 2025 theo kế hoạch của Ủy ban nhân dân tỉnh.',
    );
    expect(draft2025.objectives[1].title.en).toContain('2025 work programme');
    expect(draft2025.objectives[0].plan.when).toBe(
      'Cả năm 2025; đánh giá nội bộ trong tháng 10/2025, họp xem xét của lãnh đạo trong tháng 12/2025.',
    );
    expect(JSON.stringify(draft2025.objectives)).not.toContain('2024');
  });

  it('keeps ids, targets, owners, the standard and the legal bases', () => {
    expect(draft2025.objectives.map((o) => o.id)).toEqual(KONTUM_2024_TEMPLATE.objectives.map((o) => o.id));
    expect(draft2025.objectives[3].indicators[1]).toMatchObject({
      id: 'obj-4-on-time',
      target: { comparator: '>', value: 80 },
    });
    expect(draft2025.objectives[0].title.vi).toContain('TCVN ISO 9001:2015');
    expect(draft2025.legalBases).toEqual(KONTUM_2024_TEMPLATE.legalBases);
    expect(validateCycleDraft(draft2025)).toEqual([]);
  });

  it('leaves a standard or a document number with that year alone', () => {
    const draft2015 = { ...KONTUM_2024_TEMPLATE, year: 2015 };
    const next = draftFromPreviousYear(draft2015, 2016);
    expect(next.objectives[0].title.vi).toContain('TCVN ISO 9001:2015');
  });

  it("does not touch the previous year's draft", () => {
    expect(KONTUM_2024_TEMPLATE.objectives[1].title.vi).toContain('năm 2024');
  });
});

describe('draftFromDecision', () => {
  it('takes the approved objectives and targets, not the starting draft’s, moved to next year', () => {
    const approved = KONTUM_2024_TEMPLATE.objectives.map((o) =>
      o.id === 'obj-4'
        ? {
            ...o,
            indicators: o.indicators.map((i) =>
              i.id === 'obj-4-on-time' ? { ...i, target: { comparator: '>=' as const, value: 90 } } : i,
            ),
          }
        : o,
    );
    const next = draftFromDecision(KONTUM_2024_TEMPLATE, { objectives: approved }, 2025);
    expect(next.year).toBe(2025);
    expect(next.objectives.find((o) => o.id === 'obj-4')?.indicators[1]).toMatchObject({
      target: {
        comparator: '>=',
        value: 90,
      },
    });
    expect(next.legalBases).toEqual(KONTUM_2024_TEMPLATE.legalBases);
    expect(JSON.stringify(next.objectives)).not.toContain('năm 2024');
    expect(validateCycleDraft(next)).toEqual([]);
  });

  it("takes the decision's words as approved when it kept them: a revision's recipients and scope", () => {
    const wording = {
      scope: { vi: 'Văn phòng Ủy ban nhân dân tỉnh năm 2024', en: 'The Office, 2024' },
      qualityRepresentativeTitle: 'Chánh Văn phòng',
      legalBases: KONTUM_2024_TEMPLATE.legalBases.slice(1),
      recipients: ['Như Điều 4', 'Sở Nội vụ', 'Lưu: VT, ISO'],
    };
    const next = draftFromDecision(
      KONTUM_2024_TEMPLATE,
      { objectives: KONTUM_2024_TEMPLATE.objectives, wording },
      2025,
    );
    expect(next).toMatchObject({
      scope: { vi: 'Văn phòng Ủy ban nhân dân tỉnh năm 2025', en: 'The Office, 2025' },
      qualityRepresentativeTitle: 'Chánh Văn phòng',
      legalBases: wording.legalBases,
      recipients: wording.recipients,
      signer: KONTUM_2024_TEMPLATE.signer,
    });
    // A decision approved before it kept them: the starting draft's.
    expect(
      draftFromDecision(
        KONTUM_2024_TEMPLATE,
        { objectives: KONTUM_2024_TEMPLATE.objectives, wording: null },
        2025,
      ).recipients,
    ).toEqual(KONTUM_2024_TEMPLATE.recipients);
  });
});
