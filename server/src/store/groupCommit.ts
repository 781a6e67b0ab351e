import type { CommitWriter } from './commitWriter';
import { toCommitRows, type CommitRecord, type CommitRows } from './repo';

interface Pending {
  rows: CommitRows;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: commands accepted by any meeting are written in batches, one transaction and one
 * fsync (synchronous=FULL) per batch. One batch is written at a time; what arrives meanwhile forms
 * the next batch, so the busier the server, the more commands share an fsync. Each caller's promise
 * settles only once its record is durable: nothing is acknowledged before it is on disk.
 */
export class GroupCommit {
  private pending: Pending[] = [];
  private writing = false;
  private scheduled = false;

  constructor(private readonly writer: CommitWriter) {}

  commit(record: CommitRecord): Promise<void> {
    // Serialised now, on the caller's turn: the state object may be replaced, never mutated, later.
    const rows = toCommitRows(record);
    return new Promise((resolve, reject) => {
      this.pending.push({ rows, resolve, reject });
      if (!this.writing && !this.scheduled) {
        // Everything accepted during this turn of the event loop joins the batch.
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    this.writing = true;
    try {
      while (this.pending.length) {
        const batch = this.pending;
        this.pending = [];
        try {
          const results = await this.writer.write(batch.map((b) => b.rows));
          batch.forEach((b, i) => {
            const failure = results[i];
            if (failure == null) b.resolve();
            else b.reject(new Error(`the command could not be stored (${failure})`));
          });
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** Stops the writer; call after every actor is idle. */
  close(): Promise<void> {
    return this.writer.close();
  }
}
