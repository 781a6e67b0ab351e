import type { TFunction } from 'i18next';
import type { RoomView } from '../../../../shared/room/views';
import { holderLabel } from '../../lib/labels';

/** True when the viewer is (part of) the floor holder. */
export function iHoldTheFloor(view: RoomView): boolean {
  return view.members.find((m) => m.id === view.me.id)?.hasFloor ?? false;
}

/**
 * The one-line floor status everyone sees and hears. `short`: on a phone the holder's own line
 * leaves out "Unmute when you are ready" (the bar and the prompt on the stage say it).
 */
export function floorStatus(t: TFunction, view: RoomView, short = false): string {
  const h = view.floor.holder;
  if (view.status !== 'live') return t('floor.notStarted');
  if (view.pause) return t('floor.paused');
  if (view.floor.open) return t('floor.open');
  // Handed back (Pass, I'm done): nobody holds the floor until a facilitator gives it.
  if (!h) return view.floor.handedBack ? t('floor.handedBack') : t('floor.facilitators');
  if (iHoldTheFloor(view)) return short ? t('floor.youHaveItShort') : t('floor.youHaveIt');
  return t('floor.nowSpeaking', { name: holderLabel(t, view, h) });
}
