// Faces first (issue 14): who the stage shows large, from real views of the room core.
import { describe, expect, it } from 'vitest';
import { gridColumns, spotlightId } from '../../../../../client/src/features/room/call/spotlight';
import { FAC, HCW, meeting, PAT, PAT_SUP } from '../../../shared/room/helpers';

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

describe('gridColumns', () => {
  it('fills a wide stage: 1, 2, 2x2, 3x3, then 4 across', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 12].map(gridColumns)).toEqual([1, 2, 2, 2, 3, 3, 4, 4]);
  });
});
