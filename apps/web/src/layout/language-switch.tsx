import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { onlyReads, useSession } from '../auth/session';
import { changeLanguage, LANGUAGES } from '../i18n';

/**
 * Tiếng Việt / English: applied at once, kept on this device and, when signed in, as the user's locale
 * (not for a read-only role, which the API refuses every write).
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { user, rememberLocale } = useSession();
  const choose = (language: 'vi' | 'en') => {
    void changeLanguage(language);
    if (user && user.authenticatedBy !== 'task-link') {
      rememberLocale(language);
      // A read-only role is refused every write, saving the language too: kept on this device only.
      if (!onlyReads(user)) void api.PATCH('/api/v1/auth/me', { body: { locale: language } });
    }
  };
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          className="button button-quiet"
          onClick={() => choose(language)}
        >
          {language === 'vi' ? 'Tiếng Việt' : 'English'}
        </button>
      ))}
    </div>
  );
}
