// The practice call (client/src/features/practice/PracticeCall.ts) with a fake LiveKit Room: both
// of its connections use the ICE servers the server decided (PracticeGrantDto.ice): an empty list
// on the loopback dev/test LiveKit, and LiveKit's own STUN/TURN (no rtcConfig) otherwise.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PracticeGrantDto } from '../../../../../shared/protocol/around';
import type { MediaIce } from '../../../../../shared/protocol/events';

const holder = vi.hoisted(() => ({
  Room: null as unknown,
  /** The peaks the sound meter reads, in turn (the last one repeats), and how it was used. */
  peaks: [0] as number[],
  meters: [] as { track: unknown; closed: boolean }[],
}));
vi.mock('../../../../../client/src/lib/soundLevel', () => ({
  openSoundMeter: (track: unknown) => {
    const meter = { track, closed: false };
    holder.meters.push(meter);
    let i = 0;
    return {
      peak: () => holder.peaks[Math.min(i++, holder.peaks.length - 1)]!,
      close: () => {
        meter.closed = true;
      },
    };
  },
}));
vi.mock('livekit-client', async (original) => ({
  ...(await original<typeof import('livekit-client')>()),
  get Room() {
    return holder.Room;
  },
}));

/** A stand-in for livekit-client's Room: records how it was connected. */
class FakeRoom {
  static instances: FakeRoom[] = [];
  connectedWith: { token: string; opts: unknown } | null = null;
  readonly localParticipant = {
    setCameraEnabled: async () => undefined,
    setMicrophoneEnabled: async () => undefined,
  };
  readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  constructor() {
    FakeRoom.instances.push(this);
  }
  on(event: string, handler: (...args: unknown[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  async connect(_url: string, token: string, opts: unknown): Promise<void> {
    this.connectedWith = { token, opts };
  }
  async disconnect(): Promise<void> {}
}
holder.Room = FakeRoom;

const { PracticeCall, AUDIBLE_PEAK, SOUND_CHECK_MS } =
  await import('../../../../../client/src/features/practice/PracticeCall');

const CHOICES = { cameraOn: true, micOn: true, cameraId: null, micId: null, audioOnly: false };
const grant = (ice: MediaIce): PracticeGrantDto => ({
  url: 'ws://lk.test',
  sendToken: 'send',
  receiveToken: 'receive',
  ice,
});

describe('PracticeCall ICE servers', () => {
  beforeEach(() => {
    FakeRoom.instances = [];
  });

  it('passes an empty ICE list to both connections on the loopback dev/test LiveKit', async () => {
    const call = new PracticeCall();
    await call.start(grant('loopback'), CHOICES);
    expect(call.getSnapshot().status).toBe('connected');
    expect(FakeRoom.instances.map((r) => r.connectedWith).sort(byToken)).toEqual([
      { token: 'receive', opts: { rtcConfig: { iceServers: [] } } },
      { token: 'send', opts: { rtcConfig: { iceServers: [] } } },
    ]);
  });

  it("passes no rtcConfig when the server says 'server', so LiveKit's STUN/TURN are used", async () => {
    const call = new PracticeCall();
    await call.start(grant('server'), CHOICES);
    expect(call.getSnapshot().status).toBe('connected');
    expect(FakeRoom.instances.map((r) => r.connectedWith).sort(byToken)).toEqual([
      { token: 'receive', opts: {} },
      { token: 'send', opts: {} },
    ]);
  });
});

describe('PracticeCall: the microphone comes through', () => {
  beforeEach(() => {
    FakeRoom.instances = [];
    holder.meters = [];
    vi.useFakeTimers();
    return () => vi.useRealTimers();
  });

  const started = async (peaks: number[]) => {
    holder.peaks = peaks;
    const call = new PracticeCall();
    await call.start(grant('loopback'), CHOICES);
    const receiver = FakeRoom.instances.filter((r) => r.connectedWith?.token === 'receive').at(-1)!;
    const track = { kind: 'audio', mediaStreamTrack: { id: 'returned-mic' } };
    receiver.emit('trackSubscribed', track);
    return { call, receiver, track };
  };

  it('says heard once the returned sound reaches the audible peak, and not before', async () => {
    const { call, track } = await started([0, AUDIBLE_PEAK / 2, AUDIBLE_PEAK]);
    expect(holder.meters.map((m) => m.track)).toEqual([track.mediaStreamTrack]);
    await vi.advanceTimersByTimeAsync(SOUND_CHECK_MS * 2);
    expect(call.getSnapshot().heard).toBe(false);
    await vi.advanceTimersByTimeAsync(SOUND_CHECK_MS);
    expect(call.getSnapshot().heard).toBe(true);
    expect(holder.meters[0]!.closed).toBe(true);
  });

  it('says heard when the media server reports a speaker, never while the sound is silent', async () => {
    const { call, receiver } = await started([0]);
    await vi.advanceTimersByTimeAsync(SOUND_CHECK_MS * 10);
    expect(call.getSnapshot().heard).toBe(false);
    receiver.emit('activeSpeakersChanged', [{ identity: 'send' }]);
    expect(call.getSnapshot().heard).toBe(true);
  });

  it('stops measuring when the call stops or the track goes', async () => {
    const first = await started([0]);
    await first.call.stop();
    expect(holder.meters[0]!.closed).toBe(true);
    const second = await started([0]);
    second.receiver.emit('trackUnsubscribed', second.track);
    await vi.advanceTimersByTimeAsync(SOUND_CHECK_MS);
    expect(holder.meters[1]!.closed).toBe(true);
    expect(second.call.getSnapshot().heard).toBe(false);
  });
});

function byToken(a: { token: string } | null, b: { token: string } | null): number {
  return (a?.token ?? '').localeCompare(b?.token ?? '');
}
