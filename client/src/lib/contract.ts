/**
 * Constants from the shared contract that live in files which also build zod schemas. Importing
 * them at runtime would pull zod into the join page's first JS, so they are repeated here; the
 * type annotations make `tsc` fail if they ever drift from shared/protocol.
 */
import type {
  BOARD_CATEGORIES as SharedBoardCategories,
  FOLLOW_UP_STATUSES as SharedFollowUpStatuses,
  LIMITS as SharedLimits,
} from '../../../shared/protocol/commands';
import type { CSRF_HEADER as SharedCsrfHeader } from '../../../shared/protocol/http';

export const CSRF_HEADER: typeof SharedCsrfHeader = 'x-common-ground';

export const LIMITS: typeof SharedLimits = {
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
};

export const BOARD_CATEGORIES: typeof SharedBoardCategories = [
  'acknowledgement',
  'answers',
  'learning',
  'support',
  'followup',
  'referral',
  'commitment',
];

export const FOLLOW_UP_STATUSES: typeof SharedFollowUpStatuses = [
  'planned',
  'in_progress',
  'done',
  'not_possible',
];

/** Plain-text limits of the HTTP bodies (shared/protocol/http.ts). */
export const HTTP_LIMITS = { displayName: 80, title: 80, email: 200, passwordMin: 12 } as const;

/** How long a room command waits for its ack before it is sent again with the same id. */
export const COMMAND_TIMEOUT_MS = 8000;
export const COMMAND_ATTEMPTS = 3;
