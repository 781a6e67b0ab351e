// Board test fixtures, built on the shared helpers: a cast with a second healthcare worker (two
// people can answer for one party), item fields, a proposal in one call, and agreement by every
// affected party.
import type { BoardFields } from '../../../../../shared/protocol/commands';
import { createRoomState, type NewMember } from '../../../../../shared/room/state';
import { bringIn, cast, createCtx, Harness, ID, start } from '../helpers';

/** A second healthcare worker, who answers for the same party as ID.hcw. */
export const HCW2 = 'hcw2';

export function boardCast(): NewMember[] {
  return [...cast(), { id: HCW2, name: 'Person hcw2', role: 'hcw', party: 'hcw' }];
}

export const EVERYONE_ON_BOARD: string[] = boardCast().map((m) => m.id);

/** A room with `present` brought in through the lobby (nobody started it yet). */
export function openRoom(
  present: readonly string[] = EVERYONE_ON_BOARD,
  members: NewMember[] = boardCast(),
): Harness {
  const h = new Harness(createRoomState({ meetingId: 'meeting-1', members }), createCtx());
  bringIn(h, present);
  return h;
}

/** A live meeting with `present` admitted (everyone by default). */
export function liveRoom(
  present: readonly string[] = EVERYONE_ON_BOARD,
  members: NewMember[] = boardCast(),
): Harness {
  const h = openRoom(present, members);
  start(h);
  return h;
}

export function endMeeting(h: Harness): void {
  h.act(ID.facilitator, { type: 'meeting.end' });
}

export function fields(over: Partial<BoardFields> = {}): BoardFields {
  return {
    text: 'Share the review findings with the family by letter',
    category: 'answers',
    owner: 'Ward manager',
    ownerMemberId: null,
    dueDate: '2026-12-31',
    completionEvidence: 'A letter to the family',
    visibleTo: ['patient', 'hcw'],
    affectedParties: ['patient', 'hcw'],
    ...over,
  };
}

/** Proposes an item and returns its id. */
export function propose(h: Harness, actorId: string, over: Partial<BoardFields> = {}): string {
  h.act(actorId, { type: 'board.propose', fields: fields(over) });
  const item = h.state.board.items.at(-1);
  if (!item) throw new Error('No item was proposed');
  return item.id;
}

export function item(h: Harness, itemId: string) {
  const found = h.state.board.items.find((i) => i.id === itemId);
  if (!found) throw new Error(`No item ${itemId}`);
  return found;
}

/** Every affected party consents to the item's current version (the patient; the first hcw). */
export function agree(h: Harness, itemId: string): void {
  const it = item(h, itemId);
  const answerers = { patient: ID.patient, hcw: ID.hcw } as const;
  for (const party of it.fields.affectedParties) {
    h.act(answerers[party], {
      type: 'board.consent',
      itemId,
      baseVersion: it.version,
      decision: 'consent',
    });
  }
}
