import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/protocol/errors';
import type { InviteDto, MeetingDto, PersonDto } from '../../../../shared/protocol/http';
import { announce } from '../../components/Announcer';
import { ErrorMessage } from '../../components/ErrorMessage';
import { apiPost, toAppError } from '../../lib/api';
import { formatDate } from '../../lib/time';

/** One person's personal link for one meeting: create, copy, revoke. */
export function InviteRow({
  person,
  meeting,
  invites,
  onInvite,
}: {
  person: PersonDto;
  meeting: MeetingDto;
  invites: InviteDto[];
  onInvite: (inv: InviteDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const active = [...invites]
    .filter((i) => i.revokedAt === null)
    .sort((a, b) => b.expiresAt - a.expiresAt)[0];
  const name = person.displayName;

  const act = async (fn: () => Promise<InviteDto>) => {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      onInvite(await fn());
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    act(() =>
      apiPost<InviteDto>(
        `/api/meetings/${encodeURIComponent(meeting.id)}/invites/${encodeURIComponent(person.id)}`,
      ),
    );
  const revoke = (inv: InviteDto) =>
    act(() => apiPost<InviteDto>(`/api/invites/${encodeURIComponent(inv.id)}/revoke`));
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      announce(t('invites.copied'));
    } catch {
      // No clipboard (permissions, insecure origin): select the text so it can be copied by hand.
      const el = document.querySelector(`[data-testid="invite-url-${CSS.escape(person.id)}"]`);
      if (el) window.getSelection()?.selectAllChildren(el);
      announce(t('invites.copyByHand'));
    }
  };

  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        {active ? (
          <div className="invite">
            <code className="invite__url" data-testid={`invite-url-${person.id}`}>
              {active.url}
            </code>
            <span className="field__hint">
              {t('invites.expires', { date: formatDate(active.expiresAt, i18n.language) })}
            </span>
            <div className="actions">
              <button
                type="button"
                className="button button--small"
                onClick={() => void copy(active.url)}
              >
                {t('invites.copy', { name })}
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => void revoke(active)}
              >
                {t('invites.revoke', { name })}
              </button>
            </div>
            {copied ? <p className="success-text">{t('invites.copied')}</p> : null}
          </div>
        ) : (
          <p className="muted">{invites.length ? t('invites.revoked') : t('invites.none')}</p>
        )}
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => void create()}
        >
          {t('invites.create', { name })}
        </button>
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}
