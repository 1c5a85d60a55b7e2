import type { i18n, Resource } from 'i18next';
import { formatMonth } from '../ui/dates';
import { NAMESPACES } from './namespaces';

/**
 * Sets up an i18next instance as the app reads its catalogues (`initI18n`; the unit tests' own
 * instances too), in Vietnamese, with the catalogues' own formats (`{{value, name}}`):
 * `monthWords` writes a month key (`2024-03`) as ui/dates writes months ("Mar 2024").
 */
export async function setUpCatalogues(instance: i18n, resources: Resource): Promise<void> {
  await instance.init({
    resources,
    lng: 'vi',
    fallbackLng: 'vi',
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    // Languages not given here are added as they are loaded (./index.ts).
    partialBundledLanguages: true,
    // No vendor notice in the reader's console.
    showSupportNotice: false,
  });
  instance.services.formatter?.add('monthWords', (value, lng) => formatMonth(String(value), lng ?? 'vi'));
  countOneApartInVietnamese(instance);
}

/** A count of one apart from several: the `_one` and `_other` forms of a Vietnamese text. */
const ONE_OR_MORE = {
  select: (count: number) => (count === 1 ? 'one' : 'other'),
  resolvedOptions: () => ({ pluralCategories: ['one', 'other'] }),
};

/**
 * Vietnamese has no plural forms (`Intl.PluralRules('vi')` says "other" for every count), so i18next
 * would give every count the `_other` text. But the catalogues word one thing apart from several, as
 * Vietnamese does with "các" and "cả": "Mục tiêu 4 do đơn vị…" and "Các mục tiêu 4, 5 do đơn vị…",
 * "Kế hoạch có bước đánh giá tại đơn vị trong phạm vi" and "…tại cả 3 đơn vị…". A count of 1 reads
 * the `_one` text, as in English; ordinals keep the language's own rule.
 */
function countOneApartInVietnamese(instance: i18n): void {
  const resolver = instance.services.pluralResolver as {
    getRule: (code: string, options?: { ordinal?: boolean }) => unknown;
  };
  const languageOwn = resolver.getRule.bind(resolver);
  resolver.getRule = (code, options = {}) =>
    code.split(/[-_]/)[0] === 'vi' && !options.ordinal ? ONE_OR_MORE : languageOwn(code, options);
}
