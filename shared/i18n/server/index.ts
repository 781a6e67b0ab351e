import type { Language } from '../languages';
import { serverEn } from './en';
import { serverFr } from './fr';
import { errorReason } from './reasons';
import type { ServerText } from './types';

export type { ServerText } from './types';
export { errorReason, type ServerErrorReason } from './reasons';

export const SERVER_TEXT: Record<Language, ServerText> = { en: serverEn, fr: serverFr };

/** The server's words in a language, with {{name}} placeholders filled in. */
export function fill(text: string, vars: Record<string, string> = {}): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
}

/** A refusal's words in a language, or null when the catalogue does not know the sentence. */
export function translateServerError(message: string, lang: Language): string | null {
  const reason = errorReason(message);
  return reason ? SERVER_TEXT[lang].errors[reason] : null;
}
