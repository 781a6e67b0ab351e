import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../../shared/protocol/errors';
import type { CasePrepDto, SafetyPlan } from '../../../../../shared/protocol/prep';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TextAreaField, TextField } from '../../../components/Fields';
import { apiPost, toAppError } from '../../../lib/api';

const EMPTY: SafetyPlan = { location: '', callbackNumber: '', afterSupport: '', ifDistressed: '' };

/** One person's safety plan (PRE-8): facilitators only. */
export function SafetyPlanForm({
  caseId,
  personId,
  plan,
  onSaved,
}: {
  caseId: string;
  personId: string;
  plan: SafetyPlan | undefined;
  onSaved: (next: CasePrepDto) => void;
}) {
  const { t } = useTranslation('prep');
  const [p, setP] = useState<SafetyPlan>(() => ({ ...EMPTY, ...plan }));
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      onSaved(
        await apiPost<CasePrepDto>(
          `/api/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(personId)}/safety`,
          p,
        ),
      );
      setSaved(true);
    } catch (err) {
      setError(toAppError(err));
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      <p className="muted">{t('safety.lifetime')}</p>
      <TextField
        label={t('safety.location')}
        maxLength={200}
        value={p.location}
        onChange={(e) => setP((o) => ({ ...o, location: e.target.value }))}
      />
      <TextField
        label={t('safety.callbackNumber')}
        type="tel"
        maxLength={40}
        value={p.callbackNumber}
        onChange={(e) => setP((o) => ({ ...o, callbackNumber: e.target.value }))}
      />
      <TextField
        label={t('safety.afterSupport')}
        maxLength={200}
        value={p.afterSupport}
        onChange={(e) => setP((o) => ({ ...o, afterSupport: e.target.value }))}
      />
      <TextAreaField
        label={t('safety.ifDistressed')}
        maxLength={2000}
        rows={2}
        value={p.ifDistressed}
        onChange={(e) => setP((o) => ({ ...o, ifDistressed: e.target.value }))}
      />
      <ErrorMessage error={error} />
      <p role="status" aria-live="polite" className="success-text">
        {saved ? t('saved') : ''}
      </p>
      <button type="submit" className="button">
        {t('safety.save')}
      </button>
    </form>
  );
}
