import {
  ConnectionState,
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  type RemoteTrackPublication,
} from 'livekit-client';
import type { Ack, AppError } from '../../../../../shared/protocol/errors';
import type { MediaGrant } from '../../../../../shared/protocol/events';
import { iceOptions } from '../../../lib/mediaIce';
import { roomOptions } from '../../../lib/roomOptions';

export type CallProblem =
  | { kind: 'token'; error: AppError }
  | { kind: 'connect' }
  | { kind: 'duplicate' }
  | { kind: 'device'; which: 'mic' | 'camera' }
  | null;

/** What the person wants published, given what the server allows. */
export interface PublishWish {
  mic: boolean;
  camera: boolean;
  micId: string | null;
  cameraId: string | null;
  /** No video sent and none received (audio-only mode). */
  audioOnly: boolean;
}

const RETRY_MS = [1000, 2000, 4000, 8000, 10000];
const ROOM_EVENTS = [
  RoomEvent.ConnectionStateChanged,
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.ParticipantNameChanged,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.ConnectionQualityChanged,
  RoomEvent.AudioPlaybackStatusChanged,
  RoomEvent.Reconnecting,
  RoomEvent.Reconnected,
  RoomEvent.SignalReconnecting,
] as const;

/**
 * The LiveKit side of the meeting, without React: one Room at a time, in the media room the
 * server says this person is in. A new media room (a side room, back to the main room) means a
 * new token and a new connection. The microphone is only ever turned on by the person (or by their
 * device-check choice when they arrive); when the server takes the floor away, it goes off.
 */
export class CallController {
  room: Room | null = null;
  state: ConnectionState = ConnectionState.Disconnected;
  problem: CallProblem = null;

  private target: string | null = null;
  private gen = 0;
  private attempts = 0;
  private retryTimer: number | undefined;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private wish: PublishWish;
  private allowAudio = false;
  private allowVideo = false;

  constructor(
    private readonly getToken: () => Promise<Ack<MediaGrant>>,
    initial: PublishWish,
  ) {
    this.wish = { ...initial };
  }

  // --- store for React (useSyncExternalStore) --------------------------------------------------

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly getVersion = (): number => this.version;

  private changed = (): void => {
    this.version++;
    for (const l of this.listeners) l();
  };

  // --- where to be ------------------------------------------------------------------------------

  /** Be connected to media room `key` ('main' or a side room id), or to none (null). */
  setTarget(key: string | null): void {
    if (key === this.target) return;
    this.target = key;
    this.attempts = 0;
    void this.reconnect();
  }

  /** Try again after a failure the person saw. */
  retry(): void {
    this.attempts = 0;
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    const gen = ++this.gen;
    window.clearTimeout(this.retryTimer);
    const old = this.room;
    this.room = null;
    if (old) {
      old.removeAllListeners();
      await old.disconnect().catch(() => undefined);
    }
    this.problem = null;
    this.state = ConnectionState.Disconnected;
    this.changed();
    if (this.target === null || gen !== this.gen) return;
    await this.join(gen);
  }

  private async join(gen: number): Promise<void> {
    this.state = ConnectionState.Connecting;
    this.changed();
    const grant = await this.getToken();
    if (gen !== this.gen) return;
    if (!grant.ok) {
      this.fail(gen, { kind: 'token', error: grant.error });
      return;
    }
    const room = new Room(roomOptions());
    this.room = room;
    this.listen(room, gen);
    try {
      // Audio only: nothing is subscribed by the server on its own; applySubscriptions() asks for
      // the audio alone, so not one video packet reaches a weak connection.
      await room.connect(grant.data.url, grant.data.token, {
        ...iceOptions(grant.data.ice),
        autoSubscribe: !this.wish.audioOnly,
      });
    } catch {
      if (gen !== this.gen) return;
      room.removeAllListeners();
      this.room = null;
      this.fail(gen, { kind: 'connect' });
      return;
    }
    if (gen !== this.gen) {
      room.removeAllListeners();
      await room.disconnect().catch(() => undefined);
      return;
    }
    this.attempts = 0;
    this.state = room.state;
    this.applySubscriptions();
    this.changed();
    await this.applyWish();
  }

  private fail(gen: number, problem: CallProblem): void {
    this.state = ConnectionState.Disconnected;
    this.problem = problem;
    this.changed();
    const delay = RETRY_MS[this.attempts];
    this.attempts++;
    if (delay === undefined || this.target === null) return;
    this.retryTimer = window.setTimeout(() => {
      if (gen === this.gen) void this.reconnect();
    }, delay);
  }

  private listen(room: Room, gen: number): void {
    for (const ev of ROOM_EVENTS) room.on(ev, this.changed);
    room.on(RoomEvent.ConnectionStateChanged, (s: ConnectionState) => {
      this.state = s;
      this.changed();
    });
    room.on(RoomEvent.ActiveSpeakersChanged, this.changed);
    room.on(RoomEvent.TrackPublished, (pub: RemoteTrackPublication) => {
      if (this.room === room) this.subscribeAsWished(pub);
    });
    // When the server takes publishing away (protected floor, pause) the view says so first and
    // setAllowed() turns the wish off. An unpublish also happens when a room closes or we move to
    // a side room, which must not change what the person chose, so it only re-renders here.
    room.on(RoomEvent.LocalTrackUnpublished, this.changed);
    // A microphone muted from outside (the server's pause effect) stays off until the person
    // turns it on again.
    room.on(RoomEvent.TrackMuted, (pub, participant) => {
      if (this.room !== room || room.state !== ConnectionState.Connected) return;
      if (participant === room.localParticipant && pub.source === Track.Source.Microphone) {
        this.wish.mic = false;
      }
    });
    room.on(RoomEvent.ParticipantPermissionsChanged, () => this.changed());
    room.on(RoomEvent.MediaDevicesError, () => this.changed());
    room.on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
      if (gen !== this.gen) return;
      this.state = ConnectionState.Disconnected;
      if (reason === DisconnectReason.CLIENT_INITIATED) {
        this.changed();
        return;
      }
      if (reason === DisconnectReason.DUPLICATE_IDENTITY) {
        this.problem = { kind: 'duplicate' };
        this.changed();
        return;
      }
      // Dropped or removed while the server still wants us here: ask for a new token and rejoin.
      room.removeAllListeners();
      this.room = null;
      this.fail(gen, { kind: 'connect' });
    });
  }

  // --- publishing -------------------------------------------------------------------------------

  /** What the server allows now (view.me.media). Losing audio turns the microphone off. */
  setAllowed(audio: boolean, video: boolean): void {
    this.allowAudio = audio;
    this.allowVideo = video;
    if (!audio) this.wish.mic = false;
    void this.applyWish();
  }

  get micOn(): boolean {
    return this.room?.localParticipant.isMicrophoneEnabled ?? false;
  }

  get cameraOn(): boolean {
    return this.room?.localParticipant.isCameraEnabled ?? false;
  }

  get wantsCamera(): boolean {
    return this.wish.camera;
  }

  get audioOnly(): boolean {
    return this.wish.audioOnly;
  }

  /**
   * Audio only on: the camera goes off and every remote video is unsubscribed (the SFU stops
   * sending it). Off: videos are subscribed again; the camera stays off until the person turns it
   * on, as nothing here ever turns a camera on by itself.
   */
  async setAudioOnly(on: boolean): Promise<void> {
    this.wish.audioOnly = on;
    if (on) this.wish.camera = false;
    this.applySubscriptions();
    this.changed();
    await this.applyWish();
  }

  /** What this page last asked of each publication (isDesired reads true before any ask). */
  private asked = new WeakMap<RemoteTrackPublication, boolean>();

  private subscribeAsWished(pub: RemoteTrackPublication): void {
    const want = pub.kind !== Track.Kind.Video || !this.wish.audioOnly;
    if (this.asked.get(pub) === want) return;
    // With auto-subscribe on, nothing needs asking until audio only turns something off.
    if (want && !this.asked.has(pub) && pub.isSubscribed) return;
    this.asked.set(pub, want);
    pub.setSubscribed(want);
  }

  private applySubscriptions(): void {
    const room = this.room;
    if (!room) return;
    for (const p of room.remoteParticipants.values()) {
      for (const pub of p.trackPublications.values()) this.subscribeAsWished(pub);
    }
  }

  async setMic(on: boolean): Promise<void> {
    this.wish.mic = on && this.allowAudio;
    await this.applyWish();
  }

  async setCamera(on: boolean): Promise<void> {
    this.wish.camera = on && !this.wish.audioOnly;
    await this.applyWish();
  }

  async switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    if (kind === 'audioinput') this.wish.micId = deviceId;
    else this.wish.cameraId = deviceId;
    await this.room?.switchActiveDevice(kind, deviceId).catch(() => false);
    this.changed();
  }

  private applying: Promise<void> = Promise.resolve();

  /** Publishing changes run one at a time, so two quick clicks cannot interleave. */
  private applyWish(): Promise<void> {
    this.applying = this.applying.then(() => this.doApplyWish());
    return this.applying;
  }

  private async doApplyWish(): Promise<void> {
    const room = this.room;
    if (!room || room.state !== ConnectionState.Connected) return;
    const lp = room.localParticipant;
    const mic = this.wish.mic && this.allowAudio;
    const camera = this.wish.camera && this.allowVideo && !this.wish.audioOnly;
    try {
      if (lp.isMicrophoneEnabled !== mic) {
        await lp.setMicrophoneEnabled(mic, this.wish.micId ? { deviceId: this.wish.micId } : {});
      }
    } catch {
      // Permission not granted yet (or no microphone): show it, never throw into React.
      this.wish.mic = false;
      this.problem = { kind: 'device', which: 'mic' };
    }
    try {
      if (lp.isCameraEnabled !== camera) {
        await lp.setCameraEnabled(
          camera,
          this.wish.cameraId ? { deviceId: this.wish.cameraId } : {},
        );
      }
    } catch {
      this.wish.camera = false;
      this.problem = { kind: 'device', which: 'camera' };
    }
    this.changed();
  }

  async startAudio(): Promise<void> {
    await this.room?.startAudio().catch(() => undefined);
    this.changed();
  }

  clearProblem(): void {
    this.problem = null;
    this.changed();
  }

  /**
   * Leaves the media room now, before the person's "leave" reaches the server: the server would
   * otherwise pull them out of LiveKit while their page is still negotiating, which LiveKit's
   * client logs as errors. retry() joins again (the leave was refused).
   */
  async hangUp(): Promise<void> {
    this.gen++;
    window.clearTimeout(this.retryTimer);
    await this.applying.catch(() => undefined);
    const room = this.room;
    this.room = null;
    if (room) {
      room.removeAllListeners();
      await room.disconnect().catch(() => undefined);
    }
    this.state = ConnectionState.Disconnected;
    this.changed();
  }

  destroy(): void {
    this.target = null;
    this.gen++;
    window.clearTimeout(this.retryTimer);
    const room = this.room;
    this.room = null;
    if (room) {
      room.removeAllListeners();
      void room.disconnect().catch(() => undefined);
    }
    this.state = ConnectionState.Disconnected;
    this.changed();
  }
}
