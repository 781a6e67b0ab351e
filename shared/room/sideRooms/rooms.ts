import type { Draft } from '../kernel';
import { membersOf } from '../policies';
import type { Member } from '../state';
import { linkOf } from '../interpreters/link';

/** Takes a person out of their side room; a room left with no participant closes. */
export function leaveSideRoom(d: Draft, m: Member): void {
  const s = d.state;
  const room = s.sideRooms.find((r) => r.id === m.sideRoomId);
  m.sideRoomId = null;
  if (!room) return;
  // Their interpreters leave with them (issue 17): nobody stays behind only to interpret for
  // someone who is gone.
  const going = new Set([m.id]);
  for (const id of room.memberIds) {
    const i = s.members[id];
    if (i && linkOf(i)?.memberId === m.id) {
      going.add(id);
      i.sideRoomId = null;
    }
  }
  room.memberIds = room.memberIds.filter((id) => !going.has(id));
  room.facilitatorIds = room.facilitatorIds.filter((id) => id !== m.id);
  if (room.memberIds.length === 0) closeRoom(d, room.id);
}

/** Closes a side room: everyone in it is back in the main room. */
export function closeRoom(d: Draft, id: string): void {
  const s = d.state;
  for (const m of membersOf(s)) if (m.sideRoomId === id) m.sideRoomId = null;
  s.sideRooms = s.sideRooms.filter((r) => r.id !== id);
}
