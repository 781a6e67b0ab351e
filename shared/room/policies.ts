import { isFacilitatorRole, type Party } from './roles';
import type { FloorHolder, Member, RoomState } from './state';

/** Pure predicates shared by decide(), the views and the server's LiveKit reconciliation. */

/**
 * What someone not yet admitted (waiting in the lobby, or invited) may send: a knock, one open
 * pause request, and one short message to the facilitators a minute. Nothing else, so a link in
 * the wrong hands can neither flood the facilitators nor steer the room.
 */
export const WAITING_LIMITS = {
  /** The longest message from the lobby (admitted people have LIMITS.messageText). */
  messageChars: 280,
  /** One message per this long. */
  messageEveryMs: 60_000,
  /** The only commands accepted from someone not yet admitted while the meeting runs. */
  commands: ['lobby.join', 'pause.request', 'message.toFacilitators', 'self.leave'],
} as const;

/** Not admitted yet, and not shut out: invited (connected, not knocked) or waiting in the lobby. */
export function isNotYetAdmitted(m: Member): boolean {
  return m.status === 'waiting' || m.status === 'invited';
}

export function isFacilitator(m: Member): boolean {
  return isFacilitatorRole(m.role);
}

/** Admitted, connected and in the main room. */
export function isPresentInMain(m: Member): boolean {
  return m.status === 'admitted' && m.connected && m.sideRoomId === null;
}

export function membersOf(state: RoomState): Member[] {
  return state.memberOrder.map((id) => state.members[id]).filter((m): m is Member => !!m);
}

export function holderIncludes(holder: FloorHolder | null, m: Member): boolean {
  if (!holder) return false;
  return holder.kind === 'party' ? holder.party === m.party : holder.memberId === m.id;
}

/** The party holding the floor: the party itself, or the party of the person holding it. */
export function holderParty(state: RoomState): Party | null {
  const h = state.floor.holder;
  if (!h) return null;
  return h.kind === 'party' ? h.party : (state.members[h.memberId]?.party ?? null);
}

/** Roles that never take the floor. */
export function canHoldFloor(m: Member): boolean {
  return m.role !== 'observer' && m.role !== 'interpreter' && !isFacilitator(m);
}

/**
 * True when the main room holds people of both story parties and no facilitator. Before the start
 * counts too: admitted people are already together in the main room (NOT-10).
 */
export function mainRoomUnattended(state: RoomState): boolean {
  if (state.status === 'ended') return false;
  const present = membersOf(state).filter(isPresentInMain);
  const hasPatient = present.some((m) => m.party === 'patient');
  const hasHcw = present.some((m) => m.party === 'hcw');
  const hasFacilitator = present.some(isFacilitator);
  return hasPatient && hasHcw && !hasFacilitator;
}

/** Admitted members of a party who are still connected (in any room). */
export function connectedOfParty(state: RoomState, party: Party): Member[] {
  return membersOf(state).filter(
    (m) => m.party === party && m.status === 'admitted' && m.connected,
  );
}

/** Someone of this party is admitted (one pass over the people, no list built: views ask it). */
export function partyAdmitted(s: RoomState, party: Party): boolean {
  for (const id of s.memberOrder) {
    const p = s.members[id];
    if (p && p.party === party && p.status === 'admitted') return true;
  }
  return false;
}

export function admittedOfParty(state: RoomState, party: Party): Member[] {
  return membersOf(state).filter((m) => m.party === party && m.status === 'admitted');
}

export interface MediaAccess {
  /** 'main' or a side room id. */
  room: string;
  canPublishAudio: boolean;
  canPublishVideo: boolean;
}

/**
 * What LiveKit may let this person do, derived from the state alone. Null: no media at all (no token
 * may exist). The server reconciles LiveKit to this after every command and after a restart.
 */
export function mediaAccess(state: RoomState, memberId: string): MediaAccess | null {
  const m = state.members[memberId];
  if (!m || state.status === 'ended') return null;
  const side = m.sideRoomId ? state.sideRooms.find((r) => r.id === m.sideRoomId) : undefined;
  if (m.status === 'waiting') {
    // The private check-in with someone still in the lobby: only that side room, never the main room.
    if (side && side.purpose === 'checkin') {
      return { room: side.id, canPublishAudio: true, canPublishVideo: true };
    }
    return null;
  }
  if (m.status !== 'admitted') return null;
  // Observers never publish, wherever they are; nor does someone who stepped out: their camera and
  // microphone are off at the SFU, not only in their own browser.
  const publishes = m.role !== 'observer' && !m.steppedOut;
  if (side) return { room: side.id, canPublishAudio: publishes, canPublishVideo: publishes };
  if (!publishes) return { room: 'main', canPublishAudio: false, canPublishVideo: false };
  if (isFacilitator(m)) return { room: 'main', canPublishAudio: true, canPublishVideo: true };
  if (state.pause) return { room: 'main', canPublishAudio: false, canPublishVideo: true };
  const protectedFloor = state.floor.mode === 'protected' && !state.floor.open;
  // Protected mode: only the holder's party (and facilitators, interpreters) may publish a microphone.
  const canPublishAudio =
    !protectedFloor || m.role === 'interpreter' || holderParty(state) === m.party;
  return { room: 'main', canPublishAudio, canPublishVideo: true };
}
