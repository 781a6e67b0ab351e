import { isFacilitatorRole, isSilentRole, type Party } from './roles';
import type { FloorHolder, Member, RoomState } from './state';
import { interpretedParty, linkOf } from './interpreters/link';

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
  return !isSilentRole(m.role) && m.role !== 'interpreter' && !isFacilitator(m);
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
  // Observers and captioners never publish, wherever they are (a captioner only listens: what they
  // type reaches the room as captions); nor does someone who stepped out: their camera and
  // microphone are off at the SFU, not only in their own browser.
  const publishes = !isSilentRole(m.role) && !m.steppedOut;
  if (side) return { room: side.id, canPublishAudio: publishes, canPublishVideo: publishes };
  if (!publishes) return { room: 'main', canPublishAudio: false, canPublishVideo: false };
  if (isFacilitator(m)) return { room: 'main', canPublishAudio: true, canPublishVideo: true };
  if (state.pause) return { room: 'main', canPublishAudio: false, canPublishVideo: true };
  const protectedFloor = state.floor.mode === 'protected' && !state.floor.open;
  // Protected mode: only the holder's party (and facilitators, their interpreters) may publish a
  // microphone.
  const canPublishAudio =
    !protectedFloor || holderParty(state) === m.party || interpreterMaySpeak(state, m);
  return { room: 'main', canPublishAudio, canPublishVideo: true };
}

/**
 * Whether an interpreter may speak on a protected floor (issue 17). An interpreter is nobody's
 * party: the microphone is for voicing someone else's words, never for a turn of their own.
 * - A spoken-language interpreter: always. In their person's party's turn they voice that story
 *   for the room; in the other party's turn they voice the story for their person (who would
 *   otherwise not understand it). Silencing them would take the story away from the listener.
 * - A sign-language interpreter: while their person's party holds the floor (they voice what
 *   their person signs), and while nobody holds it (the facilitators speak); in the other party's
 *   turn they sign the story and need no microphone, so the protected speaker cannot be talked
 *   over from that side.
 * - Unlinked: always, as before links existed. An interpreter nobody has linked yet is the room's
 *   interpreter (one booked for everyone, or not yet assigned); linking them is one click.
 */
export function interpreterMaySpeak(state: RoomState, m: Member): boolean {
  if (m.role !== 'interpreter') return false;
  const link = linkOf(m);
  if (!link || link.mode === 'spoken') return true;
  const holding = holderParty(state);
  return holding === null || interpretedParty(state, m) === holding;
}
