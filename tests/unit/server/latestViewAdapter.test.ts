import { describe, expect, it } from 'vitest';
import { LatestViewAdapter } from '../../../server/src/realtime/latestViewAdapter';

/** A namespace stand-in with what the adapter touches (its server options and no sockets). */
function fakeNsp() {
  return {
    server: {
      opts: { connectionStateRecovery: { maxDisconnectionDuration: 30_000 } },
      encoder: { encode: () => [] },
    },
    sockets: new Map(),
    name: '/',
  };
}

const stored = (a: LatestViewAdapter) =>
  (a as unknown as { packets: { id: string; opts: { rooms: Set<string> } }[] }).packets;

describe('LatestViewAdapter: recovery keeps only the newest view per room', () => {
  it('holds about one packet per room however many views were sent', () => {
    const a = new LatestViewAdapter(fakeNsp());
    for (let i = 0; i < 5000; i++) {
      const room = `m:meeting:${i % 10}`;
      a.broadcast(
        { type: 2, data: ['room:view', { version: i }], nsp: '/' },
        { rooms: new Set([room]), except: new Set() },
      );
    }
    const packets = stored(a);
    expect(packets.length).toBeLessThan(300);
    // The newest packet of every room is still there, so a client up to date can recover.
    const rooms = new Set(packets.map((p) => [...p.opts.rooms][0]));
    expect(rooms.size).toBe(10);
    const newest = (packets as unknown as { data: unknown[]; opts: { rooms: Set<string> } }[])
      .filter((p) => p.opts.rooms.has('m:meeting:9'))
      .at(-1)!;
    expect((newest.data[1] as { version: number }).version).toBe(4999);
  });

  it('replays what a client missed when its last packet is still stored', async () => {
    const a = new LatestViewAdapter(fakeNsp());
    const room = new Set(['m:x:y']);
    a.broadcast(
      { type: 2, data: ['room:view', { version: 1 }], nsp: '/' },
      { rooms: room, except: new Set() },
    );
    const offset = stored(a).at(-1)!.id;
    a.persistSession({ sid: 's1', pid: 'p1', rooms: ['m:x:y'], data: {} } as never);
    a.broadcast(
      { type: 2, data: ['room:view', { version: 2 }], nsp: '/' },
      { rooms: room, except: new Set() },
    );
    const session = await a.restoreSession('p1', offset);
    expect(
      session?.missedPackets.map((p: unknown[]) => (p[1] as { version: number }).version),
    ).toEqual([2]);
  });
});
