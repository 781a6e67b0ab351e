import { createClient, type RedisClientType } from 'redis';
import type { Ack } from '../../../shared/protocol/errors';
import type { MediaGrant } from '../../../shared/protocol/events';
import type { RoomState } from '../../../shared/room/state';
import type { RoomCommand } from '../../../shared/room/types';
import type { RoomView } from '../../../shared/room/views';
import { randomId } from '../auth/crypto';
import { errorReason, type Logger } from '../logger';
import type { MeetingHandle } from '../rooms/handle';
import type { RoomRegistry } from '../rooms/RoomRegistry';
import { VersionConflictError } from '../store/pgCommands';
import type { MeetingStore } from '../store/ports';
import { Leases, RENEW_MS } from './leases';
import { NotOwnerError, Rpc, type RpcRequest } from './rpc';

/** How long a new owner waits for the other nodes' sockets to be counted in before it counts
 * out the people nobody holds a socket for any more (their node died). */
export const TAKEOVER_SETTLE_MS = 1_000;

/** Redis channel on which a node that took a meeting over asks every node for its sockets. */
const TAKEOVER = 'cg:takeover';

/**
 * This app node in a group of several (REDIS_URL with DATABASE_URL). Each meeting runs on one
 * node, the holder of its lease (leases.ts); the others forward what their sockets send it
 * (rpc.ts), and the owner's views reach every socket through the Socket.IO Redis adapter. Every
 * node renews the leases of the meetings it runs and watches those its sockets are in: when one's
 * owner stops renewing (it died), a node with sockets in it takes it over from the store, counts
 * in every node's sockets, counts out those nobody holds any more, and brings LiveKit in line.
 */
export class ClusterNode {
  readonly nodeId: string;
  readonly leases: Leases;
  private rpc!: Rpc;
  private sub!: RedisClientType;
  /** This node's open sockets: meeting -> member -> count. */
  private readonly presence = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    readonly redis: RedisClientType,
    private readonly rooms: () => RoomRegistry,
    private readonly store: Pick<MeetingStore, 'loadSnapshot' | 'meetingById'>,
    private readonly logger: Logger,
    nodeId?: string,
  ) {
    this.nodeId = nodeId ?? randomId(9);
    this.leases = new Leases(redis, this.nodeId);
  }

  /** Connects to Redis (REDIS_URL). `rooms` is read later: the registry is built with our leases. */
  static async connect(o: {
    url: string;
    rooms: () => RoomRegistry;
    store: Pick<MeetingStore, 'loadSnapshot' | 'meetingById'>;
    logger: Logger;
    nodeId?: string;
  }): Promise<ClusterNode> {
    const redis: RedisClientType = createClient({ url: o.url });
    redis.on('error', (err: unknown) => o.logger.warn('redis.error', { reason: errorReason(err) }));
    await redis.connect();
    return new ClusterNode(redis, o.rooms, o.store, o.logger, o.nodeId);
  }

  /** Starts answering forwarded calls and takeover requests, and the lease loop. */
  async start(): Promise<void> {
    this.sub = this.redis.duplicate();
    this.sub.on('error', () => undefined);
    await this.sub.connect();
    this.rpc = new Rpc(this.redis, this.sub, this.nodeId, (req) => this.serve(req));
    await this.rpc.start();
    await this.sub.subscribe(TAKEOVER, (text) => void this.recount(text));
    this.rooms().router = (id) => this.route(id);
    this.timer = setInterval(() => void this.tick(), RENEW_MS);
    this.timer.unref();
  }

  /** The meeting wherever it runs (see MeetingHandle), or undefined when it does not exist. */
  async route(meetingId: string): Promise<MeetingHandle | undefined> {
    // Loaded here when this node runs it or nobody does (the first node to open it runs it).
    const local = await this.rooms().get(meetingId);
    const state = local?.state ?? (await this.store.loadSnapshot(meetingId));
    if (!state) return undefined;
    return new ClusterMeeting(this, meetingId, state);
  }

  /** Runs `req` here if this node runs the meeting, else on its owner; retries across a takeover. */
  async forward(req: RpcRequest): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const local = await this.rooms().get(req.meetingId);
      if (local) {
        try {
          return await runLocal(local, req);
        } catch (err) {
          // Another node wrote this meeting meanwhile: our copy is stale. Drop it and start over
          // (from the store, or on the node that runs it now).
          if (!(err instanceof VersionConflictError) || attempt >= 20) throw err;
          this.logger.warn('cluster.stale', { meetingId: req.meetingId });
          this.rooms().forget(req.meetingId);
          continue;
        }
      }
      const owner = await this.leases.owner(req.meetingId);
      try {
        if (owner) return await this.rpc.call(owner, req);
      } catch (err) {
        if (!(err instanceof NotOwnerError) || attempt >= 20) throw err;
      }
      // No owner, or it did not answer: wait for its lease to lapse, then take it (or find who did).
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** A forwarded call: run it when this node runs the meeting. */
  private async serve(req: RpcRequest): Promise<{ owner: boolean; result?: unknown }> {
    const actor = this.rooms().loaded(req.meetingId);
    if (!actor) return { owner: false };
    return { owner: true, result: await runLocal(actor, req) };
  }

  /** A socket of this node joined (counted here for a takeover) or left a meeting. */
  counted(meetingId: string, memberId: string, delta: 1 | -1): void {
    const m = this.presence.get(meetingId) ?? new Map<string, number>();
    const n = (m.get(memberId) ?? 0) + delta;
    if (n > 0) m.set(memberId, n);
    else m.delete(memberId);
    if (m.size) this.presence.set(meetingId, m);
    else this.presence.delete(meetingId);
  }

  /** Renews our leases (dropping meetings whose lease was lost) and takes over orphaned ones. */
  private async tick(): Promise<void> {
    if (this.closed) return;
    const rooms = this.rooms();
    try {
      for (const actor of rooms.all()) {
        if (!(await this.leases.renew(actor.meetingId))) {
          this.logger.warn('cluster.lease.lost', { meetingId: actor.meetingId });
          rooms.forget(actor.meetingId);
        }
      }
      for (const meetingId of this.presence.keys()) {
        if (rooms.loaded(meetingId)) continue;
        if ((await this.leases.owner(meetingId)) !== null) continue;
        await this.takeOver(meetingId);
      }
    } catch (err) {
      this.logger.warn('cluster.tick.failed', { reason: errorReason(err) });
    }
  }

  /** Takes over a meeting whose owner stopped renewing its lease (see the class comment). */
  private async takeOver(meetingId: string): Promise<void> {
    const rooms = this.rooms();
    const actor = await rooms.get(meetingId);
    if (!actor) return;
    this.logger.info('cluster.takeover', { meetingId });
    // Every node (this one too) counts its sockets of the meeting in again, on the new owner.
    await this.redis.publish(TAKEOVER, JSON.stringify({ meetingId, owner: this.nodeId }));
    await new Promise((r) => setTimeout(r, TAKEOVER_SETTLE_MS));
    if (rooms.loaded(meetingId) !== actor) return;
    for (const m of Object.values(actor.state.members)) {
      if (m.connected && !actor.hasSocket(m.id)) {
        await actor.dispatch({ type: 'system.disconnect', memberId: m.id });
      }
    }
    await actor
      .restoreLiveKit()
      .catch((err: unknown) =>
        this.logger.warn('livekit.restore.failed', { meetingId, reason: errorReason(err) }),
      );
  }

  /** A takeover somewhere: this node's sockets of that meeting are counted in on the new owner. */
  private async recount(text: string): Promise<void> {
    const { meetingId } = JSON.parse(text) as { meetingId: string; owner: string };
    const members = this.presence.get(meetingId);
    if (!members) return;
    for (const [memberId, n] of members) {
      for (let i = 0; i < n; i++) {
        await this.forward({ op: 'attach', meetingId, args: [memberId] }).catch((err: unknown) =>
          this.logger.warn('cluster.recount.failed', { meetingId, reason: errorReason(err) }),
        );
      }
    }
  }

  /** Stops renewing and answering; gives back the leases of the meetings run here. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.rpc?.close();
    for (const actor of this.rooms().all())
      await this.leases.release(actor.meetingId).catch(() => undefined);
    await this.sub?.quit().catch(() => undefined);
    await this.redis.quit().catch(() => undefined);
  }
}

/** Runs a forwarded call on the meeting's actor here. */
function runLocal(actor: MeetingHandle, req: RpcRequest): Promise<unknown> {
  const [a, b] = req.args;
  switch (req.op) {
    case 'dispatch':
      return actor.dispatch(a as RoomCommand, (b as string | null) ?? null);
    case 'attach':
      return actor.attach(a as string);
    case 'detach':
      return actor.detach(a as string);
    case 'mintToken':
      return actor.mintToken(a as string);
    case 'view':
      return actor.view(a as string);
  }
}

/**
 * A meeting as a socket or route on this node sees it: every call goes to whichever node runs it
 * now (this one, after a takeover), so a socket keeps working across a change of owner.
 */
class ClusterMeeting implements MeetingHandle {
  constructor(
    private readonly node: ClusterNode,
    readonly meetingId: string,
    public state: RoomState,
  ) {}

  dispatch(command: RoomCommand, clientId: string | null = null) {
    return this.call('dispatch', [command, clientId]) as Promise<Ack<{ version: number }>>;
  }
  async attach(memberId: string) {
    this.node.counted(this.meetingId, memberId, 1);
    await this.call('attach', [memberId]);
  }
  async detach(memberId: string) {
    this.node.counted(this.meetingId, memberId, -1);
    await this.call('detach', [memberId]);
  }
  mintToken(memberId: string) {
    return this.call('mintToken', [memberId]) as Promise<Ack<MediaGrant>>;
  }
  async view(memberId: string) {
    const v = (await this.call('view', [memberId])) as RoomView | null;
    return v;
  }
  private call(op: RpcRequest['op'], args: unknown[]) {
    return this.node.forward({ op, meetingId: this.meetingId, args });
  }
}
