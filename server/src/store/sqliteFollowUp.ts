import type { Db } from './db';
import type { CaseRow, FollowUpStore, Synchronous } from './ports';

/** Each case's time zone, and the open cases of a facilitator (issue 16). */
export function createSqliteFollowUp(db: Db): Synchronous<FollowUpStore> {
  const q = {
    timeZone: db.prepare('SELECT time_zone FROM cases WHERE id = ?'),
    setTimeZone: db.prepare('UPDATE cases SET time_zone = ? WHERE id = ?'),
    openCases: db.prepare(
      `SELECT * FROM cases WHERE closed_at IS NULL AND (owner_id = @id
         OR id IN (SELECT case_id FROM case_facilitators WHERE facilitator_id = @id))
       ORDER BY created_at DESC`,
    ),
  };
  return {
    caseTimeZone: (caseId) =>
      (q.timeZone.get(caseId) as { time_zone: string } | undefined)?.time_zone ?? 'UTC',
    setCaseTimeZone: (caseId, timeZone) => q.setTimeZone.run(timeZone, caseId),
    openCasesForFacilitator: (id) => q.openCases.all({ id }) as CaseRow[],
  };
}
