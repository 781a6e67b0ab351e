import pg from 'pg';

export type PgPool = pg.Pool;

/*
 * PostgreSQL (DATABASE_URL): the store of several app nodes. The same tables as SQLite (db.ts),
 * with times as BIGINT milliseconds (read back as numbers: they are far below 2^53) and an
 * ordering column where SQLite used its rowid. Migrations run at start, one node at a time (an
 * advisory lock), each in its own transaction.
 */

/** BIGINT (int8) columns and counts come back as numbers, not strings. */
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** A connection pool for DATABASE_URL, with the schema brought up to date. */
export async function openPg(url: string, max = 10): Promise<PgPool> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    // A statement that hangs (a lock never released) fails instead of holding a meeting's queue.
    statement_timeout: 10_000,
    connectionTimeoutMillis: 5_000,
  });
  // An idle connection the server closed (a restart, a failover) is dropped and replaced; the
  // error must not end the process.
  pool.on('error', () => undefined);
  await migratePg(pool);
  return pool;
}

/** Any number fixed for this app: the advisory lock that lets one node migrate at a time. */
const MIGRATION_LOCK = 727_001;

export const PG_MIGRATIONS: string[] = [
  `
  CREATE TABLE facilitators (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    facilitator_id TEXT NOT NULL REFERENCES facilitators(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES facilitators(id),
    title TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
  );
  CREATE TABLE people (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    party TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX people_case ON people(case_id);
  CREATE TABLE meetings (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    floor_mode TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open'
  );
  CREATE INDEX meetings_case ON meetings(case_id);
  CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
  );
  CREATE INDEX invites_meeting ON invites(meeting_id);
  CREATE TABLE room_snapshots (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    state_json TEXT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE TABLE room_commands (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    client_id TEXT,
    type TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, version)
  );
  CREATE UNIQUE INDEX room_commands_client ON room_commands(meeting_id, client_id) WHERE client_id IS NOT NULL;
  CREATE TABLE audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id TEXT,
    at BIGINT NOT NULL,
    event TEXT NOT NULL,
    actor_id TEXT,
    actor_role TEXT
  );
  CREATE INDEX audit_meeting ON audit(meeting_id);
  CREATE TABLE account_invites (
    token_hash TEXT PRIMARY KEY,
    created_by TEXT NOT NULL REFERENCES facilitators(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
  );
  CREATE TABLE case_facilitators (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    facilitator_id TEXT NOT NULL REFERENCES facilitators(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, facilitator_id)
  );
  CREATE INDEX case_facilitators_facilitator ON case_facilitators(facilitator_id);
  `,
  // Issues 15, 16 and 17 (as db.ts migrations 3-5 on SQLite): meeting kinds and members,
  // preparation outside the room, languages, time zones, the relayed exchange, anonymous
  // feedback (no person, no time, random keys) and e-mail notifications.
  `
  ALTER TABLE meetings ADD COLUMN kind TEXT NOT NULL DEFAULT 'joint';
  CREATE TABLE meeting_members (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, person_id)
  );
  CREATE INDEX meeting_members_person ON meeting_members(person_id);
  INSERT INTO meeting_members (meeting_id, person_id)
    SELECT m.id, p.id FROM meetings m JOIN people p ON p.case_id = m.case_id;
  CREATE TABLE readiness (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    party TEXT NOT NULL,
    decision TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    note TEXT NOT NULL,
    facilitator_id TEXT,
    at BIGINT NOT NULL
  );
  CREATE INDEX readiness_case ON readiness(case_id, party, id);
  CREATE TABLE consents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    at BIGINT NOT NULL,
    withdrawn_at BIGINT
  );
  CREATE INDEX consents_member ON consents(meeting_id, person_id, id);
  CREATE TABLE time_proposals (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    minutes INTEGER NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX time_proposals_meeting ON time_proposals(meeting_id);
  CREATE TABLE time_choices (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    proposal_id TEXT REFERENCES time_proposals(id) ON DELETE CASCADE,
    person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
    at BIGINT NOT NULL
  );
  CREATE TABLE prep_records (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    party TEXT NOT NULL,
    body_json TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, party)
  );
  CREATE TABLE safety_plans (
    person_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    body_json TEXT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE TABLE party_questions (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    party TEXT NOT NULL,
    text TEXT NOT NULL,
    shared INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX party_questions_case ON party_questions(case_id, party);
  ALTER TABLE people ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
  ALTER TABLE cases ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
  ALTER TABLE cases ADD COLUMN relay_open INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE people ADD COLUMN email TEXT;
  CREATE TABLE relay_messages (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    from_party TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT,
    created_at BIGINT NOT NULL,
    decided_at BIGINT
  );
  CREATE INDEX relay_messages_case ON relay_messages(case_id, created_at);
  CREATE TABLE feedback_answers (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    felt_safe INTEGER,
    was_heard INTEGER,
    it_helped INTEGER,
    comment TEXT
  );
  CREATE INDEX feedback_answers_case ON feedback_answers(case_id);
  CREATE TABLE feedback_given (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, person_id)
  );
  CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    sent_at BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0,
    UNIQUE (person_id, kind, ref)
  );
  CREATE INDEX notifications_due ON notifications(sent_at, due_at);
  `,
  // Issue 17: an interpreter's person of the case (a person id) and mode (spoken or sign), set on
  // their invite; null for everyone else.
  `
  ALTER TABLE people ADD COLUMN interprets_for TEXT;
  ALTER TABLE people ADD COLUMN interpret_mode TEXT;
  `,
];

async function migratePg(pool: PgPool): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await c.query(
      'CREATE TABLE IF NOT EXISTS schema_version (one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one), version INTEGER NOT NULL)',
    );
    await c.query('INSERT INTO schema_version (version) VALUES (0) ON CONFLICT DO NOTHING');
    const { rows } = await c.query<{ version: number }>('SELECT version FROM schema_version');
    for (let v = rows[0]!.version; v < PG_MIGRATIONS.length; v++) {
      await c.query('BEGIN');
      try {
        await c.query(PG_MIGRATIONS[v]!);
        await c.query('UPDATE schema_version SET version = $1', [v + 1]);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    c.release();
  }
}

/** Runs `fn` in one transaction on one connection of the pool. */
export async function inTransaction<T>(
  pool: PgPool,
  fn: (c: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}
