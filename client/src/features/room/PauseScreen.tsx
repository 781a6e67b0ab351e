import { Track } from 'livekit-client';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isFacilitatorRole } from '../../../../shared/room/roles';
import type { RoomView } from '../../../../shared/room/views';
import { MessageToFacilitators } from '../../components/MessageToFacilitators';
import { useFocusTrap } from '../../lib/focusTrap';
import { useNow } from '../../lib/useNow';
import { clock, formatTime } from '../../lib/time';
import { useCallVersion, useMaybeCall } from './call/CallContext';

/** Who can be heard in this media room right now: the names, and whether all are facilitators. */
export interface Heard {
  names: string[];
  onlyFacilitators: boolean;
}

/**
 * Who is heard, read from LiveKit (a remote microphone published and not muted is what the SFU
 * forwards), not from the view: the view does not carry the facilitators' microphone state, and
 * the pause screen must say what is true, not what the rules would allow.
 */
export function useHeard(view: RoomView): Heard {
  const call = useMaybeCall();
  useCallVersion(call);
  const byId = new Map(view.members.map((m) => [m.id, m]));
  const names: string[] = [];
  let onlyFacilitators = true;
  for (const p of call?.room?.remoteParticipants.values() ?? []) {
    const mic = p.getTrackPublication(Track.Source.Microphone);
    if (!mic || mic.isMuted) continue;
    const member = byId.get(p.identity);
    names.push(member?.name ?? p.name ?? '');
    if (!member || !isFacilitatorRole(member.role)) onlyFacilitators = false;
  }
  return { names: names.filter(Boolean), onlyFacilitators };
}

/** The key and values of the "who can be heard" sentence. */
function heardWords(heard: Heard) {
  const count = heard.names.length;
  const names = heard.names.join(', ');
  const key =
    count === 0
      ? ('pause.heardNobody' as const)
      : heard.onlyFacilitators
        ? ('pause.heardFacilitators' as const)
        : ('pause.heardSome' as const);
  return { key, count, names };
}

/**
 * Replaces the video grid of the main room while the meeting is paused: calm, a message, a break
 * countdown, and exactly who can still be heard (a facilitator may keep speaking during a pause).
 * It holds the focus while it shows (lib/focusTrap): Tab stays on it and on what is always in reach
 * (Leave, language, display); the rest of the room is inert. A person's microphone is off during a
 * pause, so writing to the facilitators is here too. On resume the focus goes back to where it was.
 */
export function PauseScreen({ view }: { view: RoomView }) {
  const { t, i18n } = useTranslation();
  const screen = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useFocusTrap(screen, {
    active: view.pause !== null,
    initialFocus: () => title.current,
    fallback: () => document.querySelector<HTMLElement>('#main > h1'),
  });
  const pause = view.pause;
  const breakEndsAt = pause?.breakEndsAt ?? null;
  const now = useNow(1000, breakEndsAt !== null);
  const heard = useHeard(view);
  const words = heardWords(heard);
  if (!pause) return null;
  const left = breakEndsAt !== null ? breakEndsAt - now : null;
  return (
    <section
      ref={screen}
      tabIndex={-1}
      className="pause-screen"
      data-testid="pause-screen"
      aria-labelledby="pause-title"
    >
      <h2 ref={title} id="pause-title" tabIndex={-1}>
        {t('pause.title')}
      </h2>
      {pause.message ? <p className="pause-screen__message">{pause.message}</p> : null}
      {pause.cause !== 'facilitator' ? <p>{t(`pause.cause.${pause.cause}`)}</p> : null}
      {left !== null && breakEndsAt !== null ? (
        left > 0 ? (
          <div className="pause-screen__break">
            <p>{t('pause.breakUntil', { time: formatTime(breakEndsAt, i18n.language) })}</p>
            <p className="pause-screen__countdown" role="timer" aria-label={t('pause.timeLeft')}>
              {clock(left)}
            </p>
          </div>
        ) : (
          <p>{t('pause.breakOver')}</p>
        )
      ) : null}
      <p className="pause-screen__calm">{t('pause.takeYourTime')}</p>
      <p className="muted" data-testid="pause-heard" aria-live="polite">
        {t(words.key, { count: words.count, names: words.names })} {t('pause.yourMicOff')}
      </p>
      {view.me.can.messageFacilitators ? (
        <div className="pause-screen__write">
          <MessageToFacilitators />
        </div>
      ) : null}
    </section>
  );
}
