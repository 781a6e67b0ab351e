// The store's worker threads (see commitWriter.ts), each with its own SQLite connection to the
// app's database file. Plain JavaScript because Node 20 worker threads cannot load TypeScript
// through tsx. The SQL and the pragmas come from the main thread (COMMIT_SQL in repo.ts, PRAGMAS in
// db.ts), so they live in one place.
//
// role 'commit': writes batches of accepted commands, one transaction and one fsync
// (synchronous=FULL) at a time, and answers only once the transaction is durable. It keeps the
// fsync off the main thread, where it would stall every other meeting's messages. Every batch
// posted while a transaction runs joins the next one (group commit), taken straight from the
// port, so the next transaction starts without waiting for the main thread.
//   In:  { id, batch: CommitRows[] }
//   Out: { replies: { id, results: (string | null)[] }[] }, one reply per batch of the
//        transaction: null for a record that is on disk, or the reason it could not be written.
//        A failing record never fails the others: the transaction is retried one record at a time.
//
// role 'checkpoint': copies the write-ahead log back into the database file every
// `checkpointMs`, PASSIVE (it never blocks a writer). Automatic checkpoints are off on the other
// connections, so this copying, with its own fsyncs, is never part of a command's commit.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { role, filename, pragmas, sql, checkpointMs } = workerData;
const db = new Database(filename);
for (const p of pragmas) db.pragma(p);
db.pragma('wal_autocheckpoint = 0');

if (role === 'checkpoint') {
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or interrupted: the next round copies what this one could not.
    }
  }, checkpointMs);
  parentPort.on('message', (msg) => {
    if (msg.type !== 'close') return;
    clearInterval(timer);
    // A last full checkpoint leaves the database file complete and the log empty.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    parentPort.close();
  });
} else {
  runCommits();
}

function runCommits() {
  const st = {
    command: db.prepare(sql.command),
    snapshot: db.prepare(sql.snapshot),
    audit: db.prepare(sql.audit),
  };
  const writeOne = (r) => {
    st.command.run(...r.command);
    st.snapshot.run(...r.snapshot);
    for (const a of r.audit) st.audit.run(...a);
  };
  const writeBatch = db.transaction((batch) => {
    for (const r of batch) writeOne(r);
  });
  const writeSingle = db.transaction(writeOne);

  const reason = (e) =>
    e && typeof e === 'object' && 'code' in e ? String(e.code) : 'WRITE_FAILED';

  const close = () => {
    db.close();
    parentPort.close();
  };
  parentPort.on('message', (msg) => {
    if (msg.type === 'close') return close();
    // Whatever was posted while the last transaction ran joins this one.
    const messages = [msg];
    let closing = false;
    for (let next; (next = receiveMessageOnPort(parentPort));) {
      if (next.message.type === 'close') {
        closing = true;
        break;
      }
      messages.push(next.message);
    }
    const batch = messages.flatMap((m) => m.batch);
    let results;
    try {
      writeBatch(batch);
      results = batch.map(() => null);
    } catch {
      results = batch.map((r) => {
        try {
          writeSingle(r);
          return null;
        } catch (e) {
          return reason(e);
        }
      });
    }
    let at = 0;
    const replies = messages.map((m) => {
      const reply = { id: m.id, results: results.slice(at, at + m.batch.length) };
      at += m.batch.length;
      return reply;
    });
    parentPort.postMessage({ replies });
    if (closing) close();
  });
}
