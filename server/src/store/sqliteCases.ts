import type { RoomState } from '../../../shared/room/state';
import type { Db } from './db';
import { linkValues, personValues, toPerson, type PersonRow } from './personRows';
import type { CaseRow, CaseStore, FacilitatorSummary, Synchronous } from './ports';

/** Cases, their people and assigned facilitators in SQLite (prepared statements). */
export function createSqliteCases(db: Db): Synchronous<CaseStore> {
  const q = {
    insertCase: db.prepare(
      'INSERT INTO cases (id, owner_id, title, created_at) VALUES (?, ?, ?, ?)',
    ),
    caseById: db.prepare('SELECT * FROM cases WHERE id = ?'),
    casesByOwner: db.prepare('SELECT * FROM cases WHERE owner_id = ? ORDER BY created_at DESC'),
    closeCase: db.prepare('UPDATE cases SET closed_at = ? WHERE id = ?'),
    casesForFacilitator: db.prepare(
      `SELECT * FROM cases WHERE owner_id = @id
         OR id IN (SELECT case_id FROM case_facilitators WHERE facilitator_id = @id)
       ORDER BY created_at DESC`,
    ),
    setCaseOwner: db.prepare('UPDATE cases SET owner_id = ? WHERE id = ?'),
    assignFacilitator: db.prepare(
      'INSERT OR IGNORE INTO case_facilitators (case_id, facilitator_id, created_at) VALUES (?, ?, ?)',
    ),
    unassignFacilitator: db.prepare(
      'DELETE FROM case_facilitators WHERE case_id = ? AND facilitator_id = ?',
    ),
    isAssigned: db.prepare(
      'SELECT 1 AS ok FROM case_facilitators WHERE case_id = ? AND facilitator_id = ?',
    ),
    facilitatorsByCase: db.prepare(
      `SELECT f.id, f.email, f.name FROM case_facilitators cf JOIN facilitators f ON f.id = cf.facilitator_id
       WHERE cf.case_id = ? ORDER BY cf.created_at, f.name`,
    ),
    insertPerson: db.prepare(
      'INSERT INTO people (id, case_id, display_name, party, role, language, interprets_for, interpret_mode, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    setPersonLanguage: db.prepare('UPDATE people SET language = ? WHERE id = ?'),
    setInterpreterLink: db.prepare(
      'UPDATE people SET interprets_for = ?, interpret_mode = ? WHERE id = ?',
    ),
    peopleByCase: db.prepare('SELECT * FROM people WHERE case_id = ? ORDER BY created_at, rowid'),
    personById: db.prepare('SELECT * FROM people WHERE id = ?'),
    snapshotsByCase: db.prepare(
      'SELECT s.state_json FROM room_snapshots s JOIN meetings m ON m.id = s.meeting_id WHERE m.case_id = ?',
    ),
  };

  return {
    insertCase: (id, ownerId, title, now) => q.insertCase.run(id, ownerId, title, now),
    caseById: (id) => q.caseById.get(id) as CaseRow | undefined,
    casesByOwner: (ownerId) => q.casesByOwner.all(ownerId) as CaseRow[],
    closeCase: (id, now) => q.closeCase.run(now, id),
    casesForFacilitator: (facilitatorId) =>
      q.casesForFacilitator.all({ id: facilitatorId }) as CaseRow[],
    assignFacilitator: (caseId, facilitatorId, now) =>
      q.assignFacilitator.run(caseId, facilitatorId, now),
    unassignFacilitator: (caseId, facilitatorId) =>
      q.unassignFacilitator.run(caseId, facilitatorId),
    isAssigned: (caseId, facilitatorId) => q.isAssigned.get(caseId, facilitatorId) !== undefined,
    facilitatorsByCase: (caseId) => q.facilitatorsByCase.all(caseId) as FacilitatorSummary[],
    handOverCase: db.transaction((caseId: string, fromId: string, toId: string, now: number) => {
      q.unassignFacilitator.run(caseId, toId);
      q.setCaseOwner.run(toId, caseId);
      q.assignFacilitator.run(caseId, fromId, now);
    }),
    insertPerson: (p) => q.insertPerson.run(...personValues(p)),
    setPersonLanguage: (id, language) => q.setPersonLanguage.run(language, id),
    setInterpreterLink: (id, link) => q.setInterpreterLink.run(...linkValues(link), id),
    peopleByCase: (caseId) => (q.peopleByCase.all(caseId) as PersonRow[]).map(toPerson),
    personById: (id) => {
      const r = q.personById.get(id) as PersonRow | undefined;
      return r ? { ...toPerson(r), caseId: r.case_id } : undefined;
    },
    snapshotsByCase: (caseId) =>
      (q.snapshotsByCase.all(caseId) as { state_json: string }[]).map(
        (r) => JSON.parse(r.state_json) as RoomState,
      ),
  };
}
