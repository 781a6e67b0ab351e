import type { AppError, ErrorCode } from '../../../shared/protocol/errors';
import { CSRF_HEADER } from './contract';

/** An HTTP answer that was not OK, with the server's plain-language error when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: AppError,
  ) {
    super(error.message);
  }
  get code(): ErrorCode {
    return this.error.code;
  }
}

function fallbackError(status: number): AppError {
  if (status === 401) return { code: 'UNAUTHENTICATED', message: '' };
  if (status === 403) return { code: 'FORBIDDEN', message: '' };
  if (status === 404) return { code: 'NOT_FOUND', message: '' };
  if (status === 409) return { code: 'CONFLICT', message: '' };
  if (status === 429) return { code: 'RATE_LIMITED', message: '' };
  return { code: 'INTERNAL', message: '' };
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    const err = (body as { error?: AppError } | null)?.error;
    throw new ApiError(
      res.status,
      err && typeof err.code === 'string' ? err : fallbackError(res.status),
    );
  }
  return body as T;
}

/** Same-origin JSON API. Every non-GET request carries the CSRF header. */
export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal: signal ?? null,
  });
  return parse<T>(res);
}

export async function apiPost<T>(path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify(body),
  });
  return parse<T>(res);
}

/** A network failure (no answer at all) as an AppError, so screens show one kind of error. */
export function toAppError(e: unknown): AppError {
  if (e instanceof ApiError) return e.error;
  return { code: 'INTERNAL', message: '' };
}
