import { canCloseSideRoom, canOpenCaucus, canOpenCheckIn } from '../can';
import { enforce, event, member, reject, type ClientHandlers } from '../kernel';
import { isFacilitator } from '../policies';
import type { Party } from '../roles';
import { closeRoom } from './rooms';
import { interpretedParty, interpretersOf } from '../interpreters/link';

/** Side rooms: a check-in or a caucus with one person or one party, hosted by a facilitator. */
export const sideRoomHandlers: ClientHandlers<'sideRoom.open' | 'sideRoom.close'> = {
  'sideRoom.open': (d, actor, { memberIds, facilitatorIds, purpose }) => {
    const s = d.state;
    enforce(canOpenCheckIn, s, actor);
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
    // One person or one party (FAC-6). An organisation representative or an observer is not part
    // of a story party's private conversation. An interpreter may go with anyone, and that is safe
    // only because a side room is never without a facilitator: it closes when its last facilitator
    // leaves or drops (upkeep), so an interpreter (party 'other') is never alone with a story party
    // there.
    const parties = new Set<Party>();
    // An interpreter goes with the person they interpret for (issue 17): linked interpreters of
    // the people listed come along unless they are elsewhere already.
    for (const p of [...people]) {
      for (const i of interpretersOf(s, p.id)) {
        if (
          !people.includes(i) &&
          !i.sideRoomId &&
          (i.status === 'admitted' || i.status === p.status)
        )
          people.push(i);
      }
    }
    for (const p of people) {
      if (isFacilitator(p)) reject('INVALID_STATE', 'List facilitators separately.');
      if (p.sideRoomId) reject('INVALID_STATE', 'That person is already in a side room.');
      const ok =
        purpose === 'checkin'
          ? p.status === 'waiting' || p.status === 'admitted'
          : p.status === 'admitted';
      if (!ok) reject('INVALID_STATE', 'That person is not here.');
      // A linked interpreter stands with their person's party: never in the other party's room.
      const party = p.role === 'interpreter' ? interpretedParty(s, p) : p.party;
      if (party) parties.add(party);
    }
    if (parties.size > 1) reject('INVALID_STATE', 'A side room holds one person or one party.');
    // Checked last, as it always was: a caucus also needs the meeting to have started.
    if (purpose === 'caucus') enforce(canOpenCaucus, s, actor);
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
  },

  'sideRoom.close': (d, actor, { sideRoomId: id }) => {
    enforce(canCloseSideRoom, d.state, actor);
    if (!d.state.sideRooms.some((r) => r.id === id))
      reject('NOT_FOUND', 'That side room is closed already.');
    closeRoom(d, id);
    event(d, 'sideRoom.closed', actor.id);
  },
};
