// Seeded property test: random board commands from random people (valid and invalid, before and
// after finalisation, during and after the meeting) keep the board's invariants, never mutate their
// input, emit content-free events, and replay to the same state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOARD_CATEGORIES,
  FOLLOW_UP_STATUSES,
  type BoardFields,
  type ClientCommand,
} from '../../../../../shared/protocol/commands';
import type { BoardItem } from '../../../../../shared/room/board';
import { consentRight } from '../../../../../shared/room/board/agreement';
import { checkBoardInvariants } from '../../../../../shared/room/board/invariants';
import { checkInvariants } from '../../../../../shared/room/invariants';
import { decide } from '../../../../../shared/room/decide';
import { PARTIES, STORY_PARTIES } from '../../../../../shared/room/roles';
import type { RoomState } from '../../../../../shared/room/state';
import { ROOM_ERROR_CODES, type RoomCommand } from '../../../../../shared/room/types';
import { agree, boardCast, HCW2, liveRoom, propose } from './fixtures';

const ACTORS = [...boardCast().map((m) => m.id), 'nobody'];
const BOARD_COMMAND_TYPES = [
  'board.propose',
  'board.edit',
  'board.remove',
  'board.reorder',
  'board.merge',
  'board.consent',
  'board.finalise',
  'board.consentSummary',
  'followup.update',
];
/** Texts that must never appear in an event. */
const TEXTS = ['TEXT-ALPHA', 'TEXT-BRAVO', 'TEXT-CHARLIE'];

/** A command with item references as indices, resolved against the state when it runs. */
type Step = { actor: string; make: (s: RoomState) => ClientCommand };

const pickId = (s: RoomState, i: number) =>
  i < 0 ? 'ghost' : (s.board.items[i % Math.max(1, s.board.items.length)]?.id ?? 'ghost');
const pickVersion = (s: RoomState, i: number, off: number) => {
  const it = s.board.items[i % Math.max(1, s.board.items.length)];
  return Math.max(0, (it?.version ?? 1) + off);
};

const fieldsArb: fc.Arbitrary<BoardFields> = fc.record({
  text: fc.constantFrom(...TEXTS),
  category: fc.constantFrom(...BOARD_CATEGORIES),
  owner: fc.constant('An owner'),
  ownerMemberId: fc.constantFrom(null, 'fac', 'pat', 'hcw', ...ACTORS),
  dueDate: fc.constantFrom(null, '2026-12-31'),
  completionEvidence: fc.constant('A letter'),
  visibleTo: fc.subarray([...PARTIES], { minLength: 1 }),
  affectedParties: fc.subarray([...STORY_PARTIES], { minLength: 1 }),
});

/** An item by position (wrapped to the board's size), now and then one that does not exist (-1). */
const idx = fc.oneof(
  { arbitrary: fc.nat({ max: 6 }), weight: 9 },
  { arbitrary: fc.constant(-1), weight: 1 },
);
const off = fc.constantFrom(0, 0, 0, -1, 1);

const cmd = <T>(arbitrary: fc.Arbitrary<T>, weight: number) => ({ arbitrary, weight });

const makeArb: fc.Arbitrary<(s: RoomState) => ClientCommand> = fc.oneof(
  cmd(
    fieldsArb.map((f) => () => ({ type: 'board.propose' as const, fields: f })),
    6,
  ),
  cmd(
    fc.tuple(idx, off, fieldsArb).map(([i, o, f]) => (s: RoomState) => ({
      type: 'board.edit' as const,
      itemId: pickId(s, i),
      baseVersion: pickVersion(s, i, o),
      fields: f,
    })),
    3,
  ),
  cmd(
    idx.map((i) => (s: RoomState) => ({ type: 'board.remove' as const, itemId: pickId(s, i) })),
    1,
  ),
  cmd(
    fc.tuple(fc.boolean(), fc.nat()).map(([broken, shift]) => (s: RoomState) => {
      const ids = s.board.items.map((x) => x.id);
      const rotated = ids.map((_, k) => ids[(k + shift) % ids.length]!);
      return { type: 'board.reorder' as const, itemIds: broken ? rotated.slice(1) : rotated };
    }),
    1,
  ),
  cmd(
    fc.tuple(idx, idx, fc.constantFrom(...TEXTS)).map(([a, b, text]) => (s: RoomState) => ({
      type: 'board.merge' as const,
      itemIds: [pickId(s, a), pickId(s, b)],
      text,
    })),
    1,
  ),
  cmd(
    fc
      .tuple(idx, off, fc.constantFrom('consent' as const, 'consent' as const, 'decline' as const))
      .map(([i, o, decision]) => (s: RoomState) => ({
        type: 'board.consent' as const,
        itemId: pickId(s, i),
        baseVersion: pickVersion(s, i, o),
        decision,
      })),
    10,
  ),
  cmd(
    fc
      .constantFrom(false, false, true)
      .map((noAgreement) => () => ({ type: 'board.finalise' as const, noAgreement })),
    3,
  ),
  cmd(
    fc.constant(() => ({ type: 'board.consentSummary' as const })),
    3,
  ),
  cmd(
    fc
      .tuple(idx, fc.constantFrom(...FOLLOW_UP_STATUSES), fc.constantFrom(null, '', 'Closed'))
      .map(([i, status, reason]) => (s: RoomState) => ({
        type: 'followup.update' as const,
        itemId: pickId(s, i),
        status,
        reason,
      })),
    5,
  ),
  cmd(
    fc.constant(() => ({ type: 'self.leave' as const })),
    1,
  ),
  cmd(
    fc.constant(() => ({ type: 'meeting.end' as const })),
    1,
  ),
);

/** Facilitators and the two story parties act most often; everyone else, and strangers, too. */
const actorArb = fc.oneof(
  cmd(fc.constantFrom('fac', 'cofac', 'pat', 'hcw', HCW2), 3),
  cmd(fc.constantFrom(...ACTORS), 1),
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  cmd(
    fc.tuple(actorArb, makeArb).map(([actor, make]) => ({ actor, make })),
    80,
  ),
  // People leave (and come back through their link after the end); the facilitators stay, so the
  // facilitator-only commands keep being reachable.
  cmd(
    fc
      .constantFrom(...ACTORS.filter((a) => a !== 'fac' && a !== 'cofac'))
      .map((actor) => ({ actor, make: () => ({ type: 'self.leave' as const }) })),
    2,
  ),
  cmd(fc.constant({ actor: 'fac', make: () => ({ type: 'meeting.end' as const }) }), 1),
);

const stepsArb = fc.array(stepArb, { minLength: 5, maxLength: 30, size: 'max' });

/** What may change from one accepted state to the next (the state-only rules are checked apart). */
function checkTransition(prev: RoomState, next: RoomState): void {
  for (const item of next.board.items) {
    const before = prev.board.items.find((i) => i.id === item.id);
    if (!before) continue;
    expect(item.version).toBeGreaterThanOrEqual(before.version);
    if (JSON.stringify(before.fields) !== JSON.stringify(item.fields)) {
      expect(item.version).toBeGreaterThan(before.version);
    }
    if (item.version > before.version) expect(item.consents).toEqual({});
  }
  if (prev.board.finalisedAt !== null) {
    // Finalised: only follow-up and the summary's consent may change.
    const frozen = (items: BoardItem[]) => items.map(({ followUp: _f, ...rest }) => rest);
    expect(next.board.finalisedAt).toBe(prev.board.finalisedAt);
    expect(next.board.noAgreement).toBe(prev.board.noAgreement);
    expect(frozen(next.board.items)).toEqual(frozen(prev.board.items));
  }
}

/** Accepted commands by type, over the whole run: proves the generator reaches every command. */
const accepted = new Map<string, number>();

/**
 * The starting room, built once through decide: everyone admitted, the meeting live, and two
 * items, one of them agreed, so edits, merges, finalising with an agreement and follow-up are all
 * reachable.
 */
const START = (() => {
  const h = liveRoom();
  propose(h, 'fac', { ownerMemberId: 'hcw' });
  agree(h, propose(h, 'fac', { ownerMemberId: 'pat', affectedParties: ['patient'] }));
  return { state: h.state, now: h.ctx.now };
})();

function run(steps: Step[]): RoomState {
  let n = 0;
  const ctx = { now: START.now, newId: () => `fuzz-${++n}` };
  let state = structuredClone(START.state);
  for (const step of steps) {
    ctx.now += 1000;
    const command = { ...step.make(state), actorId: step.actor } as RoomCommand;
    const before = JSON.stringify(state);
    const result = decide(state, command, ctx);
    // Cheaper than a deep toEqual on every step, and as strict for plain data.
    if (JSON.stringify(state) !== before) expect.fail(`${command.type} changed its input state`);
    if (!result.ok) {
      expect(ROOM_ERROR_CODES).toContain(result.error.code);
      expect(result.error.message.length).toBeGreaterThan(0);
      continue;
    }
    const events = JSON.stringify(result.events);
    for (const text of TEXTS) expect(events).not.toContain(text);
    for (const e of result.events) {
      for (const key of Object.keys(e)) {
        expect(['type', 'actorId', 'targetId', 'party']).toContain(key);
      }
    }
    if (command.type === 'board.consent') {
      expect(consentRight(state, state.members[step.actor]!).ok).toBe(true);
    }
    expect(result.state.version).toBe(state.version + 1);
    expect(checkBoardInvariants(result.state)).toEqual([]);
    checkTransition(state, result.state);
    accepted.set(command.type, (accepted.get(command.type) ?? 0) + 1);
    state = result.state;
  }
  // The room's own rules (views included) are costlier: once per run is enough here.
  expect(checkInvariants(state)).toEqual([]);
  return state;
}

describe('board fuzz', () => {
  it('keeps its invariants and replays deterministically', () => {
    fc.assert(
      fc.property(stepsArb, fc.boolean(), stepsArb, (drafting, noAgreement, after) => {
        // A facilitator tries to finalise halfway, so the steps after it meet a final board often.
        const finalise: Step = {
          actor: 'fac',
          make: () => ({ type: 'board.finalise', noAgreement }),
        };
        const steps = [...drafting, finalise, ...after];
        expect(run(steps)).toEqual(run(steps));
      }),
      { seed: 20260401, numRuns: 120 },
    );
    // The generator reaches every board command's accepted path, not only its rejections.
    for (const type of BOARD_COMMAND_TYPES) {
      expect(accepted.get(type) ?? 0, type).toBeGreaterThan(5);
    }
  }, 20_000);
});
