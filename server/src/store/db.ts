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
