import { createClient, type RedisClientType } from 'redis';
import type { Ack } from '../../../shared/protocol/errors';
import type { MediaGrant } from '../../../shared/protocol/events';
import type { RoomState } from '../../../shared/room/state';
import type { RoomCommand } from '../../../shared/room/types';
import type { RoomView } from '../../../shared/room/views';
import { randomId } from '../auth/crypto';
import { errorReason, type Logger } from '../logger';
import type { MeetingHandle } from '../rooms/handle';
import type { RoomActor } from '../rooms/RoomActor';
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
 * Redis sorted set of the meetings with a pending deadline (a party's grace), scored by the
 * earliest. A meeting nobody has a socket in is watched by no node; this is how a node finds it
 * when its owner dies, so its deadline still fires (timers are data: the new owner re-arms them).
 */
const DEADLINES = 'cg:deadlines';

/**
 * The Socket.IO adapter's Redis stream: every view and socket closing between nodes passes
 * through it, with names, board text and messages to the facilitators. The adapter trims it by
 * count (app.ts: maxLen); the nodes also trim it by age, so what a meeting said does not stay
 * readable in Redis after it (a purged case included). A node cut off from Redis for longer
 * than that misses views, and its people get the next one (every view is whole).
 */
export const VIEW_STREAM = 'socket.io';
export const VIEW_STREAM_KEEP_MS = 60_000;
/** How often a node trims the stream by age (at most). */
const TRIM_EVERY_MS = 5_000;

/**
 * Each node process says it is alive in Redis (renewed every tick); an owner counts out the
 * sockets of a node whose key lapsed: it died, and its people are gone unless they reconnect
 * elsewhere. Long enough that a slow moment of a living node never counts its people out (it
 * counts them in again at once if it happens: beat()).
 */
export const NODE_ALIVE_MS = 6_000;
const aliveKey = (presenceId: string) => `cg:alive:${presenceId}`;

/** The earliest pending deadline of a live meeting (none fires in another state), or null. */
function nextDeadline(state: RoomState): number | null {
  if (state.status !== 'live') return null;
  let next: number | null = null;
  for (const d of state.deadlines?.partyGrace ?? [])
    if (!d.expired && (next === null || d.at < next)) next = d.at;
  return next;
}

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
  /**
   * This process among the nodes, in the owners' socket counts (ledgers): its name and a fresh
   * suffix, so a node restarted under the same name is not taken for the one that died.
   */
  readonly presenceId: string;
  private beating = false;
  readonly leases: Leases;
  private rpc!: Rpc;
  private sub!: RedisClientType;
  /** This node's open sockets: meeting -> member -> count. */
  private readonly presence = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private trimmedAt = 0;
  /**
   * On the owner: how many sockets each node says it holds per member, per actor (a new actor,
   * after a load or a takeover, starts from nothing). Nodes send their count, not a +1/-1, so a
   * count sent twice (a socket attaching while its node recounts for a takeover) counts once.
   */
  private readonly ledgers = new WeakMap<MeetingHandle, Map<string, Map<string, number>>>();
  /** Meetings this node loaded and is still counting in (see settle). */
  private readonly settling = new Set<string>();
  /** What this node last wrote to DEADLINES for the meetings it runs (writes only changes). */
  private readonly published = new Map<string, number | null>();

  private constructor(
    readonly redis: RedisClientType,
    private readonly rooms: () => RoomRegistry,
    private readonly store: Pick<MeetingStore, 'loadSnapshot' | 'meetingById'>,
    private readonly logger: Logger,
    nodeId?: string,
    private readonly streamKeepMs = VIEW_STREAM_KEEP_MS,
  ) {
    this.nodeId = nodeId ?? randomId(9);
    this.presenceId = `${this.nodeId}.${randomId(6)}`;
    this.leases = new Leases(redis, this.nodeId);
  }

  /** Connects to Redis (REDIS_URL). `rooms` is read later: the registry is built with our leases. */
  static async connect(o: {
    url: string;
    rooms: () => RoomRegistry;
    store: Pick<MeetingStore, 'loadSnapshot' | 'meetingById'>;
    logger: Logger;
    nodeId?: string;
    /** How long the view stream keeps an entry (VIEW_STREAM_KEEP_MS by default). */
    streamKeepMs?: number;
  }): Promise<ClusterNode> {
    const redis: RedisClientType = createClient({ url: o.url });
    redis.on('error', (err: unknown) => o.logger.warn('redis.error', { reason: errorReason(err) }));
    await redis.connect();
    return new ClusterNode(redis, o.rooms, o.store, o.logger, o.nodeId, o.streamKeepMs);
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
    await this.beat();
    this.timer = setInterval(() => void this.tick(), RENEW_MS);
    this.timer.unref();
  }

  /** The meeting wherever it runs (see MeetingHandle), or undefined when it does not exist. */
  async route(meetingId: string): Promise<MeetingHandle | undefined> {
    // Loaded here when this node runs it or nobody does (the first node to open it runs it).
    const local = await this.local(meetingId);
    const state = local?.state ?? (await this.store.loadSnapshot(meetingId));
    if (!state) return undefined;
    return new ClusterMeeting(this, meetingId, state);
  }

  /** Runs `req` here if this node runs the meeting, else on its owner; retries across a takeover. */
  async forward(req: RpcRequest): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const local = await this.local(req.meetingId);
      if (local) {
        try {
          return await this.runLocal(local, req);
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
    return { owner: true, result: await this.runLocal(actor, req) };
  }

  /**
   * The meeting's actor on this node: loaded here when this node runs it or nobody does. A
   * meeting this node loads may have had an owner that died (its lease lapsed): whoever loads it
   * first, a socket's call or the lease loop, counts every node's sockets in (settle), or the
   * people whose sockets stayed on other nodes would get no views from the new owner.
   */
  private async local(meetingId: string): Promise<RoomActor | undefined> {
    const rooms = this.rooms();
    const before = rooms.loaded(meetingId);
    const actor = await rooms.get(meetingId);
    if (actor && actor !== before && !this.settling.has(meetingId)) {
      this.settling.add(meetingId);
      void this.settle(meetingId, actor).finally(() => this.settling.delete(meetingId));
    }
    return actor;
  }

  /** Runs a forwarded call on the meeting's actor here. */
  private runLocal(actor: MeetingHandle, req: RpcRequest): Promise<unknown> {
    const [a, b, c] = req.args;
    switch (req.op) {
      case 'dispatch':
        return actor.dispatch(a as RoomCommand, (b as string | null) ?? null);
      case 'presence':
        return this.presenceOf(actor, c as string, a as string, b as number);
      case 'mintToken':
        return actor.mintToken(a as string);
      case 'view':
        return actor.view(a as string);
    }
  }

  /** Node `from` holds `n` sockets of `memberId`: attach or detach the difference. */
  private async presenceOf(actor: MeetingHandle, from: string, memberId: string, n: number) {
    let nodes = this.ledgers.get(actor);
    if (!nodes) this.ledgers.set(actor, (nodes = new Map()));
    const members = nodes.get(from) ?? new Map<string, number>();
    nodes.set(from, members);
    const had = members.get(memberId) ?? 0;
    if (n > 0) members.set(memberId, n);
    else members.delete(memberId);
    for (let i = had; i < n; i++) await actor.attach(memberId);
    for (let i = n; i < had; i++) await actor.detach(memberId);
  }

  /** A socket of this node joined (counted here for a takeover) or left a meeting. */
  counted(meetingId: string, memberId: string, delta: 1 | -1): number {
    const m = this.presence.get(meetingId) ?? new Map<string, number>();
    const n = (m.get(memberId) ?? 0) + delta;
    if (n > 0) m.set(memberId, n);
    else m.delete(memberId);
    if (m.size) this.presence.set(meetingId, m);
    else this.presence.delete(meetingId);
    return Math.max(0, n);
  }

  /** Renews our leases (dropping meetings whose lease was lost) and takes over orphaned ones. */
  private async tick(): Promise<void> {
    if (this.closed) return;
    const rooms = this.rooms();
    try {
      await this.beat();
      for (const actor of rooms.all()) {
        if (!(await this.leases.renew(actor.meetingId))) {
          this.logger.warn('cluster.lease.lost', { meetingId: actor.meetingId });
          this.published.delete(actor.meetingId);
          rooms.forget(actor.meetingId);
          continue;
        }
        await this.publishDeadline(actor.meetingId, nextDeadline(actor.state));
      }
      for (const id of this.published.keys()) if (!rooms.loaded(id)) this.published.delete(id);
      // Orphans: meetings with sockets here, and meetings with a pending deadline.
      const orphans = new Set([
        ...this.presence.keys(),
        ...(await this.redis.zRange(DEADLINES, 0, -1)),
      ]);
      for (const meetingId of orphans) {
        if (rooms.loaded(meetingId)) continue;
        if ((await this.leases.owner(meetingId)) !== null) continue;
        await this.takeOver(meetingId);
      }
      await this.countOutTheDead();
      await this.trimViewStream();
    } catch (err) {
      this.logger.warn('cluster.tick.failed', { reason: errorReason(err) });
    }
  }

  /**
   * Says this process is alive (NODE_ALIVE_MS). If its key had lapsed (a long pause, Redis out of
   * reach), owners may have counted its sockets out: they are counted in again at once.
   */
  private async beat(): Promise<void> {
    const key = aliveKey(this.presenceId);
    const lapsed = this.beating && (await this.redis.exists(key)) === 0;
    await this.redis.set(key, '1', { PX: NODE_ALIVE_MS });
    this.beating = true;
    if (!lapsed) return;
    this.logger.warn('cluster.node.alive_again', { node: this.nodeId });
    for (const meetingId of [...this.presence.keys()]) await this.countIn(meetingId);
  }

  /**
   * The meetings this node runs: the sockets of a node that is no longer alive are counted out,
   * so its people show as gone (and a party's grace starts) instead of present for ever.
   */
  private async countOutTheDead(): Promise<void> {
    const alive = new Map<string, boolean>();
    for (const actor of this.rooms().all()) {
      const nodes = this.ledgers.get(actor);
      if (!nodes) continue;
      for (const [from, members] of [...nodes]) {
        if (from === this.presenceId) continue;
        let ok = alive.get(from);
        if (ok === undefined) {
          ok = (await this.redis.exists(aliveKey(from))) === 1;
          alive.set(from, ok);
        }
        if (ok) continue;
        this.logger.warn('cluster.node.gone', { meetingId: actor.meetingId });
        for (const memberId of [...members.keys()]) await this.presenceOf(actor, from, memberId, 0);
        nodes.delete(from);
      }
    }
  }

  /** Drops the view stream's entries older than streamKeepMs (VIEW_STREAM), every few seconds. */
  private async trimViewStream(): Promise<void> {
    const now = Date.now();
    if (now - this.trimmedAt < Math.min(TRIM_EVERY_MS, this.streamKeepMs)) return;
    this.trimmedAt = now;
    await this.redis.xTrim(VIEW_STREAM, 'MINID', `${now - this.streamKeepMs}-0`);
  }

  /** Takes over a meeting whose owner stopped renewing its lease (see the class comment). */
  private async takeOver(meetingId: string): Promise<void> {
    // Loading it starts the count (local -> settle). A meeting gone from the store (purged)
    // leaves the deadline set.
    if (!(await this.local(meetingId)) && !(await this.rooms().exists(meetingId)))
      await this.redis.zRem(DEADLINES, meetingId);
  }

  /** Keeps DEADLINES in line with a meeting this node runs (only changes are written). */
  private async publishDeadline(meetingId: string, next: number | null): Promise<void> {
    if (this.published.get(meetingId) === next) return;
    if (next === null) await this.redis.zRem(DEADLINES, meetingId);
    else await this.redis.zAdd(DEADLINES, { score: next, value: meetingId });
    this.published.set(meetingId, next);
  }

  /** A meeting newly loaded here: every node counts its sockets in, then the rest are out. */
  private async settle(meetingId: string, actor: RoomActor): Promise<void> {
    const rooms = this.rooms();
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
    await this.countIn(meetingId);
  }

  /** Tells a meeting's owner how many sockets of each member this node holds now. */
  private async countIn(meetingId: string): Promise<void> {
    const members = this.presence.get(meetingId);
    if (!members) return;
    for (const [memberId, n] of [...members]) {
      await this.forward({ op: 'presence', meetingId, args: [memberId, n, this.presenceId] }).catch(
        (err: unknown) =>
          this.logger.warn('cluster.recount.failed', { meetingId, reason: errorReason(err) }),
      );
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
  // The owner is told how many sockets of the member this node holds now (see ledgers).
  async attach(memberId: string) {
    const n = this.node.counted(this.meetingId, memberId, 1);
    await this.call('presence', [memberId, n, this.node.presenceId]);
  }
  async detach(memberId: string) {
    const n = this.node.counted(this.meetingId, memberId, -1);
    await this.call('presence', [memberId, n, this.node.presenceId]);
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
