// Membership you can trust (issue 12): nobody removes the lead, who hands a case over instead; a
// co-facilitator account taken off a case leaves its meetings; people not yet let in may knock,
// ask for a pause (once) and send one short message a minute, and nothing else; stepping out
// takes away publish rights at the SFU, not only in the person's own browser.
import { describe, expect, it } from 'vitest';
import type { ClientCommand } from '../../../../../shared/protocol/commands';
import { WAITING_LIMITS } from '../../../../../shared/room/policies';
import {
  EVERYONE,
  ID,
  connect,
  join,
  meeting,
  room,
  without,
  FAC,
  COFAC,
  PAT,
  PAT_SUP,
  HCW,
  ORG,
} from '../helpers';

describe('the lead facilitator', () => {
  it('cannot be removed, by a co-facilitator or anyone', () => {
    const h = meeting();
    const e = h.refuses(COFAC, { type: 'member.remove', memberId: FAC }, 'FORBIDDEN');
    expect(e.message).toBe('Nobody can remove the lead facilitator.');
    expect(h.member(FAC).status).toBe('admitted');
    h.refuses(PAT, { type: 'member.remove', memberId: FAC }, 'FORBIDDEN');
    h.rejects({ type: 'system.removeFacilitator', memberId: FAC }, 'FORBIDDEN');
  });

  it('a co-facilitator can still be removed by the lead', () => {
    const h = meeting();
    h.act(FAC, { type: 'member.remove', memberId: COFAC });
    expect(h.member(COFAC).status).toBe('removed');
  });

  it('hands the case over: the two swap roles and the new lead cannot be removed', () => {
    const h = meeting();
    const d = h.system({ type: 'system.handOver', fromId: FAC, toId: COFAC });
    expect(d.events).toEqual([{ type: 'case.handedOver', actorId: null, targetId: COFAC }]);
    expect(h.member(FAC)).toMatchObject({ role: 'cofacilitator', status: 'admitted' });
    expect(h.member(COFAC)).toMatchObject({ role: 'facilitator', status: 'admitted' });
    h.refuses(FAC, { type: 'member.remove', memberId: COFAC }, 'FORBIDDEN');
    h.act(COFAC, { type: 'member.remove', memberId: FAC });
    expect(h.member(FAC).status).toBe('removed');
  });

  it('hands over to a facilitator added to the meeting first, who then signs in as the lead', () => {
    const h = meeting();
    h.system({
      type: 'system.addMember',
      member: { id: 'fac2', name: 'New lead', role: 'cofacilitator', party: 'facilitation' },
    });
    h.system({ type: 'system.handOver', fromId: FAC, toId: 'fac2' });
    connect(h, ['fac2']);
    expect(h.member('fac2')).toMatchObject({ role: 'facilitator', status: 'admitted' });
  });

  it.each([
    ['from someone who is not the lead', { fromId: COFAC, toId: FAC }, 'INVALID_STATE'],
    ['to a participant', { fromId: FAC, toId: PAT }, 'INVALID_STATE'],
    ['to the lead themselves', { fromId: FAC, toId: FAC }, 'INVALID_STATE'],
    ['to someone unknown', { fromId: FAC, toId: 'nobody' }, 'NOT_FOUND'],
  ] as const)('refuses a hand-over %s', (_what, ids, code) => {
    const h = meeting();
    h.rejects({ type: 'system.handOver', ...ids }, code);
  });

  it('is never added twice: a second lead comes only by hand-over', () => {
    const h = meeting();
    h.rejects(
      {
        type: 'system.addMember',
        member: { id: 'x', name: 'X', role: 'facilitator', party: 'facilitation' },
      },
      'INVALID_STATE',
    );
  });
});

describe('system.removeFacilitator', () => {
  it('takes a co-facilitator account out of the meeting, out of any side room', () => {
    const h = meeting();
    h.act(COFAC, {
      type: 'sideRoom.open',
      memberIds: [PAT],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    const d = h.system({ type: 'system.removeFacilitator', memberId: COFAC });
    expect(d.events).toContainEqual({ type: 'member.removed', actorId: null, targetId: COFAC });
    expect(h.member(COFAC)).toMatchObject({ status: 'removed', sideRoomId: null });
    expect(h.state.sideRooms).toEqual([]);
    expect(h.media(COFAC)).toBeNull();
    h.rejects({ type: 'system.connect', memberId: COFAC }, 'FORBIDDEN');
    h.rejects({ type: 'system.removeFacilitator', memberId: COFAC }, 'INVALID_STATE');
    h.rejects({ type: 'system.removeFacilitator', memberId: PAT }, 'INVALID_STATE');
  });

  it('lets a co-facilitator assigned to the case again come back in', () => {
    const h = meeting();
    h.system({ type: 'system.removeFacilitator', memberId: COFAC });
    h.system({
      type: 'system.addMember',
      member: { id: COFAC, name: 'Again', role: 'cofacilitator', party: 'facilitation' },
    });
    expect(h.member(COFAC).status).toBe('invited');
    connect(h, [COFAC]);
    expect(h.member(COFAC).status).toBe('admitted');
  });
});

describe('people not yet let in', () => {
  const msg = (text = 'I am here') => ({ type: 'message.toFacilitators', text }) as const;

  it('may send one short message a minute while waiting', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    join(h, [ORG]);
    h.act(ORG, msg());
    h.tick(30_000);
    const e = h.refuses(ORG, msg('again'), 'RATE_LIMITED');
    expect(e.message).toMatch(/one message a minute/);
    h.tick(30_000);
    h.act(ORG, msg('again'));
    expect(h.state.messages.filter((m) => m.memberId === ORG)).toHaveLength(2);
  });

  it('keeps a message from the lobby short; admitted people are not limited so', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    join(h, [ORG]);
    const long = 'a'.repeat(WAITING_LIMITS.messageChars + 1);
    h.refuses(ORG, msg(long), 'INVALID_STATE');
    h.act(ORG, msg('a'.repeat(WAITING_LIMITS.messageChars)));
    h.act(PAT, msg(long));
    h.act(PAT, msg(long));
  });

  it('may ask for a pause once while a request is open', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    join(h, [ORG]);
    h.act(ORG, { type: 'pause.request', reason: null });
    h.refuses(ORG, { type: 'pause.request', reason: 'again' }, 'RATE_LIMITED');
    h.act(FAC, { type: 'pause.dismissRequest', requestId: h.state.pauseRequests[0]!.id });
    h.act(ORG, { type: 'pause.request', reason: null });
  });

  const others: ClientCommand[] = [
    { type: 'floor.request' },
    { type: 'floor.withdraw' },
    { type: 'self.stepOut' },
    { type: 'lobby.admit', memberId: ID.org_rep },
    { type: 'lobby.lock', locked: true },
    { type: 'meeting.end' },
    { type: 'member.mute', memberId: PAT },
    { type: 'board.reorder', itemIds: [] },
  ];

  it.each(others.map((c) => [c.type, c] as const))(
    'refuses anything else from the lobby: %s',
    (_type, command) => {
      const h = meeting({ present: without(EVERYONE, ORG) });
      join(h, [ORG]);
      const e = h.refuses(ORG, command, 'FORBIDDEN');
      expect(e.message).toBe('You can do this once the facilitator lets you in.');
    },
  );

  it('an invited person (connected, not knocked) may knock and nothing else', () => {
    const h = room();
    connect(h, [FAC, PAT]);
    h.refuses(PAT, msg(), 'FORBIDDEN');
    h.refuses(PAT, { type: 'pause.request', reason: null }, 'FORBIDDEN');
    h.refuses(PAT, { type: 'floor.request' }, 'FORBIDDEN');
    h.act(PAT, { type: 'lobby.join' });
    h.act(PAT, { type: 'self.leave' });
  });
});

describe('stepping out', () => {
  it('takes away publish rights at the SFU, camera and microphone, in any room', () => {
    const h = meeting();
    h.act(PAT, { type: 'self.stepOut' });
    expect(h.media(PAT)).toEqual({ room: 'main', canPublishAudio: false, canPublishVideo: false });
    h.act(PAT, { type: 'self.stepBack' });
    expect(h.media(PAT)).toEqual({ room: 'main', canPublishAudio: true, canPublishVideo: true });
    h.act(FAC, { type: 'sideRoom.open', memberIds: [HCW], facilitatorIds: [], purpose: 'caucus' });
    h.act(HCW, { type: 'self.stepOut' });
    expect(h.media(HCW)).toMatchObject({ canPublishAudio: false, canPublishVideo: false });
    expect(h.media(PAT_SUP)?.canPublishAudio).toBe(true);
  });
});
