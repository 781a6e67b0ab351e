import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../../shared/protocol/errors';
import type { CasePrepDto, PrepParty, PrepRecord } from '../../../../../shared/protocol/prep';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { CheckboxField, TextAreaField, TextField } from '../../../components/Fields';
import { apiPost, toAppError } from '../../../lib/api';

const EMPTY: PrepRecord = {
  hopes: '',
  questions: '',
  avoidTopics: '',
  namesPronouns: '',
  supportPeople: '',
  access: {
    captions: false,
    interpreter: false,
    language: '',
    audioOnly: false,
    breaks: false,
    other: '',
  },
};

const TEXTS = ['hopes', 'questions', 'avoidTopics', 'namesPronouns', 'supportPeople'] as const;
const FLAGS = ['captions', 'interpreter', 'audioOnly', 'breaks'] as const;

/** One party's preparation record (PRE-2): facilitators only, never shown to anyone else. */
export function PrepRecordForm({
  caseId,
  party,
  record,
  onSaved,
}: {
  caseId: string;
  party: PrepParty;
  record: PrepRecord | undefined;
  onSaved: (next: CasePrepDto) => void;
}) {
  const { t } = useTranslation('prep');
  const [r, setR] = useState<PrepRecord>(() => ({
    ...EMPTY,
    ...record,
    access: { ...EMPTY.access, ...record?.access },
  }));
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      onSaved(
        await apiPost<CasePrepDto>(`/api/cases/${encodeURIComponent(caseId)}/prep/${party}`, r),
      );
      setSaved(true);
    } catch (err) {
      setError(toAppError(err));
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      {TEXTS.map((k) => (
        <TextAreaField
          key={k}
          label={t(`record.${k}`)}
          maxLength={2000}
          rows={2}
          value={r[k]}
          onChange={(e) => setR((o) => ({ ...o, [k]: e.target.value }))}
        />
      ))}
      <fieldset>
        <legend>{t('record.access')}</legend>
        <p className="field__hint">{t('record.accessHint')}</p>
        {FLAGS.map((k) => (
          <CheckboxField
            key={k}
            label={t(`record.${k}`)}
            checked={r.access[k]}
            onChange={(e) =>
              setR((o) => ({ ...o, access: { ...o.access, [k]: e.target.checked } }))
            }
          />
        ))}
        <TextField
          label={t('record.language')}
          maxLength={200}
          value={r.access.language}
          onChange={(e) =>
            setR((o) => ({ ...o, access: { ...o.access, language: e.target.value } }))
          }
        />
        <TextField
          label={t('record.otherAccess')}
          maxLength={200}
          value={r.access.other}
          onChange={(e) => setR((o) => ({ ...o, access: { ...o.access, other: e.target.value } }))}
        />
      </fieldset>
      <ErrorMessage error={error} />
      <p role="status" aria-live="polite" className="success-text">
        {saved ? t('saved') : ''}
      </p>
      <button type="submit" className="button">
        {t('record.save')}
      </button>
    </form>
  );
}
