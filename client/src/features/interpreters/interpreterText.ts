import type { TFunction } from 'i18next';
import type { MemberView, RoomView } from '../../../../shared/room/views';

/**
 * "Interpreter for Alex" (or "Sign language interpreter for Alex") for a linked interpreter, null
 * for everyone else: shown on their tile and in the people list to everyone (issue 17).
 */
export function interpreterLabel(t: TFunction, view: RoomView, m: MemberView): string | null {
  const link = m.interpretsFor;
  if (!link) return null;
  const person =
    view.members.find((x) => x.id === link.memberId) ??
    view.facilitator?.lobby.find((x) => x.id === link.memberId);
  if (!person) return t('interpreter.forSomeoneNotHere');
  return t(link.mode === 'sign' ? 'interpreter.signFor' : 'interpreter.for', {
    name: person.name,
  });
}
