import { enforce, event, member, type ClientHandlers } from '../kernel';
import { canLinkInterpreterTo } from './can';

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
    interpreter.interpretsFor = interpretsFor
      ? { memberId: interpretsFor.memberId, mode: interpretsFor.mode }
      : null;
    event(d, interpretsFor ? 'interpreter.linked' : 'interpreter.unlinked', actor.id, {
      targetId: interpreter.id,
    });
  },
};
