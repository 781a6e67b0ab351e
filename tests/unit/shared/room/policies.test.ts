// mediaAccess: what LiveKit may let each person do, from the state alone. Protected mode lets only
// the holder's party, the facilitators and the interpreter publish a microphone; nobody but the
// facilitators during a pause; everyone in open discussion; no media at all before admission.
import { describe, expect, it } from 'vitest';
import { mainRoomUnattended, mediaAccess } from '../../../../shared/room/policies';
import {
  EVERYONE,
  join,
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
  CAP,
} from './helpers';

/** Who may publish a microphone in the main room. */
function speakers(h: Harness): string[] {
  return EVERYONE.filter((id) => h.media(id)?.canPublishAudio);
}

describe('mediaAccess in the main room', () => {
  it.each([
    {
      what: 'gentle mode: everyone but the observer',
      setup: (h: Harness) => h.act(FAC, { type: 'floor.setMode', mode: 'gentle' }),
      audio: without(EVERYONE, OBS, CAP),
    },
    {
      what: 'protected, the patient party holds it',
      setup: (h: Harness) =>
        h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'patient' } }),
      audio: [FAC, COFAC, PAT, PAT_SUP, INT],
    },
    {
      what: 'protected, one hcw holds it: their party',
      setup: (h: Harness) =>
        h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: HCW_SUP } }),
      audio: [FAC, COFAC, HCW, HCW_SUP, INT],
    },
    {
      what: 'protected, the organisation representative holds it',
      setup: (h: Harness) =>
        h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: ORG } }),
      audio: [FAC, COFAC, ORG, INT],
    },
    {
      what: 'protected, nobody holds it',
      setup: () => undefined,
      audio: [FAC, COFAC, INT],
    },
    {
      what: 'protected, open discussion: everyone but the observer',
      setup: (h: Harness) => h.act(FAC, { type: 'floor.open', open: true }),
      audio: without(EVERYONE, OBS, CAP),
    },
    {
      what: 'paused: nobody but the facilitators',
      setup: (h: Harness) => {
        h.act(FAC, { type: 'floor.open', open: true });
        h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
      },
      audio: [FAC, COFAC],
    },
  ])('$what', ({ setup, audio }) => {
    const h = meeting({ floorMode: 'protected' });
    setup(h);
    expect(speakers(h)).toEqual(audio);
    for (const id of without(EVERYONE, OBS, CAP)) {
      expect(h.media(id)).toMatchObject({ room: 'main', canPublishVideo: true });
    }
    // Observers and captioners never publish, in any phase or floor (issue 17: a captioner types).
    for (const id of [OBS, CAP])
      expect(h.media(id)).toEqual({ room: 'main', canPublishAudio: false, canPublishVideo: false });
  });

  it('lets a side room talk during a pause of the main room', () => {
    const h = meeting({ floorMode: 'protected' });
    h.act(COFAC, {
      type: 'sideRoom.open',
      memberIds: [HCW],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    expect(speakers(h)).toEqual([FAC, COFAC, HCW]);
  });

  it('never lets a captioner publish, in a side room either, but lets them hear (subscribe)', () => {
    const h = meeting();
    expect(h.media(CAP)).toEqual({ room: 'main', canPublishAudio: false, canPublishVideo: false });
    h.act(FAC, { type: 'sideRoom.open', memberIds: [CAP], facilitatorIds: [], purpose: 'caucus' });
    expect(h.media(CAP)).toEqual({
      room: h.state.sideRooms[0]!.id,
      canPublishAudio: false,
      canPublishVideo: false,
    });
  });

  it('never lets an observer publish, even in a side room (regression: it was sent to main)', () => {
    const h = meeting();
    h.act(FAC, { type: 'sideRoom.open', memberIds: [OBS], facilitatorIds: [], purpose: 'caucus' });
    expect(h.media(OBS)).toEqual({
      room: h.state.sideRooms[0]!.id,
      canPublishAudio: false,
      canPublishVideo: false,
    });
  });
});

describe('mediaAccess outside the meeting room', () => {
  it('gives nothing to the unknown, the invited, the waiting, the left, denied or removed', () => {
    const h = meeting({ present: [FAC, PAT, HCW] });
    join(h, [ORG, OBS, INT]);
    h.act(FAC, { type: 'lobby.deny', memberId: OBS });
    h.act(FAC, { type: 'member.remove', memberId: INT });
    h.act(HCW, { type: 'self.leave' });
    for (const id of ['ghost', PAT_SUP, ORG, OBS, INT, HCW]) {
      expect(mediaAccess(h.state, id), id).toBeNull();
    }
  });

  it('gives nothing to anyone once the meeting has ended', () => {
    const h = meeting();
    h.act(FAC, { type: 'meeting.end' });
    for (const id of EVERYONE) expect(h.media(id)).toBeNull();
  });
});

describe('mainRoomUnattended', () => {
  it('is true only with both story parties in the main room and no facilitator there', () => {
    const h = meeting({ present: [FAC, PAT, HCW] });
    expect(mainRoomUnattended(h.state)).toBe(false);
    const s = structuredClone(h.state);
    s.members[FAC]!.connected = false;
    expect(mainRoomUnattended(s)).toBe(true);
    s.members[HCW]!.sideRoomId = 'elsewhere';
    expect(mainRoomUnattended(s)).toBe(false);
    s.members[HCW]!.sideRoomId = null;
    s.status = 'ended';
    expect(mainRoomUnattended(s)).toBe(false);
  });
});
