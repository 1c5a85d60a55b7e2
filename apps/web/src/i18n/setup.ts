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
}
