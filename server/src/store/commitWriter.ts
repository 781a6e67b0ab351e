import { Worker } from 'node:worker_threads';
import { PRAGMAS } from './db';
import { COMMIT_SQL, type CommitRows, type Repo } from './repo';

/**
 * Writes a batch of accepted commands durably, in order. For each record: null once it is on disk,
 * or the reason it could not be written (one bad record never fails the others).
 */
export interface CommitWriter {
  write(batch: CommitRows[]): Promise<(string | null)[]>;
  close(): Promise<void>;
}

const reason = (e: unknown): string =>
  e && typeof e === 'object' && 'code' in e ? String(e.code) : 'WRITE_FAILED';

/**
 * On the calling thread, through the repo's own connection. For an in-memory database, which no
 * other connection can open; the fsync of a file database belongs in `workerWriter`.
 */
export function inlineWriter(repo: Repo): CommitWriter {
  let closed = false;
  return {
    async write(batch) {
      if (closed) throw new Error('the store is closed');
      try {
        repo.commitBatch(batch);
        return batch.map(() => null);
      } catch {
        return batch.map((r) => {
          try {
            repo.commitBatch([r]);
            return null;
          } catch (e) {
            return reason(e);
          }
        });
      }
    },
    async close() {
      closed = true;
    },
  };
}

interface Waiting {
  resolve: (results: (string | null)[]) => void;
  reject: (err: unknown) => void;
}

/**
 * On a worker thread with its own connection to the database file (commitWorker.mjs): the
 * transaction and its fsync run there, so the main thread keeps serving every other meeting while
 * a batch is made durable. The promise settles only when the worker says the transaction has
 * committed. If the worker dies, the batches it held are rejected (never acknowledged) and the next
 * write starts a new one.
 */
export function workerWriter(
  filename: string,
  onFailure: (reason: string) => void,
  script: URL = new URL('./commitWorker.mjs', import.meta.url),
): CommitWriter {
  let worker: Worker | null = null;
  let closed = false;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const start = (): Worker => {
    const w = new Worker(script, {
      workerData: { filename, pragmas: [...PRAGMAS], sql: COMMIT_SQL },
    });
    // The server's own sockets keep the process alive; the worker must not on its own.
    w.unref();
    w.on('message', (m: { id: number; results: (string | null)[] }) => {
      const p = waiting.get(m.id);
      waiting.delete(m.id);
      p?.resolve(m.results);
    });
    const fail = (err: Error) => {
      if (worker !== w) return;
      worker = null;
      for (const p of waiting.values()) p.reject(err);
      waiting.clear();
      if (!closed) onFailure(err.message.slice(0, 120));
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the commit worker stopped (exit code ${code})`)));
    return w;
  };
  worker = start();

  return {
    write(batch) {
      if (closed) return Promise.reject(new Error('the store is closed'));
      const w = (worker ??= start());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.postMessage({ id, batch });
      });
    },
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage({ type: 'close' });
      await exited;
    },
  };
}
