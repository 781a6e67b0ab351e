import type { Member, RoomState } from '../state';
import type { InterpreterLink } from './mode';

export * from './mode';

/** The interpreter's link (null when unlinked, or for a snapshot written before links). */
export function linkOf(m: Member): InterpreterLink | null {
  return m.interpretsFor ?? null;
}

/** The party an interpreter stands with: their person's (null: unlinked, or person unknown). */
export function interpretedParty(s: RoomState, m: Member): Member['party'] | null {
  const link = linkOf(m);
  if (!link) return null;
  return s.members[link.memberId]?.party ?? null;
}

/** Interpreters linked to this person, in the meeting's order. */
export function interpretersOf(s: RoomState, memberId: string): Member[] {
  const out: Member[] = [];
  for (const id of s.memberOrder) {
    const m = s.members[id];
    if (m && m.role === 'interpreter' && linkOf(m)?.memberId === memberId) out.push(m);
  }
  return out;
}
