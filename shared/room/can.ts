import { admitted, check, facilitator, live, notEnded, notPaused, rule, type Rule } from './kernel';
import { isFacilitator, mainRoomUnattended, partyAdmitted, WAITING_LIMITS } from './policies';
import { gateMissing } from './prep/rules';
import type { Member } from './state';

/**
 * What a person may do now: one rule per thing, saying exactly when `decide` accepts the command
 * from that person in that state, in one place. A rule (kernel/rule.ts) is an ordered list of
 * conditions, each with the refusal decide gives when it fails. Called as a function it is the
 * pure predicate the views ask to build `me.can` (affordances.ts); the handlers `enforce` the same
 * rule, which refuses with the first failing condition's own code and words (FORBIDDEN for who,
 * INVALID_STATE for when). So the predicate and the handler's check are one list and cannot drift;
 * the conditions many rules share (a facilitator, the meeting live, not paused …) live in
 * kernel/guards.ts. Handlers still check the command's arguments themselves (a text's length, an
 * item's version, a script's phases), and look a target up (NOT_FOUND) before its per-target rule.
 *
 * Arguments that `decide` checks per target (which person, which item, which floor holder) are
 * asked by per-target rules (canAdmitMember, canConsentTo …) that extend the actor's rule. Rate
 * limits are not permissions: see canMessageFacilitators. Someone not yet admitted may, while the
 * meeting runs, only send WAITING_LIMITS.commands (decide's lobby gate): every other rule already
 * asks for admission, or for the meeting to have ended.
 *
 * @example
 * if (canRequestFloor(state, member)) offer('floor.request'); // a view
 * enforce(canRequestFloor, d.state, actor); // its handler
 */

// The board's rules (propose, arrange, finalise, consent, follow-up) live with the board, and the
// floor's (give, pass, request, …) with the floor.
export * from './board/can';
export * from './floor/can';
export * from './interpreters/can';

const here = (m: Member) => m.status === 'admitted' || m.status === 'waiting';

/** A facilitator who is in the meeting (admitted): the facilitators' controls. */
export const canFacilitate = rule(facilitator);

// ---------------------------------------------------------------------------------------------
// lobby and membership

/** Knock (lobby.join): once invited or after leaving; a lock keeps out only new arrivals. */
export const canJoinLobby = rule(
  notEnded,
  check(
    (_s, m) => m.status !== 'denied' && m.status !== 'removed',
    'FORBIDDEN',
    'You cannot join this meeting.',
  ),
  check((_s, m) => !here(m), 'INVALID_STATE', 'You are already here.'),
  // Someone who left safely may always knock again (PAR-5), and still needs to be admitted.
  check(
    (s, m) => !s.locked || m.status === 'left',
    'FORBIDDEN',
    'The meeting is closed to new arrivals.',
  ),
);

/** Let someone waiting in or not (lobby.admit, lobby.deny); see canAdmitMember per person. */
export const canAdmit = rule(facilitator, notEnded);

/** Admit or deny this person: they must be waiting in the lobby. */
export const canAdmitMember: Rule<[Member]> = rule<[Member]>(
  canAdmit,
  check((_s, _m, t) => t.status === 'waiting', 'INVALID_STATE', 'That person is not waiting.'),
);

/** Lock or unlock the lobby (lobby.lock). */
export const canLock = rule(facilitator, notEnded);

/** Remove someone (member.remove); see canRemoveMember per person. */
export const canRemove = rule(facilitator, notEnded);

/** Remove this person: not oneself, never the lead (until a hand-over), only someone here. */
export const canRemoveMember: Rule<[Member]> = rule<[Member]>(
  canRemove,
  check((_s, m, t) => t.id !== m.id, 'INVALID_STATE', 'Use Leave to leave the meeting yourself.'),
  check(
    (_s, _m, t) => t.role !== 'facilitator',
    'FORBIDDEN',
    'Nobody can remove the lead facilitator.',
  ),
  check((_s, _m, t) => here(t), 'INVALID_STATE', 'That person is not in the meeting.'),
);

/** Mute someone's microphone once (member.mute); see canMuteMember per person. */
export const canMute = rule(facilitator, notEnded);

/** Mute this person: someone admitted, not a facilitator (they manage their own microphones). */
export const canMuteMember: Rule<[Member]> = rule<[Member]>(
  canMute,
  check((_s, _m, t) => t.status === 'admitted', 'INVALID_STATE', 'That person is not in the room.'),
  check(
    (_s, _m, t) => !isFacilitator(t),
    'INVALID_STATE',
    'Facilitators manage their own microphones.',
  ),
);

// ---------------------------------------------------------------------------------------------
// meeting and phases

/** Start the meeting, as far as the room itself goes: once, and not while paused before. */
export const canStartRoom = rule(
  facilitator,
  check((s) => s.status === 'open', 'INVALID_STATE', 'The meeting has already started.'),
  // Paused before the start: both parties are in the main room without a facilitator.
  notPaused,
);

/** The words of a start refused by the gate (its items travel with the refusal). */
export const GATE_CLOSED = 'Not everyone is ready yet. The checklist shows what is missing.';

/**
 * Start the meeting (meeting.start): canStartRoom, and a joint meeting only once every party in
 * it is at "go" and every member has current consent (NOT-9; the gate is the server's).
 */
export const canStart = rule(
  canStartRoom,
  check((s) => gateMissing(s).length === 0, 'INVALID_STATE', GATE_CLOSED),
);

/** End the meeting for everyone (meeting.end). */
export const canEnd = rule(facilitator, notEnded);

/**
 * End safely (meeting.endSafely): in a live meeting with someone of a story party admitted and a
 * facilitator here (admitted and connected) to host a debrief.
 */
export const canEndSafely = rule(
  facilitator,
  live,
  check((s) => !s.endedSafely, 'INVALID_STATE', 'Each party has already gone to its debrief.'),
  check(
    (s) => partyAdmitted(s, 'patient') || partyAdmitted(s, 'hcw'),
    'INVALID_STATE',
    'Nobody is here to debrief.',
  ),
  check(
    (s) =>
      s.memberOrder.some((id) => {
        const f = s.members[id];
        return !!f && isFacilitator(f) && f.status === 'admitted' && f.connected;
      }),
    'INVALID_STATE',
    'A facilitator needs to be here.',
  ),
);

/** Change the script (script.update): only before the start. */
export const canUpdateScript = rule(
  facilitator,
  check(
    (s) => s.status === 'open',
    'INVALID_STATE',
    'The script can only change before the meeting starts.',
  ),
);

/** Go to the next phase (phase.next), in a live, running meeting that has one. */
export const canNextPhase = rule(
  facilitator,
  live,
  notPaused,
  check((s) => s.phaseIndex + 1 < s.phases.length, 'INVALID_STATE', 'This is the last phase.'),
);

/** Go back a phase (phase.previous), in a live, running meeting past its first phase. */
export const canPreviousPhase = rule(
  facilitator,
  live,
  notPaused,
  check((s) => s.phaseIndex > 0, 'INVALID_STATE', 'This is the first phase.'),
);

// ---------------------------------------------------------------------------------------------
// pause

/** Pause the meeting (pause.start), in a live meeting not paused already. */
export const canStartPause = rule(
  facilitator,
  live,
  check((s) => !s.pause, 'INVALID_STATE', 'The meeting is already paused.'),
);

/** Resume (pause.resume): only with a facilitator among the parties in the main room. */
export const canResume = rule(
  facilitator,
  check((s) => s.pause !== null, 'INVALID_STATE', 'The meeting is not paused.'),
  check(
    (s) => !mainRoomUnattended(s),
    'INVALID_STATE',
    'A facilitator needs to be with everyone in the main room first.',
  ),
);

/**
 * Ask the facilitators for a pause (pause.request): anyone here but facilitators and observers;
 * from the lobby, one open request per person, so a link in the wrong hands cannot flood the inbox.
 */
export const canRequestPause = rule(
  notEnded,
  check((_s, m) => here(m), 'FORBIDDEN', 'You are not in the meeting.'),
  check((_s, m) => !isFacilitator(m), 'FORBIDDEN', 'Facilitators can pause the meeting directly.'),
  check((_s, m) => m.role !== 'observer', 'FORBIDDEN', 'Observers cannot ask for a pause.'),
  check(
    (s, m) => m.status !== 'waiting' || !s.pauseRequests.some((r) => r.memberId === m.id),
    'RATE_LIMITED',
    'You have already asked for a pause. The facilitator will see it.',
  ),
);

/** Dismiss a pause request, a message or a notice (the facilitators' inbox). */
export const canDismiss = rule(facilitator);

// ---------------------------------------------------------------------------------------------
// side rooms

/** Open a check-in with someone waiting or admitted (sideRoom.open, purpose checkin). */
export const canOpenCheckIn = rule(facilitator, notEnded);

/** Open a caucus with one person or one party (sideRoom.open, purpose caucus): once live. */
export const canOpenCaucus = rule(canOpenCheckIn, live);

/** Close a side room (sideRoom.close). */
export const canCloseSideRoom = rule(facilitator);

// ---------------------------------------------------------------------------------------------
// self

/** Step out for a moment (self.stepOut). */
export const canStepOut = rule(
  admitted,
  notEnded,
  check((_s, m) => !m.steppedOut, 'INVALID_STATE', 'You have already stepped out.'),
);

/** Come back after stepping out (self.stepBack). */
export const canStepBack = rule(
  admitted,
  notEnded,
  check((_s, m) => m.steppedOut, 'INVALID_STATE', 'You are already back.'),
);

/** Leave (self.leave): from the room or from the lobby, also after the end. */
export const canLeave = rule(
  check((_s, m) => here(m), 'INVALID_STATE', 'You are not in the meeting.'),
);

/**
 * Send the facilitators a message (message.toFacilitators): anyone here but observers. From the
 * lobby a message is short and one a minute: that limit depends on the time, so it applies only
 * when `now` is given (a view has no clock: it offers the control and decide may answer
 * RATE_LIMITED).
 */
export const canMessageFacilitators: Rule<[now?: number]> = rule<[now?: number]>(
  notEnded,
  check((_s, m) => here(m), 'FORBIDDEN', 'You are not in the meeting.'),
  check((_s, m) => m.role !== 'observer', 'FORBIDDEN', 'Observers cannot send messages.'),
  // The minute is read from the messages kept in the state (a message the facilitators
  // dismissed has been read, so another may follow).
  check(
    (s, m, now) =>
      now === undefined ||
      m.status !== 'waiting' ||
      !s.messages.some((x) => x.memberId === m.id && now - x.at < WAITING_LIMITS.messageEveryMs),
    'RATE_LIMITED',
    'You can send one message a minute while you wait. Please try again soon.',
  ),
);
