import { isFacilitator } from '../policies';
import type { Member, RoomState } from '../state';
import { reject } from './rejection';
import { check } from './rule';

// The conditions many rules share (can.ts), each with the same words wherever it applies.

/** A facilitator (lead or co-facilitator: equal controls) who is in the room. */
export const facilitator = check(
  (_s, m) => isFacilitator(m) && m.status === 'admitted',
  'FORBIDDEN',
  'Only a facilitator can do this.',
);

/** Someone let into the meeting room (not waiting, not gone). */
export const admitted = check(
  (_s, m) => m.status === 'admitted',
  'FORBIDDEN',
  'You are not in the meeting room.',
);

const ENDED = 'The meeting has ended.';

/** The meeting has not ended (before the start is fine). */
export const notEnded = check((s) => s.status !== 'ended', 'INVALID_STATE', ENDED);

/** The meeting has started and not ended. */
export const live = check(
  (s) => s.status === 'live',
  'INVALID_STATE',
  'The meeting has not started.',
);

/** The meeting is not paused: the floor and the phases stand still during a pause. */
export const notPaused = check((s) => !s.pause, 'INVALID_STATE', 'The meeting is paused.');

/** For the server's own commands, which have no person acting: the meeting has not ended. */
export function requireNotEnded(s: RoomState): void {
  if (s.status === 'ended') reject('INVALID_STATE', ENDED);
}

/** The member with this id, or a NOT_FOUND rejection. */
export function member(s: RoomState, id: string): Member {
  const m = s.members[id];
  if (!m) reject('NOT_FOUND', 'That person is not part of this meeting.');
  return m;
}
