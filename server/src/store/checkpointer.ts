import { Worker } from 'node:worker_threads';
import { PRAGMAS, type Db } from './db';

/** How often the checkpoint thread copies the write-ahead log into the database file. */
export const CHECKPOINT_MS = 1000;

export interface Checkpointer {
  /** A last full checkpoint (the log is emptied), then the thread ends. Call after the last write. */
  close(): Promise<void>;
}

/**
 * Starts the checkpoint thread (checkpointWorker.mjs), which copies the write-ahead log into the
 * database file every CHECKPOINT_MS on its own connection, so that copying and its fsyncs never
 * hold up the event loop or a command's write. Automatic checkpoints are turned off on `db` (and
 * the command log's connection turns them off on itself). If the thread dies it is started again a
 * checkpoint period later; until then the log only grows, and nothing is lost.
 */
export function startCheckpoints(
  db: Db,
  onFailure: (reason: string) => void,
  script: URL = new URL('./checkpointWorker.mjs', import.meta.url),
): Checkpointer {
  db.pragma('wal_autocheckpoint = 0');
  let worker: Worker | null = null;
  let closed = false;

  const start = (): Worker => {
    const w = new Worker(script, {
      workerData: { filename: db.name, pragmas: [...PRAGMAS], checkpointMs: CHECKPOINT_MS },
    });
    // The server's own sockets keep the process alive; the checkpoint thread must not on its own.
    w.unref();
    const fail = (err: Error) => {
      if (worker !== w) return;
      worker = null;
      if (closed) return;
      onFailure(err.message.slice(0, 120));
      setTimeout(() => {
        if (!closed && !worker) worker = start();
      }, CHECKPOINT_MS).unref();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the checkpoint thread stopped (exit code ${code})`)));
    return w;
  };
  worker = start();

  return {
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
