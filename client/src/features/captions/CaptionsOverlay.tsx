import { useTranslation } from 'react-i18next';
import { hearsMainRoom } from '../../../../shared/protocol/captions';
import type { RoomView } from '../../../../shared/room/views';
import { useCaptionPrefs } from './captionPrefs';
import { useCaptionFeed } from './useCaptionFeed';
import './captions.css';

/**
 * The live captions over the bottom of the stage, for a person who turned them on: the last few
 * lines, the newest last, in the size they chose.
 *
 * aria-live="off" on purpose: the line is sent again every ~120 ms while the captioner types, and
 * a live region would make a screen reader read each version of it, on top of the voices it
 * already competes with. A screen reader user reads the region when they choose to.
 */
export function CaptionsOverlay({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const prefs = useCaptionPrefs(view.me.id);
  const enabled = prefs.on && hearsMainRoom(view);
  const lines = useCaptionFeed(enabled).filter((l) => l.text);
  if (!enabled) return null;
  return (
    <div
      className="captions"
      role="region"
      aria-label={t('captions.region')}
      aria-live="off"
      data-size={prefs.size}
      data-testid="captions"
    >
      {lines.length ? (
        lines.map((l) => (
          <p key={l.key} className="captions__line" data-final={l.final ? 'true' : undefined}>
            {l.text}
          </p>
        ))
      ) : (
        <p className="captions__line captions__line--waiting">{t('captions.waiting')}</p>
      )}
    </div>
  );
}
