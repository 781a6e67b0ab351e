import type { Language } from '../../../shared/i18n/languages';
import type { PersonDto } from '../../../shared/protocol/http';
import type { InterpreterLink, InterpretingMode } from '../../../shared/room/interpreters/mode';
import type { Party, Role } from '../../../shared/room/roles';
import type { CaseStore } from './ports';

/** A person's row as both stores (SQLite and PostgreSQL) hold it. */
export interface PersonRow {
  id: string;
  case_id: string;
  display_name: string;
  party: Party;
  role: Role;
  language: Language;
  interprets_for: string | null;
  interpret_mode: InterpretingMode | null;
}

export const toPerson = (r: PersonRow): PersonDto => ({
  id: r.id,
  displayName: r.display_name,
  party: r.party,
  role: r.role,
  language: r.language,
  ...(r.interprets_for && r.interpret_mode
    ? { interpretsFor: { memberId: r.interprets_for, mode: r.interpret_mode } }
    : {}),
});

/** An interpreter's link as the two columns `interprets_for, interpret_mode` (null, null: none). */
export const linkValues = (
  link: InterpreterLink | null | undefined,
): [string | null, InterpretingMode | null] => [link?.memberId ?? null, link?.mode ?? null];

/**
 * A new person as the values of `INSERT INTO people (id, case_id, display_name, party, role,
 * language, interprets_for, interpret_mode, created_at)`, in that order.
 */
export const personValues = (p: Parameters<CaseStore['insertPerson']>[0]) => [
  p.id,
  p.caseId,
  p.displayName,
  p.party,
  p.role,
  p.language ?? 'en',
  ...linkValues(p.interpretsFor),
  p.now,
];
