import type { ClientCommand } from '../protocol/commands';
import { consent, consentSummary, finalise, updateFollowUp } from './board/outcome';
import { edit, merge, propose, remove, reorder } from './board/drafting';
import type { Draft } from './decide';
import type { Member } from './state';

export { consentRight, type ConsentRight } from './board/agreement';
export { faultNote, FAULT_NOTES, type FaultNote } from './board/faultNote';
export { checkBoardInvariants } from './board/invariants';
export { summaryAvailable, summaryItems, summaryParties } from './board/summary';

export type BoardCommand = Extract<
  ClientCommand,
  { type: `board.${string}` } | { type: 'followup.update' }
>;

export function isBoardCommand(cmd: ClientCommand): cmd is BoardCommand {
  return cmd.type.startsWith('board.') || cmd.type === 'followup.update';
}

/**
 * The agreement board's commands (research/domain.md §5.6). Anyone admitted proposes,
 * facilitators edit, reorder, merge, remove and finalise; each affected party consents to the
 * version it read; after finalisation the parties agree to the summary and owners report
 * follow-up. Like every handler it changes `d.state` or rejects, and its events carry no text.
 */
export function decideBoard(d: Draft, actor: Member, cmd: BoardCommand): void {
  switch (cmd.type) {
    case 'board.propose':
      return propose(d, actor, cmd);
    case 'board.edit':
      return edit(d, actor, cmd);
    case 'board.remove':
      return remove(d, actor, cmd);
    case 'board.reorder':
      return reorder(d, actor, cmd);
    case 'board.merge':
      return merge(d, actor, cmd);
    case 'board.consent':
      return consent(d, actor, cmd);
    case 'board.finalise':
      return finalise(d, actor, cmd);
    case 'board.consentSummary':
      return consentSummary(d, actor);
    case 'followup.update':
      return updateFollowUp(d, actor, cmd);
    default:
      return assertNever(cmd);
  }
}

function assertNever(x: never): never {
  throw new Error(`Unhandled board command ${JSON.stringify(x)}`);
}
