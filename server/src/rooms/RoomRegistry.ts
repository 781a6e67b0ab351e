import { freeze } from 'immer';
import { createRoomState, type NewMember } from '../../../shared/room/state';
import { errorReason } from '../logger';
import type { AccountStore, CaseStore, MeetingStore } from '../store/ports';
import type { MeetingHandle } from './handle';
import { gateItems, newMembersOf, sameGate, type GateStore } from './prepGate';
import { RoomActor, type RoomActorDeps } from './RoomActor';

/** What the registry needs: the actors' own deps, and where meetings and their cases are read. */
export interface RoomRegistryDeps extends RoomActorDeps {
  store: MeetingStore &
    Pick<CaseStore, 'caseById' | 'facilitatorsByCase' | 'peopleByCase'> &
    Pick<AccountStore, 'facilitatorById'> &
    GateStore;
  /** An actor unused this long (and idle: see RoomActor.idleSince) is dropped from memory. */
  idleEvictMs: number;
  /**
   * With several app nodes (server/src/cluster): a meeting is loaded here only while this node
   * holds its lease, and the lease is given back when the actor is dropped.
   */
  lease?: { acquire(meetingId: string): Promise<boolean>; release(meetingId: string): void };
}

/**
 * Live meetings by id: an actor is created lazily from the latest snapshot, or from the case, and
 * dropped again once idle (evictIdle); the store holds everything it needs to come back.
 */
export class RoomRegistry {
  private actors = new Map<string, RoomActor>();
  /** Meetings being read from the store now: a second caller waits for the same actor. */
  private loading = new Map<string, Promise<RoomActor | undefined>>();
  /**
   * Where a meeting's commands go from this node: its local actor (one node), or the owner's
   * (several nodes: set by the cluster). See `handle`.
   */
  router: ((meetingId: string) => Promise<MeetingHandle | undefined>) | null = null;

  constructor(private readonly deps: RoomRegistryDeps) {}

  /**
   * The actor for a meeting, or undefined when the meeting does not exist. One actor per meeting:
   * callers that ask while it is being read from the store all get the same one.
   */
  get(meetingId: string): Promise<RoomActor | undefined> {
    const existing = this.actors.get(meetingId);
    if (existing) {
      existing.touch();
      return Promise.resolve(existing);
    }
    let load = this.loading.get(meetingId);
    if (!load) {
      load = this.load(meetingId).finally(() => this.loading.delete(meetingId));
      this.loading.set(meetingId, load);
    }
    return load;
  }

  /**
   * The meeting as sockets and routes use it, wherever it runs (rooms/handle.ts); undefined when
   * it does not exist.
   */
  handle(meetingId: string): Promise<MeetingHandle | undefined> {
    return this.router ? this.router(meetingId) : this.get(meetingId);
  }

  /** Whether the meeting exists in the store (loaded here or not). */
  async exists(meetingId: string): Promise<boolean> {
    return this.actors.has(meetingId) || !!(await this.deps.store.meetingById(meetingId));
  }

  /** The actor for a meeting if it is in memory now (no store read). */
  loaded(meetingId: string): RoomActor | undefined {
    return this.actors.get(meetingId);
  }

  private async load(meetingId: string): Promise<RoomActor | undefined> {
    const { store } = this.deps;
    const meeting = await store.meetingById(meetingId);
    if (!meeting) return undefined;
    if (this.deps.lease && !(await this.deps.lease.acquire(meetingId))) return undefined;
    let state = await store.loadSnapshot(meetingId);
    if (!state) {
      const c = (await store.caseById(meeting.caseId))!;
      const owner = (await store.facilitatorById(c.owner_id))!;
      // The lead, then the facilitator accounts assigned to the case (co-facilitators), then
      // the meeting's own people (issue 15). Facilitator roles only ever come from accounts.
      const members: NewMember[] = [
        { id: owner.id, name: owner.name, role: 'facilitator', party: 'facilitation' },
        ...(await store.facilitatorsByCase(c.id)).map((f) => ({
          id: f.id,
          name: f.name,
          role: 'cofacilitator' as const,
          party: 'facilitation' as const,
        })),
        ...(await newMembersOf(store, meetingId)),
      ];
      state = createRoomState({
        meetingId,
        members,
        floorMode: meeting.floorMode,
        kind: meeting.kind,
        gate: { missing: await gateItems(store, meetingId) },
      });
      await store.saveSnapshot(state, this.deps.clock.now());
    }
    // A snapshot may predate a change to readiness or consent (or the gate itself): the room is
    // told the gate as it is now, ahead of any command queued after this (read before the actor
    // is seen by anyone).
    const missing = state.status === 'open' ? await gateItems(store, meetingId) : null;
    // Frozen like every state `decide` returns: views share its parts.
    const actor = new RoomActor(freeze(state, true), this.deps);
    this.actors.set(meetingId, actor);
    if (missing && !sameGate(state.gate?.missing, missing))
      void actor.dispatch({ type: 'system.setGate', missing }).catch(() => undefined);
    return actor;
  }

  /**
   * After a restart: load every meeting that was not ended, mark everyone disconnected (their
   * sockets are gone; they reconnect by themselves) and bring LiveKit in line with the state.
   */
  async restoreLive(): Promise<number> {
    const ids = await this.deps.store.liveMeetingIds();
    for (const id of ids) {
      const actor = await this.get(id);
      if (!actor) continue;
      for (const m of Object.values(actor.state.members)) {
        if (m.connected) await actor.dispatch({ type: 'system.disconnect', memberId: m.id });
      }
      await actor.restoreLiveKit().catch((err) =>
        this.deps.logger.warn('livekit.restore.failed', {
          meetingId: id,
          reason: errorReason(err),
        }),
      );
    }
    return ids.length;
  }

  /**
   * Drops every actor idle for `idleEvictMs` (no sockets, nothing queued, no LiveKit room or call,
   * no pending deadline): memory follows the meetings running, not every meeting since the start.
   * `get` loads one again from its snapshot. A meeting whose LiveKit rooms are still open is kept
   * (and the media sweep, which lists LiveKit's rooms, would load it again anyway). How many.
   */
  evictIdle(): number {
    const before = this.deps.clock.now() - this.deps.idleEvictMs;
    let n = 0;
    for (const [id, actor] of this.actors) {
      if (!actor.idleSince(before)) continue;
      this.actors.delete(id);
      actor.retire(() => this.get(id));
      this.deps.lease?.release(id);
      n++;
    }
    if (n) this.deps.logger.debug('rooms.evicted', { count: n });
    return n;
  }

  /** Whether a meeting's actor is in memory now (tests and metrics). */
  isLoaded(meetingId: string): boolean {
    return this.actors.has(meetingId);
  }

  /** Drops a meeting's actor (its data was purged). */
  forget(meetingId: string): void {
    const actor = this.actors.get(meetingId);
    this.actors.delete(meetingId);
    actor?.retire(async () => undefined);
    if (actor) this.deps.lease?.release(meetingId);
  }

  all(): RoomActor[] {
    return [...this.actors.values()];
  }

  async idle(): Promise<void> {
    await Promise.all(this.all().map((a) => a.idle()));
  }
}
