import type { BoardView } from './boardView';
import { toBoardView } from './boardView';
import type { Phase } from './phases';
import {
  holderIncludes,
  isFacilitator,
  mediaAccess,
  membersOf,
  type MediaAccess,
} from './policies';
import type { Party, Role } from './roles';
import type {
  FacilitatorAlert,
  FacilitatorMessage,
  FloorState,
  MeetingStatus,
  MemberStatus,
  PauseRequest,
  PauseState,
  RoomState,
  SideRoom,
  Stopwatch,
} from './state';

/** A person as others see them: no more than name, role, party and presence. */
export interface MemberView {
  id: string;
  name: string;
  role: Role;
  party: Party;
  connected: boolean;
  steppedOut: boolean;
  /** True while in a side room (others only learn that, not with whom). */
  away: boolean;
  hasFloor: boolean;
}

export interface LobbyEntry {
  id: string;
  name: string;
  role: Role;
  party: Party;
  status: MemberStatus;
  connected: boolean;
  waitingSince: number | null;
  sideRoomId: string | null;
}

export interface SelfView {
  id: string;
  name: string;
  role: Role;
  party: Party;
  status: MemberStatus;
  steppedOut: boolean;
  isFacilitator: boolean;
  /** What LiveKit lets this person do now; null means no media at all. */
  media: MediaAccess | null;
  /** The side room this person is in, if any. */
  sideRoom: { id: string; purpose: SideRoom['purpose']; facilitatorNames: string[] } | null;
  /** Position in the floor queue (1-based), or null. */
  queuePosition: number | null;
}

/** What only facilitators see. */
export interface FacilitatorView {
  lobby: LobbyEntry[];
  prompts: string[];
  softTurnLimitSec: number | null;
  sideRooms: SideRoom[];
  pauseRequests: PauseRequest[];
  messages: FacilitatorMessage[];
  alerts: FacilitatorAlert[];
}

export interface RoomView {
  meetingId: string;
  version: number;
  status: MeetingStatus;
  locked: boolean;
  me: SelfView;
  /** Admitted people (empty for someone still waiting). */
  members: MemberView[];
  phases: Pick<Phase, 'id' | 'kind' | 'name' | 'party'>[];
  phaseIndex: number;
  storyOrder: RoomState['storyOrder'];
  floor: FloorState;
  /**
   * Meeting and phase time for everyone; the speaking (turn) timer for facilitators only, null for
   * everyone else: nobody is shown how long they have been talking (FAC-7).
   */
  timers: { meeting: Stopwatch; phase: Stopwatch; turn: Stopwatch | null };
  pause: Omit<PauseState, 'resume'> | null;
  /** True when someone is in a private conversation (a neutral notice, nothing more). */
  privateConversation: boolean;
  board: BoardView | null;
  facilitator: FacilitatorView | null;
  startedAt: number | null;
  endedAt: number | null;
  endedSafely: boolean;
}

/**
 * The per-viewer projection. Someone not admitted sees only themselves; only facilitators see the
 * lobby, prompts, side rooms, requests and messages; nobody sees another party's private items.
 */
export function toRoomView(state: RoomState, viewerId: string): RoomView | null {
  const me = state.members[viewerId];
  if (!me || me.status === 'denied' || me.status === 'removed') return null;
  const fac = isFacilitator(me) && me.status === 'admitted';
  const admitted = me.status === 'admitted';
  const side = me.sideRoomId ? state.sideRooms.find((r) => r.id === me.sideRoomId) : undefined;
  const queueIndex = state.floor.queue.findIndex((q) => q.memberId === me.id);
  const self: SelfView = {
    id: me.id,
    name: me.name,
    role: me.role,
    party: me.party,
    status: me.status,
    steppedOut: me.steppedOut,
    isFacilitator: fac,
    media: mediaAccess(state, me.id),
    sideRoom: side
      ? {
          id: side.id,
          purpose: side.purpose,
          facilitatorNames: side.facilitatorIds.map((id) => state.members[id]?.name ?? ''),
        }
      : null,
    queuePosition: queueIndex >= 0 ? queueIndex + 1 : null,
  };
  const visible = admitted
    ? membersOf(state).filter((m) => m.status === 'admitted')
    : side
      ? membersOf(state).filter((m) => side.facilitatorIds.includes(m.id) || m.id === me.id)
      : [me];
  const members: MemberView[] = visible.map((m) => ({
    id: m.id,
    name: m.name,
    role: m.role,
    party: m.party,
    connected: m.connected,
    steppedOut: m.steppedOut,
    away: m.sideRoomId !== null && m.sideRoomId !== me.sideRoomId,
    hasFloor: holderIncludes(state.floor.holder, m),
  }));
  // Parts of the state are shared, not copied: states are frozen.
  const floor: FloorState = admitted
    ? state.floor
    : { mode: state.floor.mode, holder: null, open: false, queue: [] };
  return {
    meetingId: state.meetingId,
    version: state.version,
    status: state.status,
    locked: state.locked,
    me: self,
    members,
    phases: state.phases.map(({ id, kind, name, party }) => ({ id, kind, name, party })),
    phaseIndex: state.phaseIndex,
    storyOrder: [...state.storyOrder],
    floor,
    timers: {
      meeting: { ...state.timers.meeting },
      phase: { ...state.timers.phase },
      turn: fac ? { ...state.timers.turn } : null,
    },
    pause: state.pause
      ? {
          since: state.pause.since,
          cause: state.pause.cause,
          message: state.pause.message,
          breakEndsAt: state.pause.breakEndsAt,
        }
      : null,
    privateConversation: admitted && !fac && state.sideRooms.some((r) => r.id !== me.sideRoomId),
    board: admitted || state.status === 'ended' ? toBoardView(state, me) : null,
    facilitator: fac
      ? {
          lobby: membersOf(state)
            .filter((m) => m.status !== 'admitted')
            .map((m) => ({
              id: m.id,
              name: m.name,
              role: m.role,
              party: m.party,
              status: m.status,
              connected: m.connected,
              waitingSince: m.waitingSince,
              sideRoomId: m.sideRoomId,
            })),
          prompts: state.phases.map((p) => p.prompt),
          softTurnLimitSec: state.timers.softTurnLimitSec,
          sideRooms: state.sideRooms,
          pauseRequests: [...state.pauseRequests],
          messages: [...state.messages],
          alerts: [...state.alerts],
        }
      : null,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    endedSafely: state.endedSafely,
  };
}
