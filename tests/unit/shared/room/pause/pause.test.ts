// Pausing (FAC-5, FAC-9, FAC-10, PAR-1): the facilitator's pause and resume, private pause
// requests, the pause when a party drops, and the pause that keeps the parties from ever being
// together without a facilitator (NOT-10).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elapsedMs } from '../../../../../shared/room/stopwatch';
import type { RoomState } from '../../../../../shared/room/state';
import { STATE_CAPS } from '../../../../../shared/room/decide';
import {
  bringIn,
  connect,
  EVERYONE,
  join,
  meeting,
  room,
  without,
  FAC,
  COFAC,
  PAT,
  PAT_SUP,
  HCW,
  HCW_SUP,
  ORG,
  INT,
  OBS,
} from '../helpers';

const PAUSE = { type: 'pause.start', message: null, breakMinutes: null } as const;

function elapsed(state: RoomState, now: number) {
  const { meeting: m, phase, turn } = state.timers;
  return { meeting: elapsedMs(m, now), phase: elapsedMs(phase, now), turn: elapsedMs(turn, now) };
}

const running = (state: RoomState) => ({
  meeting: state.timers.meeting.runningSince !== null,
  phase: state.timers.phase.runningSince !== null,
  turn: state.timers.turn.runningSince !== null,
});

describe('pause.start', () => {
  it('freezes the floor and every timer, and mutes participants in the main room', () => {
    const h = meeting();
    h.act(COFAC, {
      type: 'sideRoom.open',
      memberIds: [ORG],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    h.tick(60_000);
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: PAT } });
    const now = h.tick(30_000);
    const before = elapsed(h.state, now);
    const d = h.act(FAC, { type: 'pause.start', message: 'A short break', breakMinutes: 10 });
    expect(d.events).toEqual([{ type: 'pause.started', actorId: FAC }]);
    // Microphones go at the SFU through the media sync, which follows mediaAccess.
    expect(d.effects).toEqual([]);
    for (const id of [PAT, PAT_SUP, HCW, HCW_SUP, INT, OBS])
      expect(h.media(id)?.canPublishAudio ?? false).toBe(false);
    expect(h.state.pause).toEqual({
      since: now,
      cause: 'facilitator',
      message: 'A short break',
      breakEndsAt: now + 10 * 60_000,
      resume: { meeting: true, phase: true, turn: true },
    });
    expect(h.state.floor.holder).toEqual({ kind: 'person', memberId: PAT });
    expect(before.turn).toBe(30_000);
    fc.assert(
      fc.property(fc.nat({ max: 7 * 24 * 3_600_000 }), (later) => {
        expect(elapsed(h.state, now + later)).toEqual(before);
      }),
      { seed: 7, numRuns: 100 },
    );
    expect(h.view(HCW).pause).toEqual({
      since: now,
      cause: 'facilitator',
      message: 'A short break',
      breakEndsAt: now + 600_000,
    });
  });

  it('keeps no empty message', () => {
    const h = meeting();
    h.act(FAC, { type: 'pause.start', message: '', breakMinutes: null });
    expect(h.state.pause).toMatchObject({ message: null, breakEndsAt: null });
  });

  it('is refused to participants, before the start, when already paused and after the end', () => {
    const h = meeting({ start: false });
    h.refuses(FAC, PAUSE, 'INVALID_STATE');
    h.act(FAC, { type: 'meeting.start' });
    h.refuses(PAT, PAUSE, 'FORBIDDEN');
    h.refuses(INT, PAUSE, 'FORBIDDEN');
    h.act(FAC, PAUSE);
    h.refuses(COFAC, PAUSE, 'INVALID_STATE');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(FAC, PAUSE, 'INVALID_STATE');
  });
});

describe('pause.resume', () => {
  it('restarts exactly the timers that ran, from where they stopped', () => {
    const h = meeting();
    h.tick(10_000);
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'hcw' } });
    const pausedAt = h.tick(20_000);
    h.act(FAC, PAUSE);
    const frozen = elapsed(h.state, pausedAt);
    const resumedAt = h.tick(15 * 60_000);
    expect(h.act(COFAC, { type: 'pause.resume' }).events).toEqual([
      { type: 'pause.resumed', actorId: COFAC },
    ]);
    expect(h.state.pause).toBeNull();
    expect(running(h.state)).toEqual({ meeting: true, phase: true, turn: true });
    expect(elapsed(h.state, resumedAt)).toEqual(frozen);
    expect(elapsed(h.state, resumedAt + 1_000)).toEqual({
      meeting: frozen.meeting + 1_000,
      phase: frozen.phase + 1_000,
      turn: frozen.turn + 1_000,
    });
    expect(h.state.floor.holder).toEqual({ kind: 'party', party: 'hcw' });
  });

  it('leaves the turn timer stopped when nobody held the floor', () => {
    const h = meeting();
    h.act(FAC, PAUSE);
    h.tick();
    h.act(FAC, { type: 'pause.resume' });
    expect(running(h.state)).toEqual({ meeting: true, phase: true, turn: false });
  });

  it('does not start a turn for nobody when the holder left during the pause (regression)', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: HCW } });
    h.act(FAC, PAUSE);
    h.act(HCW, { type: 'self.leave' });
    h.act(FAC, { type: 'pause.resume' });
    expect(h.state.floor.holder).toBeNull();
    expect(h.state.timers.turn.runningSince).toBeNull();
  });

  it('is refused to participants and when not paused', () => {
    const h = meeting();
    h.refuses(FAC, { type: 'pause.resume' }, 'INVALID_STATE');
    h.act(FAC, PAUSE);
    h.refuses(PAT, { type: 'pause.resume' }, 'FORBIDDEN');
  });
});

describe('pause.request', () => {
  it('reaches the facilitators only, and the event carries no reason', () => {
    const h = meeting();
    const now = h.tick();
    const d = h.act(PAT, { type: 'pause.request', reason: 'I need a minute' });
    expect(d.events).toEqual([{ type: 'pause.requested', actorId: PAT }]);
    const request = { id: 'id-1', memberId: PAT, at: now, reason: 'I need a minute' };
    expect(h.view(FAC).facilitator?.pauseRequests).toEqual([request]);
    expect(h.view(COFAC).facilitator?.pauseRequests).toEqual([request]);
    for (const id of without(EVERYONE, FAC, COFAC)) {
      expect(h.view(id).facilitator).toBeNull();
      expect(JSON.stringify(h.view(id))).not.toContain('I need a minute');
    }
    expect(h.state.pause).toBeNull();
  });

  it('may come from the lobby, and an empty reason is kept as none', () => {
    const h = meeting({ present: without(EVERYONE, INT) });
    h.act(INT, { type: 'lobby.join' });
    h.act(INT, { type: 'pause.request', reason: '' });
    expect(h.state.pauseRequests).toMatchObject([{ memberId: INT, reason: null }]);
  });

  it(`keeps the latest ${STATE_CAPS.pauseRequests}`, () => {
    const h = meeting();
    for (let i = 0; i < STATE_CAPS.pauseRequests + 5; i++) {
      h.act(HCW, { type: 'pause.request', reason: `r${i}` });
    }
    expect(h.state.pauseRequests).toHaveLength(STATE_CAPS.pauseRequests);
    expect(h.state.pauseRequests[0]?.reason).toBe('r5');
  });

  it('is refused to observers, facilitators (they pause directly), the absent and after the end', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    h.refuses(OBS, { type: 'pause.request', reason: null }, 'FORBIDDEN');
    h.refuses(FAC, { type: 'pause.request', reason: null }, 'FORBIDDEN');
    h.refuses(ORG, { type: 'pause.request', reason: null }, 'FORBIDDEN');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(PAT, { type: 'pause.request', reason: null }, 'INVALID_STATE');
  });

  it('pause.dismissRequest removes a request; only facilitators; unknown ids are not found', () => {
    const h = meeting();
    h.act(PAT, { type: 'pause.request', reason: null });
    h.act(HCW, { type: 'pause.request', reason: null });
    const [first] = h.state.pauseRequests;
    h.refuses(PAT, { type: 'pause.dismissRequest', requestId: first!.id }, 'FORBIDDEN');
    const d = h.act(COFAC, { type: 'pause.dismissRequest', requestId: first!.id });
    expect(d.events).toEqual([{ type: 'pause.requestDismissed', actorId: COFAC }]);
    expect(h.state.pauseRequests.map((r) => r.memberId)).toEqual([HCW]);
    h.refuses(FAC, { type: 'pause.dismissRequest', requestId: first!.id }, 'NOT_FOUND');
  });
});

/** The party's pending grace deadline (the one the server's timer is set for). */
function deadline(h: { state: RoomState }, party: 'patient' | 'hcw') {
  const d = h.state.deadlines.partyGrace.find((x) => x.party === party);
  if (!d) throw new Error(`no deadline for ${party}`);
  return d;
}

/** The timer of the party's current deadline goes off when it is due. */
function expire(h: ReturnType<typeof meeting>, party: 'patient' | 'hcw') {
  const d = deadline(h, party);
  if (h.ctx.now < d.at) h.tick(d.at - h.ctx.now);
  return h.system({ type: 'system.partyGraceExpired', deadlineId: d.id });
}

describe('a story party dropping off', () => {
  it('sets a grace deadline in the state when the last connected person of a story party drops', () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: PAT });
    expect(h.state.deadlines.partyGrace).toEqual([]);
    const at = h.tick(500);
    const d = h.system({ type: 'system.disconnect', memberId: PAT_SUP });
    expect(d.effects).toEqual([]);
    expect(h.state.deadlines.partyGrace).toEqual([
      { id: expect.any(String), party: 'patient', since: at, at: at + 20_000, expired: false },
    ]);
    h.system({ type: 'system.disconnect', memberId: ORG });
    h.system({ type: 'system.disconnect', memberId: INT });
    expect(h.state.deadlines.partyGrace.map((x) => x.party)).toEqual(['patient']);
    expect(h.state.pause).toBeNull();
  });

  it('takes the grace length from the context (PARTY_GRACE_SECONDS)', () => {
    const h = meeting();
    h.ctx.partyGraceMs = 1_000;
    h.system({ type: 'system.disconnect', memberId: HCW });
    const at = h.tick();
    h.system({ type: 'system.disconnect', memberId: HCW_SUP });
    expect(deadline(h, 'hcw')).toMatchObject({ since: at, at: at + 1_000 });
  });

  it('clears the deadline when someone of the party is back', () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: PAT });
    h.system({ type: 'system.disconnect', memberId: PAT_SUP });
    expect(h.state.deadlines.partyGrace).toHaveLength(1);
    h.system({ type: 'system.connect', memberId: PAT });
    expect(h.state.deadlines.partyGrace).toEqual([]);
  });

  it('sets nothing before the start', () => {
    const h = meeting({ start: false, present: [FAC, PAT] });
    h.system({ type: 'system.disconnect', memberId: PAT });
    expect(h.state.deadlines.partyGrace).toEqual([]);
  });

  it('pauses the room and alerts the facilitators when the grace period runs out', () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: HCW });
    h.system({ type: 'system.disconnect', memberId: HCW_SUP });
    const d = expire(h, 'hcw');
    const now = h.ctx.now;
    expect(d.events).toEqual([{ type: 'pause.started', actorId: null, party: 'hcw' }]);
    expect(h.state.pause).toMatchObject({ cause: 'party-dropped', since: now });
    expect(running(h.state)).toEqual({ meeting: false, phase: false, turn: false });
    expect(h.state.alerts).toEqual([
      { id: expect.any(String), kind: 'party-dropped', at: now, memberId: null, party: 'hcw' },
    ]);
    expect(h.view(FAC).facilitator?.alerts).toHaveLength(1);
    expect(h.view(PAT).facilitator).toBeNull();
    expect(h.media(PAT)?.canPublishAudio).toBe(false);
    // Done: nothing more to schedule until the party is back, and the same timer does nothing.
    expect(deadline(h, 'hcw').expired).toBe(true);
    h.rejects(
      { type: 'system.partyGraceExpired', deadlineId: deadline(h, 'hcw').id },
      'INVALID_STATE',
    );
  });

  it('drop, return, drop: the first drop’s timer does nothing; the pause comes a full grace after the second', () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: PAT });
    h.system({ type: 'system.disconnect', memberId: PAT_SUP });
    const first = deadline(h, 'patient');
    h.tick(5_000);
    h.system({ type: 'system.connect', memberId: PAT });
    h.tick(5_000);
    const secondDrop = h.ctx.now;
    h.system({ type: 'system.disconnect', memberId: PAT });
    const second = deadline(h, 'patient');
    expect(second.id).not.toBe(first.id);
    expect(second.at).toBe(secondDrop + 20_000);
    // The first drop's timer goes off at its own time: stale, nothing happens.
    h.tick(first.at - h.ctx.now);
    h.rejects({ type: 'system.partyGraceExpired', deadlineId: first.id }, 'INVALID_STATE');
    expect(h.state.pause).toBeNull();
    // Early is refused too; at the second deadline the room pauses.
    h.rejects({ type: 'system.partyGraceExpired', deadlineId: second.id }, 'INVALID_STATE');
    expire(h, 'patient');
    expect(h.state.pause).toMatchObject({ cause: 'party-dropped', since: secondDrop + 20_000 });
  });

  it('tells the facilitators when someone is back, and stays paused until they resume', () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: PAT });
    h.system({ type: 'system.disconnect', memberId: PAT_SUP });
    expire(h, 'patient');
    h.system({ type: 'system.connect', memberId: PAT_SUP });
    expect(h.state.alerts.map((a) => [a.kind, a.memberId])).toEqual([
      ['party-dropped', null],
      ['reconnected', PAT_SUP],
    ]);
    expect(h.state.deadlines.partyGrace).toEqual([]);
    expect(h.state.pause?.cause).toBe('party-dropped');
    h.act(FAC, { type: 'pause.resume' });
    expect(h.state.pause).toBeNull();
  });

  it('drops the deadline when the party is back, has left, or the meeting ends', () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: PAT });
    h.system({ type: 'system.disconnect', memberId: PAT_SUP });
    const pat = deadline(h, 'patient');
    h.system({ type: 'system.connect', memberId: PAT });
    h.tick(60_000);
    h.rejects({ type: 'system.partyGraceExpired', deadlineId: pat.id }, 'INVALID_STATE');
    h.system({ type: 'system.disconnect', memberId: HCW });
    h.system({ type: 'system.disconnect', memberId: HCW_SUP });
    expect(h.state.deadlines.partyGrace.map((x) => x.party)).toEqual(['hcw']);
    h.act(FAC, { type: 'member.remove', memberId: HCW });
    h.act(FAC, { type: 'member.remove', memberId: HCW_SUP });
    expect(h.state.deadlines.partyGrace).toEqual([]);
    h.system({ type: 'system.disconnect', memberId: PAT });
    h.system({ type: 'system.disconnect', memberId: PAT_SUP });
    expect(h.state.deadlines.partyGrace).toHaveLength(1);
    h.act(FAC, { type: 'meeting.end' });
    expect(h.state.deadlines.partyGrace).toEqual([]);
  });

  it('sets a deadline at the start for a party admitted but not connected', () => {
    const h = meeting({ start: false });
    h.system({ type: 'system.disconnect', memberId: HCW });
    h.system({ type: 'system.disconnect', memberId: HCW_SUP });
    expect(h.state.deadlines.partyGrace).toEqual([]);
    h.act(FAC, { type: 'meeting.start' });
    expect(deadline(h, 'hcw')).toMatchObject({ since: h.ctx.now, expired: false });
  });

  it("keeps a facilitator's pause as it is, with the alert", () => {
    const h = meeting();
    h.act(FAC, { type: 'pause.start', message: 'Back soon', breakMinutes: null });
    h.system({ type: 'system.disconnect', memberId: PAT });
    h.system({ type: 'system.disconnect', memberId: PAT_SUP });
    expire(h, 'patient');
    expect(h.state.pause).toMatchObject({ cause: 'facilitator', message: 'Back soon' });
    expect(h.state.alerts.map((a) => a.kind)).toEqual(['party-dropped']);
  });

  it('turns a no-facilitator pause into a party-dropped one, so a return does not resume it (regression)', () => {
    const h = meeting({ present: without(EVERYONE, COFAC) });
    h.act(FAC, { type: 'sideRoom.open', memberIds: [ORG], facilitatorIds: [], purpose: 'caucus' });
    expect(h.state.pause?.cause).toBe('no-facilitator');
    h.system({ type: 'system.disconnect', memberId: PAT });
    h.system({ type: 'system.disconnect', memberId: PAT_SUP });
    expire(h, 'patient');
    expect(h.state.pause?.cause).toBe('party-dropped');
    h.act(FAC, { type: 'sideRoom.close', sideRoomId: h.state.sideRooms[0]!.id });
    expect(h.state.pause?.cause).toBe('party-dropped');
  });
});

describe('the main room never holds both parties without a facilitator', () => {
  it('pauses when the only facilitator opens a side room, and resumes when it closes', () => {
    const h = meeting({ present: without(EVERYONE, COFAC) });
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'patient' } });
    const openedAt = h.tick(60_000);
    const frozen = elapsed(h.state, openedAt);
    const d = h.act(FAC, {
      type: 'sideRoom.open',
      memberIds: [ORG],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    expect(d.events).toEqual([
      { type: 'sideRoom.opened', actorId: FAC },
      { type: 'pause.started', actorId: null },
    ]);
    // Microphones go at the SFU through the media sync, which follows mediaAccess.
    expect(d.effects).toEqual([]);
    for (const id of [PAT, PAT_SUP, HCW, HCW_SUP, INT, OBS])
      expect(h.media(id)?.canPublishAudio ?? false).toBe(false);
    expect(h.state.pause).toMatchObject({ cause: 'no-facilitator', since: openedAt });
    expect(h.state.alerts.map((a) => a.kind)).toEqual(['no-facilitator']);
    expect(h.media(HCW)?.canPublishAudio).toBe(false);
    expect(h.media(ORG)).toEqual({
      room: h.state.sideRooms[0]!.id,
      canPublishAudio: true,
      canPublishVideo: true,
    });
    const closedAt = h.tick(5 * 60_000);
    const closed = h.act(FAC, { type: 'sideRoom.close', sideRoomId: h.state.sideRooms[0]!.id });
    expect(closed.events).toEqual([
      { type: 'sideRoom.closed', actorId: FAC },
      { type: 'pause.resumed', actorId: null },
    ]);
    expect(h.state.pause).toBeNull();
    expect(elapsed(h.state, closedAt)).toEqual(frozen);
    expect(running(h.state)).toEqual({ meeting: true, phase: true, turn: true });
  });

  it('does not pause while the co-facilitator stays with the parties', () => {
    const h = meeting();
    h.act(FAC, { type: 'sideRoom.open', memberIds: [ORG], facilitatorIds: [], purpose: 'caucus' });
    expect(h.state.pause).toBeNull();
  });

  it('pauses when every facilitator drops, and resumes when one is back', () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: FAC });
    expect(h.state.pause).toBeNull();
    h.system({ type: 'system.disconnect', memberId: COFAC });
    expect(h.state.pause?.cause).toBe('no-facilitator');
    h.system({ type: 'system.connect', memberId: COFAC });
    expect(h.state.pause).toBeNull();
  });

  it('refuses a resume while the main room is still unattended', () => {
    const h = meeting({ present: without(EVERYONE, COFAC) });
    h.act(FAC, { type: 'sideRoom.open', memberIds: [ORG], facilitatorIds: [], purpose: 'caucus' });
    h.refuses(FAC, { type: 'pause.resume' }, 'INVALID_STATE');
  });

  it("does not resume a facilitator's own pause on their return", () => {
    const h = meeting({ present: without(EVERYONE, COFAC) });
    h.act(FAC, PAUSE);
    h.act(FAC, { type: 'sideRoom.open', memberIds: [ORG], facilitatorIds: [], purpose: 'caucus' });
    h.act(FAC, { type: 'sideRoom.close', sideRoomId: h.state.sideRooms[0]!.id });
    expect(h.state.pause?.cause).toBe('facilitator');
  });

  it('stays paused when a party leaves the main room before a facilitator is back (regression)', () => {
    const h = meeting({ present: without(EVERYONE, COFAC) });
    h.act(FAC, { type: 'sideRoom.open', memberIds: [ORG], facilitatorIds: [], purpose: 'caucus' });
    h.act(PAT, { type: 'self.leave' });
    h.act(PAT_SUP, { type: 'self.leave' });
    expect(h.state.pause?.cause).toBe('no-facilitator');
    expect(running(h.state)).toEqual({ meeting: false, phase: false, turn: false });
    h.act(FAC, { type: 'sideRoom.close', sideRoomId: h.state.sideRooms[0]!.id });
    expect(h.state.pause).toBeNull();
  });

  it('holds before the start too: admitted parties are not left together (regression)', () => {
    const h = room();
    bringIn(h, [FAC, PAT, HCW]);
    connect(h, [ORG]);
    join(h, [ORG]);
    h.act(FAC, { type: 'sideRoom.open', memberIds: [ORG], facilitatorIds: [], purpose: 'checkin' });
    expect(h.state.status).toBe('open');
    expect(h.state.pause?.cause).toBe('no-facilitator');
    expect(h.media(PAT)?.canPublishAudio).toBe(false);
    h.refuses(FAC, { type: 'meeting.start' }, 'INVALID_STATE');
    h.act(FAC, { type: 'lobby.admit', memberId: ORG });
    expect(h.state.pause).toBeNull();
    h.act(FAC, { type: 'meeting.start' });
    expect(h.state.status).toBe('live');
  });

  it('one party alone with no facilitator is no reason to pause', () => {
    const h = meeting({ present: [FAC, PAT, PAT_SUP, ORG] });
    h.act(FAC, { type: 'sideRoom.open', memberIds: [ORG], facilitatorIds: [], purpose: 'caucus' });
    expect(h.state.pause).toBeNull();
  });
});
