import { affordancesOf, type Affordances } from './affordances';
import type { GateState, MeetingKind } from './prep/gate';
import { gateMissing, kindOf } from './prep/rules';
import type { BoardView } from './boardView';
import { boardViewsOf } from './boardView';
import { freeze, once, perKey } from './derive';
import { currentTalkParty, emptyTalk, type TalkView } from './floor/talk';
import type { Phase } from './phases';
import {
  holderIncludes,
  isFacilitator,
  mediaAccess,
  membersOf,
  type MediaAccess,
} from './policies';
import type { Party, Role } from './roles';
import { linkOf, type InterpreterLink } from './interpreters/link';
import type {
  FacilitatorAlert,
  FacilitatorMessage,
  FloorState,
  Member,
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
  /** An interpreter's person and mode (null otherwise): not private, everyone may know it. */
  interpretsFor: InterpreterLink | null;
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
  /**
   * What this person may do now, by the same predicates decide applies (shared/room/can.ts): the
   * client shows a control only when it is here, and restates no rule of its own.
   */
  can: Affordances;
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
  /** Talk time per party from the floor history (facilitators only: FAC-7). */
  talk: TalkView;
  /** What still stops a joint meeting from starting (empty for other kinds, or when ready). */
  gate: GateState;
}

export interface RoomView {
  meetingId: string;
  version: number;
  status: MeetingStatus;
  /** Preparation, joint or follow-up. */
  kind: MeetingKind;
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

function memberView(state: RoomState, m: Member, viewerSideRoomId: string | null): MemberView {
  return freeze({
    id: m.id,
    name: m.name,
    role: m.role,
    party: m.party,
    connected: m.connected,
    steppedOut: m.steppedOut,
    away: m.sideRoomId !== null && m.sideRoomId !== viewerSideRoomId,
    hasFloor: holderIncludes(state.floor.holder, m),
    interpretsFor: linkOf(m),
  });
}

/**
 * The views of one version of the room, one per viewer. Someone not admitted sees only themselves;
 * only facilitators see the lobby, prompts, side rooms, requests and messages; nobody sees another
 * party's private items.
 *
 * Parts that several viewers see alike (the people, the phases, the timers, the facilitators'
 * part, each audience's board) are derived once, on first use, frozen, and shared by the views
 * this returns; the state's own parts are shared as they are (states are frozen). So a view never
 * copies the room and can never change it. Nothing is cached beyond the returned function.
 *
 * @example
 * const view = viewsOf(state);
 * for (const id of state.memberOrder) send(id, view(id));
 */
export function viewsOf(state: RoomState): (viewerId: string) => RoomView | null {
  // Admitted people as seen from the main room ('') or from a side room.
  const admittedMembers = perKey((sideRoomId) =>
    freeze(
      membersOf(state)
        .filter((m) => m.status === 'admitted')
        .map((m) => memberView(state, m, sideRoomId || null)),
    ),
  );
  const phases = once(() =>
    freeze(state.phases.map(({ id, kind, name, party }) => freeze({ id, kind, name, party }))),
  );
  // The turn stopwatch for facilitators only: nobody is shown how long they have been talking.
  const timers = perKey((audience) =>
    freeze({
      meeting: state.timers.meeting,
      phase: state.timers.phase,
      turn: audience === 'facilitator' ? state.timers.turn : null,
    }),
  );
  const pause = once(() => {
    const p = state.pause;
    return p
      ? freeze({ since: p.since, cause: p.cause, message: p.message, breakEndsAt: p.breakEndsAt })
      : null;
  });
  const facilitator = once((): FacilitatorView =>
    freeze({
      lobby: freeze(
        membersOf(state)
          .filter((m) => m.status !== 'admitted')
          .map((m) =>
            freeze({
              id: m.id,
              name: m.name,
              role: m.role,
              party: m.party,
              status: m.status,
              connected: m.connected,
              waitingSince: m.waitingSince,
              sideRoomId: m.sideRoomId,
            }),
          ),
      ),
      prompts: freeze(state.phases.map((p) => p.prompt)),
      softTurnLimitSec: state.timers.softTurnLimitSec,
      sideRooms: state.sideRooms,
      pauseRequests: state.pauseRequests,
      messages: state.messages,
      alerts: state.alerts,
      // A snapshot written before talk time was kept in the state has none.
      talk: freeze({ ms: state.talk ?? emptyTalk(), current: currentTalkParty(state) }),
      gate: freeze({ missing: gateMissing(state) }),
    }),
  );
  const board = boardViewsOf(state);
  const can = affordancesOf(state);

  return (viewerId) => {
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
      can: can(me),
    };
    const members: MemberView[] = admitted
      ? admittedMembers(me.sideRoomId ?? '')
      : (side
          ? membersOf(state).filter((m) => side.facilitatorIds.includes(m.id) || m.id === me.id)
          : [me]
        ).map((m) => memberView(state, m, me.sideRoomId));
    const floor: FloorState = admitted
      ? state.floor
      : { mode: state.floor.mode, holder: null, open: false, queue: [] };
    return {
      meetingId: state.meetingId,
      version: state.version,
      status: state.status,
      kind: kindOf(state),
      locked: state.locked,
      me: self,
      members,
      phases: phases(),
      phaseIndex: state.phaseIndex,
      storyOrder: state.storyOrder,
      floor,
      timers: timers(fac ? 'facilitator' : 'other'),
      pause: pause(),
      privateConversation: admitted && !fac && state.sideRooms.some((r) => r.id !== me.sideRoomId),
      board: admitted || state.status === 'ended' ? board(me) : null,
      facilitator: fac ? facilitator() : null,
      startedAt: state.startedAt,
      endedAt: state.endedAt,
      endedSafely: state.endedSafely,
    };
  };
}

/** One viewer's view of the room (null: nothing to see). See viewsOf. */
export function toRoomView(state: RoomState, viewerId: string): RoomView | null {
  return viewsOf(state)(viewerId);
}
