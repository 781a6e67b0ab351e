// The practice call (client/src/features/practice/PracticeCall.ts) with a fake LiveKit Room: both
// of its connections use the ICE servers the server decided (PracticeGrantDto.ice): an empty list
// on the loopback dev/test LiveKit, and LiveKit's own STUN/TURN (no rtcConfig) otherwise.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PracticeGrantDto } from '../../../../../shared/protocol/around';
import type { MediaIce } from '../../../../../shared/protocol/events';

const holder = vi.hoisted(() => ({ Room: null as unknown }));
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
  constructor() {
    FakeRoom.instances.push(this);
  }
  on(): this {
    return this;
  }
  removeAllListeners(): this {
    return this;
  }
  async connect(_url: string, token: string, opts: unknown): Promise<void> {
    this.connectedWith = { token, opts };
  }
  async disconnect(): Promise<void> {}
}
holder.Room = FakeRoom;

const { PracticeCall } = await import('../../../../../client/src/features/practice/PracticeCall');

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

function byToken(a: { token: string } | null, b: { token: string } | null): number {
  return (a?.token ?? '').localeCompare(b?.token ?? '');
}
