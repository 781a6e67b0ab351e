import type { BoardFields, FollowUpStatus } from '../protocol/commands';
import type { StoryParty } from './roles';

/** One party's answer to one item. Any edit of the item clears every answer. */
export interface ConsentRecord {
  decision: 'consent' | 'decline';
  memberId: string;
  at: number;
}

export interface FollowUp {
  status: FollowUpStatus;
  reason: string | null;
  updatedAt: number | null;
  updatedBy: string | null;
}

export interface BoardItem {
  id: string;
  /** Starts at 1; increments on every edit (optimistic concurrency). */
  version: number;
  fields: BoardFields;
  proposedBy: string;
  proposedAt: number;
  consents: Partial<Record<StoryParty, ConsentRecord>>;
  followUp: FollowUp;
}

export interface BoardState {
  items: BoardItem[];
  finalisedAt: number | null;
  /** "No agreement" is a valid outcome. */
  noAgreement: boolean;
  /** Each story party's consent to the summary (needed before it can be opened). */
  summaryConsents: Partial<Record<StoryParty, { memberId: string; at: number }>>;
}

export function createBoardState(): BoardState {
  return { items: [], finalisedAt: null, noAgreement: false, summaryConsents: {} };
}
