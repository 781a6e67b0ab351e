import type { Draft } from '../kernel';
import { holderParty } from '../policies';
import type { Party } from '../roles';
import type { RoomState, Stopwatch } from '../state';
import { elapsedMs } from '../stopwatch';
import { emptyTalk, type TalkParty, type TalkTime } from './talkTime';

export { emptyTalk, TALK_PARTIES, type TalkParty, type TalkTime } from './talkTime';

/**
 * The facilitators' view of talk time: the totals, and the party whose current turn (the turn
 * stopwatch, which stops during a pause) is not in them yet, so a screen can count it live.
 */
export interface TalkView {
  ms: TalkTime;
  current: TalkParty | null;
}

function talkParty(p: Party | null): TalkParty | null {
  return p === 'patient' || p === 'hcw' || p === 'other' ? p : null;
}

/** The party whose turn is running now (the floor holder's), if it is one that is measured. */
export function currentTalkParty(s: RoomState): TalkParty | null {
  return talkParty(holderParty(s));
}

/**
 * Adds the ending turn to its party: called by `setHolder` before the holder changes (given,
 * passed, done, reclaimed, opened, a new phase, the holder leaving), so the totals follow the floor
 * history. The turn stopwatch does not run during a pause, so a pause adds nothing.
 */
export function endTurn(d: Draft): void {
  const s = d.state;
  const party = currentTalkParty(s);
  if (!party) return;
  const ms = elapsedMs(s.timers.turn, d.ctx.now);
  if (ms <= 0) return;
  // A snapshot written before talk time was kept in the state has none.
  s.talk ??= emptyTalk();
  s.talk[party] += ms;
}

/** The totals including the turn running now: what a facilitator's screen shows at `now`. */
export function talkAt(view: TalkView, turn: Stopwatch | null, now: number): TalkTime {
  const out = { ...view.ms };
  if (view.current && turn) out[view.current] += elapsedMs(turn, now);
  return out;
}
