import { Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client';
import type { PracticeGrantDto } from '../../../../shared/protocol/around';
import type { DeviceChoices } from '../../lib/deviceChoices';
import { iceOptions } from '../../lib/mediaIce';
import { roomOptions } from '../../lib/roomOptions';

export type PracticeStatus = 'idle' | 'connecting' | 'connected' | 'failed';

export interface PracticeSnapshot {
  status: PracticeStatus;
  /** Camera and microphone as they came back through the media server. */
  video: RemoteTrack | null;
  audio: RemoteTrack | null;
  /** The media server heard sound on the microphone at least once. */
  heard: boolean;
}

const IDLE: PracticeSnapshot = { status: 'idle', video: null, audio: null, heard: false };

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
      if (track.kind === Track.Kind.Audio) this.set({ audio: track });
    });
    receiver.on(RoomEvent.TrackUnsubscribed, (track) => {
      if (track === this.snap.video) this.set({ video: null });
      if (track === this.snap.audio) this.set({ audio: null });
    });
    // The media server says who it hears to everyone in the room, the sending connection too:
    // either telling us is enough (a receiver that joined while the sound went on may hear of it
    // only at the next change).
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

  async stop(): Promise<void> {
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
