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
  /** For INVALID_PAYLOAD: where the payload was wrong. */
  issues?: { path: string; message: string }[];
}

export type Ack<T = null> = { ok: true; data: T } | { ok: false; error: AppError };
