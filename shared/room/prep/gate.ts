import type { Party } from '../roles';

/**
 * Kinds of meeting in a case (PRE-1): preparation with one party (or one person) and the
 * facilitators, the joint conversation, and debrief or follow-up meetings afterwards.
 */
export const MEETING_KINDS = ['prep', 'joint', 'followup'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** A facilitator's readiness decision for one party (PRE-3). */
export const READINESS_DECISIONS = ['go', 'not_yet', 'indirect_only', 'stop'] as const;
export type ReadinessDecision = (typeof READINESS_DECISIONS)[number];

/**
 * One thing missing before a joint meeting may start (NOT-9): derived by the server from the
 * readiness decisions and consents it keeps apart from the room (ids and codes only, no notes).
 */
export type GateItem =
  /** The party has no decision yet, or one other than "go". */
  | { code: 'readiness'; party: Party; decision: ReadinessDecision | null }
  /** The person has not consented, consented to an earlier list of who is present, or withdrew. */
  | { code: 'consent'; personId: string; reason: 'missing' | 'outdated' | 'withdrawn' };

export interface GateState {
  missing: GateItem[];
}
