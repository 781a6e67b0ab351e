import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FacilitatorAlert } from '../../../../shared/room/state';
import type { RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { memberName, partyLabel } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { useCommand } from '../../lib/useCommand';
import { alertTextKey } from './alertText';

function alertText(t: TFunction, view: RoomView, a: FacilitatorAlert) {
  const name = memberName(view, a.memberId, t('common.someone'));
  const party = a.party ? partyLabel(t, a.party) : '';
  const key = `inbox.alert.${alertTextKey(view, a)}` as const;
  return t(key, { name, party });
}

/**
 * Pause requests, private messages and alerts, for facilitators only (FAC-9, FAC-10), each
 * dismissed once seen.
 */
export function Inbox({ view }: { view: RoomView }) {
  const { t, i18n } = useTranslation();
  const cmd = useCommand();
  const f = view.facilitator;
  if (!f) return null;
  // "Seen" and "Dismiss" as the view offers them (me.can.dismiss).
  const dismissable = !!view.me.can.dismiss;
  const time = (at: number) => formatTime(at, i18n.language);
  const empty = f.pauseRequests.length + f.messages.length + f.alerts.length === 0;
  return (
    <section className="panel inbox" aria-labelledby="inbox-heading">
      <h2 id="inbox-heading" className="section-title">
        {t('inbox.heading')}
      </h2>
      {empty ? <p className="muted">{t('inbox.empty')}</p> : null}
      {f.pauseRequests.length > 0 ? (
        <>
          <h3>{t('inbox.pauseRequests')}</h3>
          <ul className="inbox__list" data-testid="pause-requests">
            {f.pauseRequests.map((r) => (
              <li key={r.id} className="inbox__item inbox__item--pause">
                <p>
                  {t('inbox.pauseRequest', {
                    name: memberName(view, r.memberId, t('common.someone')),
                    time: time(r.at),
                  })}
                  {r.reason ? ` “${r.reason}”` : ''}
                </p>
                <button
                  type="button"
                  className="button button--small"
                  disabled={cmd.pending || !dismissable}
                  onClick={() => void cmd.run({ type: 'pause.dismissRequest', requestId: r.id })}
                >
                  {t('inbox.seen')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {f.alerts.length > 0 ? (
        <>
          <h3>{t('inbox.alerts')}</h3>
          <ul className="inbox__list" data-testid="alerts">
            {[...f.alerts].reverse().map((a) => (
              <li key={a.id} className="inbox__item">
                <p>
                  {alertText(t, view, a)} <span className="field__hint">{time(a.at)}</span>
                </p>
                <button
                  type="button"
                  className="button button--small"
                  disabled={cmd.pending || !dismissable}
                  onClick={() => void cmd.run({ type: 'alert.dismiss', alertId: a.id })}
                >
                  {t('inbox.seen')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {f.messages.length > 0 ? (
        <>
          <h3>{t('inbox.messages')}</h3>
          <ul className="inbox__list" data-testid="messages">
            {[...f.messages].reverse().map((m) => (
              <li key={m.id} className="inbox__item">
                <p className="inbox__from">
                  {t('inbox.messageFrom', {
                    name: memberName(view, m.memberId, t('common.someone')),
                    time: time(m.at),
                  })}
                </p>
                <p className="inbox__text">{m.text}</p>
                <button
                  type="button"
                  className="button button--small"
                  disabled={cmd.pending || !dismissable}
                  onClick={() => void cmd.run({ type: 'message.dismiss', messageId: m.id })}
                >
                  {t('inbox.dismissMessage')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ErrorMessage error={cmd.error} />
    </section>
  );
}
