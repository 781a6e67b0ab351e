/**
 * Reading and testing what the real LiveKit server (the SFU) itself allows: a person joins the
 * call as a real WebRTC participant (@livekit/rtc-node) with the token the app mints, and the
 * SFU's own participant list says who may publish what.
 */
import {
  AudioSource,
  LocalAudioTrack,
  Room,
  TrackPublishOptions,
  TrackSource as RtcTrackSource,
} from '@livekit/rtc-node';
import { RoomServiceClient, TrackSource, TrackType } from 'livekit-server-sdk';
import { createLiveKitGateway } from '../../server/src/livekit/gateway';
import { startLiveKit, type LiveKitServer } from './livekit';
import { connect, startTestServer, type Client, type TestServer } from './server';

/** A real LiveKit server, the app in this process on it, and LiveKit's room service client. */
export interface SfuStack {
  lk: LiveKitServer;
  s: TestServer;
  svc: RoomServiceClient;
  /** The sockets and calls a test opened (joinCall adds to them), closed by close(). */
  opened: { sockets: Client[]; rooms: Room[] };
  close(): Promise<void>;
}

export async function startSfuStack(): Promise<SfuStack> {
  const lk = await startLiveKit();
  const s = await startTestServer({ livekit: createLiveKitGateway(lk) });
  const svc = new RoomServiceClient(`http://127.0.0.1:${lk.port}`, lk.apiKey, lk.apiSecret);
  const opened = { sockets: [] as Client[], rooms: [] as Room[] };
  return {
    lk,
    s,
    svc,
    opened,
    close: async () => {
      for (const r of opened.rooms) await r.disconnect().catch(() => undefined);
      for (const c of opened.sockets) c.close();
      await s.close();
      await lk.stop();
    },
  };
}

/**
 * A person of the meeting comes in through their own link: asks to join, the facilitator lets
 * them in, and they join the call. Their socket and call are added to the stack's `opened`.
 */
export async function joinCall(
  { s, opened }: Pick<SfuStack, 's' | 'opened'>,
  o: { fac: Client; token: string; memberId: string },
): Promise<{ socket: Client; room: Room; id: string }> {
  const socket = await connect(s, { invite: o.token });
  opened.sockets.push(socket);
  await socket.command({ type: 'lobby.join' });
  await o.fac.command({ type: 'lobby.admit', memberId: o.memberId });
  await socket.waitFor((v) => v.me.status === 'admitted');
  const grant = await socket.socket.timeout(5000).emitWithAck('media:token', {});
  if (!grant.ok) throw new Error(grant.error.message);
  const room = new Room();
  await room.connect(grant.data.url, grant.data.token, { autoSubscribe: false, dynacast: false });
  opened.rooms.push(room);
  return { socket, room, id: o.memberId };
}

/** Publishes a microphone track (a silent source); resolves true if LiveKit accepted it. */
export async function publishMic(room: Room): Promise<boolean> {
  const source = new AudioSource(48000, 1);
  const track = LocalAudioTrack.createAudioTrack('microphone', source);
  const opts = new TrackPublishOptions();
  opts.source = RtcTrackSource.SOURCE_MICROPHONE;
  try {
    await room.localParticipant!.publishTrack(track, opts);
    return true;
  } catch {
    return false;
  }
}

/** Per identity in a LiveKit room, as the SFU says: may they publish a microphone, is one live. */
export async function sfuMics(
  svc: RoomServiceClient,
  room: string,
): Promise<Record<string, { canPublishMic: boolean; liveMic: boolean }>> {
  const ps = await svc.listParticipants(room);
  return Object.fromEntries(
    ps.map((p) => [
      p.identity,
      {
        canPublishMic: p.permission?.canPublishSources.includes(TrackSource.MICROPHONE) ?? false,
        liveMic: p.tracks.some((t) => t.type === TrackType.AUDIO && !t.muted),
      },
    ]),
  );
}

/** Reads `f` every 100 ms until `ok` holds of it, and returns that value (fails after `ms`). */
export async function readUntil<T>(
  f: () => Promise<T>,
  ok: (v: T) => boolean,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  let v = await f();
  while (!ok(v)) {
    if (Date.now() > end) throw new Error(`condition not reached: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
    v = await f();
  }
  return v;
}
