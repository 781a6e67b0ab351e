import { keptLink } from '../interpreters/mode';
import { alert, event, member, reject, requireNotEnded, type SystemHandlers } from '../kernel';
import type { InterpreterSystemCommand, PrepSystemCommand, SystemCommand } from '../types';
import { pauseRoom } from '../pause/pausing';
import { admittedOfParty, connectedOfParty, isFacilitator } from '../policies';
import { detach } from './detach';

/**
 * Presence and membership as the server reports them: connections, a party's lapsed grace, people
 * added to the case, the lead's hand-over and a co-facilitator taken off the case. Never sent by a
 * client.
 */
export const presenceHandlers: SystemHandlers<
  Exclude<SystemCommand['type'], PrepSystemCommand['type'] | InterpreterSystemCommand['type']>
> = {
  'system.connect': (d, cmd) => {
    const s = d.state;
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
    event(d, 'member.connected', m.id);
  },

  'system.disconnect': (d, cmd) => {
    // A party's last connection dropping sets its grace deadline (upkeep, after this command).
    const m = member(d.state, cmd.memberId);
    m.connected = false;
    m.disconnectedAt = d.ctx.now;
    event(d, 'member.disconnected', m.id);
  },

  'system.partyGraceExpired': (d, cmd) => {
    const s = d.state;
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
    event(d, 'pause.started', null, { party: due.party });
  },

  /**
   * The lead hands the case over to a co-facilitator: the two swap roles. Both keep their seats
   * and controls (FAC-15: equal controls); what changes is who nobody can remove, and whose case
   * it is.
   */
  'system.handOver': (d, cmd) => {
    const from = member(d.state, cmd.fromId);
    const to = member(d.state, cmd.toId);
    if (from.role !== 'facilitator')
      reject('INVALID_STATE', 'Only the lead facilitator can hand the case over.');
    if (to.role !== 'cofacilitator')
      reject('INVALID_STATE', 'A case is handed over to a co-facilitator.');
    if (to.status === 'removed')
      reject('INVALID_STATE', 'That facilitator is not in this meeting.');
    from.role = 'cofacilitator';
    to.role = 'facilitator';
    event(d, 'case.handedOver', null, { targetId: to.id });
  },

  'system.removeFacilitator': (d, cmd) => {
    const t = member(d.state, cmd.memberId);
    if (t.role === 'facilitator') reject('FORBIDDEN', 'Nobody can remove the lead facilitator.');
    if (t.role !== 'cofacilitator') reject('INVALID_STATE', 'That person is not a facilitator.');
    if (t.status === 'removed') reject('INVALID_STATE', 'That facilitator is not in this meeting.');
    t.status = 'removed';
    detach(d, t);
    event(d, 'member.removed', null, { targetId: t.id });
  },

  'system.addMember': (d, cmd) => {
    const s = d.state;
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
      event(d, 'member.added', null, { targetId: existing.id });
      return;
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
      interpretsFor: keptLink(s.members, cmd.member),
    };
    s.memberOrder.push(cmd.member.id);
    event(d, 'member.added', null, { targetId: cmd.member.id });
  },
};
