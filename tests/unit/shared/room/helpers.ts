import { expect } from 'vitest';
import type { ClientCommand } from '../../../../shared/protocol/commands';
import { decide } from '../../../../shared/room/decide';
import { checkInvariants } from '../../../../shared/room/invariants';
import { mediaAccess, type MediaAccess } from '../../../../shared/room/policies';
import { ROLES, type Role } from '../../../../shared/room/roles';
import {
  createRoomState,
  type DecideContext,
  type NewMember,
  type RoomSetup,
  type RoomState,
} from '../../../../shared/room/state';
import type {
  Decision,
  RoomCommand,
  RoomError,
  RoomErrorCode,
  SystemCommand,
} from '../../../../shared/room/types';
import { toRoomView, type RoomView } from '../../../../shared/room/views';

/** The test clock starts here (any fixed instant will do). */
export const T0 = 1_700_000_000_000;

/** A deterministic context: a clock the test moves by hand and a counter for ids. */
export interface TestCtx extends DecideContext {
  /** Moves the clock on by `ms` (default one second) and returns the new time. */
  tick(ms?: number): number;
}

export function createCtx(start = T0): TestCtx {
  let counter = 0;
  const ctx: TestCtx = {
    now: start,
    newId: () => `id-${++counter}`,
    tick(ms = 1_000) {
      ctx.now += ms;
      return ctx.now;
    },
  };
  return ctx;
}

/** One person per role; the member id says who they are. */
export const ID = {
  facilitator: 'fac',
  cofacilitator: 'cofac',
  patient: 'pat',
  patient_support: 'pat-sup',
  hcw: 'hcw',
  hcw_support: 'hcw-sup',
  org_rep: 'org',
  interpreter: 'int',
  observer: 'obs',
  captioner: 'cap',
} as const satisfies Record<Role, string>;

/** The same ids by a short name, for the tests' tables. */
export const {
  facilitator: FAC,
  cofacilitator: COFAC,
  patient: PAT,
  patient_support: PAT_SUP,
  hcw: HCW,
  hcw_support: HCW_SUP,
  org_rep: ORG,
  interpreter: INT,
  observer: OBS,
  captioner: CAP,
} = ID;

/** Everyone, in the order they were invited. */
export const EVERYONE: string[] = ROLES.map((r) => ID[r]);

/** The people of the meeting: each role once, in its default party. */
export function cast(): NewMember[] {
  const party = {
    facilitator: 'facilitation',
    cofacilitator: 'facilitation',
    patient: 'patient',
    patient_support: 'patient',
    hcw: 'hcw',
    hcw_support: 'hcw',
    org_rep: 'other',
    interpreter: 'other',
    observer: 'other',
    captioner: 'other',
  } as const satisfies Record<Role, NewMember['party']>;
  return ROLES.map((role) => ({
    id: ID[role],
    name: `Person ${ID[role]}`,
    role,
    party: party[role],
  }));
}

/** A context derived from the state alone, for `apply` calls that bring no clock of their own. */
export function ctxFor(state: RoomState): DecideContext {
  let n = 0;
  return { now: T0 + state.version * 1_000, newId: () => `v${state.version}-${++n}` };
}

/**
 * Applies a command that must be accepted: checks the version went up by exactly one, the input
 * was not touched and every invariant holds; returns the whole decision.
 */
export function decideOk(state: RoomState, command: RoomCommand, ctx = ctxFor(state)): Decision {
  const before = structuredClone(state);
  const result = decide(state, command, ctx);
  if (!result.ok) {
    throw new Error(`${command.type} was rejected: ${result.error.code} ${result.error.message}`);
  }
  expect(state, 'decide must not change its input').toEqual(before);
  expect(result.state.version).toBe(state.version + 1);
  expect(checkInvariants(result.state)).toEqual([]);
  return { state: result.state, events: result.events, effects: result.effects };
}

/** Applies a command that must be accepted and returns the new state. */
export function apply(state: RoomState, command: RoomCommand, ctx = ctxFor(state)): RoomState {
  return decideOk(state, command, ctx).state;
}

/** Expects a rejection with exactly this code, and the state left as it was. */
export function expectRejected(
  state: RoomState,
  command: RoomCommand,
  code: RoomErrorCode,
  ctx = ctxFor(state),
): RoomError {
  const before = structuredClone(state);
  const result = decide(state, command, ctx);
  expect(result.ok, `${command.type} should have been rejected`).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  expect(result.error.message.length).toBeGreaterThan(0);
  expect(state, 'a rejected command changes nothing').toEqual(before);
  expect(state.version).toBe(before.version);
  return result.error;
}

/** A room under test: its state, its clock, and the last accepted decision. */
export class Harness {
  last: Decision | null = null;

  constructor(
    public state: RoomState,
    public readonly ctx: TestCtx,
  ) {}

  /** Runs a command that must be accepted (version +1, invariants hold). */
  run(command: RoomCommand): Decision {
    this.last = decideOk(this.state, command, this.ctx);
    this.state = this.last.state;
    return this.last;
  }

  /** A client command from `actorId` that must be accepted. */
  act(actorId: string, command: ClientCommand): Decision {
    return this.run({ ...command, actorId });
  }

  system(command: SystemCommand): Decision {
    return this.run(command);
  }

  /** A command that must be rejected with `code`, changing nothing. */
  rejects(command: RoomCommand, code: RoomErrorCode): RoomError {
    return expectRejected(this.state, command, code, this.ctx);
  }

  /** A client command from `actorId` that must be rejected with `code`. */
  refuses(actorId: string, command: ClientCommand, code: RoomErrorCode): RoomError {
    return this.rejects({ ...command, actorId }, code);
  }

  tick(ms?: number): number {
    return this.ctx.tick(ms);
  }

  /** The view of someone who must have one. */
  view(id: string): RoomView {
    const v = toRoomView(this.state, id);
    if (!v) throw new Error(`${id} has no view`);
    return v;
  }

  media(id: string): MediaAccess | null {
    return mediaAccess(this.state, id);
  }

  member(id: string) {
    const m = this.state.members[id];
    if (!m) throw new Error(`no member ${id}`);
    return m;
  }
}

export interface MeetingOptions extends Partial<Omit<RoomSetup, 'meetingId' | 'members'>> {
  /** The people invited (default: `cast()`, one person per role). */
  members?: NewMember[];
  /** Who comes in before the start (default: everyone in `cast()`). */
  present?: readonly string[];
  /** Start the meeting (default: true). */
  start?: boolean;
}

/** A room nobody has connected to yet, with one person of each role invited (or `members`). */
export function room(options: MeetingOptions = {}): Harness {
  const { present: _present, start: _start, members = cast(), ...setup } = options;
  const state = createRoomState({ meetingId: 'meeting-1', members, ...setup });
  return new Harness(state, createCtx());
}

/** Connects each person (a facilitator is admitted on connecting). */
export function connect(h: Harness, ids: readonly string[]): void {
  for (const id of ids) h.system({ type: 'system.connect', memberId: id });
}

/** Each person knocks: they wait in the lobby. */
export function join(h: Harness, ids: readonly string[]): void {
  for (const id of ids) {
    h.tick(100);
    h.act(id, { type: 'lobby.join' });
  }
}

/** The facilitator admits each person. */
export function admit(h: Harness, ids: readonly string[], by: string = ID.facilitator): void {
  for (const id of ids) h.act(by, { type: 'lobby.admit', memberId: id });
}

export function start(h: Harness, by: string = ID.facilitator): void {
  h.tick();
  h.act(by, { type: 'meeting.start' });
}

/**
 * Brings people in through decide itself: connect, knock, be admitted by the facilitator (who is
 * brought in first if listed: a facilitator is admitted on connecting).
 */
export function bringIn(h: Harness, ids: readonly string[]): void {
  const ordered = [...ids].sort((a, b) => rank(a) - rank(b));
  for (const id of ordered) {
    connect(h, [id]);
    if (h.member(id).status === 'admitted') continue;
    join(h, [id]);
    admit(
      h,
      [id],
      h.member(ID.facilitator).status === 'admitted' ? ID.facilitator : ID.cofacilitator,
    );
  }
}

function rank(id: string): number {
  return id === ID.facilitator ? 0 : id === ID.cofacilitator ? 1 : 2;
}

/** A live meeting: everyone (or `present`) connected, admitted, and the meeting started. */
export function meeting(options: MeetingOptions = {}): Harness {
  const h = room(options);
  bringIn(h, options.present ?? EVERYONE);
  if (options.start ?? true) start(h);
  return h;
}

/** The same list, without some people. */
export function without(ids: readonly string[], ...drop: string[]): string[] {
  return ids.filter((id) => !drop.includes(id));
}
