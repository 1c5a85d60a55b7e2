import i18next from 'i18next';
import { catalogues } from '../../i18n/catalogues';
import { setUpCatalogues } from '../../i18n/setup';
import { periodText, taskTitleText } from './format';

/** The app's catalogues and formats on an instance of their own, as `initI18n` sets them up. */
async function translators() {
  const instance = i18next.createInstance();
  await setUpCatalogues(instance, catalogues);
  return { vi: instance.getFixedT('vi'), en: instance.getFixedT('en') };
}

describe('a reporting period in words, in each language', () => {
  it('writes a month as "T3/2024" in Vietnamese and "Mar 2024" in English, never a bare 3/2024', async () => {
    const t = await translators();
    expect(periodText('2024-03', t.vi)).toBe('T3/2024');
    expect(periodText('2024-03', t.en)).toBe('Mar 2024');
    expect(periodText('2024-09', t.en)).toBe('Sept 2024');
    expect(periodText('2024-12', t.en)).toBe('Dec 2024');
    expect(periodText('2024-01', t.en)).toBe('Jan 2024');
  });

  it('writes quarters, halves and the year as before', async () => {
    const t = await translators();
    expect(periodText('2024-Q2', t.en)).toBe('Q2 2024');
    expect(periodText('2024-Q2', t.vi)).toBe('Quý 2/2024');
    expect(periodText('2024-H1', t.en)).toBe('H1 2024');
    expect(periodText('2024', t.en)).toBe('Year 2024');
  });

  it("reads a task's title with its period key in words, as the inbox and the e-mail write it", async () => {
    const t = await translators();
    expect(taskTitleText('Report objective 4 for 2024-03', '2024-03', t.en)).toBe(
      'Report objective 4 for Mar 2024',
    );
    expect(taskTitleText('Báo cáo số liệu mục tiêu 4 kỳ 2024-03', '2024-03', t.vi)).toBe(
      'Báo cáo số liệu mục tiêu 4 kỳ T3/2024',
    );
  });
});
