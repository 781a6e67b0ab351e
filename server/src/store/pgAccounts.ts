import type { RoomState } from '../../../shared/room/state';
import { inTransaction, type PgPool } from './pgDb';
import { linkValues, personValues, toPerson, type PersonRow } from './personRows';
import type {
  AccountStore,
  CaseRow,
  CaseStore,
  FacilitatorRow,
  FacilitatorSummary,
  NewFacilitator,
} from './ports';

/** Facilitator accounts, sessions and account set-up links in PostgreSQL. */
export function createPgAccounts(pool: PgPool): AccountStore {
  const one = async <T>(sql: string, params: unknown[]) =>
    (await pool.query(sql, params)).rows[0] as T | undefined;
  const insertFacilitator =
    'INSERT INTO facilitators (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)';
  const facilitatorParams = (f: NewFacilitator) => [f.id, f.email, f.name, f.passwordHash, f.now];

  return {
    facilitatorCount: async () =>
      (await one<{ n: number }>('SELECT COUNT(*)::int AS n FROM facilitators', []))!.n,
    facilitatorByEmail: (email) =>
      one<FacilitatorRow>('SELECT * FROM facilitators WHERE email = $1', [email]),
    facilitatorById: (id) => one<FacilitatorRow>('SELECT * FROM facilitators WHERE id = $1', [id]),
    insertFacilitator: async (f) => {
      await pool.query(insertFacilitator, facilitatorParams(f));
    },
    setLoginFailures: async (id, failures, lockedUntil) => {
      await pool.query(
        'UPDATE facilitators SET failed_logins = $1, locked_until = $2 WHERE id = $3',
        [failures, lockedUntil, id],
      );
    },
    allFacilitators: async () =>
      (await pool.query('SELECT id, email, name FROM facilitators ORDER BY name, email'))
        .rows as FacilitatorSummary[],
    insertSession: async (id, facilitatorId, now, expiresAt) => {
      await pool.query(
        'INSERT INTO sessions (id, facilitator_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [id, facilitatorId, now, expiresAt],
      );
    },
    sessionById: (id, now) =>
      one<{ id: string; facilitator_id: string }>(
        'SELECT id, facilitator_id FROM sessions WHERE id = $1 AND expires_at > $2',
        [id, now],
      ),
    deleteSession: async (id) => {
      await pool.query('DELETE FROM sessions WHERE id = $1', [id]);
    },
    insertAccountInvite: async (tokenHash, createdBy, now, expiresAt) => {
      await pool.query(
        'INSERT INTO account_invites (token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [tokenHash, createdBy, now, expiresAt],
      );
    },
    redeemAccountInvite: (tokenHash, f) =>
      inTransaction(pool, async (c) => {
        const used = await c.query(
          'UPDATE account_invites SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1',
          [f.now, tokenHash],
        );
        if (used.rowCount !== 1) return false;
        await c.query(insertFacilitator, facilitatorParams(f));
        return true;
      }),
  };
}

const CASE_COLUMNS = 'id, owner_id, title, created_at, closed_at';

/** Cases, their people and assigned facilitators in PostgreSQL. */
export function createPgCases(pool: PgPool): CaseStore {
  const rows = async <T>(sql: string, params: unknown[]) =>
    (await pool.query(sql, params)).rows as T[];
  const assign =
    'INSERT INTO case_facilitators (case_id, facilitator_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING';
  const unassign = 'DELETE FROM case_facilitators WHERE case_id = $1 AND facilitator_id = $2';

  return {
    insertCase: async (id, ownerId, title, now) => {
      await pool.query(
        'INSERT INTO cases (id, owner_id, title, created_at) VALUES ($1, $2, $3, $4)',
        [id, ownerId, title, now],
      );
    },
    caseById: async (id) =>
      (await rows<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [id]))[0],
    casesByOwner: (ownerId) =>
      rows<CaseRow>(
        `SELECT ${CASE_COLUMNS} FROM cases WHERE owner_id = $1 ORDER BY created_at DESC`,
        [ownerId],
      ),
    closeCase: async (id, now) => {
      await pool.query('UPDATE cases SET closed_at = $1 WHERE id = $2', [now, id]);
    },
    casesForFacilitator: (facilitatorId) =>
      rows<CaseRow>(
        `SELECT ${CASE_COLUMNS} FROM cases WHERE owner_id = $1
           OR id IN (SELECT case_id FROM case_facilitators WHERE facilitator_id = $1)
         ORDER BY created_at DESC`,
        [facilitatorId],
      ),
    assignFacilitator: async (caseId, facilitatorId, now) => {
      await pool.query(assign, [caseId, facilitatorId, now]);
    },
    unassignFacilitator: async (caseId, facilitatorId) => {
      await pool.query(unassign, [caseId, facilitatorId]);
    },
    isAssigned: async (caseId, facilitatorId) =>
      (
        await pool.query(
          'SELECT 1 FROM case_facilitators WHERE case_id = $1 AND facilitator_id = $2',
          [caseId, facilitatorId],
        )
      ).rowCount === 1,
    facilitatorsByCase: (caseId) =>
      rows<FacilitatorSummary>(
        `SELECT f.id, f.email, f.name FROM case_facilitators cf JOIN facilitators f ON f.id = cf.facilitator_id
         WHERE cf.case_id = $1 ORDER BY cf.created_at, f.name`,
        [caseId],
      ),
    handOverCase: (caseId, fromId, toId, now) =>
      inTransaction(pool, async (c) => {
        await c.query(unassign, [caseId, toId]);
        await c.query('UPDATE cases SET owner_id = $1 WHERE id = $2', [toId, caseId]);
        await c.query(assign, [caseId, fromId, now]);
      }),
    insertPerson: async (p) => {
      await pool.query(
        'INSERT INTO people (id, case_id, display_name, party, role, language, interprets_for, interpret_mode, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        personValues(p),
      );
    },
    setPersonLanguage: async (id, language) => {
      await pool.query('UPDATE people SET language = $1 WHERE id = $2', [language, id]);
    },
    setInterpreterLink: async (id, link) => {
      await pool.query('UPDATE people SET interprets_for = $1, interpret_mode = $2 WHERE id = $3', [
        ...linkValues(link),
        id,
      ]);
    },
    peopleByCase: async (caseId) =>
      (
        await rows<PersonRow>('SELECT * FROM people WHERE case_id = $1 ORDER BY created_at, seq', [
          caseId,
        ])
      ).map(toPerson),
    personById: async (id) => {
      const r = (await rows<PersonRow>('SELECT * FROM people WHERE id = $1', [id]))[0];
      return r ? { ...toPerson(r), caseId: r.case_id } : undefined;
    },
    snapshotsByCase: async (caseId) =>
      (
        await rows<{ state_json: string }>(
          'SELECT s.state_json FROM room_snapshots s JOIN meetings m ON m.id = s.meeting_id WHERE m.case_id = $1',
          [caseId],
        )
      ).map((r) => JSON.parse(r.state_json) as RoomState),
  };
}
