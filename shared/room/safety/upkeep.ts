import { event, type Draft } from '../kernel';
import { isFacilitator } from '../policies';
import { STORY_PARTIES, type Party, type StoryParty } from '../roles';
import { closeRoom } from '../sideRooms/rooms';
import { DEFAULT_PARTY_GRACE_MS, type RoomState, type SideRoom } from '../state';

/** A side room is open only while a facilitator is in it, admitted and connected. */
function hasFacilitatorHere(s: RoomState, room: SideRoom): boolean {
  return room.facilitatorIds.some((id) => {
    const f = s.members[id];
    return !!f && isFacilitator(f) && f.status === 'admitted' && f.connected;
  });
}

/** Story parties with people admitted and none of them connected, in a live meeting. */
function partiesGone(s: RoomState): StoryParty[] {
  if (s.status !== 'live') return [];
  const admitted = new Set<Party>();
  const connected = new Set<Party>();
  for (const id of s.memberOrder) {
    const m = s.members[id];
    if (!m || m.status !== 'admitted') continue;
    admitted.add(m.party);
    if (m.connected) connected.add(m.party);
  }
  return STORY_PARTIES.filter((p) => admitted.has(p) && !connected.has(p));
}

/** Whether `upkeep` would change anything: read on the finished state, so it costs no draft. */
export function needsUpkeep(s: RoomState): boolean {
  if (s.sideRooms.some((r) => !hasFacilitatorHere(s, r))) return true;
  const gone = partiesGone(s);
  const list = s.deadlines.partyGrace;
  return list.length !== gone.length || list.some((x) => !gone.includes(x.party));
}

/**
 * Closes every side room whose last facilitator left, dropped or was removed (its people come back
 * to the main room; the safety rule pauses it if that leaves the parties together unattended), and
 * keeps exactly one party-grace deadline for each story party that is gone: a new one from now when
 * a party's last connection drops, none once someone of it is back.
 */
export function upkeep(d: Draft): void {
  const s = d.state;
  for (const room of s.sideRooms.filter((r) => !hasFacilitatorHere(s, r))) {
    closeRoom(d, room.id);
    event(d, 'sideRoom.closed', null);
  }
  const gone = partiesGone(s);
  s.deadlines.partyGrace = s.deadlines.partyGrace.filter((x) => gone.includes(x.party));
  for (const party of gone) {
    if (s.deadlines.partyGrace.some((x) => x.party === party)) continue;
    const since = d.ctx.now;
    const at = since + (d.ctx.partyGraceMs ?? DEFAULT_PARTY_GRACE_MS);
    s.deadlines.partyGrace.push({ id: d.ctx.newId(), party, since, at, expired: false });
  }
}
