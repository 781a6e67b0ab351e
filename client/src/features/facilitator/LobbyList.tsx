import { useTranslation } from 'react-i18next';
import { PARTIES } from '../../../../shared/room/roles';
import type { LobbyEntry, RoomView } from '../../../../shared/room/views';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { partyLabel, roleLabel } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { useCommand } from '../../lib/useCommand';

/**
 * One person in a waiting area. Someone waiting gets the actions the view offers (`me.can`):
 * admit or deny, a private check-in first, or ending that check-in.
 */
function Entry({ entry, view }: { entry: LobbyEntry; view: RoomView }) {
  const { t, i18n } = useTranslation();
  const cmd = useCommand();
  const can = view.me.can;
  const waiting = entry.status === 'waiting';
  const inCheckIn = entry.sideRoomId !== null;
  const name = entry.name;
  const status =
    waiting && entry.waitingSince
      ? t('lobby.waitingSince', { time: formatTime(entry.waitingSince, i18n.language) })
      : t(`lobby.status.${entry.status}`);
  // The host of a check-in is this facilitator, who cannot be in two side rooms at once (decide
  // refuses it; me.can has no per-host flag).
  const busyElsewhere = view.me.sideRoom !== null;
  return (
    <li className="lobby__entry" data-member-id={entry.id}>
      <div>
        <span className="lobby__name">{name}</span>{' '}
        <span className="field__hint">
          {roleLabel(t, entry.role)} · {status}
          {waiting && !entry.connected ? ` · ${t('people.notConnected')}` : ''}
        </span>
      </div>
      {waiting ? (
        <div className="actions">
          {can.admit ? (
            <button
              type="button"
              className="button button--primary"
              disabled={cmd.pending}
              onClick={() => void cmd.run({ type: 'lobby.admit', memberId: entry.id })}
            >
              {t('lobby.admit', { name })}
            </button>
          ) : null}
          {inCheckIn ? (
            can.closeSideRoom ? (
              <button
                type="button"
                className="button"
                disabled={cmd.pending}
                onClick={() =>
                  void cmd.run({ type: 'sideRoom.close', sideRoomId: entry.sideRoomId! })
                }
              >
                {t('lobby.endCheckIn', { name })}
              </button>
            ) : null
          ) : can.openCheckIn ? (
            <button
              type="button"
              className="button"
              disabled={cmd.pending || busyElsewhere}
              onClick={() =>
                void cmd.run({
                  type: 'sideRoom.open',
                  memberIds: [entry.id],
                  facilitatorIds: [view.me.id],
                  purpose: 'checkin',
                })
              }
            >
              {t('lobby.checkIn', { name })}
            </button>
          ) : null}
          {can.admit ? (
            <ConfirmAction
              label={t('lobby.deny', { name })}
              question={t('lobby.denyQuestion', { name })}
              explain={t('lobby.denyExplain')}
              confirmLabel={t('lobby.denyYes', { name })}
              disabled={cmd.pending}
              onConfirm={() => cmd.run({ type: 'lobby.deny', memberId: entry.id })}
            />
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={cmd.error} />
    </li>
  );
}

/**
 * One waiting area per party: admit, deny, or check in privately first (FAC-1, FAC-2); and the
 * lock on new arrivals, usable while the view offers it (`me.can.lock`).
 */
export function LobbyList({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const lock = useCommand();
  const lobby = view.facilitator?.lobby ?? [];
  const waitingCount = lobby.filter((e) => e.status === 'waiting').length;
  return (
    <section className="panel lobby" aria-labelledby="lobby-heading">
      <h2 id="lobby-heading" className="section-title">
        {t('lobby.heading')}{' '}
        {waitingCount > 0 ? `(${t('lobby.waitingCount', { count: waitingCount })})` : ''}
      </h2>
      {lobby.length === 0 ? <p className="muted">{t('lobby.empty')}</p> : null}
      {PARTIES.map((party) => {
        const entries = lobby.filter((e) => e.party === party);
        if (entries.length === 0) return null;
        return (
          <div key={party} className="lobby__party">
            <h3>{t('lobby.area', { party: partyLabel(t, party) })}</h3>
            <ul className="lobby__list">
              {entries.map((e) => (
                <Entry key={e.id} entry={e} view={view} />
              ))}
            </ul>
          </div>
        );
      })}
      <div className="actions">
        <button
          type="button"
          className="button"
          aria-describedby="lock-hint"
          disabled={lock.pending || !view.me.can.lock}
          onClick={() => void lock.run({ type: 'lobby.lock', locked: !view.locked })}
        >
          {view.locked ? t('lobby.unlock') : t('lobby.lock')}
        </button>
        <p id="lock-hint" className="field__hint">
          {view.locked ? t('lobby.lockedHint') : t('lobby.lockHint')}
        </p>
      </div>
      <ErrorMessage error={lock.error} />
    </section>
  );
}
