// Issue 17: which language a browser's preferences choose, and what counts as a language.
import { describe, expect, it } from 'vitest';
import { isLanguage, pickLanguage } from '../../../../shared/i18n/languages';

describe('languages', () => {
  it('picks the first supported language of the browser, by its base tag', () => {
    expect(pickLanguage(['fr-CA', 'en-US'])).toBe('fr');
    expect(pickLanguage(['de-DE', 'EN-gb'])).toBe('en');
    expect(pickLanguage(['de', 'es'])).toBeNull();
    expect(pickLanguage([])).toBeNull();
  });

  it('knows only en and fr', () => {
    expect(isLanguage('fr')).toBe(true);
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('fr-FR')).toBe(false);
    expect(isLanguage(null)).toBe(false);
  });
});
