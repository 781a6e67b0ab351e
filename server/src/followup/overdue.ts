import type { BoardItem } from '../../../shared/room/board';
import { summaryItems } from '../../../shared/room/board/summary';
import type { Member, RoomState } from '../../../shared/room/state';

/**
 * Follow-up dates are days of the case's own time zone (issue 16): an item due on the 3rd is late
 * from the 4th there, not from midnight UTC.
 */

/** Today's date (YYYY-MM-DD) in `timeZone` at `now`. */
export function todayIn(timeZone: string, now: number): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(now));
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An agreed item is late once its due day has passed and it is neither done nor not possible. */
export function isLate(item: BoardItem, today: string): boolean {
  return (
    item.fields.dueDate !== null &&
    item.fields.dueDate < today &&
    item.followUp.status !== 'done' &&
    item.followUp.status !== 'not_possible'
  );
}

/**
 * The late agreed items of one meeting (finalised boards only), optionally only those `viewer`
 * may see.
 */
export function lateItems(state: RoomState, today: string, viewer?: Member): BoardItem[] {
  if (state.board.finalisedAt === null) return [];
  return summaryItems(state, viewer).filter((i) => isLate(i, today));
}
