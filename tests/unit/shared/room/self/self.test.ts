// A person's own commands (PAR-3, PAR-5, PAR-8): step out and back, leave safely (and come back),
// text the facilitators; and the facilitators' alerts.
import { describe, expect, it } from 'vitest';
import { STATE_CAPS } from '../../../../../shared/room/decide';
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
  ORG,
  INT,
  OBS,
} from '../helpers';

describe('self.stepOut and self.stepBack', () => {
  it('marks the person stepped out for everyone and tells the facilitators, then back', () => {
    const h = meeting();
    const now = h.tick();
    const d = h.act(HCW, { type: 'self.stepOut' });
    expect(d.events).toEqual([{ type: 'member.steppedOut', actorId: HCW }]);
    expect(h.view(PAT).members.find((m) => m.id === HCW)?.steppedOut).toBe(true);
    expect(h.view(HCW).me.steppedOut).toBe(true);
    expect(h.view(FAC).facilitator?.alerts).toEqual([
      { id: 'id-1', kind: 'stepped-out', at: now, memberId: HCW, party: 'hcw' },
    ]);
    expect(h.act(HCW, { type: 'self.stepBack' }).events).toEqual([
      { type: 'member.steppedBack', actorId: HCW },
    ]);
    expect(h.member(HCW).steppedOut).toBe(false);
    expect(h.state.alerts).toHaveLength(1);
  });

  it('is refused twice in a row, from the lobby and after the end', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    h.refuses(PAT, { type: 'self.stepBack' }, 'INVALID_STATE');
    h.act(PAT, { type: 'self.stepOut' });
    h.refuses(PAT, { type: 'self.stepOut' }, 'INVALID_STATE');
    join(h, [ORG]);
    h.refuses(ORG, { type: 'self.stepOut' }, 'FORBIDDEN');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(PAT, { type: 'self.stepBack' }, 'INVALID_STATE');
  });
});

describe('self.leave', () => {
  it('leaves safely: out of the floor, queue and side room; facilitators told; the meeting goes on', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: PAT } });
    h.act(PAT_SUP, { type: 'self.stepOut' });
    const now = h.tick();
    const d = h.act(PAT, { type: 'self.leave' });
    expect(d.events).toEqual([{ type: 'member.left', actorId: PAT }]);
    // Out of LiveKit through the media sync (mediaAccess is null): no effect of its own.
    expect(d.effects).toEqual([]);
    expect(h.member(PAT)).toMatchObject({ status: 'left', sideRoomId: null, steppedOut: false });
    expect(h.state.floor.holder).toBeNull();
    expect(h.state.status).toBe('live');
    expect(h.state.alerts.at(-1)).toEqual({
      id: expect.any(String),
      kind: 'left-safely',
      at: now,
      memberId: PAT,
      party: 'patient',
    });
    expect(h.media(PAT)).toBeNull();
    const own = h.view(PAT);
    expect(own.me.status).toBe('left');
    expect(own.members.map((m) => m.id)).toEqual([PAT]);
    expect(h.view(HCW).members.map((m) => m.id)).not.toContain(PAT);
  });

  it('lets the same person knock again and be admitted again', () => {
    const h = meeting();
    h.act(HCW, { type: 'self.leave' });
    h.act(HCW, { type: 'lobby.join' });
    expect(h.member(HCW).status).toBe('waiting');
    h.act(COFAC, { type: 'lobby.admit', memberId: HCW });
    expect(h.media(HCW)?.room).toBe('main');
  });

  it('takes the person out of the queue and out of a side room', () => {
    const h = meeting();
    h.act(ORG, { type: 'floor.request' });
    h.act(ORG, { type: 'self.leave' });
    expect(h.state.floor.queue).toEqual([]);
    h.act(FAC, {
      type: 'sideRoom.open',
      memberIds: [PAT, PAT_SUP],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    h.act(PAT_SUP, { type: 'self.leave' });
    expect(h.state.sideRooms[0]?.memberIds).toEqual([PAT]);
  });

  it('leaving the lobby alerts nobody; a facilitator may leave too', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    join(h, [ORG]);
    const alerts = h.state.alerts.length;
    h.act(ORG, { type: 'self.leave' });
    expect(h.state.alerts).toHaveLength(alerts);
    h.act(COFAC, { type: 'self.leave' });
    expect(h.member(COFAC).status).toBe('left');
  });

  it('is refused to someone not in the meeting', () => {
    const h = meeting({ present: without(EVERYONE, OBS) });
    h.refuses(OBS, { type: 'self.leave' }, 'INVALID_STATE');
    h.act(PAT, { type: 'self.leave' });
    h.refuses(PAT, { type: 'self.leave' }, 'INVALID_STATE');
  });
});

describe('message.toFacilitators', () => {
  it('is seen by the facilitators only; the event carries no text', () => {
    const h = meeting();
    const now = h.tick();
    const d = h.act(HCW, { type: 'message.toFacilitators', text: 'Please read this out for me' });
    expect(d.events).toEqual([{ type: 'message.sent', actorId: HCW }]);
    const message = { id: 'id-1', memberId: HCW, at: now, text: 'Please read this out for me' };
    expect(h.view(FAC).facilitator?.messages).toEqual([message]);
    expect(h.view(COFAC).facilitator?.messages).toEqual([message]);
    for (const id of without(EVERYONE, FAC, COFAC)) {
      expect(JSON.stringify(h.view(id))).not.toContain('read this out');
    }
  });

  it('may come from the lobby, from an interpreter and from a facilitator', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    join(h, [ORG]);
    for (const id of [ORG, INT, COFAC]) h.act(id, { type: 'message.toFacilitators', text: 'hi' });
    expect(h.state.messages.map((m) => m.memberId)).toEqual([ORG, INT, COFAC]);
  });

  it(`keeps the latest ${STATE_CAPS.messages}`, () => {
    const h = meeting();
    for (let i = 0; i < STATE_CAPS.messages + 3; i++) {
      h.act(PAT, { type: 'message.toFacilitators', text: `m${i}` });
    }
    expect(h.state.messages).toHaveLength(STATE_CAPS.messages);
    expect(h.state.messages[0]?.text).toBe('m3');
  });

  it('is refused to observers, to the absent and after the end', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    h.refuses(OBS, { type: 'message.toFacilitators', text: 'hi' }, 'FORBIDDEN');
    h.refuses(ORG, { type: 'message.toFacilitators', text: 'hi' }, 'FORBIDDEN');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(PAT, { type: 'message.toFacilitators', text: 'hi' }, 'INVALID_STATE');
  });
});

describe('alert.dismiss', () => {
  it('removes an alert for the facilitators; only they can; unknown ids are not found', () => {
    const h = meeting();
    h.act(PAT, { type: 'self.stepOut' });
    h.act(HCW, { type: 'self.stepOut' });
    const [first] = h.state.alerts;
    h.refuses(PAT, { type: 'alert.dismiss', alertId: first!.id }, 'FORBIDDEN');
    const d = h.act(COFAC, { type: 'alert.dismiss', alertId: first!.id });
    expect(d.events).toEqual([{ type: 'alert.dismissed', actorId: COFAC }]);
    expect(h.state.alerts.map((a) => a.memberId)).toEqual([HCW]);
    h.refuses(FAC, { type: 'alert.dismiss', alertId: first!.id }, 'NOT_FOUND');
  });

  it(`keeps the latest ${STATE_CAPS.alerts} alerts`, () => {
    const h = meeting();
    for (let i = 0; i < STATE_CAPS.alerts / 2 + 2; i++) {
      h.act(PAT, { type: 'self.stepOut' });
      h.act(PAT, { type: 'self.stepBack' });
      h.act(HCW, { type: 'self.stepOut' });
      h.act(HCW, { type: 'self.stepBack' });
    }
    expect(h.state.alerts).toHaveLength(STATE_CAPS.alerts);
    expect(h.state.alerts[0]?.id).toBe('id-5');
  });
});
