import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES } from '../../../shared/i18n/languages';
import { en, enPrep } from './en';
import { initialLanguage } from './language';
import { switchLanguage } from './load';

/**
 * English is bundled; other languages (fr.ts, same keys: the parity test checks it) are added by
 * load.ts when first used.
 */
export const resources = { en: { translation: en, prep: enPrep } } as const;

void i18next.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  resources,
  partialBundledLanguages: true,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

// The page's language follows the chosen one: screen readers pronounce it right, the browser
// offers the right spelling and hyphenation.
const setHtmlLang = (lng: string) => document.documentElement.setAttribute('lang', lng);
setHtmlLang(i18next.language);
i18next.on('languageChanged', setHtmlLang);

/** Resolves once the first language (this browser's last choice, else its own) is loaded. */
export const i18nReady: Promise<void> = switchLanguage(initialLanguage()).catch(() => undefined);

export default i18next;
