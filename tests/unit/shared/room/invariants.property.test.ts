// The room's invariants under random use: a seeded fast-check run of random command sequences from
// random actors (system presence and grace commands included) on a clock that only moves forward.
// After every step, accepted or not, checkInvariants must find nothing. Failing sequences found
// here are pinned below as named regression tests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOM_COMMAND_SCHEMA, type ClientCommand } from '../../../../shared/protocol/commands';
import { decide } from '../../../../shared/room/decide';
import { checkInvariants } from '../../../../shared/room/invariants';
import { DEFAULT_PARTY, ROLES, type Party, type Role } from '../../../../shared/room/roles';
import { createRoomState, type RoomState } from '../../../../shared/room/state';
import { ROOM_ERROR_CODES, type RoomCommand } from '../../../../shared/room/types';
import { bringIn, cast, connect, EVERYONE, ID, join, meeting, T0, without } from './helpers';

/** Numbers that the runner turns into ids of the state at that step (so shrinking stays simple). */
interface Desc {
  type: Exclude<ClientCommand['type'], `board.${string}` | 'followup.update'>;
  /** A member, by position (one past the end is someone unknown). */
  w: number;
  /** More members, for side rooms. */
  ws: number[];
  /** Hosts, for side rooms. */
  fs: number[];
  flag: boolean;
  n: number;
  party: Party;
}

type Op =
  | { kind: 'connect' | 'disconnect'; w: number }
  | { kind: 'grace'; n: number }
  | { kind: 'handOver' | 'removeFacilitator'; w: number }
  | { kind: 'add'; role: Role }
  | { kind: 'client'; by: 'facilitator' | 'floor' | 'anyone'; actor: number; cmd: Desc };

interface Step {
  dt: number;
  op: Op;
}

const PARTY = fc.constantFrom<Party>('patient', 'hcw', 'other', 'facilitation');
const W = fc.nat({ max: 60 });

const desc = (type: Desc['type']) =>
  fc.record({
    type: fc.constant(type),
    w: W,
    ws: fc.array(W, { minLength: 1, maxLength: 3 }),
    fs: fc.array(W, { maxLength: 2 }),
    flag: fc.boolean(),
    n: fc.nat({ max: 12 }),
    party: PARTY,
  });

/** Every non-board client command, the common ones weighted up. */
const CLIENT_TYPES = [
  ['lobby.join', 4],
  ['lobby.admit', 5],
  ['lobby.deny', 1],
  ['lobby.lock', 1],
  ['member.remove', 1],
  ['meeting.start', 3],
  ['meeting.end', 1],
  ['meeting.endSafely', 1],
  ['script.update', 1],
  ['phase.next', 3],
  ['phase.previous', 2],
  ['floor.give', 5],
  ['floor.pass', 4],
  ['floor.done', 2],
  ['floor.request', 3],
  ['floor.withdraw', 2],
  ['floor.reclaim', 1],
  ['floor.open', 2],
  ['floor.setMode', 2],
  ['pause.start', 3],
  ['pause.resume', 3],
  ['pause.request', 2],
  ['pause.dismissRequest', 2],
  ['sideRoom.open', 6],
  ['sideRoom.close', 4],
  ['self.stepOut', 2],
  ['self.stepBack', 2],
  ['self.leave', 2],
  ['message.toFacilitators', 1],
  ['alert.dismiss', 1],
  ['message.dismiss', 1],
  ['member.mute', 1],
  ['interpreter.link', 1],
] as const;

const CLIENT = fc.oneof(
  ...CLIENT_TYPES.map(([type, weight]) => ({ weight, arbitrary: desc(type) })),
);

const OP: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('client' as const),
      by: fc.constantFrom('facilitator' as const, 'floor' as const, 'anyone' as const),
      actor: W,
      cmd: CLIENT,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('connect' as const), w: W }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), w: W }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('grace' as const), n: fc.nat({ max: 3 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('handOver' as const, 'removeFacilitator' as const),
      w: W,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('add' as const), role: fc.constantFrom(...ROLES) }),
  },
);

const STEP: fc.Arbitrary<Step> = fc.record({ dt: fc.nat({ max: 10 * 60_000 }), op: OP });

/** Where a run starts: an empty room, a full lobby, a live meeting with one or two facilitators. */
const STARTS: Record<string, RoomState> = (() => {
  const fresh = createRoomState({ meetingId: 'm', members: cast() });
  const lobby = meeting({ start: false, present: [ID.facilitator] });
  connect(lobby, without(EVERYONE, ID.facilitator));
  join(lobby, without(EVERYONE, ID.facilitator, ID.cofacilitator));
  const live = meeting({ floorMode: 'protected' });
  const lone = meeting({ present: without(EVERYONE, ID.cofacilitator) });
  const partly = meeting({ start: false, present: [ID.facilitator, ID.patient, ID.hcw] });
  bringIn(partly, [ID.org_rep]);
  return { fresh, lobby: lobby.state, live: live.state, lone: lone.state, partly: partly.state };
})();

function memberAt(s: RoomState, w: number): string {
  const i = w % (s.memberOrder.length + 1);
  return s.memberOrder[i] ?? 'ghost';
}

/** A facilitator, someone holding or asking for the floor, or anyone (unknown people included). */
function actorOf(s: RoomState, op: Extract<Op, { kind: 'client' }>): string {
  const among = (ids: string[]) => ids[op.actor % Math.max(1, ids.length)];
  if (op.by === 'facilitator') {
    const facs = s.memberOrder.filter((id) => {
      const role = s.members[id]?.role;
      return role === 'facilitator' || role === 'cofacilitator';
    });
    return among(facs) ?? 'ghost';
  }
  if (op.by === 'floor') {
    const h = s.floor.holder;
    const holders = s.memberOrder.filter((id) =>
      h?.kind === 'person' ? h.memberId === id : h?.party === s.members[id]?.party,
    );
    const asking = s.floor.queue.map((q) => q.memberId);
    const pick = among([...holders, ...asking]);
    if (pick) return pick;
  }
  return memberAt(s, op.actor);
}

function clientCommand(s: RoomState, d: Desc): ClientCommand {
  const at = <T extends { id: string }>(list: T[]) =>
    list[d.n % Math.max(1, list.length)]?.id ?? 'gone';
  switch (d.type) {
    case 'lobby.admit':
    case 'lobby.deny':
    case 'member.remove':
      return { type: d.type, memberId: memberAt(s, d.w) };
    case 'lobby.lock':
      return { type: d.type, locked: d.flag };
    case 'floor.open':
      return { type: d.type, open: d.flag };
    case 'floor.setMode':
      return { type: d.type, mode: d.flag ? 'protected' : 'gentle' };
    case 'script.update':
      return {
        type: d.type,
        phases: [
          { kind: 'opening', name: 'Welcome', party: null, prompt: 'p' },
          { kind: 'story', name: '', party: d.flag ? 'hcw' : 'patient', prompt: '' },
          { kind: 'story', name: '', party: d.flag ? 'patient' : 'hcw', prompt: '' },
          { kind: 'closing', name: '', party: null, prompt: '' },
        ],
        storyOrder: d.flag ? ['hcw', 'patient'] : ['patient', 'hcw'],
        floorMode: d.n % 2 ? 'protected' : 'gentle',
        softTurnLimitSec: d.n % 3 ? 60 * d.n : null,
      };
    case 'floor.give':
      return {
        type: d.type,
        holder: d.flag
          ? { kind: 'person', memberId: memberAt(s, d.w) }
          : { kind: 'party', party: d.party },
      };
    case 'pause.start':
      return {
        type: d.type,
        message: d.flag ? 'A short break' : null,
        breakMinutes: d.n % 3 === 0 ? null : d.n,
      };
    case 'pause.request':
      return { type: d.type, reason: d.flag ? 'I need a moment' : null };
    case 'pause.dismissRequest':
      return { type: d.type, requestId: at(s.pauseRequests) };
    case 'sideRoom.open':
      return {
        type: d.type,
        memberIds: d.ws.map((w) => memberAt(s, w)),
        facilitatorIds: d.fs.map((w) => memberAt(s, w)),
        purpose: d.flag ? 'checkin' : 'caucus',
      };
    case 'sideRoom.close':
      return { type: d.type, sideRoomId: at(s.sideRooms) };
    case 'message.toFacilitators':
      return { type: d.type, text: 'Please read this out' };
    case 'alert.dismiss':
      return { type: d.type, alertId: at(s.alerts) };
    case 'message.dismiss':
      return { type: d.type, messageId: at(s.messages) };
    case 'member.mute':
      return { type: d.type, memberId: memberAt(s, d.ws[0] ?? 0) };
    case 'interpreter.link': {
      // Mostly an interpreter (else the link is refused before it can change anything).
      const interpreters = s.memberOrder.filter((id) => s.members[id]?.role === 'interpreter');
      return {
        type: d.type,
        memberId:
          d.n % 3 === 0
            ? memberAt(s, d.w)
            : (interpreters[d.w % Math.max(1, interpreters.length)] ?? memberAt(s, d.w)),
        interpretsFor: d.flag
          ? { memberId: memberAt(s, d.ws[0] ?? 0), mode: d.n % 2 ? 'sign' : 'spoken' }
          : null,
      };
    }
    default:
      return { type: d.type };
  }
}

let added = 0;

function toCommand(s: RoomState, op: Op): RoomCommand {
  switch (op.kind) {
    case 'connect':
      return { type: 'system.connect', memberId: memberAt(s, op.w) };
    case 'disconnect':
      return { type: 'system.disconnect', memberId: memberAt(s, op.w) };
    case 'grace': {
      // The timer of a deadline in the state (or of one already gone: stale).
      const list = s.deadlines.partyGrace;
      return { type: 'system.partyGraceExpired', deadlineId: list[op.n]?.id ?? 'gone' };
    }
    case 'handOver': {
      const lead = s.memberOrder.find((id) => s.members[id]?.role === 'facilitator') ?? 'ghost';
      return { type: 'system.handOver', fromId: lead, toId: memberAt(s, op.w) };
    }
    case 'removeFacilitator':
      return { type: 'system.removeFacilitator', memberId: memberAt(s, op.w) };
    case 'add': {
      const id = `new-${added++ % 3}`;
      return {
        type: 'system.addMember',
        member: { id, name: id, role: op.role, party: DEFAULT_PARTY[op.role] },
      };
    }
    case 'client':
      return { ...clientCommand(s, op.cmd), actorId: actorOf(s, op) };
  }
}

interface Applied {
  command: RoomCommand;
  now: number;
  ok: boolean;
}

/**
 * Runs a sequence from `start`, checking after every step: the input state untouched, the version
 * one up on acceptance, the state unchanged on rejection, and every invariant. Returns the final
 * state and the resolved commands (so a failure can be pinned as a plain list).
 */
function run(
  start: RoomState,
  steps: Step[] | Applied[],
  check = true,
): { state: RoomState; log: Applied[] } {
  let state = start;
  let now = T0 + 10_000_000;
  let ids = 0;
  const log: Applied[] = [];
  for (const step of steps) {
    const resolved = 'op' in step;
    if (resolved) now += step.dt;
    else now = step.now;
    const command = resolved ? toCommand(state, step.op) : step.command;
    const before = check ? JSON.stringify(state) : '';
    const result = decide(state, command, { now, newId: () => `f-${++ids}` });
    const where = () => JSON.stringify([...log, { command, now }], null, 1);
    if (check && JSON.stringify(state) !== before) throw new Error(`input changed at ${where()}`);
    if (result.ok) {
      if (result.state.version !== state.version + 1) throw new Error(`version at ${where()}`);
      state = result.state;
    } else if (!ROOM_ERROR_CODES.includes(result.error.code)) {
      throw new Error(`unknown error code at ${where()}`);
    }
    log.push({ command, now, ok: result.ok });
    const problems = check ? checkInvariants(state) : [];
    if (problems.length > 0) throw new Error(`${problems.join('; ')}\nafter ${where()}`);
  }
  return { state, log };
}

describe('room invariants under random commands', () => {
  it(
    'hold after every step of every seeded run, and a replay ends in the same state',
    { timeout: 120_000 },
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...Object.keys(STARTS)),
          fc.array(STEP, { maxLength: 60, size: 'max' }),
          (start, steps) => {
            added = 0;
            const first = run(STARTS[start]!, steps);
            const again = run(STARTS[start]!, first.log, false);
            expect(JSON.stringify(again.state)).toBe(JSON.stringify(first.state));
          },
        ),
        { seed: 20_261_126, numRuns: 400 },
      );
    },
  );

  it(
    'reaches every command: each one is accepted in some run (the generator is not starved)',
    { timeout: 120_000 },
    () => {
      const accepted = new Set<string>();
      let fromFreshToLive = 0;
      fc.assert(
        fc.property(
          fc.constantFrom(...Object.keys(STARTS)),
          fc.array(STEP, { minLength: 60, maxLength: 60 }),
          (start, steps) => {
            added = 0;
            const { state, log } = run(STARTS[start]!, steps);
            for (const l of log) if (l.ok) accepted.add(l.command.type);
            if (start === 'fresh' && state.status !== 'open') fromFreshToLive += 1;
          },
        ),
        { seed: 7, numRuns: 150 },
      );
      const generated = CLIENT_TYPES.map(([type]) => type as string);
      const nonBoard = ROOM_COMMAND_SCHEMA.options
        .map((o) => o.shape.type.value as string)
        .filter((t) => !t.startsWith('board.') && t !== 'followup.update');
      expect([...generated].sort()).toEqual(nonBoard.sort());
      const system = [
        'system.connect',
        'system.disconnect',
        'system.partyGraceExpired',
        'system.handOver',
        'system.removeFacilitator',
      ];
      expect([...accepted].sort()).toEqual(
        expect.arrayContaining([...generated, ...system, 'system.addMember']),
      );
      expect(fromFreshToLive).toBeGreaterThan(0);
    },
  );
});

/** Replays a pinned sequence (all at one instant, as the shrunk runs were) and returns the end state. */
function replay(
  start: keyof typeof STARTS,
  commands: RoomCommand[],
): { state: RoomState; ok: boolean[] } {
  const { state, log } = run(
    STARTS[start]!,
    commands.map((command) => ({ command, now: T0 + 10_000_000, ok: true })),
  );
  return { state, ok: log.map((l) => l.ok) };
}

// Sequences the seeded runs found against the room as it was first written, shrunk by fast-check.
describe('regressions found by the property test', () => {
  it('regression: a side room mixing the patient with the organisation representative', () => {
    const { ok } = replay('live', [
      {
        type: 'sideRoom.open',
        memberIds: [ID.patient, ID.org_rep],
        facilitatorIds: [],
        purpose: 'caucus',
        actorId: ID.facilitator,
      },
    ]);
    expect(ok).toEqual([false]);
  });

  it('regression: a facilitator who knocked, then connected, kept a waiting time', () => {
    const { state } = replay('fresh', [
      { type: 'lobby.join', actorId: ID.facilitator },
      { type: 'system.connect', memberId: ID.facilitator },
    ]);
    expect(state.members[ID.facilitator]).toMatchObject({ status: 'admitted', waitingSince: null });
  });

  it('regression: an observer in a side room was given media in the main room', () => {
    const { state, ok } = replay('live', [
      {
        type: 'sideRoom.open',
        memberIds: [ID.observer, ID.org_rep],
        facilitatorIds: [],
        purpose: 'caucus',
        actorId: ID.facilitator,
      },
    ]);
    expect(ok).toEqual([true]);
    expect(state.members[ID.observer]?.sideRoomId).toBe(state.sideRooms[0]?.id);
  });

  it('regression: the holder leaving during a pause left a turn timer to restart for nobody', () => {
    const { state } = replay('live', [
      {
        type: 'floor.give',
        holder: { kind: 'person', memberId: ID.patient },
        actorId: ID.facilitator,
      },
      { type: 'pause.start', message: null, breakMinutes: null, actorId: ID.facilitator },
      { type: 'self.leave', actorId: ID.patient },
    ]);
    expect(state.pause?.resume.turn).toBe(false);
  });

  it('regression: before the start, the facilitator dropping left both parties together', () => {
    const { state } = replay('partly', [{ type: 'system.disconnect', memberId: ID.facilitator }]);
    expect(state.status).toBe('open');
    expect(state.pause?.cause).toBe('no-facilitator');
  });
});

describe('checkInvariants', () => {
  const live = () => structuredClone(STARTS.live!);

  it('finds nothing wrong in the starting states', () => {
    for (const s of Object.values(STARTS)) expect(checkInvariants(s)).toEqual([]);
  });

  it.each([
    [
      'a floor holder who is not admitted',
      (s: RoomState) => {
        s.floor.holder = { kind: 'person', memberId: ID.observer };
        s.members[ID.observer]!.status = 'left';
      },
      'the floor holder obs is left',
    ],
    [
      'a timer running in a pause',
      (s: RoomState) => {
        s.pause = {
          since: 1,
          cause: 'facilitator',
          message: null,
          breakEndsAt: null,
          resume: { meeting: true, phase: true, turn: false },
        };
      },
      'meeting timer runs during a pause',
    ],
    [
      'both parties left alone and not paused',
      (s: RoomState) => {
        s.members[ID.facilitator]!.connected = false;
        s.members[ID.facilitator]!.disconnectedAt = 1;
        s.members[ID.cofacilitator]!.connected = false;
        s.members[ID.cofacilitator]!.disconnectedAt = 1;
      },
      'without a facilitator',
    ],
    [
      'someone in a side room that does not exist',
      (s: RoomState) => {
        s.members[ID.patient]!.sideRoomId = 'nowhere';
      },
      'pat is in a side room that does not exist',
    ],
    [
      'a side room with both parties',
      (s: RoomState) => {
        s.sideRooms.push({
          id: 'r',
          purpose: 'caucus',
          memberIds: [ID.patient, ID.hcw],
          facilitatorIds: [],
          openedAt: 1,
        });
        s.members[ID.patient]!.sideRoomId = 'r';
        s.members[ID.hcw]!.sideRoomId = 'r';
      },
      'side room r holds more than one party',
    ],
    [
      'a side room whose facilitator dropped, with an interpreter and the patient (issue 12)',
      (s: RoomState) => {
        s.sideRooms.push({
          id: 'r',
          purpose: 'caucus',
          memberIds: [ID.patient, ID.interpreter],
          facilitatorIds: [ID.cofacilitator],
          openedAt: 1,
        });
        for (const id of [ID.patient, ID.interpreter, ID.cofacilitator])
          s.members[id]!.sideRoomId = 'r';
        s.members[ID.cofacilitator]!.connected = false;
        s.members[ID.cofacilitator]!.disconnectedAt = 1;
      },
      'side room r holds two parties with no facilitator',
    ],
    [
      'a story party gone with no grace deadline',
      (s: RoomState) => {
        for (const id of [ID.patient, ID.patient_support]) {
          s.members[id]!.connected = false;
          s.members[id]!.disconnectedAt = 1;
        }
      },
      'patient is gone with no party-grace deadline',
    ],
    [
      'a grace deadline for a party that is here',
      (s: RoomState) => {
        s.deadlines.partyGrace.push({ id: 'd', party: 'hcw', since: 1, at: 2, expired: false });
      },
      'hcw is here (or not live) with a party-grace deadline',
    ],
    [
      'two leads',
      (s: RoomState) => {
        s.members[ID.cofacilitator]!.role = 'facilitator';
      },
      'more than one lead facilitator',
    ],
    [
      'someone waiting in a caucus',
      (s: RoomState) => {
        s.sideRooms = [
          { id: 'c', purpose: 'caucus', memberIds: [ID.org_rep], facilitatorIds: [], openedAt: 1 },
        ];
        s.members[ID.org_rep]!.sideRoomId = 'c';
        s.members[ID.org_rep]!.status = 'waiting';
        s.members[ID.org_rep]!.waitingSince = 1;
      },
      'side room c holds org, who is waiting',
    ],
    [
      'a queue out of receive order',
      (s: RoomState) => {
        s.floor.queue = [
          { memberId: ID.patient, at: 5 },
          { memberId: ID.hcw, at: 4 },
        ];
      },
      'the queue is not in receive order',
    ],
  ] as const)('catches %s', (_what, corrupt, message) => {
    const s = live();
    corrupt(s);
    expect(checkInvariants(s).join('\n')).toContain(message);
  });
});
