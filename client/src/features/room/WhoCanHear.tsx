import { useTranslation } from 'react-i18next';
import { isFacilitatorRole } from '../../../../shared/room/roles';
import type { RoomView } from '../../../../shared/room/views';
import { useCall, useCallVersion } from './call/CallContext';

/** Who can hear this person now, as one sentence key (with its count for the plural). */
export type Hearing =
  | {
      key: 'steppedOut' | 'paused' | 'micOff' | 'alone' | 'privateRoom' | 'pausedFacilitator';
    }
  | { key: 'everyone' | 'mainRoom' }
  | { key: 'facilitators'; count: number };

/**
 * Who can hear me, from the view (side room, stepped out, pause), my own microphone, and who is
 * in my media room (`others`: the LiveKit identities, which are member ids). Pure, so the order of
 * the rules is plain: stepping out and a pause (for participants in the main room) silence
 * everyone whatever the microphone shows; a private conversation is heard only by the people in
 * it, even while the main room is paused; a facilitator's live microphone during a pause is heard
 * by the whole main room, which they must know.
 */
export function whoCanHear(view: RoomView, micOn: boolean, others: readonly string[]): Hearing {
  const me = view.me;
  if (me.steppedOut) return { key: 'steppedOut' };
  const side = me.sideRoom;
  if (view.pause && !side && !me.isFacilitator) return { key: 'paused' };
  if (!micOn) return { key: 'micOff' };
  if (side) {
    if (me.isFacilitator) return { key: 'privateRoom' };
    // A participant's view does not list who else is in their side room; the media room does.
    const role = (id: string) => view.members.find((m) => m.id === id)?.role;
    const participants = others.filter((id) => {
      const r = role(id);
      return r !== undefined && !isFacilitatorRole(r);
    });
    if (participants.length > 0) return { key: 'privateRoom' };
    const count = side.facilitatorNames.length;
    return count > 0 ? { key: 'facilitators', count } : { key: 'alone' };
  }
  if (view.pause) return { key: 'pausedFacilitator' };
  return { key: view.privateConversation ? 'mainRoom' : 'everyone' };
}

/**
 * "Who can hear me", always in words beside the person's own controls: not knowing who is
 * listening is what people fear most in a video mediation. A polite status line, no sound.
 */
export function WhoCanHear({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const call = useCall();
  useCallVersion(call);
  const others = Array.from(call.room?.remoteParticipants.values() ?? [], (p) => p.identity);
  const hearing = whoCanHear(view, call.micOn, others);
  const heard = !['steppedOut', 'paused', 'micOff', 'alone'].includes(hearing.key);
  const text =
    hearing.key === 'facilitators'
      ? t('hear.facilitators', { count: hearing.count })
      : t(`hear.${hearing.key}`);
  return (
    <p
      className="who-can-hear"
      role="status"
      data-testid="who-can-hear"
      data-heard={heard ? 'yes' : 'no'}
    >
      {text}
    </p>
  );
}
