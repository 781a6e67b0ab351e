import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { CheckboxField } from '../../components/Fields';
import { ErrorMessage } from '../../components/ErrorMessage';
import { memberName } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { useCommand } from '../../lib/useCommand';
import { arrivedIds } from './consoleBadges';
import { playChime, setChime, useChime } from './chime';

/** Plays the chime (when the facilitator turned it on) for requests that arrive while open. */
function useChimeOnArrival(ids: string[]): void {
  const on = useChime();
  const before = useRef<string[] | null>(null);
  const key = ids.join(',');
  useEffect(() => {
    const now = key ? key.split(',') : [];
    // Requests already there when the room opened are shown, not rung.
    if (before.current !== null && on && arrivedIds(before.current, now).length > 0) playChime();
    before.current = now;
  }, [key, on]);
}

/**
 * A participant's "I need a pause", impossible to miss: a visible alert above the stage (read out
 * once, as an alert) that stays until a facilitator acts on it: Pause now, or Not now. Both say
 * the request was seen; neither sends anything to the participant beyond what the room shows.
 */
export function PauseRequestAlert({ view }: { view: RoomView }) {
  const { t, i18n } = useTranslation();
  const cmd = useCommand();
  const requests = view.facilitator?.pauseRequests ?? [];
  useChimeOnArrival(requests.map((r) => r.id));
  if (requests.length === 0) return null;
  const can = view.me.can;
  const dismissAll = async () => {
    for (const r of requests) {
      const res = await cmd.run({ type: 'pause.dismissRequest', requestId: r.id });
      if (!res.ok) return;
    }
  };
  const pauseNow = async () => {
    const res = await cmd.run({ type: 'pause.start', message: null, breakMinutes: null });
    if (res.ok) await dismissAll();
  };
  return (
    <div className="pause-alert" role="alert" data-testid="pause-request-alert">
      <p className="pause-alert__title">{t('pauseAlert.title', { count: requests.length })}</p>
      <ul className="pause-alert__list">
        {requests.map((r) => (
          <li key={r.id}>
            {t('inbox.pauseRequest', {
              name: memberName(view, r.memberId, t('common.someone')),
              time: formatTime(r.at, i18n.language),
            })}
            {r.reason ? ` “${r.reason}”` : ''}
          </li>
        ))}
      </ul>
      <div className="actions">
        {view.pause ? null : (
          <button
            type="button"
            className="button button--pause-solid"
            disabled={cmd.pending || !can.startPause}
            onClick={() => void pauseNow()}
          >
            {t('pauseAlert.pauseNow')}
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={cmd.pending || !can.dismiss}
          onClick={() => void dismissAll()}
        >
          {view.pause ? t('inbox.seen') : t('pauseAlert.notNow')}
        </button>
      </div>
      <ErrorMessage error={cmd.error} />
    </div>
  );
}

/** The console's switch for the soft sound (off by default, remembered in this browser). */
export function ChimeToggle() {
  const { t } = useTranslation();
  const on = useChime();
  return (
    <CheckboxField
      label={t('pauseAlert.soundLabel')}
      hint={t('pauseAlert.soundHint')}
      checked={on}
      onChange={(e) => setChime(e.target.checked)}
    />
  );
}
