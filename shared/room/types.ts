import type { ClientCommand } from '../protocol/commands';
import type { Party } from './roles';
import type { NewMember, RoomState } from './state';

/** Commands the server itself issues (presence, timers). Never accepted from a client. */
export type SystemCommand =
  | { type: 'system.connect'; memberId: string }
  | { type: 'system.disconnect'; memberId: string }
  | { type: 'system.partyGraceExpired'; party: Party }
  /** A person added to the case after the meeting was created. */
  | { type: 'system.addMember'; member: NewMember };

export type RoomCommand = (ClientCommand & { actorId: string }) | SystemCommand;

/** What happened: content-free, used for the audit log and for notices. */
export interface RoomEvent {
  type: string;
  actorId: string | null;
  targetId?: string;
  party?: Party;
}

/** External actions, as data. The shell runs them through the LiveKit gateway. */
export type RoomEffect =
  | { type: 'livekit.muteMicrophones'; memberIds: string[] }
  | { type: 'livekit.removeParticipant'; memberId: string }
  | { type: 'livekit.closeRooms' }
  | { type: 'schedule.partyGrace'; party: Party };

export const ROOM_ERROR_CODES = ['FORBIDDEN', 'INVALID_STATE', 'NOT_FOUND', 'CONFLICT'] as const;
export type RoomErrorCode = (typeof ROOM_ERROR_CODES)[number];

export interface RoomError {
  code: RoomErrorCode;
  /** Plain language, content-free. */
  message: string;
}

export interface Decision {
  state: RoomState;
  events: RoomEvent[];
  effects: RoomEffect[];
}

export type DecideResult = ({ ok: true } & Decision) | { ok: false; error: RoomError };

export class Rejection extends Error {
  constructor(
    public readonly code: RoomErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function reject(code: RoomErrorCode, message: string): never {
  throw new Rejection(code, message);
}
