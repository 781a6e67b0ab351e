import type { Role } from '../roles';

// The link's data and the rules on it that need no room state: imported by the state itself
// (state.ts), the protocol's schemas and the HTTP API without an import circle.

/** How an interpreter works: spoken language, or sign language (needs to be seen, large). */
export const INTERPRETING_MODES = ['spoken', 'sign'] as const;
export type InterpretingMode = (typeof INTERPRETING_MODES)[number];

/**
 * Whom an interpreter interprets for (A11Y-2, FAC-12): one person of the meeting, whose party the
 * interpreter then stands with during a protected floor and in private conversations. Not private:
 * everyone in the room may know whom an interpreter is there for.
 */
export interface InterpreterLink {
  memberId: string;
  mode: InterpretingMode;
}

/**
 * Someone an interpreter may be linked to: a person of this meeting who is neither a facilitator
 * (they lead the room, nobody interprets only for them) nor an interpreter.
 */
export function canBeInterpretedFor(t: { role: Role }): boolean {
  return t.role !== 'facilitator' && t.role !== 'cofacilitator' && t.role !== 'interpreter';
}

/**
 * A link as a new member brings it (from the case's person), kept only when it points to someone
 * of this meeting who may be interpreted for and the member is an interpreter: a preparation
 * meeting may hold the interpreter without their person.
 */
export function keptLink(
  members: Record<string, { role: Role }>,
  m: { role: Role; interpretsFor?: InterpreterLink | null },
): InterpreterLink | null {
  const link = m.interpretsFor ?? null;
  if (!link || m.role !== 'interpreter') return null;
  const t = members[link.memberId];
  if (!t || !canBeInterpretedFor(t)) return null;
  return { memberId: link.memberId, mode: link.mode };
}
