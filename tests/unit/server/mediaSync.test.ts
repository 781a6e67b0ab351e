// The media sync: the LiveKit picture is derived from the room state alone, and LiveKit is brought
// to it by comparing with what LiveKit lists (a fake, in-memory SFU here; the real one in
// tests/integration/media-membership.test.ts).
import { describe, expect, it, vi } from 'vitest';
import {
  createFakeLiveKitGateway,
  meetingIdCandidates,
  permissionFor,
  type LiveKitGateway,
} from '../../../server/src/livekit/gateway';
import { startMediaSweep } from '../../../server/src/livekit/mediaSweep';
import { MOVING_GRACE_MS, syncMedia, wantedMedia } from '../../../server/src/livekit/mediaSync';
import { createLogger } from '../../../server/src/logger';
import { RESTORE_GRACE_MS, RoomActor } from '../../../server/src/rooms/RoomActor';
import type { RoomRegistry } from '../../../server/src/rooms/RoomRegistry';
import type { CommandStore } from '../../../server/src/store/commandLog';
import type { RoomState } from '../../../shared/room/state';
import { EVERYONE, ID, meeting, room, without } from '../shared/room/helpers';

const MAIN = 'cg_meeting-1';
const ALL = { audio: true, video: true };
const VIDEO = { audio: false, video: true };
const NONE = { audio: false, video: false };

const picture = (state: RoomState) =>
  Object.fromEntries([...wantedMedia(state)].map(([n, r]) => [n, Object.fromEntries(r)]));

describe('wantedMedia: who belongs in which LiveKit room, from the state alone', () => {
  it('everyone admitted and connected is in the main room with the rights mediaAccess gives', () => {
    const h = meeting();
    expect(picture(h.state)).toEqual({
      [MAIN]: {
        [ID.facilitator]: ALL,
        [ID.cofacilitator]: ALL,
        [ID.patient]: ALL,
        [ID.patient_support]: ALL,
        [ID.hcw]: ALL,
        [ID.hcw_support]: ALL,
        [ID.org_rep]: ALL,
        [ID.interpreter]: ALL,
        [ID.observer]: NONE,
        [ID.captioner]: NONE,
      },
    });
  });

  it('nobody without a live socket, nobody removed, nobody waiting, nobody after the end', () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: ID.hcw_support });
    h.act(ID.facilitator, { type: 'member.remove', memberId: ID.org_rep });
    const ids = Object.keys(picture(h.state)[MAIN]!);
    expect(ids).toEqual(without(EVERYONE, ID.hcw_support, ID.org_rep));

    const waiting = room();
    waiting.system({ type: 'system.connect', memberId: ID.facilitator });
    waiting.system({ type: 'system.connect', memberId: ID.patient });
    waiting.act(ID.patient, { type: 'lobby.join' });
    expect(Object.keys(picture(waiting.state)[MAIN]!)).toEqual([ID.facilitator]);

    h.act(ID.facilitator, { type: 'meeting.end' });
    expect(picture(h.state)).toEqual({});
  });

  it('a pause takes microphones; stepping out takes every publish right', () => {
    const h = meeting();
    h.act(ID.patient, { type: 'self.stepOut' });
    expect(picture(h.state)[MAIN]![ID.patient]).toEqual(NONE);
    h.act(ID.facilitator, { type: 'pause.start', message: null, breakMinutes: 5 });
    const paused = picture(h.state)[MAIN]!;
    expect(paused[ID.hcw]).toEqual(VIDEO);
    expect(paused[ID.facilitator]).toEqual(ALL);
  });

  it('someone in a side room is there and only there', () => {
    const h = meeting();
    h.act(ID.facilitator, {
      type: 'sideRoom.open',
      memberIds: [ID.patient],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    const side = `cg_meeting-1_${h.state.sideRooms[0]!.id}`;
    const p = picture(h.state);
    expect(Object.keys(p[side]!).sort()).toEqual([ID.facilitator, ID.patient].sort());
    expect(p[MAIN]![ID.patient]).toBeUndefined();
    expect(p[MAIN]![ID.facilitator]).toBeUndefined();
  });
});

describe('syncMedia: LiveKit is compared with what it lists, not with what was sent', () => {
  function sfu(state: RoomState) {
    const lk = createFakeLiveKitGateway();
    lk.rooms.set(MAIN, new Map());
    for (const id of EVERYONE) lk.join(MAIN, id, ALL);
    return { lk, wanted: wantedMedia(state) };
  }

  it('removes every identity not wanted where it is, unknown ones too, and fixes rights', async () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: ID.hcw_support });
    h.act(ID.facilitator, { type: 'member.remove', memberId: ID.org_rep });
    const { lk, wanted } = sfu(h.state);
    lk.join(MAIN, 'stranger', ALL);
    const report = await syncMedia(lk, 'meeting-1', wanted);
    expect(report.removed.map((r) => r.identity).sort()).toEqual(
      [ID.hcw_support, ID.org_rep, 'stranger'].sort(),
    );
    // The observer and the captioner joined with more than they may have: the full permission set
    // is sent.
    expect(report.updated).toEqual([
      { room: MAIN, identity: ID.observer, publish: NONE },
      { room: MAIN, identity: ID.captioner, publish: NONE },
    ]);
    expect([...lk.rooms.get(MAIN)!.keys()].sort()).toEqual(
      without(EVERYONE, ID.hcw_support, ID.org_rep).sort(),
    );
    expect(lk.rooms.get(MAIN)!.get(ID.observer)!.permission).toEqual(permissionFor(NONE));
    expect(lk.rooms.get(MAIN)!.get(ID.captioner)!.permission).toEqual(permissionFor(NONE));
    // A second pass finds nothing to do.
    lk.calls.length = 0;
    expect(await syncMedia(lk, 'meeting-1', wantedMedia(h.state))).toEqual({
      created: [],
      deleted: [],
      removed: [],
      updated: [],
      muted: [],
    });
    expect(lk.calls).toEqual([]);
  });

  it('mutes a live microphone before taking audio away, and leaves a camera alone', async () => {
    const h = meeting();
    const { lk } = sfu(h.state);
    lk.publishTrack(MAIN, ID.patient);
    lk.publishTrack(MAIN, ID.patient, { kind: 'video', source: 'camera' });
    h.act(ID.facilitator, { type: 'pause.start', message: null, breakMinutes: 5 });
    lk.calls.length = 0;
    await syncMedia(lk, 'meeting-1', wantedMedia(h.state));
    const patientCalls = lk.calls.filter((c) => c.identity === ID.patient).map((c) => c.op);
    expect(patientCalls).toEqual(['muteTrack', 'setPermissions']);
    expect(
      lk.rooms
        .get(MAIN)!
        .get(ID.patient)!
        .tracks.map((t) => t.source),
    ).toEqual(['camera']);
    // Facilitators keep their microphones in a pause: untouched.
    expect(lk.calls.some((c) => c.identity === ID.facilitator)).toBe(false);
  });

  it('creates wanted rooms, deletes the meeting’s unwanted ones, and no other meeting’s', async () => {
    const h = meeting();
    const lk = createFakeLiveKitGateway();
    const closedSide = 'cg_meeting-1_old-side';
    for (const r of [closedSide, 'cg_meeting-10', 'cg_meeting-1x_a', 'other-app-room'])
      lk.rooms.set(r, new Map());
    // Someone wanted nowhere (a stranger) does not keep a closed room open.
    lk.join(closedSide, 'stranger', ALL);
    const report = await syncMedia(lk, 'meeting-1', wantedMedia(h.state), {
      alsoCheck: [closedSide],
    });
    expect(report.created).toEqual([MAIN]);
    expect(report.deleted).toEqual([closedSide]);
    expect([...lk.rooms.keys()].sort()).toEqual(
      [MAIN, 'cg_meeting-10', 'cg_meeting-1x_a', 'other-app-room'].sort(),
    );

    // With the rooms listed by the caller (the sweep), and a room not to be created.
    h.act(ID.facilitator, { type: 'meeting.end' });
    const again = await syncMedia(lk, 'meeting-1', wantedMedia(h.state), {
      existing: [MAIN, 'cg_meeting-10'],
      create: new Set(),
    });
    expect(again.deleted).toEqual([MAIN]);
    expect(lk.rooms.has('cg_meeting-10')).toBe(true);
  });
});

describe('syncMedia: people moving to another room leave by themselves first', () => {
  const t0 = 5_000_000_000;
  /** A meeting whose patient the facilitator takes into a private conversation. */
  function privateTalk() {
    const h = meeting();
    const lk = createFakeLiveKitGateway();
    lk.rooms.set(MAIN, new Map());
    for (const id of EVERYONE) lk.join(MAIN, id, ALL);
    for (const p of lk.rooms.get(MAIN)!.values()) p.joinedAtMs = t0 - 60_000;
    return { h, lk };
  }
  const pass = (lk: LiveKitGateway, state: RoomState, now: number, alsoCheck: string[] = []) =>
    syncMedia(lk, 'meeting-1', wantedMedia(state), { alsoCheck, now });

  it('into a private room: kept in the main room for the grace, removed after it', async () => {
    const { h, lk } = privateTalk();
    await pass(lk, h.state, t0);
    h.act(ID.facilitator, {
      type: 'sideRoom.open',
      memberIds: [ID.patient],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    const side = `cg_meeting-1_${h.state.sideRooms[0]!.id}`;
    // The pass right after the move: the side room is opened, nobody is pulled out of the main.
    const first = await pass(lk, h.state, t0 + 10);
    expect(first.created).toEqual([side]);
    expect(first.removed).toEqual([]);
    expect(lk.rooms.get(MAIN)!.has(ID.patient)).toBe(true);
    // A page that has not left by the end of the grace is removed.
    await pass(lk, h.state, t0 + 10 + MOVING_GRACE_MS - 1);
    expect(lk.rooms.get(MAIN)!.has(ID.patient)).toBe(true);
    const late = await pass(lk, h.state, t0 + 10 + MOVING_GRACE_MS);
    expect(late.removed.map((r) => r.identity).sort()).toEqual([ID.facilitator, ID.patient].sort());
  });

  it('joining the old room again after the move (an old token) is removed at once', async () => {
    const { h, lk } = privateTalk();
    (await lk.rooms.get(MAIN))!.delete(ID.patient);
    await pass(lk, h.state, t0);
    h.act(ID.facilitator, {
      type: 'sideRoom.open',
      memberIds: [ID.patient],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    await pass(lk, h.state, t0 + 10);
    lk.join(MAIN, ID.patient, ALL);
    (await lk.rooms.get(MAIN))!.get(ID.patient)!.joinedAtMs = t0 + 500;
    const report = await pass(lk, h.state, t0 + 600);
    expect(report.removed).toEqual([{ room: MAIN, identity: ID.patient }]);
  });

  it('back from a private room: the closed room is deleted once emptied, or after the grace', async () => {
    const { h, lk } = privateTalk();
    h.act(ID.facilitator, {
      type: 'sideRoom.open',
      memberIds: [ID.patient],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    const sideId = h.state.sideRooms[0]!.id;
    const side = `cg_meeting-1_${sideId}`;
    lk.rooms.set(side, new Map());
    for (const id of [ID.patient, ID.facilitator, 'stranger']) lk.join(side, id, ALL);
    for (const p of (await lk.rooms.get(side))!.values()) p.joinedAtMs = t0 - 1_000;
    await pass(lk, h.state, t0);
    expect(lk.rooms.get(side)!.has('stranger')).toBe(false);
    h.act(ID.facilitator, { type: 'sideRoom.close', sideRoomId: sideId });

    const first = await pass(lk, h.state, t0 + 10, [side]);
    expect(first.deleted).toEqual([]);
    // Their pages leave by themselves: the next pass deletes the emptied room.
    (await lk.rooms.get(side))!.delete(ID.facilitator);
    expect((await pass(lk, h.state, t0 + 100, [side])).deleted).toEqual([]);
    (await lk.rooms.get(side))!.delete(ID.patient);
    expect((await pass(lk, h.state, t0 + 200, [side])).deleted).toEqual([side]);

    // A page that never leaves keeps the room no longer than the grace.
    lk.rooms.set(side, new Map());
    lk.join(side, ID.patient, ALL);
    (await lk.rooms.get(side))!.get(ID.patient)!.joinedAtMs = t0 - 1_000;
    expect((await pass(lk, h.state, t0 + 300, [side])).deleted).toEqual([]);
    expect((await pass(lk, h.state, t0 + 10 + MOVING_GRACE_MS, [side])).deleted).toEqual([side]);
  });

  it('at the end of the meeting nobody is wanted anywhere: every room goes at once', async () => {
    const { h, lk } = privateTalk();
    await pass(lk, h.state, t0);
    h.act(ID.facilitator, { type: 'meeting.end' });
    const report = await pass(lk, h.state, t0 + 10, [MAIN]);
    expect(report.deleted).toEqual([MAIN]);
  });
});

describe('meetingIdCandidates', () => {
  it('every split of a room name is a candidate (ids may hold "_"); other rooms have none', () => {
    expect(meetingIdCandidates('cg_ab_cd_ef')).toEqual(['ab_cd_ef', 'ab', 'ab_cd']);
    expect(meetingIdCandidates('cg_abc')).toEqual(['abc']);
    expect(meetingIdCandidates('other')).toEqual([]);
  });
});

const stored: CommandStore = {
  write: async () => ({ durable: Promise.resolve() }),
  recentClientIds: async () => [],
};

function actorWith(state: RoomState, lk: LiveKitGateway) {
  const clock = { nowMs: 1_000_000, now: () => clock.nowMs, setTimeout: () => ({}) };
  let n = 0;
  const a = new RoomActor(state, {
    commands: stored,
    livekit: lk,
    logger: createLogger('error', () => undefined),
    clock,
    newId: () => `n-${++n}`,
    partyGraceMs: 1000,
    publish: () => undefined,
  });
  return { a, clock };
}

describe('RoomActor: the media sync is the one path from state to LiveKit', () => {
  it('a burst of commands leads to one pass after the last, never two passes at once', async () => {
    const h = meeting();
    const lk = createFakeLiveKitGateway();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let running = 0;
    let most = 0;
    let passes = 0;
    const gated: LiveKitGateway = {
      ...lk,
      listRooms: async (names) => {
        passes++;
        most = Math.max(most, ++running);
        await gate;
        running--;
        return lk.listRooms(names);
      },
    };
    const { a, clock } = actorWith(h.state, gated);
    clock.nowMs += RESTORE_GRACE_MS;
    const acks = [];
    for (let i = 0; i < 3; i++) {
      acks.push(a.dispatch({ type: 'system.disconnect', memberId: ID.hcw }));
      acks.push(a.dispatch({ type: 'system.connect', memberId: ID.hcw }));
    }
    await Promise.all(acks);
    release();
    await a.idle();
    // The first pass started at once; every later request joined the one queued pass.
    expect(passes).toBe(2);
    expect(most).toBe(1);
  });

  it('answers a media token only once its room exists (rooms are never created by a join)', async () => {
    const h = meeting();
    const lk = createFakeLiveKitGateway();
    const { a } = actorWith(h.state, lk);
    expect(lk.join(MAIN, ID.patient, ALL)).toBe(false);
    const grant = await a.mintToken(ID.patient);
    expect(grant).toMatchObject({ ok: true, data: { room: 'main' } });
    expect(lk.join(MAIN, ID.patient, ALL)).toBe(true);
  });

  it('removal, leaving and the end take people out of LiveKit through the sync', async () => {
    const h = meeting();
    const lk = createFakeLiveKitGateway();
    const { a, clock } = actorWith(h.state, lk);
    clock.nowMs += RESTORE_GRACE_MS;
    await a.mintToken(ID.patient);
    for (const id of [ID.patient, ID.hcw, ID.observer]) lk.join(MAIN, id, ALL);
    await a.dispatch({ type: 'member.remove', actorId: ID.facilitator, memberId: ID.patient });
    await a.dispatch({ type: 'self.leave', actorId: ID.hcw });
    await a.idle();
    expect([...lk.rooms.get(MAIN)!.keys()]).toEqual([ID.observer]);
    expect(lk.rooms.get(MAIN)!.get(ID.observer)!.permission).toEqual(permissionFor(NONE));
    await a.dispatch({ type: 'meeting.end', actorId: ID.facilitator });
    await a.idle();
    expect(lk.rooms.size).toBe(0);
  });

  it('a facilitator’s mute mutes the live microphone once and keeps the right to unmute', async () => {
    const h = meeting();
    const lk = createFakeLiveKitGateway();
    const { a, clock } = actorWith(h.state, lk);
    clock.nowMs += RESTORE_GRACE_MS;
    await a.mintToken(ID.patient);
    lk.join(MAIN, ID.patient, ALL);
    lk.publishTrack(MAIN, ID.patient);
    await a.dispatch({ type: 'member.mute', actorId: ID.facilitator, memberId: ID.patient });
    await a.idle();
    const p = (await lk.rooms.get(MAIN))!.get(ID.patient)!;
    expect(p.tracks).toMatchObject([{ source: 'microphone', muted: true }]);
    expect(p.permission).toEqual(permissionFor(ALL));
  });

  it('after a restart, calls of people whose sockets are not back yet last only the grace', async () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: ID.patient });
    const lk = createFakeLiveKitGateway();
    lk.rooms.set(MAIN, new Map());
    lk.join(MAIN, ID.patient, ALL);
    const { a, clock } = actorWith(h.state, lk);
    await a.restoreLiveKit();
    expect(lk.rooms.get(MAIN)!.has(ID.patient)).toBe(true);
    clock.nowMs += RESTORE_GRACE_MS;
    await a.syncMedia();
    expect(lk.rooms.get(MAIN)!.has(ID.patient)).toBe(false);
  });
});

describe('the media sweep', () => {
  it('syncs meetings with someone connected or rooms in LiveKit, deletes rooms of no meeting (and only those)', async () => {
    const lk = createFakeLiveKitGateway();
    for (const r of ['cg_live', 'cg_gone_side', 'cg_elsewhere', 'other-app'])
      lk.rooms.set(r, new Map());
    const actor = (connected: boolean) =>
      ({
        mediaActive: connected,
        syncMedia: vi.fn(async () => null),
      }) as unknown as RoomActor;
    const live = actor(false);
    const busy = actor(true);
    const idle = actor(false);
    const byId: Record<string, RoomActor> = { live, busy, idle };
    const rooms = {
      get: async (id: string) => byId[id],
      // Several app nodes: 'elsewhere' exists but runs on another node (not loaded here).
      exists: async (id: string) => id in byId || id === 'elsewhere',
      all: () => Object.values(byId),
    } as unknown as RoomRegistry;
    const sweep = startMediaSweep({
      livekit: lk,
      rooms,
      logger: createLogger('error', () => undefined),
      intervalMs: 3_600_000,
    });
    await sweep.sweep();
    await sweep.close();
    expect(live.syncMedia).toHaveBeenCalledWith(['cg_live']);
    expect(busy.syncMedia).toHaveBeenCalledWith([]);
    expect(idle.syncMedia).not.toHaveBeenCalled();
    expect([...lk.rooms.keys()].sort()).toEqual(['cg_elsewhere', 'cg_live', 'other-app']);
  });
});
