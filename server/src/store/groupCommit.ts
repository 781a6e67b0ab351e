import type { CommitWriter } from './commitWriter';
import { toCommitRows, type CommitRecord } from './repo';

/**
 * Group commit: each accepted command is handed to the writer at once, and the commit thread
 * writes one transaction and one fsync (synchronous=FULL) at a time: every command handed over
 * while one is being written joins the next (commitWorker.mjs), so the busier the server, the more
 * commands share an fsync, and no command waits for the main thread to finish other work before
 * its write starts. Each caller's promise settles only once its record is durable: nothing is
 * acknowledged before it is on disk.
 */
export class GroupCommit {
  constructor(private readonly writer: CommitWriter) {}

  async commit(record: CommitRecord): Promise<void> {
    // Serialised now, on the caller's turn: the state object may be replaced, never mutated, later.
    const [failure] = await this.writer.write([toCommitRows(record)]);
    if (failure != null) throw new Error(`the command could not be stored (${failure})`);
  }

  /** Stops the writer; call after every actor is idle. */
  close(): Promise<void> {
    return this.writer.close();
  }
}
