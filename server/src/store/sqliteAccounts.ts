import type { Db } from './db';
import type {
  AccountStore,
  FacilitatorRow,
  FacilitatorSummary,
  NewFacilitator,
  Synchronous,
} from './ports';

/** Facilitator accounts, sessions and account set-up links in SQLite (prepared statements). */
export function createSqliteAccounts(db: Db): Synchronous<AccountStore> {
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
    allFacilitators: db.prepare('SELECT id, email, name FROM facilitators ORDER BY name, email'),
    insertSession: db.prepare(
      'INSERT INTO sessions (id, facilitator_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    sessionById: db.prepare('SELECT * FROM sessions WHERE id = ? AND expires_at > ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    insertAccountInvite: db.prepare(
      'INSERT INTO account_invites (token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    useAccountInvite: db.prepare(
      'UPDATE account_invites SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
    ),
  };
  const insertFacilitator = (f: NewFacilitator) =>
    q.insertFacilitator.run(f.id, f.email, f.name, f.passwordHash, f.now);

  return {
    facilitatorCount: () => (q.facilitatorCount.get() as { n: number }).n,
    facilitatorByEmail: (email) => q.facilitatorByEmail.get(email) as FacilitatorRow | undefined,
    facilitatorById: (id) => q.facilitatorById.get(id) as FacilitatorRow | undefined,
    insertFacilitator,
    setLoginFailures: (id, failures, lockedUntil) =>
      q.setLoginFailures.run(failures, lockedUntil, id),
    allFacilitators: () => q.allFacilitators.all() as FacilitatorSummary[],
    insertSession: (id, facilitatorId, now, expiresAt) =>
      q.insertSession.run(id, facilitatorId, now, expiresAt),
    sessionById: (id, now) =>
      q.sessionById.get(id, now) as { id: string; facilitator_id: string } | undefined,
    deleteSession: (id) => q.deleteSession.run(id),
    insertAccountInvite: (tokenHash, createdBy, now, expiresAt) =>
      q.insertAccountInvite.run(tokenHash, createdBy, now, expiresAt),
    redeemAccountInvite: db.transaction((tokenHash: string, f: NewFacilitator): boolean => {
      if (q.useAccountInvite.run(f.now, tokenHash, f.now).changes !== 1) return false;
      insertFacilitator(f);
      return true;
    }),
  };
}
