import { canDismiss, canRequestPause, canResume, canStartPause } from '../can';
import { dismissById, enforce, event, STATE_CAPS, type ClientHandlers } from '../kernel';
import { pauseRoom, unpause } from './pausing';

/** Pausing and resuming the meeting, and people's requests for a pause. */
export const pauseHandlers: ClientHandlers<
  'pause.start' | 'pause.resume' | 'pause.request' | 'pause.dismissRequest'
> = {
  'pause.start': (d, actor, cmd) => {
    enforce(canStartPause, d.state, actor);
    pauseRoom(d, 'facilitator', cmd.message, cmd.breakMinutes);
    event(d, 'pause.started', actor.id);
  },

  'pause.resume': (d, actor) => {
    enforce(canResume, d.state, actor);
    unpause(d);
    event(d, 'pause.resumed', actor.id);
  },

  'pause.request': (d, actor, { reason }) => {
    const s = d.state;
    enforce(canRequestPause, s, actor);
    s.pauseRequests.push({
      id: d.ctx.newId(),
      memberId: actor.id,
      at: d.ctx.now,
      reason: reason || null,
    });
    if (s.pauseRequests.length > STATE_CAPS.pauseRequests) s.pauseRequests.shift();
    event(d, 'pause.requested', actor.id);
  },

  'pause.dismissRequest': (d, actor, cmd) => {
    enforce(canDismiss, d.state, actor);
    dismissById(d.state.pauseRequests, cmd.requestId, 'That request is no longer there.');
    event(d, 'pause.requestDismissed', actor.id);
  },
};
