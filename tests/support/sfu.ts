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
import { TrackSource, TrackType, type RoomServiceClient } from 'livekit-server-sdk';
import { connect, type Client, type TestServer } from './server';

/**
 * A person of the meeting comes in through their own link: asks to join, the facilitator lets
 * them in, and they join the call. Their socket and call are added to `opened` (to close after).
 */
export async function joinCall(
  s: TestServer,
  o: { fac: Client; token: string; memberId: string },
  opened: { sockets: Client[]; rooms: Room[] },
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
