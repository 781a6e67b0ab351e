import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';

/** English now; another language is one more file with the same keys (structured by feature). */
export const resources = { en: { translation: en } } as const;

void i18next.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en'],
  resources,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
