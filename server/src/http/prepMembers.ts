import type { MeetingKind } from '../../../shared/room/prep/gate';
import { gateItems, sameGate } from '../rooms/prepGate';
import type { Store } from '../store/ports';
import { HttpError } from './errors';
import type { ApiDeps } from './guards';

/**
 * A meeting's people as the facilitator chose them (issue 15), or the typed error saying why not:
 * people of the case only; a preparation meeting admits one party only and needs its people
 * named; a joint or follow-up meeting has every person of the case unless told otherwise.
 */
export async function chooseMembers(
  repo: Pick<Store, 'peopleByCase'>,
  caseId: string,
  kind: MeetingKind,
  memberIds: string[] | undefined,
): Promise<string[]> {
  const people = await repo.peopleByCase(caseId);
  if (memberIds === undefined) {
    if (kind === 'prep')
      throw new HttpError(400, 'INVALID_PAYLOAD', 'Choose who this preparation meeting is with.', [
        { path: 'memberIds', message: 'Choose at least one person' },
      ]);
    return people.map((p) => p.id);
  }
  const ids = [...new Set(memberIds)];
  const chosen = ids.map((id) => people.find((p) => p.id === id));
  if (chosen.some((p) => p === undefined))
    throw new HttpError(404, 'NOT_FOUND', 'That person is not part of this case.');
  if (kind === 'prep') {
    const parties = new Set(chosen.map((p) => p!.party));
    if (ids.length === 0 || parties.size !== 1)
      throw new HttpError(
        400,
        'INVALID_PAYLOAD',
        'A preparation meeting is with the people of one side only.',
        [{ path: 'memberIds', message: 'Choose people of one side' }],
      );
  }
  return ids;
}

/**
 * Tells a meeting's room the gate as it is now (readiness, consent or members changed), only when
 * it changed and only before the start.
 */
export async function syncGate(deps: Pick<ApiDeps, 'repo' | 'rooms'>, meetingId: string) {
  const actor = await deps.rooms.handle(meetingId);
  if (!actor || actor.state.status !== 'open') return;
  const missing = await gateItems(deps.repo, meetingId);
  if (sameGate(actor.state.gate?.missing, missing)) return;
  await actor.dispatch({ type: 'system.setGate', missing });
}

/** syncGate for every joint meeting of a case not started yet (readiness is per case). */
export async function syncCaseGates(deps: Pick<ApiDeps, 'repo' | 'rooms'>, caseId: string) {
  for (const m of await deps.repo.meetingsByCase(caseId)) {
    if (m.status === 'open' && m.kind === 'joint') await syncGate(deps, m.id);
  }
}
