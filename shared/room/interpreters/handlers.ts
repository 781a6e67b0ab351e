import {
  enforce,
  event,
  member,
  type ClientHandlers,
  type Draft,
  type SystemHandlers,
} from '../kernel';
import type { Member } from '../state';
import type { InterpreterSystemCommand } from '../types';
import { canLinkFromCase, canLinkInterpreterTo } from './can';
import type { InterpreterLink } from './mode';

/** Sets the interpreter's link, with the event everyone's notices and the audit log read. */
function setLink(
  d: Draft,
  interpreter: Member,
  link: InterpreterLink | null,
  actorId: string | null,
): void {
  interpreter.interpretsFor = link ? { memberId: link.memberId, mode: link.mode } : null;
  event(d, link ? 'interpreter.linked' : 'interpreter.unlinked', actorId, {
    targetId: interpreter.id,
  });
}

/**
 * Interpreters (issue 17): the facilitators link one to the person they interpret for. The link
 * decides whose turns the interpreter may speak in on a protected floor (policies.mediaAccess),
 * whom they go with to a private conversation, and whose stage pins their video.
 */
export const interpreterHandlers: ClientHandlers<'interpreter.link'> = {
  'interpreter.link': (d, actor, { memberId, interpretsFor }) => {
    const interpreter = member(d.state, memberId);
    const person = interpretsFor ? member(d.state, interpretsFor.memberId) : null;
    enforce(canLinkInterpreterTo, d.state, actor, { interpreter, person });
    setLink(d, interpreter, interpretsFor, actor.id);
  },
};

/**
 * The link changed on the case page (the cases API): the same rules, with nobody acting in the
 * room. A person who is not part of this meeting (a preparation meeting without them) leaves the
 * meeting's link as it was; the case's link has changed all the same.
 */
export const interpreterSystemHandlers: SystemHandlers<InterpreterSystemCommand['type']> = {
  'system.linkInterpreter': (d, { memberId, interpretsFor }) => {
    const interpreter = member(d.state, memberId);
    const person = interpretsFor ? (d.state.members[interpretsFor.memberId] ?? null) : null;
    enforce(canLinkFromCase, d.state, interpreter, { interpreter, person });
    if (interpretsFor && !person) return;
    setLink(d, interpreter, interpretsFor, null);
  },
};
