// The store's checkpoint thread (see checkpointer.ts), with its own SQLite connection to the app's
// database file. Plain JavaScript because Node 20 worker threads cannot load TypeScript through
// tsx. The pragmas come from the main thread (PRAGMAS in db.ts), so they live in one place.
//
// Every `checkpointMs` it copies the write-ahead log back into the database file, PASSIVE (it
// never blocks a writer). Its connection is synchronous=FULL: the log is synced before it is
// copied and the database file after. Automatic checkpoints are off on every other connection,
// so this copying, with its fsyncs, is never part of a command's write.
//   In: { type: 'close' }: a last TRUNCATE checkpoint, then the thread ends.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { filename, pragmas, checkpointMs } = workerData;
const db = new Database(filename);
for (const p of pragmas) db.pragma(p);
db.pragma('wal_autocheckpoint = 0');

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
