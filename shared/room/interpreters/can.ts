import { check, facilitator, notEnded, rule, type Rule } from '../kernel';
import { isFacilitatorRole } from '../roles';
import type { Member } from '../state';

/** The interpreter being linked and the person they will interpret for (null: unlinking). */
export interface LinkTarget {
  interpreter: Member;
  person: Member | null;
}

const gone = (m: Member) => m.status === 'removed' || m.status === 'denied';

/** Link or unlink an interpreter (interpreter.link): the facilitators, until the end (FAC-12). */
export const canLinkInterpreter = rule(facilitator, notEnded);

/**
 * The link itself, whoever sets it: the one linked is an interpreter still part of the meeting;
 * their person is a participant still part of it (before they arrive is fine: the link is set up
 * ahead), neither a facilitator nor another interpreter.
 */
const validLink: Rule<[LinkTarget]> = rule<[LinkTarget]>(
  check(
    (_s, _m, t) => t.interpreter.role === 'interpreter',
    'INVALID_STATE',
    'Only an interpreter can be linked to someone.',
  ),
  check(
    (_s, _m, t) => !gone(t.interpreter) && !(t.person && gone(t.person)),
    'INVALID_STATE',
    'That person is no longer part of this meeting.',
  ),
  check(
    (_s, _m, t) => !t.person || !isFacilitatorRole(t.person.role),
    'INVALID_STATE',
    'An interpreter is linked to a participant, not to a facilitator.',
  ),
  check(
    (_s, _m, t) => t.person?.role !== 'interpreter',
    'INVALID_STATE',
    'An interpreter cannot be linked to another interpreter.',
  ),
);

/** A facilitator in the room sets this link (interpreter.link). */
export const canLinkInterpreterTo: Rule<[LinkTarget]> = rule<[LinkTarget]>(
  canLinkInterpreter,
  validLink,
);

/**
 * The same link set on the case page (system.linkInterpreter): nobody acts in the room, so only
 * the meeting and the link are checked (ask it with the interpreter in the actor's place).
 */
export const canLinkFromCase: Rule<[LinkTarget]> = rule<[LinkTarget]>(notEnded, validLink);
