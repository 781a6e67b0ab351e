import type { RoomView } from '../../../../../shared/room/views';

/**
 * Who is shown large on the stage: the first person holding the floor who is in this call and is
 * not me (the speaker, when a party or person has the floor). Nobody (an even grid) when the
 * facilitator holds it, in open discussion, or when only I hold it: whoever speaks looks at the
 * people listening, not at themselves. Follows the floor, never the loudest voice, so the stage
 * does not jump about.
 */
export function spotlightId(view: RoomView, inCall: readonly string[]): string | null {
  const present = new Set(inCall);
  const holder = view.members.find((m) => m.hasFloor && m.id !== view.me.id && present.has(m.id));
  return holder?.id ?? null;
}

/** Columns of the even grid for `count` tiles (the stage is wider than tall on a laptop). */
export function gridColumns(count: number): number {
  if (count <= 1) return 1;
  if (count <= 4) return 2;
  if (count <= 9) return 3;
  return 4;
}
