import type { Stopwatch } from '../../../shared/room/state';

/** elapsed = accumulatedMs + (now - runningSince), as in shared/room/stopwatch.ts. */
export function elapsed(sw: Stopwatch, now: number): number {
  return sw.accumulatedMs + (sw.runningSince === null ? 0 : Math.max(0, now - sw.runningSince));
}

/** 0:05, 12:34, 1:02:03 */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatTime(at: number, locale?: string): string {
  return new Date(at).toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
}

export function formatDate(at: number | string, locale?: string): string {
  const d = typeof at === 'string' ? new Date(`${at}T12:00:00`) : new Date(at);
  return d.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' });
}
