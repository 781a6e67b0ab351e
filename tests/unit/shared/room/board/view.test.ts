// The board as each person sees it: facilitators see every item, everyone else only items shown
// to their party.
import { describe, expect, it } from 'vitest';
import { boardViewsOf, toBoardView } from '../../../../../shared/room/boardView';
import { toRoomView } from '../../../../../shared/room/views';
import { agree, liveRoom, propose } from './fixtures';

function board() {
  const h = liveRoom();
  const shared = propose(h, 'fac');
  const patientOnly = propose(h, 'fac', { visibleTo: ['patient'], affectedParties: ['patient'] });
  const hcwOnly = propose(h, 'fac', { visibleTo: ['hcw'], affectedParties: ['hcw'] });
  const withOrg = propose(h, 'fac', { visibleTo: ['hcw', 'other'], affectedParties: ['hcw'] });
  return { h, shared, patientOnly, hcwOnly, withOrg };
}

const ids = (h: ReturnType<typeof board>['h'], viewerId: string) =>
  toBoardView(h.state, h.state.members[viewerId]!).items.map((i) => i.id);

describe('toBoardView', () => {
  it('shows facilitators every item', () => {
    const b = board();
    const all = [b.shared, b.patientOnly, b.hcwOnly, b.withOrg];
    expect(ids(b.h, 'fac')).toEqual(all);
    expect(ids(b.h, 'cofac')).toEqual(all);
  });

  it.each([
    ['pat', ['shared', 'patientOnly']],
    ['pat-sup', ['shared', 'patientOnly']],
    ['hcw', ['shared', 'hcwOnly', 'withOrg']],
    ['hcw-sup', ['shared', 'hcwOnly', 'withOrg']],
    ['org', ['withOrg']],
    ['int', ['withOrg']],
    ['obs', ['withOrg']],
  ] as const)('shows %s only the items shown to their party', (viewerId, expected) => {
    const b = board();
    expect(ids(b.h, viewerId)).toEqual(expected.map((k) => b[k]));
  });

  it('marks agreed items and carries versions and consent', () => {
    const b = board();
    agree(b.h, b.shared);
    b.h.act('hcw', {
      type: 'board.consent',
      itemId: b.hcwOnly,
      baseVersion: 1,
      decision: 'decline',
    });
    const view = toBoardView(b.h.state, b.h.state.members['hcw']!);
    expect(view.items.map((i) => [i.id, i.agreed, i.version])).toEqual([
      [b.shared, true, 1],
      [b.hcwOnly, false, 1],
      [b.withOrg, false, 1],
    ]);
    expect(view.items[1]?.consents.hcw?.decision).toBe('decline');
  });

  it('says whom the viewer answers for, and how far the summary is', () => {
    const b = board();
    const view = (id: string) => toBoardView(b.h.state, b.h.state.members[id]!);
    expect(view('pat').answersFor).toBe('patient');
    expect(view('pat-sup').answersFor).toBeNull();
    expect(view('hcw2').answersFor).toBe('hcw');
    expect(view('fac').answersFor).toBeNull();
    expect(view('org').answersFor).toBeNull();
    expect(view('pat')).toMatchObject({
      finalisedAt: null,
      noAgreement: false,
      summaryParties: ['patient', 'hcw'],
      summaryAvailable: false,
      summaryConsents: {},
    });
    agree(b.h, b.shared);
    b.h.act('fac', { type: 'board.finalise', noAgreement: false });
    b.h.act('pat', { type: 'board.consentSummary' });
    b.h.act('hcw', { type: 'board.consentSummary' });
    expect(view('org')).toMatchObject({
      finalisedAt: b.h.ctx.now,
      summaryAvailable: true,
      summaryConsents: { patient: { memberId: 'pat' }, hcw: { memberId: 'hcw' } },
    });
  });

  it('can never change the state: the parts it shares are frozen', () => {
    const b = board();
    const before = structuredClone(b.h.state);
    const view = toBoardView(b.h.state, b.h.state.members['fac']!);
    expect(() => (view.items[0]!.fields.text = 'changed')).toThrow(TypeError);
    expect(() => view.items[0]!.fields.visibleTo.push('other')).toThrow(TypeError);
    expect(() => (view.summaryConsents.patient = { memberId: 'x', at: 0 })).toThrow(TypeError);
    expect(() => view.items.pop()).toThrow(TypeError);
    expect(b.h.state).toEqual(before);
  });

  it('is derived once per audience and shared by every viewer of that audience', () => {
    const b = board();
    const view = boardViewsOf(b.h.state);
    const items = (id: string) => view(b.h.state.members[id]!).items;
    expect(items('pat')).toBe(items('pat-sup'));
    expect(items('fac')).toBe(items('cofac'));
    expect(items('pat')).not.toBe(items('hcw'));
    expect(items('pat')).toEqual(toBoardView(b.h.state, b.h.state.members['pat']!).items);
  });

  it('is what the room view carries for each person', () => {
    const b = board();
    const room = toRoomView(b.h.state, 'pat');
    expect(room?.board?.items.map((i) => i.id)).toEqual([b.shared, b.patientOnly]);
  });
});
