import type { RoomState } from '../state';
import type { GateItem, MeetingKind } from './gate';

/** The meeting's kind; snapshots written before kinds existed were joint meetings. */
export const kindOf = (s: RoomState): MeetingKind => s.kind ?? 'joint';

/** What still stops this meeting from starting: nothing unless it is a joint meeting. */
export function gateMissing(s: RoomState): GateItem[] {
  return kindOf(s) === 'joint' ? (s.gate?.missing ?? []) : [];
}
