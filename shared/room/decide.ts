import { createDraft, finishDraft } from 'immer';
import type { ClientCommand } from '../protocol/commands';
import { boardHandlers } from './board/handlers';
import { floorHandlers } from './floor/handlers';
import { interpreterHandlers, interpreterSystemHandlers } from './interpreters/handlers';
import { reject, Rejection, type ClientHandlers, type Draft, type SystemHandlers } from './kernel';
import { lobbyHandlers } from './lobby/handlers';
import { meetingHandlers } from './meeting/handlers';
import { pauseHandlers } from './pause/handlers';
import { isNotYetAdmitted, WAITING_LIMITS } from './policies';
import { prepHandlers } from './prep/handlers';
import { presenceHandlers } from './presence/handlers';
import { applySafety, safetyChange } from './safety/safety';
import { needsUpkeep, upkeep } from './safety/upkeep';
import { selfHandlers } from './self/handlers';
import { sideRoomHandlers } from './sideRooms/handlers';
import type { DecideContext, Member, RoomState } from './state';
import type { DecideResult, RoomCommand, SystemCommand } from './types';

export { STATE_CAPS } from './kernel';
export { roundOrder } from './floor/order';

/** Every client command's handler, by type: a command type without one does not compile. */
const CLIENT: ClientHandlers = {
  ...lobbyHandlers,
  ...meetingHandlers,
  ...floorHandlers,
  ...pauseHandlers,
  ...sideRoomHandlers,
  ...selfHandlers,
  ...boardHandlers,
  ...interpreterHandlers,
};

/** Every system command's handler, by type. */
const SYSTEM: SystemHandlers = {
  ...presenceHandlers,
  ...prepHandlers,
  ...interpreterSystemHandlers,
};

/**
 * The room state machine: applies one command to a state, or rejects it with a typed error and
 * changes nothing. Pure: time and ids come in through `ctx`; the input state is never mutated.
 */
export function decide(state: RoomState, command: RoomCommand, ctx: DecideContext): DecideResult {
  // An Immer draft: handlers write to it as if it were a copy, and the new state shares every part
  // they did not touch with the old one (no deep copy of the room per command). The new state is
  // frozen (Immer's default), so nothing can change it afterwards and views may share its parts.
  const draft: Draft = { state: createDraft(state), events: [], effects: [], ctx };
  try {
    if ('actorId' in command) applyClient(draft, command);
    else applySystem(draft, command);
  } catch (e) {
    if (e instanceof Rejection) {
      const error = { code: e.code, message: e.message };
      return { ok: false, error: e.missing ? { ...error, missing: e.missing } : error };
    }
    throw e;
  }
  draft.state.version = state.version + 1;
  let next = finishDraft(draft.state) as RoomState;
  // The upkeep and safety rules read every member: they are checked on the finished (frozen)
  // state, which costs no draft proxies, and only the rare command that calls for a change is
  // drafted a second time. Upkeep first: a side room it closes brings people back to the main room,
  // which the safety rule then looks at.
  if (needsUpkeep(next)) {
    const again: Draft = { ...draft, state: createDraft(next) };
    upkeep(again);
    next = finishDraft(again.state) as RoomState;
  }
  const safety = safetyChange(next);
  if (safety) {
    const again: Draft = { ...draft, state: createDraft(next) };
    applySafety(again, safety);
    next = finishDraft(again.state) as RoomState;
  }
  return { ok: true, state: next, events: draft.events, effects: draft.effects };
}

function applyClient<T extends ClientCommand['type']>(
  d: Draft,
  cmd: Extract<ClientCommand, { type: T }> & { actorId: string },
): void {
  const actor: Member | undefined = d.state.members[cmd.actorId];
  if (!actor) reject('FORBIDDEN', 'You are not part of this meeting.');
  // Someone not yet let in may knock, ask for a pause, send a short message and leave; nothing
  // else while the meeting runs (after the end, the board's own rules say who may follow up).
  if (
    isNotYetAdmitted(actor) &&
    d.state.status !== 'ended' &&
    !(WAITING_LIMITS.commands as readonly string[]).includes(cmd.type)
  ) {
    reject('FORBIDDEN', 'You can do this once the facilitator lets you in.');
  }
  const handler: ClientHandlers[T] = CLIENT[cmd.type];
  handler(d, actor, cmd);
}

function applySystem<T extends SystemCommand['type']>(
  d: Draft,
  cmd: Extract<SystemCommand, { type: T }>,
): void {
  const handler: SystemHandlers[T] = SYSTEM[cmd.type];
  handler(d, cmd);
}
