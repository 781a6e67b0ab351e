// Issue 17, item 3: interpreters linked to the person they interpret for. The link is a
// facilitator's command (typed refusals otherwise), is seen by everyone, decides whose turns the
// interpreter may speak in on a protected floor, and takes the interpreter along to their
// person's private conversation.
import { describe, expect, it } from 'vitest';
import { createRoomState, type NewMember } from '../../../../../shared/room/state';
import {
  bringIn,
  cast,
  FAC,
  HCW,
  HCW_SUP,
  INT,
  meeting,
  OBS,
  PAT,
  PAT_SUP,
  type Harness,
} from '../helpers';

/** A second interpreter, for the healthcare worker's side. */
const INT2 = 'int-2';

function withTwoInterpreters(): Harness {
  const members: NewMember[] = [
    ...cast(),
    { id: INT2, name: 'Second interpreter', role: 'interpreter', party: 'other' },
  ];
  return meeting({ members, floorMode: 'protected' });
}

const link = (memberId: string, mode: 'spoken' | 'sign' = 'spoken') => ({ memberId, mode });

describe('interpreter.link', () => {
  it('a facilitator links an interpreter to a person; everyone sees it', () => {
    const h = meeting();
    const d = h.act(FAC, {
      type: 'interpreter.link',
      memberId: INT,
      interpretsFor: link(PAT, 'sign'),
    });
    expect(h.member(INT).interpretsFor).toEqual({ memberId: PAT, mode: 'sign' });
    expect(d.events).toEqual([{ type: 'interpreter.linked', actorId: FAC, targetId: INT }]);
    for (const viewer of [PAT, HCW, OBS, FAC]) {
      const seen = h.view(viewer).members.find((m) => m.id === INT);
      expect(seen?.interpretsFor, viewer).toEqual({ memberId: PAT, mode: 'sign' });
    }
    expect(h.view(PAT).members.find((m) => m.id === PAT)?.interpretsFor).toBeNull();
    h.act(FAC, { type: 'interpreter.link', memberId: INT, interpretsFor: null });
    expect(h.member(INT).interpretsFor).toBeNull();
  });

  it('only facilitators may link (FORBIDDEN for everyone else, the interpreter too)', () => {
    const h = meeting();
    for (const who of [PAT, PAT_SUP, HCW, INT, OBS]) {
      h.refuses(
        who,
        { type: 'interpreter.link', memberId: INT, interpretsFor: link(PAT) },
        'FORBIDDEN',
      );
    }
    expect(h.view(PAT).me.can.linkInterpreter).toBeUndefined();
    expect(h.view(FAC).me.can.linkInterpreter).toBe(true);
  });

  it('typed refusals: not an interpreter, an unknown person, a facilitator or another interpreter', () => {
    const h = withTwoInterpreters();
    const notInterp = h.refuses(
      FAC,
      { type: 'interpreter.link', memberId: PAT_SUP, interpretsFor: link(PAT) },
      'INVALID_STATE',
    );
    expect(notInterp.message).toBe('Only an interpreter can be linked to someone.');
    h.refuses(
      FAC,
      { type: 'interpreter.link', memberId: INT, interpretsFor: link('ghost') },
      'NOT_FOUND',
    );
    h.refuses(
      FAC,
      { type: 'interpreter.link', memberId: 'ghost', interpretsFor: link(PAT) },
      'NOT_FOUND',
    );
    const toFac = h.refuses(
      FAC,
      { type: 'interpreter.link', memberId: INT, interpretsFor: link(FAC) },
      'INVALID_STATE',
    );
    expect(toFac.message).toBe('An interpreter is linked to a participant, not to a facilitator.');
    const toInterp = h.refuses(
      FAC,
      { type: 'interpreter.link', memberId: INT, interpretsFor: link(INT2) },
      'INVALID_STATE',
    );
    expect(toInterp.message).toBe('An interpreter cannot be linked to another interpreter.');
  });

  it('not to someone removed, and not after the end', () => {
    const h = meeting();
    h.act(FAC, { type: 'member.remove', memberId: PAT_SUP });
    h.refuses(
      FAC,
      { type: 'interpreter.link', memberId: INT, interpretsFor: link(PAT_SUP) },
      'INVALID_STATE',
    );
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(
      FAC,
      { type: 'interpreter.link', memberId: INT, interpretsFor: link(PAT) },
      'INVALID_STATE',
    );
  });

  it('comes from the invite: kept when the person is in the meeting, dropped otherwise', () => {
    const members: NewMember[] = [
      ...cast(),
      {
        id: INT2,
        name: 'Interpreter',
        role: 'interpreter',
        party: 'other',
        interpretsFor: link(HCW),
      },
    ];
    members[members.findIndex((m) => m.id === INT)] = {
      ...members.find((m) => m.id === INT)!,
      interpretsFor: link('not-in-this-meeting', 'sign'),
    };
    const s = createRoomState({ meetingId: 'm', members });
    expect(s.members[INT2]!.interpretsFor).toEqual(link(HCW));
    expect(s.members[INT]!.interpretsFor).toBeNull();
    expect(s.members[PAT]!.interpretsFor).toBeNull();
  });
});

describe('the protected floor and interpreters (mediaAccess)', () => {
  function linked(): Harness {
    const h = withTwoInterpreters();
    bringIn(h, [INT2]);
    h.act(FAC, { type: 'interpreter.link', memberId: INT, interpretsFor: link(PAT, 'sign') });
    h.act(FAC, { type: 'interpreter.link', memberId: INT2, interpretsFor: link(HCW, 'sign') });
    return h;
  }

  it('the patient party holds the floor: the patient’s sign interpreter may speak, the clinician’s may not', () => {
    const h = linked();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'patient' } });
    expect(h.media(INT)?.canPublishAudio).toBe(true);
    expect(h.media(INT2)?.canPublishAudio).toBe(false);
    expect(h.media(INT2)?.canPublishVideo).toBe(true);
  });

  it('a person holds it: the interpreter of anyone of that person’s party may speak', () => {
    const h = linked();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: HCW_SUP } });
    expect(h.media(INT2)?.canPublishAudio).toBe(true);
    expect(h.media(INT)?.canPublishAudio).toBe(false);
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: PAT } });
    expect(h.media(INT)?.canPublishAudio).toBe(true);
    expect(h.media(INT2)?.canPublishAudio).toBe(false);
  });

  it('nobody holds it (the facilitators speak): every interpreter may speak', () => {
    const h = linked();
    expect(h.state.floor.holder).toBeNull();
    expect(h.media(INT)?.canPublishAudio).toBe(true);
    expect(h.media(INT2)?.canPublishAudio).toBe(true);
    expect(h.media(HCW)?.canPublishAudio).toBe(false);
  });

  it('a spoken-language interpreter may speak in every turn: they voice the story for their person', () => {
    const h = linked();
    h.act(FAC, { type: 'interpreter.link', memberId: INT2, interpretsFor: link(HCW, 'spoken') });
    for (const party of ['patient', 'hcw'] as const) {
      h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party } });
      expect(h.media(INT2)?.canPublishAudio, party).toBe(true);
    }
    // The sign interpreter of the patient still only in the patient's turn.
    expect(h.media(INT)?.canPublishAudio).toBe(false);
    // And the clinician themself is still protected against: only the holding party speaks.
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'patient' } });
    expect(h.media(HCW)?.canPublishAudio).toBe(false);
  });

  it('an unlinked interpreter may speak in every turn, as before links existed', () => {
    const h = meeting({ floorMode: 'protected' });
    for (const party of ['patient', 'hcw'] as const) {
      h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party } });
      expect(h.media(INT)?.canPublishAudio, party).toBe(true);
    }
  });

  it('re-linking moves the right to speak with the link; gentle mode and pauses as for everyone', () => {
    const h = linked();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'hcw' } });
    expect(h.media(INT)?.canPublishAudio).toBe(false);
    h.act(FAC, { type: 'interpreter.link', memberId: INT, interpretsFor: link(HCW_SUP, 'sign') });
    expect(h.media(INT)?.canPublishAudio).toBe(true);
    h.act(FAC, { type: 'interpreter.link', memberId: INT2, interpretsFor: link(PAT, 'sign') });
    expect(h.media(INT2)?.canPublishAudio).toBe(false);
    h.act(FAC, { type: 'floor.setMode', mode: 'gentle' });
    expect(h.media(INT2)?.canPublishAudio).toBe(true);
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    expect(h.media(INT)?.canPublishAudio).toBe(false);
  });
});

describe('private conversations: an interpreter goes with their person', () => {
  it('opening a caucus with the patient brings the patient’s interpreter; closing brings them back', () => {
    const h = meeting();
    h.act(FAC, { type: 'interpreter.link', memberId: INT, interpretsFor: link(PAT, 'sign') });
    h.act(FAC, { type: 'sideRoom.open', memberIds: [PAT], facilitatorIds: [], purpose: 'caucus' });
    const room = h.state.sideRooms[0]!;
    expect(room.memberIds).toEqual([PAT, INT]);
    expect(h.member(INT).sideRoomId).toBe(room.id);
    expect(h.media(INT)?.room).toBe(room.id);
    h.act(FAC, { type: 'sideRoom.close', sideRoomId: room.id });
    expect(h.member(INT).sideRoomId).toBeNull();
  });

  it('a linked interpreter never joins the other party’s private conversation', () => {
    const h = meeting();
    h.act(FAC, { type: 'interpreter.link', memberId: INT, interpretsFor: link(PAT) });
    h.refuses(
      FAC,
      { type: 'sideRoom.open', memberIds: [HCW, INT], facilitatorIds: [], purpose: 'caucus' },
      'INVALID_STATE',
    );
    // Unlinked, an interpreter may go with anyone (as before).
    h.act(FAC, { type: 'interpreter.link', memberId: INT, interpretsFor: null });
    h.act(FAC, {
      type: 'sideRoom.open',
      memberIds: [HCW, INT],
      facilitatorIds: [],
      purpose: 'caucus',
    });
  });

  it('when their person leaves the private room, the interpreter leaves with them', () => {
    const h = meeting();
    h.act(FAC, { type: 'interpreter.link', memberId: INT, interpretsFor: link(PAT) });
    h.act(FAC, {
      type: 'sideRoom.open',
      memberIds: [PAT, PAT_SUP],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    h.act(PAT, { type: 'self.leave' });
    const room = h.state.sideRooms[0]!;
    expect(room.memberIds).toEqual([PAT_SUP]);
    expect(h.member(INT).sideRoomId).toBeNull();
  });
});
