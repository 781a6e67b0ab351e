// RoomActor: everyone connected gets the new version's view once the command is written, the
// person who acted last; the ack follows once the command is on the disk.
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../server/src/logger';
import { REMEMBERED_COMMANDS, RoomActor } from '../../../server/src/rooms/RoomActor';
import type { CommandStore } from '../../../server/src/store/commandLog';
import { EVERYONE, ID, meeting } from '../shared/room/helpers';

const stored: CommandStore = {
  write: async () => ({ durable: Promise.resolve() }),
  recentClientIds: async () => [],
};

function actor(commands = stored) {
  const published: { memberId: string; version: number | null }[] = [];
  const h = meeting();
  const a = new RoomActor(h.state, {
    commands,
    livekit: null,
    logger: createLogger('error', () => undefined),
    clock: { now: () => h.ctx.now, setTimeout: () => ({}) },
    newId: () => 'id-1',
    partyGraceMs: 1000,
    publish: (_meetingId, deliveries) => {
      for (const { memberId, view } of deliveries)
        published.push({ memberId, version: view?.version ?? null });
    },
  });
  return { a, published };
}

describe('RoomActor broadcast', () => {
  it('sends every connected person the new view, the one who acted last', async () => {
    const { a, published } = actor();
    for (const id of EVERYONE) await a.attach(id);
    published.length = 0;
    const ack = await a.dispatch({
      type: 'floor.give',
      holder: { kind: 'party', party: 'patient' },
      actorId: ID.facilitator,
    });
    expect(ack.ok).toBe(true);
    expect(published.map((p) => p.memberId)).toEqual([
      ...EVERYONE.filter((id) => id !== ID.facilitator),
      ID.facilitator,
    ]);
    expect(new Set(published.map((p) => p.version))).toEqual(new Set([a.state.version]));
  });

  it('answers a retried command from the last REMEMBERED_COMMANDS ids, and forgets older ones', async () => {
    const { a } = actor();
    const lock = (n: number) =>
      a.dispatch({ type: 'lobby.lock', locked: n % 2 === 0, actorId: ID.facilitator }, `c-${n}`);
    const first = await lock(0);
    for (let n = 1; n <= REMEMBERED_COMMANDS; n++) expect((await lock(n)).ok).toBe(true);
    const version = a.state.version;
    // c-1 is among the newest REMEMBERED_COMMANDS: the same answer, nothing applied again.
    expect(await lock(1)).toEqual({
      ok: true,
      data: { version: version - REMEMBERED_COMMANDS + 1 },
    });
    expect(a.state.version).toBe(version);
    // c-0 is the oldest, forgotten: it is applied as a new command.
    expect(first).toEqual({ ok: true, data: { version: version - REMEMBERED_COMMANDS } });
    expect(await lock(0)).toEqual({ ok: true, data: { version: version + 1 } });
  });
});

/** A store whose writes the test can make fail, and whose syncs finish when the test says so. */
function manualStore() {
  const syncs: { resolve: () => void; reject: (err: Error) => void }[] = [];
  const store = {
    writable: true,
    syncs,
    recentClientIds: async () => [],
    write: async () => {
      if (!store.writable) throw new Error('the store cannot write to the disk (EIO)');
      return {
        durable: new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })),
      };
    },
  } satisfies CommandStore & Record<string, unknown>;
  return store;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('RoomActor: written, shown, then acknowledged', () => {
  const lock = { type: 'lobby.lock', locked: true, actorId: ID.facilitator } as const;

  async function connected() {
    const store = manualStore();
    const { a, published } = actor(store);
    const attached = a.attach(ID.facilitator);
    await tick();
    store.syncs.shift()!.resolve();
    await attached;
    published.length = 0;
    return { a, published, store, before: a.state };
  }

  it('sends the views once the command is written, and acknowledges it once it is on the disk', async () => {
    const { a, published, store, before } = await connected();
    let ack: unknown = null;
    const done = a.dispatch(lock, 'c-1').then((r) => (ack = r));
    await tick();
    expect(published).toEqual([{ memberId: ID.facilitator, version: before.version + 1 }]);
    expect(ack).toBeNull();
    store.syncs.shift()!.resolve();
    await done;
    expect(ack).toEqual({ ok: true, data: { version: before.version + 1 } });
  });

  it('a command the store cannot write fails, changes nothing and shows nothing', async () => {
    const { a, published, store, before } = await connected();
    store.writable = false;
    await expect(a.dispatch(lock, 'c-1')).rejects.toThrow(/cannot write to the disk/);
    expect(a.state).toBe(before);
    expect(published).toEqual([]);
    // Once it can write again, a retry is applied as a new command.
    store.writable = true;
    const retry = a.dispatch(lock, 'c-1');
    await tick();
    store.syncs.shift()!.resolve();
    expect(await retry).toEqual({ ok: true, data: { version: before.version + 1 } });
  });

  it('a command that does not reach the disk is not acknowledged', async () => {
    const { a, store } = await connected();
    const failed = a.dispatch(lock, 'c-1');
    await tick();
    store.syncs.shift()!.reject(new Error('the store could not write to the disk (EIO)'));
    await expect(failed).rejects.toThrow(/EIO/);
  });
});

// Issue 12 (finding 7): presence is decided in the meeting's queue, and party-grace deadlines are
// data the actor schedules from the state (after every command and after a restart).
describe('RoomActor presence and deadlines', () => {
  /** A clock the test moves by hand; timers run when their time comes. */
  function manualClock(start: number) {
    const timers: { at: number; fn: () => void }[] = [];
    const clock = {
      timers,
      nowMs: start,
      now: () => clock.nowMs,
      setTimeout: (fn: () => void, ms: number) => {
        timers.push({ at: clock.nowMs + ms, fn });
        return {};
      },
      /** Moves the clock on, running every timer that falls due, in time order. */
      advance(ms: number) {
        const until = clock.nowMs + ms;
        for (;;) {
          timers.sort((a, b) => a.at - b.at);
          const next = timers[0];
          if (!next || next.at > until) break;
          timers.shift();
          clock.nowMs = next.at;
          next.fn();
        }
        clock.nowMs = until;
      },
    };
    return clock;
  }

  function presenceActor(
    state = meeting().state,
    now = (state.startedAt ?? 0) + 10_000,
    commands: CommandStore = stored,
  ) {
    const clock = manualClock(now);
    let n = 0;
    const a = new RoomActor(state, {
      commands,
      livekit: null,
      logger: createLogger('error', () => undefined),
      clock,
      newId: () => `n-${++n}`,
      partyGraceMs: 1000,
      publish: () => undefined,
    });
    return { a, clock, timers: () => clock.timers };
  }

  it('a socket that connects and drops at once leaves the person disconnected', async () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: ID.patient });
    const { a } = presenceActor(h.state);
    // Neither awaited: the drop comes while the connect is still queued.
    const attached = a.attach(ID.patient);
    const detached = a.detach(ID.patient);
    await Promise.all([attached, detached]);
    await a.idle();
    expect(a.state.members[ID.patient]?.connected).toBe(false);
    expect(a.socketCount).toBe(0);
  });

  it('counts several sockets of one person in order: present until the last one closes', async () => {
    const { a } = presenceActor();
    await Promise.all([a.attach(ID.hcw), a.attach(ID.hcw), a.detach(ID.hcw)]);
    expect(a.state.members[ID.hcw]?.connected).toBe(true);
    await a.detach(ID.hcw);
    expect(a.state.members[ID.hcw]?.connected).toBe(false);
  });

  it('drop, return, drop: pauses only a full grace after the second drop', async () => {
    const { a, clock } = presenceActor();
    for (const id of EVERYONE) await a.attach(id);
    await a.detach(ID.patient);
    await a.detach(ID.patient_support);
    const first = a.pendingDeadline;
    expect(first).toEqual({ id: expect.any(String), at: clock.now() + 1000 });
    clock.advance(500);
    await a.attach(ID.patient);
    expect(a.pendingDeadline).toBeNull();
    clock.advance(300);
    await a.detach(ID.patient);
    const secondAt = clock.now() + 1000;
    expect(a.pendingDeadline).toEqual({ id: expect.not.stringMatching(first!.id), at: secondAt });
    // The first drop's time passes: nothing happens.
    clock.advance(first!.at + 100 - clock.now());
    await a.idle();
    expect(a.state.pause).toBeNull();
    // Just before the second deadline: still nothing; at it, the room pauses.
    clock.advance(secondAt - 1 - clock.now());
    await a.idle();
    expect(a.state.pause).toBeNull();
    clock.advance(1);
    await vi.waitFor(() => expect(a.state.pause?.cause).toBe('party-dropped'));
    expect(a.state.pause?.since).toBe(secondAt);
    expect(a.pendingDeadline).toBeNull();
  });

  it('after a restart, a deadline pending in the restored state fires', async () => {
    const h = meeting();
    h.ctx.partyGraceMs = 5_000;
    h.system({ type: 'system.disconnect', memberId: ID.hcw });
    h.system({ type: 'system.disconnect', memberId: ID.hcw_support });
    const due = h.state.deadlines.partyGrace[0]!;
    // A new actor from the stored state, as the registry makes one after a restart.
    const { a, clock } = presenceActor(h.state, due.at - 2_000);
    expect(a.pendingDeadline).toEqual({ id: due.id, at: due.at });
    clock.advance(1_999);
    await a.idle();
    expect(a.state.pause).toBeNull();
    clock.advance(1);
    await vi.waitFor(() => expect(a.state.pause?.cause).toBe('party-dropped'));
  });

  it('after a restart, a deadline already overdue fires at once', async () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: ID.hcw });
    h.system({ type: 'system.disconnect', memberId: ID.hcw_support });
    const due = h.state.deadlines.partyGrace[0]!;
    const { a, clock } = presenceActor(h.state, due.at + 60_000);
    clock.advance(0);
    await vi.waitFor(() => expect(a.state.pause?.cause).toBe('party-dropped'));
  });

  it('a deadline whose pause cannot be written (a closed store) is not tried again and again', async () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: ID.hcw });
    h.system({ type: 'system.disconnect', memberId: ID.hcw_support });
    const due = h.state.deadlines.partyGrace[0]!;
    const closed: CommandStore = {
      recentClientIds: async () => [],
      write: async () => {
        throw new Error('the database connection is not open');
      },
    };
    const { a, clock, timers } = presenceActor(h.state, due.at - 10, closed);
    expect(timers()).toHaveLength(1);
    clock.advance(10);
    await a.idle();
    expect(a.state.pause).toBeNull();
    expect(timers()).toHaveLength(0);
    expect(a.pendingDeadline).toBeNull();
  });
});
