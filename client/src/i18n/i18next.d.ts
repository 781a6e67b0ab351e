import 'i18next';
import type { en, enPrep } from './en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en; prep: typeof enPrep };
  }
}
