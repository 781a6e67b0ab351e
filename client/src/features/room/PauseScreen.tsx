import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { useNow } from '../../lib/useNow';
import { clock, formatTime } from '../../lib/time';

/** Replaces the video grid while the meeting is paused: calm, a message, a break countdown. */
export function PauseScreen({ pause }: { pause: NonNullable<RoomView['pause']> }) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000, pause.breakEndsAt !== null);
  const left = pause.breakEndsAt !== null ? pause.breakEndsAt - now : null;
  return (
    <section className="pause-screen" data-testid="pause-screen" aria-labelledby="pause-title">
      <h2 id="pause-title">{t('pause.title')}</h2>
      {pause.message ? <p className="pause-screen__message">{pause.message}</p> : null}
      {pause.cause !== 'facilitator' ? <p>{t(`pause.cause.${pause.cause}`)}</p> : null}
      {left !== null && pause.breakEndsAt !== null ? (
        left > 0 ? (
          <div className="pause-screen__break">
            <p>{t('pause.breakUntil', { time: formatTime(pause.breakEndsAt, i18n.language) })}</p>
            <p className="pause-screen__countdown" role="timer" aria-label={t('pause.timeLeft')}>
              {clock(left)}
            </p>
          </div>
        ) : (
          <p>{t('pause.breakOver')}</p>
        )
      ) : null}
      <p className="pause-screen__calm">{t('pause.takeYourTime')}</p>
      <p className="muted">{t('pause.micOff')}</p>
    </section>
  );
}
