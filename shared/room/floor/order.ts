import { canHoldFloor, membersOf } from '../policies';
import type { Member, RoomState } from '../state';

/** Every admitted person who takes the floor: story parties in their agreed order, then others. */
export function speakingOrder(s: RoomState): Member[] {
  const rank = (m: Member) => {
    const i = s.storyOrder.indexOf(m.party as (typeof s.storyOrder)[number]);
    return i >= 0 ? i : s.storyOrder.length;
  };
  return membersOf(s)
    .filter((m) => m.status === 'admitted' && canHoldFloor(m))
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i)
    .map(({ m }) => m);
}

/** The round: connected admitted speakers in the main room, story parties in their agreed order. */
export function roundOrder(s: RoomState): Member[] {
  return speakingOrder(s).filter((m) => m.connected && !m.sideRoomId && !m.steppedOut);
}
