import type { RoomView } from '../../../../shared/room/views';

/** What waits for the facilitator behind each console tab, so nothing hides behind a tab. */
export interface ConsoleBadges {
  /** People waiting to be let in, pause requests, messages and alerts. */
  people: number;
  /** Someone asked for a pause: the People tab calls attention to itself. */
  pauseRequested: boolean;
  /** People asking to speak. */
  turns: number;
}

export function consoleBadges(view: RoomView): ConsoleBadges {
  const f = view.facilitator;
  if (!f) return { people: 0, pauseRequested: false, turns: 0 };
  const waiting = f.lobby.filter((e) => e.status === 'waiting').length;
  return {
    people: waiting + f.pauseRequests.length + f.messages.length + f.alerts.length,
    pauseRequested: f.pauseRequests.length > 0,
    turns: view.floor.queue.length,
  };
}

/** Ids in `now` that were not in `before`: requests that arrived since the last view. */
export function arrivedIds(before: readonly string[], now: readonly string[]): string[] {
  const seen = new Set(before);
  return now.filter((id) => !seen.has(id));
}
