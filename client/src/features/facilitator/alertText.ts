import type { FacilitatorAlert } from '../../../../shared/room/state';
import type { RoomView } from '../../../../shared/room/views';

/** The i18n keys an alert can be shown with: its kind, or "stepped out, and is back". */
export type AlertTextKey = FacilitatorAlert['kind'] | 'stepped-out-back';

/**
 * Which words a facilitator's alert is shown with. The room core keeps a "stepped out" alert
 * until it is marked as seen, and says nothing when the person steps back in; so the view decides:
 * once that person is in the room again (present and no longer stepped out), the same alert reads
 * "… is back" instead of leaving a stale "stepped out" on the facilitator's screen.
 */
export function alertTextKey(view: RoomView, alert: FacilitatorAlert): AlertTextKey {
  if (alert.kind !== 'stepped-out' || !alert.memberId) return alert.kind;
  const member = view.members.find((m) => m.id === alert.memberId);
  return member && !member.steppedOut ? 'stepped-out-back' : alert.kind;
}
