import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AppError } from '../../../shared/protocol/errors';

/** The server's plain-language message when it sent one, otherwise a calm message for the code. */
export function errorText(t: TFunction, error: AppError): string {
  if (error.message) return error.message;
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
