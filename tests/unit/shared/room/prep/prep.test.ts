// Issue 15 in the room: the gate on a joint meeting's start, the members a meeting has, a consent
// withdrawn, and the kinds of meeting with their own default scripts.
import { describe, expect, it } from 'vitest';
import type { GateItem } from '../../../../../shared/room/prep/gate';
import { phasesFor } from '../../../../../shared/room/prep/phases';
import { decide } from '../../../../../shared/room/decide';
import { meeting, room, bringIn, FAC, COFAC, PAT, HCW, OBS, PAT_SUP, cast } from '../helpers';

const readiness = (party: 'patient' | 'hcw' | 'other'): GateItem => ({
  code: 'readiness',
  party,
  decision: null,
});
const consent = (personId: string, reason: 'missing' | 'outdated' | 'withdrawn'): GateItem => ({
  code: 'consent',
  personId,
  reason,
});

describe('the gate on meeting.start (NOT-9)', () => {
  const each: [string, GateItem][] = [
    ['a party without a readiness decision', readiness('patient')],
    ['a party at "not yet"', { code: 'readiness', party: 'hcw', decision: 'not_yet' }],
    ['a party at "indirect only"', { code: 'readiness', party: 'hcw', decision: 'indirect_only' }],
    ['a party at "stop"', { code: 'readiness', party: 'other', decision: 'stop' }],
    ['a member who has not consented', consent(PAT, 'missing')],
    ['a member whose consent is for an older list of who is present', consent(HCW, 'outdated')],
    ['a member who withdrew their consent', consent(OBS, 'withdrawn')],
  ];
  it.each(each)('refuses a joint meeting with %s, naming it', (_what, item) => {
    const h = meeting({ start: false });
    h.system({ type: 'system.setGate', missing: [item] });
    const error = h.refuses(FAC, { type: 'meeting.start' }, 'INVALID_STATE');
    expect(error.missing).toEqual([item]);
    expect(h.view(FAC).me.can.start).toBeUndefined();
    expect(h.view(FAC).facilitator!.gate.missing).toEqual([item]);
  });

  it('names every missing element at once, and starts once all are in place', () => {
    const h = meeting({ start: false });
    const all = [
      readiness('patient'),
      readiness('hcw'),
      consent(PAT, 'missing'),
      consent(HCW, 'withdrawn'),
    ];
    h.system({ type: 'system.setGate', missing: all });
    expect(h.refuses(COFAC, { type: 'meeting.start' }, 'INVALID_STATE').missing).toEqual(all);
    h.system({ type: 'system.setGate', missing: [] });
    expect(h.view(FAC).me.can.start).toBe(true);
    h.act(FAC, { type: 'meeting.start' });
    expect(h.state.status).toBe('live');
  });

  it('tells only a facilitator what is missing: anyone else is refused for who they are', () => {
    const h = meeting({ start: false });
    h.system({ type: 'system.setGate', missing: [consent(PAT, 'missing')] });
    const error = h.refuses(PAT, { type: 'meeting.start' }, 'FORBIDDEN');
    expect(error.missing).toBeUndefined();
    expect(h.view(PAT).facilitator).toBeNull();
  });

  it('does not hold back a preparation or follow-up meeting', () => {
    for (const kind of ['prep', 'followup'] as const) {
      const h = meeting({ start: false, kind });
      h.system({ type: 'system.setGate', missing: [readiness('patient')] });
      expect(h.view(FAC).facilitator!.gate.missing).toEqual([]);
      h.act(FAC, { type: 'meeting.start' });
      expect(h.state.status).toBe('live');
    }
  });

  it('treats a snapshot from before kinds as a joint meeting', () => {
    const h = meeting({ start: false });
    const old = { ...h.state, kind: undefined, gate: { missing: [readiness('hcw')] } };
    const r = decide(old, { type: 'meeting.start', actorId: FAC }, { now: 1, newId: () => 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.missing).toEqual([readiness('hcw')]);
  });
});

describe('system.consentWithdrawn', () => {
  it('gives every facilitator a notice naming the person, seen by nobody else', () => {
    const h = meeting();
    const d = h.system({ type: 'system.consentWithdrawn', memberId: PAT });
    expect(d.events).toEqual([{ type: 'consent.withdrawn', actorId: null, targetId: PAT }]);
    const alert = h.view(FAC).facilitator!.alerts.at(-1)!;
    expect(alert).toMatchObject({ kind: 'consent-withdrawn', memberId: PAT, party: 'patient' });
    expect(h.view(COFAC).facilitator!.alerts.at(-1)).toEqual(alert);
    expect(h.view(PAT).facilitator).toBeNull();
    expect(h.view(HCW).facilitator).toBeNull();
  });

  it('refuses someone who is not in the meeting', () => {
    const h = meeting();
    h.rejects({ type: 'system.consentWithdrawn', memberId: 'nobody' }, 'NOT_FOUND');
  });
});

describe('system.setMembers', () => {
  it('takes out people not chosen (facilitators stay) and brings chosen ones (back) in', () => {
    const h = room();
    const people = cast().filter((m) => m.party !== 'facilitation');
    const pat = people.filter((m) => m.party === 'patient');
    h.system({ type: 'system.setMembers', members: pat });
    expect(h.member(HCW).status).toBe('removed');
    expect(h.member(OBS).status).toBe('removed');
    expect(h.member(PAT).status).toBe('invited');
    expect(h.member(FAC).status).toBe('invited');
    expect(h.member(COFAC).status).toBe('invited');
    h.system({ type: 'system.setMembers', members: people });
    expect(h.member(HCW).status).toBe('invited');
    // A newcomer is added at the end of the order.
    const newcomer = {
      id: 'new',
      name: 'Person new',
      role: 'observer' as const,
      party: 'other' as const,
    };
    h.system({ type: 'system.setMembers', members: [...people, newcomer] });
    expect(h.state.memberOrder.at(-1)).toBe('new');
  });

  it('takes someone out of the lobby at once, and is refused after the start', () => {
    const h = room();
    bringIn(h, [FAC, PAT_SUP]);
    h.system({ type: 'system.setMembers', members: cast().filter((m) => m.id === PAT) });
    expect(h.member(PAT_SUP).status).toBe('removed');
    expect(h.view(FAC).members.map((m) => m.id)).not.toContain(PAT_SUP);
    const live = meeting();
    live.rejects({ type: 'system.setMembers', members: [] }, 'INVALID_STATE');
  });

  it('never takes facilitator roles from the list', () => {
    const h = room();
    h.rejects({ type: 'system.setMembers', members: cast() }, 'INVALID_STATE');
  });
});

describe('meeting kinds', () => {
  it('a preparation meeting has a shorter script of its own, with no story phases', () => {
    const prep = room({ kind: 'prep' });
    expect(prep.state.phases.map((p) => p.kind)).toEqual(['opening', 'checkin', 'closing']);
    expect(prep.view(FAC).kind).toBe('prep');
    expect(phasesFor('followup').some((p) => p.kind === 'story')).toBe(false);
    expect(phasesFor('joint').filter((p) => p.kind === 'story')).toHaveLength(2);
    expect(room().view(FAC).kind).toBe('joint');
  });
});
