import type { MeetingDto, PersonDto } from '../../../shared/protocol/http';
import type { Party, Role } from '../../../shared/room/roles';
import type { RoomState } from '../../../shared/room/state';
import type { Db } from './db';

export interface FacilitatorRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
  failed_logins: number;
  locked_until: number;
}

/** A facilitator account as others may see it. */
export interface FacilitatorSummary {
  id: string;
  email: string;
  name: string;
}

export interface CaseRow {
  id: string;
  owner_id: string;
  title: string;
  created_at: number;
  closed_at: number | null;
}

/** One accepted command, as written before it is acknowledged. */
export interface CommitRecord {
  meetingId: string;
  state: RoomState;
  clientId: string | null;
  type: string;
  now: number;
  audit: { event: string; actorId: string | null; actorRole: string | null }[];
}

/**
 * The three statements an accepted command writes, prepared by the command log (commandLog.ts) on
 * its own connection; the main connection uses the snapshot and audit ones for the rows it writes
 * itself (a new meeting's first snapshot, facilitator actions).
 */
export const COMMIT_SQL = {
  command:
    'INSERT INTO room_commands (meeting_id, version, client_id, type, at) VALUES (?, ?, ?, ?, ?)',
  snapshot: `INSERT INTO room_snapshots (meeting_id, version, state_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(meeting_id) DO UPDATE SET version = excluded.version, state_json = excluded.state_json, updated_at = excluded.updated_at`,
  audit: 'INSERT INTO audit (meeting_id, at, event, actor_id, actor_role) VALUES (?, ?, ?, ?, ?)',
} as const;

type SqlValue = string | number | null;

/** A CommitRecord as the parameters of COMMIT_SQL. */
export interface CommitRows {
  command: SqlValue[];
  snapshot: SqlValue[];
  audit: SqlValue[][];
}

export function toCommitRows(r: CommitRecord): CommitRows {
  return {
    command: [r.meetingId, r.state.version, r.clientId, r.type, r.now],
    snapshot: [r.meetingId, r.state.version, JSON.stringify(r.state), r.now],
    audit: r.audit.map((a) => [r.meetingId, r.now, a.event, a.actorId, a.actorRole]),
  };
}

export interface InviteRow {
  id: string;
  meeting_id: string;
  person_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

interface MeetingRow {
  id: string;
  case_id: string;
  title: string;
  floor_mode: 'gentle' | 'protected';
  created_at: number;
  status: 'open' | 'live' | 'ended';
}

interface PersonRow {
  id: string;
  case_id: string;
  display_name: string;
  party: Party;
  role: Role;
}

const toPerson = (r: PersonRow): PersonDto => ({
  id: r.id,
  displayName: r.display_name,
  party: r.party,
  role: r.role,
});
const toMeeting = (r: MeetingRow): MeetingDto => ({
  id: r.id,
  caseId: r.case_id,
  title: r.title,
  createdAt: r.created_at,
  status: r.status,
});

/** All SQL in one place, with prepared statements. */
export function createRepo(db: Db) {
  const q = {
    facilitatorCount: db.prepare('SELECT COUNT(*) AS n FROM facilitators'),
    facilitatorByEmail: db.prepare('SELECT * FROM facilitators WHERE email = ?'),
    facilitatorById: db.prepare('SELECT * FROM facilitators WHERE id = ?'),
    insertFacilitator: db.prepare(
      'INSERT INTO facilitators (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    setLoginFailures: db.prepare(
      'UPDATE facilitators SET failed_logins = ?, locked_until = ? WHERE id = ?',
    ),
    insertSession: db.prepare(
      'INSERT INTO sessions (id, facilitator_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    sessionById: db.prepare('SELECT * FROM sessions WHERE id = ? AND expires_at > ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
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
    allFacilitators: db.prepare('SELECT id, email, name FROM facilitators ORDER BY name, email'),
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
    insertAccountInvite: db.prepare(
      'INSERT INTO account_invites (token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    useAccountInvite: db.prepare(
      'UPDATE account_invites SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
    ),
    insertPerson: db.prepare(
      'INSERT INTO people (id, case_id, display_name, party, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    peopleByCase: db.prepare('SELECT * FROM people WHERE case_id = ? ORDER BY created_at, rowid'),
    personById: db.prepare('SELECT * FROM people WHERE id = ?'),
    insertMeeting: db.prepare(
      'INSERT INTO meetings (id, case_id, title, floor_mode, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    meetingById: db.prepare('SELECT * FROM meetings WHERE id = ?'),
    meetingsByCase: db.prepare(
      'SELECT * FROM meetings WHERE case_id = ? ORDER BY created_at, rowid',
    ),
    setMeetingStatus: db.prepare('UPDATE meetings SET status = ? WHERE id = ?'),
    liveMeetings: db.prepare("SELECT id FROM meetings WHERE status != 'ended'"),
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
    snapshot: db.prepare('SELECT version, state_json FROM room_snapshots WHERE meeting_id = ?'),
    upsertSnapshot: db.prepare(COMMIT_SQL.snapshot),
    recentClientIds: db.prepare(
      'SELECT client_id, version FROM room_commands WHERE meeting_id = ? AND client_id IS NOT NULL ORDER BY version DESC LIMIT ?',
    ),
    insertAudit: db.prepare(COMMIT_SQL.audit),
    auditByMeeting: db.prepare(
      'SELECT at, event, actor_id, actor_role FROM audit WHERE meeting_id = ? ORDER BY id',
    ),
    closedBefore: db.prepare('SELECT id FROM cases WHERE closed_at IS NOT NULL AND closed_at < ?'),
    deleteCase: db.prepare('DELETE FROM cases WHERE id = ?'),
    snapshotsByCase: db.prepare(
      'SELECT s.state_json FROM room_snapshots s JOIN meetings m ON m.id = s.meeting_id WHERE m.case_id = ?',
    ),
  };

  return {
    db,
    facilitatorCount: () => (q.facilitatorCount.get() as { n: number }).n,
    facilitatorByEmail: (email: string) =>
      q.facilitatorByEmail.get(email) as FacilitatorRow | undefined,
    facilitatorById: (id: string) => q.facilitatorById.get(id) as FacilitatorRow | undefined,
    insertFacilitator: (f: {
      id: string;
      email: string;
      name: string;
      passwordHash: string;
      now: number;
    }) => q.insertFacilitator.run(f.id, f.email, f.name, f.passwordHash, f.now),
    setLoginFailures: (id: string, failures: number, lockedUntil: number) =>
      q.setLoginFailures.run(failures, lockedUntil, id),
    insertSession: (id: string, facilitatorId: string, now: number, expiresAt: number) =>
      q.insertSession.run(id, facilitatorId, now, expiresAt),
    sessionById: (id: string, now: number) =>
      q.sessionById.get(id, now) as { id: string; facilitator_id: string } | undefined,
    deleteSession: (id: string) => q.deleteSession.run(id),
    insertCase: (id: string, ownerId: string, title: string, now: number) =>
      q.insertCase.run(id, ownerId, title, now),
    caseById: (id: string) => q.caseById.get(id) as CaseRow | undefined,
    casesByOwner: (ownerId: string) => q.casesByOwner.all(ownerId) as CaseRow[],
    closeCase: (id: string, now: number) => q.closeCase.run(now, id),
    /** Cases a facilitator leads or is assigned to, newest first. */
    casesForFacilitator: (facilitatorId: string) =>
      q.casesForFacilitator.all({ id: facilitatorId }) as CaseRow[],
    /** Every facilitator account (no password data): whom a lead may assign. */
    allFacilitators: () => q.allFacilitators.all() as FacilitatorSummary[],
    /** Assigns a facilitator account to a case as a co-facilitator (idempotent). */
    assignFacilitator: (caseId: string, facilitatorId: string, now: number) =>
      q.assignFacilitator.run(caseId, facilitatorId, now),
    unassignFacilitator: (caseId: string, facilitatorId: string) =>
      q.unassignFacilitator.run(caseId, facilitatorId),
    isAssigned: (caseId: string, facilitatorId: string) =>
      q.isAssigned.get(caseId, facilitatorId) !== undefined,
    facilitatorsByCase: (caseId: string) =>
      q.facilitatorsByCase.all(caseId) as FacilitatorSummary[],
    /**
     * Hands a case to one of its assigned facilitators: they become the owner and the old owner
     * becomes assigned, in one transaction.
     */
    handOverCase: db.transaction((caseId: string, fromId: string, toId: string, now: number) => {
      q.unassignFacilitator.run(caseId, toId);
      q.setCaseOwner.run(toId, caseId);
      q.assignFacilitator.run(caseId, fromId, now);
    }),
    /** Stores a colleague's one-time account set-up link, by the hash of its token only. */
    insertAccountInvite: (tokenHash: string, createdBy: string, now: number, expiresAt: number) =>
      q.insertAccountInvite.run(tokenHash, createdBy, now, expiresAt),
    /**
     * Uses a set-up link and creates the account in one transaction: false (and nothing written)
     * when the link is unknown, used or expired.
     */
    redeemAccountInvite: db.transaction(
      (
        tokenHash: string,
        f: { id: string; email: string; name: string; passwordHash: string; now: number },
      ): boolean => {
        if (q.useAccountInvite.run(f.now, tokenHash, f.now).changes !== 1) return false;
        q.insertFacilitator.run(f.id, f.email, f.name, f.passwordHash, f.now);
        return true;
      },
    ),
    insertPerson: (p: {
      id: string;
      caseId: string;
      displayName: string;
      party: Party;
      role: Role;
      now: number;
    }) => q.insertPerson.run(p.id, p.caseId, p.displayName, p.party, p.role, p.now),
    peopleByCase: (caseId: string) => (q.peopleByCase.all(caseId) as PersonRow[]).map(toPerson),
    personById: (id: string) => {
      const r = q.personById.get(id) as PersonRow | undefined;
      return r ? { ...toPerson(r), caseId: r.case_id } : undefined;
    },
    insertMeeting: (m: {
      id: string;
      caseId: string;
      title: string;
      floorMode: string;
      now: number;
    }) => q.insertMeeting.run(m.id, m.caseId, m.title, m.floorMode, m.now),
    meetingById: (id: string) => {
      const r = q.meetingById.get(id) as MeetingRow | undefined;
      return r ? { ...toMeeting(r), floorMode: r.floor_mode } : undefined;
    },
    meetingsByCase: (caseId: string) =>
      (q.meetingsByCase.all(caseId) as MeetingRow[]).map(toMeeting),
    setMeetingStatus: (id: string, status: string) => q.setMeetingStatus.run(status, id),
    liveMeetingIds: () => (q.liveMeetings.all() as { id: string }[]).map((r) => r.id),
    insertInvite: (i: {
      id: string;
      meetingId: string;
      personId: string;
      now: number;
      expiresAt: number;
    }) => q.insertInvite.run(i.id, i.meetingId, i.personId, i.now, i.expiresAt),
    inviteById: (id: string) => q.inviteById.get(id) as InviteRow | undefined,
    invitesByCase: (caseId: string) => q.invitesByCase.all(caseId) as InviteRow[],
    revokeInvite: (id: string, now: number) => q.revokeInvite.run(now, id),
    loadSnapshot: (meetingId: string): RoomState | undefined => {
      const r = q.snapshot.get(meetingId) as { version: number; state_json: string } | undefined;
      return r ? (JSON.parse(r.state_json) as RoomState) : undefined;
    },
    saveSnapshot: (state: RoomState, now: number) =>
      q.upsertSnapshot.run(state.meetingId, state.version, JSON.stringify(state), now),
    /** The client command ids of a meeting's latest `limit` commands, oldest first, with versions. */
    recentClientIds: (meetingId: string, limit: number): [string, number][] =>
      (q.recentClientIds.all(meetingId, limit) as { client_id: string; version: number }[])
        .reverse()
        .map((r) => [r.client_id, r.version]),
    audit: (
      meetingId: string | null,
      now: number,
      event: string,
      actorId: string | null,
      actorRole: string | null,
    ) => q.insertAudit.run(meetingId, now, event, actorId, actorRole),
    /** Every case closed before `cutoff`, with all it holds (people, meetings, invites, state). */
    purgeClosedBefore: db.transaction((cutoff: number) => {
      const ids = (q.closedBefore.all(cutoff) as { id: string }[]).map((r) => r.id);
      const meetingIds = ids.flatMap((id) =>
        (q.meetingsByCase.all(id) as MeetingRow[]).map((m) => m.id),
      );
      for (const id of ids) q.deleteCase.run(id);
      return { caseIds: ids, meetingIds };
    }),
    snapshotsByCase: (caseId: string) =>
      (q.snapshotsByCase.all(caseId) as { state_json: string }[]).map(
        (r) => JSON.parse(r.state_json) as RoomState,
      ),
    auditByMeeting: (meetingId: string) =>
      q.auditByMeeting.all(meetingId) as {
        at: number;
        event: string;
        actor_id: string | null;
        actor_role: string | null;
      }[],
    ...sessionAndRetentionMethods(db),
  };
}

/**
 * Invite revocation and the retention purge of what is not a case (issue 12): audit rows, expired
 * sessions, and invites that expired or were withdrawn longer ago than the retention.
 */
function sessionAndRetentionMethods(db: Db) {
  const q = {
    liveInvitesOf: db.prepare(
      'SELECT id FROM invites WHERE meeting_id = ? AND person_id = ? AND revoked_at IS NULL AND id != ?',
    ),
    revoke: db.prepare('UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    deleteAudit: db.prepare('DELETE FROM audit WHERE at < ?'),
    deleteSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    deleteInvites: db.prepare(
      'DELETE FROM invites WHERE expires_at < ? OR (revoked_at IS NOT NULL AND revoked_at < ?)',
    ),
  };
  return {
    /** Withdraws every live link of one person for one meeting except `keepId`; their ids. */
    revokeOtherInvites: db.transaction(
      (meetingId: string, personId: string, keepId: string, now: number): string[] => {
        const ids = (q.liveInvitesOf.all(meetingId, personId, keepId) as { id: string }[]).map(
          (r) => r.id,
        );
        for (const id of ids) q.revoke.run(now, id);
        return ids;
      },
    ),
    /**
     * Deletes audit rows older than `cutoff`, sessions expired by `now`, and invites that expired
     * or were withdrawn before `cutoff`; how many of each.
     */
    purgeRecords: db.transaction((cutoff: number, now: number) => ({
      audit: q.deleteAudit.run(cutoff).changes,
      sessions: q.deleteSessions.run(now).changes,
      invites: q.deleteInvites.run(cutoff, cutoff).changes,
    })),
  };
}

export type Repo = ReturnType<typeof createRepo>;
