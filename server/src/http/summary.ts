import type { BoardCategory } from '../../../shared/protocol/commands';
import type { SummaryDto } from '../../../shared/protocol/http';
import type { BoardItem } from '../../../shared/room/board';
import { summaryAvailable, summaryItems } from '../../../shared/room/board/summary';
import type { Member, RoomState } from '../../../shared/room/state';

const CATEGORY: Record<BoardCategory, string> = {
  acknowledgement: 'Acknowledgement',
  answers: 'Answers and information',
  learning: 'Learning and system change',
  support: 'Support and care',
  followup: 'Follow-up and communication',
  referral: 'Referrals to other processes',
  commitment: 'Personal commitments',
};

/** Board text is text: anything Markdown would read as markup is escaped. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, '  \n');
}

export function summaryMarkdown(title: string, state: RoomState, items: BoardItem[]): string {
  const lines = [`# ${mdText(title)}: what we agreed`, ''];
  if (state.board.noAgreement || items.length === 0) {
    lines.push('The meeting ended without an agreement. That is a valid outcome.', '');
  }
  for (const [cat, label] of Object.entries(CATEGORY)) {
    const inCat = items.filter((i) => i.fields.category === cat);
    if (!inCat.length) continue;
    lines.push(`## ${label}`, '');
    for (const i of inCat) {
      lines.push(`- ${mdText(i.fields.text)}`);
      if (i.fields.owner) lines.push(`  - Who: ${mdText(i.fields.owner)}`);
      if (i.fields.dueDate) lines.push(`  - By: ${i.fields.dueDate}`);
      if (i.fields.completionEvidence)
        lines.push(`  - How we will know: ${mdText(i.fields.completionEvidence)}`);
    }
    lines.push('');
  }
  lines.push(
    '_This summary records what the people in the meeting agreed. It is not a legal contract._',
    '',
  );
  return lines.join('\n');
}

/** The summary a viewer may read, or null while it is not available (not finalised, or not every party agreed). */
export function summaryFor(title: string, state: RoomState, viewer: Member): SummaryDto | null {
  if (!summaryAvailable(state)) return null;
  const items = summaryItems(state, viewer);
  return {
    meetingTitle: title,
    finalisedAt: state.board.finalisedAt,
    noAgreement: state.board.noAgreement,
    items,
    markdown: summaryMarkdown(title, state, items),
  };
}
