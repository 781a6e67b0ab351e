import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { chooseLanguage } from '../i18n/language';

/** Each language's name in its own words: someone who cannot read the current one still finds theirs. */
const NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

/**
 * On every page (the app header; in the room, its top bar, or inside "Display" on a phone): two
 * buttons, the current language pressed. `labelled` shows the group's name ("Language") above
 * the buttons, where they are not on their own in a bar; the accessible names stay the same.
 */
export function LanguageSwitch({ labelled = false }: { labelled?: boolean }) {
  const { t, i18n } = useTranslation();
  const labelId = useId();
  return (
    <div
      role="group"
      aria-label={labelled ? undefined : t('language.label')}
      aria-labelledby={labelled ? labelId : undefined}
      className={labelled ? 'language-switch language-switch--labelled' : 'language-switch'}
    >
      {labelled ? (
        <span id={labelId} className="language-switch__label">
          {t('language.label')}
        </span>
      ) : null}
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
