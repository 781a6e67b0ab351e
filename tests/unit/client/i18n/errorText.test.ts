// Issue 17: a refusal from the server reaches a person in their language (the catalogue's words for
// the sentence it sent), a sentence the catalogue does not know falls back to a calm message for
// its code in French, and stays as the server wrote it in English.
import { beforeAll, describe, expect, it, vi } from 'vitest';

describe('errorText', () => {
  let i18next: typeof import('i18next').default;
  let errorText: typeof import('../../../../client/src/components/ErrorMessage').errorText;
  let switchLanguage: typeof import('../../../../client/src/i18n/load').switchLanguage;

  beforeAll(async () => {
    // What client/src/i18n/index.ts reads from the browser at start.
    vi.stubGlobal('document', { documentElement: { setAttribute: () => undefined } });
    vi.stubGlobal('navigator', { languages: ['en-GB'], language: 'en-GB' });
    vi.stubGlobal('window', { localStorage: { getItem: () => null, setItem: () => undefined } });
    i18next = (await import('../../../../client/src/i18n')).default;
    ({ errorText } = await import('../../../../client/src/components/ErrorMessage'));
    ({ switchLanguage } = await import('../../../../client/src/i18n/load'));
  });

  const refusal = { code: 'FORBIDDEN' as const, message: 'You do not hold the floor.' };
  const unknown = { code: 'INVALID_STATE' as const, message: 'Some new sentence.' };

  it('in English: the server’s words', async () => {
    await switchLanguage('en');
    expect(errorText(i18next.t, refusal)).toBe('You do not hold the floor.');
    expect(errorText(i18next.t, unknown)).toBe('Some new sentence.');
    expect(errorText(i18next.t, { code: 'NOT_FOUND', message: '' })).toBe(
      'We could not find that.',
    );
  });

  it('in French: the catalogue’s words, else the calm words for the code', async () => {
    // French loads on demand (a dynamic import), words and refusals together.
    await switchLanguage('fr');
    expect(i18next.t('common.back')).toBe('Retour');
    expect(errorText(i18next.t, refusal)).toBe('Vous n’avez pas la parole.');
    expect(errorText(i18next.t, unknown)).toBe('Ce n’est pas possible pour le moment.');
    // The code on the wire wins over the sentence.
    expect(errorText(i18next.t, { ...unknown, reason: 'room.paused' })).toBe(
      'La rencontre est en pause.',
    );
  });
});
