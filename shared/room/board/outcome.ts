import type { ClientCommand } from '../../protocol/commands';
import { enforce, reject, type Draft } from '../kernel';
import type { Member } from '../state';
import { isAgreed } from './agreement';
import {
  answeringParty,
  canAnswerOnBoard,
  canConsentSummary,
  canConsentTo,
  canFinalise,
  canFollowUp,
  canUpdateFollowUp,
} from './can';
import { boardEvent, findItem, requireVersion } from './guards';

type Cmd<T extends ClientCommand['type']> = Extract<ClientCommand, { type: T }>;

/**
 * A party's answer to one item, given by someone who answers for that party. The answer refers to
 * the version the person saw: a stale version is a CONFLICT, so nobody agrees to a text they did not
 * read. A later answer from the same party replaces the earlier one.
 */
export function consent(d: Draft, actor: Member, cmd: Cmd<'board.consent'>): void {
  const s = d.state;
  enforce(canAnswerOnBoard, s, actor);
  const item = findItem(s, cmd.itemId);
  enforce(canConsentTo, s, actor, item);
  const party = answeringParty(s, actor)!;
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
  enforce(canFinalise, s, actor);
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
  enforce(canConsentSummary, s, actor);
  const party = answeringParty(s, actor)!;
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
  enforce(canFollowUp, s, actor);
  const item = findItem(s, cmd.itemId);
  enforce(canUpdateFollowUp, s, actor, item);
  const reason = cmd.reason?.trim() || null;
  if (cmd.status === 'not_possible' && !reason) {
    reject('INVALID_STATE', 'Please say briefly why this is not possible.');
  }
  item.followUp = { status: cmd.status, reason, updatedAt: d.ctx.now, updatedBy: actor.id };
  boardEvent(d, 'followup.updated', actor.id, item.id);
}
