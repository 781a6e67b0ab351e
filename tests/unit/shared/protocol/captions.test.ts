// Issue 17 item 2: the caption line's schema, and who hears the main room (receives captions) and
// who may send them, read from real views of a real room state.
import { describe, expect, it } from 'vitest';
import {
  CAPTION_LIMITS,
  CAPTION_SEND_SCHEMA,
  captionText,
  captionerPresent,
  hearsMainRoom,
  maySendCaptions,
} from '../../../../shared/protocol/captions';
import { toRoomView } from '../../../../shared/room/views';
import {
  CAP,
  connect,
  EVERYONE,
  FAC,
  HCW,
  join,
  meeting,
  OBS,
  PAT,
  without,
} from '../room/helpers';

describe('CAPTION_SEND_SCHEMA', () => {
  it('takes a line number, its text (possibly empty) and whether it is final', () => {
    for (const ok of [
      { line: 0, text: '', final: false },
      { line: 1_764_000_000_000, text: 'We are starting now.', final: true },
      { line: 2, text: 'é'.repeat(CAPTION_LIMITS.chars), final: false },
    ]) {
      expect(CAPTION_SEND_SCHEMA.safeParse(ok).success, JSON.stringify(ok)).toBe(true);
    }
  });

  it.each([
    ['too long', { line: 1, text: 'a'.repeat(CAPTION_LIMITS.chars + 1), final: false }],
    ['a line break', { line: 1, text: 'one\ntwo', final: false }],
    ['another control character', { line: 1, text: 'bell\u0007', final: false }],
    ['a right-to-left override', { line: 1, text: 'evil \u202etxt.exe', final: false }],
    ['a bidirectional isolate', { line: 1, text: 'a \u2067b\u2069 c', final: false }],
    ['a negative line', { line: -1, text: 'x', final: false }],
    ['a fractional line', { line: 1.5, text: 'x', final: false }],
    ['no text', { line: 1, final: false }],
    ['text not a string', { line: 1, text: 42, final: false }],
    ['final missing', { line: 1, text: 'x' }],
    [
      'an extra field (who it is from is the server’s to say)',
      { line: 1, text: 'x', final: false, by: 'pat' },
    ],
    ['not an object', 'hello'],
  ])('refuses %s', (_what, payload) => {
    expect(CAPTION_SEND_SCHEMA.safeParse(payload).success).toBe(false);
  });
});

describe('who hears the main room, and who may caption', () => {
  it('everyone admitted in the main room hears it; only the captioner may send', () => {
    const h = meeting();
    for (const id of EVERYONE) {
      expect(hearsMainRoom(h.view(id)), id).toBe(true);
      expect(maySendCaptions(h.view(id)), id).toBe(id === CAP);
    }
  });

  it('nobody in a side room, not the captioner either', () => {
    const h = meeting();
    h.act(FAC, { type: 'sideRoom.open', memberIds: [PAT], facilitatorIds: [], purpose: 'caucus' });
    expect(hearsMainRoom(h.view(PAT))).toBe(false);
    expect(hearsMainRoom(h.view(FAC))).toBe(false);
    expect(hearsMainRoom(h.view(HCW))).toBe(true);
    h.act(FAC, { type: 'sideRoom.close', sideRoomId: h.state.sideRooms[0]!.id });
    h.act(FAC, { type: 'sideRoom.open', memberIds: [CAP], facilitatorIds: [], purpose: 'caucus' });
    expect(maySendCaptions(h.view(CAP))).toBe(false);
  });

  it('nobody waiting in the lobby, and nobody after the end', () => {
    const h = meeting({ present: without(EVERYONE, CAP, OBS) });
    join(h, [CAP, OBS]);
    expect(hearsMainRoom(h.view(OBS))).toBe(false);
    expect(maySendCaptions(h.view(CAP))).toBe(false);
    h.act(FAC, { type: 'lobby.admit', memberId: CAP });
    expect(maySendCaptions(h.view(CAP))).toBe(true);
    h.act(FAC, { type: 'meeting.end' });
    for (const id of without(EVERYONE, OBS)) {
      const view = toRoomView(h.state, id);
      expect(hearsMainRoom(view), id).toBe(false);
      expect(maySendCaptions(view), id).toBe(false);
    }
    expect(hearsMainRoom(null)).toBe(false);
  });

  it('tells the facilitators when a captioner is here', () => {
    const h = meeting({ present: without(EVERYONE, CAP) });
    expect(captionerPresent(h.view(FAC))).toBe(false);
    connect(h, [CAP]);
    join(h, [CAP]);
    expect(captionerPresent(h.view(FAC))).toBe(false);
    h.act(FAC, { type: 'lobby.admit', memberId: CAP });
    expect(captionerPresent(h.view(FAC))).toBe(true);
    h.system({ type: 'system.disconnect', memberId: CAP });
    expect(captionerPresent(h.view(FAC))).toBe(false);
  });
});

describe('the captioner in the room (research/domain.md §5.1)', () => {
  it('never speaks, takes no floor, proposes nothing, consents to nothing', () => {
    const h = meeting({ floorMode: 'gentle' });
    expect(h.media(CAP)).toEqual({ room: 'main', canPublishAudio: false, canPublishVideo: false });
    h.act(FAC, { type: 'floor.open', open: true });
    expect(h.media(CAP)?.canPublishAudio).toBe(false);
    const can = h.view(CAP).me.can;
    expect(can.requestFloor).toBeFalsy();
    expect(can.propose).toBeFalsy();
    expect(can.passFloor).toBeFalsy();
    h.refuses(CAP, { type: 'floor.request' }, 'FORBIDDEN');
    // What they may do: ask for a pause, write to the facilitators, step out, leave.
    expect(can.requestPause).toBe(true);
    expect(can.messageFacilitators).toBe(true);
    expect(can.leave).toBe(true);
  });
});

describe('captionText (what the typing surface sends)', () => {
  it('turns line breaks, control and bidirectional control characters into one space', () => {
    expect(captionText('one\r\ntwo')).toBe('one two');
    expect(captionText('a\u202e\u2066b\u0007c')).toBe('a b c');
    expect(
      CAPTION_SEND_SCHEMA.safeParse({ line: 1, text: captionText('x\u202ey'), final: false })
        .success,
    ).toBe(true);
  });

  it('keeps every script as typed, joiners included (Persian, emoji)', () => {
    for (const text of ['Nous commençons', 'می\u200cخواهم', 'שלום', '👩\u200d⚕️'])
      expect(captionText(text)).toBe(text);
  });
});
