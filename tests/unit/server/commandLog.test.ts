import { fdatasync, fstatSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoomState, type RoomState } from '../../../shared/room/state';
import { startCheckpoints } from '../../../server/src/store/checkpointer';
import { CommandLog, type Fdatasync } from '../../../server/src/store/commandLog';
import { openDb, type Db } from '../../../server/src/store/db';
import type { CommitRecord } from '../../../server/src/store/ports';
import { createSqliteStore } from '../../../server/src/store/sqliteStore';

const NOW = 1_790_000_000_000;

/** A database file with one facilitator, case and meeting, so command rows have their parents. */
function freshDb(): { db: Db; file: string; meetingId: string } {
  const db = openDb(mkdtempSync(path.join(tmpdir(), 'cg-commit-')));
  const store = createSqliteStore(db);
  void store.insertFacilitator({
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

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

/** An fdatasync that finishes when the test says so, and counts how often it was started. */
function manualSync() {
  const calls: { fd: number; finish: (err?: NodeJS.ErrnoException) => void }[] = [];
  const sync: Fdatasync = (fd, done) => calls.push({ fd, finish: (err) => done(err ?? null) });
  return { sync, calls };
}

/** Lets promise callbacks run (settled writes, the next sync starting). */
const tick = () => new Promise((r) => setImmediate(r));

/** Whether a promise has settled yet. */
function watch(p: Promise<unknown>) {
  const s = { settled: false, error: null as unknown };
  p.then(
    () => (s.settled = true),
    (err: unknown) => ((s.settled = true), (s.error = err)),
  );
  return s;
}

function logOn(sync: Fdatasync = fdatasync) {
  const { db, file, meetingId } = freshDb();
  const failures: string[] = [];
  const log = new CommandLog(db, (r) => failures.push(r), sync);
  open.push(db, log);
  return { log, file, meetingId, failures };
}

describe('CommandLog: written at once', () => {
  it('a command is readable by another connection as soon as write returns, before it is durable', async () => {
    const { sync, calls } = manualSync();
    const { log, file, meetingId } = logOn(sync);
    const { durable } = await log.write(record(meetingId, 1));
    // What a restart after a crash would read: the rows are in the log already.
    const disk = onDisk(file);
    expect(disk.commands).toEqual([{ version: 1 }]);
    expect(disk.snapshot?.version).toBe(1);
    expect(disk.audit).toBe(1);
    const d = watch(durable);
    await tick();
    expect(d.settled).toBe(false);
    calls[0]!.finish();
    await durable;
  });

  it('a command it cannot write throws, writes nothing, and the next one is written', async () => {
    const { log, file, meetingId } = logOn();
    await (
      await log.write(record(meetingId, 1))
    ).durable;
    // The same version again breaks the primary key: the whole transaction is rolled back.
    await expect(log.write(record(meetingId, 1))).rejects.toThrow(/UNIQUE constraint failed/);
    expect(onDisk(file).audit).toBe(1);
    await (
      await log.write(record(meetingId, 2))
    ).durable;
    expect(onDisk(file).commands).toEqual([{ version: 1 }, { version: 2 }]);
  });
  it("the meeting's status is written in the command's own transaction, or not at all", async () => {
    const { log, file, meetingId } = logOn();
    const status = () => {
      const db = new Database(file, { readonly: true });
      try {
        return (
          db.prepare('SELECT status FROM meetings WHERE id = ?').get(meetingId) as {
            status: string;
          }
        ).status;
      } finally {
        db.close();
      }
    };
    await (
      await log.write({ ...record(meetingId, 1), status: 'live' })
    ).durable;
    expect(status()).toBe('live');
    // A command that cannot be written (a version already taken) changes no status either.
    await expect(log.write({ ...record(meetingId, 1), status: 'ended' })).rejects.toThrow(/UNIQUE/);
    expect(status()).toBe('live');
    // No status given: the row keeps the one it has.
    await (
      await log.write(record(meetingId, 2))
    ).durable;
    expect(status()).toBe('live');
    expect(await log.recentClientIds(meetingId, 10)).toEqual([]);
    await (
      await log.write(record(meetingId, 3, 'c-3'))
    ).durable;
    expect(await log.recentClientIds(meetingId, 10)).toEqual([['c-3', 3]]);
  });
});

describe('CommandLog: durable', () => {
  it('settles after an fdatasync that started after the write; writes made meanwhile share the next one', async () => {
    const { sync, calls } = manualSync();
    const { log, meetingId } = logOn(sync);
    const written = log.write(record(meetingId, 1));
    // Handed over once the writer's turn is over.
    expect(calls).toHaveLength(0);
    const first = watch((await written).durable);
    await tick();
    expect(calls).toHaveLength(1);
    // Written while the first sync runs, which may have started before them: they wait for the
    // next sync, and share it.
    const second = watch((await log.write(record(meetingId, 2))).durable);
    const third = watch((await log.write(record(meetingId, 3))).durable);
    expect(calls).toHaveLength(1);
    calls[0]!.finish();
    await tick();
    expect([first.settled, second.settled, third.settled]).toEqual([true, false, false]);
    expect(calls).toHaveLength(2);
    calls[1]!.finish();
    await tick();
    expect([second.settled, third.settled]).toEqual([true, true]);
    expect([first.error, second.error, third.error]).toEqual([null, null, null]);
    expect(calls).toHaveLength(2);
  });

  it("syncs the database file's write-ahead log", async () => {
    const fds: number[] = [];
    const { log, file, meetingId } = logOn((fd, done) => {
      fds.push(fd);
      fdatasync(fd, done);
    });
    await (
      await log.write(record(meetingId, 1))
    ).durable;
    expect(fstatSync(fds[0]!).ino).toBe(statSync(`${file}-wal`).ino);
  });

  it('after a failed sync nothing is acknowledged or written again', async () => {
    const { sync, calls } = manualSync();
    const { log, file, meetingId, failures } = logOn(sync);
    const first = (await log.write(record(meetingId, 1))).durable;
    const second = (await log.write(record(meetingId, 2))).durable;
    await tick();
    const eio = Object.assign(new Error('i/o error'), { code: 'EIO' });
    calls[0]!.finish(eio);
    await expect(first).rejects.toThrow(/could not write to the disk \(EIO\)/);
    await expect(second).rejects.toThrow(/EIO/);
    expect(calls).toHaveLength(1);
    expect(failures).toEqual(['EIO']);
    expect(log.failure).toBe('EIO');
    await expect(log.write(record(meetingId, 3))).rejects.toThrow(
      /cannot write to the disk \(EIO\)/,
    );
    expect(onDisk(file).commands).toHaveLength(2);
  });

  it('close waits for the sync under way', async () => {
    const { sync, calls } = manualSync();
    const { db, meetingId } = freshDb();
    open.push(db);
    const log = new CommandLog(db, () => undefined, sync);
    const durable = watch((await log.write(record(meetingId, 1))).durable);
    const closed = watch(log.close());
    await tick();
    expect(closed.settled).toBe(false);
    calls[0]!.finish();
    await tick();
    expect([durable.settled, closed.settled]).toEqual([true, true]);
  });

  it('with the real fdatasync, every write is acknowledged and on disk', async () => {
    const { log, file, meetingId } = logOn();
    const writes = Array.from({ length: 50 }, (_, i) => log.write(record(meetingId, i + 1)));
    await Promise.all(writes.map(async (w) => (await w).durable));
    expect(onDisk(file).commands).toHaveLength(50);
  });
});

describe('startCheckpoints: the checkpoint thread', () => {
  it('copies the log into the database file: automatic checkpoints are off, and closing empties the log', async () => {
    const { db, file, meetingId } = freshDb();
    const checkpoints = startCheckpoints(db, () => undefined);
    const log = new CommandLog(db, () => undefined);
    open.push(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    for (let v = 1; v <= 50; v++) await (await log.write(record(meetingId, v))).durable;
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    await log.close();
    await checkpoints.close();
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect(onDisk(file).commands).toHaveLength(50);
  });

  it('a checkpoint thread that dies is reported', async () => {
    const { db } = freshDb();
    const failures: string[] = [];
    // A stand-in worker script that exits as soon as it starts.
    const crash = new URL('data:text/javascript,process.exit(3)');
    const checkpoints = startCheckpoints(db, (r) => failures.push(r), crash);
    open.push(db, checkpoints);
    await expect.poll(() => failures).toContain('the checkpoint thread stopped (exit code 3)');
  });
});
