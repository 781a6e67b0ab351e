import type { BoardItem } from '../board';
import { membersOf } from '../policies';
import { STORY_PARTIES, type StoryParty } from '../roles';
import type { Member, RoomState } from '../state';
import { canSee } from './fields';
import { isAgreed } from './agreement';

/** Roles that can answer for each story party (see consentRight). */
const ANSWERING_ROLES: Record<StoryParty, readonly Member['role'][]> = {
  patient: ['patient', 'patient_support'],
  hcw: ['hcw'],
};

/**
 * The story parties whose agreement the summary needs: each party with at least one person of
 * this meeting who can answer for it (patient or patient support; healthcare worker), whatever
 * their presence, except people denied or removed (they can never come back to answer).
 */
export function summaryParties(state: RoomState): StoryParty[] {
  return STORY_PARTIES.filter((p) =>
    membersOf(state).some(
      (m) =>
        m.party === p &&
        ANSWERING_ROLES[p].includes(m.role) &&
        m.status !== 'denied' &&
        m.status !== 'removed',
    ),
  );
}

/**
 * True once the board is finalised and every party in summaryParties has agreed to the summary:
 * only then may the summary be opened through people's links (research/domain.md C1: each party
 * receives only what they agreed to record).
 */
export function summaryAvailable(state: RoomState): boolean {
  if (state.board.finalisedAt === null) return false;
  return summaryParties(state).every((p) => state.board.summaryConsents[p] !== undefined);
}

/** An item belongs to the outcome: agreed by every affected party, and the outcome is not "no agreement". */
export function inOutcome(state: RoomState, item: BoardItem): boolean {
  return !state.board.noAgreement && isAgreed(item);
}

/**
 * The summary's items: only agreed items, in board order; none when the outcome is "no
 * agreement". Pass a viewer to keep only the items their party may see (facilitators see all).
 * It does not check finalisation or the parties' agreement to the summary: ask summaryAvailable.
 *
 * @example
 * if (summaryAvailable(state)) send(summaryItems(state, member));
 */
export function summaryItems(state: RoomState, viewer?: Member): BoardItem[] {
  return state.board.items.filter(
    (i) => inOutcome(state, i) && (!viewer || canSee(viewer, i.fields.visibleTo)),
  );
}
