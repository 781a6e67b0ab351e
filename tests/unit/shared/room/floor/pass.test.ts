// Pass and "I'm done" (PAR-2, issue 14): outside a round the floor goes back to the facilitators,
// who are offered the next in the agreed order and decide; in a round (check-in, closing) a Pass
// moves on to the next person, as in a circle.
import { describe, expect, it } from 'vitest';
import type { FloorHolder } from '../../../../../shared/room/state';
import {
  EVERYONE,
  meeting,
  without,
  type Harness,
  type MeetingOptions,
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

/** Moves the meeting on to the phase of this kind (the default script). */
function toPhase(h: Harness, kind: string): void {
  while (h.state.phases[h.state.phaseIndex]!.kind !== kind) h.act(FAC, { type: 'phase.next' });
}

/** A live meeting in the check-in round. */
function inCheckIn(options: MeetingOptions = {}): Harness {
  const h = meeting(options);
  toPhase(h, 'checkin');
  return h;
}

/** Passes the floor on from whoever holds it, until nobody does; returns the holders in turn. */
function passAround(h: Harness, passer: (holder: FloorHolder) => string): FloorHolder[] {
  const seen: FloorHolder[] = [];
  while (h.state.floor.holder) {
    seen.push(h.state.floor.holder);
    h.act(passer(h.state.floor.holder), { type: 'floor.pass' });
    if (seen.length > 20) throw new Error('the round never ends');
  }
  return seen;
}

describe('floor.pass in a story phase: back to the facilitators, who decide', () => {
  it('the patient party passes: nobody holds the floor, the healthcare workers are suggested', () => {
    const h = meeting();
    toPhase(h, 'story');
    expect(h.state.floor.holder).toEqual(party('patient'));
    const d = h.act(PAT_SUP, { type: 'floor.pass' });
    expect(d.events).toEqual([{ type: 'floor.passed', actorId: PAT_SUP }]);
    expect(h.state.floor.holder).toBeNull();
    expect(h.state.timers.turn.runningSince).toBeNull();
    expect(h.state.floor.handedBack).toEqual({ by: party('patient'), next: party('hcw') });
    // Nobody has the floor until a facilitator gives it: no participant may pass or finish.
    for (const id of [PAT, PAT_SUP, HCW, HCW_SUP, ORG]) {
      expect(h.view(id).members.some((m) => m.hasFloor)).toBe(false);
      expect(h.view(id).me.can.passFloor).toBeUndefined();
    }
    // Everyone admitted sees that the floor was handed back; the facilitator gives it on.
    expect(h.view(HCW).floor.handedBack?.next).toEqual(party('hcw'));
    give(h, party('hcw'));
    expect(h.state.floor.holder).toEqual(party('hcw'));
    expect(h.state.floor.handedBack).toBeUndefined();
  });

  it('suggests the patient party after the healthcare workers when the story order is reversed', () => {
    const h = meeting({ storyOrder: ['hcw', 'patient'] });
    toPhase(h, 'story');
    h.act(FAC, { type: 'phase.next' });
    expect(h.state.floor.holder).toEqual(party('hcw'));
    h.act(HCW, { type: 'floor.pass' });
    expect(h.state.floor).toMatchObject({
      holder: null,
      handedBack: { by: party('hcw'), next: party('patient') },
    });
  });

  it('suggests nobody at the end of the order, or when the next party is not here', () => {
    const h = meeting();
    toPhase(h, 'story');
    h.act(FAC, { type: 'phase.next' });
    expect(h.state.floor.holder).toEqual(party('hcw'));
    h.act(HCW, { type: 'floor.pass' });
    expect(h.state.floor.handedBack).toEqual({ by: party('hcw'), next: null });

    const alone = meeting({ present: without(EVERYONE, HCW, HCW_SUP) });
    toPhase(alone, 'story');
    alone.act(PAT, { type: 'floor.pass' });
    expect(alone.state.floor.handedBack).toEqual({ by: party('patient'), next: null });
  });

  it('a person who passes outside a round is followed by the next speaker, as a suggestion', () => {
    const h = meeting();
    toPhase(h, 'questions');
    give(h, person(PAT_SUP));
    h.act(PAT_SUP, { type: 'floor.pass' });
    expect(h.state.floor).toMatchObject({
      holder: null,
      handedBack: { by: person(PAT_SUP), next: person(HCW) },
    });
  });

  it.each(['opening', 'questions', 'harms', 'repair', 'agreements', 'debrief'])(
    'returns the floor to the facilitators in the %s phase too',
    (kind) => {
      const h = meeting();
      toPhase(h, kind);
      give(h, party('patient'));
      h.act(PAT, { type: 'floor.pass' });
      expect(h.state.floor.holder).toBeNull();
      expect(h.state.floor.handedBack?.next).toEqual(party('hcw'));
    },
  );

  it('the suggestion goes as soon as the floor moves: given, reclaimed, a new phase, open discussion', () => {
    const handedBack = () => {
      const h = meeting();
      toPhase(h, 'story');
      h.act(PAT, { type: 'floor.pass' });
      expect(h.state.floor.handedBack).toBeDefined();
      return h;
    };
    const given = handedBack();
    give(given, person(ORG));
    expect(given.state.floor.handedBack).toBeUndefined();
    const next = handedBack();
    next.act(FAC, { type: 'phase.next' });
    expect(next.state.floor.handedBack).toBeUndefined();
    const opened = handedBack();
    opened.act(COFAC, { type: 'floor.open', open: true });
    expect(opened.state.floor.handedBack).toBeUndefined();
    const reclaimed = handedBack();
    give(reclaimed, party('patient'));
    reclaimed.act(FAC, { type: 'floor.reclaim' });
    expect(reclaimed.state.floor.handedBack).toBeUndefined();
  });

  it('a pause keeps the suggestion for after the pause', () => {
    const h = meeting();
    toPhase(h, 'story');
    h.act(PAT, { type: 'floor.pass' });
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    expect(h.view(FAC).me.can.giveFloor).toBeUndefined();
    h.act(FAC, { type: 'pause.resume' });
    expect(h.state.floor.handedBack?.next).toEqual(party('hcw'));
    expect(h.view(FAC).me.can.giveFloorToParties).toContain('hcw');
  });
});

describe('floor.done', () => {
  it('hands the floor back to the facilitators, with the next in the agreed order', () => {
    const h = meeting();
    give(h, person(ORG));
    const d = h.act(ORG, { type: 'floor.done' });
    expect(d.events).toEqual([{ type: 'floor.done', actorId: ORG }]);
    expect(h.state.floor.holder).toBeNull();
    expect(h.state.floor.handedBack).toEqual({ by: person(ORG), next: null });
    expect(h.state.timers.turn.runningSince).toBeNull();
  });

  it('returns the floor to the facilitators in a story phase and in a round alike', () => {
    const story = meeting();
    toPhase(story, 'story');
    story.act(PAT, { type: 'floor.done' });
    expect(story.state.floor).toMatchObject({
      holder: null,
      handedBack: { by: party('patient'), next: party('hcw') },
    });
    const round = inCheckIn();
    give(round, person(PAT));
    round.act(PAT, { type: 'floor.done' });
    expect(round.state.floor).toMatchObject({
      holder: null,
      handedBack: { by: person(PAT), next: person(PAT_SUP) },
    });
  });
});

describe('floor.pass in a round (check-in, closing): on to the next, as in a circle', () => {
  it('goes through every speaker, patient party first, then hcw, then the others', () => {
    const h = inCheckIn();
    give(h, person(PAT));
    const holders = passAround(h, (holder) => (holder as { memberId: string }).memberId);
    expect(holders).toEqual([PAT, PAT_SUP, HCW, HCW_SUP, ORG].map(person));
    // The end of the round: back to the facilitators, with nobody left to suggest.
    expect(h.state.floor.handedBack).toBeUndefined();
  });

  it('goes round in the closing phase too', () => {
    const h = meeting();
    toPhase(h, 'closing');
    give(h, person(HCW_SUP));
    h.act(HCW_SUP, { type: 'floor.pass' });
    expect(h.state.floor.holder).toEqual(person(ORG));
  });

  it('puts the hcw party first when the story order is reversed', () => {
    const h = inCheckIn({ storyOrder: ['hcw', 'patient'] });
    give(h, person(HCW));
    const holders = passAround(h, (holder) => (holder as { memberId: string }).memberId);
    expect(holders).toEqual([HCW, HCW_SUP, PAT, PAT_SUP, ORG].map(person));
  });

  it('skips people who stepped out, are in a side room or dropped', () => {
    const h = inCheckIn();
    h.act(PAT_SUP, { type: 'self.stepOut' });
    h.act(COFAC, {
      type: 'sideRoom.open',
      memberIds: [HCW],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    h.system({ type: 'system.disconnect', memberId: HCW_SUP });
    give(h, person(PAT));
    h.act(PAT, { type: 'floor.pass' });
    expect(h.state.floor.holder).toEqual(person(ORG));
  });

  it('goes on from the holder’s place when the holder has stepped out (regression: it started over)', () => {
    const h = inCheckIn();
    give(h, person(HCW));
    h.act(HCW, { type: 'self.stepOut' });
    h.act(HCW, { type: 'floor.pass' });
    expect(h.state.floor.holder).toEqual(person(HCW_SUP));
  });

  it('a party in a round: patient → hcw → nobody; anyone of the holding party passes', () => {
    const h = inCheckIn();
    give(h, party('patient'));
    const holders = passAround(h, (holder) =>
      holder.kind === 'party' && holder.party === 'patient' ? PAT_SUP : HCW,
    );
    expect(holders).toEqual([party('patient'), party('hcw')]);
    expect(h.state.timers.turn.runningSince).toBeNull();
  });

  it('a party in a round: hcw → patient → nobody when the story order is reversed', () => {
    const h = inCheckIn({ storyOrder: ['hcw', 'patient'] });
    give(h, party('hcw'));
    const d = h.act(HCW_SUP, { type: 'floor.pass' });
    expect(d.events).toEqual([{ type: 'floor.passed', actorId: HCW_SUP }]);
    expect(h.state.floor.holder).toEqual(party('patient'));
    h.act(PAT, { type: 'floor.pass' });
    expect(h.state.floor.holder).toBeNull();
  });

  it('skips a party with nobody in the meeting; the other party comes after the story parties', () => {
    const h = inCheckIn({ present: without(EVERYONE, HCW, HCW_SUP) });
    give(h, party('patient'));
    h.act(PAT, { type: 'floor.pass' });
    expect(h.state.floor.holder).toBeNull();
    const other = inCheckIn();
    give(other, party('other'));
    other.act(ORG, { type: 'floor.pass' });
    expect(other.state.floor.holder).toBeNull();
  });
});

describe('floor.pass and floor.done refusals', () => {
  it.each(['floor.pass', 'floor.done'] as const)(
    '%s is refused to whoever does not hold it',
    (type) => {
      const h = meeting();
      give(h, party('patient'));
      h.refuses(HCW, { type }, 'FORBIDDEN');
      h.refuses(FAC, { type }, 'FORBIDDEN');
      give(h, person(PAT));
      h.refuses(PAT_SUP, { type }, 'FORBIDDEN');
    },
  );

  it.each(['floor.pass', 'floor.done'] as const)(
    '%s is refused to an interpreter or observer even when their party holds it (regression)',
    (type) => {
      const h = meeting();
      give(h, party('other'));
      h.refuses(INT, { type }, 'FORBIDDEN');
      h.refuses(OBS, { type }, 'FORBIDDEN');
      expect(h.state.floor.holder).toEqual(party('other'));
    },
  );

  it.each(['floor.pass', 'floor.done'] as const)('%s is refused during a pause', (type) => {
    const h = meeting();
    give(h, party('patient'));
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    h.refuses(PAT, { type }, 'INVALID_STATE');
  });

  it.each(['floor.pass', 'floor.done'] as const)(
    '%s is refused once the floor was handed back (nobody holds it)',
    (type) => {
      const h = meeting();
      toPhase(h, 'story');
      h.act(PAT, { type: 'floor.pass' });
      h.refuses(PAT, { type }, 'FORBIDDEN');
      h.refuses(HCW, { type }, 'FORBIDDEN');
    },
  );

  it('is refused to someone no longer admitted', () => {
    const h = meeting();
    give(h, party('patient'));
    h.act(PAT_SUP, { type: 'self.leave' });
    h.refuses(PAT_SUP, { type: 'floor.pass' }, 'FORBIDDEN');
  });
});
