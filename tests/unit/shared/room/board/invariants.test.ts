// checkBoardInvariants must notice a broken board (otherwise the fuzz test would prove nothing).
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../../shared/protocol/commands';
import type { RoomState } from '../../../../../shared/room/state';
import { checkBoardInvariants } from '../../../../../shared/room/board/invariants';
import { agree, liveRoom, propose } from './fixtures';

/** A sound board: one agreed item (owned by hcw), one draft, finalised with an agreement. */
function sound(): RoomState {
  const h = liveRoom();
  agree(h, propose(h, 'fac', { ownerMemberId: 'hcw' }));
  propose(h, 'fac');
  h.act('fac', { type: 'board.finalise', noAgreement: false });
  return structuredClone(h.state);
}

describe('checkBoardInvariants', () => {
  it('finds nothing wrong with a board built by decide', () => {
    expect(checkBoardInvariants(sound())).toEqual([]);
  });

  it.each<[string, (s: RoomState) => void, string]>([
    ['ids clash', (s) => (s.board.items[1]!.id = s.board.items[0]!.id), 'board item ids clash'],
    [
      'too many items',
      (s) => {
        const one = s.board.items[1]!;
        s.board.items = Array.from({ length: LIMITS.boardItems + 1 }, (_, i) => ({
          ...one,
          id: `x${i}`,
        }));
      },
      'too many board items',
    ],
    ['a version below 1', (s) => (s.board.items[0]!.version = 0), 'bad version'],
    [
      'an affected party that cannot see the item',
      (s) => (s.board.items[1]!.fields.visibleTo = ['patient']),
      'cannot see it',
    ],
    [
      'an unknown owner',
      (s) => (s.board.items[1]!.fields.ownerMemberId = 'ghost'),
      'owner is unknown',
    ],
    [
      'an answer from a party not asked',
      (s) => {
        const it = s.board.items[1]!;
        it.fields.affectedParties = ['patient'];
        it.consents.hcw = { decision: 'consent', memberId: 'hcw', at: 1 };
      },
      'which it does not ask',
    ],
    [
      'an answer given by someone of another party',
      (s) => (s.board.items[1]!.consents.hcw = { decision: 'consent', memberId: 'pat', at: 1 }),
      'someone of another party',
    ],
    [
      'follow-up on a draft',
      (s) => (s.board.items[1]!.followUp.status = 'done'),
      'not part of a final agreement',
    ],
    [
      '"not possible" without a reason',
      (s) =>
        (s.board.items[0]!.followUp = { ...s.board.items[0]!.followUp, status: 'not_possible' }),
      'without a reason',
    ],
    [
      'a final agreement without agreed items',
      (s) => (s.board.items[0]!.consents = {}),
      'without any agreed item',
    ],
    [
      '"no agreement" before finalisation',
      (s) => {
        s.board.finalisedAt = null;
        s.board.noAgreement = true;
        s.board.items.forEach((i) => (i.followUp.status = 'planned'));
      },
      'not final',
    ],
    [
      'summary consent before finalisation',
      (s) => {
        s.board.finalisedAt = null;
        s.board.summaryConsents.patient = { memberId: 'pat', at: 1 };
      },
      'summary consent before finalisation',
    ],
  ])('reports %s', (_, corrupt, problem) => {
    const s = sound();
    corrupt(s);
    const problems = checkBoardInvariants(s);
    expect(
      problems.some((p) => p.includes(problem)),
      problems.join('; '),
    ).toBe(true);
  });
});
