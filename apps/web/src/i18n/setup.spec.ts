import i18next from 'i18next';
import { catalogues } from './catalogues';
import { setUpCatalogues } from './setup';

/** The app's catalogues on an instance of their own, as `initI18n` sets them up. */
async function translators() {
  const instance = i18next.createInstance();
  await setUpCatalogues(instance, catalogues);
  return { vi: instance.getFixedT('vi'), en: instance.getFixedT('en') };
}

describe('a count of one in the catalogues', () => {
  it('reads the Vietnamese text written for one thing, and the one for several otherwise', async () => {
    const { vi } = await translators();
    const notListed = (count: number, numbers: string) =>
      vi('cycles:start.objectives.notListed', { count, numbers, units: 'Trung tâm' });
    expect(notListed(1, '4')).toMatch(/^Mục tiêu 4 do đơn vị/u);
    expect(notListed(2, '4, 5')).toMatch(/^Các mục tiêu 4, 5 do đơn vị/u);
    expect(notListed(0, '')).toMatch(/^Các mục tiêu/u);
    expect(vi('tasks:auditPlan.allUnitsPlanned', { count: 1 })).toBe(
      'Kế hoạch có bước đánh giá tại đơn vị trong phạm vi.',
    );
    expect(vi('tasks:auditPlan.allUnitsPlanned', { count: 3 })).toBe(
      'Kế hoạch có bước đánh giá tại cả 3 đơn vị trong phạm vi.',
    );
  });

  it('keeps English as its own rule says', async () => {
    const { en } = await translators();
    expect(en('cycles:overdue.days', { count: 1 })).not.toBe(en('cycles:overdue.days', { count: 2 }));
    expect(en('cycles:overdue.days', { count: 1 })).toContain('1');
  });
});
