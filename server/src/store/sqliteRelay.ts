import type { Db } from './db';
import type { RelayMessageRow, RelayStore, Synchronous } from './ports';

/** The written exchange in SQLite; rows go with their case (foreign keys cascade). */
export function createSqliteRelay(db: Db): Synchronous<RelayStore> {
  const q = {
    open: db.prepare('SELECT relay_open FROM cases WHERE id = ?'),
    setOpen: db.prepare('UPDATE cases SET relay_open = ? WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO relay_messages (id, case_id, person_id, from_party, body, status, created_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
    ),
    byCase: db.prepare('SELECT * FROM relay_messages WHERE case_id = ? ORDER BY created_at, rowid'),
    byId: db.prepare('SELECT * FROM relay_messages WHERE id = ?'),
    decide: db.prepare(
      `UPDATE relay_messages SET status = ?, note = ?, decided_at = ?
       WHERE id = ? AND status = 'pending'`,
    ),
  };
  return {
    relayOpen: (caseId) =>
      (q.open.get(caseId) as { relay_open: number } | undefined)?.relay_open === 1,
    setRelayOpen: (caseId, open) => q.setOpen.run(open ? 1 : 0, caseId),
    insertRelayMessage: (m) => q.insert.run(m.id, m.caseId, m.personId, m.fromParty, m.body, m.now),
    relayMessages: (caseId) => q.byCase.all(caseId) as RelayMessageRow[],
    relayMessageById: (id) => q.byId.get(id) as RelayMessageRow | undefined,
    decideRelayMessage: (id, status, note, now) =>
      q.decide.run(status, note, now, id).changes === 1,
  };
}
