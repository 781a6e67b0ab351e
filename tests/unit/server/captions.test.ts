// Issue 17 item 2 on the server, with fakes of Socket.IO: the relay's rule (who may send, what is
// refused, with which typed error, and that nothing goes out on a refusal), the caption audience
// following each person's view, and a captioner not gating a joint meeting's start.
import { describe, expect, it } from 'vitest';
import { CAPTION_LIMITS, type CaptionLine } from '../../../shared/protocol/captions';
import type { Ack } from '../../../shared/protocol/errors';
import type { Role } from '../../../shared/room/roles';
import {
  captionChannel,
  followCaptions,
  relayCaption,
  type CaptionFanout,
  type CaptionSocket,
} from '../../../server/src/realtime/captions';
import { gateItems, type GateStore } from '../../../server/src/rooms/prepGate';
import type { PersonRecord } from '../../../server/src/store/ports';
import { CAP, EVERYONE, FAC, join, meeting, PAT, without } from '../shared/room/helpers';

function fakeSocket(inAudience: boolean) {
  const sent: { room: string; line: CaptionLine }[] = [];
  const socket: CaptionSocket = {
    id: 'sock-cap',
    rooms: new Set(inAudience ? ['m:mtg:cap', captionChannel('mtg')] : ['m:mtg:cap']),
  };
  const fanout: CaptionFanout = (meetingId, line, except) => {
    expect(except).toBe('sock-cap');
    sent.push({ room: captionChannel(meetingId), line });
  };
  return { socket, fanout, sent };
}

function send(o: { role?: Role; inAudience?: boolean; budget?: boolean }, payload: unknown) {
  const { socket, fanout, sent } = fakeSocket(o.inAudience ?? true);
  let strikes = 0;
  let answer: Ack<null> | undefined;
  relayCaption(
    {
      socket,
      fanout,
      meetingId: 'mtg',
      memberId: 'cap',
      role: o.role ?? 'captioner',
      budget: { take: () => o.budget ?? true },
      strike: () => void strikes++,
    },
    payload,
    (res) => void (answer = res),
  );
  return { sent, strikes, answer: answer! };
}

const LINE = { line: 7, text: 'We can begin when you are ready', final: false };

describe('relayCaption', () => {
  it('passes a captioner’s line to the meeting’s caption audience, saying who it is from', () => {
    const { sent, answer, strikes } = send({}, LINE);
    expect(answer).toEqual({ ok: true, data: null });
    expect(sent).toEqual([{ room: captionChannel('mtg'), line: { ...LINE, by: 'cap' } }]);
    expect(strikes).toBe(0);
  });

  it.each<Role>(['patient', 'hcw', 'facilitator', 'interpreter', 'observer'])(
    'refuses a %s with FORBIDDEN, sends nothing, counts a strike',
    (role) => {
      const { sent, answer, strikes } = send({ role }, LINE);
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(sent).toEqual([]);
      expect(strikes).toBe(1);
    },
  );

  it('refuses a captioner outside the main room (side room, lobby, after the end)', () => {
    const { sent, answer } = send({ inAudience: false }, LINE);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(sent).toEqual([]);
  });

  it('refuses over the caption rate with RATE_LIMITED', () => {
    const { sent, answer } = send({ budget: false }, LINE);
    expect(answer).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(sent).toEqual([]);
  });

  it('refuses a malformed line with INVALID_PAYLOAD and never repeats the text', () => {
    const secret = 'Secret words that must not echo';
    const payload = { ...LINE, text: `${secret}\n${'x'.repeat(CAPTION_LIMITS.chars)}` };
    const { sent, answer, strikes } = send({}, payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(JSON.stringify(answer)).not.toContain('Secret');
    expect(sent).toEqual([]);
    expect(strikes).toBe(1);
  });
});

describe('followCaptions: the audience follows each person’s view', () => {
  function fakeIo() {
    const calls: string[] = [];
    const io = {
      in: (room: string) => ({
        socketsJoin: (r: string) => void calls.push(`join ${room} ${r}`),
        socketsLeave: (r: string) => void calls.push(`leave ${room} ${r}`),
      }),
    };
    return { io, calls };
  }

  it('joins someone who hears the main room once, and takes them out when they stop', () => {
    const { io, calls } = fakeIo();
    const h = meeting();
    const audience = captionChannel('mtg');
    followCaptions(io, 'mtg', PAT, 'm:pat', h.view(PAT));
    followCaptions(io, 'mtg', PAT, 'm:pat', h.view(PAT));
    expect(calls).toEqual([`join m:pat ${audience}`]);
    h.act(FAC, { type: 'sideRoom.open', memberIds: [PAT], facilitatorIds: [], purpose: 'caucus' });
    followCaptions(io, 'mtg', PAT, 'm:pat', h.view(PAT));
    // A leave is sent every time it applies: it never rests on what was remembered.
    followCaptions(io, 'mtg', PAT, 'm:pat', h.view(PAT));
    expect(calls.slice(1)).toEqual([`leave m:pat ${audience}`, `leave m:pat ${audience}`]);
    h.act(FAC, { type: 'sideRoom.close', sideRoomId: h.state.sideRooms[0]!.id });
    followCaptions(io, 'mtg', PAT, 'm:pat', h.view(PAT));
    expect(calls.at(-1)).toBe(`join m:pat ${audience}`);
  });

  it('keeps the lobby out, and everyone out after the end or without a view', () => {
    const { io, calls } = fakeIo();
    const h = meeting({ present: without(EVERYONE, CAP) });
    join(h, [CAP]);
    followCaptions(io, 'mtg2', CAP, 'm:cap', h.view(CAP));
    followCaptions(io, 'mtg2', FAC, 'm:fac', h.view(FAC));
    h.act(FAC, { type: 'meeting.end' });
    followCaptions(io, 'mtg2', FAC, 'm:fac', h.view(FAC));
    followCaptions(io, 'mtg2', PAT, 'm:pat', null);
    const audience = captionChannel('mtg2');
    expect(calls).toEqual([
      `leave m:cap ${audience}`,
      `join m:fac ${audience}`,
      `leave m:fac ${audience}`,
      `leave m:pat ${audience}`,
    ]);
  });
});

describe('the start gate of a joint meeting', () => {
  it('asks neither a readiness decision nor consent of a captioner', async () => {
    const people: PersonRecord[] = [
      {
        id: 'p1',
        caseId: 'c',
        displayName: 'Pat',
        party: 'patient',
        role: 'patient',
        language: 'en',
      },
      {
        id: 'k1',
        caseId: 'c',
        displayName: 'Kim',
        party: 'other',
        role: 'captioner',
        language: 'en',
      },
      {
        id: 'o1',
        caseId: 'c',
        displayName: 'Org',
        party: 'other',
        role: 'org_rep',
        language: 'en',
      },
    ];
    const store: GateStore = {
      meetingById: async () => ({
        id: 'm',
        caseId: 'c',
        title: 'Joint',
        createdAt: 0,
        status: 'open',
        floorMode: 'gentle',
        kind: 'joint',
      }),
      personById: async (id) => people.find((p) => p.id === id),
      memberIdsOf: async () => ['p1', 'k1', 'o1'],
      setMeetingMembers: async () => undefined,
      addMeetingMember: async () => undefined,
      latestReadiness: async () => [],
      latestConsent: async () => undefined,
    };
    const missing = await gateItems(store, 'm');
    // The organisation representative's 'other' party still needs its decision: not the captioner.
    expect(missing).toEqual([
      { code: 'readiness', party: 'patient', decision: null },
      { code: 'readiness', party: 'other', decision: null },
      { code: 'consent', personId: 'p1', reason: 'missing' },
      { code: 'consent', personId: 'o1', reason: 'missing' },
    ]);
    // With only the patient and the captioner: the patient's party and consent, nothing else.
    const two = { ...store, memberIdsOf: async () => ['p1', 'k1'] };
    expect(await gateItems(two, 'm')).toEqual([
      { code: 'readiness', party: 'patient', decision: null },
      { code: 'consent', personId: 'p1', reason: 'missing' },
    ]);
  });
});
