import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoomState, type RoomState } from '../../../shared/room/state';
import { workerWriter, type CommitWriter } from '../../../server/src/store/commitWriter';
import { openDb, type Db } from '../../../server/src/store/db';
import { GroupCommit } from '../../../server/src/store/groupCommit';
import { createRepo, toCommitRows, type CommitRecord } from '../../../server/src/store/repo';

const NOW = 1_790_000_000_000;

/** A database file with one facilitator, case and meeting, so command rows have their parents. */
function freshDb(): { db: Db; file: string; meetingId: string } {
  const db = openDb(mkdtempSync(path.join(tmpdir(), 'cg-commit-')));
  const repo = createRepo(db);
  repo.insertFacilitator({
    id: 'f1',
    email: 'f@example.org',
    name: 'F',
    passwordHash: 'x',
    now: NOW,
  });
  db.prepare('INSERT INTO cases (id, owner_id, title, created_at) VALUES (?, ?, ?, ?)').run(
    'c1',
    'f1',
    'Case',
    NOW,
  );
  db.prepare(
    "INSERT INTO meetings (id, case_id, title, floor_mode, created_at) VALUES ('m1', 'c1', 'M', 'gentle', ?)",
  ).run(NOW);
  return { db, file: db.name, meetingId: 'm1' };
}

function record(meetingId: string, version: number, clientId: string | null = null): CommitRecord {
  const state: RoomState = {
    ...createRoomState({ meetingId, members: [], floorMode: 'gentle' }),
    version,
  };
  return {
    meetingId,
    state,
    clientId,
    type: 'phase.next',
    now: NOW + version,
    audit: [{ event: 'phase.changed', actorId: 'f1', actorRole: 'facilitator' }],
  };
}

/** What another connection (a restarted server) would read. */
function onDisk(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      commands: db.prepare('SELECT version FROM room_commands ORDER BY version').all() as {
        version: number;
      }[],
      snapshot: db.prepare('SELECT version FROM room_snapshots WHERE meeting_id = ?').get('m1') as
        { version: number } | undefined,
      audit: (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * How many transactions the write-ahead log holds: frames whose header gives a database size
 * (only a transaction's last frame does). Checkpoints run a second after the writer starts, so a
 * test that writes at once reads a log nothing has rewound yet.
 */
function walCommits(file: string): number {
  let wal: Buffer;
  try {
    wal = readFileSync(`${file}-wal`);
  } catch {
    return 0;
  }
  const pageSize = wal.readUInt32BE(8);
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 4) !== 0) commits += 1;
  }
  return commits;
}

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

describe('workerWriter: the commit worker', () => {
  it('answers only once the rows are readable by another connection', async () => {
    const { db, file, meetingId } = freshDb();
    const writer = workerWriter(db, () => undefined);
    open.push(db, writer);
    const results = await writer.write(
      [record(meetingId, 1), record(meetingId, 2)].map(toCommitRows),
    );
    expect(results).toEqual([null, null]);
    const disk = onDisk(file);
    expect(disk.commands.map((c) => c.version)).toEqual([1, 2]);
    expect(disk.snapshot?.version).toBe(2);
    expect(disk.audit).toBe(2);
  });

  it('writes the batches waiting for it in one transaction: one fsync for them all', async () => {
    const { db, file, meetingId } = freshDb();
    const writer = workerWriter(db, () => undefined);
    open.push(db, writer);
    await writer.write([toCommitRows(record(meetingId, 1))]); // the thread is up and idle
    const before = walCommits(file);
    // Four batches posted at once: the thread takes the first, and the three others are either
    // queued behind it already or arrive while it runs. Either way they share a transaction.
    const first = writer.write(range(2, 400).map((v) => toCommitRows(record(meetingId, v))));
    const more = [401, 402, 403].map((v) => writer.write([toCommitRows(record(meetingId, v))]));
    expect(await Promise.all([first, ...more])).toEqual([
      range(2, 400).map(() => null),
      [null],
      [null],
      [null],
    ]);
    expect(walCommits(file) - before).toBeLessThanOrEqual(2);
    expect(onDisk(file).commands).toHaveLength(403);
  });

  it('a record that cannot be written fails alone; the rest of its batch is stored', async () => {
    const { db, file, meetingId } = freshDb();
    const writer = workerWriter(db, () => undefined);
    open.push(db, writer);
    const results = await writer.write(
      [record(meetingId, 1), record('no-such-meeting', 1), record(meetingId, 2)].map(toCommitRows),
    );
    expect(results[0]).toBeNull();
    expect(results[1]).toMatch(/SQLITE_CONSTRAINT/);
    expect(results[2]).toBeNull();
    expect(onDisk(file).commands.map((c) => c.version)).toEqual([1, 2]);
  });

  it('a dead worker rejects what it held and the next write starts a new one', async () => {
    const { db, file, meetingId } = freshDb();
    const failures: string[] = [];
    // A stand-in worker script that exits as soon as it starts, with a write waiting on it.
    const crash = new URL('data:text/javascript,process.exit(3)');
    const crashing = workerWriter(db, (r) => failures.push(r), crash);
    await expect(crashing.write([toCommitRows(record(meetingId, 1))])).rejects.toThrow(
      /commit thread stopped/,
    );
    expect(failures).toContain('the commit thread stopped (exit code 3)');
    await crashing.close();
    expect(onDisk(file).commands).toEqual([]);

    const writer = workerWriter(db, () => undefined);
    open.push(db, writer);
    expect(await writer.write([toCommitRows(record(meetingId, 1))])).toEqual([null]);
  });

  it('a worker that dies after committing, before it answers: the write is rejected, but the database says it is on disk', async () => {
    const { db, file, meetingId } = freshDb();
    // The real commit worker, except that its answer never leaves: it exits instead.
    const real = new URL('../../../server/src/store/commitWorker.mjs', import.meta.url);
    const body = `import { parentPort } from 'node:worker_threads';
      parentPort.postMessage = () => process.exit(1);
      await import(${JSON.stringify(real.href)});`;
    const dies = new URL(`data:text/javascript,${encodeURIComponent(body)}`);
    const writer = workerWriter(db, () => undefined, dies);
    open.push(db, writer);
    await expect(writer.write([toCommitRows(record(meetingId, 1))])).rejects.toThrow(
      /commit thread stopped \(exit code 1\)/,
    );
    // What RoomActor asks to tell the two cases apart.
    expect(createRepo(db).snapshotVersion(meetingId)).toBe(1);
    expect(onDisk(file).commands).toEqual([{ version: 1 }]);
  });

  it('checkpoints on its own thread: automatic checkpoints are off, and closing empties the log', async () => {
    const { db, file, meetingId } = freshDb();
    const writer = workerWriter(db, () => undefined);
    open.push(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    for (let v = 1; v <= 50; v++) await writer.write([toCommitRows(record(meetingId, v))]);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    await writer.close();
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect(onDisk(file).commands).toHaveLength(50);
  });

  it('refuses writes once closed', async () => {
    const { db, meetingId } = freshDb();
    const writer = workerWriter(db, () => undefined);
    open.push(db);
    await writer.close();
    await expect(writer.write([toCommitRows(record(meetingId, 1))])).rejects.toThrow(/closed/);
  });
});

/** A writer whose writes finish when the test says so. */
function manualWriter() {
  const calls: { batch: unknown[]; finish: (r: (string | null)[]) => void }[] = [];
  const writer: CommitWriter = {
    write: (batch) => new Promise((resolve) => calls.push({ batch, finish: resolve })),
    close: async () => undefined,
  };
  return { writer, calls };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('GroupCommit: hand-over and acknowledgement', () => {
  it('hands each command to the writer at once, without waiting for the writes before it', () => {
    const { writer, calls } = manualWriter();
    const gc = new GroupCommit(writer);
    void gc.commit(record('m1', 1));
    void gc.commit(record('m2', 1));
    // Synchronously: the commit thread, not the main thread, groups what waits for it.
    expect(calls.map((c) => c.batch.length)).toEqual([1, 1]);
  });

  it('nothing is acknowledged before its write says it is stored; a failed record is rejected', async () => {
    const { writer, calls } = manualWriter();
    const gc = new GroupCommit(writer);
    let okDone = false;
    const ok = gc.commit(record('m1', 1)).then(() => (okDone = true));
    const bad = gc.commit(record('m2', 1));
    await tick();
    expect(okDone).toBe(false);
    calls[1]!.finish(['SQLITE_CONSTRAINT_FOREIGNKEY']);
    await expect(bad).rejects.toThrow(/could not be stored \(SQLITE_CONSTRAINT_FOREIGNKEY\)/);
    expect(okDone).toBe(false);
    calls[0]!.finish([null]);
    await ok;
  });

  it('a write that throws rejects its command and the next command still goes', async () => {
    let n = 0;
    const writer: CommitWriter = {
      write: async (batch) => {
        if (n++ === 0) throw new Error('worker gone');
        return batch.map(() => null);
      },
      close: async () => undefined,
    };
    const gc = new GroupCommit(writer);
    await expect(gc.commit(record('m1', 1))).rejects.toThrow('worker gone');
    await expect(gc.commit(record('m1', 1))).resolves.toBeUndefined();
  });
});
