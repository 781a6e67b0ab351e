import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPTION_LIMITS, captionText, maySendCaptions } from '../../../../shared/protocol/captions';
import type { RoomView } from '../../../../shared/room/views';
import { Notice } from '../../components/Notice';
import { useConnection } from '../../lib/connectionContext';
import { IN_REACH } from '../../lib/focusTrap';
import { CaptionTyping } from './CaptionTyping';
import './captions.css';

/**
 * The captioner's typing surface, under the stage: what they type goes out live as captions (the
 * line as it grows, then final on Enter). The last lines they sent stay in view for them, in this
 * page's memory only. In reach during a pause, when a facilitator may still be speaking.
 */
export function CaptionerDesk({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const conn = useConnection();
  const [typing] = useState(() => new CaptionTyping((line) => conn.sendCaption(line)));
  const [value, setValue] = useState('');
  const [sent, setSent] = useState<{ n: number; text: string }[]>([]);
  const [refused, setRefused] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const live = maySendCaptions(view);
  useEffect(() => {
    typing.onAnswer((res) => setRefused(!res.ok));
    return () => typing.stop();
  }, [typing]);

  const finishLine = () => {
    if (value.trim()) setSent((s) => [...s, { n: Date.now(), text: value }].slice(-3));
    typing.finishLine();
    setValue('');
  };

  return (
    <section className="captioner-desk" aria-labelledby={`${inputId}-h`} {...IN_REACH}>
      <h2 id={`${inputId}-h`} className="captioner-desk__heading">
        {t('captions.deskHeading')}
      </h2>
      {live ? null : <Notice tone="calm">{t('captions.deskNotLive')}</Notice>}
      {sent.length ? (
        <ol className="captioner-desk__sent" data-testid="captions-sent">
          {sent.map((s) => (
            <li key={s.n}>{s.text}</li>
          ))}
        </ol>
      ) : null}
      <label htmlFor={inputId} className="captioner-desk__label">
        {t('captions.deskLabel')}
      </label>
      <p id={hintId} className="field__hint">
        {t('captions.deskHint')}
      </p>
      <textarea
        id={inputId}
        className="captioner-desk__input"
        rows={3}
        maxLength={CAPTION_LIMITS.chars}
        aria-describedby={hintId}
        disabled={!live}
        value={value}
        data-testid="caption-input"
        spellCheck
        onChange={(e) => {
          // One line at a time: a pasted line break does what Enter does, as a space.
          const text = captionText(e.target.value);
          setValue(text);
          typing.type(text);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            finishLine();
          }
        }}
      />
      {refused ? (
        <p className="field__error" role="status">
          {t('captions.deskRefused')}
        </p>
      ) : null}
    </section>
  );
}
