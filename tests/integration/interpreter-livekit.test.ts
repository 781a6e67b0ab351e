import type { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDto, PersonDto } from '../../shared/protocol/http';
import { api, connect, createMeeting, type Client, type TestServer } from '../support/server';
import {
  joinCall,
  publishMic,
  readUntil as until,
  sfuMics,
  startSfuStack,
  type SfuStack,
} from '../support/sfu';

/**
 * Issue 17, item 3, through the real server and the real LiveKit SFU: an interpreter linked on
 * their invite (and one linked in the room by the facilitator) may publish a microphone during a
 * protected floor exactly while their person's party holds it. The SFU's own permissions are read.
 */
describe('interpreters on a protected floor (real SFU)', () => {
  let s: TestServer;
  let svc: RoomServiceClient;
  let fac: Client;
  let t: SfuStack;
  let meeting: Awaited<ReturnType<typeof createMeeting>>;
  const lkRoom = () => `cg_${meeting.meetingId}`;
  type Key = 'patient' | 'clinician' | 'patientInterpreter' | 'clinicianInterpreter';
  const id = (key: Key) => meeting.people[key]!.id;

  const join = (key: Key) =>
    joinCall(t, { fac, token: meeting.people[key]!.token, memberId: id(key) });

  /** Who may publish a microphone, as the SFU itself says. */
  const micRights = async () =>
    Object.fromEntries(
      Object.entries(await sfuMics(svc, lkRoom())).map(([who, m]) => [who, m.canPublishMic]),
    );

  beforeAll(async () => {
    t = await startSfuStack();
    ({ s, svc } = t);
    meeting = await createMeeting(
      s,
      [
        { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
        { key: 'clinician', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
        {
          key: 'patientInterpreter',
          name: 'Sam Signs',
          party: 'other',
          role: 'interpreter',
          interpretsFor: { key: 'patient', mode: 'sign' },
        },
        { key: 'clinicianInterpreter', name: 'Alex Words', party: 'other', role: 'interpreter' },
      ],
      'protected',
    );
    fac = await connect(s, { meetingId: meeting.meetingId, cookie: s.facilitator.cookie });
    t.opened.sockets.push(fac);
    await fac.waitFor((v) => v.me.status === 'admitted');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('the link set on the invite is stored with the person and reaches the room', async () => {
    const c = await api<CaseDto>(s, 'GET', `/cases/${meeting.caseId}`);
    const interp = c.people.find((p) => p.id === id('patientInterpreter'));
    expect(interp?.interpretsFor).toEqual({ memberId: id('patient'), mode: 'sign' });
    expect(
      c.people.find((p) => p.id === id('clinicianInterpreter'))?.interpretsFor,
    ).toBeUndefined();
    const view = await fac.waitFor((v) => v.facilitator !== null);
    expect(view.facilitator!.lobby.find((m) => m.id === id('patientInterpreter'))).toBeTruthy();
  });

  it('the invite form refuses a link to an unknown person, to an interpreter, or on another role', async () => {
    const refused = async (body: object) => {
      try {
        await api<PersonDto>(s, 'POST', `/cases/${meeting.caseId}/people`, body);
        return 0;
      } catch (e) {
        return (e as { status: number }).status;
      }
    };
    const base = { displayName: 'Jo Hands', party: 'other', role: 'interpreter' };
    expect(await refused({ ...base, interpretsFor: { memberId: 'nobody', mode: 'sign' } })).toBe(
      404,
    );
    expect(
      await refused({
        ...base,
        interpretsFor: { memberId: id('clinicianInterpreter'), mode: 'spoken' },
      }),
    ).toBe(409);
    expect(
      await refused({
        displayName: 'Jo Support',
        party: 'patient',
        role: 'patient_support',
        interpretsFor: { memberId: id('patient'), mode: 'spoken' },
      }),
    ).toBe(400);
    const c = await api<CaseDto>(s, 'GET', `/cases/${meeting.caseId}`);
    expect(c.people).toHaveLength(4);
  });

  it('protected floor: a sign interpreter may publish a microphone in their party’s turn only, a spoken one in every turn', async () => {
    await join('patient');
    await join('clinician');
    const pInt = await join('patientInterpreter');
    const cInt = await join('clinicianInterpreter');
    // Linked in the room by the facilitator; a participant may not do it.
    expect(
      await pInt.socket.command({
        type: 'interpreter.link',
        memberId: id('clinicianInterpreter'),
        interpretsFor: { memberId: id('clinician'), mode: 'spoken' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await fac.command({
        type: 'interpreter.link',
        memberId: id('clinicianInterpreter'),
        interpretsFor: { memberId: id('clinician'), mode: 'spoken' },
      }),
    ).toMatchObject({ ok: true });
    // Everyone sees whom each interpreter is for.
    const seen = await pInt.socket.waitFor(
      (v) =>
        v.members.find((m) => m.id === id('clinicianInterpreter'))?.interpretsFor?.memberId ===
        id('clinician'),
    );
    expect(seen.members.find((m) => m.id === id('clinicianInterpreter'))?.interpretsFor).toEqual({
      memberId: id('clinician'),
      mode: 'spoken',
    });
    // ...and it is the interpreter's link on the case from now on.
    const c = await api<CaseDto>(s, 'GET', `/cases/${meeting.caseId}`);
    expect(c.people.find((p) => p.id === id('clinicianInterpreter'))?.interpretsFor).toEqual({
      memberId: id('clinician'),
      mode: 'spoken',
    });
    expect(await fac.command({ type: 'meeting.start' })).toMatchObject({ ok: true });

    // The patient party holds the floor.
    expect(
      await fac.command({ type: 'floor.give', holder: { kind: 'party', party: 'patient' } }),
    ).toMatchObject({ ok: true });
    const patientTurn = await until(
      micRights,
      (m) => m[id('patient')] === true && m[id('patientInterpreter')] === true,
    );
    // The clinician's spoken-language interpreter voices the patient's story for the clinician.
    expect(patientTurn[id('clinicianInterpreter')]).toBe(true);
    expect(patientTurn[id('clinician')]).toBe(false);
    expect(await publishMic(pInt.room)).toBe(true);
    expect(await publishMic(cInt.room)).toBe(true);

    // The clinician (a person) holds it: the rights swap at the SFU.
    expect(
      await fac.command({
        type: 'floor.give',
        holder: { kind: 'person', memberId: id('clinician') },
      }),
    ).toMatchObject({ ok: true });
    // The patient's sign-language interpreter signs the clinician's story: no microphone then.
    const clinicianTurn = await until(
      micRights,
      (m) => m[id('clinician')] === true && m[id('patientInterpreter')] === false,
    );
    expect(clinicianTurn[id('clinicianInterpreter')]).toBe(true);
    expect(clinicianTurn[id('patient')]).toBe(false);
  });
});
