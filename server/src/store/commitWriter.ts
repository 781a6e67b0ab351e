import { Worker } from 'node:worker_threads';
import { PRAGMAS, type Db } from './db';
import { COMMIT_SQL, type CommitRows } from './repo';

/**
 * Writes a batch of accepted commands durably, in order. For each record: null once it is on disk,
 * or the reason it could not be written (one bad record never fails the others).
 */
export interface CommitWriter {
  write(batch: CommitRows[]): Promise<(string | null)[]>;
  close(): Promise<void>;
}

interface Waiting {
  resolve: (results: (string | null)[]) => void;
  reject: (err: unknown) => void;
}

/** How often the checkpoint thread copies the write-ahead log into the database file. */
export const CHECKPOINT_MS = 1000;

/**
 * On worker threads with their own connections to the database file (commitWorker.mjs): the
 * commit thread runs one transaction and fsync at a time, so the main thread keeps serving every
 * other meeting while a batch is made durable. Writes are posted as they come: every batch that
 * arrives while a transaction runs joins the next one, which the thread starts by itself, without
 * a round trip to the main thread. The checkpoint thread copies the write-ahead log
 * into the database file, so that copying and its fsyncs are never part of a commit. A write's
 * promise settles only when the commit thread says the transaction has committed. If that thread
 * dies, the batches it held are rejected (never acknowledged) and the next write starts a new one.
 *
 * Automatic checkpoints are off on every connection that shares the file, the caller's included
 * (`db`), since the checkpoint thread does that work.
 */
export function workerWriter(
  db: Db,
  onFailure: (reason: string) => void,
  script: URL = new URL('./commitWorker.mjs', import.meta.url),
): CommitWriter {
  db.pragma('wal_autocheckpoint = 0');
  const filename = db.name;
  let worker: Worker | null = null;
  let checkpointer: Worker | null = null;
  let closed = false;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const spawn = (role: 'commit' | 'checkpoint'): Worker => {
    const w = new Worker(script, {
      workerData: {
        role,
        filename,
        pragmas: [...PRAGMAS],
        sql: COMMIT_SQL,
        checkpointMs: CHECKPOINT_MS,
      },
    });
    // The server's own sockets keep the process alive; the store's threads must not on their own.
    w.unref();
    return w;
  };

  const startCommits = (): Worker => {
    const w = spawn('commit');
    w.on('message', (m: { replies: { id: number; results: (string | null)[] }[] }) => {
      for (const { id, results } of m.replies) {
        waiting.get(id)?.resolve(results);
        waiting.delete(id);
      }
    });
    const fail = (err: Error) => {
      if (worker !== w) return;
      worker = null;
      for (const p of waiting.values()) p.reject(err);
      waiting.clear();
      if (!closed) onFailure(err.message.slice(0, 120));
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the commit thread stopped (exit code ${code})`)));
    return w;
  };

  const startCheckpoints = (): Worker => {
    const w = spawn('checkpoint');
    const fail = (err: Error) => {
      if (checkpointer !== w) return;
      checkpointer = null;
      if (closed) return;
      onFailure(err.message.slice(0, 120));
      // Until a new one runs, the log only grows; nothing is lost.
      setTimeout(() => {
        if (!closed && !checkpointer) checkpointer = startCheckpoints();
      }, CHECKPOINT_MS).unref();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the checkpoint thread stopped (exit code ${code})`)));
    return w;
  };

  worker = startCommits();
  checkpointer = startCheckpoints();

  const stop = async (w: Worker | null) => {
    if (!w) return;
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.postMessage({ type: 'close' });
    await exited;
  };

  return {
    write(batch) {
      if (closed) return Promise.reject(new Error('the store is closed'));
      const w = (worker ??= startCommits());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.postMessage({ id, batch });
      });
    },
    async close() {
      closed = true;
      const [w, c] = [worker, checkpointer];
      worker = checkpointer = null;
      // Commits first: the last checkpoint then copies everything they wrote.
      await stop(w);
      await stop(c);
    },
  };
}
