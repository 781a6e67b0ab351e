import type { ClientHandlers } from '../kernel';
import { edit, merge, propose, remove, reorder } from './drafting';
import { consent, consentSummary, finalise, updateFollowUp } from './outcome';

/**
 * The agreement board's commands (research/domain.md §5.6). Anyone admitted proposes,
 * facilitators edit, reorder, merge, remove and finalise; each affected party consents to the
 * version it read; after finalisation the parties agree to the summary and owners report
 * follow-up. Like every handler each changes `d.state` or rejects, and its events carry no text.
 */
export const boardHandlers: ClientHandlers<
  | 'board.propose'
  | 'board.edit'
  | 'board.remove'
  | 'board.reorder'
  | 'board.merge'
  | 'board.consent'
  | 'board.finalise'
  | 'board.consentSummary'
  | 'followup.update'
> = {
  'board.propose': propose,
  'board.edit': edit,
  'board.remove': remove,
  'board.reorder': reorder,
  'board.merge': merge,
  'board.consent': consent,
  'board.finalise': finalise,
  'board.consentSummary': consentSummary,
  'followup.update': updateFollowUp,
};
