import { describe, expect, it } from 'vitest';
import type { MeetingDto, PersonDto } from '../../shared/protocol/http';
import type { InterpreterLink } from '../../shared/room/interpreters/mode';
import { apiCall, useTestServer } from '../support/lifecycle';
import {
  addCofacilitator,
  api,
  connect,
  createMeeting,
  type Client,
  type TestServer,
} from '../support/server';

/**
 * Issue 17: the facilitator changes whom an interpreter interprets for on the case page
 * (POST /api/cases/:caseId/people/:personId/interpreter). The person's record changes, and so does
 * every meeting not ended that has the interpreter (system.linkInterpreter); an ended meeting keeps
 * the link it had. Real server, fake LiveKit gateway.
 */
describe('an interpreter’s link changed on the case page', () => {
  let s: TestServer;
  const clients: Client[] = [];
  useTestServer((x) => (s = x), clients);

  const people = [
    { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
    { key: 'cli', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
    {
      key: 'int',
      name: 'Sam Signs',
      party: 'other',
      role: 'interpreter',
      interpretsFor: { key: 'pat', mode: 'spoken' },
    },
    { key: 'int2', name: 'Alex Words', party: 'other', role: 'interpreter' },
  ] as const;

  const setLink = (caseId: string, personId: string, body: unknown, cookie?: string) =>
    apiCall(s, 'POST', `/cases/${caseId}/people/${personId}/interpreter`, body, cookie);
  const stored = async (id: string): Promise<InterpreterLink | null> =>
    (await s.app.store.personById(id))?.interpretsFor ?? null;
  const inRoom = async (meetingId: string, id: string) =>
    (await s.app.rooms.handle(meetingId))!.state.members[id]?.interpretsFor ?? null;

  it('refuses with the right status and changes nothing', async () => {
    const m = await createMeeting(s, [...people]);
    const other = await createMeeting(s, [
      { key: 'pia', name: 'Pia Other', party: 'patient', role: 'patient' },
      { key: 'oint', name: 'Olly Other', party: 'other', role: 'interpreter' },
    ]);
    const id = (k: string) => m.people[k]!.id;
    const before = { memberId: id('pat'), mode: 'spoken' };
    expect(await stored(id('int'))).toEqual(before);
    const colleague = await addCofacilitator(s, m.caseId);
    const outsider = await addCofacilitator(s, other.caseId, 'Olive Outsider');
    await s.app.rooms.idle();
    const version = (await s.app.rooms.handle(m.meetingId))!.state.version;
    const link = (memberId: string) => ({ interpretsFor: { memberId, mode: 'sign' } });

    const refusals: [
      string,
      Promise<{ status: number; body: { error?: { code: string } } }>,
      number,
      string,
    ][] = [
      ['an unknown person', setLink(m.caseId, 'nobody-here', link(id('cli'))), 404, 'NOT_FOUND'],
      [
        'another case’s interpreter',
        setLink(m.caseId, other.people.oint!.id, link(id('cli'))),
        404,
        'NOT_FOUND',
      ],
      ['not an interpreter', setLink(m.caseId, id('cli'), link(id('pat'))), 400, 'INVALID_STATE'],
      ['oneself', setLink(m.caseId, id('int'), link(id('int'))), 400, 'INVALID_PAYLOAD'],
      [
        'another case’s person',
        setLink(m.caseId, id('int'), link(other.people.pia!.id)),
        404,
        'NOT_FOUND',
      ],
      ['another interpreter', setLink(m.caseId, id('int'), link(id('int2'))), 409, 'CONFLICT'],
      [
        'a mode that does not exist',
        setLink(m.caseId, id('int'), { interpretsFor: { memberId: id('cli'), mode: 'mime' } }),
        400,
        'INVALID_PAYLOAD',
      ],
      ['no body', setLink(m.caseId, id('int'), {}), 400, 'INVALID_PAYLOAD'],
      [
        'an extra field',
        setLink(m.caseId, id('int'), { ...link(id('cli')), role: 'patient' }),
        400,
        'INVALID_PAYLOAD',
      ],
      [
        'a co-facilitator (not the lead)',
        setLink(m.caseId, id('int'), link(id('cli')), colleague.cookie),
        403,
        'FORBIDDEN',
      ],
      [
        'the lead of another case',
        setLink(other.caseId, id('int'), link(id('cli'))),
        404,
        'NOT_FOUND',
      ],
    ];
    for (const [what, answer, status, code] of refusals) {
      const r = await answer;
      expect(r.status, what).toBe(status);
      expect(r.body.error?.code, what).toBe(code);
    }
    // A facilitator of another case learns nothing.
    const r = await setLink(m.caseId, id('int'), link(id('cli')), outsider.cookie);
    expect(r.status).toBe(404);

    await s.app.rooms.idle();
    expect(await stored(id('int'))).toEqual(before);
    expect(await stored(id('cli'))).toBeNull();
    expect(await stored(other.people.oint!.id)).toBeNull();
    expect((await s.app.rooms.handle(m.meetingId))!.state.version).toBe(version);
    expect(await inRoom(m.meetingId, id('int'))).toEqual(before);

    // A closed case changes no more.
    await api(s, 'POST', `/cases/${other.caseId}/close`);
    const closed = await setLink(other.caseId, other.people.oint!.id, link(other.people.pia!.id));
    expect(closed.status).toBe(409);
    expect(await stored(other.people.oint!.id)).toBeNull();
  });

  it('the person and every open meeting follow; an ended meeting keeps its link', async () => {
    const m = await createMeeting(s, [...people]);
    const id = (k: string) => m.people[k]!.id;
    // An ended meeting of the case, and a preparation meeting without the interpreter's person.
    const ended = await api<MeetingDto>(s, 'POST', `/cases/${m.caseId}/meetings`, {
      title: 'Earlier meeting',
    });
    const endedFac = await connect(s, { meetingId: ended.id, cookie: s.facilitator.cookie });
    clients.push(endedFac);
    await endedFac.waitFor((v) => v.me.status === 'admitted');
    expect(await endedFac.command({ type: 'meeting.end' })).toMatchObject({ ok: true });
    const prep = await api<MeetingDto>(s, 'POST', `/cases/${m.caseId}/meetings`, {
      title: 'Preparation',
      kind: 'prep',
      memberIds: [id('int'), id('int2')],
    });

    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    clients.push(fac);
    await fac.waitFor((v) => v.me.status === 'admitted');
    // The interpreter is let in: the room shows everyone an admitted person's link.
    const int = await connect(s, { invite: m.people.int!.token });
    clients.push(int);
    expect(await int.command({ type: 'lobby.join' })).toMatchObject({ ok: true });
    expect(await fac.command({ type: 'lobby.admit', memberId: id('int') })).toMatchObject({
      ok: true,
    });
    const warnings = s.logLines.length;

    const r = await setLink(m.caseId, id('int'), {
      interpretsFor: { memberId: id('cli'), mode: 'sign' },
    });
    expect(r.status).toBe(200);
    const person = r.body as unknown as PersonDto;
    expect(person).toMatchObject({
      id: id('int'),
      role: 'interpreter',
      interpretsFor: { memberId: id('cli'), mode: 'sign' },
    });
    expect(person).not.toHaveProperty('caseId');
    expect(await stored(id('int'))).toEqual({ memberId: id('cli'), mode: 'sign' });

    // The open meeting's facilitator sees the new link in their view.
    const seen = (v: { members: { id: string; interpretsFor: InterpreterLink | null }[] }) =>
      v.members.find((x) => x.id === id('int'))?.interpretsFor ?? null;
    await fac.waitFor((v) => seen(v)?.memberId === id('cli') && seen(v)?.mode === 'sign');
    // The ended meeting does not change; the preparation meeting (no such person) keeps its own.
    await s.app.rooms.idle();
    expect(await inRoom(ended.id, id('int'))).toEqual({ memberId: id('pat'), mode: 'spoken' });
    expect(await inRoom(prep.id, id('int'))).toBeNull();
    expect(s.logLines.slice(warnings).filter((l) => l.includes('room_refused'))).toEqual([]);

    // Unlinked: everywhere it follows, and the case page shows no link.
    const off = await setLink(m.caseId, id('int'), { interpretsFor: null });
    expect(off.status).toBe(200);
    expect(off.body).not.toHaveProperty('interpretsFor');
    expect(await stored(id('int'))).toBeNull();
    await fac.waitFor((v) => seen(v) === null);
    const c = await api<{ people: PersonDto[] }>(s, 'GET', `/cases/${m.caseId}`);
    expect(c.people.find((p) => p.id === id('int'))?.interpretsFor).toBeUndefined();
    expect(await inRoom(ended.id, id('int'))).toEqual({ memberId: id('pat'), mode: 'spoken' });
  });
});
