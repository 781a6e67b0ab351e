import type { RedisClientType } from 'redis';

/** How long a meeting's lease lasts without renewal, and how often its owner renews it. */
export const LEASE_MS = 2_000;
export const RENEW_MS = 500;

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

const key = (meetingId: string) => `cg:lease:${meetingId}`;

/**
 * One node at a time applies a meeting's commands: the node that holds its lease in Redis. A
 * lease is taken only when free (SET NX), renewed by its holder every RENEW_MS and lost after
 * LEASE_MS without renewal (the holder died or lost Redis). The lease says who should write; the
 * version check in the database (pgCommands.ts) is what makes a second writer impossible even
 * while two nodes both believe they hold it.
 */
export class Leases {
  constructor(
    private readonly redis: RedisClientType,
    readonly nodeId: string,
  ) {}

  /** Takes the lease if it is free or already ours: true when this node holds it now. */
  async acquire(meetingId: string): Promise<boolean> {
    const set = await this.redis.set(key(meetingId), this.nodeId, { NX: true, PX: LEASE_MS });
    if (set === 'OK') return true;
    return (await this.owner(meetingId)) === this.nodeId;
  }

  /** The node holding the lease, or null when it is free. */
  owner(meetingId: string): Promise<string | null> {
    return this.redis.get(key(meetingId));
  }

  /** Renews our lease; false when it was lost (expired, or taken by another node since). */
  async renew(meetingId: string): Promise<boolean> {
    const r = await this.redis.eval(RENEW, {
      keys: [key(meetingId)],
      arguments: [this.nodeId, String(LEASE_MS)],
    });
    return r === 1;
  }

  async release(meetingId: string): Promise<void> {
    await this.redis.eval(RELEASE, { keys: [key(meetingId)], arguments: [this.nodeId] });
  }
}
