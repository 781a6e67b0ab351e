import { LIMITS } from '../../protocol/constants';
import type { RoomState } from '../state';
import { isAgreed } from './agreement';
import { inOutcome } from './summary';

/**
 * The rules every board keeps, whatever commands led to it. Pure: returns the broken rules in
 * plain words, an empty list when the board is sound (the same shape as the room's
 * checkInvariants, which can include it).
 *
 * @example
 * expect(checkBoardInvariants(result.state)).toEqual([]);
 */
export function checkBoardInvariants(state: RoomState): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  const b = state.board;
  if (new Set(b.items.map((i) => i.id)).size !== b.items.length) fail('board item ids clash');
  if (b.items.length > LIMITS.boardItems) fail('too many board items');
  for (const item of b.items) {
    const { fields } = item;
    if (!Number.isInteger(item.version) || item.version < 1) fail(`${item.id}: bad version`);
    if (!fields.affectedParties.every((p) => fields.visibleTo.includes(p))) {
      fail(`${item.id}: a party asked to agree cannot see it`);
    }
    if (fields.ownerMemberId !== null && !state.members[fields.ownerMemberId]) {
      fail(`${item.id}: the owner is unknown`);
    }
    for (const [party, answer] of Object.entries(item.consents)) {
      if (!fields.affectedParties.some((p) => p === party)) {
        fail(`${item.id}: an answer from ${party}, which it does not ask`);
      }
      if (state.members[answer.memberId]?.party !== party) {
        fail(`${item.id}: the ${party} answer comes from someone of another party`);
      }
    }
    if (item.followUp.status !== 'planned' && (b.finalisedAt === null || !inOutcome(state, item))) {
      fail(`${item.id}: follow-up on an item that is not part of a final agreement`);
    }
    if (item.followUp.status === 'not_possible' && !item.followUp.reason) {
      fail(`${item.id}: "not possible" without a reason`);
    }
  }
  if (b.finalisedAt === null) {
    if (b.noAgreement) fail('"no agreement" on a board that is not final');
    if (Object.keys(b.summaryConsents).length > 0) fail('summary consent before finalisation');
  } else if (!b.noAgreement && !b.items.some(isAgreed)) {
    fail('a final agreement without any agreed item');
  }
  return problems;
}
