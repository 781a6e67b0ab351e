import { setHolder } from '../floor/holder';
import { emptyTalk } from '../floor/talk';
import {
  canEnd,
  canEndSafely,
  canNextPhase,
  canPreviousPhase,
  canStart,
  canStartRoom,
  canUpdateScript,
  GATE_CLOSED,
} from '../can';
import { enforce, event, reject, Rejection, type ClientHandlers, type Draft } from '../kernel';
import { gateMissing } from '../prep/rules';
import { unpause } from '../pause/pausing';
import { admittedOfParty, isFacilitator, membersOf } from '../policies';
import { detach } from '../presence/detach';
import { STORY_PARTIES } from '../roles';
import type { Member } from '../state';
import { leaveSideRoom } from '../sideRooms/rooms';
import { resetWatch, stopWatch } from '../stopwatch';

/** The meeting's life (start, end, end safely), its script, and moving between phases. */
export const meetingHandlers: ClientHandlers<
  | 'meeting.start'
  | 'meeting.end'
  | 'meeting.endSafely'
  | 'script.update'
  | 'phase.next'
  | 'phase.previous'
> = {
  'meeting.start': (d, actor) => {
    // Who may start, and when, first: only a facilitator learns what the gate still misses.
    enforce(canStartRoom, d.state, actor);
    const missing = gateMissing(d.state);
    if (missing.length) throw new Rejection('INVALID_STATE', GATE_CLOSED, missing);
    enforce(canStart, d.state, actor);
    const s = d.state;
    s.status = 'live';
    s.startedAt = d.ctx.now;
    s.phaseIndex = 0;
    s.talk = emptyTalk();
    resetWatch(s.timers.meeting, d.ctx.now, true);
    resetWatch(s.timers.phase, d.ctx.now, true);
    enterPhase(d);
    event(d, 'meeting.started', actor.id);
  },

  'meeting.end': (d, actor) => {
    enforce(canEnd, d.state, actor);
    const s = d.state;
    s.status = 'ended';
    s.endedAt = d.ctx.now;
    for (const w of [s.timers.meeting, s.timers.phase, s.timers.turn]) stopWatch(w, d.ctx.now);
    s.pause = null;
    s.floor.holder = null;
    s.floor.queue = [];
    for (const m of membersOf(s)) m.sideRoomId = null;
    s.sideRooms = [];
    // Session-only content goes with the meeting, talk time too.
    s.talk = emptyTalk();
    s.messages = [];
    s.pauseRequests = [];
    event(d, 'meeting.ended', actor.id);
  },

  /** Ends the joint conversation by sending each story party to its own debrief room. */
  'meeting.endSafely': (d, actor) => {
    enforce(canEndSafely, d.state, actor);
    const s = d.state;
    // Only facilitators who are here host a debrief: a side room with no facilitator connected
    // closes.
    const facilitators = membersOf(s).filter(
      (m) => isFacilitator(m) && m.status === 'admitted' && m.connected,
    );
    const parties = STORY_PARTIES.filter((p) => admittedOfParty(s, p).length > 0);
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
    // meeting for the aftercare screen, with support contacts and their own link to knock again,
    // so a facilitator can let them in and debrief them next. Nobody waits in a room with nobody
    // to help.
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
  },

  'script.update': (d, actor, cmd) => {
    enforce(canUpdateScript, d.state, actor);
    const s = d.state;
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
  },

  'phase.next': (d, actor) => stepPhase(d, actor, 1),
  'phase.previous': (d, actor) => stepPhase(d, actor, -1),
};

function stepPhase(d: Draft, actor: Member, delta: 1 | -1): void {
  enforce(delta > 0 ? canNextPhase : canPreviousPhase, d.state, actor);
  const s = d.state;
  s.phaseIndex += delta;
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
