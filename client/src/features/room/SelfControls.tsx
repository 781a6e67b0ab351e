import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { announce } from '../../components/Announcer';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LIMITS } from '../../lib/contract';
import { useDismissablePopover } from '../../lib/popover';
import { useCommand } from '../../lib/useCommand';
import { useCall } from './call/CallContext';

/**
 * "I need a pause": a private request to the facilitators, one tap that sends at once, no reason
 * needed. A few words of reason are optional, typed beforehand in a small "Add a reason" popover
 * (the bar stays one row); only the facilitators see them.
 */
export function PauseRequestButton() {
  const { t } = useTranslation();
  const cmd = useCommand();
  const fieldId = useId();
  const more = useRef<HTMLDetailsElement>(null);
  useDismissablePopover(more);
  const [reason, setReason] = useState('');
  const [sentAt, setSentAt] = useState<number | null>(null);
  useEffect(() => {
    if (sentAt === null) return;
    const id = window.setTimeout(() => setSentAt(null), 60_000);
    return () => window.clearTimeout(id);
  }, [sentAt]);
  const ask = async () => {
    const res = await cmd.run({ type: 'pause.request', reason: reason.trim() || null });
    if (res.ok) {
      setReason('');
      if (more.current) more.current.open = false;
      setSentAt(Date.now());
      announce(t('self.pauseSent'));
    }
  };
  return (
    <div className="self-control self-control--pause">
      <button
        type="button"
        className="button button--pause"
        onClick={() => void ask()}
        disabled={cmd.pending}
      >
        {t('self.needPause')}
      </button>
      <details ref={more} className="bar-popover">
        <summary aria-label={t('self.addReasonLabel')}>{t('self.addReason')}</summary>
        <div className="bar-popover__panel">
          <label htmlFor={`${fieldId}-reason`}>{t('self.pauseReason')}</label>
          <input
            id={`${fieldId}-reason`}
            className="self-control__reason"
            type="text"
            maxLength={LIMITS.pauseReason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={`${fieldId}-hint`}
            onKeyDown={(e) => {
              // Enter sends, as the button beside it does.
              if (e.key === 'Enter' && !cmd.pending) {
                e.preventDefault();
                void ask();
              }
            }}
          />
          <p id={`${fieldId}-hint`} className="field__hint">
            {t('self.reasonHint', { button: t('self.needPause') })}
          </p>
        </div>
      </details>
      {sentAt !== null ? <p className="success-text bar-note">{t('self.pauseSent')}</p> : null}
      <ErrorMessage error={cmd.error} />
    </div>
  );
}

/**
 * Step out for a moment (camera and microphone off, others see "stepped out") and come back: the
 * one the view offers (`me.can.stepOut` or `me.can.stepBack`), nothing when it offers neither.
 */
export function StepOutControl({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const out = !!view.me.can.stepBack;
  if (!out && !view.me.can.stepOut) return null;
  return (
    <div className="self-control">
      <button
        type="button"
        className="button"
        disabled={cmd.pending}
        onClick={() => void cmd.run({ type: out ? 'self.stepBack' : 'self.stepOut' })}
      >
        {out ? t('self.stepBack') : t('self.stepOut')}
      </button>
      <ErrorMessage error={cmd.error} />
    </div>
  );
}

/**
 * Leave safely: asks once, then the meeting goes on for the others and an aftercare screen shows.
 * The question opens over the bar with the focus on "Stay"; Stay or Escape closes it and puts the
 * focus back on Leave.
 */
export function LeaveControl({ onLeft }: { onLeft: () => void }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const [asking, setAsking] = useState(false);
  const call = useCall();
  const leaveButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!asking && refocus.current) {
      refocus.current = false;
      leaveButton.current?.focus();
    }
  }, [asking]);
  const stay = () => {
    refocus.current = true;
    setAsking(false);
  };
  const leave = async () => {
    await call.hangUp();
    const res = await cmd.run({ type: 'self.leave' });
    if (res.ok) onLeft();
    else call.retry();
  };
  if (!asking) {
    return (
      <div className="self-control">
        <button
          ref={leaveButton}
          type="button"
          className="button button--leave"
          onClick={() => setAsking(true)}
        >
          {t('self.leave')}
        </button>
      </div>
    );
  }
  return (
    <div
      className="self-control leave-confirm"
      role="group"
      aria-labelledby="leave-q"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !cmd.pending) {
          e.stopPropagation();
          stay();
        }
      }}
    >
      <p id="leave-q">{t('self.leaveQuestion')}</p>
      <p className="field__hint">{t('self.leaveExplain')}</p>
      <div className="actions">
        <button
          type="button"
          className="button button--leave"
          onClick={() => void leave()}
          disabled={cmd.pending}
        >
          {t('self.leaveConfirm')}
        </button>
        <button type="button" className="button" onClick={stay} autoFocus>
          {t('self.stay')}
        </button>
      </div>
      <ErrorMessage error={cmd.error} />
    </div>
  );
}
