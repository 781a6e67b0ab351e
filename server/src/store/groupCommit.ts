import type { CommitWriter } from './commitWriter';
import { toCommitRows, type CommitRecord, type CommitRows } from './repo';

interface Pending {
  rows: CommitRows;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: commands accepted by any meeting during one turn of the event loop are handed to
 * the writer together; the commit thread writes one transaction and one fsync (synchronous=FULL)
 * at a time, and every batch handed over while one is being written joins the next, so the busier
 * the server, the more commands share an fsync. Each caller's promise settles only once its record
 * is durable: nothing is acknowledged before it is on disk.
 */
export class GroupCommit {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly writer: CommitWriter) {}

  commit(record: CommitRecord): Promise<void> {
    // Serialised now, on the caller's turn: the state object may be replaced, never mutated, later.
    const rows = toCommitRows(record);
    return new Promise((resolve, reject) => {
      this.pending.push({ rows, resolve, reject });
      if (!this.scheduled) {
        // Everything accepted during this turn of the event loop joins the batch.
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    this.writer.write(batch.map((b) => b.rows)).then(
      (results) =>
        batch.forEach((b, i) => {
          const failure = results[i];
          if (failure == null) b.resolve();
          else b.reject(new Error(`the command could not be stored (${failure})`));
        }),
      (e: unknown) => {
        for (const b of batch) b.reject(e);
      },
    );
  }

  /** Stops the writer; call after every actor is idle. */
  close(): Promise<void> {
    return this.writer.close();
  }
}
