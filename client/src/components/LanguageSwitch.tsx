import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { chooseLanguage } from '../i18n/language';

/** Each language's name in its own words: someone who cannot read the current one still finds theirs. */
const NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

/** On every page (the app header): two buttons, the current language pressed. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div role="group" aria-label={t('language.label')} className="language-switch">
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="button button--small"
          aria-pressed={i18n.language === lng}
          onClick={() => chooseLanguage(lng)}
        >
          {NAMES[lng]}
        </button>
      ))}
    </div>
  );
}
