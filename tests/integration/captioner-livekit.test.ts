import type { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, createMeeting, type Client, type TestServer } from '../support/server';
import {
  joinCall,
  publishMic,
  readUntil,
  sfuMics,
  startSfuStack,
  type SfuStack,
} from '../support/sfu';

/**
 * Issue 17, item 2, at the real SFU: a captioner (CART) is in the call to hear it, and may publish
 * nothing at all, whoever holds the floor and in a gentle floor too. Read from LiveKit's own
 * participant list, and tried with a real WebRTC participant.
 */
describe('a captioner publishes nothing at the SFU (real LiveKit)', () => {
  let s: TestServer;
  let svc: RoomServiceClient;
  let fac: Client;
  let t: SfuStack;

  beforeAll(async () => {
    t = await startSfuStack();
    ({ s, svc } = t);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('never a microphone or a camera right, in any floor; the others keep theirs', async () => {
    const m = await createMeeting(
      s,
      [
        { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
        { key: 'captioner', name: 'Kim Captioner', party: 'other', role: 'captioner' },
      ],
      'gentle',
    );
    fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    t.opened.sockets.push(fac);
    await fac.waitFor((v) => v.me.status === 'admitted');
    const join = (key: 'patient' | 'captioner') =>
      joinCall(t, { fac, token: m.people[key]!.token, memberId: m.people[key]!.id });
    const patient = await join('patient');
    const captioner = await join('captioner');
    expect(await fac.command({ type: 'meeting.start' })).toMatchObject({ ok: true });
    const lkRoom = `cg_${m.meetingId}`;
    const rights = async () =>
      Object.fromEntries(
        (await svc.listParticipants(lkRoom)).map((p) => [
          p.identity,
          {
            canPublish: p.permission?.canPublish ?? false,
            sources: p.permission?.canPublishSources.length ?? 0,
            canSubscribe: p.permission?.canSubscribe ?? false,
          },
        ]),
      );

    // A gentle floor, nobody holding it: the patient may speak, the captioner may not.
    const open = await readUntil(
      () => sfuMics(svc, lkRoom),
      (x) => x[patient.id]?.canPublishMic === true && captioner.id in x,
    );
    expect(open[captioner.id]!.canPublishMic).toBe(false);
    const r = (await rights())[captioner.id]!;
    expect(r.canSubscribe).toBe(true);
    expect(r.canPublish && r.sources > 0).toBe(false);
    expect(await publishMic(captioner.room)).toBe(false);
    expect(await publishMic(patient.room)).toBe(true);

    // The patient's party holds a protected floor: still nothing for the captioner.
    expect(await fac.command({ type: 'floor.setMode', mode: 'protected' })).toMatchObject({
      ok: true,
    });
    expect(
      await fac.command({ type: 'floor.give', holder: { kind: 'party', party: 'patient' } }),
    ).toMatchObject({ ok: true });
    await s.app.rooms.idle();
    const held = await sfuMics(svc, lkRoom);
    expect(held[patient.id]!.canPublishMic).toBe(true);
    expect(held[captioner.id]!.canPublishMic).toBe(false);
    expect(await publishMic(captioner.room)).toBe(false);
  });
});
