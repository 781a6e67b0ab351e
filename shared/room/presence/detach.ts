import { setHolder } from '../floor/holder';
import type { Draft } from '../kernel';
import { leaveSideRoom } from '../sideRooms/rooms';
import type { Member } from '../state';

/**
 * Takes a person out of the floor, the queue and any side room: whoever leaves the meeting (left,
 * removed, sent to aftercare) holds nothing in it.
 */
export function detach(d: Draft, m: Member): void {
  const s = d.state;
  s.floor.queue = s.floor.queue.filter((q) => q.memberId !== m.id);
  if (s.floor.holder?.kind === 'person' && s.floor.holder.memberId === m.id) setHolder(d, null);
  if (m.sideRoomId) leaveSideRoom(d, m);
  m.waitingSince = null;
  m.steppedOut = false;
}
