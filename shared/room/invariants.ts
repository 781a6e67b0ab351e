import { STATE_CAPS } from './kernel';
import {
  canHoldFloor,
  holderParty,
  isFacilitator,
  mainRoomUnattended,
  mediaAccess,
  membersOf,
} from './policies';
import { TALK_PARTIES } from './floor/talkTime';
import { isSilentRole, STORY_PARTIES } from './roles';
import type { Member, RoomState } from './state';
import { toRoomView } from './views';

/**
 * The rules every room state keeps, whatever commands led to it. Pure: returns the broken rules in
 * plain words, an empty list when the state is sound. Tests call it after every step (the seeded
 * property test does so after every random command); a dev build may call it after every decision.
 *
 * @example
 * expect(checkInvariants(result.state)).toEqual([]);
 */
export function checkInvariants(state: RoomState): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  checkMembers(state, fail);
  checkFloor(state, fail);
  checkTimersAndPause(state, fail);
  checkSideRooms(state, fail);
  checkDeadlines(state, fail);
  checkTalk(state, fail);
  checkMedia(state, fail);
  checkInterpreters(state, fail);
  checkViews(state, fail);
  return problems;
}

type Fail = (message: string) => void;

function checkMembers(s: RoomState, fail: Fail): void {
  const ids = Object.keys(s.members);
  if (new Set(s.memberOrder).size !== s.memberOrder.length) fail('memberOrder has duplicates');
  if (ids.length !== s.memberOrder.length || ids.some((id) => !s.memberOrder.includes(id))) {
    fail('memberOrder and members differ');
  }
  for (const [key, m] of Object.entries(s.members)) {
    if (m.id !== key) fail(`${m.id}: keyed under ${key}`);
  }
  for (const m of membersOf(s)) {
    if ((m.waitingSince !== null) !== (m.status === 'waiting')) {
      fail(`${m.id}: waitingSince is set exactly while waiting (status ${m.status})`);
    }
    if (m.status !== 'admitted' && m.steppedOut) fail(`${m.id}: stepped out but not admitted`);
    if (m.connected && m.disconnectedAt !== null) fail(`${m.id}: connected with a disconnect time`);
  }
  const leads = membersOf(s).filter((m) => m.role === 'facilitator');
  if (leads.length > 1)
    fail(`more than one lead facilitator: ${leads.map((m) => m.id).join(', ')}`);
  if (s.pauseRequests.length > STATE_CAPS.pauseRequests) fail('too many pause requests kept');
  if (s.messages.length > STATE_CAPS.messages) fail('too many messages kept');
  if (s.alerts.length > STATE_CAPS.alerts) fail('too many alerts kept');
  for (const r of [...s.pauseRequests, ...s.messages]) {
    if (!s.members[r.memberId]) fail(`request or message from an unknown person ${r.memberId}`);
  }
  if (s.phaseIndex < 0 || s.phaseIndex >= s.phases.length) fail('phaseIndex out of range');
  const order = new Set(s.storyOrder);
  if (order.size !== STORY_PARTIES.length || STORY_PARTIES.some((p) => !order.has(p))) {
    fail('storyOrder must name each story party once');
  }
  if (s.status === 'open' && s.startedAt !== null) fail('open meeting with a start time');
  if (s.status === 'live' && s.startedAt === null) fail('live meeting without a start time');
  if ((s.status === 'ended') !== (s.endedAt !== null)) fail('endedAt is set exactly when ended');
}

function checkFloor(s: RoomState, fail: Fail): void {
  const { holder, queue, open } = s.floor;
  if (holder?.kind === 'person') {
    const m = s.members[holder.memberId];
    if (!m) fail('the floor holder is unknown');
    else if (m.status !== 'admitted') fail(`the floor holder ${m.id} is ${m.status}`);
    else if (!canHoldFloor(m)) fail(`the floor holder ${m.id} is a ${m.role}`);
  }
  if (holder?.kind === 'party' && holder.party === 'facilitation') fail('facilitation holds floor');
  if (holder && open) fail('open discussion with a floor holder');
  if (s.status !== 'live' && (holder || queue.length > 0)) fail('a floor outside a live meeting');
  const seen = new Set<string>();
  queue.forEach((q, i) => {
    const m = s.members[q.memberId];
    if (seen.has(q.memberId)) fail(`${q.memberId} is queued twice`);
    seen.add(q.memberId);
    if (!m || m.status !== 'admitted' || !canHoldFloor(m)) fail(`${q.memberId} cannot be queued`);
    const prev = queue[i - 1];
    if (prev && prev.at > q.at) fail('the queue is not in receive order');
  });
}

function checkTimersAndPause(s: RoomState, fail: Fail): void {
  const { meeting, phase, turn } = s.timers;
  const watches = { meeting, phase, turn };
  for (const [name, w] of Object.entries(watches)) {
    if (w.accumulatedMs < 0) fail(`${name} timer below zero`);
    if (s.pause && w.runningSince !== null) fail(`${name} timer runs during a pause`);
    if (s.status !== 'live' && w.runningSince !== null)
      fail(`${name} timer runs while ${s.status}`);
  }
  if (s.status === 'live' && !s.pause) {
    if (meeting.runningSince === null) fail('meeting timer stopped in a running meeting');
    if (phase.runningSince === null) fail('phase timer stopped in a running meeting');
  }
  if (turn.runningSince !== null && s.floor.holder === null) fail('turn timer runs for nobody');
  if (s.pause?.resume.turn && s.floor.holder === null) fail('resume would start a turn for nobody');
  if (mainRoomUnattended(s) && s.pause === null) {
    fail('both story parties are in the main room without a facilitator, and it is not paused');
  }
  // The same rule worked out here, not through the policy under test: before the start counts too,
  // since admitted people are already together in the main room.
  const inMain = membersOf(s).filter(
    (m) => m.status === 'admitted' && m.connected && m.sideRoomId === null,
  );
  const together = STORY_PARTIES.every((p) => inMain.some((m) => m.party === p));
  if (s.status !== 'ended' && together && !inMain.some(isFacilitator) && s.pause === null) {
    fail('the parties are together in the main room with no facilitator and no pause');
  }
  if (s.status === 'ended' && s.pause) fail('an ended meeting is paused');
}

function checkSideRooms(s: RoomState, fail: Fail): void {
  if (s.status === 'ended' && s.sideRooms.length > 0) fail('side rooms after the end');
  if (new Set(s.sideRooms.map((r) => r.id)).size !== s.sideRooms.length)
    fail('side room ids clash');
  for (const m of membersOf(s)) {
    if (m.sideRoomId === null) continue;
    const room = s.sideRooms.find((r) => r.id === m.sideRoomId);
    if (!room) fail(`${m.id} is in a side room that does not exist`);
    else if (!room.memberIds.includes(m.id) && !room.facilitatorIds.includes(m.id)) {
      fail(`${m.id} is in side room ${room.id} but not on its list`);
    }
  }
  for (const room of s.sideRooms) {
    if (room.memberIds.length === 0) fail(`side room ${room.id} has nobody in it`);
    const people = room.memberIds.map((id) => s.members[id]);
    const facs = room.facilitatorIds.map((id) => s.members[id]);
    for (const [id, m] of zip(room.memberIds, people)) {
      if (!m || m.sideRoomId !== room.id)
        fail(`side room ${room.id} lists ${id}, who is elsewhere`);
      else if (isFacilitator(m)) fail(`side room ${room.id} lists facilitator ${id} as a member`);
      else if (!(
        m.status === 'admitted' ||
        (m.status === 'waiting' && room.purpose === 'checkin')
      )) {
        fail(`side room ${room.id} holds ${id}, who is ${m.status}`);
      }
    }
    for (const [id, m] of zip(room.facilitatorIds, facs)) {
      if (!m || m.sideRoomId !== room.id || !isFacilitator(m) || m.status !== 'admitted') {
        fail(`side room ${room.id} lists ${id} as its facilitator`);
      }
    }
    const parties = new Set(
      people.filter((m): m is Member => !!m && m.role !== 'interpreter').map((m) => m.party),
    );
    if (parties.size > 1) fail(`side room ${room.id} holds more than one party`);
    // Whoever they are (interpreters and other-party people count as their own party): never two
    // parties in a side room without a facilitator there. In fact a side room without a facilitator
    // here does not stay open at all.
    const here = facs.some(
      (f) => !!f && f.connected && f.status === 'admitted' && isFacilitator(f),
    );
    const all = new Set(people.filter((m): m is Member => !!m).map((m) => m.party));
    if (!here && all.size > 1) fail(`side room ${room.id} holds two parties with no facilitator`);
    if (!here) fail(`side room ${room.id} has no facilitator here`);
  }
}

/** A party-grace deadline exists exactly while a story party is gone from a live meeting. */
function checkDeadlines(s: RoomState, fail: Fail): void {
  const list = s.deadlines.partyGrace;
  if (new Set(list.map((d) => d.id)).size !== list.length) fail('party-grace deadline ids clash');
  for (const party of STORY_PARTIES) {
    const mine = list.filter((d) => d.party === party);
    const admitted = membersOf(s).filter((m) => m.party === party && m.status === 'admitted');
    const gone = s.status === 'live' && admitted.length > 0 && !admitted.some((m) => m.connected);
    if (mine.length > 1) fail(`${party} has ${mine.length} party-grace deadlines`);
    if (gone && mine.length === 0) fail(`${party} is gone with no party-grace deadline`);
    if (!gone && mine.length > 0)
      fail(`${party} is here (or not live) with a party-grace deadline`);
    for (const d of mine) if (d.at < d.since) fail(`${party}'s deadline is due before it was set`);
  }
  if (list.some((d) => !(STORY_PARTIES as readonly string[]).includes(d.party))) {
    fail('a party-grace deadline for a party that tells no story');
  }
}

/** Talk time is a non-negative count kept only while the meeting is live, never before or after. */
function checkTalk(s: RoomState, fail: Fail): void {
  for (const party of TALK_PARTIES) {
    const ms = s.talk[party];
    if (!Number.isFinite(ms) || ms < 0) fail(`${party}'s talk time is ${ms}`);
    if (s.status !== 'live' && ms !== 0) fail(`${party}'s talk time is kept while not live`);
  }
}

function zip<T>(ids: string[], ms: T[]): [string, T][] {
  return ids.map((id, i) => [id, ms[i] as T]);
}

function checkMedia(s: RoomState, fail: Fail): void {
  const holding = holderParty(s);
  const protectedFloor = s.floor.mode === 'protected' && !s.floor.open;
  for (const m of membersOf(s)) {
    const media = mediaAccess(s, m.id);
    if (!media) continue;
    if (s.status === 'ended') fail(`${m.id} has media after the end`);
    if (m.status !== 'admitted' && m.status !== 'waiting') fail(`${m.id} (${m.status}) has media`);
    if (m.status === 'waiting' && media.room === 'main')
      fail(`${m.id} reaches the main room unadmitted`);
    if ((m.sideRoomId ?? 'main') !== media.room) fail(`${m.id} has media in the wrong room`);
    if (m.steppedOut && (media.canPublishAudio || media.canPublishVideo))
      fail(`${m.id} stepped out and may still publish`);
    // Once admitted, observers and captioners never publish anything, in any room (not only the
    // microphone). Before, a facilitator's private check-in in the lobby is a conversation.
    if (
      m.status === 'admitted' &&
      isSilentRole(m.role) &&
      (media.canPublishAudio || media.canPublishVideo)
    )
      fail(`${m.role} ${m.id} may publish`);
    if (media.room !== 'main' || !media.canPublishAudio || isFacilitator(m)) continue;
    if (s.pause) fail(`${m.id} may speak in the main room during a pause`);
    else if (isSilentRole(m.role)) fail(`${m.role} ${m.id} may speak`);
    else if (protectedFloor && m.party !== holding && !interpreterMayVoice(s, m, holding)) {
      fail(`${m.id} may speak in protected mode without the floor`);
    }
  }
}

/**
 * The interpreters' rule worked out here, not through the policy under test: an unlinked or
 * spoken-language interpreter, or a sign-language one whose person's party holds the floor (or
 * nobody holds it).
 */
function interpreterMayVoice(s: RoomState, m: Member, holding: string | null): boolean {
  if (m.role !== 'interpreter') return false;
  const link = m.interpretsFor;
  if (!link || link.mode === 'spoken') return true;
  return holding === null || s.members[link.memberId]?.party === holding;
}

/** Only interpreters are linked, each to a participant of this meeting (A11Y-2). */
function checkInterpreters(s: RoomState, fail: Fail): void {
  for (const m of membersOf(s)) {
    const link = m.interpretsFor;
    if (!link) continue;
    if (m.role !== 'interpreter') fail(`${m.id} is a ${m.role} with an interpreter's link`);
    const t = s.members[link.memberId];
    if (!t) fail(`${m.id} interprets for an unknown person`);
    else if (isFacilitator(t) || t.role === 'interpreter')
      fail(`${m.id} interprets for a ${t.role}`);
  }
}

function checkViews(s: RoomState, fail: Fail): void {
  for (const m of membersOf(s)) {
    const view = toRoomView(s, m.id);
    if (m.status === 'denied' || m.status === 'removed') {
      if (view !== null) fail(`${m.id} (${m.status}) still gets a view`);
      continue;
    }
    if (!view) {
      fail(`${m.id} gets no view`);
      continue;
    }
    if (view.version !== s.version) fail(`${m.id}'s view has another version`);
    const fac = isFacilitator(m) && m.status === 'admitted';
    if (!fac && view.facilitator !== null) fail(`${m.id} sees facilitator-only data`);
    if (!fac && view.timers.turn !== null) fail(`${m.id} sees the speaking timer`);
    if (m.status === 'admitted') continue;
    const room = s.sideRooms.find((r) => r.id === m.sideRoomId);
    const allowed = new Set([m.id, ...(room?.facilitatorIds ?? [])]);
    const others = view.members.filter((v) => !allowed.has(v.id));
    if (others.length > 0) fail(`${m.id} (${m.status}) sees ${others.map((v) => v.id).join(', ')}`);
    if (view.floor.holder !== null || view.floor.queue.length > 0) {
      fail(`${m.id} (${m.status}) sees the floor`);
    }
    if (view.privateConversation) fail(`${m.id} (${m.status}) sees who is in private`);
    if (s.status !== 'ended' && view.board !== null) fail(`${m.id} (${m.status}) sees the board`);
  }
}
