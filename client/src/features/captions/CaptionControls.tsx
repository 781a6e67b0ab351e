import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { captionerPresent, hearsMainRoom } from '../../../../shared/protocol/captions';
import type { RoomView } from '../../../../shared/room/views';
import { IN_REACH } from '../../lib/focusTrap';
import { CAPTION_SIZES, chooseCaptions, useCaptionPrefs, type CaptionSize } from './captionPrefs';
import './captions.css';

const SIZE_KEYS = {
  normal: 'captions.sizeNormal',
  large: 'captions.sizeLarge',
  xlarge: 'captions.sizeExtraLarge',
} as const satisfies Record<CaptionSize, string>;

/**
 * In the room's bottom bar: captions on or off, and their size, for this person only. Facilitators
 * also see that a captioner is here. In reach during a pause (a facilitator may still speak).
 * Shown only in a meeting that has a captioner (let in): elsewhere there is nothing to turn on,
 * and the bar stays as short as it can be on a phone.
 */
export function CaptionControls({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const key = view.me.id;
  const prefs = useCaptionPrefs(key);
  const sizeId = useId();
  if (!hearsMainRoom(view) || !view.members.some((m) => m.role === 'captioner')) return null;
  return (
    <div className="caption-controls" {...IN_REACH}>
      <button
        type="button"
        className="button"
        aria-pressed={prefs.on}
        data-testid="captions-toggle"
        onClick={() => chooseCaptions(key, { on: !prefs.on })}
      >
        {t('captions.toggle')}
      </button>
      {prefs.on ? (
        <>
          <label htmlFor={sizeId} className="visually-hidden">
            {t('captions.size')}
          </label>
          <select
            id={sizeId}
            className="caption-controls__size"
            value={prefs.size}
            data-testid="captions-size"
            onChange={(e) => chooseCaptions(key, { size: e.target.value as CaptionSize })}
          >
            {CAPTION_SIZES.map((s) => (
              <option key={s} value={s}>
                {t(SIZE_KEYS[s])}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {view.me.isFacilitator && captionerPresent(view) ? (
        <span className="caption-controls__status" data-testid="captioner-present">
          {t('captions.present')}
        </span>
      ) : null}
    </div>
  );
}
