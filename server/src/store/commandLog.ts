import { closeSync, fdatasync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PRAGMAS, type Db } from './db';
import { COMMIT_SQL, toCommitRows, type CommitRows } from './commitSql';
import type { CommandStore, CommitRecord } from './ports';

export type { CommandStore } from './ports';

/** Flushes a file's data to the disk (node:fs `fdatasync`; tests pass one they control). */
export type Fdatasync = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

/**
 * Accepted commands reach the disk in two steps.
 *
 * 1. **Written** (`write`): one transaction on the log's own connection, on the event loop,
 *    without an fsync (synchronous=OFF). The rows are in the write-ahead log, in the operating
 *    system's hands: they survive the app crashing or being killed, and a restart reads them. It
 *    takes a fraction of a millisecond and needs no other thread, so everyone's view is sent
 *    right after it.
 * 2. **Durable** (`durable`): an fdatasync of the log file, on libuv's thread pool, so the event
 *    loop never waits for the disk. It settles once everything written before it started is on
 *    the disk itself (it survives a power cut). The answer to whoever sent the command waits for
 *    this: nothing is acknowledged before it is on the disk. One sync runs at a time; every write
 *    made while one runs shares the next (group commit), so the busier the server, the more
 *    commands share an fsync.
 *
 * After a failed sync nothing is written or acknowledged again: Linux may drop pages it could not
 * write after reporting the error once, and a later fsync would then succeed without them. The
 * log refuses every write, `failure` says why, and the server reports itself not ready until it
 * restarts and recovers from what is on the disk.
 */
export class CommandLog implements CommandStore {
  private readonly conn: Db;
  private readonly insert: (rows: CommitRows) => void;
  private readonly recentIds: Database.Statement;
  private fd: number | null;
  /** The sync running now, and the one every write since it started waits for. */
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private failed: string | null = null;

  constructor(
    db: Db,
    private readonly onFailure: (reason: string) => void,
    private readonly sync: Fdatasync = fdatasync,
    /** Told how long each sync took, in seconds (server/src/metrics.ts). */
    private readonly onSynced: (seconds: number) => void = () => undefined,
  ) {
    this.conn = new Database(db.name);
    for (const p of PRAGMAS) if (!p.startsWith('synchronous')) this.conn.pragma(p);
    // Durability comes from the log's own fdatasync (step 2), never from a sync inside a write.
    this.conn.pragma('synchronous = OFF');
    this.conn.pragma('wal_autocheckpoint = 0');
    const command = this.conn.prepare(COMMIT_SQL.command);
    const snapshot = this.conn.prepare(COMMIT_SQL.snapshot);
    const status = this.conn.prepare(COMMIT_SQL.status);
    const audit = this.conn.prepare(COMMIT_SQL.audit);
    const endSafety = this.conn.prepare(COMMIT_SQL.endSafety);
    const interpreterLink = this.conn.prepare(COMMIT_SQL.interpreterLink);
    const withdrawLinks = this.conn.prepare(COMMIT_SQL.withdrawLinks);
    // The meeting's status (open, live, ended) changes with the state, in the same transaction.
    this.insert = this.conn.transaction((r: CommitRows) => {
      command.run(...r.command);
      snapshot.run(...r.snapshot);
      if (r.status) status.run(...r.status);
      if (r.endSafety) endSafety.run(...r.endSafety);
      for (const l of r.interpreterLinks) interpreterLink.run(...l);
      for (const w of r.withdrawLinks) withdrawLinks.run(...w);
      for (const a of r.audit) audit.run(...a);
    });
    this.recentIds = this.conn.prepare(
      'SELECT client_id, version FROM room_commands WHERE meeting_id = ? AND client_id IS NOT NULL ORDER BY version DESC LIMIT ?',
    );
    // The log file exists once a connection has read the database in WAL mode. It is opened now,
    // so that nothing can fail between a command's write and its sync.
    this.conn.prepare('SELECT count(*) FROM sqlite_master').get();
    this.fd = openSync(`${db.name}-wal`, 'r+');
  }

  /** Why the log stopped writing, or null while it works. */
  get failure(): string | null {
    return this.failed;
  }

  /** Written on the caller's turn (an async function runs up to its first await at once). */
  async write(record: CommitRecord): Promise<{ durable: Promise<void> }> {
    if (this.failed) throw new Error(`the store cannot write to the disk (${this.failed})`);
    this.insert(toCommitRows(record));
    return { durable: this.synced() };
  }

  async recentClientIds(meetingId: string, limit: number): Promise<[string, number][]> {
    return (this.recentIds.all(meetingId, limit) as { client_id: string; version: number }[])
      .reverse()
      .map((r) => [r.client_id, r.version]);
  }

  /** Settles once a sync that started after this call has finished. */
  private synced(): Promise<void> {
    if (!this.running) return this.start();
    // The running sync may have started before the last write: every write made meanwhile
    // shares the one after it.
    return (this.next ??= this.running.then(
      () => {
        this.next = null;
        return this.start();
      },
      (err: unknown) => {
        this.next = null;
        throw err;
      },
    ));
  }

  private start(): Promise<void> {
    const fd = this.fd!;
    const run = new Promise<void>((resolve, reject) => {
      // Handed to the thread pool once the caller's turn is over: a command's views are sent on
      // that turn, and need not wait for the hand-over.
      queueMicrotask(() => {
        const started = performance.now();
        this.sync(fd, (err) => {
          if (this.running === run) this.running = null;
          this.onSynced((performance.now() - started) / 1000);
          if (!err) return resolve();
          if (!this.failed) {
            this.failed = err.code ?? 'EIO';
            this.onFailure(this.failed);
          }
          reject(new Error(`the store could not write to the disk (${this.failed})`));
        });
      });
    });
    this.running = run;
    return run;
  }

  /** Waits for the syncs under way, then closes the connection. Call after the last write. */
  async close(): Promise<void> {
    while (this.running || this.next) await (this.next ?? this.running)!.catch(() => undefined);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.conn.close();
  }
}
