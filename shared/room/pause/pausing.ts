import type { Draft } from '../kernel';
import type { PauseCause } from '../state';
import { startWatch, stopWatch } from '../stopwatch';

/**
 * Pauses the room: every stopwatch stops, and the pause remembers which were running so that
 * `unpause` restores exactly them. Used by the facilitators' pause, a party's lapsed grace and the
 * safety rule alike.
 */
export function pauseRoom(
  d: Draft,
  cause: PauseCause,
  message: string | null,
  breakMinutes: number | null,
): void {
  const s = d.state;
  const now = d.ctx.now;
  s.pause = {
    since: now,
    cause,
    message: message || null,
    breakEndsAt: breakMinutes ? now + breakMinutes * 60_000 : null,
    resume: {
      meeting: s.timers.meeting.runningSince !== null,
      phase: s.timers.phase.runningSince !== null,
      turn: s.timers.turn.runningSince !== null,
    },
  };
  stopWatch(s.timers.meeting, now);
  stopWatch(s.timers.phase, now);
  stopWatch(s.timers.turn, now);
}

/** Ends a pause (if any), restarting the stopwatches that ran before it. */
export function unpause(d: Draft): void {
  const s = d.state;
  const p = s.pause;
  if (!p) return;
  if (p.resume.meeting) startWatch(s.timers.meeting, d.ctx.now);
  if (p.resume.phase) startWatch(s.timers.phase, d.ctx.now);
  if (p.resume.turn) startWatch(s.timers.turn, d.ctx.now);
  s.pause = null;
}
