// Faces first (issue 14): who the stage shows large, from real views of the room core.
import { describe, expect, it } from 'vitest';
import {
  gridColumns,
  onStage,
  pinnedInterpreterId,
  spotlightId,
} from '../../../../../client/src/features/room/call/spotlight';
import {
  CAP,
  cast,
  COFAC,
  EVERYONE,
  FAC,
  HCW,
  INT,
  meeting,
  PAT,
  PAT_SUP,
} from '../../../shared/room/helpers';

describe('onStage', () => {
  it('everyone in the call but the captioner, who sends no picture or sound', () => {
    const h = meeting();
    expect(onStage(h.view(PAT), [FAC, CAP, HCW, PAT_SUP])).toEqual([FAC, HCW, PAT_SUP]);
    expect(onStage(h.view(FAC), [PAT, HCW])).toEqual([PAT, HCW]);
  });
});

describe('spotlightId', () => {
  it('nobody while the facilitator holds the floor: an even grid', () => {
    const h = meeting();
    expect(spotlightId(h.view(HCW), [FAC, PAT, PAT_SUP])).toBeNull();
  });

  it('the person holding the floor, for everyone else', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: PAT } });
    expect(spotlightId(h.view(HCW), [FAC, PAT, PAT_SUP])).toBe(PAT);
    expect(spotlightId(h.view(FAC), [PAT, HCW])).toBe(PAT);
  });

  it('not myself: whoever speaks sees the people listening', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: PAT } });
    expect(spotlightId(h.view(PAT), [FAC, HCW])).toBeNull();
  });

  it('a party holding the floor: its first member in the call, my own partner when I am in it', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'patient' } });
    expect(spotlightId(h.view(HCW), [FAC, PAT, PAT_SUP])).toBe(PAT);
    // The patient is not in this call (yet): their support person is shown.
    expect(spotlightId(h.view(HCW), [FAC, PAT_SUP])).toBe(PAT_SUP);
    expect(spotlightId(h.view(PAT), [FAC, PAT_SUP, HCW])).toBe(PAT_SUP);
  });

  it('nobody when the holder is not in this call', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: PAT } });
    expect(spotlightId(h.view(HCW), [FAC])).toBeNull();
  });
});

describe('pinnedInterpreterId (issue 17: an interpreter pinned large for their person)', () => {
  const INT2 = 'int-2';
  function linked() {
    const h = meeting({
      members: [
        ...cast(),
        { id: INT2, name: 'Interpreter two', role: 'interpreter', party: 'other' },
      ],
      present: [...EVERYONE, INT2],
    });
    return h;
  }

  it('nobody pinned while no interpreter is linked', () => {
    const h = meeting();
    expect(pinnedInterpreterId(h.view(PAT), [FAC, HCW, INT])).toBeNull();
    expect(pinnedInterpreterId(h.view(FAC), [PAT, HCW, INT])).toBeNull();
  });

  it('the person interpreted for sees their interpreter pinned; others of the room do not', () => {
    const h = meeting();
    h.act(FAC, {
      type: 'interpreter.link',
      memberId: INT,
      interpretsFor: { memberId: PAT, mode: 'sign' },
    });
    expect(pinnedInterpreterId(h.view(PAT), [FAC, HCW, INT])).toBe(INT);
    expect(pinnedInterpreterId(h.view(HCW), [FAC, PAT, INT])).toBeNull();
    expect(pinnedInterpreterId(h.view(PAT_SUP), [FAC, PAT, INT])).toBeNull();
    // Not in this call (yet): nothing to pin.
    expect(pinnedInterpreterId(h.view(PAT), [FAC, HCW])).toBeNull();
  });

  it('the facilitators see the interpreter of whoever holds the floor, else the first linked', () => {
    const h = linked();
    h.act(FAC, {
      type: 'interpreter.link',
      memberId: INT,
      interpretsFor: { memberId: PAT, mode: 'spoken' },
    });
    h.act(FAC, {
      type: 'interpreter.link',
      memberId: INT2,
      interpretsFor: { memberId: HCW, mode: 'spoken' },
    });
    const call = [PAT, HCW, INT, INT2];
    expect(pinnedInterpreterId(h.view(FAC), call)).toBe(INT);
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'hcw' } });
    expect(pinnedInterpreterId(h.view(FAC), call)).toBe(INT2);
    expect(pinnedInterpreterId(h.view(COFAC), call)).toBe(INT2);
    // The speaker is spotlit, the interpreter pinned beside them: two different tiles.
    expect(spotlightId(h.view(FAC), call)).toBe(HCW);
  });

  it('a sign-language interpreter before a spoken one, for the same person', () => {
    const h = linked();
    h.act(FAC, {
      type: 'interpreter.link',
      memberId: INT,
      interpretsFor: { memberId: PAT, mode: 'spoken' },
    });
    h.act(FAC, {
      type: 'interpreter.link',
      memberId: INT2,
      interpretsFor: { memberId: PAT, mode: 'sign' },
    });
    expect(pinnedInterpreterId(h.view(PAT), [FAC, INT, INT2])).toBe(INT2);
  });

  it('an interpreter never pins themself', () => {
    const h = meeting();
    h.act(FAC, {
      type: 'interpreter.link',
      memberId: INT,
      interpretsFor: { memberId: PAT, mode: 'sign' },
    });
    expect(pinnedInterpreterId(h.view(INT), [FAC, PAT, HCW])).toBeNull();
  });
});

describe('gridColumns', () => {
  it('fills a wide stage: 1, 2, 2x2, 3x3, then 4 across', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 12].map(gridColumns)).toEqual([1, 2, 2, 2, 3, 3, 4, 4]);
  });
});
