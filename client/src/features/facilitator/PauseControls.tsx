import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { announce } from '../../components/Announcer';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/Fields';
import { LIMITS } from '../../lib/contract';
import { useDismissablePopover } from '../../lib/popover';
import { clock, formatTime } from '../../lib/time';
import { useCommand } from '../../lib/useCommand';
import { useNow } from '../../lib/useNow';

/** Alt+Shift+P pauses or resumes (a modifier shortcut: safe under WCAG 2.1.4). */
function isPauseShortcut(e: KeyboardEvent): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyP';
}

/**
 * Pause the whole room (message, break minutes) and resume to the same point (FAC-5). While the
 * room is paused, its cause and the Resume button show; otherwise the pause form, when the view
 * offers it (`me.can.startPause`: a live meeting). Resume is usable when `me.can.resume` says so
 * (not while both sides are in the main room without a facilitator), and so is the shortcut.
 */
export function PauseControls({ view }: { view: RoomView }) {
  const { t, i18n } = useTranslation();
  const cmd = useCommand();
  const [message, setMessage] = useState('');
  const [minutes, setMinutes] = useState('');
  const paused = view.pause;
  const can = view.me.can;
  const now = useNow(1000, paused?.breakEndsAt != null);
  const more = useRef<HTMLDetailsElement>(null);
  useDismissablePopover(more);

  const pause = async () => {
    const n = Number(minutes);
    const res = await cmd.run({
      type: 'pause.start',
      message: message.trim() || null,
      breakMinutes: minutes && n >= 1 ? Math.min(LIMITS.breakMinutes, Math.round(n)) : null,
    });
    if (res.ok) announce(t('pauseControls.pausedAnnounce'));
  };
  const resume = async () => {
    const res = await cmd.run({ type: 'pause.resume' });
    if (res.ok) {
      setMessage('');
      setMinutes('');
      announce(t('pauseControls.resumedAnnounce'));
    }
  };

  // Keep the latest handlers for the one document-level shortcut listener.
  const latest = () => ({
    pause,
    resume,
    paused: !!paused,
    canPause: !!can.startPause,
    canResume: !!can.resume,
    pending: cmd.pending,
  });
  const handlers = useRef(latest());
  useEffect(() => {
    handlers.current = latest();
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPauseShortcut(e)) return;
      const h = handlers.current;
      if (h.pending || !(h.paused ? h.canResume : h.canPause)) return;
      e.preventDefault();
      void (h.paused ? h.resume() : h.pause());
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void pause();
  };

  if (paused) {
    return (
      <section className="pause-banner" data-testid="pause-banner" aria-labelledby="pause-banner-h">
        <h2 id="pause-banner-h" className="section-title">
          {t('pauseControls.pausedTitle')}
        </h2>
        <p>{t(`pauseControls.cause.${paused.cause}`)}</p>
        {paused.message ? (
          <p>{t('pauseControls.messageShown', { message: paused.message })}</p>
        ) : null}
        {paused.breakEndsAt !== null ? (
          <p>
            {t('pauseControls.breakEnds', { time: formatTime(paused.breakEndsAt, i18n.language) })}{' '}
            <span role="timer">{clock(paused.breakEndsAt - now)}</span>
          </p>
        ) : null}
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void resume()}
            disabled={cmd.pending || !can.resume}
            aria-keyshortcuts="Alt+Shift+P"
          >
            {t('pauseControls.resume')}
          </button>
          <p className="field__hint">
            {can.resume ? t('pauseControls.resumeHint') : t('pauseControls.resumeNeedsFacilitator')}
          </p>
        </div>
        <ErrorMessage error={cmd.error} />
      </section>
    );
  }
  if (!can.startPause) return null;
  // One click pauses; the optional message and break length wait in a small popover beside the
  // button (filled before the click, or sent with Enter from a field), so the top bar stays one row.
  return (
    <form className="pause-form" onSubmit={submit} aria-labelledby="pause-form-h">
      <h2 id="pause-form-h" className="section-title">
        {t('pauseControls.heading')}
      </h2>
      <button
        type="submit"
        className="button button--pause"
        disabled={cmd.pending}
        aria-keyshortcuts="Alt+Shift+P"
        aria-describedby="pause-shortcut"
      >
        {t('pauseControls.pause')}
      </button>
      <p id="pause-shortcut" className="field__hint">
        {t('pauseControls.shortcut')}
      </p>
      <details ref={more} className="bar-popover bar-popover--down">
        <summary aria-label={t('pauseControls.withMessageLabel')}>
          {t('pauseControls.withMessage')}
        </summary>
        <div className="bar-popover__panel pause-form__fields">
          <TextField
            label={t('pauseControls.message')}
            hint={t('pauseControls.messageHint')}
            maxLength={LIMITS.pauseMessage}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
          <TextField
            label={t('pauseControls.breakMinutes')}
            type="number"
            min={1}
            max={LIMITS.breakMinutes}
            inputMode="numeric"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </div>
      </details>
      <ErrorMessage error={cmd.error} />
    </form>
  );
}
