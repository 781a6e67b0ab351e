import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRelayDto, RelayMessageDto } from '../../../../shared/protocol/around';
import type { AppError } from '../../../../shared/protocol/errors';
import type { Party } from '../../../../shared/room/roles';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextAreaField } from '../../components/Fields';
import { apiPost, toAppError } from '../../lib/api';
import { partyLabel } from '../../lib/labels';
import { formatDate } from '../../lib/time';
import { useApi } from '../../lib/useApi';

type Act = (path: string, body?: unknown) => Promise<void>;

function PendingActions({ m, act }: { m: RelayMessageDto; act: Act }) {
  const { t } = useTranslation();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const giveBack = async (e: FormEvent) => {
    e.preventDefault();
    await act(`/api/relay/${encodeURIComponent(m.id)}/return`, { note });
  };
  return (
    <div className="actions">
      <button
        type="button"
        className="button button--primary"
        onClick={() => void act(`/api/relay/${encodeURIComponent(m.id)}/release`)}
      >
        {t('relay.release')}
      </button>
      {returning ? (
        <form className="form" onSubmit={giveBack}>
          <TextAreaField
            label={t('relay.returnNote')}
            hint={t('relay.returnNoteHint')}
            maxLength={1000}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="button" disabled={!note.trim()}>
            {t('relay.giveBack')}
          </button>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setReturning(true)}>
          {t('relay.returnWithNote')}
        </button>
      )}
    </div>
  );
}

/** On a case's page: open the written exchange, read each message, release or give it back. */
export function CaseRelay({ caseId, canEdit }: { caseId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const res = useApi<CaseRelayDto>(`/api/cases/${encodeURIComponent(caseId)}/relay`);
  const [error, setError] = useState<AppError | null>(null);
  const act: Act = async (path, body = {}) => {
    setError(null);
    try {
      const next = await apiPost<CaseRelayDto>(path, body);
      res.setData(() => next);
    } catch (err) {
      setError(toAppError(err));
    }
  };
  const data = res.data;
  return (
    <section aria-labelledby="case-relay-h">
      <h2 id="case-relay-h">{t('relay.caseHeading')}</h2>
      <p className="muted">{t('relay.caseExplain')}</p>
      <ErrorMessage error={res.error ?? error} />
      {data ? (
        <>
          <p>{data.open ? t('relay.isOpen') : t('relay.isClosed')}</p>
          {canEdit ? (
            <button
              type="button"
              className="button"
              onClick={() =>
                void act(`/api/cases/${encodeURIComponent(caseId)}/relay`, { open: !data.open })
              }
            >
              {data.open ? t('relay.close') : t('relay.open')}
            </button>
          ) : null}
          <ul className="relay__list">
            {data.messages.map((m) => (
              <li key={m.id} className="relay__message" data-testid={`relay-message-${m.id}`}>
                <p className="field__hint">
                  {t('relay.fromWriter', {
                    writer: m.writer,
                    side: partyLabel(t, m.fromParty as Party),
                    date: formatDate(m.createdAt, i18n.language),
                  })}
                </p>
                <p className="relay__body">{m.body}</p>
                <p className="field__hint">
                  {t(`relay.caseStatus.${m.status}`)}
                  {m.note ? ` ${t('relay.noteGiven', { note: m.note })}` : ''}
                </p>
                {m.status === 'pending' ? <PendingActions m={m} act={act} /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
