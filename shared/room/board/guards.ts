import type { BoardItem } from '../board';
import { check, reject, type Check, type Draft } from '../kernel';
import { isFacilitator } from '../policies';
import type { Member, RoomState } from '../state';

/**
 * Whether a person can act on the board now. During the meeting only people in the room
 * (admitted) can; once it has ended people come back through their own link, so anyone who was
 * not denied or removed can (follow-up and the summary happen after the meeting).
 */
export function canActNow(state: RoomState, m: Member): boolean {
  if (m.status === 'admitted') return true;
  return state.status === 'ended' && m.status !== 'denied' && m.status !== 'removed';
}

/** Present for the board: in the room, or back through one's link after the end (canActNow). */
export const present = check(canActNow, 'FORBIDDEN', 'You are not in the meeting room.');

/** A facilitator present for the board (after the end, back through their link). */
export const boardFacilitator = check(
  (s, m) => isFacilitator(m) && canActNow(s, m),
  'FORBIDDEN',
  'Only a facilitator can do this.',
);

/** The board may still change. */
export const notFinalised = check(
  (s) => s.board.finalisedAt === null,
  'INVALID_STATE',
  'The board has been finalised and can no longer change.',
);

/** The board has been finalised, with what to say when it has not. */
export function finalised(message: string): Check {
  return check((s) => s.board.finalisedAt !== null, 'INVALID_STATE', message);
}

export function findItem(state: RoomState, itemId: string): BoardItem {
  const item = state.board.items.find((i) => i.id === itemId);
  if (!item) reject('NOT_FOUND', 'That item is no longer on the board.');
  return item;
}

/** A stale version: the person acted on a text that has changed since they saw it. */
export function requireVersion(item: BoardItem, baseVersion: number, message: string): void {
  if (item.version !== baseVersion) reject('CONFLICT', message);
}

/** Board events are content-free: the type, who acted and which item, never any text. */
export function boardEvent(
  d: Draft,
  type: string,
  actorId: string,
  targetId: string | undefined,
  extra: { party?: Member['party'] } = {},
): void {
  d.events.push({ type, actorId, ...(targetId === undefined ? {} : { targetId }), ...extra });
}
