import { Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client';
import type { PracticeGrantDto } from '../../../../shared/protocol/around';
import type { DeviceChoices } from '../../lib/deviceChoices';
import { iceOptions } from '../../lib/mediaIce';
import { roomOptions } from '../../lib/roomOptions';
import { openSoundMeter, type SoundMeter } from '../../lib/soundLevel';

export type PracticeStatus = 'idle' | 'connecting' | 'connected' | 'failed';

export interface PracticeSnapshot {
  status: PracticeStatus;
  /** Camera and microphone as they came back through the media server. */
  video: RemoteTrack | null;
  audio: RemoteTrack | null;
  /** Sound from the microphone came back through the media server at least once. */
  heard: boolean;
}

const IDLE: PracticeSnapshot = { status: 'idle', video: null, audio: null, heard: false };

/** How often the returned sound is measured, and the peak (0..1, about -34 dBFS) that counts. */
export const SOUND_CHECK_MS = 250;
export const AUDIBLE_PEAK = 0.02;

/**
 * A practice call: LiveKit never sends a participant its own tracks, so the page joins the
 * person's private room twice, once sending camera and microphone and once only receiving, and
 * what the receiving connection gets is what others would get in the meeting. Plain class, with
 * a thin hook over it (useSyncExternalStore), as the meeting's CallController.
 */
export class PracticeCall {
  private sender: Room | null = null;
  private receiver: Room | null = null;
  private snap: PracticeSnapshot = IDLE;
  private meter: { timer: ReturnType<typeof setInterval>; meter: SoundMeter } | null = null;
  private readonly listeners = new Set<() => void>();

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): PracticeSnapshot => this.snap;

  private set(patch: Partial<PracticeSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  async start(grant: PracticeGrantDto, choices: DeviceChoices): Promise<void> {
    await this.stop();
    this.set({ ...IDLE, status: 'connecting' });
    const ice = iceOptions(grant.ice);
    const receiver = new Room(roomOptions());
    const sender = new Room(roomOptions());
    this.receiver = receiver;
    this.sender = sender;
    receiver.on(RoomEvent.TrackSubscribed, (track) => {
      if (track.kind === Track.Kind.Video) this.set({ video: track });
      if (track.kind === Track.Kind.Audio) {
        this.set({ audio: track });
        this.listenTo(track);
      }
    });
    receiver.on(RoomEvent.TrackUnsubscribed, (track) => {
      if (track === this.snap.video) this.set({ video: null });
      if (track === this.snap.audio) this.set({ audio: null });
    });
    // Two ways to know the sound comes through, either is enough: the returned track carries
    // sound (listenTo), or the media server says it hears someone, to everyone in the room, the
    // sending connection too. Its speaker detection wants sustained speech, so a short sound can
    // pass under it; and a receiver that joined while the sound went on hears of it only at the
    // next change.
    const heard = (speakers: unknown[]) => {
      if (speakers.length > 0 && !this.snap.heard) this.set({ heard: true });
    };
    receiver.on(RoomEvent.ActiveSpeakersChanged, heard);
    sender.on(RoomEvent.ActiveSpeakersChanged, heard);
    try {
      await receiver.connect(grant.url, grant.receiveToken, ice);
      await sender.connect(grant.url, grant.sendToken, ice);
      await sender.localParticipant.setCameraEnabled(
        true,
        choices.cameraId ? { deviceId: choices.cameraId } : undefined,
      );
      await sender.localParticipant.setMicrophoneEnabled(
        true,
        choices.micId ? { deviceId: choices.micId } : undefined,
      );
      if (this.sender === sender) this.set({ status: 'connected' });
    } catch {
      if (this.sender !== sender) return;
      await this.stop();
      this.set({ status: 'failed' });
    }
  }

  /**
   * Measures the returned sound until it is heard or the track ends. On the track itself, not
   * on the receiver's statistics: those measure after the page's volume, and the returned sound
   * plays muted unless the person asks to hear it.
   */
  private listenTo(track: RemoteTrack): void {
    this.stopListening();
    const meter = openSoundMeter(track.mediaStreamTrack);
    if (!meter) return;
    const timer = setInterval(() => {
      if (this.snap.heard || this.snap.audio !== track) this.stopListening();
      else if (meter.peak() >= AUDIBLE_PEAK) {
        this.stopListening();
        this.set({ heard: true });
      }
    }, SOUND_CHECK_MS);
    this.meter = { timer, meter };
  }

  private stopListening(): void {
    if (!this.meter) return;
    clearInterval(this.meter.timer);
    this.meter.meter.close();
    this.meter = null;
  }

  async stop(): Promise<void> {
    this.stopListening();
    const rooms = [this.sender, this.receiver];
    this.sender = null;
    this.receiver = null;
    for (const room of rooms) {
      room?.removeAllListeners();
      await room?.disconnect().catch(() => undefined);
    }
    this.set(IDLE);
  }
}
