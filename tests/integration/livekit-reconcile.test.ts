import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Room } from '@livekit/rtc-node';
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { createLiveKitGateway, type LiveKitGateway } from '../../server/src/livekit/gateway';
import { RESTORE_GRACE_MS } from '../../server/src/rooms/RoomActor';
import { startLiveKit, type LiveKitServer } from '../support/livekit';
import {
  connect,
  createMeeting,
  startTestServer,
  type Client,
  type TestServer,
} from '../support/server';

/**
 * A server that dies between committing a command and telling LiveKit leaves LiveKit behind the
 * state. After a restart the restored state is the truth: LiveKit is brought back in line, and a
 * call whose person does not come back is ended once the restore grace is over.
 */
describe('after a restart, LiveKit is reconciled from the restored state (real SFU)', () => {
  let lk: LiveKitServer;
  const servers: TestServer[] = [];
  const clients: Client[] = [];
  let room: Room | undefined;
  afterAll(async () => {
    await room?.disconnect().catch(() => undefined);
    for (const c of clients) c.close();
    for (const s of servers) await s.close().catch(() => undefined);
    await lk?.stop();
  });

  it('grants the floor holder the microphone that the dead server never granted', async () => {
    lk = await startLiveKit();
    const real = createLiveKitGateway(lk);
    // The first server "dies" before any permission change reaches LiveKit.
    const lossy: LiveKitGateway = {
      ...real,
      setPermissions: async () => undefined,
      muteTrack: async () => undefined,
    };
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cg-reconcile-'));
    const a = await startTestServer({ livekit: lossy, dataDir });
    servers.push(a);
    const m = await createMeeting(
      a,
      [{ key: 'patient', name: 'Pat', party: 'patient', role: 'patient' }],
      'protected',
    );
    const fac = await connect(a, { meetingId: m.meetingId, cookie: a.facilitator.cookie });
    const pat = await connect(a, { invite: m.people.patient!.token });
    clients.push(fac, pat);
    await pat.command({ type: 'lobby.join' });
    await fac.command({ type: 'lobby.admit', memberId: m.people.patient!.id });
    await fac.command({ type: 'meeting.start' });
    const grant = await pat.socket.timeout(5000).emitWithAck('media:token', {});
    if (!grant.ok) throw new Error(grant.error.message);
    room = new Room();
    await room.connect(grant.data.url, grant.data.token, { autoSubscribe: false, dynacast: false });

    const svc = new RoomServiceClient(`http://127.0.0.1:${lk.port}`, lk.apiKey, lk.apiSecret);
    const canMic = async () => {
      const p = (await svc.listParticipants(`cg_${m.meetingId}`)).find(
        (x) => x.identity === m.people.patient!.id,
      );
      return p?.permission?.canPublishSources.includes(TrackSource.MICROPHONE) ?? false;
    };
    const inRoom = async () =>
      (await svc.listParticipants(`cg_${m.meetingId}`)).some(
        (x) => x.identity === m.people.patient!.id,
      );
    expect(await canMic()).toBe(false);
    expect(
      await fac.command({ type: 'floor.give', holder: { kind: 'party', party: 'patient' } }),
    ).toMatchObject({ ok: true });
    await a.app.rooms.idle();
    expect(await canMic()).toBe(false); // LiveKit never heard of it

    // The server stops (its sockets close with it); the call keeps running in LiveKit.
    await a.close();
    fac.close();
    pat.close();

    // The new server's clock can be moved on, past the restore grace.
    let skew = 0;
    const clock = {
      now: () => Date.now() + skew,
      setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    };
    const b = await startTestServer({ livekit: real, dataDir, clock });
    servers.push(b);
    expect(await b.app.rooms.restoreLive()).toBeGreaterThanOrEqual(1);
    await b.app.rooms.idle();
    expect(await canMic()).toBe(true);

    // The call survived the restart, but only for the grace: the patient's socket never came
    // back, so once it is over the sweep takes them out of LiveKit.
    await b.app.sweepMedia();
    expect(await inRoom()).toBe(true);
    skew = RESTORE_GRACE_MS + 1000;
    await b.app.sweepMedia();
    expect(await inRoom()).toBe(false);
  }, 60_000);
});
