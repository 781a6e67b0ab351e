// Issue 17: every word a person sees exists in English and French. Fails when a key exists in one
// language and not the other, or when the {{placeholders}} differ (a name or a date would vanish).
import { describe, expect, it } from 'vitest';
import { en, enPrep } from '../../../../client/src/i18n/en';
import { fr, frPrep } from '../../../../client/src/i18n/fr';
import { parityProblems, type Tree } from '../../../support/i18nParity';

describe('interface languages', () => {
  it('French has exactly the keys of English, with the same placeholders', () => {
    expect(parityProblems(en as Tree, fr as Tree)).toEqual([]);
  });

  it('and in the preparation namespace (prep)', () => {
    expect(parityProblems(enPrep as Tree, frPrep as Tree)).toEqual([]);
  });

  it('the check itself notices a missing key, an extra key and a lost placeholder', () => {
    const base = { a: { b: 'Hello {{name}}', c: 'x' }, d: 'y' } as Tree;
    const other = { a: { b: 'Bonjour', e: 'z' }, d: 'y' } as Tree;
    expect(parityProblems(base, other)).toEqual([
      'a.c: missing in fr',
      'a.e: missing in en',
      'a.b: placeholders {name} in en, {} in fr',
    ]);
  });
});
