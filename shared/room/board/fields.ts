import type { BoardFields } from '../../protocol/commands';
import { isFacilitator } from '../policies';
import { PARTIES, STORY_PARTIES, type Party } from '../roles';
import type { Member, RoomState } from '../state';
import { reject } from '../kernel';

/**
 * Puts the party lists in one canonical order without repeats, so two edits that mean the same
 * thing compare equal and the stored item never lists a party twice.
 */
export function normaliseFields(fields: BoardFields): BoardFields {
  return {
    ...fields,
    visibleTo: PARTIES.filter((p) => fields.visibleTo.includes(p)),
    affectedParties: STORY_PARTIES.filter((p) => fields.affectedParties.includes(p)),
  };
}

const eq = <T>(a: T, b: T) => a === b;
const sameList = (a: readonly string[], b: readonly string[]) => a.join() === b.join();

/** How each field compares; typed so that a new field cannot be forgotten here. */
const FIELD_EQUALS: {
  [K in keyof BoardFields]-?: (a: BoardFields[K], b: BoardFields[K]) => boolean;
} = {
  text: eq,
  category: eq,
  owner: eq,
  ownerMemberId: eq,
  dueDate: eq,
  completionEvidence: eq,
  visibleTo: sameList,
  affectedParties: sameList,
};

/** Two sets of fields say the same thing (party lists compared as sets). */
export function sameFields(a: BoardFields, b: BoardFields): boolean {
  const x = normaliseFields(a);
  const y = normaliseFields(b);
  return (Object.keys(FIELD_EQUALS) as (keyof BoardFields)[]).every((k) =>
    (FIELD_EQUALS[k] as (p: unknown, q: unknown) => boolean)(x[k], y[k]),
  );
}

/** Whether a person's party can see an item with these fields (facilitators see every item). */
export function canSee(m: Member, visibleTo: readonly Party[]): boolean {
  return isFacilitator(m) || visibleTo.includes(m.party);
}

/**
 * Rules an item's fields must keep, whoever writes them:
 * - every party asked to agree can see the item (nobody consents to a text they cannot read);
 * - the owner is a person of this meeting who can see the item (they update its progress later).
 */
export function checkFields(state: RoomState, fields: BoardFields): void {
  if (!fields.affectedParties.every((p) => fields.visibleTo.includes(p))) {
    reject('INVALID_STATE', 'Every party asked to agree must be able to see the item.');
  }
  if (fields.ownerMemberId !== null) {
    const owner = state.members[fields.ownerMemberId];
    if (!owner) reject('NOT_FOUND', 'The owner is not part of this meeting.');
    if (owner.status === 'denied' || owner.status === 'removed') {
      reject('INVALID_STATE', 'That person can no longer own an item.');
    }
    if (!canSee(owner, fields.visibleTo)) {
      reject('INVALID_STATE', "The owner must be able to see the item: add the owner's party.");
    }
  }
}
