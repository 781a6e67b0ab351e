import type { Db } from './db';
import type { InviteRow, InviteStore, Synchronous } from './ports';

/** Personal meeting links in SQLite (prepared statements). */
export function createSqliteInvites(db: Db): Synchronous<InviteStore> {
  const q = {
    insertInvite: db.prepare(
      'INSERT INTO invites (id, meeting_id, person_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    inviteById: db.prepare('SELECT * FROM invites WHERE id = ?'),
    invitesByCase: db.prepare(
      'SELECT i.* FROM invites i JOIN meetings m ON m.id = i.meeting_id WHERE m.case_id = ? ORDER BY i.created_at',
    ),
    revokeInvite: db.prepare(
      'UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    ),
    liveInvitesOf: db.prepare(
      'SELECT id FROM invites WHERE meeting_id = ? AND person_id = ? AND revoked_at IS NULL AND id != ?',
    ),
  };

  return {
    insertInvite: (i) => q.insertInvite.run(i.id, i.meetingId, i.personId, i.now, i.expiresAt),
    inviteById: (id) => q.inviteById.get(id) as InviteRow | undefined,
    invitesByCase: (caseId) => q.invitesByCase.all(caseId) as InviteRow[],
    revokeInvite: (id, now) => q.revokeInvite.run(now, id),
    revokeOtherInvites: db.transaction(
      (meetingId: string, personId: string, keepId: string, now: number): string[] => {
        const ids = (q.liveInvitesOf.all(meetingId, personId, keepId) as { id: string }[]).map(
          (r) => r.id,
        );
        for (const id of ids) q.revokeInvite.run(now, id);
        return ids;
      },
    ),
  };
}
