import {
  canAdmit,
  canArrangeBoard,
  canCloseSideRoom,
  canConsentSummary,
  canDismiss,
  canEnd,
  canEndSafely,
  canFacilitate,
  canFinalise,
  canGiveFloor,
  canGiveFloorTo,
  canJoinLobby,
  canLeave,
  canLinkInterpreter,
  canLock,
  canMessageFacilitators,
  canMuteMember,
  canNextPhase,
  canOpenCaucus,
  canOpenCheckIn,
  canOpenFloor,
  canPassFloor,
  canPreviousPhase,
  canPropose,
  canReclaimFloor,
  canRemoveMember,
  canRequestFloor,
  canRequestPause,
  canResume,
  canSetFloorMode,
  canStart,
  canStartPause,
  canStepBack,
  canStepOut,
  canUpdateFollowUp,
  canUpdateScript,
  canWithdrawFloor,
  consentingParty,
} from './can';
import { freeze } from './derive';
import { PARTIES, type Party } from './roles';
import type { Member, RoomState } from './state';

/**
 * The controls a person is offered, each decided by its predicate in can.ts (the same one decide
 * applies); each comment names the command the flag stands for (the agreement test sends it).
 * The facilitators' controls hold only for someone who facilitates (canFacilitate), so they are
 * not asked of anyone else: most viewers are participants.
 */
const FACILITATION_RULES = {
  admit: canAdmit, // lobby.admit, lobby.deny (someone waiting)
  lock: canLock, // lobby.lock
  start: canStart, // meeting.start
  end: canEnd, // meeting.end
  endSafely: canEndSafely, // meeting.endSafely
  updateScript: canUpdateScript, // script.update
  nextPhase: canNextPhase, // phase.next
  previousPhase: canPreviousPhase, // phase.previous
  giveFloor: canGiveFloor, // floor.give (to giveFloorToPeople / giveFloorToParties)
  reclaimFloor: canReclaimFloor, // floor.reclaim
  openFloor: canOpenFloor, // floor.open
  setFloorMode: canSetFloorMode, // floor.setMode
  startPause: canStartPause, // pause.start
  resume: canResume, // pause.resume
  dismiss: canDismiss, // pause.dismissRequest, message.dismiss, alert.dismiss
  openCheckIn: canOpenCheckIn, // sideRoom.open, purpose checkin
  openCaucus: canOpenCaucus, // sideRoom.open, purpose caucus
  closeSideRoom: canCloseSideRoom, // sideRoom.close
  linkInterpreter: canLinkInterpreter, // interpreter.link (an interpreter to a participant)
} satisfies Record<string, (s: RoomState, m: Member) => boolean>;

const PERSONAL_RULES = {
  joinLobby: canJoinLobby, // lobby.join
  passFloor: canPassFloor, // floor.pass
  finishFloor: canPassFloor, // floor.done ("I'm done")
  requestFloor: canRequestFloor, // floor.request
  withdrawFloor: canWithdrawFloor, // floor.withdraw
  requestPause: canRequestPause, // pause.request
  stepOut: canStepOut, // self.stepOut
  stepBack: canStepBack, // self.stepBack
  leave: canLeave, // self.leave
  messageFacilitators: canMessageFacilitators, // message.toFacilitators (rate limit aside)
  propose: canPropose, // board.propose
  // A facilitator's board controls do not need them to be admitted after the end (canActNow).
  arrangeBoard: canArrangeBoard, // board.edit, .remove, .reorder, .merge
  finalise: canFinalise, // board.finalise
  consentSummary: canConsentSummary, // board.consentSummary
} satisfies Record<string, (s: RoomState, m: Member) => boolean>;

type Rule = (s: RoomState, m: Member) => boolean;
const FACILITATION = Object.entries(FACILITATION_RULES) as [AffordanceFlag, Rule][];
const PERSONAL = Object.entries(PERSONAL_RULES) as [AffordanceFlag, Rule][];

/** Every flag of `me.can`, in a fixed order. */
export const AFFORDANCE_FLAGS: readonly AffordanceFlag[] = [...FACILITATION, ...PERSONAL].map(
  ([flag]) => flag,
);
export type AffordanceFlag = keyof typeof FACILITATION_RULES | keyof typeof PERSONAL_RULES;

/**
 * What this person may do now (`me.can` in their view). A flag is present (true) only when the
 * control may be used, and a list only when it is not empty, so a view carries no more than what
 * its viewer may do: `if (view.me.can.requestFloor)`. Per-target controls list their targets.
 */
export type Affordances = { readonly [K in AffordanceFlag]?: true } & {
  /** Items this person may consent to or decline now (board.consent, per item). */
  readonly consentTo?: readonly string[];
  /** Agreed items whose follow-up this person may update (followup.update, per item). */
  readonly followUp?: readonly string[];
  /** People whose microphone this person may mute (member.mute). */
  readonly mute?: readonly string[];
  /** People this person may remove from the meeting (member.remove). */
  readonly remove?: readonly string[];
  /** People who may be given the floor (floor.give, kind person). */
  readonly giveFloorToPeople?: readonly string[];
  /** Parties that may be given the floor (floor.give, kind party). */
  readonly giveFloorToParties?: readonly Party[];
};

type Mutable = { -readonly [K in keyof Affordances]: Affordances[K] };

/**
 * Whom the facilitators may mute or give the floor to: the same for every facilitator (these
 * predicates ask of the facilitator only that they facilitate), so derived once per state.
 */
interface FacilitatorTargets {
  mute: string[];
  people: string[];
  parties: Party[];
}

function facilitatorTargets(s: RoomState, by: Member): FacilitatorTargets {
  const t: FacilitatorTargets = { mute: [], people: [], parties: [] };
  const floor = canGiveFloor(s, by);
  for (const id of s.memberOrder) {
    if (canMuteMember(s, by, s.members[id]!)) t.mute.push(id);
    if (floor && canGiveFloorTo(s, by, { kind: 'person', memberId: id })) t.people.push(id);
  }
  if (floor) t.parties = PARTIES.filter((party) => canGiveFloorTo(s, by, { kind: 'party', party }));
  // Shared by the facilitators' views: frozen, so one view cannot change another's.
  return { mute: freeze(t.mute), people: freeze(t.people), parties: freeze(t.parties) };
}

/**
 * The affordances of every person in one state, each computed on first use: every flag's
 * predicate once, and the per-target lists only for those who have any (facilitators; people who
 * answer for a party; owners). The facilitators' per-person lists are derived once and shared.
 * Cheap enough for every viewer after every command (views.ts): a few dozen constant-time checks
 * per person, and loops over the people or the items only where someone may act on them.
 */
export function affordancesOf(s: RoomState): (m: Member) => Affordances {
  let targets: FacilitatorTargets | undefined;
  return (m) => {
    const facilitates = canFacilitate(s, m);
    const can = flagsAndItems(s, m, facilitates);
    if (facilitates) {
      targets ??= facilitatorTargets(s, m);
      if (targets.mute.length) can.mute = targets.mute;
      // Removal depends on who asks (nobody removes themself): per facilitator.
      const remove = s.memberOrder.filter((id) => canRemoveMember(s, m, s.members[id]!));
      if (remove.length) can.remove = remove;
      if (targets.people.length) can.giveFloorToPeople = targets.people;
      if (targets.parties.length) can.giveFloorToParties = targets.parties;
    }
    return can;
  };
}

/** One person's affordances (see affordancesOf; views use that, to share what they can). */
export function affordances(s: RoomState, m: Member): Affordances {
  return affordancesOf(s)(m);
}

function flagsAndItems(s: RoomState, m: Member, facilitates: boolean): Mutable {
  const can: Mutable = {};
  if (facilitates) for (const [flag, rule] of FACILITATION) if (rule(s, m)) can[flag] = true;
  for (const [flag, rule] of PERSONAL) if (rule(s, m)) can[flag] = true;
  const items = s.board.items;
  if (items.length > 0) {
    // canConsentTo per item, with the person's party found once.
    const party = consentingParty(s, m);
    const consentTo = party
      ? items.filter((i) => i.fields.affectedParties.includes(party)).map((i) => i.id)
      : [];
    if (consentTo.length) can.consentTo = consentTo;
    if (s.board.finalisedAt !== null) {
      const followUp = items.filter((i) => canUpdateFollowUp(s, m, i)).map((i) => i.id);
      if (followUp.length) can.followUp = followUp;
    }
  }
  return can;
}
