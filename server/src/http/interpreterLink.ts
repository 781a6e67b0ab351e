import type { InterpreterLink } from '../../../shared/room/interpreters/mode';
import { canBeInterpretedFor } from '../../../shared/room/interpreters/mode';
import type { Store } from '../store/ports';
import { HttpError } from './errors';

/**
 * An interpreter's link as the invite form sends it (issue 17), checked against the case: the
 * person exists in this case and may be interpreted for (not another interpreter). Null: none.
 */
export async function interpreterLink(
  repo: Pick<Store, 'personById'>,
  caseId: string,
  link: InterpreterLink | undefined,
): Promise<InterpreterLink | null> {
  if (!link) return null;
  const person = await repo.personById(link.memberId);
  if (!person || person.caseId !== caseId)
    throw new HttpError(404, 'NOT_FOUND', 'That person is not part of this case.');
  if (!canBeInterpretedFor(person))
    throw new HttpError(409, 'CONFLICT', 'An interpreter cannot be linked to another interpreter.');
  return { memberId: person.id, mode: link.mode };
}
