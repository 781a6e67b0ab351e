import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../../shared/protocol/errors';
import {
  READINESS_DECISIONS,
  type PrepParty,
  type ReadinessDecision,
  type ReadinessDto,
} from '../../../../../shared/protocol/prep';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { SelectField, TextAreaField, TextField } from '../../../components/Fields';
import { apiPost, toAppError } from '../../../lib/api';
import { partyLabel } from '../../../lib/labels';

const today = () => new Date().toISOString().slice(0, 10);

/** The facilitator's readiness decision for one party (PRE-3), with a date and a private note. */
export function ReadinessForm({
  caseId,
  party,
  current,
  onSaved,
}: {
  caseId: string;
  party: PrepParty;
  current: ReadinessDto | undefined;
  onSaved: (next: ReadinessDto[]) => void;
}) {
  const { t } = useTranslation('prep');
  const { t: tt } = useTranslation();
  const [decision, setDecision] = useState<ReadinessDecision>(current?.decision ?? 'not_yet');
  const [decidedOn, setDecidedOn] = useState(today);
  const [note, setNote] = useState(current?.note ?? '');
  const [error, setError] = useState<AppError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onSaved(
        await apiPost<ReadinessDto[]>(`/api/cases/${encodeURIComponent(caseId)}/readiness`, {
          party,
          decision,
          decidedOn,
          note,
        }),
      );
    } catch (err) {
      setError(toAppError(err));
    }
  };
  const side = partyLabel(tt, party);
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      <p data-testid={`readiness-${party}`}>
        {current
          ? t('readiness.current', {
              party: side,
              decision: t(`readiness.decision.${current.decision}`),
              date: current.decidedOn,
            })
          : t('readiness.noneYet', { party: side })}
      </p>
      <SelectField
        label={t('readiness.decisionFor', { party: side })}
        options={READINESS_DECISIONS.map((d) => ({
          value: d,
          label: t(`readiness.decision.${d}`),
        }))}
        value={decision}
        onChange={(e) => setDecision(e.target.value as ReadinessDecision)}
      />
      <TextField
        type="date"
        label={t('readiness.date')}
        value={decidedOn}
        onChange={(e) => setDecidedOn(e.target.value)}
      />
      <TextAreaField
        label={t('readiness.note')}
        hint={t('readiness.noteHint')}
        maxLength={2000}
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit" className="button">
        {t('readiness.record', { party: side })}
      </button>
    </form>
  );
}
