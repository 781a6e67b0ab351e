import type { BoardItem, BoardState } from './board';
import { consentRight, isAgreed } from './board/agreement';
import { freeze, once, perKey } from './derive';
import { isFacilitator } from './policies';
import { summaryAvailable, summaryParties } from './board/summary';
import type { Party, StoryParty } from './roles';
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
 * The board as each viewer of one version sees it: facilitators see every item, everyone else only
 * the items whose `visibleTo` includes their party (canSee). Each audience's item list is derived
 * once, on first use, frozen and shared by its viewers; the state's parts are shared as they are
 * (states come out of `decide` frozen), so a view can never change the state.
 */
export function boardViewsOf(state: RoomState): (viewer: Member) => BoardView {
  const itemsFor = perKey((audience) =>
    freeze(
      state.board.items
        .filter((i) => audience === '*' || i.fields.visibleTo.includes(audience as Party))
        .map((i): BoardItemView => freeze({ ...i, agreed: isAgreed(i) })),
    ),
  );
  const summary = once(() => ({
    parties: freeze(summaryParties(state)),
    available: summaryAvailable(state),
  }));
  return (viewer) => {
    const right = consentRight(state, viewer);
    const { parties, available } = summary();
    return {
      items: itemsFor(isFacilitator(viewer) ? '*' : viewer.party),
      finalisedAt: state.board.finalisedAt,
      noAgreement: state.board.noAgreement,
      summaryConsents: state.board.summaryConsents,
      summaryParties: parties,
      summaryAvailable: available,
      answersFor: right.ok ? right.party : null,
    };
  };
}

/** The board as one person sees it. See boardViewsOf. */
export function toBoardView(state: RoomState, viewer: Member): BoardView {
  return boardViewsOf(state)(viewer);
}
