// The call controller (client/src/features/room/call/CallController.ts) with a fake LiveKit Room:
// one room at a time where the server says, tokens asked again on every (re)join, retries with
// back-off, and the microphone only ever on when the person wants it and the server allows it.
import { ConnectionState, DisconnectReason, RoomEvent, Track } from 'livekit-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../../../../../shared/protocol/errors';
import type { MediaGrant, MediaIce } from '../../../../../../shared/protocol/events';

// livekit-client itself, but its Room is the fake below (defined after the hoisted mock, and read
// only when the controller makes a room).
const holder = vi.hoisted(() => ({ Room: null as unknown }));
vi.mock('livekit-client', async (original) => ({
  ...(await original<typeof import('livekit-client')>()),
  get Room() {
    return holder.Room;
  },
}));

/** The local participant: what is published, and every change asked of it. */
class FakeLocal {
  isMicrophoneEnabled = false;
  isCameraEnabled = false;
  readonly calls: string[] = [];
  micFails = false;
  /** While set, a publishing change waits for it (to see two changes never interleave). */
  gate: Promise<void> | null = null;
  inFlight = 0;
  maxInFlight = 0;

  private async change(what: string, run: () => void): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.gate) await this.gate;
      this.calls.push(what);
      run();
    } finally {
      this.inFlight--;
    }
  }

  setMicrophoneEnabled(on: boolean, opts: { deviceId?: string }): Promise<void> {
    return this.change(`mic:${on}:${opts.deviceId ?? ''}`, () => {
      if (this.micFails) throw new Error('NotAllowedError');
      this.isMicrophoneEnabled = on;
    });
  }

  setCameraEnabled(on: boolean, opts: { deviceId?: string }): Promise<void> {
    return this.change(`camera:${on}:${opts.deviceId ?? ''}`, () => {
      this.isCameraEnabled = on;
    });
  }
}

/** The part of an event emitter the controller uses (on, removeAllListeners), and emit. */
class Emitter {
  private readonly handlers = new Map<string, ((...args: never[]) => void)[]>();

  on(event: string, fn: (...args: never[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const fn of this.handlers.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  listenerCount(event: string): number {
    return this.handlers.get(event)?.length ?? 0;
  }
}

/** A remote track publication: its kind, and every subscription change asked of it. */
class FakePub {
  readonly asked: boolean[] = [];
  isSubscribed = false;
  constructor(readonly kind: Track.Kind) {}
  setSubscribed(on: boolean): void {
    this.asked.push(on);
    this.isSubscribed = on;
  }
}

/** A stand-in for livekit-client's Room: the test settles connect and fires its events. */
class FakeRoom extends Emitter {
  static instances: FakeRoom[] = [];
  /** How the next connect ends (default: connected). */
  static connectWith: () => Promise<void> = () => Promise.resolve();
  state: ConnectionState = ConnectionState.Disconnected;
  readonly localParticipant = new FakeLocal();
  connectedTo: { url: string; token: string; opts: unknown } | null = null;
  disconnects = 0;
  readonly devices: string[] = [];
  readonly remoteParticipants = new Map<string, { trackPublications: Map<string, FakePub> }>();

  constructor(readonly options: unknown) {
    super();
    FakeRoom.instances.push(this);
  }

  async connect(url: string, token: string, opts: unknown): Promise<void> {
    this.state = ConnectionState.Connecting;
    await FakeRoom.connectWith();
    this.state = ConnectionState.Connected;
    this.connectedTo = { url, token, opts };
  }

  async disconnect(): Promise<void> {
    this.disconnects++;
    this.state = ConnectionState.Disconnected;
  }

  async switchActiveDevice(kind: string, id: string): Promise<boolean> {
    this.devices.push(`${kind}:${id}`);
    return true;
  }
}

holder.Room = FakeRoom;

const { CallController } =
  await import('../../../../../../client/src/features/room/call/CallController');

const grant = (token: string, room = 'main', ice: MediaIce = 'loopback'): Ack<MediaGrant> => ({
  ok: true,
  data: { url: 'ws://lk.test', token, room, ice },
});
const refused: Ack<MediaGrant> = { ok: false, error: { code: 'FORBIDDEN', message: '' } };
const WISH = { mic: true, camera: true, micId: 'mic-1', cameraId: null, audioOnly: false };

/** Lets every pending promise and due timer run. */
const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

describe('CallController', () => {
  let tokens: Ack<MediaGrant>[];
  let getToken: ReturnType<typeof vi.fn<() => Promise<Ack<MediaGrant>>>>;
  let call: InstanceType<typeof CallController>;
  let n: number;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', globalThis);
    FakeRoom.instances = [];
    FakeRoom.connectWith = () => Promise.resolve();
    n = 0;
    tokens = [];
    getToken = vi.fn(async () => tokens.shift() ?? grant(`t${++n}`));
    call = new CallController(getToken, WISH);
  });
  afterEach(() => {
    call.destroy();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('joins the media room the server names with a fresh token, and tells its listeners', async () => {
    const heard = vi.fn();
    call.subscribe(heard);
    call.setTarget('main');
    await settle();
    expect(getToken).toHaveBeenCalledTimes(1);
    expect(FakeRoom.instances).toHaveLength(1);
    const room = FakeRoom.instances[0]!;
    // Each remote camera at its tile's size, and no layer encoded that nobody receives (issue 18).
    expect(room.options).toEqual({
      adaptiveStream: true,
      dynacast: true,
      publishDefaults: { simulcast: true },
    });
    expect(room.connectedTo).toEqual({
      url: 'ws://lk.test',
      token: 't1',
      opts: { rtcConfig: { iceServers: [] }, autoSubscribe: true },
    });
    expect(call.room).toBe(room);
    expect(call.state).toBe(ConnectionState.Connected);
    expect(call.problem).toBeNull();
    expect(heard).toHaveBeenCalled();
    expect(call.getVersion()).toBeGreaterThan(0);
    // The same target again changes nothing.
    call.setTarget('main');
    await settle();
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it('takes the STUN/TURN servers LiveKit sends when the server says ice "server"', async () => {
    tokens.push(grant('real', 'main', 'server'));
    call.setTarget('main');
    await settle();
    const room = FakeRoom.instances[0]!;
    // No rtcConfig at all: livekit-client then uses the ICE servers of LiveKit's join answer.
    expect(room.connectedTo).toEqual({
      url: 'ws://lk.test',
      token: 'real',
      opts: { autoSubscribe: true },
    });
    expect(call.state).toBe(ConnectionState.Connected);
  });

  it('follows the ice mode of each new grant (loopback after server gives the empty list)', async () => {
    tokens.push(grant('a', 'main', 'server'), grant('b', 'side-1', 'loopback'));
    call.setTarget('main');
    await settle();
    call.setTarget('side-1');
    await settle();
    expect(FakeRoom.instances.map((r) => r.connectedTo?.opts)).toEqual([
      { autoSubscribe: true },
      { rtcConfig: { iceServers: [] }, autoSubscribe: true },
    ]);
  });

  it('publishes nothing until the server allows it, then what the person chose', async () => {
    call.setTarget('main');
    await settle();
    const lp = FakeRoom.instances[0]!.localParticipant;
    expect(lp.calls).toEqual([]);
    call.setAllowed(true, false);
    await settle();
    expect(lp.calls).toEqual(['mic:true:mic-1']);
    expect(call.micOn).toBe(true);
    expect(call.cameraOn).toBe(false);
    call.setAllowed(true, true);
    await settle();
    expect(lp.calls).toEqual(['mic:true:mic-1', 'camera:true:']);
  });

  it('turns the microphone off when audio is taken away, and not back on by itself', async () => {
    call.setTarget('main');
    call.setAllowed(true, true);
    await settle();
    const lp = FakeRoom.instances[0]!.localParticipant;
    call.setAllowed(false, true);
    await settle();
    expect(call.micOn).toBe(false);
    call.setAllowed(true, true);
    await settle();
    expect(call.micOn).toBe(false);
    // Asking for it while audio is not allowed does nothing either.
    call.setAllowed(false, true);
    await call.setMic(true);
    expect(call.micOn).toBe(false);
    // The person turns it on again once allowed.
    call.setAllowed(true, true);
    await call.setMic(true);
    expect(call.micOn).toBe(true);
    expect(lp.calls.filter((c) => c.startsWith('mic'))).toEqual([
      'mic:true:mic-1',
      'mic:false:mic-1',
      'mic:true:mic-1',
    ]);
  });

  it('keeps the microphone off after it was muted from outside', async () => {
    call.setTarget('main');
    call.setAllowed(true, true);
    await settle();
    const room = FakeRoom.instances[0]!;
    room.emit(RoomEvent.TrackMuted, { source: Track.Source.Microphone }, room.localParticipant);
    // The next pass over the wish turns it off for real, and it stays off.
    await call.setCamera(true);
    expect(call.micOn).toBe(false);
    // A remote participant's muted microphone changes nothing here.
    await call.setMic(true);
    room.emit(RoomEvent.TrackMuted, { source: Track.Source.Microphone }, {});
    await call.setCamera(true);
    expect(call.micOn).toBe(true);
  });

  it('runs publishing changes one at a time', async () => {
    call.setTarget('main');
    await settle();
    const lp = FakeRoom.instances[0]!.localParticipant;
    let open!: () => void;
    lp.gate = new Promise((r) => (open = r));
    call.setAllowed(true, true);
    const a = call.setMic(false);
    const b = call.setMic(true);
    await settle();
    open();
    await Promise.all([a, b]);
    expect(lp.maxInFlight).toBe(1);
    expect(call.micOn).toBe(true);
  });

  it('shows a device problem when the microphone cannot be opened, and stops wanting it', async () => {
    call.setTarget('main');
    await settle();
    FakeRoom.instances[0]!.localParticipant.micFails = true;
    call.setAllowed(true, false);
    await settle();
    expect(call.problem).toEqual({ kind: 'device', which: 'mic' });
    expect(call.micOn).toBe(false);
    call.clearProblem();
    expect(call.problem).toBeNull();
    // Once the device works, the next change does not try the microphone again by itself.
    const lp = FakeRoom.instances[0]!.localParticipant;
    lp.micFails = false;
    await call.setCamera(true);
    expect(call.micOn).toBe(false);
    expect(lp.calls.filter((c) => c.startsWith('mic'))).toEqual(['mic:true:mic-1']);
  });

  it('uses the chosen device, now and for the next time it is turned on', async () => {
    call.setTarget('main');
    await settle();
    const room = FakeRoom.instances[0]!;
    await call.switchDevice('videoinput', 'cam-2');
    expect(room.devices).toEqual(['videoinput:cam-2']);
    call.setAllowed(false, true);
    await settle();
    expect(room.localParticipant.calls).toEqual(['camera:true:cam-2']);
  });

  it('moves to another media room with a new token, leaving the old one', async () => {
    call.setTarget('main');
    await settle();
    const main = FakeRoom.instances[0]!;
    tokens.push(grant('side-token', 'side-1'));
    call.setTarget('side-1');
    await settle();
    expect(main.disconnects).toBe(1);
    expect(main.listenerCount(RoomEvent.Disconnected)).toBe(0);
    expect(FakeRoom.instances).toHaveLength(2);
    expect(FakeRoom.instances[1]!.connectedTo?.token).toBe('side-token');
    expect(call.room).toBe(FakeRoom.instances[1]);
    // None: out of every room, no token asked.
    call.setTarget(null);
    await settle();
    expect(FakeRoom.instances[1]!.disconnects).toBe(1);
    expect(call.room).toBeNull();
    expect(call.state).toBe(ConnectionState.Disconnected);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('ignores the answer for a room it no longer wants', async () => {
    let answer!: (a: Ack<MediaGrant>) => void;
    getToken.mockImplementationOnce(() => new Promise((r) => (answer = r)));
    call.setTarget('main');
    await settle();
    tokens.push(grant('side-token', 'side-1'));
    call.setTarget('side-1');
    await settle();
    answer(grant('stale'));
    await settle();
    expect(FakeRoom.instances.map((r) => r.connectedTo?.token)).toEqual(['side-token']);
  });

  it('retries a refused token with back-off (1, 2, 4, 8, 10 s), then waits for the person', async () => {
    getToken.mockImplementation(async () => refused);
    call.setTarget('main');
    await settle();
    expect(call.problem).toEqual({ kind: 'token', error: refused.error });
    expect(getToken).toHaveBeenCalledTimes(1);
    for (const [wait, total] of [
      [999, 1],
      [1, 2],
      [2000, 3],
      [4000, 4],
      [8000, 5],
      [10000, 6],
      [60000, 6],
    ] as const) {
      await settle(wait);
      expect(getToken).toHaveBeenCalledTimes(total);
    }
    expect(FakeRoom.instances).toHaveLength(0);
    // Try again (the person's button): at once, and the back-off starts over.
    getToken.mockImplementation(async () => grant('ok'));
    call.retry();
    await settle();
    expect(call.problem).toBeNull();
    expect(call.state).toBe(ConnectionState.Connected);
  });

  it('retries when the connection fails, with a new token', async () => {
    FakeRoom.connectWith = () => Promise.reject(new Error('could not establish signal connection'));
    call.setTarget('main');
    await settle();
    expect(call.problem).toEqual({ kind: 'connect' });
    expect(call.room).toBeNull();
    expect(FakeRoom.instances[0]!.listenerCount(RoomEvent.Disconnected)).toBe(0);
    FakeRoom.connectWith = () => Promise.resolve();
    await settle(1000);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(call.room?.state).toBe(ConnectionState.Connected);
    expect(call.problem).toBeNull();
  });

  it('rejoins after being dropped, but not after a duplicate identity or its own leaving', async () => {
    call.setTarget('main');
    await settle();
    let room = FakeRoom.instances[0]!;
    room.emit(RoomEvent.Disconnected, DisconnectReason.PARTICIPANT_REMOVED);
    expect(call.problem).toEqual({ kind: 'connect' });
    await settle(1000);
    expect(getToken).toHaveBeenCalledTimes(2);
    room = FakeRoom.instances[1]!;
    expect(call.room).toBe(room);

    // The same person opened the call elsewhere: say so, do not fight over it.
    room.emit(RoomEvent.Disconnected, DisconnectReason.DUPLICATE_IDENTITY);
    expect(call.problem).toEqual({ kind: 'duplicate' });
    expect(call.state).toBe(ConnectionState.Disconnected);
    await settle(60000);
    expect(getToken).toHaveBeenCalledTimes(2);

    call.retry();
    await settle();
    room = FakeRoom.instances[2]!;
    room.emit(RoomEvent.Disconnected, DisconnectReason.CLIENT_INITIATED);
    expect(call.problem).toBeNull();
    await settle(60000);
    expect(getToken).toHaveBeenCalledTimes(3);
  });

  it('follows the room connection state', async () => {
    call.setTarget('main');
    await settle();
    const room = FakeRoom.instances[0]!;
    room.emit(RoomEvent.ConnectionStateChanged, ConnectionState.Reconnecting);
    expect(call.state).toBe(ConnectionState.Reconnecting);
  });

  it('hangs up before a leave: the room is left once, no retry fires, and retry() joins again', async () => {
    call.setTarget('main');
    await settle();
    const room = FakeRoom.instances[0]!;
    await call.hangUp();
    expect(room.disconnects).toBe(1);
    expect(room.listenerCount(RoomEvent.Disconnected)).toBe(0);
    expect(call.room).toBeNull();
    expect(call.state).toBe(ConnectionState.Disconnected);
    await settle(60000);
    expect(getToken).toHaveBeenCalledTimes(1);
    // The leave was refused: the person is back in the same media room with a new token.
    call.retry();
    await settle();
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(FakeRoom.instances).toHaveLength(2);
    expect(call.room).toBe(FakeRoom.instances[1]);
  });

  it('stops everything when destroyed: the room is left and no retry fires', async () => {
    getToken.mockImplementationOnce(async () => refused);
    call.setTarget('main');
    await settle();
    call.destroy();
    await settle(60000);
    expect(getToken).toHaveBeenCalledTimes(1);

    const other = new CallController(getToken, WISH);
    other.setTarget('main');
    await settle();
    const room = FakeRoom.instances[0]!;
    other.destroy();
    await settle();
    expect(room.disconnects).toBe(1);
    expect(room.listenerCount(RoomEvent.Disconnected)).toBe(0);
    expect(other.room).toBeNull();
    expect(other.state).toBe(ConnectionState.Disconnected);
  });

  it('audio only: no camera, no remote video asked for, audio subscribed, and back again', async () => {
    const only = new CallController(getToken, { ...WISH, audioOnly: true });
    only.setAllowed(true, true);
    only.setTarget('main');
    const audio = new FakePub(Track.Kind.Audio);
    const video = new FakePub(Track.Kind.Video);
    // Someone already in the room when this person arrives.
    FakeRoom.connectWith = async () => {
      FakeRoom.instances.at(-1)!.remoteParticipants.set('p1', {
        trackPublications: new Map([
          ['a', audio],
          ['v', video],
        ]),
      });
    };
    await settle();
    const room = FakeRoom.instances[0]!;
    expect((room.connectedTo?.opts as { autoSubscribe: boolean }).autoSubscribe).toBe(false);
    expect(audio.asked).toEqual([true]);
    expect(video.asked).toEqual([false]);
    expect(room.localParticipant.isCameraEnabled).toBe(false);
    expect(room.localParticipant.calls.some((c) => c.startsWith('camera:true'))).toBe(false);
    // The camera cannot be turned on while audio only.
    await only.setCamera(true);
    expect(room.localParticipant.isCameraEnabled).toBe(false);

    // A video published later is not asked for either.
    const later = new FakePub(Track.Kind.Video);
    room.remoteParticipants.get('p1')!.trackPublications.set('v2', later);
    room.emit(RoomEvent.TrackPublished, later);
    expect(later.asked).toEqual([false]);

    // Audio only off: videos come back; the camera stays off until the person turns it on.
    await only.setAudioOnly(false);
    expect(video.asked).toEqual([false, true]);
    expect(later.asked).toEqual([false, true]);
    expect(audio.asked).toEqual([true]);
    expect(room.localParticipant.isCameraEnabled).toBe(false);
    await only.setCamera(true);
    expect(room.localParticipant.isCameraEnabled).toBe(true);

    // And on again: the camera goes off and the videos are let go.
    await only.setAudioOnly(true);
    expect(room.localParticipant.isCameraEnabled).toBe(false);
    expect(video.asked).toEqual([false, true, false]);
    only.destroy();
  });
});
