// Talk time per party, measured by the server from the floor history (issue 13, item 7): each
// turn counts for its holder's party when the floor changes hands, a pause freezes it, the end of
// the meeting clears it, and only the facilitators' view carries it.
import { describe, expect, it } from 'vitest';
import { emptyTalk, talkAt } from '../../../../../shared/room/floor/talk';
import type { FloorHolder } from '../../../../../shared/room/state';
import { EVERYONE, ID, meeting, without, type Harness } from '../helpers';

const { facilitator: FAC, patient: PAT, hcw: HCW, org_rep: ORG } = ID;

const give = (h: Harness, holder: FloorHolder) => h.act(FAC, { type: 'floor.give', holder });
const party = (p: 'patient' | 'hcw' | 'other'): FloorHolder => ({ kind: 'party', party: p });
const person = (memberId: string): FloorHolder => ({ kind: 'person', memberId });

describe('talk time per party', () => {
  it('is zero at the start and counts each turn for its party when the holder changes', () => {
    const h = meeting();
    expect(h.state.talk).toEqual(emptyTalk());
    give(h, party('patient'));
    h.tick(30_000);
    // Still running: the totals hold finished turns only; the view says whose turn runs now.
    expect(h.state.talk.patient).toBe(0);
    expect(h.view(FAC).facilitator?.talk.current).toBe('patient');
    give(h, person(HCW));
    expect(h.state.talk).toEqual({ patient: 30_000, hcw: 0, other: 0 });
    h.tick(10_000);
    h.act(HCW, { type: 'floor.done' });
    h.tick(5_000); // nobody holds the floor: this counts for nobody
    give(h, person(ORG));
    h.tick(2_000);
    h.act(ORG, { type: 'floor.pass' });
    expect(h.state.talk).toEqual({ patient: 30_000, hcw: 10_000, other: 2_000 });
  });

  it('counts a turn that ends by reclaim, open discussion or a new phase', () => {
    const h = meeting();
    give(h, party('hcw'));
    h.tick(4_000);
    h.act(FAC, { type: 'floor.reclaim' });
    give(h, party('patient'));
    h.tick(3_000);
    h.act(FAC, { type: 'floor.open', open: true });
    h.tick(60_000); // open discussion: nobody holds the floor
    give(h, party('hcw'));
    h.tick(1_000);
    h.act(FAC, { type: 'phase.next' });
    expect(h.state.talk).toEqual({ patient: 3_000, hcw: 5_000, other: 0 });
  });

  it('stands still during a pause and goes on after it', () => {
    const h = meeting();
    give(h, party('patient'));
    h.tick(10_000);
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    h.tick(600_000);
    h.act(FAC, { type: 'pause.resume' });
    h.tick(5_000);
    h.act(FAC, { type: 'floor.reclaim' });
    expect(h.state.talk.patient).toBe(15_000);
  });

  it('counts the turn of a holder who leaves', () => {
    const h = meeting();
    give(h, person(PAT));
    h.tick(7_000);
    h.act(PAT, { type: 'self.leave' });
    expect(h.state.talk.patient).toBe(7_000);
  });

  it('is kept while the meeting runs and cleared when it ends', () => {
    const h = meeting();
    give(h, party('patient'));
    h.tick(8_000);
    h.act(FAC, { type: 'floor.reclaim' });
    expect(h.state.talk.patient).toBe(8_000);
    give(h, party('hcw'));
    h.tick(8_000);
    h.act(FAC, { type: 'meeting.end' });
    expect(h.state.talk).toEqual(emptyTalk());
    expect(h.view(FAC).facilitator?.talk).toEqual({ ms: emptyTalk(), current: null });
  });

  it('is in the facilitators view only', () => {
    const h = meeting();
    give(h, party('patient'));
    h.tick(9_000);
    h.act(FAC, { type: 'floor.reclaim' });
    expect(h.view(FAC).facilitator?.talk).toEqual({
      ms: { patient: 9_000, hcw: 0, other: 0 },
      current: null,
    });
    for (const id of without(EVERYONE, FAC, ID.cofacilitator)) {
      const view = h.view(id);
      expect(view.facilitator).toBeNull();
      expect(JSON.stringify(view)).not.toContain('"talk"');
    }
  });

  it('talkAt adds the running turn to its party for a live count on screen', () => {
    const h = meeting();
    give(h, party('hcw'));
    h.tick(4_000);
    const fac = h.view(FAC);
    const talk = fac.facilitator!.talk;
    expect(talkAt(talk, fac.timers.turn, h.state.timers.turn.runningSince! + 4_000)).toEqual({
      patient: 0,
      hcw: 4_000,
      other: 0,
    });
    expect(talkAt(talk, null, 0)).toEqual(talk.ms);
  });
});
