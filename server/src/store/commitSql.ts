import { linkValues } from './personRows';
import type { CommitRecord } from './ports';

/**
 * The statements an accepted command writes, prepared by the command log (commandLog.ts) on its
 * own connection; the main connection uses the snapshot, status and audit ones for the rows it
 * writes itself (a new meeting's first snapshot, facilitator actions).
 */
export const COMMIT_SQL = {
  command:
    'INSERT INTO room_commands (meeting_id, version, client_id, type, at) VALUES (?, ?, ?, ?, ?)',
  snapshot: `INSERT INTO room_snapshots (meeting_id, version, state_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(meeting_id) DO UPDATE SET version = excluded.version, state_json = excluded.state_json, updated_at = excluded.updated_at`,
  status: 'UPDATE meetings SET status = ? WHERE id = ?',
  audit: 'INSERT INTO audit (meeting_id, at, event, actor_id, actor_role) VALUES (?, ?, ?, ?, ?)',
  /**
   * A safety plan is for one meeting (research/domain.md PRE-8: deleted after it): when a joint or
   * follow-up meeting ends, its members' plans go, in the transaction that ends it. A preparation
   * meeting's end keeps them: the plan is made during preparation, for the meeting to come.
   */
  /** A person turned away at the lobby loses their links to the meeting (ports.ts). */
  withdrawLinks:
    'UPDATE invites SET revoked_at = ? WHERE meeting_id = ? AND person_id = ? AND revoked_at IS NULL',
  /** An interpreter's link changed in the room is theirs on the case too (ports.ts). */
  interpreterLink: 'UPDATE people SET interprets_for = ?, interpret_mode = ? WHERE id = ?',
  endSafety: `DELETE FROM safety_plans WHERE person_id IN (SELECT person_id FROM meeting_members WHERE meeting_id = ?)
       AND EXISTS (SELECT 1 FROM meetings WHERE id = ? AND kind != 'prep')`,
} as const;

type SqlValue = string | number | null;

/** A CommitRecord as the parameters of COMMIT_SQL (`status`: null when it did not change). */
export interface CommitRows {
  command: SqlValue[];
  snapshot: SqlValue[];
  status: SqlValue[] | null;
  /** Only when the command ends the meeting. */
  endSafety: SqlValue[] | null;
  interpreterLinks: SqlValue[][];
  withdrawLinks: SqlValue[][];
  audit: SqlValue[][];
}

export function toCommitRows(r: CommitRecord): CommitRows {
  return {
    command: [r.meetingId, r.state.version, r.clientId, r.type, r.now],
    snapshot: [r.meetingId, r.state.version, JSON.stringify(r.state), r.now],
    status: r.status ? [r.status, r.meetingId] : null,
    endSafety: r.status === 'ended' ? [r.meetingId, r.meetingId] : null,
    withdrawLinks: (r.withdrawLinksOf ?? []).map((personId) => [r.now, r.meetingId, personId]),
    interpreterLinks: (r.interpreterLinks ?? []).map((l) => [
      ...linkValues(l.interpretsFor),
      l.personId,
    ]),
    audit: r.audit.map((a) => [r.meetingId, r.now, a.event, a.actorId, a.actorRole]),
  };
}
