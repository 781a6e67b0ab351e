import type { Party } from '../roles';
import type { DecideContext, Member, RoomState } from '../state';
import type { ClientCommand } from '../../protocol/commands';
import type { RoomEffect, RoomEvent, SystemCommand } from '../types';
import { reject } from './rejection';

/** Caps that keep a room's state small whatever the clients send. */
export const STATE_CAPS = { pauseRequests: 50, messages: 100, alerts: 100 } as const;

/** A mutable draft of one decision: handlers change `state` and push events and effects. */
export interface Draft {
  state: RoomState;
  events: RoomEvent[];
  effects: RoomEffect[];
  ctx: DecideContext;
}

/** One client command of the given type, as the protocol's schema admits it. */
export type ClientCmd<T extends ClientCommand['type']> = Extract<ClientCommand, { type: T }>;

/**
 * Applies one client command of one type for the person who sent it: changes `d.state` and pushes
 * events and effects, or rejects (and then nothing it changed is kept).
 */
export type ClientHandler<T extends ClientCommand['type']> = (
  d: Draft,
  actor: Member,
  cmd: ClientCmd<T>,
) => void;

/** A table with a handler for every client command type: a missing one does not compile. */
export type ClientHandlers<T extends ClientCommand['type'] = ClientCommand['type']> = {
  [K in T]: ClientHandler<K>;
};

/** Applies one command the server itself issues (presence, timers, the accounts API). */
export type SystemHandler<T extends SystemCommand['type']> = (
  d: Draft,
  cmd: Extract<SystemCommand, { type: T }>,
) => void;

/** A table with a handler for every system command type. */
export type SystemHandlers<T extends SystemCommand['type'] = SystemCommand['type']> = {
  [K in T]: SystemHandler<K>;
};

/** Records what happened, content-free (audit log, notices). */
export function event(
  d: Draft,
  type: string,
  actorId: string | null,
  extra: Partial<RoomEvent> = {},
): void {
  d.events.push({ type, actorId, ...extra });
}

/** A content-free notice for the facilitators; the oldest go once there are too many. */
export function alert(
  d: Draft,
  kind: RoomState['alerts'][number]['kind'],
  memberId: string | null,
  party: Party | null,
): void {
  const s = d.state;
  s.alerts.push({ id: d.ctx.newId(), kind, at: d.ctx.now, memberId, party });
  if (s.alerts.length > STATE_CAPS.alerts) s.alerts.splice(0, s.alerts.length - STATE_CAPS.alerts);
}

/**
 * Takes one entry out of a facilitators' list (pause requests, messages, notices) by its id, or
 * refuses when it is already gone (another facilitator dismissed it first).
 */
export function dismissById<T extends { id: string }>(list: T[], id: string, gone: string): void {
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) reject('NOT_FOUND', gone);
  list.splice(i, 1);
}
