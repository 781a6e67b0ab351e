import type { BoardItem, BoardState } from './board';
import type { Member, RoomState } from './state';
import { isFacilitator } from './policies';

export interface BoardItemView extends BoardItem {
  /** Every affected party has consented. */
  agreed: boolean;
}

export interface BoardView {
  items: BoardItemView[];
  finalisedAt: number | null;
  noAgreement: boolean;
  summaryConsents: BoardState['summaryConsents'];
}

export function isAgreed(item: BoardItem): boolean {
  return item.fields.affectedParties.every((p) => item.consents[p]?.decision === 'consent');
}

/** Items the viewer's party may see (facilitators see all). */
export function toBoardView(state: RoomState, viewer: Member): BoardView {
  const all = isFacilitator(viewer);
  return {
    items: state.board.items
      .filter((i) => all || i.fields.visibleTo.includes(viewer.party))
      .map((i) => ({ ...structuredClone(i), agreed: isAgreed(i) })),
    finalisedAt: state.board.finalisedAt,
    noAgreement: state.board.noAgreement,
    summaryConsents: { ...state.board.summaryConsents },
  };
}
