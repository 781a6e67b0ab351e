import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

/**
 * SQLite in WAL mode. The app's own connections are synchronous=FULL: a write is fsynced before it
 * returns. Accepted room commands go through the command log (commandLog.ts), which writes without
 * a sync and fsyncs the log file itself before anything is acknowledged. Either way, whatever is
 * acknowledged survives a process kill and a power cut. (NORMAL alone would survive a process kill
 * but may lose the last transactions on power loss: not good enough for a meeting that may happen
 * once.)
 */
export const PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  // Deleted rows (a purged case's names and board text) are overwritten, not left in free pages.
  'secure_delete = ON',
] as const;

/** The database file's name in DATA_DIR; SQLite keeps `-wal` and `-shm` files beside it. */
export const DB_FILE = 'common-ground.sqlite';

/**
 * Makes the database files readable by this user only (0600), before SQLite opens them. SQLite
 * creates its `-wal` and `-shm` files with the database file's own mode, so once the database
 * file is 0600 every file it makes later is too; existing ones (from an older version) are fixed
 * here.
 */
export function protectDbFiles(dataDir: string): void {
  const file = path.join(dataDir, DB_FILE);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** The database file in `dataDir`. A file, never `:memory:`: the store's threads open it too. */
export function openDb(dataDir: string): Db {
  protectDbFiles(dataDir);
  const db = new Database(path.join(dataDir, DB_FILE));
  for (const p of PRAGMAS) db.pragma(p);
  migrate(db);
  return db;
}

const MIGRATIONS: string[] = [
  `
  CREATE TABLE facilitators (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    facilitator_id TEXT NOT NULL REFERENCES facilitators(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES facilitators(id),
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    closed_at INTEGER
  );
  CREATE TABLE people (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    party TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    floor_mode TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'open'
  );
  CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE INDEX invites_meeting ON invites(meeting_id);
  -- The room's state after its latest accepted command (the snapshot a restart loads).
  CREATE TABLE room_snapshots (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    state_json TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  -- One row per accepted command: content-free (type only), keyed by the client's command id
  -- so a retried command applies once.
  CREATE TABLE room_commands (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    client_id TEXT,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, version)
  );
  CREATE UNIQUE INDEX room_commands_client ON room_commands(meeting_id, client_id) WHERE client_id IS NOT NULL;
  -- Content-free audit log: who (by role) did what, when.
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id TEXT,
    at INTEGER NOT NULL,
    event TEXT NOT NULL,
    actor_id TEXT,
    actor_role TEXT
  );
  `,
  // Issue 12: co-facilitators are facilitator accounts, set up through a one-time link and
  // assigned to cases. Only a hash of the link's token is kept.
  `
  CREATE TABLE account_invites (
    token_hash TEXT PRIMARY KEY,
    created_by TEXT NOT NULL REFERENCES facilitators(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE case_facilitators (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    facilitator_id TEXT NOT NULL REFERENCES facilitators(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, facilitator_id)
  );
  CREATE INDEX case_facilitators_facilitator ON case_facilitators(facilitator_id);
  `,
  // Issue 15: meetings of a kind with their own members, readiness per party, consent per person,
  // the patient's timing, the preparation record, safety plans and the patient's questions. All of
  // it hangs off the case (cascades), so the retention purge takes it with the case.
  `
  ALTER TABLE meetings ADD COLUMN kind TEXT NOT NULL DEFAULT 'joint';
  CREATE TABLE meeting_members (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, person_id)
  );
  CREATE INDEX meeting_members_person ON meeting_members(person_id);
  -- Meetings made before kinds existed had every person of their case.
  INSERT INTO meeting_members (meeting_id, person_id)
    SELECT m.id, p.id FROM meetings m JOIN people p ON p.case_id = m.case_id;
  CREATE TABLE readiness (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    party TEXT NOT NULL,
    decision TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    note TEXT NOT NULL,
    facilitator_id TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX readiness_case ON readiness(case_id, party, id);
  CREATE TABLE consents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    at INTEGER NOT NULL,
    withdrawn_at INTEGER
  );
  CREATE INDEX consents_member ON consents(meeting_id, person_id, id);
  CREATE TABLE time_proposals (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    starts_at INTEGER NOT NULL,
    minutes INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX time_proposals_meeting ON time_proposals(meeting_id);
  CREATE TABLE time_choices (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    proposal_id TEXT REFERENCES time_proposals(id) ON DELETE CASCADE,
    person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
    at INTEGER NOT NULL
  );
  CREATE TABLE prep_records (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    party TEXT NOT NULL,
    body_json TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, party)
  );
  CREATE TABLE safety_plans (
    person_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    body_json TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE party_questions (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    party TEXT NOT NULL,
    text TEXT NOT NULL,
    shared INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX party_questions_case ON party_questions(case_id, party);
  `,
  // Issue 17: each person's language (their link, screens, summary and calendar file), set by the
  // facilitator; people added before it exist in English.
  `
  ALTER TABLE people ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
  `,
  // Issue 16, around the joint meeting: each case's time zone (follow-up dates are the case's
  // days, not UTC's); the written exchange the facilitator relays, held only as long as the case;
  // anonymous feedback, stored apart from who answered (no person, no time, no insertion order:
  // WITHOUT ROWID tables keyed by random ids), so an answer can never be traced to a person; and
  // the optional e-mail notifications, due rows a restarted server picks up again.
  `
  ALTER TABLE cases ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
  ALTER TABLE cases ADD COLUMN relay_open INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE people ADD COLUMN email TEXT;
  CREATE TABLE relay_messages (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    from_party TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT,
    created_at INTEGER NOT NULL,
    decided_at INTEGER
  );
  CREATE INDEX relay_messages_case ON relay_messages(case_id, created_at);
  CREATE TABLE feedback_answers (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    felt_safe INTEGER,
    was_heard INTEGER,
    it_helped INTEGER,
    comment TEXT
  ) WITHOUT ROWID;
  CREATE INDEX feedback_answers_case ON feedback_answers(case_id);
  CREATE TABLE feedback_given (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, person_id)
  ) WITHOUT ROWID;
  CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    sent_at INTEGER,
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

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
