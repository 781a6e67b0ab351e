import type { ClientCommand } from '../protocol/commands';
import type { Party } from './roles';
import type { GateItem } from './prep/gate';
import type { InterpreterLink } from './interpreters/mode';
import type { NewMember, RoomState } from './state';

/** Commands the server itself issues (presence, timers). Never accepted from a client. */
export type SystemCommand =
  | { type: 'system.connect'; memberId: string }
  | { type: 'system.disconnect'; memberId: string }
  /** The timer of one party-grace deadline (by id) went off; a stale id does nothing. */
  | { type: 'system.partyGraceExpired'; deadlineId: string }
  /** A person added to the case after the meeting was created. */
  | { type: 'system.addMember'; member: NewMember }
  /**
   * The lead hands the case over: `fromId` becomes a co-facilitator and `toId` (a co-facilitator
   * already in the meeting; the API adds them first) the lead. Only the accounts API sends it.
   */
  | { type: 'system.handOver'; fromId: string; toId: string }
  /** A co-facilitator account taken off the case: out of this meeting, like a removal. */
  | { type: 'system.removeFacilitator'; memberId: string }
  | PrepSystemCommand
  | InterpreterSystemCommand;

/**
 * An interpreter's link changed on the case page (issue 17): the same rules as interpreter.link,
 * with nobody acting in the room. Only the cases API sends it.
 */
export type InterpreterSystemCommand = {
  type: 'system.linkInterpreter';
  memberId: string;
  interpretsFor: InterpreterLink | null;
};

/**
 * What the server's preparation records tell the room (issue 15): the gate, derived again
 * whenever readiness, consent or members change, and a consent withdrawn (a facilitators' notice).
 */
export type PrepSystemCommand =
  | { type: 'system.setGate'; missing: GateItem[] }
  /**
   * The meeting's people (not facilitators) as the facilitator chose them: those not listed are
   * taken out (removed), those listed come in (again) as invited.
   */
  | { type: 'system.setMembers'; members: NewMember[] }
  | { type: 'system.consentWithdrawn'; memberId: string };

export type RoomCommand = (ClientCommand & { actorId: string }) | SystemCommand;

/** What happened: content-free, used for the audit log and for notices. */
export interface RoomEvent {
  type: string;
  actorId: string | null;
  targetId?: string;
  party?: Party;
}

/**
 * External actions, as data: only one-off acts the state does not hold. Who is in which LiveKit
 * room with which rights is never an effect: the server's media sync derives it from the state.
 */
export type RoomEffect =
  /** A facilitator mutes a person's live microphone once (they may unmute it). */
  { type: 'livekit.mute'; memberId: string };

/** A subset of the protocol's ERROR_CODES (shared/protocol/errors.ts), so clients know each one. */
export const ROOM_ERROR_CODES = [
  'FORBIDDEN',
  'INVALID_STATE',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
] as const;
export type RoomErrorCode = (typeof ROOM_ERROR_CODES)[number];

export interface RoomError {
  code: RoomErrorCode;
  /** Plain language, content-free. */
  message: string;
  /** meeting.start refused by the gate: what is still missing (ids and codes only). */
  missing?: GateItem[];
}

export interface Decision {
  state: RoomState;
  events: RoomEvent[];
  effects: RoomEffect[];
}

export type DecideResult = ({ ok: true } & Decision) | { ok: false; error: RoomError };
