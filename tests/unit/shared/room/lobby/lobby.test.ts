// The lobby: knocking, admission and denial, the lock, and removing someone.
import { describe, expect, it } from 'vitest';
import {
  bringIn,
  connect,
  EVERYONE,
  type Harness,
  join,
  meeting,
  room,
  without,
  FAC,
  COFAC,
  PAT,
  HCW,
  ORG,
  OBS,
} from '../helpers';

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
