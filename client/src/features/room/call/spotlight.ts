import type { RoomView } from '../../../../../shared/room/views';

/**
 * Who has a tile on the stage, of those in this call: everyone but captioners, who never send
 * picture or sound (issue 17) and would only be an empty tile; they are listed under People.
 */
export function onStage(view: RoomView, inCall: readonly string[]): string[] {
  const captioners = new Set(view.members.filter((m) => m.role === 'captioner').map((m) => m.id));
  return inCall.filter((id) => !captioners.has(id));
}

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

/**
 * The interpreter pinned large beside the speaker on this person's stage (issue 17, A11Y-2,
 * FAC-12): for the person interpreted for, their own interpreter; for a facilitator, the
 * interpreter of whoever holds the floor (else the first one linked), so they can follow what is
 * being interpreted. Everyone else sees interpreters as ordinary tiles. A sign-language
 * interpreter is preferred to a spoken one: it must be seen to be understood. Null: nobody pinned.
 */
export function pinnedInterpreterId(view: RoomView, inCall: readonly string[]): string | null {
  const present = new Set(inCall);
  const linked = view.members.filter(
    (m) => m.interpretsFor && m.id !== view.me.id && present.has(m.id),
  );
  const signFirst = (list: typeof linked) =>
    list.find((m) => m.interpretsFor?.mode === 'sign') ?? list[0];
  const mine = linked.filter((m) => m.interpretsFor?.memberId === view.me.id);
  if (mine.length > 0) return signFirst(mine)!.id;
  if (!view.me.isFacilitator || linked.length === 0) return null;
  const byId = new Map(view.members.map((m) => [m.id, m]));
  const holding = linked.filter((m) => byId.get(m.interpretsFor!.memberId)?.hasFloor);
  return (signFirst(holding) ?? signFirst(linked))!.id;
}

/** Columns of the even grid for `count` tiles (the stage is wider than tall on a laptop). */
export function gridColumns(count: number): number {
  if (count <= 1) return 1;
  if (count <= 4) return 2;
  if (count <= 9) return 3;
  return 4;
}
