import {
  canAdmit,
  canAdmitMember,
  canJoinLobby,
  canLock,
  canRemove,
  canRemoveMember,
} from '../can';
import { enforce, event, member, type ClientHandlers } from '../kernel';
import { detach } from '../presence/detach';
import { leaveSideRoom } from '../sideRooms/rooms';

/** The lobby: knocking, admission and denial, the lock, and removing someone from the meeting. */
export const lobbyHandlers: ClientHandlers<
  'lobby.join' | 'lobby.admit' | 'lobby.deny' | 'lobby.lock' | 'member.remove'
> = {
  'lobby.join': (d, actor) => {
    enforce(canJoinLobby, d.state, actor);
    actor.status = 'waiting';
    actor.waitingSince = d.ctx.now;
    actor.steppedOut = false;
    event(d, 'lobby.joined', actor.id);
  },

  'lobby.admit': (d, actor, { memberId: targetId }) => {
    enforce(canAdmit, d.state, actor);
    const t = member(d.state, targetId);
    enforce(canAdmitMember, d.state, actor, t);
    t.status = 'admitted';
    t.waitingSince = null;
    // A check-in side room ends with admission: the person comes into the main room.
    if (t.sideRoomId) leaveSideRoom(d, t);
    event(d, 'member.admitted', actor.id, { targetId });
  },

  'lobby.deny': (d, actor, { memberId: targetId }) => {
    enforce(canAdmit, d.state, actor);
    const t = member(d.state, targetId);
    enforce(canAdmitMember, d.state, actor, t);
    t.status = 'denied';
    t.waitingSince = null;
    if (t.sideRoomId) leaveSideRoom(d, t);
    event(d, 'member.denied', actor.id, { targetId });
  },

  'lobby.lock': (d, actor, cmd) => {
    enforce(canLock, d.state, actor);
    d.state.locked = cmd.locked;
    event(d, cmd.locked ? 'lobby.locked' : 'lobby.unlocked', actor.id);
  },

  'member.remove': (d, actor, { memberId: targetId }) => {
    enforce(canRemove, d.state, actor);
    const t = member(d.state, targetId);
    // The lead's seat is theirs until they hand the case over (system.handOver).
    enforce(canRemoveMember, d.state, actor, t);
    t.status = 'removed';
    detach(d, t);
    event(d, 'member.removed', actor.id, { targetId });
  },
};
