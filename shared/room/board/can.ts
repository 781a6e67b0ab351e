import { LIMITS } from '../../protocol/constants';
import type { BoardItem } from '../board';
import { admitted, check, notEnded, rule, type Rule } from '../kernel';
import { isFacilitator } from '../policies';
import type { StoryParty } from '../roles';
import type { Member, RoomState } from '../state';
import { consentRight } from './agreement';
import { boardFacilitator, finalised, notFinalised, present } from './guards';
import { inOutcome } from './summary';

/**
 * What a person may do on the agreement board now: the board's part of shared/room/can.ts (which
 * re-exports these, and says how a rule is both the views' predicate and the handlers' check).
 * Arguments checked per item (its version, its fields) are not part of them.
 */

/**
 * Propose an item (board.propose): anyone admitted but interpreters, observers and captioners, until the board
 * is finalised or full or the meeting ends.
 */
export const canPropose = rule(
  notFinalised,
  notEnded,
  admitted,
  check(
    (_s, m) => m.role !== 'observer' && m.role !== 'interpreter' && m.role !== 'captioner',
    'FORBIDDEN',
    'Your role does not propose agreement items.',
  ),
  check(
    (s) => s.board.items.length < LIMITS.boardItems,
    'INVALID_STATE',
    'The board is full. Merge or remove items first.',
  ),
);

/**
 * Edit, remove, reorder and merge items (board.edit, .remove, .reorder, .merge): facilitators,
 * until the board is finalised; after the meeting also through their link (canActNow).
 */
export const canArrangeBoard = rule(boardFacilitator, notFinalised);

/**
 * Finalise the board (board.finalise), once; with an agreed item, or as "no agreement". Only once
 * the meeting has started (it cannot be undone, and nothing has been said before the start);
 * after the end too, through the facilitator's link.
 */
export const canFinalise = rule(
  boardFacilitator,
  check(
    (s) => s.status !== 'open',
    'INVALID_STATE',
    'The board can be finalised once the meeting has started.',
  ),
  check((s) => s.board.finalisedAt === null, 'INVALID_STATE', 'The board is already finalised.'),
);

/**
 * The story party this person answers for (consentRight), present or not; null for someone who
 * answers for none. A handler asks it once its rule has allowed the answer.
 */
export function answeringParty(s: RoomState, m: Member): StoryParty | null {
  const right = consentRight(s, m);
  return right.ok ? right.party : null;
}

/** Someone who answers for a story party (consentRight), or the reason they do not. */
const answersForParty = check(
  (s, m) => consentRight(s, m).ok,
  'FORBIDDEN',
  (s, m) => {
    const right = consentRight(s, m);
    return right.ok ? '' : right.message;
  },
);

/** Answer on the board at all (board.consent, before the item is found): present, not final. */
export const canAnswerOnBoard = rule(present, notFinalised);

/**
 * The party this person may answer for on the board now (board.consent), or null: someone who
 * answers for a story party (consentRight), present, before the board is finalised.
 */
export function consentingParty(s: RoomState, m: Member): StoryParty | null {
  return canAnswerOnBoard(s, m) ? answeringParty(s, m) : null;
}

/** Answer for one's party on this item (board.consent): the item asks that party. */
export const canConsentTo: Rule<[BoardItem]> = rule<[BoardItem]>(
  canAnswerOnBoard,
  answersForParty,
  check(
    (s, m, item) => item.fields.affectedParties.includes(answeringParty(s, m)!),
    'FORBIDDEN',
    'This item does not ask your party to agree.',
  ),
);

/** Agree to the summary for one's party (board.consentSummary), once the board is finalised. */
export const canConsentSummary = rule(
  present,
  finalised('The summary can be agreed once the board is finalised.'),
  answersForParty,
  check(
    (s, m) => {
      const party = answeringParty(s, m);
      return party !== null && !s.board.summaryConsents[party];
    },
    'INVALID_STATE',
    'Your party has already agreed to the summary.',
  ),
);

/** Report progress on agreed items (followup.update): see canUpdateFollowUp per item. */
export const canFollowUp = rule(
  present,
  finalised('Follow-up starts once the board is finalised.'),
);

/** Report progress on this item: an agreed item, by its owner or a facilitator. */
export const canUpdateFollowUp: Rule<[BoardItem]> = rule<[BoardItem]>(
  canFollowUp,
  check((s, _m, item) => inOutcome(s, item), 'INVALID_STATE', 'Only agreed items have follow-up.'),
  check(
    (_s, m, item) => isFacilitator(m) || item.fields.ownerMemberId === m.id,
    'FORBIDDEN',
    "Only the item's owner or a facilitator can update its progress.",
  ),
);
