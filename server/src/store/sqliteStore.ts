import { COMMIT_SQL } from './commitSql';
import type { Db } from './db';
import {
  promised,
  type AuditRow,
  type AuditStore,
  type RetentionStore,
  type Store,
  type Synchronous,
} from './ports';
import { createSqliteAccounts } from './sqliteAccounts';
import { createSqliteFeedback } from './sqliteFeedback';
import { createSqliteFollowUp } from './sqliteFollowUp';
import { createSqliteNotifications } from './sqliteNotifications';
import { createSqliteRelay } from './sqliteRelay';
import { createSqliteCases } from './sqliteCases';
import { createSqliteInvites } from './sqliteInvites';
import { createSqliteMeetings } from './sqliteMeetings';
import { createSqliteMeetingMembers, createSqlitePrep } from './sqlitePrep';

/** The audit log in SQLite: content-free rows (who by role, what, when). */
function createSqliteAudit(db: Db): Synchronous<AuditStore> {
  const insert = db.prepare(COMMIT_SQL.audit);
  const byMeeting = db.prepare(
    'SELECT at, event, actor_id, actor_role FROM audit WHERE meeting_id = ? ORDER BY id',
  );
  return {
    audit: (meetingId, now, event, actorId, actorRole) =>
      insert.run(meetingId, now, event, actorId, actorRole),
    auditByMeeting: (meetingId) => byMeeting.all(meetingId) as AuditRow[],
  };
}

/**
 * The retention purge in SQLite: closed cases with all they hold (foreign keys cascade), and what
 * is not a case (issue 12): audit rows, expired sessions, expired or withdrawn invites.
 */
function createSqliteRetention(db: Db): Synchronous<RetentionStore> {
  const q = {
    closedBefore: db.prepare('SELECT id FROM cases WHERE closed_at IS NOT NULL AND closed_at < ?'),
    meetingIdsOf: db.prepare('SELECT id FROM meetings WHERE case_id = ?'),
    deleteCase: db.prepare('DELETE FROM cases WHERE id = ?'),
    deleteAudit: db.prepare('DELETE FROM audit WHERE at < ?'),
    deleteSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    // A link whose meeting ended stays while its case is open: it is the follow-up (issue 16).
    deleteInvites: db.prepare(
      `DELETE FROM invites WHERE (expires_at < ? AND NOT EXISTS (
         SELECT 1 FROM meetings m JOIN cases c ON c.id = m.case_id
         WHERE m.id = invites.meeting_id AND m.status = 'ended' AND c.closed_at IS NULL))
       OR (revoked_at IS NOT NULL AND revoked_at < ?)`,
    ),
  };
  return {
    purgeClosedBefore: db.transaction((cutoff: number) => {
      const ids = (q.closedBefore.all(cutoff) as { id: string }[]).map((r) => r.id);
      const meetingIds = ids.flatMap((id) =>
        (q.meetingIdsOf.all(id) as { id: string }[]).map((m) => m.id),
      );
      for (const id of ids) q.deleteCase.run(id);
      return { caseIds: ids, meetingIds };
    }),
    purgeRecords: db.transaction((cutoff: number, now: number) => ({
      audit: q.deleteAudit.run(cutoff).changes,
      sessions: q.deleteSessions.run(now).changes,
      invites: q.deleteInvites.run(cutoff, cutoff).changes,
    })),
  };
}

/**
 * The whole store on one SQLite connection (the app's main one, synchronous=FULL). Accepted room
 * commands are written by the command log (commandLog.ts) on its own connection instead.
 */
export function createSqliteStore(db: Db): Store {
  return promised<Store>({
    ...createSqliteAccounts(db),
    ...createSqliteCases(db),
    ...createSqliteMeetings(db),
    ...createSqliteInvites(db),
    ...createSqliteAudit(db),
    ...createSqliteRetention(db),
    ...createSqliteMeetingMembers(db),
    ...createSqlitePrep(db),
    ...createSqliteFollowUp(db),
    ...createSqliteRelay(db),
    ...createSqliteFeedback(db),
    ...createSqliteNotifications(db),
  });
}
