import type { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, createMeeting, type Client, type TestServer } from '../support/server';
import {
  joinCall,
  publishMic,
  readUntil as until,
  sfuMics,
  startSfuStack,
  type SfuStack,
} from '../support/sfu';

/**
 * Against the real LiveKit server, with real WebRTC participants (@livekit/rtc-node): protected
 * mode is enforced by the SFU, a pause mutes every participant microphone at the server, and
 * nobody is unmuted after resume without their own action.
 */
describe('LiveKit permissions follow the room state (real SFU)', () => {
  let s: TestServer;
  let svc: RoomServiceClient;
  let fac: Client;
  let t: SfuStack;
  let meeting: Awaited<ReturnType<typeof createMeeting>>;
  const lkRoom = () => `cg_${meeting.meetingId}`;

  const join = (key: 'patient' | 'clinician') =>
    joinCall(t, { fac, token: meeting.people[key]!.token, memberId: meeting.people[key]!.id });
  const serverMics = () => sfuMics(svc, lkRoom());

  beforeAll(async () => {
    t = await startSfuStack();
    ({ s, svc } = t);
    meeting = await createMeeting(
      s,
      [
        { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
        { key: 'clinician', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
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

  it('protected floor: only the holder can publish a microphone; pause mutes; resume unmutes nobody', async () => {
    const patient = await join('patient');
    const clinician = await join('clinician');
    expect(await fac.command({ type: 'meeting.start' })).toMatchObject({ ok: true });

    // Opening phase: nobody holds the floor, so in protected mode no participant may publish a mic.
    expect(await publishMic(clinician.room)).toBe(false);

    // The patient party gets the floor: the SFU now lets the patient publish, not the clinician.
    expect(
      await fac.command({ type: 'floor.give', holder: { kind: 'party', party: 'patient' } }),
    ).toMatchObject({ ok: true });
    await until(serverMics, (m) => m[patient.id]?.canPublishMic === true);
    expect(await publishMic(patient.room)).toBe(true);
    const during = await until(serverMics, (m) => m[patient.id]?.liveMic === true);
    expect(during[clinician.id]).toEqual({ canPublishMic: false, liveMic: false });
    expect(await publishMic(clinician.room)).toBe(false);

    // Pause: every participant microphone is muted at the server.
    expect(
      await fac.command({ type: 'pause.start', message: null, breakMinutes: 5 }),
    ).toMatchObject({ ok: true });
    // (The mute lands first, the permission change right after: wait for both.)
    const paused = await until(
      serverMics,
      (m) => Object.values(m).every((x) => !x.liveMic) && m[patient.id]?.canPublishMic === false,
    );
    expect(Object.values(paused).every((x) => !x.liveMic && !x.canPublishMic)).toBe(true);

    // Resume: rights come back, but nobody's microphone is live until they publish it themselves.
    expect(await fac.command({ type: 'pause.resume' })).toMatchObject({ ok: true });
    const resumed = await until(serverMics, (m) => m[patient.id]?.canPublishMic === true);
    expect(resumed[patient.id]!.liveMic).toBe(false);
    expect(resumed[clinician.id]!.liveMic).toBe(false);
    // ...and the patient's own action brings it back.
    expect(await publishMic(patient.room)).toBe(true);
    await until(serverMics, (m) => m[patient.id]?.liveMic === true);

    // Background noise: a facilitator mutes the patient at the server. The patient keeps the
    // right to unmute, and nobody else can unmute them.
    expect(await fac.command({ type: 'member.mute', memberId: patient.id })).toMatchObject({
      ok: true,
    });
    const muted = await until(serverMics, (m) => m[patient.id]?.liveMic === false);
    expect(muted[patient.id]!.canPublishMic).toBe(true);
    expect(
      await clinician.socket.command({ type: 'member.mute', memberId: patient.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
