// RoomRegistry: an idle meeting is dropped from memory and comes back from the store on demand,
// with the same state and version, and accepts commands; a meeting with a pending deadline, a
// socket or work under way stays.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/src/logger';
import type { Clock } from '../../../server/src/rooms/RoomActor';
import { RoomRegistry } from '../../../server/src/rooms/RoomRegistry';
import { CommandLog } from '../../../server/src/store/commandLog';
import { openDb } from '../../../server/src/store/db';
import { createSqliteStore } from '../../../server/src/store/sqliteStore';
import { ID, meeting } from '../shared/room/helpers';

const IDLE_MS = 60_000;
const closers: { close(): unknown }[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c.close();
});

/** A clock the test moves; timers are recorded, never run. */
function manualClock(start: number): Clock & { t: number } {
  const c: Clock & { t: number } = { t: start, now: () => c.t, setTimeout: () => ({}) };
  return c;
}

/** A real SQLite store and command log, with the helper meeting's state stored as meeting-1. */
async function registryWith(state = meeting().state) {
  const db = openDb(mkdtempSync(path.join(tmpdir(), 'cg-registry-')));
  const store = createSqliteStore(db);
  const clock = manualClock((state.startedAt ?? 0) + 10_000);
  await store.insertFacilitator({
    id: 'f',
    email: 'f@example.org',
    name: 'F',
    passwordHash: 'x',
    now: 0,
  });
  await store.insertCase('c', 'f', 'Case', 0);
  await store.insertMeeting({
    id: state.meetingId,
    caseId: 'c',
    title: 'M',
    floorMode: 'gentle',
    now: 0,
  });
  await store.saveSnapshot(state, 0);
  const commands = new CommandLog(db, () => undefined);
  closers.push(db, commands);
  let n = 0;
  const rooms = new RoomRegistry({
    store,
    commands,
    livekit: null,
    logger: createLogger('error', () => undefined),
    clock,
    newId: () => `n-${++n}`,
    partyGraceMs: 1000,
    publish: () => undefined,
    idleEvictMs: IDLE_MS,
  });
  return { rooms, clock, store, meetingId: state.meetingId };
}

describe('RoomRegistry: idle meetings leave memory', () => {
  it('an evicted meeting comes back with the same state and version, and accepts commands', async () => {
    // Not started yet, nobody connected: nothing keeps it in memory but its sockets.
    const h = meeting({ present: [ID.facilitator], start: false });
    h.system({ type: 'system.disconnect', memberId: ID.facilitator });
    const { rooms, clock, store, meetingId } = await registryWith(h.state);
    const first = (await rooms.get(meetingId))!;
    await first.attach(ID.facilitator);
    const lock = { type: 'lobby.lock', locked: true, actorId: ID.facilitator } as const;
    const locked = await first.dispatch(lock, 'c-1');
    expect(locked.ok).toBe(true);
    // An open socket keeps it, however long nothing happens.
    clock.t += 10 * IDLE_MS;
    expect(rooms.evictIdle()).toBe(0);
    await first.detach(ID.facilitator);
    const before = first.state;

    clock.t += IDLE_MS / 2;
    expect(rooms.evictIdle()).toBe(0);
    expect(rooms.isLoaded(meetingId)).toBe(true);
    clock.t += IDLE_MS;
    expect(rooms.evictIdle()).toBe(1);
    expect(rooms.isLoaded(meetingId)).toBe(false);

    const again = (await rooms.get(meetingId))!;
    expect(again).not.toBe(first);
    expect(again.state.version).toBe(before.version);
    expect(again.state).toEqual(before);
    expect(await store.loadSnapshot(meetingId)).toEqual(before);
    // A retry of a command applied before the eviction is still known: applied once.
    expect(await again.dispatch(lock, 'c-1')).toEqual(locked);
    expect(again.state.version).toBe(before.version);
    await again.attach(ID.facilitator);
    const unlock = { type: 'lobby.lock', locked: false, actorId: ID.facilitator } as const;
    expect(await again.dispatch(unlock)).toEqual({
      ok: true,
      data: { version: before.version + 2 },
    });
    // Whoever still held the old actor reaches the new one: one writer per meeting.
    expect(await first.dispatch(lock)).toEqual({ ok: true, data: { version: before.version + 3 } });
    expect(again.state.version).toBe(before.version + 3);
  });

  it('a meeting with a party-grace deadline pending is kept until it has passed', async () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: ID.hcw });
    h.system({ type: 'system.disconnect', memberId: ID.hcw_support });
    const due = h.state.deadlines.partyGrace[0]!;
    const { rooms, clock, meetingId } = await registryWith(h.state);
    const actor = (await rooms.get(meetingId))!;
    // The deadline lives in the state; the loaded actor armed its timer for it.
    expect(actor.pendingDeadline).toEqual({ id: due.id, at: due.at });
    clock.t += 10 * IDLE_MS;
    expect(actor.idleSince(clock.t)).toBe(false);
    expect(rooms.evictIdle()).toBe(0);
    expect(rooms.isLoaded(meetingId)).toBe(true);
    await actor.dispatch({ type: 'system.partyGraceExpired', deadlineId: due.id });
    expect(actor.pendingDeadline).toBeNull();
  });
});
