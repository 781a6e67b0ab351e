import type { ClientCommand } from '../../protocol/commands';
import type { BoardItem } from '../board';
import { enforce, reject, type Draft } from '../kernel';
import { PARTIES, STORY_PARTIES } from '../roles';
import type { Member } from '../state';
import { canArrangeBoard, canPropose } from './can';
import { canSee, checkFields, normaliseFields, sameFields } from './fields';
import { boardEvent, findItem, requireVersion } from './guards';

type Cmd<T extends ClientCommand['type']> = Extract<ClientCommand, { type: T }>;

/**
 * Anyone admitted may propose an item, facilitators included; interpreters and observers do not
 * (permission matrix: "Edit agreement board": propose). A proposal starts at version 1 with no
 * consent from anyone.
 */
export function propose(d: Draft, actor: Member, cmd: Cmd<'board.propose'>): void {
  const s = d.state;
  enforce(canPropose, s, actor);
  const fields = normaliseFields(cmd.fields);
  if (!canSee(actor, fields.visibleTo)) {
    reject('INVALID_STATE', 'You would not see this item: add your own party to who can see it.');
  }
  checkFields(s, fields);
  const item: BoardItem = {
    id: d.ctx.newId(),
    version: 1,
    fields,
    proposedBy: actor.id,
    proposedAt: d.ctx.now,
    consents: {},
    followUp: { status: 'planned', reason: null, updatedAt: null, updatedBy: null },
  };
  s.board.items.push(item);
  boardEvent(d, 'board.proposed', actor.id, item.id);
}

/**
 * Facilitators edit. The edit must start from the version on the board (optimistic concurrency:
 * two facilitators cannot overwrite each other unseen), and it clears every consent, because the
 * parties agreed to a text that no longer exists.
 */
export function edit(d: Draft, actor: Member, cmd: Cmd<'board.edit'>): void {
  const s = d.state;
  enforce(canArrangeBoard, s, actor);
  const item = findItem(s, cmd.itemId);
  requireVersion(
    item,
    cmd.baseVersion,
    'Someone changed this item while you were editing it. Look at the new version and try again.',
  );
  const fields = normaliseFields(cmd.fields);
  checkFields(s, fields);
  // An edit that changes nothing must not wipe the parties' consent.
  if (sameFields(item.fields, fields)) reject('INVALID_STATE', 'Nothing has changed.');
  item.fields = fields;
  item.version += 1;
  item.consents = {};
  boardEvent(d, 'board.edited', actor.id, item.id);
}

export function remove(d: Draft, actor: Member, cmd: Cmd<'board.remove'>): void {
  const s = d.state;
  enforce(canArrangeBoard, s, actor);
  const item = findItem(s, cmd.itemId);
  s.board.items = s.board.items.filter((i) => i !== item);
  boardEvent(d, 'board.removed', actor.id, item.id);
}

/** The new order must name every item on the board exactly once. Order is not content: no consent is cleared. */
export function reorder(d: Draft, actor: Member, cmd: Cmd<'board.reorder'>): void {
  const s = d.state;
  enforce(canArrangeBoard, s, actor);
  const byId = new Map(s.board.items.map((i) => [i.id, i]));
  const unique = new Set(cmd.itemIds);
  if (
    cmd.itemIds.length !== byId.size ||
    unique.size !== cmd.itemIds.length ||
    !cmd.itemIds.every((id) => byId.has(id))
  ) {
    reject('INVALID_STATE', 'The board has changed: the new order must list every item once.');
  }
  s.board.items = cmd.itemIds.map((id) => byId.get(id)!);
  boardEvent(d, 'board.reordered', actor.id, undefined);
}

/**
 * Merges items into the first one: it keeps its id, place, category, owner and dates, takes the
 * new text, becomes visible to and asks consent of every party of the merged items, and moves to a
 * new version with every consent cleared. The other items are removed.
 */
export function merge(d: Draft, actor: Member, cmd: Cmd<'board.merge'>): void {
  const s = d.state;
  enforce(canArrangeBoard, s, actor);
  if (new Set(cmd.itemIds).size !== cmd.itemIds.length) {
    reject('INVALID_STATE', 'Choose each item to merge only once.');
  }
  const items = cmd.itemIds.map((id) => findItem(s, id));
  const [first, ...rest] = items as [BoardItem, ...BoardItem[]];
  const fields = normaliseFields({
    ...first.fields,
    text: cmd.text,
    visibleTo: PARTIES.filter((p) => items.some((i) => i.fields.visibleTo.includes(p))),
    affectedParties: STORY_PARTIES.filter((p) =>
      items.some((i) => i.fields.affectedParties.includes(p)),
    ),
  });
  checkFields(s, fields);
  first.fields = fields;
  first.version += 1;
  first.consents = {};
  s.board.items = s.board.items.filter((i) => !rest.includes(i));
  boardEvent(d, 'board.merged', actor.id, first.id);
}
