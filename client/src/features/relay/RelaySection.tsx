import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RELAY_MAX, type LinkRelayDto } from '../../../../shared/protocol/around';
import type { Party } from '../../../../shared/room/roles';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextAreaField } from '../../components/Fields';
import { apiPost } from '../../lib/api';
import { partyLabel } from '../../lib/labels';
import { formatDate } from '../../lib/time';
import { useApi } from '../../lib/useApi';
import { useSubmit } from '../../lib/useSubmit';

function WriteForm({ token, onSent }: { token: string; onSent: (next: LinkRelayDto) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const { submit, busy, error } = useSubmit(async () => {
    onSent(
      await apiPost<LinkRelayDto>(`/api/invite/${encodeURIComponent(token)}/relay`, {
        body: text,
      }),
    );
    setText('');
    setSent(true);
  });
  return (
    <form className="form" onSubmit={submit}>
      <TextAreaField
        label={t('relay.yourMessage')}
        hint={t('relay.yourMessageHint')}
        maxLength={RELAY_MAX}
        rows={5}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setSent(false);
        }}
      />
      <ErrorMessage error={error} />
      <p role="status" aria-live="polite" className="success-text">
        {sent ? t('relay.sent') : ''}
      </p>
      <button type="submit" className="button button--primary" disabled={busy || !text.trim()}>
        {t('relay.send')}
      </button>
    </form>
  );
}

/**
 * On a person's link: the written exchange with the other side, through the facilitator (PRE-6).
 * Shown once the facilitator has opened it for the case (or while there is something to read).
 */
export function RelaySection({ token, embedded }: { token: string; embedded?: boolean }) {
  const { t, i18n } = useTranslation();
  const res = useApi<LinkRelayDto>(`/api/invite/${encodeURIComponent(token)}/relay`);
  const data = res.data;
  if (!data || (!data.open && data.mine.length === 0 && data.received.length === 0)) return null;
  if (!data.canWrite) return null;
  // Beside the link's first page it is a page of its own; on the ended page, one of its sections.
  const Box = embedded ? 'section' : 'aside';
  return (
    <Box className={embedded ? 'relay' : 'page page--aside'} aria-labelledby="relay-heading">
      <h2 id="relay-heading">{t('relay.heading')}</h2>
      <p>{t('relay.explain')}</p>
      <section aria-labelledby="relay-received-h">
        <h3 id="relay-received-h">{t('relay.receivedHeading')}</h3>
        {data.received.length === 0 ? <p className="muted">{t('relay.noneReceived')}</p> : null}
        <ul className="relay__list" data-testid="relay-received">
          {data.received.map((m) => (
            <li key={m.id} className="relay__message">
              <p className="field__hint">
                {t('relay.fromSide', {
                  side: partyLabel(t, m.fromParty as Party),
                  date: formatDate(m.releasedAt, i18n.language),
                })}
              </p>
              <p className="relay__body">{m.body}</p>
            </li>
          ))}
        </ul>
      </section>
      {data.mine.length > 0 ? (
        <section aria-labelledby="relay-mine-h">
          <h3 id="relay-mine-h">{t('relay.mineHeading')}</h3>
          <ul className="relay__list">
            {data.mine.map((m) => (
              <li key={m.id} className="relay__message" data-testid={`relay-mine-${m.id}`}>
                <p className="relay__body">{m.body}</p>
                <p className="field__hint">
                  {t(`relay.status.${m.status}`)}
                  {m.note ? ` ${t('relay.noteFromFacilitator', { note: m.note })}` : ''}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.open ? <WriteForm token={token} onSent={(next) => res.setData(() => next)} /> : null}
    </Box>
  );
}
