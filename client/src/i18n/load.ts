import i18next from 'i18next';
import type { Language } from '../../../shared/i18n/languages';
import { serverEn } from '../../../shared/i18n/server/en';
import { errorReason } from '../../../shared/i18n/server/reasons';
import type { ServerText } from '../../../shared/i18n/server/types';

/**
 * Languages other than English load when someone first uses one (a dynamic import): the join
 * page's first JavaScript carries English only. The server's refusals come with them.
 */
const serverErrors: Partial<Record<Language, ServerText['errors']>> = { en: serverEn.errors };

const loaders: Record<Exclude<Language, 'en'>, () => Promise<void>> = {
  fr: async () => {
    const [{ fr, frPrep }, { serverFr }] = await Promise.all([
      import('./fr'),
      import('../../../shared/i18n/server/fr'),
    ]);
    i18next.addResourceBundle('fr', 'translation', fr, true, true);
    i18next.addResourceBundle('fr', 'prep', frPrep, true, true);
    serverErrors.fr = serverFr.errors;
  },
};

const loading = new Map<Language, Promise<void>>();

/** Loads a language's words once; resolves when they are there. */
export function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'en') return Promise.resolve();
  let p = loading.get(lang);
  if (!p) {
    p = loaders[lang]();
    loading.set(lang, p);
  }
  return p;
}

/** Loads a language if needed, then switches to it. */
export async function switchLanguage(lang: Language): Promise<void> {
  await loadLanguage(lang);
  if (i18next.language !== lang) await i18next.changeLanguage(lang);
}

/**
 * A server refusal's words in a language (once loaded), by the code it carries (`reason`), else by
 * its sentence; null for one the catalogue does not know.
 */
export function serverErrorText(
  error: { reason?: string; message: string },
  lang: Language,
): string | null {
  const words = serverErrors[lang] as Record<string, string> | undefined;
  const reason = error.reason ?? errorReason(error.message);
  return (reason && words?.[reason]) || null;
}
