import type { RoomState } from '../../../shared/room/state';
import { createPgAccounts, createPgCases } from './pgAccounts';
import { inTransaction, type PgPool } from './pgDb';
import {
  createPgFeedback,
  createPgFollowUp,
  createPgMeetingMembers,
  createPgNotifications,
  createPgPrep,
  createPgRelay,
} from './pgPrep';
import type {
  AuditRow,
  AuditStore,
  InviteRow,
  InviteStore,
  MeetingStore,
  RetentionStore,
  Store,
} from './ports';
import { toMeeting, type MeetingRow } from './meetingRows';

const MEETING_COLUMNS = 'id, case_id, title, floor_mode, created_at, status, kind';
const INVITE_COLUMNS = 'id, meeting_id, person_id, created_at, expires_at, revoked_at';

/** Meetings and their room snapshots in PostgreSQL. */
function createPgMeetings(pool: PgPool): MeetingStore {
  return {
    insertMeeting: async (m) => {
      await pool.query(
        'INSERT INTO meetings (id, case_id, title, floor_mode, created_at, kind) VALUES ($1, $2, $3, $4, $5, $6)',
        [m.id, m.caseId, m.title, m.floorMode, m.now, m.kind ?? 'joint'],
      );
    },
    meetingById: async (id) => {
      const r = (
        await pool.query<MeetingRow>(`SELECT ${MEETING_COLUMNS} FROM meetings WHERE id = $1`, [id])
      ).rows[0];
      return r ? { ...toMeeting(r), floorMode: r.floor_mode, kind: r.kind } : undefined;
    },
    meetingsByCase: async (caseId) =>
      (
        await pool.query<MeetingRow>(
          `SELECT ${MEETING_COLUMNS} FROM meetings WHERE case_id = $1 ORDER BY created_at, seq`,
          [caseId],
        )
      ).rows.map(toMeeting),
    liveMeetingIds: async () =>
      (
        await pool.query<{ id: string }>("SELECT id FROM meetings WHERE status != 'ended'")
      ).rows.map((r) => r.id),
    loadSnapshot: async (meetingId) => {
      const r = (
        await pool.query<{ state_json: string }>(
          'SELECT state_json FROM room_snapshots WHERE meeting_id = $1',
          [meetingId],
        )
      ).rows[0];
      return r ? (JSON.parse(r.state_json) as RoomState) : undefined;
    },
    saveSnapshot: (state, now) =>
      inTransaction(pool, async (c) => {
        await c.query(
          `INSERT INTO room_snapshots (meeting_id, version, state_json, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (meeting_id) DO UPDATE SET version = excluded.version, state_json = excluded.state_json, updated_at = excluded.updated_at`,
          [state.meetingId, state.version, JSON.stringify(state), now],
        );
        await c.query('UPDATE meetings SET status = $1 WHERE id = $2', [
          state.status,
          state.meetingId,
        ]);
      }),
  };
}

/** Personal meeting links in PostgreSQL. */
function createPgInvites(pool: PgPool): InviteStore {
  return {
    insertInvite: async (i) => {
      await pool.query(
        'INSERT INTO invites (id, meeting_id, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [i.id, i.meetingId, i.personId, i.now, i.expiresAt],
      );
    },
    inviteById: async (id) =>
      (await pool.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE id = $1`, [id]))
        .rows[0],
    invitesByCase: async (caseId) =>
      (
        await pool.query<InviteRow>(
          `SELECT i.id, i.meeting_id, i.person_id, i.created_at, i.expires_at, i.revoked_at
           FROM invites i JOIN meetings m ON m.id = i.meeting_id WHERE m.case_id = $1 ORDER BY i.created_at`,
          [caseId],
        )
      ).rows,
    revokeInvite: async (id, now) => {
      await pool.query('UPDATE invites SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
        now,
        id,
      ]);
    },
    revokeOtherInvites: async (meetingId, personId, keepId, now) =>
      (
        await pool.query<{ id: string }>(
          `UPDATE invites SET revoked_at = $4
           WHERE meeting_id = $1 AND person_id = $2 AND revoked_at IS NULL AND id != $3 RETURNING id`,
          [meetingId, personId, keepId, now],
        )
      ).rows.map((r) => r.id),
  };
}

/** The content-free audit log in PostgreSQL. */
function createPgAudit(pool: PgPool): AuditStore {
  return {
    audit: async (meetingId, now, event, actorId, actorRole) => {
      await pool.query(
        'INSERT INTO audit (meeting_id, at, event, actor_id, actor_role) VALUES ($1, $2, $3, $4, $5)',
        [meetingId, now, event, actorId, actorRole],
      );
    },
    auditByMeeting: async (meetingId) =>
      (
        await pool.query<AuditRow>(
          'SELECT at, event, actor_id, actor_role FROM audit WHERE meeting_id = $1 ORDER BY id',
          [meetingId],
        )
      ).rows,
  };
}

/** Tables a purge deletes from (directly or by cascade), vacuumed after it. */
const PURGED_TABLES = [
  'cases',
  'people',
  'meetings',
  'invites',
  'room_snapshots',
  'room_commands',
  'case_facilitators',
  'audit',
  'sessions',
  'meeting_members',
  'readiness',
  'consents',
  'time_proposals',
  'time_choices',
  'prep_records',
  'safety_plans',
  'party_questions',
  'relay_messages',
  'feedback_answers',
  'feedback_given',
  'notifications',
];

/**
 * The retention purge in PostgreSQL: the same rows as on SQLite. SQLite overwrites deleted rows
 * (secure_delete); PostgreSQL only marks them dead, so the tables are vacuumed at once after a
 * purge that deleted anything: the dead rows are removed from the table pages and their space
 * reused, instead of waiting for autovacuum. (What the disk itself still holds of freed pages is
 * for volume encryption, as for any database file.)
 */
function createPgRetention(pool: PgPool): RetentionStore {
  const vacuum = async () => {
    for (const t of PURGED_TABLES) await pool.query(`VACUUM ${t}`);
  };
  return {
    purgeClosedBefore: async (cutoff) => {
      const out = await inTransaction(pool, async (c) => {
        const ids = (
          await c.query<{ id: string }>(
            'SELECT id FROM cases WHERE closed_at IS NOT NULL AND closed_at < $1 FOR UPDATE',
            [cutoff],
          )
        ).rows.map((r) => r.id);
        if (!ids.length) return { caseIds: [], meetingIds: [] };
        const meetingIds = (
          await c.query<{ id: string }>(
            'SELECT id FROM meetings WHERE case_id = ANY($1) ORDER BY created_at, seq',
            [ids],
          )
        ).rows.map((r) => r.id);
        await c.query('DELETE FROM cases WHERE id = ANY($1)', [ids]);
        return { caseIds: ids, meetingIds };
      });
      if (out.caseIds.length) await vacuum();
      return out;
    },
    purgeRecords: async (cutoff, now) => {
      const out = await inTransaction(pool, async (c) => ({
        audit: (await c.query('DELETE FROM audit WHERE at < $1', [cutoff])).rowCount ?? 0,
        sessions:
          (await c.query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0,
        invites:
          (
            await c.query(
              // A link whose meeting ended stays while its case is open: it is the follow-up.
              `DELETE FROM invites WHERE (expires_at < $1 AND NOT EXISTS (
                 SELECT 1 FROM meetings m JOIN cases c ON c.id = m.case_id
                 WHERE m.id = invites.meeting_id AND m.status = 'ended' AND c.closed_at IS NULL))
               OR (revoked_at IS NOT NULL AND revoked_at < $1)`,
              [cutoff],
            )
          ).rowCount ?? 0,
      }));
      if (out.audit + out.sessions + out.invites > 0) await vacuum();
      return out;
    },
  };
}

/** The whole store on a PostgreSQL pool (DATABASE_URL). Accepted commands: pgCommands.ts. */
export function createPgStore(pool: PgPool): Store {
  return {
    ...createPgAccounts(pool),
    ...createPgCases(pool),
    ...createPgMeetings(pool),
    ...createPgInvites(pool),
    ...createPgAudit(pool),
    ...createPgRetention(pool),
    ...createPgMeetingMembers(pool),
    ...createPgPrep(pool),
    ...createPgFollowUp(pool),
    ...createPgRelay(pool),
    ...createPgFeedback(pool),
    ...createPgNotifications(pool),
  };
}
