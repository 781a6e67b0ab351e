/**
 * Protocol constants with no zod import, so the browser's first JavaScript can use them without
 * pulling in the schemas (shared/protocol/commands.ts and http.ts re-export them).
 */
export const LIMITS = {
  phaseName: 80,
  prompt: 1000,
  pauseMessage: 200,
  pauseReason: 200,
  messageText: 1000,
  boardText: 1000,
  boardShort: 200,
  phases: 20,
  boardItems: 200,
  breakMinutes: 60,
} as const;

export const BOARD_CATEGORIES = [
  'acknowledgement',
  'answers',
  'learning',
  'support',
  'followup',
  'referral',
  'commitment',
] as const;
export type BoardCategory = (typeof BOARD_CATEGORIES)[number];

export const FOLLOW_UP_STATUSES = ['planned', 'in_progress', 'done', 'not_possible'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Every state-changing HTTP request carries this header (CSRF protection). */
export const CSRF_HEADER = 'x-common-ground';

/** Plain-text limits of the HTTP bodies. */
export const HTTP_LIMITS = { displayName: 80, title: 80, email: 200, passwordMin: 12 } as const;
