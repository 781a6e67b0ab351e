import type { Stopwatch } from './state';

export function elapsedMs(sw: Stopwatch, now: number): number {
  return sw.accumulatedMs + (sw.runningSince === null ? 0 : Math.max(0, now - sw.runningSince));
}

export function startWatch(sw: Stopwatch, now: number): void {
  if (sw.runningSince === null) sw.runningSince = now;
}

export function stopWatch(sw: Stopwatch, now: number): void {
  sw.accumulatedMs = elapsedMs(sw, now);
  sw.runningSince = null;
}

export function resetWatch(sw: Stopwatch, now: number, running: boolean): void {
  sw.accumulatedMs = 0;
  sw.runningSince = running ? now : null;
}
