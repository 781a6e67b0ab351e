// The room state machine: the decide() contract, presence, the lobby, membership, the meeting's
// life (start, end, end safely), the script and the phases. Floor, pause, side rooms and the
// person's own commands have their own files (decide.*.test.ts).
import { describe, expect, it } from 'vitest';
import type { ClientCommand } from '../../../../shared/protocol/commands';
import { decide } from '../../../../shared/room/decide';
import { createRoomState } from '../../../../shared/room/state';
import { elapsedMs } from '../../../../shared/room/stopwatch';
import {
  apply,
  bringIn,
  cast,
  connect,
  createCtx,
  EVERYONE,
  expectRejected,
  type Harness,
  ID,
  join,
  meeting,
  room,
  start,
  without,
} from './helpers';

const {
  facilitator: FAC,
  cofacilitator: COFAC,
  patient: PAT,
  patient_support: PAT_SUP,
  hcw: HCW,
  hcw_support: HCW_SUP,
  org_rep: ORG,
  interpreter: INT,
  observer: OBS,
} = ID;

describe('decide', () => {
  it('accepts a command with a new state one version up and never touches its input', () => {
    const state = createRoomState({ meetingId: 'm', members: cast() });
    const frozen = structuredClone(state);
    const result = decide(state, { type: 'system.connect', memberId: FAC }, createCtx());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.version).toBe(1);
    expect(result.state.members[FAC]?.connected).toBe(true);
    expect(state).toEqual(frozen);
  });

  it('rejects with a typed error and no state', () => {
    const state = createRoomState({ meetingId: 'm', members: cast() });
    const result = decide(state, { type: 'meeting.start', actorId: 'stranger' }, createCtx());
    expect(result).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'You are not part of this meeting.' },
    });
  });

  it('is deterministic: the same state, command and context give the same decision', () => {
    const h = meeting();
    const cmd = { type: 'pause.request', reason: 'a moment', actorId: PAT } as const;
    const a = decide(h.state, cmd, { now: 42, newId: () => 'x' });
    const b = decide(h.state, cmd, { now: 42, newId: () => 'x' });
    expect(a).toEqual(b);
  });

  it('refuses any client command from someone who is not part of the meeting', () => {
    const h = meeting();
    h.refuses('stranger', { type: 'floor.request' }, 'FORBIDDEN');
    h.refuses('stranger', { type: 'lobby.join' }, 'FORBIDDEN');
  });
});

describe('system.connect', () => {
  it('admits a facilitator straight away: they sign in, nobody admits them', () => {
    const h = room();
    const d = h.system({ type: 'system.connect', memberId: FAC });
    expect(h.member(FAC)).toMatchObject({ status: 'admitted', connected: true });
    expect(d.events).toEqual([
      { type: 'member.admitted', actorId: FAC, targetId: FAC },
      { type: 'member.connected', actorId: FAC },
    ]);
  });

  it('admits a co-facilitator straight away too, so they can come in while the lead is away', () => {
    const h = room();
    connect(h, [COFAC]);
    expect(h.member(COFAC).status).toBe('admitted');
    expect(h.member(FAC).status).toBe('invited');
  });

  it('only marks anyone else connected: they still go through the lobby', () => {
    const h = room();
    connect(h, [FAC, PAT]);
    expect(h.member(PAT)).toMatchObject({ status: 'invited', connected: true });
  });

  it('admits a facilitator who left and knocked again, and clears their waiting time', () => {
    const h = meeting();
    h.act(COFAC, { type: 'self.leave' });
    h.system({ type: 'system.disconnect', memberId: COFAC });
    h.act(COFAC, { type: 'lobby.join' });
    h.system({ type: 'system.connect', memberId: COFAC });
    expect(h.member(COFAC)).toMatchObject({ status: 'admitted', waitingSince: null });
  });

  it('does not admit a facilitator after the end', () => {
    const h = meeting({ present: without(EVERYONE, COFAC) });
    h.act(FAC, { type: 'meeting.end' });
    connect(h, [COFAC]);
    expect(h.member(COFAC).status).toBe('invited');
  });

  it('refuses unknown, denied and removed people', () => {
    const h = room();
    bringIn(h, [FAC]);
    connect(h, [PAT, HCW]);
    join(h, [PAT]);
    h.act(FAC, { type: 'lobby.deny', memberId: PAT });
    bringIn(h, [HCW]);
    h.act(FAC, { type: 'member.remove', memberId: HCW });
    h.rejects({ type: 'system.connect', memberId: 'ghost' }, 'NOT_FOUND');
    h.rejects({ type: 'system.connect', memberId: PAT }, 'FORBIDDEN');
    h.rejects({ type: 'system.connect', memberId: HCW }, 'FORBIDDEN');
  });
});

describe('system.disconnect', () => {
  it('marks the person disconnected at the server time', () => {
    const h = meeting();
    const now = h.tick(5_000);
    h.system({ type: 'system.disconnect', memberId: ORG });
    expect(h.member(ORG)).toMatchObject({
      connected: false,
      disconnectedAt: now,
      status: 'admitted',
    });
    h.rejects({ type: 'system.disconnect', memberId: 'ghost' }, 'NOT_FOUND');
  });
});

describe('system.addMember', () => {
  it('invites someone new, who then comes in through the lobby like everyone else', () => {
    const h = meeting();
    const d = h.system({
      type: 'system.addMember',
      member: { id: 'late', name: 'Late', role: 'patient_support', party: 'patient' },
    });
    expect(d.events).toEqual([{ type: 'member.added', actorId: null, targetId: 'late' }]);
    expect(h.member('late')).toMatchObject({ status: 'invited', connected: false });
    expect(h.state.memberOrder.at(-1)).toBe('late');
    expect(h.view(PAT).members.map((m) => m.id)).not.toContain('late');
    bringIn(h, ['late']);
    expect(h.media('late')?.room).toBe('main');
  });

  it('refuses an id already in the meeting (CONFLICT) and anyone after the end', () => {
    const h = meeting();
    const member = { id: PAT, name: 'Again', role: 'patient', party: 'patient' } as const;
    h.rejects({ type: 'system.addMember', member }, 'CONFLICT');
    h.act(FAC, { type: 'meeting.end' });
    h.rejects({ type: 'system.addMember', member: { ...member, id: 'late' } }, 'INVALID_STATE');
  });
});

describe('lobby.join', () => {
  it('puts the person in the lobby, seen by facilitators only, with no media', () => {
    const h = room();
    bringIn(h, [FAC, HCW]);
    connect(h, [PAT]);
    const now = h.tick();
    const d = h.act(PAT, { type: 'lobby.join' });
    expect(d.events).toEqual([{ type: 'lobby.joined', actorId: PAT }]);
    expect(h.member(PAT)).toMatchObject({ status: 'waiting', waitingSince: now });
    expect(h.view(FAC).facilitator?.lobby.find((e) => e.id === PAT)).toMatchObject({
      status: 'waiting',
      waitingSince: now,
    });
    expect(h.view(HCW).members.map((m) => m.id)).not.toContain(PAT);
    expect(h.view(PAT).members.map((m) => m.id)).toEqual([PAT]);
    expect(h.view(PAT).facilitator).toBeNull();
    expect(h.media(PAT)).toBeNull();
  });

  it.each([
    ['already waiting', 'INVALID_STATE', (h: Harness) => join(h, [PAT])],
    ['already admitted', 'INVALID_STATE', (h: Harness) => bringIn(h, [PAT])],
    [
      'denied',
      'FORBIDDEN',
      (h: Harness) => {
        join(h, [PAT]);
        h.act(FAC, { type: 'lobby.deny', memberId: PAT });
      },
    ],
    [
      'removed',
      'FORBIDDEN',
      (h: Harness) => {
        bringIn(h, [PAT]);
        h.act(FAC, { type: 'member.remove', memberId: PAT });
      },
    ],
    [
      'the room is locked',
      'FORBIDDEN',
      (h: Harness) => h.act(FAC, { type: 'lobby.lock', locked: true }),
    ],
    ['the meeting has ended', 'INVALID_STATE', (h: Harness) => h.act(FAC, { type: 'meeting.end' })],
  ] as const)('is refused when %s (%s)', (_what, code, setup) => {
    const h = room();
    bringIn(h, [FAC]);
    setup(h);
    h.refuses(PAT, { type: 'lobby.join' }, code);
  });

  it('lets someone who left safely knock on a locked room, to be admitted again', () => {
    const h = meeting();
    h.act(FAC, { type: 'lobby.lock', locked: true });
    h.act(PAT, { type: 'self.leave' });
    h.act(PAT, { type: 'lobby.join' });
    expect(h.member(PAT).status).toBe('waiting');
    expect(h.media(PAT)).toBeNull();
    h.act(FAC, { type: 'lobby.admit', memberId: PAT });
    expect(h.member(PAT).status).toBe('admitted');
  });
});

describe('lobby.admit', () => {
  it('brings the person into the main room: they see the others and get media', () => {
    const h = room();
    bringIn(h, [FAC, HCW]);
    join(h, [PAT]);
    const d = h.act(FAC, { type: 'lobby.admit', memberId: PAT });
    expect(d.events).toEqual([{ type: 'member.admitted', actorId: FAC, targetId: PAT }]);
    expect(h.member(PAT)).toMatchObject({ status: 'admitted', waitingSince: null });
    expect(h.view(PAT).members.map((m) => m.id)).toEqual([FAC, PAT, HCW]);
    expect(h.media(PAT)).toEqual({ room: 'main', canPublishAudio: true, canPublishVideo: true });
    expect(h.view(FAC).facilitator?.lobby.map((e) => e.id)).not.toContain(PAT);
  });

  it('is open to the co-facilitator too (equal controls)', () => {
    const h = room();
    bringIn(h, [COFAC]);
    join(h, [PAT]);
    h.act(COFAC, { type: 'lobby.admit', memberId: PAT });
    expect(h.member(PAT).status).toBe('admitted');
  });

  it('admits a waiting person into a meeting already under way', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    connect(h, [ORG]);
    join(h, [ORG]);
    h.act(COFAC, { type: 'lobby.admit', memberId: ORG });
    expect(h.media(ORG)?.room).toBe('main');
  });

  it('is refused to anyone but an admitted facilitator', () => {
    const h = room();
    bringIn(h, [FAC, COFAC, HCW]);
    join(h, [PAT]);
    h.refuses(HCW, { type: 'lobby.admit', memberId: PAT }, 'FORBIDDEN');
    h.act(COFAC, { type: 'self.leave' });
    h.refuses(COFAC, { type: 'lobby.admit', memberId: PAT }, 'FORBIDDEN');
  });

  it('is refused for someone unknown, not waiting, or after the end', () => {
    const h = room();
    bringIn(h, [FAC, HCW]);
    h.refuses(FAC, { type: 'lobby.admit', memberId: 'ghost' }, 'NOT_FOUND');
    h.refuses(FAC, { type: 'lobby.admit', memberId: PAT }, 'INVALID_STATE');
    h.refuses(FAC, { type: 'lobby.admit', memberId: HCW }, 'INVALID_STATE');
    join(h, [PAT]);
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(FAC, { type: 'lobby.admit', memberId: PAT }, 'INVALID_STATE');
  });
});

describe('lobby.deny', () => {
  it('turns the person away for good: no view, no media, no way back in', () => {
    const h = room();
    bringIn(h, [FAC]);
    connect(h, [PAT]);
    join(h, [PAT]);
    const d = h.act(FAC, { type: 'lobby.deny', memberId: PAT });
    expect(d.events).toEqual([{ type: 'member.denied', actorId: FAC, targetId: PAT }]);
    // Out of LiveKit through the media sync (mediaAccess is null): no effect of its own.
    expect(d.effects).toEqual([]);
    expect(h.member(PAT)).toMatchObject({ status: 'denied', waitingSince: null });
    expect(h.view(FAC).facilitator?.lobby.find((e) => e.id === PAT)?.status).toBe('denied');
    expect(h.media(PAT)).toBeNull();
    expect(() => h.view(PAT)).toThrow('has no view');
    h.refuses(PAT, { type: 'lobby.join' }, 'FORBIDDEN');
    h.rejects({ type: 'system.connect', memberId: PAT }, 'FORBIDDEN');
  });

  it('is refused to anyone but a facilitator, and for someone unknown or not waiting', () => {
    const h = meeting({ present: without(EVERYONE, PAT) });
    join(h, [PAT]);
    h.refuses(HCW, { type: 'lobby.deny', memberId: PAT }, 'FORBIDDEN');
    h.refuses(FAC, { type: 'lobby.deny', memberId: 'ghost' }, 'NOT_FOUND');
    h.refuses(FAC, { type: 'lobby.deny', memberId: HCW }, 'INVALID_STATE');
    h.act(PAT, { type: 'self.leave' });
    h.refuses(FAC, { type: 'lobby.deny', memberId: PAT }, 'INVALID_STATE');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(FAC, { type: 'lobby.deny', memberId: PAT }, 'INVALID_STATE');
  });
});

describe('lobby.lock', () => {
  it('locks and unlocks the room, and everyone sees it', () => {
    const h = meeting();
    expect(h.act(COFAC, { type: 'lobby.lock', locked: true }).events).toEqual([
      { type: 'lobby.locked', actorId: COFAC },
    ]);
    expect(h.view(PAT).locked).toBe(true);
    expect(h.act(FAC, { type: 'lobby.lock', locked: false }).events).toEqual([
      { type: 'lobby.unlocked', actorId: FAC },
    ]);
    expect(h.state.locked).toBe(false);
  });

  it('is refused to anyone but a facilitator, and after the end', () => {
    const h = meeting();
    h.refuses(ORG, { type: 'lobby.lock', locked: true }, 'FORBIDDEN');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(FAC, { type: 'lobby.lock', locked: true }, 'INVALID_STATE');
  });
});

describe('member.remove', () => {
  it('removes someone holding the floor: the floor is free, they lose view and media', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: PAT } });
    h.tick(3_000);
    const d = h.act(FAC, { type: 'member.remove', memberId: PAT });
    expect(d.events).toEqual([{ type: 'member.removed', actorId: FAC, targetId: PAT }]);
    // Out of LiveKit through the media sync (mediaAccess is null): no effect of its own.
    expect(d.effects).toEqual([]);
    expect(h.state.floor.holder).toBeNull();
    expect(h.state.timers.turn.runningSince).toBeNull();
    expect(h.member(PAT).status).toBe('removed');
    expect(h.media(PAT)).toBeNull();
    expect(() => h.view(PAT)).toThrow('has no view');
    expect(h.view(HCW).members.map((m) => m.id)).not.toContain(PAT);
    h.rejects({ type: 'system.connect', memberId: PAT }, 'FORBIDDEN');
  });

  it('takes the person out of the queue and out of a side room (closing it when empty)', () => {
    const h = meeting();
    h.act(HCW, { type: 'floor.request' });
    h.act(ORG, { type: 'floor.request' });
    h.act(FAC, { type: 'member.remove', memberId: HCW });
    expect(h.state.floor.queue.map((q) => q.memberId)).toEqual([ORG]);
    h.act(COFAC, {
      type: 'sideRoom.open',
      memberIds: [PAT],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    h.act(FAC, { type: 'member.remove', memberId: PAT });
    expect(h.state.sideRooms).toEqual([]);
    expect(h.member(COFAC).sideRoomId).toBeNull();
  });

  it('removes someone waiting in the lobby', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    join(h, [ORG]);
    h.act(FAC, { type: 'member.remove', memberId: ORG });
    expect(h.member(ORG)).toMatchObject({ status: 'removed', waitingSince: null });
  });

  it('is refused to anyone but a facilitator, for oneself, the absent, the unknown, after the end', () => {
    const h = meeting({ present: without(EVERYONE, OBS) });
    h.refuses(PAT, { type: 'member.remove', memberId: HCW }, 'FORBIDDEN');
    h.refuses(FAC, { type: 'member.remove', memberId: FAC }, 'INVALID_STATE');
    h.refuses(FAC, { type: 'member.remove', memberId: OBS }, 'INVALID_STATE');
    h.act(ORG, { type: 'self.leave' });
    h.refuses(FAC, { type: 'member.remove', memberId: ORG }, 'INVALID_STATE');
    h.refuses(FAC, { type: 'member.remove', memberId: 'ghost' }, 'NOT_FOUND');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(FAC, { type: 'member.remove', memberId: HCW }, 'INVALID_STATE');
  });
});

describe('meeting.start', () => {
  it('starts the meeting at the first phase with the meeting and phase timers running', () => {
    const h = meeting({ start: false });
    const now = h.tick();
    const d = h.act(COFAC, { type: 'meeting.start' });
    expect(d.events).toEqual([{ type: 'meeting.started', actorId: COFAC }]);
    expect(h.state).toMatchObject({ status: 'live', startedAt: now, phaseIndex: 0, pause: null });
    expect(h.state.timers.meeting).toEqual({ runningSince: now, accumulatedMs: 0 });
    expect(h.state.timers.phase).toEqual({ runningSince: now, accumulatedMs: 0 });
    expect(h.state.timers.turn).toEqual({ runningSince: null, accumulatedMs: 0 });
    expect(h.state.floor.holder).toBeNull();
  });

  it('is refused to anyone but a facilitator, and once started or ended', () => {
    const h = meeting({ start: false });
    h.refuses(PAT, { type: 'meeting.start' }, 'FORBIDDEN');
    start(h);
    h.refuses(FAC, { type: 'meeting.start' }, 'INVALID_STATE');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(FAC, { type: 'meeting.start' }, 'INVALID_STATE');
  });
});

describe('meeting.end', () => {
  it('ends for everyone: timers stop where they were, media and private content go', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'patient' } });
    h.act(HCW, { type: 'floor.request' });
    h.act(PAT, { type: 'message.toFacilitators', text: 'Thank you' });
    h.act(HCW, { type: 'pause.request', reason: null });
    h.act(COFAC, {
      type: 'sideRoom.open',
      memberIds: [ORG],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    h.tick(60_000);
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    const meetingMs = elapsedMs(h.state.timers.meeting, h.ctx.now);
    const endAt = h.tick(5_000);
    const d = h.act(FAC, { type: 'meeting.end' });
    expect(d.events).toEqual([{ type: 'meeting.ended', actorId: FAC }]);
    // The media sync closes the LiveKit rooms (nobody has mediaAccess after the end).
    expect(d.effects).toEqual([]);
    expect(h.state).toMatchObject({ status: 'ended', endedAt: endAt, pause: null, sideRooms: [] });
    expect(h.state.floor).toMatchObject({ holder: null, queue: [] });
    expect(h.state.messages).toEqual([]);
    expect(h.state.pauseRequests).toEqual([]);
    expect(elapsedMs(h.state.timers.meeting, endAt + 3_600_000)).toBe(meetingMs);
    for (const id of EVERYONE) expect(h.media(id)).toBeNull();
    expect(h.view(PAT).status).toBe('ended');
  });

  it('is refused to anyone but a facilitator, and twice', () => {
    const h = meeting();
    h.refuses(HCW, { type: 'meeting.end' }, 'FORBIDDEN');
    h.act(COFAC, { type: 'meeting.end' });
    h.refuses(FAC, { type: 'meeting.end' }, 'INVALID_STATE');
  });
});

describe('meeting.endSafely', () => {
  it('sends each story party to its own debrief room, each with a facilitator', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'hcw' } });
    h.act(PAT, { type: 'floor.request' });
    const d = h.act(FAC, { type: 'meeting.endSafely' });
    expect(d.events).toEqual([{ type: 'meeting.endedSafely', actorId: FAC }]);
    const [patientRoom, hcwRoom] = h.state.sideRooms;
    expect(h.state.sideRooms).toHaveLength(2);
    expect(patientRoom).toMatchObject({
      purpose: 'debrief',
      memberIds: [PAT, PAT_SUP],
      facilitatorIds: [FAC],
    });
    expect(hcwRoom).toMatchObject({
      purpose: 'debrief',
      memberIds: [HCW, HCW_SUP],
      facilitatorIds: [COFAC],
    });
    expect(h.state).toMatchObject({ status: 'live', endedSafely: true, pause: null });
    expect(h.state.phases[h.state.phaseIndex]?.kind).toBe('debrief');
    expect(h.state.floor).toMatchObject({ holder: null, queue: [], open: false });
    expect(h.media(PAT)?.room).toBe(patientRoom?.id);
    expect(h.media(HCW_SUP)?.room).toBe(hcwRoom?.id);
    expect(h.media(ORG)?.room).toBe('main');
    expect(h.view(ORG).privateConversation).toBe(true);
  });

  it('with one facilitator, the patient party debriefs with them and the other party gets the aftercare screen', () => {
    const h = meeting({ present: without(EVERYONE, COFAC) });
    const d = h.act(FAC, { type: 'meeting.endSafely' });
    expect(h.state.sideRooms.map((r) => [r.memberIds, r.facilitatorIds])).toEqual([
      [[PAT, PAT_SUP], [FAC]],
    ]);
    // Never a debrief room without a facilitator: the clinicians leave, to the aftercare screen.
    for (const id of [HCW, HCW_SUP]) {
      expect(h.member(id)).toMatchObject({ status: 'left', sideRoomId: null });
      expect(h.media(id)).toBeNull();
    }
    expect(d.events).toEqual([
      { type: 'member.sentToAftercare', actorId: FAC, targetId: HCW },
      { type: 'member.sentToAftercare', actorId: FAC, targetId: HCW_SUP },
      { type: 'meeting.endedSafely', actorId: FAC },
    ]);
    // They may knock again with their link, and a facilitator lets them in for their debrief.
    h.act(HCW, { type: 'lobby.join' });
    expect(h.member(HCW).status).toBe('waiting');
  });

  it('only a facilitator who is here hosts a debrief', () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: FAC });
    h.act(COFAC, { type: 'meeting.endSafely' });
    expect(h.state.sideRooms.map((r) => [r.memberIds, r.facilitatorIds])).toEqual([
      [[PAT, PAT_SUP], [COFAC]],
    ]);
    expect(h.member(HCW).status).toBe('left');
  });

  it('ends a pause, open discussion and any side room, and leaves out a party not there', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.open', open: true });
    h.act(HCW, { type: 'self.leave' });
    h.act(HCW_SUP, { type: 'self.leave' });
    h.act(FAC, { type: 'sideRoom.open', memberIds: [PAT], facilitatorIds: [], purpose: 'caucus' });
    h.act(COFAC, { type: 'pause.start', message: null, breakMinutes: 5 });
    h.act(COFAC, { type: 'meeting.endSafely' });
    expect(h.state.pause).toBeNull();
    expect(h.state.floor.open).toBe(false);
    expect(h.state.sideRooms).toHaveLength(1);
    expect(h.state.sideRooms[0]).toMatchObject({
      memberIds: [PAT, PAT_SUP],
      facilitatorIds: [FAC],
    });
  });

  it('is refused to anyone but a facilitator, before the start, with nobody to debrief', () => {
    const h = meeting({ start: false });
    h.refuses(PAT, { type: 'meeting.endSafely' }, 'FORBIDDEN');
    h.refuses(FAC, { type: 'meeting.endSafely' }, 'INVALID_STATE');
    const empty = meeting({ present: [FAC, ORG, INT] });
    empty.refuses(FAC, { type: 'meeting.endSafely' }, 'INVALID_STATE');
    empty.act(FAC, { type: 'meeting.end' });
    empty.refuses(FAC, { type: 'meeting.endSafely' }, 'INVALID_STATE');
  });
});

describe('script.update', () => {
  const script: Extract<ClientCommand, { type: 'script.update' }> = {
    type: 'script.update',
    phases: [
      { id: 'welcome', kind: 'opening', name: 'Welcome', party: 'hcw', prompt: 'Say hello' },
      { kind: 'story', name: 'Their story', party: 'hcw', prompt: '' },
      { id: 'welcome', kind: 'story', name: 'Our story', party: 'patient', prompt: '' },
    ],
    storyOrder: ['hcw', 'patient'],
    floorMode: 'protected',
    softTurnLimitSec: 300,
  };

  it('replaces the script before the start: ids given where missing or repeated', () => {
    const h = meeting({ start: false });
    const d = h.act(FAC, script);
    expect(d.events).toEqual([{ type: 'script.updated', actorId: FAC }]);
    expect(h.state.phases).toEqual([
      { id: 'welcome', kind: 'opening', name: 'Welcome', party: null, prompt: 'Say hello' },
      { id: 'id-1', kind: 'story', name: 'Their story', party: 'hcw', prompt: '' },
      { id: 'id-2', kind: 'story', name: 'Our story', party: 'patient', prompt: '' },
    ]);
    expect(h.state.storyOrder).toEqual(['hcw', 'patient']);
    expect(h.state.floor.mode).toBe('protected');
    expect(h.state.timers.softTurnLimitSec).toBe(300);
    expect(h.view(FAC).facilitator?.prompts).toEqual(['Say hello', '', '']);
    expect(h.view(PAT).phases[0]).toEqual({
      id: 'welcome',
      kind: 'opening',
      name: 'Welcome',
      party: null,
    });
  });

  it('is refused after the start, to non-facilitators, and for an unusable script', () => {
    const h = meeting({ start: false });
    h.refuses(PAT, script, 'FORBIDDEN');
    h.refuses(FAC, { ...script, storyOrder: ['patient', 'patient'] }, 'INVALID_STATE');
    h.refuses(
      FAC,
      { ...script, phases: [{ kind: 'story', name: '', party: null, prompt: '' }] },
      'INVALID_STATE',
    );
    start(h);
    h.refuses(FAC, script, 'INVALID_STATE');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(FAC, script, 'INVALID_STATE');
  });
});

describe('phase.next and phase.previous', () => {
  it('steps through the script, restarting the phase timer and handing a story phase its party', () => {
    const h = meeting();
    const meetingStart = h.state.timers.meeting.runningSince;
    const t1 = h.tick(60_000);
    expect(h.act(FAC, { type: 'phase.next' }).events).toEqual([
      { type: 'phase.changed', actorId: FAC },
    ]);
    expect(h.state.phaseIndex).toBe(1);
    expect(h.state.timers.phase).toEqual({ runningSince: t1, accumulatedMs: 0 });
    expect(h.state.timers.meeting.runningSince).toBe(meetingStart);
    const t2 = h.tick(60_000);
    h.act(COFAC, { type: 'phase.next' });
    expect(h.state.phases[h.state.phaseIndex]?.id).toBe('story-patient');
    expect(h.state.floor.holder).toEqual({ kind: 'party', party: 'patient' });
    expect(h.state.timers.turn).toEqual({ runningSince: t2, accumulatedMs: 0 });
    h.act(FAC, { type: 'phase.next' });
    expect(h.state.floor.holder).toEqual({ kind: 'party', party: 'hcw' });
    h.act(FAC, { type: 'phase.next' });
    expect(h.state.floor.holder).toBeNull();
    h.act(FAC, { type: 'phase.previous' });
    expect(h.state.phaseIndex).toBe(3);
    expect(h.view(PAT).phaseIndex).toBe(3);
  });

  it('closes open discussion on a phase change', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.open', open: true });
    h.act(FAC, { type: 'phase.next' });
    expect(h.state.floor.open).toBe(false);
  });

  it('stops at both ends of the script', () => {
    const h = meeting();
    h.refuses(FAC, { type: 'phase.previous' }, 'INVALID_STATE');
    for (let i = 1; i < h.state.phases.length; i++) h.act(FAC, { type: 'phase.next' });
    expect(h.state.phaseIndex).toBe(h.state.phases.length - 1);
    h.refuses(FAC, { type: 'phase.next' }, 'INVALID_STATE');
  });

  it('is refused to non-facilitators, before the start, and during a pause', () => {
    const h = meeting({ start: false });
    h.refuses(FAC, { type: 'phase.next' }, 'INVALID_STATE');
    start(h);
    h.refuses(HCW, { type: 'phase.next' }, 'FORBIDDEN');
    h.refuses(PAT, { type: 'phase.previous' }, 'FORBIDDEN');
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    h.refuses(FAC, { type: 'phase.next' }, 'INVALID_STATE');
  });
});

describe('apply and expectRejected (the helpers every test leans on)', () => {
  it('apply returns the next state; expectRejected checks the code and that nothing changed', () => {
    const h = meeting({ start: false });
    const live = apply(h.state, { type: 'meeting.start', actorId: FAC });
    expect(live.status).toBe('live');
    expect(h.state.status).toBe('open');
    const error = expectRejected(live, { type: 'meeting.start', actorId: FAC }, 'INVALID_STATE');
    expect(error.message).toBe('The meeting has already started.');
    expect(() => apply(live, { type: 'meeting.start', actorId: FAC })).toThrow(/INVALID_STATE/);
    expect(() =>
      expectRejected(live, { type: 'meeting.end', actorId: FAC }, 'INVALID_STATE'),
    ).toThrow();
  });
});
