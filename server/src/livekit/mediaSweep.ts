import { errorReason, type Logger } from '../logger';
import type { RoomActor } from '../rooms/RoomActor';
import type { RoomRegistry } from '../rooms/RoomRegistry';
import { meetingIdCandidates, type LiveKitGateway } from './gateway';

/** How often every active meeting's LiveKit rooms are compared with its state. */
export const MEDIA_SWEEP_MS = 5_000;

/**
 * The meeting a LiveKit room belongs to (loading it if it exists but is not loaded), or undefined
 * for a room that is not the app's or whose meeting does not exist.
 */
export async function actorForRoom(
  rooms: RoomRegistry,
  name: string,
): Promise<RoomActor | undefined> {
  for (const id of meetingIdCandidates(name)) {
    const actor = await rooms.get(id);
    if (actor) return actor;
  }
  return undefined;
}

export interface MediaSweep {
  /** One pass over every meeting that may have media (tests call it directly). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The periodic safety net behind the per-command and webhook passes: one listRooms for the whole
 * server, then a sync pass for each meeting that has a connected member or rooms in LiveKit (a
 * meeting with neither costs nothing), and the app's rooms whose meeting no longer exists deleted.
 * Runs every `intervalMs` (MEDIA_SWEEP_MS).
 */
export function startMediaSweep(o: {
  livekit: LiveKitGateway;
  rooms: RoomRegistry;
  logger: Logger;
  intervalMs?: number;
}): MediaSweep {
  const sweeper = createMediaSweep(o);
  const timer = setInterval(() => void sweeper.sweep(), o.intervalMs ?? MEDIA_SWEEP_MS);
  timer.unref();
  return {
    sweep: sweeper.sweep,
    async close() {
      clearInterval(timer);
      await sweeper.close();
    },
  };
}

/**
 * The sweep without its timer (the app's start() runs it on its own timer): a meeting evicted
 * from memory whose LiveKit rooms are still open is loaded again by the pass (actorForRoom).
 */
export function createMediaSweep(o: {
  livekit: LiveKitGateway;
  rooms: RoomRegistry;
  logger: Logger;
}): MediaSweep {
  const { livekit: lk, rooms, logger } = o;
  let running: Promise<void> | null = null;

  const pass = async () => {
    const byActor = new Map<RoomActor, string[]>();
    const orphans: string[] = [];
    for (const name of await lk.listRooms()) {
      if (!meetingIdCandidates(name).length) continue; // not one of the app's rooms
      const actor = await actorForRoom(rooms, name);
      // Not run here: gone, or (several app nodes) run by another node, which syncs it itself.
      if (!actor) {
        const ids = meetingIdCandidates(name);
        const exists = await Promise.all(ids.map((id) => rooms.exists(id)));
        if (!exists.some(Boolean)) orphans.push(name);
      } else byActor.set(actor, [...(byActor.get(actor) ?? []), name]);
    }
    for (const actor of rooms.all()) {
      if (!actor.mediaActive && !byActor.has(actor)) continue;
      await actor.syncMedia(byActor.get(actor) ?? []).catch(() => undefined);
    }
    for (const name of orphans) await lk.deleteRoom(name);
  };

  const sweep = (): Promise<void> => {
    running ??= pass()
      .catch((err) => logger.warn('livekit.sweep.failed', { reason: errorReason(err) }))
      .finally(() => (running = null));
    return running;
  };

  return {
    sweep,
    async close() {
      await running;
    },
  };
}
