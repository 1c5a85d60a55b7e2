import type { FormObjective } from '../task-types';
import { roundChanges, unchanged } from './round-changes';

const objective = (id: string, number: number, extra: Partial<FormObjective> = {}): FormObjective => ({
  id,
  number,
  title: { vi: `Mục tiêu ${id}`, en: `Objective ${id}` },
  indicators: [
    {
      id: `${id}-i`,
      label: { vi: 'Tỷ lệ', en: 'Rate' },
      kind: 'ratio',
      target: { comparator: '>=', value: 95 },
    },
  ],
  frequency: 'monthly',
  ownerUnitCode: 'vp-tonghop',
  plan: { what: 'Theo dõi', when: 'Hằng tháng' },
  ...extra,
});
const wording = {
  scope: { vi: 'Văn phòng UBND tỉnh', en: 'The Office' },
  qualityRepresentativeTitle: 'Chánh Văn phòng UBND tỉnh',
  legalBases: ['Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;'],
  recipients: ['Như Điều 4', 'Lưu: VT, ISO'],
};
const returned = { objectives: [objective('a', 1), objective('b', 2), objective('c', 3)], wording };

describe('what a round changed from the draft the leader returned', () => {
  it('names nothing when the draft went back as it was', () => {
    const changes = roundChanges(returned, structuredClone(returned));
    expect(changes).toEqual({ added: [], changed: {}, removed: [], wording: [] });
    expect(unchanged(changes)).toBe(true);
  });

  it('names each changed part of an objective, the objectives added and removed, not a mere renumbering', () => {
    const changes = roundChanges(returned, {
      objectives: [
        objective('a', 1, { plan: { what: 'Theo dõi', when: 'Theo từng quý' } }),
        // b removed: c is number 2 now, otherwise as it was.
        objective('c', 2),
        objective('d', 3),
        objective('e', 4),
      ],
      wording,
    });
    expect(changes.changed).toEqual({ a: ['plan'] });
    expect(changes.added).toEqual(['d', 'e']);
    expect(changes.removed.map((o) => o.id)).toEqual(['b']);
    expect(unchanged(changes)).toBe(false);
  });

  it('compares the texts as the decision prints them, in Vietnamese: an English text made the same is no change', () => {
    const changes = roundChanges(returned, {
      objectives: [
        objective('a', 1, { title: { vi: 'Mục tiêu a', en: 'Mục tiêu a' } }),
        objective('b', 2, {
          indicators: [
            {
              id: 'b-i',
              label: { vi: 'Tỷ lệ', en: 'Share' },
              kind: 'ratio',
              target: { comparator: '>=', value: 95 },
            },
          ],
        }),
        objective('c', 3, { title: { vi: 'Mục tiêu c (sửa)', en: 'Objective c' } }),
      ],
      wording: { ...wording, scope: { vi: wording.scope.vi, en: 'The Office of the Committee' } },
    });
    expect(changes.changed).toEqual({ c: ['title'] });
    expect(changes.wording).toEqual([]);
  });

  it('names the title, the indicators, the frequency and the owning unit apart', () => {
    const changes = roundChanges(returned, {
      objectives: [
        objective('a', 1, { title: { vi: 'Mục tiêu a, sửa', en: 'Objective a' } }),
        objective('b', 2, {
          indicators: [
            {
              id: 'b-i',
              label: { vi: 'Tỷ lệ', en: 'Rate' },
              kind: 'ratio',
              target: { comparator: '>=', value: 90 },
            },
          ],
          frequency: 'quarterly',
        }),
        objective('c', 3, { ownerUnitCode: 'vp-ttpvhcc' }),
      ],
      wording,
    });
    expect(changes.changed).toEqual({ a: ['title'], b: ['indicators', 'frequency'], c: ['owner'] });
  });

  it("names the decision's words that changed, in the page's order", () => {
    const changes = roundChanges(returned, {
      objectives: returned.objectives,
      wording: {
        ...wording,
        recipients: ['Như Điều 4', 'Sở Nội vụ', 'Lưu: VT, ISO'],
        legalBases: ['Luật Tổ chức chính quyền địa phương năm 2025;'],
      },
    });
    expect(changes.wording).toEqual(['legalBases', 'recipients']);
    expect(changes.changed).toEqual({});
  });

  it('compares no words for a round opened before forms carried them', () => {
    const { wording: _none, ...old } = returned;
    expect(roundChanges(old, { objectives: returned.objectives, wording }).wording).toEqual([]);
  });
});
