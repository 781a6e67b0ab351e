import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  chooseDisplay,
  CONTRASTS,
  TEXT_SIZES,
  useDisplay,
  type Contrast,
  type TextSize,
} from '../lib/display';
import { useDismissablePopover } from '../lib/popover';
import { LanguageSwitch } from './LanguageSwitch';

const SIZE_KEYS = {
  normal: 'display.sizeNormal',
  large: 'display.sizeLarge',
  larger: 'display.sizeLarger',
} as const satisfies Record<TextSize, string>;
const CONTRAST_KEYS = {
  standard: 'display.contrastStandard',
  high: 'display.contrastHigh',
} as const satisfies Record<Contrast, string>;

/**
 * On every page, beside the language switch: text size and contrast for the person looking,
 * remembered in this browser (lib/display). A small popover of two radio groups (lib/popover:
 * Escape closes it and returns focus to its button; leaving it closes it). With `language` (the
 * room on a phone, where the top bar keeps one row) the language switch opens first inside it.
 */
export function DisplayControls({ language = false }: { language?: boolean }) {
  const { t } = useTranslation();
  const display = useDisplay();
  const id = useId();
  const details = useRef<HTMLDetailsElement>(null);
  useDismissablePopover(details);
  return (
    <details ref={details} className="bar-popover bar-popover--down display-controls">
      <summary>{t('display.button')}</summary>
      <div className="bar-popover__panel">
        {language ? <LanguageSwitch labelled /> : null}
        <fieldset className="display-controls__group">
          <legend>{t('display.textSize')}</legend>
          {TEXT_SIZES.map((size) => (
            <label key={size} className="display-controls__option">
              <input
                type="radio"
                name={`${id}-size`}
                value={size}
                checked={display.textSize === size}
                onChange={() => chooseDisplay({ textSize: size })}
              />
              {t(SIZE_KEYS[size])}
            </label>
          ))}
        </fieldset>
        <fieldset className="display-controls__group">
          <legend>{t('display.contrast')}</legend>
          {CONTRASTS.map((contrast) => (
            <label key={contrast} className="display-controls__option">
              <input
                type="radio"
                name={`${id}-contrast`}
                value={contrast}
                checked={display.contrast === contrast}
                onChange={() => chooseDisplay({ contrast })}
              />
              {t(CONTRAST_KEYS[contrast])}
            </label>
          ))}
        </fieldset>
        <p className="field__hint">{t('display.hint')}</p>
      </div>
    </details>
  );
}
