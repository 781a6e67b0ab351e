import type { BoardItem, BoardState } from './board';
import { consentRight, isAgreed } from './board/agreement';
import { canSee } from './board/fields';
import { summaryAvailable, summaryParties } from './board/summary';
import type { StoryParty } from './roles';
import type { Member, RoomState } from './state';

export { isAgreed };

export interface BoardItemView extends BoardItem {
  /** Every affected party has consented to the current version. */
  agreed: boolean;
}

export interface BoardView {
  items: BoardItemView[];
  finalisedAt: number | null;
  noAgreement: boolean;
  summaryConsents: BoardState['summaryConsents'];
  /** The story parties whose agreement the summary needs. */
  summaryParties: StoryParty[];
  /** The board is finalised and every party in `summaryParties` has agreed to the summary. */
  summaryAvailable: boolean;
  /** The party the viewer answers for (consent buttons), or null if they do not give consent. */
  answersFor: StoryParty | null;
}

/**
 * The board as one person sees it: facilitators see every item, everyone else only the items whose
 * `visibleTo` includes their party. A view shares the state's parts, which are frozen (states come
 * out of `decide` frozen), so a view can never change the state.
 */
export function toBoardView(state: RoomState, viewer: Member): BoardView {
  const right = consentRight(state, viewer);
  return {
    items: state.board.items
      .filter((i) => canSee(viewer, i.fields.visibleTo))
      .map((i) => ({ ...i, agreed: isAgreed(i) })),
    finalisedAt: state.board.finalisedAt,
    noAgreement: state.board.noAgreement,
    summaryConsents: state.board.summaryConsents,
    summaryParties: summaryParties(state),
    summaryAvailable: summaryAvailable(state),
    answersFor: right.ok ? right.party : null,
  };
}
