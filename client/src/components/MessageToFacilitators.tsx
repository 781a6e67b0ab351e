import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../lib/contract';
import { useCommand } from '../lib/useCommand';
import { announce } from './Announcer';
import { ErrorMessage } from './ErrorMessage';

/**
 * Text to the facilitators only (never to other participants). `maxLength`: shorter from the
 * lobby (WAITING_LIMITS.messageChars), where the room also allows one message a minute.
 */
export function MessageToFacilitators({
  maxLength = LIMITS.messageText,
}: { maxLength?: number } = {}) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    const res = await cmd.run({ type: 'message.toFacilitators', text: value });
    if (res.ok) {
      setText('');
      setSent(true);
      announce(t('message.sent'));
    }
  };

  return (
    <form className="message-form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="section-title">
        {t('message.heading')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('message.label')}</label>
        <p id={`${id}-hint`} className="field__hint">
          {t('message.hint')}
        </p>
        <textarea
          id={`${id}-text`}
          rows={3}
          maxLength={maxLength}
          value={text}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setText(e.target.value);
            setSent(false);
          }}
        />
      </div>
      <ErrorMessage error={cmd.error} />
      {sent ? <p className="success-text">{t('message.sent')}</p> : null}
      <button type="submit" className="button" disabled={cmd.pending || !text.trim()}>
        {t('message.send')}
      </button>
    </form>
  );
}
