import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues, NAMESPACES, type Language } from './catalogues';

export const LANGUAGES: readonly Language[] = ['vi', 'en'];
const STORAGE_KEY = 'qcycle.language';

/** Vietnamese unless the user chose English (saved on the device, and as their `locale` once signed in). */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'vi';
}

export function initI18n(): void {
  void i18next.use(initReactI18next).init({
    resources: catalogues,
    lng: initialLanguage(),
    fallbackLng: 'vi',
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    localStorage.setItem(STORAGE_KEY, lng);
  });
}

export { i18next };
