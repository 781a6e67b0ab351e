/**
 * A content-free structured logger: callers pass an event name and ids, never names, board text,
 * messages or anything a participant said or typed. Fields are filtered against an allow-list.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const ALLOWED_FIELDS = new Set([
  'meetingId',
  'memberId',
  'caseId',
  'command',
  'code',
  'version',
  'role',
  'party',
  'port',
  'ms',
  'count',
  'status',
  'method',
  // A route pattern or a fixed label (http/accessLog.ts). There is no raw path or url field: a
  // path can hold an invite or summary token.
  'route',
  'reason',
  'effect',
]);

/** The short reason of an error for a log line (library messages only: ids, never content). */
export function errorReason(err: unknown): string {
  return String((err as Error | undefined)?.message ?? err).slice(0, 120);
}

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (l) => process.stdout.write(l + '\n'),
): Logger {
  const log = (lvl: LogLevel, event: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const safe: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) {
      if (
        ALLOWED_FIELDS.has(k) &&
        (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      ) {
        safe[k] = v;
      }
    }
    write(JSON.stringify({ t: new Date().toISOString(), level: lvl, event, ...safe }));
  };
  return {
    debug: (e, f) => log('debug', e, f),
    info: (e, f) => log('info', e, f),
    warn: (e, f) => log('warn', e, f),
    error: (e, f) => log('error', e, f),
  };
}
