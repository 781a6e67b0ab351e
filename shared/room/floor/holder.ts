import type { Draft } from '../kernel';
import { holderIncludes } from '../policies';
import type { FloorHolder, RoomState } from '../state';
import { resetWatch } from '../stopwatch';
import { endTurn } from './talk';

/**
 * Gives the floor to `holder` (or to nobody): a holder closes open discussion and takes their own
 * requests out of the queue, the ending turn counts for its party's talk time, the turn
 * stopwatch starts over, and a suggestion from an earlier hand-back is gone (the floor moved).
 * Every change of holder goes through here.
 */
export function setHolder(d: Draft, holder: FloorHolder | null): void {
  const s = d.state;
  endTurn(d);
  s.floor.holder = holder;
  if (s.floor.handedBack) delete s.floor.handedBack;
  if (holder) {
    s.floor.open = false;
    s.floor.queue = s.floor.queue.filter((q) => !holderIncludesId(s, holder, q.memberId));
  }
  resetWatch(s.timers.turn, d.ctx.now, holder !== null && !s.pause);
  // A holder change during a pause (someone leaves or is removed): resume must not restart a
  // turn timer for nobody, nor forget a new holder's turn.
  if (s.pause) s.pause.resume.turn = holder !== null;
}

function holderIncludesId(s: RoomState, holder: FloorHolder, id: string): boolean {
  const m = s.members[id];
  return !!m && holderIncludes(holder, m);
}
