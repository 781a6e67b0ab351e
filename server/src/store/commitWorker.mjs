// The commit worker (see commitWriter.ts): a thread with its own SQLite connection to the app's
// database file that writes batches of accepted commands, one transaction and one fsync
// (synchronous=FULL) per batch, and answers only once the transaction is durable. It keeps the
// fsync off the main thread, where it would stall every other meeting's messages.
//
// Plain JavaScript because Node 20 worker threads cannot load TypeScript through tsx. The SQL and
// the pragmas come from the main thread (COMMIT_SQL in repo.ts, PRAGMAS in db.ts), so they live in
// one place.
//
// In:  { id, batch: CommitRows[] }
// Out: { id, results: (string | null)[] }: null for a record that is on disk, or the reason it
//      could not be written. A failing record never fails the others: the batch is retried one
//      record per transaction.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { filename, pragmas, sql } = workerData;
const db = new Database(filename);
for (const p of pragmas) db.pragma(p);

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

const reason = (e) => (e && typeof e === 'object' && 'code' in e ? String(e.code) : 'WRITE_FAILED');

parentPort.on('message', (msg) => {
  if (msg.type === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  let results;
  try {
    writeBatch(msg.batch);
    results = msg.batch.map(() => null);
  } catch {
    results = msg.batch.map((r) => {
      try {
        writeSingle(r);
        return null;
      } catch (e) {
        return reason(e);
      }
    });
  }
  parentPort.postMessage({ id: msg.id, results });
});
