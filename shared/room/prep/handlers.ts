import { keptLink } from '../interpreters/mode';
import { isFacilitatorRole } from '../roles';
import { alert, event, member, reject, requireNotEnded, type SystemHandlers } from '../kernel';
import { detach } from '../presence/detach';
import type { PrepSystemCommand } from '../types';

/**
 * What the preparation the server keeps apart from the room tells the room: the gate (what is
 * still missing before a joint meeting may start, as ids and codes), who the meeting's people are,
 * and a person's consent being withdrawn, which every facilitator sees at once as a notice. Never
 * sent by a client.
 */
export const prepHandlers: SystemHandlers<PrepSystemCommand['type']> = {
  'system.setGate': (d, cmd) => {
    d.state.gate = { missing: cmd.missing.map((i) => ({ ...i })) };
    event(d, 'gate.updated', null);
  },

  'system.setMembers': (d, cmd) => {
    const s = d.state;
    requireNotEnded(s);
    if (s.status !== 'open')
      reject('INVALID_STATE', 'People can be changed before the start only.');
    if (cmd.members.some((m) => isFacilitatorRole(m.role)))
      reject('INVALID_STATE', 'Facilitators come from the case, not from the member list.');
    const wanted = new Set(cmd.members.map((m) => m.id));
    for (const id of s.memberOrder) {
      const m = s.members[id]!;
      if (isFacilitatorRole(m.role) || wanted.has(id) || m.status === 'removed') continue;
      m.status = 'removed';
      m.connected = false;
      detach(d, m);
      event(d, 'member.removed', null, { targetId: id });
    }
    for (const n of cmd.members) {
      const existing = s.members[n.id];
      if (existing) {
        if (existing.status !== 'removed') continue;
        existing.status = 'invited';
        event(d, 'member.added', null, { targetId: n.id });
        continue;
      }
      s.members[n.id] = {
        ...n,
        status: 'invited',
        connected: false,
        steppedOut: false,
        waitingSince: null,
        disconnectedAt: null,
        sideRoomId: null,
        interpretsFor: null,
      };
      s.memberOrder.push(n.id);
      event(d, 'member.added', null, { targetId: n.id });
    }
    // Links once everyone listed is in: an interpreter may be listed before their person.
    for (const n of cmd.members) {
      const m = s.members[n.id]!;
      if (m.status === 'invited' && n.interpretsFor !== undefined)
        m.interpretsFor = keptLink(s.members, n);
    }
  },

  'system.consentWithdrawn': (d, cmd) => {
    const m = member(d.state, cmd.memberId);
    alert(d, 'consent-withdrawn', m.id, m.party);
    event(d, 'consent.withdrawn', null, { targetId: m.id });
  },
};
