import { freeze } from 'immer';
import { createRoomState, type NewMember } from '../../../shared/room/state';
import { errorReason } from '../logger';
import { RoomActor, type RoomActorDeps } from './RoomActor';

/** Live meetings by id: an actor is created lazily from the latest snapshot, or from the case. */
export class RoomRegistry {
  private actors = new Map<string, RoomActor>();

  constructor(private readonly deps: RoomActorDeps) {}

  /** The actor for a meeting, or undefined when the meeting does not exist. */
  get(meetingId: string): RoomActor | undefined {
    const existing = this.actors.get(meetingId);
    if (existing) return existing;
    const { repo } = this.deps;
    const meeting = repo.meetingById(meetingId);
    if (!meeting) return undefined;
    let state = repo.loadSnapshot(meetingId);
    if (!state) {
      const c = repo.caseById(meeting.caseId)!;
      const owner = repo.facilitatorById(c.owner_id)!;
      // The lead, then the facilitator accounts assigned to the case (co-facilitators), then
      // the case's people. Facilitator roles only ever come from accounts.
      const members: NewMember[] = [
        { id: owner.id, name: owner.name, role: 'facilitator', party: 'facilitation' },
        ...repo.facilitatorsByCase(c.id).map((f) => ({
          id: f.id,
          name: f.name,
          role: 'cofacilitator' as const,
          party: 'facilitation' as const,
        })),
        ...repo
          .peopleByCase(c.id)
          .map((p) => ({ id: p.id, name: p.displayName, role: p.role, party: p.party })),
      ];
      state = createRoomState({ meetingId, members, floorMode: meeting.floorMode });
      repo.saveSnapshot(state, this.deps.clock.now());
    }
    // Frozen like every state `decide` returns: views share its parts.
    const actor = new RoomActor(freeze(state, true), this.deps);
    this.actors.set(meetingId, actor);
    return actor;
  }

  /**
   * After a restart: load every meeting that was not ended, mark everyone disconnected (their
   * sockets are gone; they reconnect by themselves) and bring LiveKit in line with the state.
   */
  async restoreLive(): Promise<number> {
    const ids = this.deps.repo.liveMeetingIds();
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

  /** Drops a meeting's actor (its data was purged). */
  forget(meetingId: string): void {
    this.actors.delete(meetingId);
  }

  all(): RoomActor[] {
    return [...this.actors.values()];
  }

  async idle(): Promise<void> {
    await Promise.all(this.all().map((a) => a.idle()));
  }
}
