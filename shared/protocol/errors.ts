import type { GateItem } from '../room/prep/gate';

/** Error codes shared by HTTP and socket answers. */
export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'RATE_LIMITED',
  'CLIENT_TOO_OLD',
  'SERVER_TOO_OLD',
  'INVITE_EXPIRED',
  'INVITE_REVOKED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  /** A plain-language message for people; never contains content or names. */
  message: string;
  /**
   * The refusal's code in the words catalogue (shared/i18n/server, e.g. 'floor.notHolder'): the
   * client shows the words of the person's language for it. Absent for a sentence the catalogue
   * does not know (a test keeps that from happening).
   */
  reason?: string;
  /** For INVALID_PAYLOAD: where the payload was wrong. */
  issues?: { path: string; message: string }[];
  /** A joint meeting's start refused by the gate: what is still missing (issue 15). */
  missing?: GateItem[];
}

export type Ack<T = null> = { ok: true; data: T } | { ok: false; error: AppError };
