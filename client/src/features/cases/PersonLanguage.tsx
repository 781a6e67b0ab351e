import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../../shared/i18n/languages';
import type { AppError } from '../../../../shared/protocol/errors';
import type { PersonDto } from '../../../../shared/protocol/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/Fields';
import { apiPost, toAppError } from '../../lib/api';

/** Each language's name in its own words (as in the header's switch). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };
const OPTIONS = LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }));

/** The language of a person being added: their link, screens and summary (issue 17). */
export function LanguageField({
  value,
  onChange,
}: {
  value: Language;
  onChange: (l: Language) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('language.person')}
      hint={t('language.personHint')}
      options={OPTIONS}
      value={value}
      onChange={(e) => onChange(e.target.value as Language)}
    />
  );
}

/** Changes the language of a person already on the case; saved at once. */
export function PersonLanguageControl({
  caseId,
  person,
  onChanged,
}: {
  caseId: string;
  person: PersonDto;
  onChanged: (p: PersonDto) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const change = async (language: Language) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(
        await apiPost<PersonDto>(
          `/api/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(person.id)}/language`,
          { language },
        ),
      );
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="people__language">
      <SelectField
        label={t('language.personFor', { name: person.displayName })}
        options={OPTIONS}
        value={person.language}
        disabled={busy}
        onChange={(e) => void change(e.target.value as Language)}
      />
      <ErrorMessage error={error} />
    </div>
  );
}
