// Side rooms (FAC-2, FAC-6): a private conversation between facilitators and one person or one
// party; the private check-in with someone still in the lobby; the neutral notice for the others.
import { describe, expect, it } from 'vitest';
import type { ClientCommand } from '../../../../../shared/protocol/commands';
import {
  EVERYONE,
  join,
  meeting,
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

const open = (
  memberIds: string[],
  purpose: 'checkin' | 'caucus' = 'caucus',
  facilitatorIds: string[] = [],
): ClientCommand => ({ type: 'sideRoom.open', memberIds, facilitatorIds, purpose });

describe('sideRoom.open', () => {
  it('takes one person and the facilitator who opened it into their own room', () => {
    const h = meeting();
    h.act(PAT, { type: 'floor.request' });
    const now = h.tick();
    const d = h.act(COFAC, open([PAT]));
    expect(d.events).toEqual([{ type: 'sideRoom.opened', actorId: COFAC }]);
    expect(h.state.sideRooms).toEqual([
      { id: 'id-1', purpose: 'caucus', memberIds: [PAT], facilitatorIds: [COFAC], openedAt: now },
    ]);
    expect(h.member(PAT).sideRoomId).toBe('id-1');
    expect(h.member(COFAC).sideRoomId).toBe('id-1');
    expect(h.state.floor.queue).toEqual([]);
    expect(h.media(PAT)).toEqual({ room: 'id-1', canPublishAudio: true, canPublishVideo: true });
    expect(h.media(COFAC)?.room).toBe('id-1');
    expect(h.view(PAT).me.sideRoom).toEqual({
      id: 'id-1',
      purpose: 'caucus',
      facilitatorNames: ['Person cofac'],
    });
  });

  it('shows everyone else a neutral notice and nothing about who is away with whom', () => {
    const h = meeting();
    h.act(FAC, open([HCW, HCW_SUP]));
    const view = h.view(PAT);
    expect(view.privateConversation).toBe(true);
    expect(view.members.filter((m) => m.away).map((m) => m.id)).toEqual([FAC, HCW, HCW_SUP]);
    expect(view.facilitator).toBeNull();
    expect(h.view(HCW).privateConversation).toBe(false);
    expect(h.view(HCW).members.filter((m) => m.away)).toEqual([]);
    expect(h.view(COFAC).privateConversation).toBe(false);
    expect(h.view(COFAC).facilitator?.sideRooms).toHaveLength(1);
  });

  it('takes a whole party, with an interpreter, and the facilitators asked for', () => {
    const h = meeting();
    h.act(FAC, open([PAT, PAT_SUP, INT], 'caucus', [COFAC, FAC]));
    expect(h.state.sideRooms[0]).toMatchObject({
      memberIds: [PAT, PAT_SUP, INT],
      facilitatorIds: [COFAC, FAC],
    });
  });

  it('holds a private check-in with someone still waiting: that room only, never the main room', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    join(h, [ORG]);
    expect(h.media(ORG)).toBeNull();
    h.act(COFAC, open([ORG], 'checkin'));
    const roomId = h.state.sideRooms[0]!.id;
    expect(h.member(ORG).status).toBe('waiting');
    expect(h.media(ORG)).toEqual({ room: roomId, canPublishAudio: true, canPublishVideo: true });
    expect(h.view(ORG).members.map((m) => m.id)).toEqual([COFAC, ORG]);
    expect(h.view(ORG).floor).toEqual({ mode: 'gentle', holder: null, open: false, queue: [] });
    h.act(COFAC, { type: 'sideRoom.close', sideRoomId: roomId });
    expect(h.member(ORG)).toMatchObject({ status: 'waiting', sideRoomId: null });
    expect(h.media(ORG)).toBeNull();
    expect(h.view(ORG).members.map((m) => m.id)).toEqual([ORG]);
  });

  it('ends a check-in by admission (into the main room) or by denial (no media at all)', () => {
    const h = meeting({ present: without(EVERYONE, ORG, OBS) });
    join(h, [ORG, OBS]);
    h.act(FAC, open([ORG], 'checkin'));
    h.act(COFAC, open([OBS], 'checkin'));
    h.act(FAC, { type: 'lobby.admit', memberId: ORG });
    expect(h.media(ORG)?.room).toBe('main');
    expect(h.member(FAC).sideRoomId).toBeNull();
    h.act(COFAC, { type: 'lobby.deny', memberId: OBS });
    expect(h.media(OBS)).toBeNull();
    expect(h.state.sideRooms).toEqual([]);
    expect(h.member(COFAC).sideRoomId).toBeNull();
  });

  it('checks in before the meeting starts', () => {
    const h = meeting({ start: false, present: without(EVERYONE, PAT) });
    join(h, [PAT]);
    h.act(FAC, open([PAT], 'checkin'));
    expect(h.media(PAT)?.room).toBe(h.state.sideRooms[0]!.id);
  });

  it.each([
    ['both story parties', [PAT, HCW], 'INVALID_STATE'],
    ['a patient with the organisation representative (regression)', [PAT, ORG], 'INVALID_STATE'],
    ['an hcw with an observer (regression)', [HCW, OBS], 'INVALID_STATE'],
    ['a facilitator listed as a member', [COFAC], 'INVALID_STATE'],
    ['someone who never arrived', ['never'], 'NOT_FOUND'],
  ] as const)('refuses %s', (_what, memberIds, code) => {
    const h = meeting();
    h.refuses(FAC, open([...memberIds]), code);
  });

  it('refuses someone already in a side room, or not admitted for a caucus', () => {
    const h = meeting({ present: without(EVERYONE, OBS) });
    h.act(COFAC, open([PAT]));
    h.refuses(FAC, open([PAT]), 'INVALID_STATE');
    h.refuses(FAC, open([OBS], 'checkin'), 'INVALID_STATE');
    join(h, [OBS]);
    h.refuses(FAC, open([OBS]), 'INVALID_STATE');
  });

  it('refuses hosts who are not admitted facilitators or already in a side room', () => {
    const h = meeting();
    h.refuses(FAC, open([PAT], 'caucus', [HCW]), 'INVALID_STATE');
    h.refuses(FAC, open([PAT], 'caucus', ['nobody']), 'NOT_FOUND');
    h.act(COFAC, open([HCW]));
    h.refuses(COFAC, open([PAT]), 'INVALID_STATE');
    h.refuses(FAC, open([PAT], 'caucus', [COFAC]), 'INVALID_STATE');
  });

  it('refuses participants, a caucus before the start, and anything after the end', () => {
    const h = meeting({ start: false });
    h.refuses(PAT, open([PAT]), 'FORBIDDEN');
    h.refuses(FAC, open([PAT]), 'INVALID_STATE');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(FAC, open([PAT], 'checkin'), 'INVALID_STATE');
  });
});

describe('sideRoom.close', () => {
  it('brings everyone in it back to the main room', () => {
    const h = meeting();
    h.act(FAC, open([HCW, HCW_SUP]));
    const id = h.state.sideRooms[0]!.id;
    expect(h.act(COFAC, { type: 'sideRoom.close', sideRoomId: id }).events).toEqual([
      { type: 'sideRoom.closed', actorId: COFAC },
    ]);
    expect(h.state.sideRooms).toEqual([]);
    for (const m of [FAC, HCW, HCW_SUP]) expect(h.media(m)?.room).toBe('main');
    expect(h.view(PAT).privateConversation).toBe(false);
  });

  it('closes by itself when the last person leaves it', () => {
    const h = meeting();
    h.act(FAC, open([ORG]));
    h.act(ORG, { type: 'self.leave' });
    expect(h.state.sideRooms).toEqual([]);
    expect(h.member(FAC).sideRoomId).toBeNull();
  });

  it('is refused to participants and for a room that is not open', () => {
    const h = meeting();
    h.act(FAC, open([ORG]));
    const id = h.state.sideRooms[0]!.id;
    h.refuses(ORG, { type: 'sideRoom.close', sideRoomId: id }, 'FORBIDDEN');
    h.refuses(FAC, { type: 'sideRoom.close', sideRoomId: 'nope' }, 'NOT_FOUND');
  });
});

// Issue 12 (finding 8): a side room is never without a facilitator, whoever is in it.
describe('a side room without its facilitator', () => {
  it('closes when its last facilitator drops: the interpreter and the patient come back to the main room', () => {
    const h = meeting();
    h.act(COFAC, open([PAT, INT]));
    expect(h.state.sideRooms[0]?.memberIds).toEqual([PAT, INT]);
    const d = h.system({ type: 'system.disconnect', memberId: COFAC });
    expect(d.events).toContainEqual({ type: 'sideRoom.closed', actorId: null });
    expect(h.state.sideRooms).toEqual([]);
    for (const id of [PAT, INT, COFAC]) expect(h.member(id).sideRoomId).toBeNull();
    expect(h.media(INT)?.room).toBe('main');
    // The lead is in the main room: the meeting goes on.
    expect(h.state.pause).toBeNull();
  });

  it.each([
    ['leaves', (h: ReturnType<typeof meeting>) => h.act(COFAC, { type: 'self.leave' })],
    [
      'is removed',
      (h: ReturnType<typeof meeting>) => h.act(FAC, { type: 'member.remove', memberId: COFAC }),
    ],
    [
      'is taken off the case',
      (h: ReturnType<typeof meeting>) =>
        h.system({ type: 'system.removeFacilitator', memberId: COFAC }),
    ],
  ] as const)('closes when its last facilitator %s', (_what, act) => {
    const h = meeting();
    h.act(COFAC, open([HCW, HCW_SUP]));
    act(h);
    expect(h.state.sideRooms).toEqual([]);
    expect(h.member(HCW).sideRoomId).toBeNull();
  });

  it('stays open while another facilitator is in it, and closes after the last', () => {
    const h = meeting({ present: without(EVERYONE, OBS) });
    h.act(FAC, open([ORG], 'caucus', [FAC, COFAC]));
    h.system({ type: 'system.disconnect', memberId: FAC });
    expect(h.state.sideRooms).toHaveLength(1);
    h.system({ type: 'system.disconnect', memberId: COFAC });
    expect(h.state.sideRooms).toEqual([]);
  });

  it('brings people back to a main room with no facilitator: the room pauses itself', () => {
    const h = meeting({ present: without(EVERYONE, COFAC) });
    h.act(FAC, open([HCW]));
    // HCW is away with the only facilitator; the patient party and HCW_SUP stay in the main room,
    // which pauses (both parties, nobody facilitating).
    h.system({ type: 'system.disconnect', memberId: FAC });
    expect(h.state.sideRooms).toEqual([]);
    expect(h.member(HCW).sideRoomId).toBeNull();
    expect(h.state.pause?.cause).toBe('no-facilitator');
  });

  it('ends a check-in when its facilitator drops: the person waits in the lobby again', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    join(h, [ORG]);
    h.act(COFAC, open([ORG], 'checkin'));
    h.system({ type: 'system.disconnect', memberId: COFAC });
    expect(h.member(ORG)).toMatchObject({ status: 'waiting', sideRoomId: null });
    expect(h.media(ORG)).toBeNull();
  });

  it('is never opened with a host who is not connected', () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: COFAC });
    h.refuses(FAC, open([PAT], 'caucus', [COFAC]), 'INVALID_STATE');
    expect(h.state.sideRooms).toEqual([]);
  });
});
