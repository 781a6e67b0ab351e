import { BOARD_CATEGORIES } from '../../../shared/protocol/constants';
import type { Language } from '../../../shared/i18n/languages';
import { fill, SERVER_TEXT } from '../../../shared/i18n/server';
import type { SummaryDto } from '../../../shared/protocol/http';
import type { BoardItem } from '../../../shared/room/board';
import { summaryAvailable, summaryItems } from '../../../shared/room/board/summary';
import type { Member, RoomState } from '../../../shared/room/state';

/** Board text is text: anything Markdown would read as markup is escaped. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, '  \n');
}

/** A calendar date (2027-06-30) in words of the language: "June 30, 2027", "30 juin 2027". */
export function longDate(isoDate: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T12:00:00Z`),
  );
}

/** The agreed summary as Markdown, in the reader's language. */
export function summaryMarkdown(
  title: string,
  state: RoomState,
  items: BoardItem[],
  lang: Language = 'en',
): string {
  const w = SERVER_TEXT[lang].summary;
  const lines = [`# ${fill(w.title, { title: mdText(title) })}`, ''];
  if (state.board.noAgreement || items.length === 0) lines.push(w.noAgreement, '');
  for (const cat of BOARD_CATEGORIES) {
    const inCat = items.filter((i) => i.fields.category === cat);
    if (!inCat.length) continue;
    lines.push(`## ${w.category[cat]}`, '');
    for (const i of inCat) {
      lines.push(`- ${mdText(i.fields.text)}`);
      const fact = (words: string, value: string) => lines.push(`  - ${fill(words, { value })}`);
      if (i.fields.owner) fact(w.who, mdText(i.fields.owner));
      if (i.fields.dueDate) fact(w.by, longDate(i.fields.dueDate, lang));
      if (i.fields.completionEvidence) fact(w.evidence, mdText(i.fields.completionEvidence));
    }
    lines.push('');
  }
  lines.push(`_${w.notContract}_`, '');
  return lines.join('\n');
}

/** The summary a viewer may read, or null while it is not available (not finalised, or not every party agreed). */
export function summaryFor(
  title: string,
  state: RoomState,
  viewer: Member,
  lang: Language = 'en',
): SummaryDto | null {
  if (!summaryAvailable(state)) return null;
  const items = summaryItems(state, viewer);
  return {
    meetingTitle: title,
    finalisedAt: state.board.finalisedAt,
    noAgreement: state.board.noAgreement,
    items,
    markdown: summaryMarkdown(title, state, items, lang),
  };
}
