// Presence as the server reports it: connections, and people added to the case.
import { describe, expect, it } from 'vitest';
import { bringIn, connect, EVERYONE, ID, join, meeting, room, without } from '../helpers';

const { facilitator: FAC, cofacilitator: COFAC, patient: PAT, hcw: HCW, org_rep: ORG } = ID;

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
