import {
  admitted,
  check,
  facilitator,
  live,
  notEnded,
  notPaused,
  rule,
  type Rule,
} from '../kernel';
import { canHoldFloor, holderIncludes, partyAdmitted } from '../policies';
import type { FloorHolder, Member, RoomState } from '../state';

/**
 * What a person may do with the floor now: the floor's part of shared/room/can.ts (which
 * re-exports these, and says how a rule is both the views' predicate and the handlers' check).
 */

const queued = (s: RoomState, m: Member) => s.floor.queue.some((q) => q.memberId === m.id);

/** Give the floor (floor.give) to someone: see canGiveFloorTo per holder. */
export const canGiveFloor = rule(facilitator, live, notPaused);

/**
 * Give the floor to this holder: a person admitted who takes the floor, or a party other than the
 * facilitators' with someone admitted (facilitators may always speak).
 */
export const canGiveFloorTo: Rule<[FloorHolder]> = rule<[FloorHolder]>(
  canGiveFloor,
  check(
    (s, _m, h) => h.kind !== 'person' || !!s.members[h.memberId],
    'NOT_FOUND',
    'That person is not part of this meeting.',
  ),
  check(
    (s, _m, h) => h.kind !== 'person' || s.members[h.memberId]!.status === 'admitted',
    'INVALID_STATE',
    'That person is not in the room.',
  ),
  check(
    (s, _m, h) => h.kind !== 'person' || canHoldFloor(s.members[h.memberId]!),
    'INVALID_STATE',
    'That person does not take the floor.',
  ),
  check(
    (_s, _m, h) => h.kind !== 'party' || h.party !== 'facilitation',
    'INVALID_STATE',
    'Facilitators may always speak; give the floor to a party or a person.',
  ),
  check(
    (s, _m, h) => h.kind !== 'party' || partyAdmitted(s, h.party),
    'INVALID_STATE',
    'Nobody from that party is in the room.',
  ),
);

/** Take the floor back to the facilitators (floor.reclaim). */
export const canReclaimFloor = rule(facilitator, live, notPaused);

/** Open or close the discussion to everyone (floor.open). */
export const canOpenFloor = rule(facilitator, live, notPaused);

/** Choose gentle or protected turns (floor.setMode), until the end. */
export const canSetFloorMode = rule(facilitator, notEnded);

/** Interpreters, observers and facilitators never take (or pass on) the floor. */
const takesFloor = check(
  (_s, m) => canHoldFloor(m),
  'FORBIDDEN',
  'Your role does not take the floor.',
);

/**
 * Pass the floor on (floor.pass) or say "I'm done" (floor.done): the holder (or one of the holding
 * party) who takes the floor, in a live, running meeting.
 */
export const canPassFloor = rule(
  admitted,
  takesFloor,
  live,
  notPaused,
  check((s, m) => holderIncludes(s.floor.holder, m), 'FORBIDDEN', 'You do not hold the floor.'),
);

/** Ask to speak (floor.request): someone who takes the floor, not holding it, not yet asking. */
export const canRequestFloor = rule(
  admitted,
  live,
  notPaused,
  takesFloor,
  check(
    (s, m) => !holderIncludes(s.floor.holder, m),
    'INVALID_STATE',
    'You already hold the floor.',
  ),
  check((s, m) => !queued(s, m), 'INVALID_STATE', 'You have already asked to speak.'),
);

/** Withdraw one's request to speak (floor.withdraw), unless the meeting is paused. */
export const canWithdrawFloor = rule(
  admitted,
  takesFloor,
  notPaused,
  check(queued, 'INVALID_STATE', 'You have not asked to speak.'),
);
