import { Room } from '@livekit/rtc-node';
import { AccessToken, RoomServiceClient, TokenVerifier, TrackSource } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaGrant } from '../../shared/protocol/events';
import { createLiveKitGateway } from '../../server/src/livekit/gateway';
import { lateGateway, startLiveKit, type LiveKitServer } from '../support/livekit';
import {
  connect,
  createMeeting,
  startTestServer,
  type Client,
  type ScriptedMeeting,
  type TestServer,
} from '../support/server';

/**
 * Issue 12, finding 3: the SFU holds exactly who the state says, with exactly the rights it says,
 * whatever tokens people kept. Real app, real LiveKit server (rooms are never auto-created), real
 * WebRTC participants (@livekit/rtc-node) joining with the tokens the app handed out earlier.
 */
describe('LiveKit holds only who the state says, with the rights it says (real SFU)', () => {
  let lk: LiveKitServer;
  let s: TestServer;
  let svc: RoomServiceClient;
  const sockets: Client[] = [];
  const calls: Room[] = [];

  beforeAll(async () => {
    // The app listens first: LiveKit's webhooks go to its port.
    const late = lateGateway();
    // The sweep runs only when a test asks (sweepMedia): each 2 s below is the join's own pass.
    s = await startTestServer({ livekit: late.gateway, mediaSweepMs: 3_600_000 });
    lk = await startLiveKit({ webhookUrl: `${s.url}/livekit/webhook` });
    late.set(createLiveKitGateway(lk));
    svc = new RoomServiceClient(`http://127.0.0.1:${lk.port}`, lk.apiKey, lk.apiSecret);
  }, 60_000);

  afterAll(async () => {
    for (const r of calls) await r.disconnect().catch(() => undefined);
    for (const c of sockets) c.close();
    await s?.close();
    await lk?.stop();
  });

  const mainRoom = (m: ScriptedMeeting) => `cg_${m.meetingId}`;

  async function meetingWith(people: 'patient' | 'both' = 'patient') {
    const m = await createMeeting(s, [
      { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
      ...(people === 'both'
        ? [{ key: 'clinician', name: 'Dr Casey Lee', party: 'hcw' as const, role: 'hcw' as const }]
        : []),
    ]);
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    sockets.push(fac);
    await fac.waitFor((v) => v.me.status === 'admitted');
    return { m, fac };
  }

  async function admit(m: ScriptedMeeting, fac: Client, key: string): Promise<Client> {
    const c = await connect(s, { invite: m.people[key]!.token });
    sockets.push(c);
    expect(await c.command({ type: 'lobby.join' })).toMatchObject({ ok: true });
    expect(await fac.command({ type: 'lobby.admit', memberId: m.people[key]!.id })).toMatchObject({
      ok: true,
    });
    await c.waitFor((v) => v.me.status === 'admitted');
    return c;
  }

  async function mediaToken(c: Client): Promise<MediaGrant> {
    const grant = await c.socket.timeout(5000).emitWithAck('media:token', {});
    if (!grant.ok) throw new Error(grant.error.message);
    return grant.data;
  }

  /** Joins LiveKit with a token; null when LiveKit refuses the join. */
  async function join(url: string, token: string): Promise<Room | null> {
    const room = new Room();
    calls.push(room);
    try {
      await room.connect(url, token, { autoSubscribe: false, dynacast: false });
      return room;
    } catch {
      return null;
    }
  }

  async function participant(room: string, identity: string) {
    try {
      return (await svc.listParticipants(room)).find((p) => p.identity === identity) ?? null;
    } catch {
      return null; // the room does not exist
    }
  }

  async function inRoom(room: string, identity: string): Promise<boolean> {
    return (await participant(room, identity)) !== null;
  }

  async function canPublishMic(room: string, identity: string): Promise<boolean | null> {
    const p = await participant(room, identity);
    if (!p) return null;
    return p.permission?.canPublishSources.includes(TrackSource.MICROPHONE) ?? false;
  }

  it('a removed person who kept their token is gone from the SFU within 2 s of joining with it', async () => {
    const { m, fac } = await meetingWith();
    const patient = await admit(m, fac, 'patient');
    const saved = await mediaToken(patient);
    const id = m.people.patient!.id;
    // Short-lived (the sync, not the expiry, is what removes people; LiveKit refreshes tokens).
    const claims = await new TokenVerifier(lk.apiKey, lk.apiSecret).verify(saved.token);
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(120);
    expect(claims.video).toMatchObject({ room: mainRoom(m), roomJoin: true });
    expect(claims.video?.roomCreate).toBeFalsy();
    // The token works while they are admitted (so what follows is the removal, not a bad token).
    expect(await join(saved.url, saved.token)).not.toBeNull();
    await expect.poll(() => inRoom(mainRoom(m), id), { timeout: 5000 }).toBe(true);

    expect(await fac.command({ type: 'member.remove', memberId: id })).toMatchObject({ ok: true });
    await expect.poll(() => inRoom(mainRoom(m), id), { timeout: 5000 }).toBe(false);

    // Back with the saved token: in the room for at most 2 s (the join may also be refused).
    for (let attempt = 0; attempt < 2; attempt++) {
      const again = await join(saved.url, saved.token);
      const joinedAt = Date.now();
      if (again) {
        await expect
          .poll(() => inRoom(mainRoom(m), id), { timeout: 2000, interval: 50 })
          .toBe(false);
        expect(Date.now() - joinedAt).toBeLessThan(2000);
      }
    }
    // ...and no new media token is minted for them (their socket was closed too).
    expect(await (await s.app.rooms.get(m.meetingId))!.mintToken(id)).toMatchObject({ ok: false });
  }, 30_000);

  it('a token from before a pause gives no microphone at the SFU after the pause began', async () => {
    const { m, fac } = await meetingWith();
    const patient = await admit(m, fac, 'patient');
    expect(await fac.command({ type: 'meeting.start' })).toMatchObject({ ok: true });
    const before = await mediaToken(patient);
    const id = m.people.patient!.id;
    expect(
      await fac.command({ type: 'pause.start', message: null, breakMinutes: 5 }),
    ).toMatchObject({ ok: true });

    const room = await join(before.url, before.token);
    expect(room).not.toBeNull();
    // The person stays (the state wants them here), without the microphone the old token granted.
    await expect
      .poll(() => canPublishMic(mainRoom(m), id), { timeout: 2000, interval: 50 })
      .toBe(false);
    const p = await participant(mainRoom(m), id);
    expect(p?.permission?.canPublishSources).toEqual([TrackSource.CAMERA]);
    expect(p?.permission?.canPublishData).toBe(false);

    // After the pause the right comes back at the SFU.
    expect(await fac.command({ type: 'pause.resume' })).toMatchObject({ ok: true });
    await expect.poll(() => canPublishMic(mainRoom(m), id), { timeout: 5000 }).toBe(true);
  }, 30_000);

  it('someone in a side room cannot listen to the main room with an old main-room token', async () => {
    // The clinician stays in the main room, so that room is open while the patient is away.
    const { m, fac } = await meetingWith('both');
    const patient = await admit(m, fac, 'patient');
    await admit(m, fac, 'clinician');
    expect(await fac.command({ type: 'meeting.start' })).toMatchObject({ ok: true });
    const mainToken = await mediaToken(patient);
    expect(mainToken.room).toBe('main');
    const id = m.people.patient!.id;
    expect(
      await fac.command({
        type: 'sideRoom.open',
        memberIds: [id],
        facilitatorIds: [],
        purpose: 'caucus',
      }),
    ).toMatchObject({ ok: true });
    await patient.waitFor((v) => v.me.sideRoom !== null);
    const side = await mediaToken(patient);
    expect(side.room).not.toBe('main');

    expect(await svc.listRooms([mainRoom(m)])).toHaveLength(1);
    const room = await join(mainToken.url, mainToken.token);
    if (room) {
      const joinedAt = Date.now();
      await expect.poll(() => inRoom(mainRoom(m), id), { timeout: 2000, interval: 50 }).toBe(false);
      expect(Date.now() - joinedAt).toBeLessThan(2000);
    }
    // Their place is the side room, and the side-room token still works there.
    expect(await join(side.url, side.token)).not.toBeNull();
    await expect
      .poll(() => inRoom(`cg_${m.meetingId}_${side.room}`, id), { timeout: 5000 })
      .toBe(true);
  }, 30_000);

  it('a token for a room the app never opened opens nothing (rooms are not auto-created)', async () => {
    const { m, fac } = await meetingWith();
    const patient = await admit(m, fac, 'patient');
    const name = `cg_${m.meetingId}_neveropened`;
    const at = new AccessToken(lk.apiKey, lk.apiSecret, {
      identity: m.people.patient!.id,
      ttl: 60,
    });
    at.addGrant({ room: name, roomJoin: true, canPublish: true, canSubscribe: true });
    expect(await join(lk.url, await at.toJwt())).toBeNull();
    expect(await svc.listRooms([name])).toEqual([]);

    // The meeting's own room, once the meeting has ended, is gone too and not re-created by a join.
    const patientGrant = await mediaToken(patient);
    expect(await fac.command({ type: 'meeting.end' })).toMatchObject({ ok: true });
    await expect
      .poll(async () => (await svc.listRooms([mainRoom(m)])).length, { timeout: 5000 })
      .toBe(0);
    expect(await join(patientGrant.url, patientGrant.token)).toBeNull();
    expect(await svc.listRooms([mainRoom(m)])).toEqual([]);
  }, 30_000);

  it('someone who stepped out has no publish rights at the SFU', async () => {
    const { m, fac } = await meetingWith();
    const patient = await admit(m, fac, 'patient');
    const grant = await mediaToken(patient);
    const id = m.people.patient!.id;
    expect(await join(grant.url, grant.token)).not.toBeNull();
    await expect.poll(() => canPublishMic(mainRoom(m), id), { timeout: 5000 }).toBe(true);

    expect(await patient.command({ type: 'self.stepOut' })).toMatchObject({ ok: true });
    await expect
      .poll(async () => (await participant(mainRoom(m), id))?.permission?.canPublish, {
        timeout: 2000,
        interval: 50,
      })
      .toBe(false);
    const p = await participant(mainRoom(m), id);
    expect(p?.permission?.canPublishSources).toEqual([]);
    expect(p?.permission?.canSubscribe).toBe(true);

    expect(await patient.command({ type: 'self.stepBack' })).toMatchObject({ ok: true });
    await expect.poll(() => canPublishMic(mainRoom(m), id), { timeout: 5000 }).toBe(true);
  }, 30_000);

  it('someone whose sockets are all closed is removed from LiveKit', async () => {
    const { m, fac } = await meetingWith();
    const patient = await admit(m, fac, 'patient');
    const second = await connect(s, { invite: m.people.patient!.token });
    sockets.push(second);
    const grant = await mediaToken(patient);
    const id = m.people.patient!.id;
    expect(await join(grant.url, grant.token)).not.toBeNull();
    await expect.poll(() => inRoom(mainRoom(m), id), { timeout: 5000 }).toBe(true);

    // One socket of two closes: still present, still in the call.
    patient.close();
    await expect.poll(() => s.app.rooms.loaded(m.meetingId)!.socketCount).toBe(2);
    expect(s.app.rooms.loaded(m.meetingId)!.state.members[id]!.connected).toBe(true);
    await s.app.sweepMedia();
    expect(await inRoom(mainRoom(m), id)).toBe(true);

    // The last one closes: out of the call, and a join with the token is undone again.
    second.close();
    await expect.poll(() => inRoom(mainRoom(m), id), { timeout: 2000, interval: 50 }).toBe(false);
    const again = await join(grant.url, grant.token);
    if (again) {
      await expect.poll(() => inRoom(mainRoom(m), id), { timeout: 2000, interval: 50 }).toBe(false);
    }
  }, 30_000);
});
