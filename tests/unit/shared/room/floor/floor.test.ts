// The talking piece (FAC-4): give, the request queue in server receive order, reclaim, open
// discussion and the floor mode. Pass and "I'm done": pass.test.ts.
import { describe, expect, it } from 'vitest';
import type { FloorHolder } from '../../../../../shared/room/state';
import {
  EVERYONE,
  meeting,
  without,
  type Harness,
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

const give = (h: Harness, holder: FloorHolder, by: string = FAC) =>
  h.act(by, { type: 'floor.give', holder });
const person = (memberId: string): FloorHolder => ({ kind: 'person', memberId });
const party = (p: 'patient' | 'hcw' | 'other'): FloorHolder => ({ kind: 'party', party: p });

describe('floor.give', () => {
  it('gives the floor to a party or a person, restarting the turn timer and closing open discussion', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.open', open: true });
    h.act(PAT, { type: 'floor.request' });
    h.act(PAT_SUP, { type: 'floor.request' });
    h.act(HCW, { type: 'floor.request' });
    const now = h.tick(2_000);
    const d = give(h, party('patient'));
    expect(d.events).toEqual([{ type: 'floor.given', actorId: FAC, party: 'patient' }]);
    expect(h.state.floor).toMatchObject({ holder: party('patient'), open: false });
    expect(h.state.floor.queue.map((q) => q.memberId)).toEqual([HCW]);
    expect(h.state.timers.turn).toEqual({ runningSince: now, accumulatedMs: 0 });
    expect(give(h, person(HCW), COFAC).events).toEqual([
      { type: 'floor.given', actorId: COFAC, targetId: HCW },
    ]);
    expect(h.state.floor.queue).toEqual([]);
    expect(
      h
        .view(ORG)
        .members.filter((m) => m.hasFloor)
        .map((m) => m.id),
    ).toEqual([HCW]);
  });

  it.each([
    ['from a participant', PAT, party('patient'), 'FORBIDDEN'],
    ['from an interpreter', INT, party('patient'), 'FORBIDDEN'],
    ['to someone unknown', FAC, person('ghost'), 'NOT_FOUND'],
    ['to someone not admitted', FAC, person(OBS), 'INVALID_STATE'],
    ['to an interpreter', FAC, person(INT), 'INVALID_STATE'],
    ['to a facilitator', FAC, person(COFAC), 'INVALID_STATE'],
    [
      'to the facilitators',
      FAC,
      { kind: 'party', party: 'facilitation' } as FloorHolder,
      'INVALID_STATE',
    ],
    ['to a party with nobody here', FAC, party('hcw'), 'INVALID_STATE'],
  ] as const)('is refused %s (%s)', (_what, actor, holder, code) => {
    const h = meeting({ present: without(EVERYONE, OBS, HCW, HCW_SUP) });
    h.refuses(actor, { type: 'floor.give', holder }, code);
  });

  it('is refused before the start and during a pause', () => {
    const h = meeting({ start: false });
    h.refuses(FAC, { type: 'floor.give', holder: party('patient') }, 'INVALID_STATE');
    h.act(FAC, { type: 'meeting.start' });
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    h.refuses(FAC, { type: 'floor.give', holder: party('patient') }, 'INVALID_STATE');
  });
});

describe('floor.request and floor.withdraw', () => {
  it('queues requests in the order the server received them, and each person sees their place', () => {
    const h = meeting();
    const t1 = h.tick(10);
    h.act(HCW, { type: 'floor.request' });
    const t2 = h.tick(10);
    h.act(PAT, { type: 'floor.request' });
    const t3 = h.tick(10);
    expect(h.act(ORG, { type: 'floor.request' }).events).toEqual([
      { type: 'floor.requested', actorId: ORG },
    ]);
    expect(h.state.floor.queue).toEqual([
      { memberId: HCW, at: t1 },
      { memberId: PAT, at: t2 },
      { memberId: ORG, at: t3 },
    ]);
    expect([HCW, PAT, ORG, PAT_SUP].map((id) => h.view(id).me.queuePosition)).toEqual([
      1,
      2,
      3,
      null,
    ]);
    expect(h.act(PAT, { type: 'floor.withdraw' }).events).toEqual([
      { type: 'floor.withdrawn', actorId: PAT },
    ]);
    expect(h.state.floor.queue.map((q) => q.memberId)).toEqual([HCW, ORG]);
    expect(h.view(ORG).me.queuePosition).toBe(2);
  });

  it('refuses a second request, a request by the holder, and withdrawing without a request', () => {
    const h = meeting();
    h.act(HCW, { type: 'floor.request' });
    h.refuses(HCW, { type: 'floor.request' }, 'INVALID_STATE');
    give(h, person(PAT));
    h.refuses(PAT, { type: 'floor.request' }, 'INVALID_STATE');
    h.refuses(ORG, { type: 'floor.withdraw' }, 'INVALID_STATE');
  });

  it.each([FAC, COFAC, INT, OBS])('refuses %s: that role does not take the floor', (id) => {
    const h = meeting();
    h.refuses(id, { type: 'floor.request' }, 'FORBIDDEN');
    h.refuses(id, { type: 'floor.withdraw' }, 'FORBIDDEN');
  });

  it('refuses both before the start, during a pause, and from the lobby', () => {
    const h = meeting({ start: false, present: without(EVERYONE, ORG) });
    h.refuses(PAT, { type: 'floor.request' }, 'INVALID_STATE');
    h.act(ORG, { type: 'lobby.join' });
    h.refuses(ORG, { type: 'floor.request' }, 'FORBIDDEN');
    h.refuses(ORG, { type: 'floor.withdraw' }, 'FORBIDDEN');
    h.act(FAC, { type: 'meeting.start' });
    h.act(PAT, { type: 'floor.request' });
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    h.refuses(HCW, { type: 'floor.request' }, 'INVALID_STATE');
    h.refuses(PAT, { type: 'floor.withdraw' }, 'INVALID_STATE');
  });
});

describe('floor.reclaim', () => {
  it('takes the floor back from whoever holds it', () => {
    const h = meeting();
    give(h, party('hcw'));
    expect(h.act(COFAC, { type: 'floor.reclaim' }).events).toEqual([
      { type: 'floor.reclaimed', actorId: COFAC },
    ]);
    expect(h.state.floor.holder).toBeNull();
    expect(h.state.timers.turn.runningSince).toBeNull();
  });

  it('is refused to participants, before the start and during a pause', () => {
    const h = meeting({ start: false });
    h.refuses(FAC, { type: 'floor.reclaim' }, 'INVALID_STATE');
    h.act(FAC, { type: 'meeting.start' });
    give(h, party('hcw'));
    h.refuses(HCW, { type: 'floor.reclaim' }, 'FORBIDDEN');
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    h.refuses(FAC, { type: 'floor.reclaim' }, 'INVALID_STATE');
  });
});

describe('floor.open', () => {
  it('opens discussion for everyone (nobody holds the floor) and closes it again', () => {
    const h = meeting({ floorMode: 'protected' });
    give(h, party('patient'));
    expect(h.act(FAC, { type: 'floor.open', open: true }).events).toEqual([
      { type: 'floor.opened', actorId: FAC },
    ]);
    expect(h.state.floor).toMatchObject({ open: true, holder: null });
    expect(h.view(HCW).floor.open).toBe(true);
    expect(h.act(FAC, { type: 'floor.open', open: false }).events).toEqual([
      { type: 'floor.closed', actorId: FAC },
    ]);
    expect(h.state.floor.open).toBe(false);
  });

  it('is refused to participants, before the start and during a pause', () => {
    const h = meeting({ start: false });
    h.refuses(FAC, { type: 'floor.open', open: true }, 'INVALID_STATE');
    h.act(FAC, { type: 'meeting.start' });
    h.refuses(ORG, { type: 'floor.open', open: true }, 'FORBIDDEN');
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    h.refuses(FAC, { type: 'floor.open', open: true }, 'INVALID_STATE');
  });
});

describe('floor.setMode', () => {
  it('switches between gentle and protected, before or during the meeting', () => {
    const h = meeting({ start: false });
    expect(h.act(FAC, { type: 'floor.setMode', mode: 'protected' }).events).toEqual([
      { type: 'floor.modeChanged', actorId: FAC },
    ]);
    h.act(FAC, { type: 'meeting.start' });
    h.act(COFAC, { type: 'floor.setMode', mode: 'gentle' });
    expect(h.state.floor.mode).toBe('gentle');
  });

  it('is refused to participants and after the end', () => {
    const h = meeting();
    h.refuses(PAT, { type: 'floor.setMode', mode: 'protected' }, 'FORBIDDEN');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(FAC, { type: 'floor.setMode', mode: 'protected' }, 'INVALID_STATE');
  });
});
