import { enforce, event, type ClientHandlers } from '../kernel';
import { admittedOfParty } from '../policies';
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
import { roundOrder, speakingOrder } from './order';

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

  /** Passes the floor on in the agreed order: party to the next party, person to the next. */
  'floor.pass': (d, actor) => {
    const s = d.state;
    enforce(canPassFloor, s, actor);
    const holder = s.floor.holder!;
    let next: FloorHolder | null = null;
    if (holder.kind === 'party') {
      const i = s.storyOrder.indexOf(holder.party as (typeof s.storyOrder)[number]);
      const after = i >= 0 ? s.storyOrder.slice(i + 1) : [];
      const party = after.find((p) => admittedOfParty(s, p).length > 0);
      next = party ? { kind: 'party', party } : null;
    } else {
      // The next speaker after the holder's place in the round, even when the holder is no longer
      // in it (stepped out, in a side room): the round goes on instead of starting over.
      const round = new Set(roundOrder(s).map((m) => m.id));
      const order = speakingOrder(s);
      const i = order.findIndex((m) => m.id === holder.memberId);
      const person = i < 0 ? undefined : order.slice(i + 1).find((m) => round.has(m.id));
      next = person ? { kind: 'person', memberId: person.id } : null;
    }
    setHolder(d, next);
    event(d, 'floor.passed', actor.id);
  },

  'floor.done': (d, actor) => {
    enforce(canPassFloor, d.state, actor);
    setHolder(d, null);
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
