import type { NextFunction, Request, Response } from 'express';
import type { ZodType } from 'zod';
import { errorReason } from '../../../shared/i18n/server/reasons';
import type { AppError, ErrorCode } from '../../../shared/protocol/errors';

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: ErrorCode,
    message: string,
    public readonly issues?: AppError['issues'],
  ) {
    super(message);
  }
}

/** Parses a body with zod, or throws a typed 400 listing where it was wrong (no values echoed). */
export function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    throw new HttpError(
      400,
      'INVALID_PAYLOAD',
      'Some information is missing or not valid.',
      r.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return r.data;
}

/** Adds the catalogue's code for the refusal's sentence, which the client translates (issue 17). */
export function withReason(error: AppError): AppError {
  const reason = errorReason(error.message);
  return reason ? { ...error, reason } : error;
}

/** Wraps an async handler so rejections reach the error middleware. */
export const route =
  (fn: (req: Request, res: Response) => Promise<unknown> | unknown) =>
  (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .catch(next);
  };

export function sendError(res: Response, err: unknown): void {
  if (err instanceof HttpError) {
    const error: AppError = withReason({ code: err.code, message: err.message });
    if (err.issues) error.issues = err.issues;
    res.status(err.status).json({ error });
    return;
  }
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.too.large') {
    res
      .status(413)
      .json({ error: withReason({ code: 'INVALID_PAYLOAD', message: 'That is too large.' }) });
    return;
  }
  if (e?.type === 'entity.parse.failed' || e?.status === 400) {
    res.status(400).json({
      error: withReason({ code: 'INVALID_PAYLOAD', message: 'The request could not be read.' }),
    });
    return;
  }
  res.status(500).json({
    error: withReason({ code: 'INTERNAL', message: 'Something went wrong on our side.' }),
  });
}
