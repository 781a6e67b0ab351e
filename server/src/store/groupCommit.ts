import type { CommitRecord, Repo } from './repo';

/**
 * Group commit: commands accepted by any meeting during one turn of the event loop are written in
 * a single transaction, so one fsync (synchronous=FULL) covers them all. Each caller's promise
 * settles only once its record is durable, so nothing is acknowledged before it is on disk.
 */
export class GroupCommit {
  private pending: { record: CommitRecord; resolve: () => void; reject: (e: unknown) => void }[] =
    [];
  private scheduled = false;

  constructor(private readonly repo: Repo) {}

  commit(record: CommitRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    try {
      this.repo.commitBatch(batch.map((b) => b.record));
      for (const b of batch) b.resolve();
    } catch {
      // One bad record must not fail the others: write them one by one.
      for (const b of batch) {
        try {
          this.repo.commitBatch([b.record]);
          b.resolve();
        } catch (e) {
          b.reject(e);
        }
      }
    }
  }
}
