import { createDraft, finishDraft } from 'immer';
import type { ClientCommand } from '../protocol/commands';
import { decideBoard, isBoardCommand } from './boardDecide';
import {
  admittedOfParty,
  canHoldFloor,
  connectedOfParty,
  holderIncludes,
  isFacilitator,
  isNotYetAdmitted,
  isPresentInMain,
  mainRoomUnattended,
  membersOf,
  WAITING_LIMITS,
} from './policies';
import { STORY_PARTIES, type Party, type StoryParty } from './roles';
import {
  DEFAULT_PARTY_GRACE_MS,
  type DecideContext,
  type FloorHolder,
  type Member,
  type PauseCause,
  type RoomState,
  type SideRoom,
} from './state';
import { resetWatch, startWatch, stopWatch } from './stopwatch';
import {
  Rejection,
  reject,
  type DecideResult,
  type RoomCommand,
  type RoomEffect,
  type RoomEvent,
  type SystemCommand,
} from './types';

/** Caps that keep a room's state small whatever the clients send. */
export const STATE_CAPS = { pauseRequests: 50, messages: 100, alerts: 100 } as const;

/** A mutable draft of one decision: handlers change `state` and push events and effects. */
export interface Draft {
  state: RoomState;
  events: RoomEvent[];
  effects: RoomEffect[];
  ctx: DecideContext;
}

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
    if (command.type.startsWith('system.')) {
      applySystem(draft, command as SystemCommand);
    } else {
      const cmd = command as ClientCommand & { actorId: string };
      const actor = draft.state.members[cmd.actorId];
      if (!actor) reject('FORBIDDEN', 'You are not part of this meeting.');
      applyClient(draft, actor, cmd);
    }
  } catch (e) {
    if (e instanceof Rejection) return { ok: false, error: { code: e.code, message: e.message } };
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

// ---------------------------------------------------------------------------------------------
// guards

function requireFacilitator(actor: Member): void {
  if (!isFacilitator(actor) || actor.status !== 'admitted') {
    reject('FORBIDDEN', 'Only a facilitator can do this.');
  }
}

function requireAdmitted(actor: Member): void {
  if (actor.status !== 'admitted') reject('FORBIDDEN', 'You are not in the meeting room.');
}

function requireNotEnded(s: RoomState): void {
  if (s.status === 'ended') reject('INVALID_STATE', 'The meeting has ended.');
}

function requireLive(s: RoomState): void {
  if (s.status !== 'live') reject('INVALID_STATE', 'The meeting has not started.');
}

function requireNotPaused(s: RoomState): void {
  if (s.pause) reject('INVALID_STATE', 'The meeting is paused.');
}

function member(s: RoomState, id: string): Member {
  const m = s.members[id];
  if (!m) reject('NOT_FOUND', 'That person is not part of this meeting.');
  return m;
}

function event(d: Draft, type: string, actorId: string | null, extra: Partial<RoomEvent> = {}) {
  d.events.push({ type, actorId, ...extra });
}

function alert(
  d: Draft,
  kind: RoomState['alerts'][number]['kind'],
  memberId: string | null,
  party: Party | null,
) {
  const s = d.state;
  s.alerts.push({ id: d.ctx.newId(), kind, at: d.ctx.now, memberId, party });
  if (s.alerts.length > STATE_CAPS.alerts) s.alerts.splice(0, s.alerts.length - STATE_CAPS.alerts);
}

// ---------------------------------------------------------------------------------------------
// dispatch

function applyClient(d: Draft, actor: Member, cmd: ClientCommand & { actorId: string }): void {
  // Someone not yet let in may knock, ask for a pause, send a short message and leave; nothing
  // else while the meeting runs (after the end, the board's own rules say who may follow up).
  if (
    isNotYetAdmitted(actor) &&
    d.state.status !== 'ended' &&
    !(WAITING_LIMITS.commands as readonly string[]).includes(cmd.type)
  ) {
    reject('FORBIDDEN', 'You can do this once the facilitator lets you in.');
  }
  if (isBoardCommand(cmd)) {
    decideBoard(d, actor, cmd);
    return;
  }
  switch (cmd.type) {
    case 'lobby.join':
      return joinLobby(d, actor);
    case 'lobby.admit':
      return admit(d, actor, cmd.memberId);
    case 'lobby.deny':
      return deny(d, actor, cmd.memberId);
    case 'lobby.lock':
      requireFacilitator(actor);
      requireNotEnded(d.state);
      d.state.locked = cmd.locked;
      return event(d, cmd.locked ? 'lobby.locked' : 'lobby.unlocked', actor.id);
    case 'member.remove':
      return removeMember(d, actor, cmd.memberId);
    case 'meeting.start':
      return startMeeting(d, actor);
    case 'meeting.end':
      return endMeeting(d, actor);
    case 'meeting.endSafely':
      return endSafely(d, actor);
    case 'script.update':
      return updateScript(d, actor, cmd);
    case 'phase.next':
    case 'phase.previous':
      return stepPhase(d, actor, cmd.type === 'phase.next' ? 1 : -1);
    case 'floor.give':
      return giveFloor(d, actor, cmd.holder);
    case 'floor.pass':
      return passFloor(d, actor);
    case 'floor.done':
      return floorDone(d, actor);
    case 'floor.request':
      return requestFloor(d, actor);
    case 'floor.withdraw':
      return withdrawFloor(d, actor);
    case 'floor.reclaim':
      requireFacilitator(actor);
      requireLive(d.state);
      requireNotPaused(d.state);
      setHolder(d, null);
      return event(d, 'floor.reclaimed', actor.id);
    case 'floor.open':
      requireFacilitator(actor);
      requireLive(d.state);
      requireNotPaused(d.state);
      d.state.floor.open = cmd.open;
      if (cmd.open) setHolder(d, null);
      return event(d, cmd.open ? 'floor.opened' : 'floor.closed', actor.id);
    case 'floor.setMode':
      requireFacilitator(actor);
      requireNotEnded(d.state);
      d.state.floor.mode = cmd.mode;
      return event(d, 'floor.modeChanged', actor.id);
    case 'pause.start':
      requireFacilitator(actor);
      requireLive(d.state);
      if (d.state.pause) reject('INVALID_STATE', 'The meeting is already paused.');
      pauseRoom(d, 'facilitator', cmd.message, cmd.breakMinutes);
      return event(d, 'pause.started', actor.id);
    case 'pause.resume':
      return resume(d, actor);
    case 'pause.request':
      return requestPause(d, actor, cmd.reason);
    case 'pause.dismissRequest': {
      requireFacilitator(actor);
      const i = d.state.pauseRequests.findIndex((r) => r.id === cmd.requestId);
      if (i < 0) reject('NOT_FOUND', 'That request is no longer there.');
      d.state.pauseRequests.splice(i, 1);
      return event(d, 'pause.requestDismissed', actor.id);
    }
    case 'sideRoom.open':
      return openSideRoom(d, actor, cmd.memberIds, cmd.facilitatorIds, cmd.purpose);
    case 'sideRoom.close':
      return closeSideRoom(d, actor, cmd.sideRoomId);
    case 'self.stepOut':
    case 'self.stepBack':
      return stepOut(d, actor, cmd.type === 'self.stepOut');
    case 'self.leave':
      return leave(d, actor);
    case 'message.toFacilitators':
      return messageFacilitators(d, actor, cmd.text);
    case 'message.dismiss': {
      requireFacilitator(actor);
      const i = d.state.messages.findIndex((m) => m.id === cmd.messageId);
      if (i < 0) reject('NOT_FOUND', 'That message is no longer there.');
      d.state.messages.splice(i, 1);
      return event(d, 'message.dismissed', actor.id);
    }
    case 'member.mute':
      return muteMember(d, actor, cmd.memberId);
    case 'alert.dismiss': {
      requireFacilitator(actor);
      const i = d.state.alerts.findIndex((a) => a.id === cmd.alertId);
      if (i < 0) reject('NOT_FOUND', 'That notice is no longer there.');
      d.state.alerts.splice(i, 1);
      return event(d, 'alert.dismissed', actor.id);
    }
    default:
      return assertNever(cmd);
  }
}

function assertNever(x: never): never {
  throw new Error(`Unhandled command ${JSON.stringify(x)}`);
}

// ---------------------------------------------------------------------------------------------
// system commands

function applySystem(d: Draft, cmd: SystemCommand): void {
  const s = d.state;
  switch (cmd.type) {
    case 'system.connect': {
      const m = member(s, cmd.memberId);
      if (m.status === 'denied' || m.status === 'removed') {
        reject('FORBIDDEN', 'You cannot join this meeting.');
      }
      m.connected = true;
      m.disconnectedAt = null;
      // A signed-in facilitator (lead or co-facilitator, equal controls: FAC-15) goes straight in;
      // nobody else skips the lobby. Without this a co-facilitator could never get in while the
      // lead is away, which is exactly when they are needed.
      if (isFacilitator(m) && s.status !== 'ended' && m.status !== 'admitted') {
        m.status = 'admitted';
        m.waitingSince = null;
        event(d, 'member.admitted', m.id, { targetId: m.id });
      }
      if (s.pause?.cause === 'party-dropped' && m.status === 'admitted' && !isFacilitator(m)) {
        alert(d, 'reconnected', m.id, m.party);
      }
      return event(d, 'member.connected', m.id);
    }
    case 'system.disconnect': {
      // A party's last connection dropping sets its grace deadline (upkeep, after this command).
      const m = member(s, cmd.memberId);
      m.connected = false;
      m.disconnectedAt = d.ctx.now;
      return event(d, 'member.disconnected', m.id);
    }
    case 'system.partyGraceExpired': {
      // Only the deadline the timer was set for: a party that came back and dropped again has a
      // new deadline (a new id), and the first drop's timer does nothing.
      const due = s.deadlines.partyGrace.find((x) => x.id === cmd.deadlineId);
      if (!due || due.expired) reject('INVALID_STATE', 'The party is back.');
      if (d.ctx.now < due.at) reject('INVALID_STATE', 'The grace period has not run out yet.');
      const stillGone =
        admittedOfParty(s, due.party).length > 0 && connectedOfParty(s, due.party).length === 0;
      if (s.status !== 'live' || !stillGone) reject('INVALID_STATE', 'The party is back.');
      due.expired = true;
      alert(d, 'party-dropped', null, due.party);
      if (!s.pause) pauseRoom(d, 'party-dropped', null, null);
      // A pause that was only for a missing facilitator would resume by itself when one is back;
      // with a party gone the facilitators decide when to resume.
      else if (s.pause.cause === 'no-facilitator') s.pause.cause = 'party-dropped';
      return event(d, 'pause.started', null, { party: due.party });
    }
    case 'system.handOver':
      return handOver(d, cmd.fromId, cmd.toId);
    case 'system.removeFacilitator': {
      const t = member(s, cmd.memberId);
      if (t.role === 'facilitator') reject('FORBIDDEN', 'Nobody can remove the lead facilitator.');
      if (t.role !== 'cofacilitator') reject('INVALID_STATE', 'That person is not a facilitator.');
      if (t.status === 'removed')
        reject('INVALID_STATE', 'That facilitator is not in this meeting.');
      t.status = 'removed';
      detach(d, t);
      return event(d, 'member.removed', null, { targetId: t.id });
    }
    case 'system.addMember': {
      requireNotEnded(s);
      // The lead is set when the meeting is made and changes only by hand-over: never two leads.
      if (cmd.member.role === 'facilitator')
        reject('INVALID_STATE', 'The lead facilitator changes only by handing the case over.');
      const existing = s.members[cmd.member.id];
      // A co-facilitator taken off the case and assigned to it again may come back in.
      if (existing?.status === 'removed' && existing.role === 'cofacilitator') {
        if (cmd.member.role !== 'cofacilitator')
          reject('CONFLICT', 'That person is already part of this meeting.');
        existing.status = 'invited';
        return event(d, 'member.added', null, { targetId: existing.id });
      }
      if (existing) reject('CONFLICT', 'That person is already part of this meeting.');
      s.members[cmd.member.id] = {
        ...cmd.member,
        status: 'invited',
        connected: false,
        steppedOut: false,
        waitingSince: null,
        disconnectedAt: null,
        sideRoomId: null,
      };
      s.memberOrder.push(cmd.member.id);
      return event(d, 'member.added', null, { targetId: cmd.member.id });
    }
    default:
      return assertNever(cmd);
  }
}

// ---------------------------------------------------------------------------------------------
// lobby and membership

function joinLobby(d: Draft, actor: Member): void {
  const s = d.state;
  requireNotEnded(s);
  if (actor.status === 'denied' || actor.status === 'removed') {
    reject('FORBIDDEN', 'You cannot join this meeting.');
  }
  if (actor.status === 'waiting' || actor.status === 'admitted') {
    reject('INVALID_STATE', 'You are already here.');
  }
  // A lock keeps out new arrivals; someone who left safely may always knock again (PAR-5) and
  // still needs to be admitted.
  if (s.locked && actor.status !== 'left') {
    reject('FORBIDDEN', 'The meeting is closed to new arrivals.');
  }
  actor.status = 'waiting';
  actor.waitingSince = d.ctx.now;
  actor.steppedOut = false;
  event(d, 'lobby.joined', actor.id);
}

function admit(d: Draft, actor: Member, targetId: string): void {
  requireFacilitator(actor);
  requireNotEnded(d.state);
  const t = member(d.state, targetId);
  if (t.status !== 'waiting') reject('INVALID_STATE', 'That person is not waiting.');
  t.status = 'admitted';
  t.waitingSince = null;
  // A check-in side room ends with admission: the person comes into the main room.
  if (t.sideRoomId) leaveSideRoom(d, t);
  event(d, 'member.admitted', actor.id, { targetId });
}

function deny(d: Draft, actor: Member, targetId: string): void {
  requireFacilitator(actor);
  requireNotEnded(d.state);
  const t = member(d.state, targetId);
  if (t.status !== 'waiting') reject('INVALID_STATE', 'That person is not waiting.');
  t.status = 'denied';
  t.waitingSince = null;
  if (t.sideRoomId) leaveSideRoom(d, t);
  event(d, 'member.denied', actor.id, { targetId });
}

function removeMember(d: Draft, actor: Member, targetId: string): void {
  requireFacilitator(actor);
  requireNotEnded(d.state);
  if (targetId === actor.id) reject('INVALID_STATE', 'Use Leave to leave the meeting yourself.');
  const t = member(d.state, targetId);
  // The lead's seat is theirs until they hand the case over (system.handOver).
  if (t.role === 'facilitator') reject('FORBIDDEN', 'Nobody can remove the lead facilitator.');
  if (t.status !== 'admitted' && t.status !== 'waiting') {
    reject('INVALID_STATE', 'That person is not in the meeting.');
  }
  t.status = 'removed';
  detach(d, t);
  event(d, 'member.removed', actor.id, { targetId });
}

/**
 * The lead hands the case over to a co-facilitator: the two swap roles. Both keep their seats and
 * controls (FAC-15: equal controls); what changes is who nobody can remove, and whose case it is.
 */
function handOver(d: Draft, fromId: string, toId: string): void {
  const from = member(d.state, fromId);
  const to = member(d.state, toId);
  if (from.role !== 'facilitator')
    reject('INVALID_STATE', 'Only the lead facilitator can hand the case over.');
  if (to.role !== 'cofacilitator')
    reject('INVALID_STATE', 'A case is handed over to a co-facilitator.');
  if (to.status === 'removed') reject('INVALID_STATE', 'That facilitator is not in this meeting.');
  from.role = 'cofacilitator';
  to.role = 'facilitator';
  event(d, 'case.handedOver', null, { targetId: to.id });
}

/** Takes a person out of the floor, the queue and any side room. */
function detach(d: Draft, m: Member): void {
  const s = d.state;
  s.floor.queue = s.floor.queue.filter((q) => q.memberId !== m.id);
  if (s.floor.holder?.kind === 'person' && s.floor.holder.memberId === m.id) setHolder(d, null);
  if (m.sideRoomId) leaveSideRoom(d, m);
  m.waitingSince = null;
  m.steppedOut = false;
}

// ---------------------------------------------------------------------------------------------
// meeting

function startMeeting(d: Draft, actor: Member): void {
  requireFacilitator(actor);
  const s = d.state;
  if (s.status !== 'open') reject('INVALID_STATE', 'The meeting has already started.');
  // Paused before the start: both parties are in the main room without a facilitator.
  requireNotPaused(s);
  s.status = 'live';
  s.startedAt = d.ctx.now;
  s.phaseIndex = 0;
  resetWatch(s.timers.meeting, d.ctx.now, true);
  resetWatch(s.timers.phase, d.ctx.now, true);
  enterPhase(d);
  event(d, 'meeting.started', actor.id);
}

function endMeeting(d: Draft, actor: Member): void {
  requireFacilitator(actor);
  const s = d.state;
  requireNotEnded(s);
  s.status = 'ended';
  s.endedAt = d.ctx.now;
  for (const w of [s.timers.meeting, s.timers.phase, s.timers.turn]) stopWatch(w, d.ctx.now);
  s.pause = null;
  s.floor.holder = null;
  s.floor.queue = [];
  for (const m of membersOf(s)) m.sideRoomId = null;
  s.sideRooms = [];
  // Session-only content goes with the meeting.
  s.messages = [];
  s.pauseRequests = [];
  event(d, 'meeting.ended', actor.id);
}

/** Ends the joint conversation by sending each story party to its own debrief room. */
function endSafely(d: Draft, actor: Member): void {
  requireFacilitator(actor);
  const s = d.state;
  requireLive(s);
  // Only facilitators who are here host a debrief: a side room with no facilitator connected closes.
  const facilitators = membersOf(s).filter(
    (m) => isFacilitator(m) && m.status === 'admitted' && m.connected,
  );
  const parties = STORY_PARTIES.filter((p) => admittedOfParty(s, p).length > 0);
  if (parties.length === 0) reject('INVALID_STATE', 'Nobody is here to debrief.');
  if (facilitators.length === 0) reject('INVALID_STATE', 'A facilitator needs to be here.');
  for (const m of membersOf(s)) if (m.sideRoomId) leaveSideRoom(d, m);
  if (s.pause) unpause(d);
  setHolder(d, null);
  s.floor.open = false;
  s.floor.queue = [];
  const debrief = s.phases.findIndex((p) => p.kind === 'debrief');
  if (debrief >= 0 && debrief !== s.phaseIndex) {
    s.phaseIndex = debrief;
    resetWatch(s.timers.phase, d.ctx.now, true);
  }
  // Each party debriefs with a facilitator of its own, the patient's party first (STORY_PARTIES
  // order: the person harmed is looked after first). A debrief room is never left without a
  // facilitator: a party no facilitator is free for (one facilitator, two parties) leaves the
  // meeting for the aftercare screen, with support contacts and their own link to knock again, so a
  // facilitator can let them in and debrief them next. Nobody waits in a room with nobody to help.
  parties.forEach((party, i) => {
    const f = facilitators[i];
    const people = admittedOfParty(s, party);
    if (!f) {
      for (const m of people) {
        m.status = 'left';
        detach(d, m);
        event(d, 'member.sentToAftercare', actor.id, { targetId: m.id });
      }
      return;
    }
    const room = {
      id: d.ctx.newId(),
      purpose: 'debrief' as const,
      memberIds: people.map((m) => m.id),
      facilitatorIds: [f.id],
      openedAt: d.ctx.now,
    };
    s.sideRooms.push(room);
    for (const id of [...room.memberIds, ...room.facilitatorIds])
      s.members[id]!.sideRoomId = room.id;
  });
  s.endedSafely = true;
  event(d, 'meeting.endedSafely', actor.id);
}

function updateScript(
  d: Draft,
  actor: Member,
  cmd: Extract<ClientCommand, { type: 'script.update' }>,
): void {
  requireFacilitator(actor);
  const s = d.state;
  if (s.status !== 'open')
    reject('INVALID_STATE', 'The script can only change before the meeting starts.');
  if (new Set(cmd.storyOrder).size !== cmd.storyOrder.length) {
    reject('INVALID_STATE', 'Each party tells its story once.');
  }
  const seen = new Set<string>();
  s.phases = cmd.phases.map((p) => {
    let id = p.id ?? d.ctx.newId();
    if (seen.has(id)) id = d.ctx.newId();
    seen.add(id);
    return {
      id,
      kind: p.kind,
      name: p.name,
      party: p.kind === 'story' ? (p.party ?? null) : null,
      prompt: p.prompt,
    };
  });
  if (s.phases.some((p) => p.kind === 'story' && !p.party)) {
    reject('INVALID_STATE', 'Each story phase needs a party.');
  }
  s.storyOrder = [...cmd.storyOrder];
  s.floor.mode = cmd.floorMode;
  s.timers.softTurnLimitSec = cmd.softTurnLimitSec;
  s.phaseIndex = 0;
  event(d, 'script.updated', actor.id);
}

// ---------------------------------------------------------------------------------------------
// phases and floor

function stepPhase(d: Draft, actor: Member, delta: 1 | -1): void {
  requireFacilitator(actor);
  const s = d.state;
  requireLive(s);
  requireNotPaused(s);
  const next = s.phaseIndex + delta;
  if (next < 0 || next >= s.phases.length) {
    reject('INVALID_STATE', delta > 0 ? 'This is the last phase.' : 'This is the first phase.');
  }
  s.phaseIndex = next;
  resetWatch(s.timers.phase, d.ctx.now, true);
  enterPhase(d);
  event(d, 'phase.changed', actor.id);
}

/** On entering a story phase the floor goes to that party; otherwise back to the facilitators. */
function enterPhase(d: Draft): void {
  const s = d.state;
  const phase = s.phases[s.phaseIndex];
  s.floor.open = false;
  setHolder(
    d,
    phase?.kind === 'story' && phase.party ? { kind: 'party', party: phase.party } : null,
  );
}

function setHolder(d: Draft, holder: FloorHolder | null): void {
  const s = d.state;
  s.floor.holder = holder;
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

function giveFloor(d: Draft, actor: Member, holder: FloorHolder): void {
  requireFacilitator(actor);
  const s = d.state;
  requireLive(s);
  requireNotPaused(s);
  if (holder.kind === 'person') {
    const t = member(s, holder.memberId);
    if (t.status !== 'admitted') reject('INVALID_STATE', 'That person is not in the room.');
    if (!canHoldFloor(t)) reject('INVALID_STATE', 'That person does not take the floor.');
  } else if (holder.party === 'facilitation') {
    reject(
      'INVALID_STATE',
      'Facilitators may always speak; give the floor to a party or a person.',
    );
  } else if (admittedOfParty(s, holder.party).length === 0) {
    reject('INVALID_STATE', 'Nobody from that party is in the room.');
  }
  setHolder(d, holder);
  event(
    d,
    'floor.given',
    actor.id,
    holder.kind === 'party' ? { party: holder.party } : { targetId: holder.memberId },
  );
}

function requireHolder(s: RoomState, actor: Member): void {
  requireAdmitted(actor);
  // Interpreters and observers belong to the 'other' party but never pass the talking piece on.
  if (!canHoldFloor(actor)) reject('FORBIDDEN', 'Your role does not take the floor.');
  requireLive(s);
  requireNotPaused(s);
  if (!holderIncludes(s.floor.holder, actor)) reject('FORBIDDEN', 'You do not hold the floor.');
}

/** Passes the floor on in the agreed order: party to the next party, person to the next person. */
function passFloor(d: Draft, actor: Member): void {
  const s = d.state;
  requireHolder(s, actor);
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
}

/** Every admitted person who takes the floor: story parties in their agreed order, then others. */
function speakingOrder(s: RoomState): Member[] {
  const rank = (m: Member) => {
    const i = s.storyOrder.indexOf(m.party as (typeof s.storyOrder)[number]);
    return i >= 0 ? i : s.storyOrder.length;
  };
  return membersOf(s)
    .filter((m) => m.status === 'admitted' && canHoldFloor(m))
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i)
    .map(({ m }) => m);
}

/** The round: connected admitted speakers in the main room, story parties in their agreed order. */
export function roundOrder(s: RoomState): Member[] {
  return speakingOrder(s).filter((m) => m.connected && !m.sideRoomId && !m.steppedOut);
}

function floorDone(d: Draft, actor: Member): void {
  requireHolder(d.state, actor);
  setHolder(d, null);
  event(d, 'floor.done', actor.id);
}

function requestFloor(d: Draft, actor: Member): void {
  const s = d.state;
  requireAdmitted(actor);
  requireLive(s);
  requireNotPaused(s);
  if (!canHoldFloor(actor)) reject('FORBIDDEN', 'Your role does not take the floor.');
  if (holderIncludes(s.floor.holder, actor)) reject('INVALID_STATE', 'You already hold the floor.');
  if (s.floor.queue.some((q) => q.memberId === actor.id)) {
    reject('INVALID_STATE', 'You have already asked to speak.');
  }
  s.floor.queue.push({ memberId: actor.id, at: d.ctx.now });
  event(d, 'floor.requested', actor.id);
}

function withdrawFloor(d: Draft, actor: Member): void {
  const s = d.state;
  requireAdmitted(actor);
  if (!canHoldFloor(actor)) reject('FORBIDDEN', 'Your role does not take the floor.');
  requireNotPaused(s);
  const before = s.floor.queue.length;
  s.floor.queue = s.floor.queue.filter((q) => q.memberId !== actor.id);
  if (s.floor.queue.length === before) reject('INVALID_STATE', 'You have not asked to speak.');
  event(d, 'floor.withdrawn', actor.id);
}

// ---------------------------------------------------------------------------------------------
// pause

function pauseRoom(
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

function unpause(d: Draft): void {
  const s = d.state;
  const p = s.pause;
  if (!p) return;
  if (p.resume.meeting) startWatch(s.timers.meeting, d.ctx.now);
  if (p.resume.phase) startWatch(s.timers.phase, d.ctx.now);
  if (p.resume.turn) startWatch(s.timers.turn, d.ctx.now);
  s.pause = null;
}

function resume(d: Draft, actor: Member): void {
  requireFacilitator(actor);
  const s = d.state;
  if (!s.pause) reject('INVALID_STATE', 'The meeting is not paused.');
  unpause(d);
  if (mainRoomUnattended(s)) {
    reject('INVALID_STATE', 'A facilitator needs to be with everyone in the main room first.');
  }
  event(d, 'pause.resumed', actor.id);
}

function requestPause(d: Draft, actor: Member, reason: string | null): void {
  const s = d.state;
  requireNotEnded(s);
  if (actor.status !== 'admitted' && actor.status !== 'waiting') {
    reject('FORBIDDEN', 'You are not in the meeting.');
  }
  if (isFacilitator(actor)) reject('FORBIDDEN', 'Facilitators can pause the meeting directly.');
  if (actor.role === 'observer') reject('FORBIDDEN', 'Observers cannot ask for a pause.');
  // From the lobby, one open request per person: a link in the wrong hands cannot flood the inbox.
  if (actor.status === 'waiting' && s.pauseRequests.some((r) => r.memberId === actor.id)) {
    reject('RATE_LIMITED', 'You have already asked for a pause. The facilitator will see it.');
  }
  s.pauseRequests.push({
    id: d.ctx.newId(),
    memberId: actor.id,
    at: d.ctx.now,
    reason: reason || null,
  });
  if (s.pauseRequests.length > STATE_CAPS.pauseRequests) s.pauseRequests.shift();
  event(d, 'pause.requested', actor.id);
}

// ---------------------------------------------------------------------------------------------
// side rooms

function openSideRoom(
  d: Draft,
  actor: Member,
  memberIds: string[],
  facilitatorIds: string[],
  purpose: 'checkin' | 'caucus',
): void {
  requireFacilitator(actor);
  const s = d.state;
  requireNotEnded(s);
  const people = [...new Set(memberIds)].map((id) => member(s, id));
  const facs = [...new Set(facilitatorIds.length ? facilitatorIds : [actor.id])].map((id) =>
    member(s, id),
  );
  for (const f of facs) {
    if (!isFacilitator(f) || f.status !== 'admitted')
      reject('INVALID_STATE', 'Only facilitators can host a side room.');
    if (!f.connected) reject('INVALID_STATE', 'That facilitator is not connected.');
    if (f.sideRoomId) reject('INVALID_STATE', 'That facilitator is already in a side room.');
  }
  // One person or one party (FAC-6). An organisation representative or an observer is not part of
  // a story party's private conversation. An interpreter may go with anyone, and that is safe only
  // because a side room is never without a facilitator: it closes when its last facilitator leaves
  // or drops (upkeep), so an interpreter (party 'other') is never alone with a story party there.
  const parties = new Set<Party>();
  for (const p of people) {
    if (isFacilitator(p)) reject('INVALID_STATE', 'List facilitators separately.');
    if (p.sideRoomId) reject('INVALID_STATE', 'That person is already in a side room.');
    const ok =
      purpose === 'checkin'
        ? p.status === 'waiting' || p.status === 'admitted'
        : p.status === 'admitted';
    if (!ok) reject('INVALID_STATE', 'That person is not here.');
    if (p.role !== 'interpreter') parties.add(p.party);
  }
  if (parties.size > 1) reject('INVALID_STATE', 'A side room holds one person or one party.');
  if (purpose === 'caucus') requireLive(s);
  const room = {
    id: d.ctx.newId(),
    purpose,
    memberIds: people.map((p) => p.id),
    facilitatorIds: facs.map((f) => f.id),
    openedAt: d.ctx.now,
  };
  s.sideRooms.push(room);
  for (const m of [...people, ...facs]) {
    m.sideRoomId = room.id;
    s.floor.queue = s.floor.queue.filter((q) => q.memberId !== m.id);
  }
  event(d, 'sideRoom.opened', actor.id);
}

function leaveSideRoom(d: Draft, m: Member): void {
  const s = d.state;
  const room = s.sideRooms.find((r) => r.id === m.sideRoomId);
  m.sideRoomId = null;
  if (!room) return;
  room.memberIds = room.memberIds.filter((id) => id !== m.id);
  room.facilitatorIds = room.facilitatorIds.filter((id) => id !== m.id);
  if (room.memberIds.length === 0) closeRoom(d, room.id);
}

function closeRoom(d: Draft, id: string): void {
  const s = d.state;
  for (const m of membersOf(s)) if (m.sideRoomId === id) m.sideRoomId = null;
  s.sideRooms = s.sideRooms.filter((r) => r.id !== id);
}

function closeSideRoom(d: Draft, actor: Member, id: string): void {
  requireFacilitator(actor);
  if (!d.state.sideRooms.some((r) => r.id === id))
    reject('NOT_FOUND', 'That side room is closed already.');
  closeRoom(d, id);
  event(d, 'sideRoom.closed', actor.id);
}

// ---------------------------------------------------------------------------------------------
// self

function stepOut(d: Draft, actor: Member, out: boolean): void {
  requireAdmitted(actor);
  requireNotEnded(d.state);
  if (actor.steppedOut === out)
    reject('INVALID_STATE', out ? 'You have already stepped out.' : 'You are already back.');
  actor.steppedOut = out;
  if (out) alert(d, 'stepped-out', actor.id, actor.party);
  event(d, out ? 'member.steppedOut' : 'member.steppedBack', actor.id);
}

function leave(d: Draft, actor: Member): void {
  if (actor.status !== 'admitted' && actor.status !== 'waiting') {
    reject('INVALID_STATE', 'You are not in the meeting.');
  }
  const wasAdmitted = actor.status === 'admitted';
  actor.status = 'left';
  detach(d, actor);
  if (wasAdmitted && d.state.status !== 'ended') alert(d, 'left-safely', actor.id, actor.party);
  event(d, 'member.left', actor.id);
}

/** A facilitator mutes someone's microphone, e.g. for background noise. Only ever mutes. */
function muteMember(d: Draft, actor: Member, targetId: string): void {
  requireFacilitator(actor);
  requireNotEnded(d.state);
  const t = member(d.state, targetId);
  if (t.status !== 'admitted') reject('INVALID_STATE', 'That person is not in the room.');
  if (isFacilitator(t)) reject('INVALID_STATE', 'Facilitators manage their own microphones.');
  d.effects.push({ type: 'livekit.mute', memberId: t.id });
  event(d, 'member.muted', actor.id, { targetId });
}

function messageFacilitators(d: Draft, actor: Member, text: string): void {
  const s = d.state;
  requireNotEnded(s);
  if (actor.status !== 'admitted' && actor.status !== 'waiting')
    reject('FORBIDDEN', 'You are not in the meeting.');
  if (actor.role === 'observer') reject('FORBIDDEN', 'Observers cannot send messages.');
  if (actor.status === 'waiting') {
    // From the lobby: one short message a minute. The minute is read from the messages kept in the
    // state (a message the facilitators dismissed has been read, so another may follow).
    if (text.length > WAITING_LIMITS.messageChars) {
      reject(
        'INVALID_STATE',
        `Please keep a message from the waiting room short (${WAITING_LIMITS.messageChars} characters at most).`,
      );
    }
    const recent = s.messages.some(
      (m) => m.memberId === actor.id && d.ctx.now - m.at < WAITING_LIMITS.messageEveryMs,
    );
    if (recent) {
      reject(
        'RATE_LIMITED',
        'You can send one message a minute while you wait. Please try again soon.',
      );
    }
  }
  s.messages.push({ id: d.ctx.newId(), memberId: actor.id, at: d.ctx.now, text });
  if (s.messages.length > STATE_CAPS.messages) s.messages.shift();
  event(d, 'message.sent', actor.id);
}

// ---------------------------------------------------------------------------------------------
// safety: applied after every accepted command

/**
 * Nobody is ever left with the other party without a facilitator: if the main room holds both
 * story parties and no facilitator, it pauses itself; when a facilitator is back and the pause was
 * only for that, it resumes exactly where it was (people are invited to unmute themselves).
 */
function safetyChange(s: RoomState): 'pause' | 'resume' | null {
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

function applySafety(d: Draft, change: 'pause' | 'resume'): void {
  if (change === 'pause') {
    pauseRoom(d, 'no-facilitator', null, null);
    alert(d, 'no-facilitator', null, null);
    event(d, 'pause.started', null);
  } else {
    unpause(d);
    event(d, 'pause.resumed', null);
  }
}

// ---------------------------------------------------------------------------------------------
// upkeep: side rooms and deadlines follow who is here, after every accepted command

/** A side room is open only while a facilitator is in it, admitted and connected. */
function hasFacilitatorHere(s: RoomState, room: SideRoom): boolean {
  return room.facilitatorIds.some((id) => {
    const f = s.members[id];
    return !!f && isFacilitator(f) && f.status === 'admitted' && f.connected;
  });
}

/** Story parties with people admitted and none of them connected, in a live meeting. */
function partiesGone(s: RoomState): StoryParty[] {
  if (s.status !== 'live') return [];
  const admitted = new Set<Party>();
  const connected = new Set<Party>();
  for (const id of s.memberOrder) {
    const m = s.members[id];
    if (!m || m.status !== 'admitted') continue;
    admitted.add(m.party);
    if (m.connected) connected.add(m.party);
  }
  return STORY_PARTIES.filter((p) => admitted.has(p) && !connected.has(p));
}

function needsUpkeep(s: RoomState): boolean {
  if (s.sideRooms.some((r) => !hasFacilitatorHere(s, r))) return true;
  const gone = partiesGone(s);
  const list = s.deadlines.partyGrace;
  return list.length !== gone.length || list.some((x) => !gone.includes(x.party));
}

/**
 * Closes every side room whose last facilitator left, dropped or was removed (its people come back
 * to the main room; the safety rule pauses it if that leaves the parties together unattended), and
 * keeps exactly one party-grace deadline for each story party that is gone: a new one from now when
 * a party's last connection drops, none once someone of it is back.
 */
function upkeep(d: Draft): void {
  const s = d.state;
  for (const room of s.sideRooms.filter((r) => !hasFacilitatorHere(s, r))) {
    closeRoom(d, room.id);
    event(d, 'sideRoom.closed', null);
  }
  const gone = partiesGone(s);
  s.deadlines.partyGrace = s.deadlines.partyGrace.filter((x) => gone.includes(x.party));
  for (const party of gone) {
    if (s.deadlines.partyGrace.some((x) => x.party === party)) continue;
    const since = d.ctx.now;
    const at = since + (d.ctx.partyGraceMs ?? DEFAULT_PARTY_GRACE_MS);
    s.deadlines.partyGrace.push({ id: d.ctx.newId(), party, since, at, expired: false });
  }
}
