import { randomId } from '../auth/crypto';
import type { Db } from './db';
import type { FeedbackAnswer, FeedbackStore, Synchronous } from './ports';

interface FeedbackRow {
  felt_safe: number | null;
  was_heard: number | null;
  it_helped: number | null;
  comment: string | null;
}

/** Anonymous feedback: the "has answered" mark and the answer are two unlinked rows. */
export function createSqliteFeedback(db: Db): Synchronous<FeedbackStore> {
  const q = {
    given: db.prepare('SELECT 1 AS ok FROM feedback_given WHERE meeting_id = ? AND person_id = ?'),
    markGiven: db.prepare(
      'INSERT OR IGNORE INTO feedback_given (meeting_id, person_id) VALUES (?, ?)',
    ),
    insert: db.prepare(
      `INSERT INTO feedback_answers (id, case_id, felt_safe, was_heard, it_helped, comment)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    byCase: db.prepare(
      'SELECT felt_safe, was_heard, it_helped, comment FROM feedback_answers WHERE case_id = ?',
    ),
  };
  return {
    feedbackGiven: (meetingId, personId) => q.given.get(meetingId, personId) !== undefined,
    insertFeedback: db.transaction(
      (meetingId: string, personId: string, caseId: string, a: FeedbackAnswer): boolean => {
        if (q.markGiven.run(meetingId, personId).changes === 0) return false;
        // A random key, and a table without rowid: the answer keeps no order of arrival.
        q.insert.run(randomId(24), caseId, a.feltSafe, a.wasHeard, a.itHelped, a.comment);
        return true;
      },
    ),
    feedbackByCase: (caseId) =>
      (q.byCase.all(caseId) as FeedbackRow[]).map((r) => ({
        feltSafe: r.felt_safe,
        wasHeard: r.was_heard,
        itHelped: r.it_helped,
        comment: r.comment,
      })),
  };
}
