import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { NAMESPACES, type Language } from './namespaces';
import { setUpCatalogues } from './setup';
import { vi } from './vi';

export const LANGUAGES: readonly Language[] = ['vi', 'en'];
const STORAGE_KEY = 'qcycle.language';

/** Vietnamese unless the user chose English (saved on the device, and as their `locale` once signed in). */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'vi';
}

/**
 * Vietnamese is in the first page's code; English (about 15 KB compressed) is fetched the first time
 * it is chosen, so that most people's first page on a slow link does not carry a language they do
 * not read (docs/web.md "On a slow mobile link").
 */
async function loadLanguage(language: Language): Promise<void> {
  if (language === 'vi' || i18next.hasResourceBundle(language, 'common')) return;
  const { en } = await import('./en');
  for (const namespace of NAMESPACES) i18next.addResourceBundle(language, namespace, en[namespace]);
}

/** Shows the app in that language, its catalogue fetched first when it is not loaded yet. */
export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

/**
 * Ready to render: in Vietnamese at once; in English, chosen on this device before, once its
 * catalogue is here (or in Vietnamese, if it cannot be fetched: the page stays readable).
 */
export async function initI18n(): Promise<void> {
  await setUpCatalogues(i18next.use(initReactI18next), { vi });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    localStorage.setItem(STORAGE_KEY, lng);
  });
  const language = initialLanguage();
  if (language !== 'vi') await changeLanguage(language).catch(() => undefined);
}

export { i18next };
