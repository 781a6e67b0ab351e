import {
  canDismiss,
  canLeave,
  canMessageFacilitators,
  canMute,
  canMuteMember,
  canStepBack,
  canStepOut,
} from '../can';
import {
  alert,
  dismissById,
  enforce,
  event,
  member,
  reject,
  STATE_CAPS,
  type ClientHandlers,
  type Draft,
} from '../kernel';
import { WAITING_LIMITS } from '../policies';
import { detach } from '../presence/detach';
import type { Member } from '../state';

/**
 * What a person does for themselves (step out and back, leave, write to the facilitators) and
 * what the facilitators do with it (dismiss messages and notices, mute a microphone).
 */
export const selfHandlers: ClientHandlers<
  | 'self.stepOut'
  | 'self.stepBack'
  | 'self.leave'
  | 'message.toFacilitators'
  | 'message.dismiss'
  | 'alert.dismiss'
  | 'member.mute'
> = {
  'self.stepOut': (d, actor) => stepOut(d, actor, true),
  'self.stepBack': (d, actor) => stepOut(d, actor, false),

  'self.leave': (d, actor) => {
    enforce(canLeave, d.state, actor);
    const wasAdmitted = actor.status === 'admitted';
    actor.status = 'left';
    detach(d, actor);
    if (wasAdmitted && d.state.status !== 'ended') alert(d, 'left-safely', actor.id, actor.party);
    event(d, 'member.left', actor.id);
  },

  'message.toFacilitators': (d, actor, { text }) => {
    const s = d.state;
    enforce(canMessageFacilitators, s, actor);
    // From the lobby: one short message a minute (the minute: canMessageFacilitators with `now`).
    if (actor.status === 'waiting' && text.length > WAITING_LIMITS.messageChars) {
      reject(
        'INVALID_STATE',
        `Please keep a message from the waiting room short (${WAITING_LIMITS.messageChars} characters at most).`,
      );
    }
    enforce(canMessageFacilitators, s, actor, d.ctx.now);
    s.messages.push({ id: d.ctx.newId(), memberId: actor.id, at: d.ctx.now, text });
    if (s.messages.length > STATE_CAPS.messages) s.messages.shift();
    event(d, 'message.sent', actor.id);
  },

  'message.dismiss': (d, actor, cmd) => {
    enforce(canDismiss, d.state, actor);
    dismissById(d.state.messages, cmd.messageId, 'That message is no longer there.');
    event(d, 'message.dismissed', actor.id);
  },

  'alert.dismiss': (d, actor, cmd) => {
    enforce(canDismiss, d.state, actor);
    dismissById(d.state.alerts, cmd.alertId, 'That notice is no longer there.');
    event(d, 'alert.dismissed', actor.id);
  },

  /** A facilitator mutes someone's microphone, e.g. for background noise. Only ever mutes. */
  'member.mute': (d, actor, { memberId: targetId }) => {
    enforce(canMute, d.state, actor);
    const t = member(d.state, targetId);
    enforce(canMuteMember, d.state, actor, t);
    d.effects.push({ type: 'livekit.mute', memberId: t.id });
    event(d, 'member.muted', actor.id, { targetId });
  },
};

function stepOut(d: Draft, actor: Member, out: boolean): void {
  enforce(out ? canStepOut : canStepBack, d.state, actor);
  actor.steppedOut = out;
  if (out) alert(d, 'stepped-out', actor.id, actor.party);
  event(d, out ? 'member.steppedOut' : 'member.steppedBack', actor.id);
}
