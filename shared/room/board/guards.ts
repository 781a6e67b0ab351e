import type { BoardItem } from '../board';
import type { Draft } from '../decide';
import { isFacilitator } from '../policies';
import type { Member, RoomState } from '../state';
import { reject } from '../types';

/**
 * Whether a person can act on the board now. During the meeting only people in the room
 * (admitted) can; once it has ended people come back through their own link, so anyone who was
 * not denied or removed can (follow-up and the summary happen after the meeting).
 */
export function canActNow(state: RoomState, m: Member): boolean {
  if (m.status === 'admitted') return true;
  return state.status === 'ended' && m.status !== 'denied' && m.status !== 'removed';
}

export function requirePresent(state: RoomState, actor: Member): void {
  if (!canActNow(state, actor)) reject('FORBIDDEN', 'You are not in the meeting room.');
}

export function requireBoardFacilitator(state: RoomState, actor: Member): void {
  if (!isFacilitator(actor) || !canActNow(state, actor)) {
    reject('FORBIDDEN', 'Only a facilitator can do this.');
  }
}

export function requireNotFinalised(state: RoomState): void {
  if (state.board.finalisedAt !== null) {
    reject('INVALID_STATE', 'The board has been finalised and can no longer change.');
  }
}

export function requireFinalised(state: RoomState, message: string): void {
  if (state.board.finalisedAt === null) reject('INVALID_STATE', message);
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
