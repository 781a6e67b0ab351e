import type { Party, Role, StoryParty } from './roles';
import type { BoardState } from './board';
import { createBoardState } from './board';
import type { Phase } from './phases';
import { defaultPhases } from './phases';
import { emptyTalk, type TalkTime } from './floor/talkTime';
import type { GateState, MeetingKind } from './prep/gate';
import { phasesFor } from './prep/phases';
import { keptLink, type InterpreterLink } from './interpreters/mode';

/** Where a person is in the meeting's life. */
export const MEMBER_STATUSES = [
  'invited',
  'waiting',
  'admitted',
  'denied',
  'removed',
  'left',
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export interface Member {
  id: string;
  name: string;
  role: Role;
  party: Party;
  status: MemberStatus;
  /** True while at least one socket of this person is connected. */
  connected: boolean;
  /** Camera and microphone off, others see "stepped out". */
  steppedOut: boolean;
  /** Server receive time of the person's arrival in the lobby. */
  waitingSince: number | null;
  /** When the person's last connection dropped (null while connected). */
  disconnectedAt: number | null;
  /** The side room the person is in, or null for the main room. */
  sideRoomId: string | null;
  /**
   * An interpreter's person (issue 17): set by the facilitators, null when unlinked and for
   * everyone else; absent in snapshots written before links (read through linkOf).
   */
  interpretsFor?: InterpreterLink | null;
}

/** A stopwatch stored as data: elapsed = accumulatedMs + (now - runningSince). */
export interface Stopwatch {
  runningSince: number | null;
  accumulatedMs: number;
}

export type FloorHolder = { kind: 'party'; party: Party } | { kind: 'person'; memberId: string };

export const FLOOR_MODES = ['gentle', 'protected'] as const;
export type FloorMode = (typeof FLOOR_MODES)[number];

export interface FloorState {
  mode: FloorMode;
  holder: FloorHolder | null;
  /** Open discussion: everyone may speak, nobody holds the floor. */
  open: boolean;
  /** Requests ordered by the server's receive time. */
  queue: { memberId: string; at: number }[];
  /**
   * The floor was handed back to the facilitators (Pass, I'm done) by `by`; `next` is who comes
   * after them in the agreed order, offered to the facilitators as a one-click suggestion, never
   * applied by itself. Absent once the floor moves again (and in snapshots written before it).
   */
  handedBack?: { by: FloorHolder; next: FloorHolder | null };
}

export const PAUSE_CAUSES = ['facilitator', 'party-dropped', 'no-facilitator'] as const;
export type PauseCause = (typeof PAUSE_CAUSES)[number];

export interface PauseState {
  since: number;
  cause: PauseCause;
  /** A short calm message shown on the pause screen (facilitator pauses only). */
  message: string | null;
  breakEndsAt: number | null;
  /** Which stopwatches were running when the pause began, so resume restores exactly them. */
  resume: { meeting: boolean; phase: boolean; turn: boolean };
}

export const SIDE_ROOM_PURPOSES = ['checkin', 'caucus', 'debrief'] as const;
export type SideRoomPurpose = (typeof SIDE_ROOM_PURPOSES)[number];

export interface SideRoom {
  id: string;
  purpose: SideRoomPurpose;
  /** Participants (not facilitators) in this side room. */
  memberIds: string[];
  /** Facilitators who went with them. */
  facilitatorIds: string[];
  openedAt: number;
}

export interface PauseRequest {
  id: string;
  memberId: string;
  at: number;
  reason: string | null;
}

export interface FacilitatorMessage {
  id: string;
  memberId: string;
  at: number;
  text: string;
}

export const ALERT_KINDS = [
  'left-safely',
  'party-dropped',
  'no-facilitator',
  'stepped-out',
  'reconnected',
  'consent-withdrawn',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A notice for facilitators only: content-free. */
export interface FacilitatorAlert {
  id: string;
  kind: AlertKind;
  at: number;
  memberId: string | null;
  party: Party | null;
}

/**
 * A story party's grace period, as data: set when the party's last connection drops in a live
 * meeting, cleared when the party is back. The server schedules one timer for the earliest
 * deadline after every command and after a restart; the timer names the deadline it is for, so a
 * stale one (the party came back and dropped again: a new deadline) does nothing.
 */
export interface PartyGraceDeadline {
  /** Ties the timer to this drop, and no other. */
  id: string;
  party: StoryParty;
  /** When the party's last connection dropped. */
  since: number;
  /** When the room pauses if the party is still gone. */
  at: number;
  /** The grace ran out and the room paused for it: nothing more to schedule until they are back. */
  expired: boolean;
}

export interface Deadlines {
  partyGrace: PartyGraceDeadline[];
}

export const MEETING_STATUSES = ['open', 'live', 'ended'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface RoomState {
  meetingId: string;
  /** Increments on every accepted command. */
  version: number;
  /** open: lobby and admission, script editable; live: the conversation runs; ended. */
  status: MeetingStatus;
  locked: boolean;
  members: Record<string, Member>;
  /** Member ids in the order they were added (stable rendering and round order). */
  memberOrder: string[];
  phases: Phase[];
  phaseIndex: number;
  /** The order in which the story parties speak (patient first by default). */
  storyOrder: StoryParty[];
  floor: FloorState;
  timers: {
    meeting: Stopwatch;
    phase: Stopwatch;
    /** The current floor holder's speaking time. */
    turn: Stopwatch;
    /** A quiet cue for facilitators after this many seconds of one turn; never cuts anyone off. */
    softTurnLimitSec: number | null;
  };
  pause: PauseState | null;
  sideRooms: SideRoom[];
  pauseRequests: PauseRequest[];
  messages: FacilitatorMessage[];
  alerts: FacilitatorAlert[];
  board: BoardState;
  startedAt: number | null;
  endedAt: number | null;
  /** How the meeting ended: for everyone, or safely with each party sent to its own debrief. */
  endedSafely: boolean;
  /** Timed consequences, as data (see PartyGraceDeadline). */
  deadlines: Deadlines;
  /**
   * Talk time per party from the floor history while the meeting runs (facilitators only; all
   * zero before the start and again once it ends: it is not kept after the meeting).
   */
  talk: TalkTime;
  /** Preparation, joint or follow-up (absent in snapshots older than kinds: joint). */
  kind?: MeetingKind;
  /**
   * What the server says is still missing before a joint meeting may start (readiness and
   * consents, kept outside the room): ids and codes only, never notes (absent: nothing known).
   */
  gate?: GateState;
}

export interface NewMember {
  id: string;
  name: string;
  role: Role;
  party: Party;
  /** An interpreter's person, as set on their invite (kept only if that person is here too). */
  interpretsFor?: InterpreterLink | null;
}

export interface RoomSetup {
  meetingId: string;
  members: NewMember[];
  floorMode?: FloorMode;
  storyOrder?: StoryParty[];
  phases?: Phase[];
  softTurnLimitSec?: number | null;
  /** Joint unless said; the server passes the gate it derived for a joint meeting. */
  kind?: MeetingKind;
  gate?: GateState;
}

export function stopwatch(): Stopwatch {
  return { runningSince: null, accumulatedMs: 0 };
}

export function createRoomState(setup: RoomSetup): RoomState {
  const members: Record<string, Member> = {};
  for (const m of setup.members) {
    members[m.id] = {
      ...m,
      status: 'invited',
      connected: false,
      steppedOut: false,
      waitingSince: null,
      disconnectedAt: null,
      sideRoomId: null,
      interpretsFor: null,
    };
  }
  for (const m of setup.members) members[m.id]!.interpretsFor = keptLink(members, m);
  return {
    meetingId: setup.meetingId,
    version: 0,
    status: 'open',
    locked: false,
    members,
    memberOrder: setup.members.map((m) => m.id),
    phases: setup.phases ?? (setup.kind ? phasesFor(setup.kind) : defaultPhases()),
    phaseIndex: 0,
    storyOrder: setup.storyOrder ?? ['patient', 'hcw'],
    floor: { mode: setup.floorMode ?? 'gentle', holder: null, open: false, queue: [] },
    timers: {
      meeting: stopwatch(),
      phase: stopwatch(),
      turn: stopwatch(),
      softTurnLimitSec: setup.softTurnLimitSec ?? null,
    },
    pause: null,
    sideRooms: [],
    pauseRequests: [],
    messages: [],
    alerts: [],
    board: createBoardState(),
    startedAt: null,
    endedAt: null,
    endedSafely: false,
    deadlines: { partyGrace: [] },
    talk: emptyTalk(),
    kind: setup.kind ?? 'joint',
    gate: setup.gate ?? { missing: [] },
  };
}

/** How long a story party may be gone before the room pauses, unless the shell says otherwise. */
export const DEFAULT_PARTY_GRACE_MS = 20_000;

/** Time, ids and the configured grace come from the shell, so decide() stays pure. */
export interface DecideContext {
  now: number;
  newId: () => string;
  /** PARTY_GRACE_SECONDS in ms: a new party-grace deadline is `now + partyGraceMs`. */
  partyGraceMs?: number;
}
