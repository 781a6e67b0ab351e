import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../../shared/protocol/errors';
import type { TimingDto } from '../../../../../shared/protocol/prep';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TextField } from '../../../components/Fields';
import { apiPost, toAppError } from '../../../lib/api';
import { useApi } from '../../../lib/useApi';
import { formatWhen, fromLocalInput } from '../when';

const SLOTS = 3;

/**
 * The times proposed for a joint meeting (PRE-5): the facilitator offers a few; the patient's
 * side chooses through its own link. Proposing again replaces the earlier times and any choice.
 */
export function TimingEditor({ meetingId, canEdit }: { meetingId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation('prep');
  const path = `/api/meetings/${encodeURIComponent(meetingId)}/timing`;
  const res = useApi<TimingDto>(path);
  const [values, setValues] = useState<string[]>(Array(SLOTS).fill(''));
  const [error, setError] = useState<AppError | null>(null);
  const d = res.data;
  const times = values.map(fromLocalInput).filter((x): x is number => x !== null);
  const propose = async () => {
    setError(null);
    try {
      const next = await apiPost<TimingDto>(path, {
        times: times.map((startsAt) => ({ startsAt, minutes: 90 })),
      });
      res.setData(() => next);
      setValues(Array(SLOTS).fill(''));
    } catch (e) {
      setError(toAppError(e));
    }
  };
  return (
    <section aria-labelledby={`timing-${meetingId}`}>
      <h4 id={`timing-${meetingId}`}>{t('timing.heading')}</h4>
      {d && d.proposals.length > 0 ? (
        <ul data-testid={`proposals-${meetingId}`}>
          {d.proposals.map((p) => (
            <li key={p.id}>
              {formatWhen(p.startsAt, i18n.language)}
              {d.chosen?.id === p.id ? ` · ${t('timing.chosen')}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('timing.none')}</p>
      )}
      {d?.noneSuits ? <p>{t('timing.noneSuits')}</p> : null}
      {d && !d.chosen && d.proposals.length > 0 && !d.noneSuits ? (
        <p className="muted">{t('timing.waiting')}</p>
      ) : null}
      {canEdit ? (
        <div className="form">
          {values.map((v, i) => (
            <TextField
              key={i}
              type="datetime-local"
              label={t('timing.slot', { n: i + 1 })}
              value={v}
              onChange={(e) =>
                setValues((old) => old.map((x, j) => (j === i ? e.target.value : x)))
              }
            />
          ))}
          <ErrorMessage error={error} />
          <button
            type="button"
            className="button"
            disabled={times.length === 0}
            onClick={() => void propose()}
          >
            {t('timing.propose')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
