import { enforce, event, type ClientHandlers, type Draft } from '../kernel';
import type { FloorHolder } from '../state';
import {
  canGiveFloorTo,
  canOpenFloor,
  canPassFloor,
  canReclaimFloor,
  canRequestFloor,
  canSetFloorMode,
  canWithdrawFloor,
} from './can';
import { setHolder } from './holder';
import { inRound, nextInOrder } from './order';

/** The floor: who holds it, the speaking order, requests to speak and open discussion. */
export const floorHandlers: ClientHandlers<
  | 'floor.give'
  | 'floor.pass'
  | 'floor.done'
  | 'floor.request'
  | 'floor.withdraw'
  | 'floor.reclaim'
  | 'floor.open'
  | 'floor.setMode'
> = {
  'floor.give': (d, actor, { holder }) => {
    enforce(canGiveFloorTo, d.state, actor, holder);
    setHolder(d, holder);
    event(
      d,
      'floor.given',
      actor.id,
      holder.kind === 'party' ? { party: holder.party } : { targetId: holder.memberId },
    );
  },

  /**
   * "Pass": in a round (check-in, closing) the floor goes on to the next person, as in a circle;
   * everywhere else it goes back to the facilitators, who are offered the next in the agreed order
   * and decide who speaks next (the floor moves only when they move it).
   */
  'floor.pass': (d, actor) => {
    const s = d.state;
    enforce(canPassFloor, s, actor);
    const holder = s.floor.holder!;
    const next = nextInOrder(s, holder);
    if (inRound(s)) setHolder(d, next);
    else handBack(d, holder, next);
    event(d, 'floor.passed', actor.id);
  },

  /** "I'm done": the floor goes back to the facilitators, with the next in the agreed order. */
  'floor.done': (d, actor) => {
    const s = d.state;
    enforce(canPassFloor, s, actor);
    const holder = s.floor.holder!;
    handBack(d, holder, nextInOrder(s, holder));
    event(d, 'floor.done', actor.id);
  },

  'floor.request': (d, actor) => {
    const s = d.state;
    enforce(canRequestFloor, s, actor);
    s.floor.queue.push({ memberId: actor.id, at: d.ctx.now });
    event(d, 'floor.requested', actor.id);
  },

  'floor.withdraw': (d, actor) => {
    const s = d.state;
    enforce(canWithdrawFloor, s, actor);
    s.floor.queue = s.floor.queue.filter((q) => q.memberId !== actor.id);
    event(d, 'floor.withdrawn', actor.id);
  },

  'floor.reclaim': (d, actor) => {
    enforce(canReclaimFloor, d.state, actor);
    setHolder(d, null);
    event(d, 'floor.reclaimed', actor.id);
  },

  'floor.open': (d, actor, cmd) => {
    enforce(canOpenFloor, d.state, actor);
    d.state.floor.open = cmd.open;
    if (cmd.open) setHolder(d, null);
    event(d, cmd.open ? 'floor.opened' : 'floor.closed', actor.id);
  },

  'floor.setMode': (d, actor, cmd) => {
    enforce(canSetFloorMode, d.state, actor);
    d.state.floor.mode = cmd.mode;
    event(d, 'floor.modeChanged', actor.id);
  },
};

/** Nobody holds the floor; the facilitators see who handed it back and who comes next. */
function handBack(d: Draft, by: FloorHolder, next: FloorHolder | null): void {
  setHolder(d, null);
  d.state.floor.handedBack = { by, next };
}
