import type { ClientCommand } from '../../protocol/commands';
import type { Draft } from '../decide';
import { isFacilitator } from '../policies';
import type { StoryParty } from '../roles';
import type { Member, RoomState } from '../state';
import { reject } from '../types';
import { consentRight, isAgreed } from './agreement';
import {
  boardEvent,
  findItem,
  requireBoardFacilitator,
  requireFinalised,
  requireNotFinalised,
  requirePresent,
  requireVersion,
} from './guards';
import { inOutcome } from './summary';

type Cmd<T extends ClientCommand['type']> = Extract<ClientCommand, { type: T }>;

/** The party this person answers for, or a FORBIDDEN rejection saying why they cannot. */
function answeringParty(state: RoomState, actor: Member): StoryParty {
  const right = consentRight(state, actor);
  if (!right.ok) reject('FORBIDDEN', right.message);
  return right.party;
}

/**
 * A party's answer to one item, given by someone who answers for that party. The answer refers to
 * the version the person saw: a stale version is a CONFLICT, so nobody agrees to a text they did not
 * read. A later answer from the same party replaces the earlier one.
 */
export function consent(d: Draft, actor: Member, cmd: Cmd<'board.consent'>): void {
  const s = d.state;
  requirePresent(s, actor);
  requireNotFinalised(s);
  const item = findItem(s, cmd.itemId);
  const party = answeringParty(s, actor);
  if (!item.fields.affectedParties.includes(party)) {
    reject('FORBIDDEN', 'This item does not ask your party to agree.');
  }
  requireVersion(
    item,
    cmd.baseVersion,
    'This item has changed since you read it. Please read the new wording first.',
  );
  item.consents[party] = { decision: cmd.decision, memberId: actor.id, at: d.ctx.now };
  const type = cmd.decision === 'consent' ? 'board.consented' : 'board.declined';
  boardEvent(d, type, actor.id, item.id, { party });
}

/**
 * Facilitators finalise the board once, at any point of the meeting or after it. "No agreement" is
 * a valid outcome; otherwise at least one item must be agreed by every party it affects.
 */
export function finalise(d: Draft, actor: Member, cmd: Cmd<'board.finalise'>): void {
  const s = d.state;
  requireBoardFacilitator(s, actor);
  if (s.board.finalisedAt !== null) reject('INVALID_STATE', 'The board is already finalised.');
  if (!cmd.noAgreement && !s.board.items.some(isAgreed)) {
    reject('INVALID_STATE', 'No item is agreed yet; finalise with no agreement instead.');
  }
  s.board.finalisedAt = d.ctx.now;
  s.board.noAgreement = cmd.noAgreement;
  boardEvent(d, 'board.finalised', actor.id, undefined);
}

/** After finalisation, someone who answers for a story party agrees to the summary for that party. */
export function consentSummary(d: Draft, actor: Member): void {
  const s = d.state;
  requirePresent(s, actor);
  requireFinalised(s, 'The summary can be agreed once the board is finalised.');
  const party = answeringParty(s, actor);
  if (s.board.summaryConsents[party]) {
    reject('INVALID_STATE', 'Your party has already agreed to the summary.');
  }
  s.board.summaryConsents[party] = { memberId: actor.id, at: d.ctx.now };
  boardEvent(d, 'board.summaryConsented', actor.id, undefined, { party });
}

/**
 * Progress on an agreed item, after finalisation, by its owner or a facilitator (research/domain.md
 * AGR-5: owners update status). Also after the meeting, when owners come back through their link.
 * "Not possible" needs a short explanation, because the patient is told of non-completion.
 */
export function updateFollowUp(d: Draft, actor: Member, cmd: Cmd<'followup.update'>): void {
  const s = d.state;
  requirePresent(s, actor);
  requireFinalised(s, 'Follow-up starts once the board is finalised.');
  const item = findItem(s, cmd.itemId);
  if (!inOutcome(s, item)) reject('INVALID_STATE', 'Only agreed items have follow-up.');
  if (!isFacilitator(actor) && item.fields.ownerMemberId !== actor.id) {
    reject('FORBIDDEN', "Only the item's owner or a facilitator can update its progress.");
  }
  const reason = cmd.reason?.trim() || null;
  if (cmd.status === 'not_possible' && !reason) {
    reject('INVALID_STATE', 'Please say briefly why this is not possible.');
  }
  item.followUp = { status: cmd.status, reason, updatedAt: d.ctx.now, updatedBy: actor.id };
  boardEvent(d, 'followup.updated', actor.id, item.id);
}
