import type { TFunction } from 'i18next';
import type { RoomView } from '../../../../shared/room/views';
import { phaseName } from '../../lib/labels';
import { floorStatus } from './floorText';

/** What the live region has told this person about the room so far. */
export interface Heard {
  phase: string | null;
  floor: string | null;
  paused: boolean;
  /** Facilitators: who is waiting, and who is in the room (id to name). */
  waiting: Map<string, string>;
  members: Map<string, string>;
}

/** The room as the live region tells it; `before` keeps the floor said before a pause. */
export function heardOf(t: TFunction, view: RoomView, before: Heard | null): Heard {
  const live = view.status === 'live';
  const phase = live ? view.phases[view.phaseIndex] : undefined;
  const paused = view.pause !== null;
  const floor = live && !paused ? floorStatus(t, view) : null;
  const lobby = view.facilitator?.lobby ?? [];
  return {
    phase: phase ? t('roomAnnounce.phase', { name: phaseName(t, phase) }) : null,
    // While paused the floor is not said; after the pause it is said again only if it moved.
    floor: floor ?? before?.floor ?? null,
    paused,
    waiting: new Map(lobby.filter((l) => l.status === 'waiting').map((l) => [l.id, l.name])),
    members: new Map(view.members.filter((m) => m.id !== view.me.id).map((m) => [m.id, m.name])),
  };
}

/**
 * What to say when the room goes from `before` to `now` (null: nothing). Everything that changed
 * in one view is said in one message, so one announcement never cuts another off. On arrival a
 * participant hears that they are in the room, and where the meeting is.
 */
export function announcement(
  t: TFunction,
  before: Heard | null,
  now: Heard,
  facilitator: boolean,
): string | null {
  const parts: string[] = [];
  if (!before) {
    if (!facilitator) parts.push(t('roomAnnounce.inRoom'));
    if (now.phase) parts.push(now.phase);
    if (now.floor && !now.paused) parts.push(now.floor);
    if (now.paused && !facilitator) parts.push(t('floor.paused'));
    return parts.length ? parts.join(' ') : null;
  }
  // The facilitator's own pause controls say "paused" and "resumed" to them.
  if (!facilitator && now.paused && !before.paused) parts.push(t('floor.paused'));
  if (!facilitator && !now.paused && before.paused) parts.push(t('room.resumed'));
  if (now.phase && now.phase !== before.phase) parts.push(now.phase);
  if (now.floor && now.floor !== before.floor && !now.paused) parts.push(now.floor);
  if (facilitator) {
    for (const [id, name] of now.waiting) {
      if (!before.waiting.has(id)) parts.push(t('roomAnnounce.waiting', { name }));
    }
    for (const [id, name] of now.members) {
      if (!before.members.has(id)) parts.push(t('roomAnnounce.joined', { name }));
    }
  }
  return parts.length ? parts.join(' ') : null;
}
