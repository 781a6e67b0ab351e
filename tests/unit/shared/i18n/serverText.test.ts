// Issue 17: the words the server renders (summary, calendar file) and every refusal a person may
// see exist in English and French. The second test reads the server's and the room's source: a new
// refusal sentence that the catalogue does not know fails here, so it cannot reach a French
// speaker in English.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  errorReason,
  fill,
  SERVER_TEXT,
  translateServerError,
} from '../../../../shared/i18n/server';
import { serverEn } from '../../../../shared/i18n/server/en';
import { parityProblems, type Tree } from '../../../support/i18nParity';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
/** Where refusals are written. */
const SOURCES = [
  'shared/room',
  'server/src/http',
  'server/src/realtime',
  'server/src/rooms',
  'server/src/app.ts',
];
/** Sentences no participant sees: the LiveKit webhook's refusal (LiveKit reads it, not a person). */
const NOT_FOR_PEOPLE = new Set(['Webhook signature not valid.']);

function files(p: string): string[] {
  const abs = path.join(ROOT, p);
  if (statSync(abs).isFile()) return [p];
  return readdirSync(abs).flatMap((f) => files(path.join(p, f)));
}

/** String literals that read as a sentence ("Capital … end."), with where they are. */
function sentences(file: string): { text: string; at: string }[] {
  const src = ts.createSourceFile(
    file,
    readFileSync(path.join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const out: { text: string; at: string }[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      if (
        /^[A-Z][^]* [^]*[.?!]$/.test(n.text) &&
        !/^(SELECT|UPDATE|DELETE|INSERT)\b/.test(n.text)
      ) {
        out.push({
          text: n.text,
          at: `${file}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`,
        });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

describe('the server catalogue', () => {
  it('French has exactly the keys of English, with the same placeholders', () => {
    expect(
      parityProblems(SERVER_TEXT.en as unknown as Tree, SERVER_TEXT.fr as unknown as Tree),
    ).toEqual([]);
  });

  it('knows every refusal sentence the room and the server can send', () => {
    const unknown = SOURCES.flatMap(files)
      .filter((f) => f.endsWith('.ts'))
      .flatMap(sentences)
      .filter((s) => !NOT_FOR_PEOPLE.has(s.text) && errorReason(s.text) === null)
      .map((s) => `${s.at} ${JSON.stringify(s.text)}`);
    expect(unknown).toEqual([]);
  });

  it('each English sentence names one reason, so the way back is unambiguous', () => {
    const sentencesSeen = Object.values(serverEn.errors);
    expect(new Set(sentencesSeen).size).toBe(sentencesSeen.length);
  });

  it('translates a refusal by its sentence, and knows nothing of other text', () => {
    expect(errorReason('You do not hold the floor.')).toBe('floor.notHolder');
    expect(translateServerError('You do not hold the floor.', 'fr')).toBe(
      'Vous n’avez pas la parole.',
    );
    expect(translateServerError('You do not hold the floor.', 'en')).toBe(
      'You do not hold the floor.',
    );
    expect(translateServerError('Anything else.', 'fr')).toBeNull();
  });

  it('fills placeholders', () => {
    expect(fill(SERVER_TEXT.fr.summary.title, { title: 'Rencontre A' })).toBe(
      'Rencontre A\u00a0: ce que nous avons convenu',
    );
  });
});
