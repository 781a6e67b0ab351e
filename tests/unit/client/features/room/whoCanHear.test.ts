// Who can hear me (issue 14): the sentence each person sees, from real views of the room core.
import { describe, expect, it } from 'vitest';
import { whoCanHear } from '../../../../../client/src/features/room/WhoCanHear';
import { FAC, HCW, meeting, PAT, PAT_SUP } from '../../../shared/room/helpers';

describe('whoCanHear', () => {
  it('in the main room: everyone with a live microphone, nobody with it off', () => {
    const h = meeting();
    expect(whoCanHear(h.view(PAT), true, [])).toEqual({ key: 'everyone' });
    expect(whoCanHear(h.view(PAT), false, [])).toEqual({ key: 'micOff' });
    expect(whoCanHear(h.view(FAC), true, [])).toEqual({ key: 'everyone' });
  });

  it('stepped out: nobody, whatever the microphone shows', () => {
    const h = meeting();
    h.act(HCW, { type: 'self.stepOut' });
    expect(whoCanHear(h.view(HCW), true, [])).toEqual({ key: 'steppedOut' });
  });

  it('paused: nobody hears a participant; a facilitator with a live microphone is told the main room hears them', () => {
    const h = meeting();
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    expect(whoCanHear(h.view(PAT), true, [])).toEqual({ key: 'paused' });
    expect(whoCanHear(h.view(FAC), true, [])).toEqual({ key: 'pausedFacilitator' });
    expect(whoCanHear(h.view(FAC), false, [])).toEqual({ key: 'micOff' });
  });

  it('a private conversation with the facilitator: only the facilitator hears the patient, only its people hear the facilitator, the main room is told it is not everyone', () => {
    const h = meeting();
    h.act(FAC, {
      type: 'sideRoom.open',
      memberIds: [PAT],
      facilitatorIds: [FAC],
      purpose: 'caucus',
    });
    expect(whoCanHear(h.view(PAT), true, [FAC])).toEqual({ key: 'facilitators', count: 1 });
    // Before the facilitator's media has arrived too: they are the one who will hear.
    expect(whoCanHear(h.view(PAT), true, [])).toEqual({ key: 'facilitators', count: 1 });
    expect(whoCanHear(h.view(FAC), true, [PAT])).toEqual({ key: 'privateRoom' });
    expect(whoCanHear(h.view(PAT), false, [FAC])).toEqual({ key: 'micOff' });
    // The cofacilitator is still in the main room: no pause, but not everyone hears.
    expect(whoCanHear(h.view(HCW), true, [])).toEqual({ key: 'mainRoom' });
  });

  it('a private conversation of two participants: only the people in it', () => {
    const h = meeting();
    h.act(FAC, {
      type: 'sideRoom.open',
      memberIds: [PAT, PAT_SUP],
      facilitatorIds: [FAC],
      purpose: 'caucus',
    });
    expect(whoCanHear(h.view(PAT), true, [FAC, PAT_SUP])).toEqual({ key: 'privateRoom' });
  });

  it('a private space for one side, nobody else there yet: nobody hears', () => {
    const h = meeting();
    h.act(FAC, {
      type: 'sideRoom.open',
      memberIds: [PAT],
      facilitatorIds: [FAC],
      purpose: 'caucus',
    });
    const v = h.view(PAT);
    const side = { ...v.me.sideRoom!, facilitatorNames: [] };
    expect(whoCanHear({ ...v, me: { ...v.me, sideRoom: side } }, true, [])).toEqual({
      key: 'alone',
    });
  });
});
