import { alert, event, type Draft } from '../kernel';
import { pauseRoom, unpause } from '../pause/pausing';
import { isFacilitator, isPresentInMain, mainRoomUnattended, membersOf } from '../policies';
import type { RoomState } from '../state';

/** What the "never unattended" rule asks of a finished state: pause, resume, or nothing. */
export type SafetyChange = 'pause' | 'resume';

/**
 * Nobody is ever left with the other party without a facilitator: if the main room holds both
 * story parties and no facilitator, it pauses itself; when a facilitator is back and the pause was
 * only for that, it resumes exactly where it was (people are invited to unmute themselves).
 * Read on the finished state after every accepted command.
 */
export function safetyChange(s: RoomState): SafetyChange | null {
  const unattended = mainRoomUnattended(s);
  if (unattended && !s.pause) return 'pause';
  if (
    !unattended &&
    s.pause?.cause === 'no-facilitator' &&
    // Only a facilitator's return resumes: a party leaving the main room is no reason to run the
    // meeting (its timers, its floor) with no facilitator there.
    membersOf(s).some((m) => isFacilitator(m) && isPresentInMain(m))
  ) {
    return 'resume';
  }
  return null;
}

/** Applies the change `safetyChange` asked for, with its notice and event. */
export function applySafety(d: Draft, change: SafetyChange): void {
  if (change === 'pause') {
    pauseRoom(d, 'no-facilitator', null, null);
    alert(d, 'no-facilitator', null, null);
    event(d, 'pause.started', null);
  } else {
    unpause(d);
    event(d, 'pause.resumed', null);
  }
}
