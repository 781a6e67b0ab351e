import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A button for an action that cannot be taken back (deny, end the meeting, end safely). The
 * first click does nothing yet: it opens an inline confirmation, in the same place, that says in
 * plain words what happens next, with the action and "Cancel". This is the pattern Remove and
 * Leave already use, made keyboard-first: focus moves to the safe choice (Cancel) when it opens,
 * Escape cancels, and cancelling puts focus back on the button that opened it.
 */
export function ConfirmAction({
  label,
  question,
  explain,
  confirmLabel,
  onConfirm,
  disabled = false,
  className = 'button',
  confirmClassName = 'button button--danger',
}: {
  /** The button's text, e.g. "Deny Alex". */
  label: string;
  /** The question, e.g. "Deny Alex?". */
  question: string;
  /** What happens next, in plain words. */
  explain: string;
  /** The confirming button's text, e.g. "Yes, deny Alex". */
  confirmLabel: string;
  /** Runs the action; the confirmation closes once it settles. */
  onConfirm: () => unknown;
  disabled?: boolean;
  className?: string;
  confirmClassName?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  // Where focus goes after the confirmation closes: back to the trigger, unless the action ran.
  const refocus = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (asking) cancelButton.current?.focus();
    else if (refocus.current) {
      refocus.current = false;
      trigger.current?.focus();
    }
  }, [asking]);

  const cancel = () => {
    refocus.current = true;
    setAsking(false);
  };
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      if (mounted.current) {
        setBusy(false);
        refocus.current = true;
        setAsking(false);
      }
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && !busy) {
      e.stopPropagation();
      cancel();
    }
  };

  if (!asking) {
    return (
      <button
        ref={trigger}
        type="button"
        className={className}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div
      className="confirm"
      role="group"
      aria-labelledby={`${id}-q`}
      aria-describedby={`${id}-x`}
      onKeyDown={onKeyDown}
    >
      <p id={`${id}-q`} className="confirm__question">
        {question}
      </p>
      <p id={`${id}-x`} className="field__hint">
        {explain}
      </p>
      <div className="actions">
        <button
          type="button"
          className={confirmClassName}
          disabled={busy || disabled}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
        <button ref={cancelButton} type="button" className="button" onClick={cancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
