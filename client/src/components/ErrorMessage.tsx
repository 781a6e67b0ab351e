import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AppError } from '../../../shared/protocol/errors';
import { currentLanguage } from '../i18n/language';
import { serverErrorText } from '../i18n/load';

/**
 * The server's refusal in the person's language: the catalogue's words (shared/i18n/server) for
 * the code it carries (or the sentence it sent), else its own words when they are English and so
 * is the page, else a calm message for the general code.
 */
export function errorText(t: TFunction, error: AppError): string {
  const lang = currentLanguage();
  const known = serverErrorText(error, lang);
  if (known) return known;
  if (error.message && lang === 'en') return error.message;
  return t(`errors.${error.code}`);
}

export function ErrorMessage({ error, id }: { error: AppError | null; id?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error-text" role="alert" id={id}>
      {errorText(t, error)}
    </p>
  );
}
