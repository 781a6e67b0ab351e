import { freeze } from 'immer';
import { createRoomState, type NewMember } from '../../../shared/room/state';
import { errorReason } from '../logger';
import type { AccountStore, CaseStore, MeetingStore } from '../store/ports';
import { gateItems, sameGate, type GateStore } from './prepGate';
import { RoomActor, type RoomActorDeps } from './RoomActor';

/** What the registry needs: the actors' own deps, and where meetings and their cases are read. */
export interface RoomRegistryDeps extends RoomActorDeps {
  store: MeetingStore &
    Pick<CaseStore, 'caseById' | 'facilitatorsByCase' | 'peopleByCase'> &
    Pick<AccountStore, 'facilitatorById'> &
    GateStore;
  /** An actor unused this long (and idle: see RoomActor.idleSince) is dropped from memory. */
  idleEvictMs: number;
}

/**
 * Live meetings by id: an actor is created lazily from the latest snapshot, or from the case, and
 * dropped again once idle (evictIdle); the store holds everything it needs to come back.
 */
export class RoomRegistry {
  private actors = new Map<string, RoomActor>();

  constructor(private readonly deps: RoomRegistryDeps) {}

  /** The actor for a meeting, or undefined when the meeting does not exist. */
  get(meetingId: string): RoomActor | undefined {
    const existing = this.actors.get(meetingId);
    if (existing) {
      existing.touch();
      return existing;
    }
    const { store } = this.deps;
    const meeting = store.meetingById(meetingId);
    if (!meeting) return undefined;
    let state = store.loadSnapshot(meetingId);
    if (!state) {
      const c = store.caseById(meeting.caseId)!;
      const owner = store.facilitatorById(c.owner_id)!;
      // The lead, then the facilitator accounts assigned to the case (co-facilitators), then
      // the meeting's own people (issue 15). Facilitator roles only ever come from accounts.
      const members: NewMember[] = [
        { id: owner.id, name: owner.name, role: 'facilitator', party: 'facilitation' },
        ...store.facilitatorsByCase(c.id).map((f) => ({
          id: f.id,
          name: f.name,
          role: 'cofacilitator' as const,
          party: 'facilitation' as const,
        })),
        ...store
          .memberIdsOf(meetingId)
          .map((id) => store.personById(id)!)
          .map((p) => ({ id: p.id, name: p.displayName, role: p.role, party: p.party })),
      ];
      state = createRoomState({
        meetingId,
        members,
        floorMode: meeting.floorMode,
        kind: meeting.kind,
        gate: { missing: gateItems(store, meetingId) },
      });
      store.saveSnapshot(state, this.deps.clock.now());
    }
    // Frozen like every state `decide` returns: views share its parts.
    const actor = new RoomActor(freeze(state, true), this.deps);
    this.actors.set(meetingId, actor);
    // A snapshot may predate a change to readiness or consent (or the gate itself): the room is
    // told the gate as it is now, ahead of any command queued after this.
    if (state.status === 'open') {
      const missing = gateItems(store, meetingId);
      if (!sameGate(state.gate?.missing, missing))
        void actor.dispatch({ type: 'system.setGate', missing }).catch(() => undefined);
    }
    return actor;
  }

  /**
   * After a restart: load every meeting that was not ended, mark everyone disconnected (their
   * sockets are gone; they reconnect by themselves) and bring LiveKit in line with the state.
   */
  async restoreLive(): Promise<number> {
    const ids = this.deps.store.liveMeetingIds();
    for (const id of ids) {
      const actor = this.get(id);
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
    actor?.retire(() => undefined);
  }

  all(): RoomActor[] {
    return [...this.actors.values()];
  }

  async idle(): Promise<void> {
    await Promise.all(this.all().map((a) => a.idle()));
  }
}
