import { randomId } from '../auth/crypto';
import { inTransaction, type PgPool } from './pgDb';
import type {
  CaseRow,
  ConsentRow,
  FeedbackAnswer,
  FeedbackStore,
  FollowUpStore,
  MeetingMemberStore,
  NotificationRow,
  NotificationStore,
  PrepStore,
  QuestionRow,
  ReadinessRow,
  RelayMessageRow,
  RelayStore,
  TimeProposalRow,
} from './ports';

/*
 * Issues 15 and 16 in PostgreSQL: who is in which meeting, the preparation kept outside the room,
 * each case's time zone, the relayed written exchange, anonymous feedback and e-mail notifications.
 * The same rows and answers as the SQLite versions (sqlitePrep.ts, sqliteFollowUp.ts,
 * sqliteRelay.ts, sqliteFeedback.ts, sqliteNotifications.ts); the store contract test runs both.
 */

const rowsOf = async <T>(pool: PgPool, sql: string, params: unknown[] = []) =>
  (await pool.query(sql, params)).rows as T[];
const changed = async (pool: PgPool, sql: string, params: unknown[]) =>
  ((await pool.query(sql, params)).rowCount ?? 0) > 0;

export function createPgMeetingMembers(pool: PgPool): MeetingMemberStore {
  const add =
    'INSERT INTO meeting_members (meeting_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING';
  return {
    memberIdsOf: async (meetingId) =>
      (
        await rowsOf<{ person_id: string }>(
          pool,
          `SELECT mm.person_id FROM meeting_members mm JOIN people p ON p.id = mm.person_id
           WHERE mm.meeting_id = $1 ORDER BY p.created_at, p.seq`,
          [meetingId],
        )
      ).map((r) => r.person_id),
    setMeetingMembers: (meetingId, personIds) =>
      inTransaction(pool, async (c) => {
        await c.query('DELETE FROM meeting_members WHERE meeting_id = $1', [meetingId]);
        for (const id of personIds) await c.query(add, [meetingId, id]);
      }),
    addMeetingMember: async (meetingId, personId) => {
      await pool.query(add, [meetingId, personId]);
    },
  };
}

export function createPgPrep(pool: PgPool): PrepStore {
  const latestConsent = `SELECT id, version, at, withdrawn_at FROM consents
    WHERE meeting_id = $1 AND person_id = $2 ORDER BY id DESC LIMIT 1`;
  return {
    insertReadiness: async (r) => {
      await pool.query(
        `INSERT INTO readiness (case_id, party, decision, decided_on, note, facilitator_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [r.caseId, r.party, r.decision, r.decidedOn, r.note, r.facilitatorId, r.now],
      );
    },
    latestReadiness: (caseId) =>
      rowsOf<ReadinessRow>(
        pool,
        `SELECT party, decision, decided_on, note, at FROM readiness r
         WHERE case_id = $1 AND id = (SELECT MAX(id) FROM readiness WHERE case_id = r.case_id AND party = r.party)
         ORDER BY party`,
        [caseId],
      ),
    insertConsent: async (meetingId, personId, version, now) => {
      await pool.query(
        'INSERT INTO consents (meeting_id, person_id, version, at) VALUES ($1, $2, $3, $4)',
        [meetingId, personId, version, now],
      );
    },
    withdrawConsent: (meetingId, personId, now) =>
      inTransaction(pool, async (c) => {
        const last = (
          await c.query<{ id: number }>(latestConsent + ' FOR UPDATE', [meetingId, personId])
        ).rows[0];
        if (!last) return false;
        const r = await c.query(
          'UPDATE consents SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at IS NULL',
          [now, last.id],
        );
        return (r.rowCount ?? 0) > 0;
      }),
    latestConsent: async (meetingId, personId) => {
      const r = (await rowsOf<ConsentRow>(pool, latestConsent, [meetingId, personId]))[0];
      return r ? { version: r.version, at: r.at, withdrawn_at: r.withdrawn_at } : undefined;
    },
    setTimeProposals: (meetingId, times, now) =>
      inTransaction(pool, async (c) => {
        await c.query('DELETE FROM time_choices WHERE meeting_id = $1', [meetingId]);
        await c.query('DELETE FROM time_proposals WHERE meeting_id = $1', [meetingId]);
        for (const t of times)
          await c.query(
            'INSERT INTO time_proposals (id, meeting_id, starts_at, minutes, created_at) VALUES ($1, $2, $3, $4, $5)',
            [t.id, meetingId, t.starts_at, t.minutes, now],
          );
      }),
    timeProposals: (meetingId) =>
      rowsOf<TimeProposalRow>(
        pool,
        'SELECT id, starts_at, minutes FROM time_proposals WHERE meeting_id = $1 ORDER BY starts_at',
        [meetingId],
      ),
    chooseTime: async (meetingId, proposalId, personId, now) => {
      await pool.query(
        `INSERT INTO time_choices (meeting_id, proposal_id, person_id, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (meeting_id) DO UPDATE SET proposal_id = excluded.proposal_id,
           person_id = excluded.person_id, at = excluded.at`,
        [meetingId, proposalId, personId, now],
      );
    },
    timeChoice: async (meetingId) =>
      (
        await rowsOf<{ proposal_id: string | null }>(
          pool,
          'SELECT proposal_id FROM time_choices WHERE meeting_id = $1',
          [meetingId],
        )
      )[0],
    putPrepRecord: async (caseId, party, bodyJson, now) => {
      await pool.query(
        `INSERT INTO prep_records (case_id, party, body_json, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id, party) DO UPDATE SET body_json = excluded.body_json, updated_at = excluded.updated_at`,
        [caseId, party, bodyJson, now],
      );
    },
    prepRecords: (caseId) =>
      rowsOf(pool, 'SELECT party, body_json, updated_at FROM prep_records WHERE case_id = $1', [
        caseId,
      ]),
    putSafetyPlan: async (personId, bodyJson, now) => {
      await pool.query(
        `INSERT INTO safety_plans (person_id, body_json, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (person_id) DO UPDATE SET body_json = excluded.body_json, updated_at = excluded.updated_at`,
        [personId, bodyJson, now],
      );
    },
    safetyPlans: (caseId) =>
      rowsOf(
        pool,
        `SELECT s.person_id, s.body_json, s.updated_at FROM safety_plans s
         JOIN people p ON p.id = s.person_id WHERE p.case_id = $1`,
        [caseId],
      ),
    insertQuestion: async (x) => {
      await pool.query(
        'INSERT INTO party_questions (id, case_id, party, text, created_at) VALUES ($1, $2, $3, $4, $5)',
        [x.id, x.caseId, x.party, x.text, x.now],
      );
    },
    questions: (caseId, party) =>
      rowsOf<QuestionRow>(
        pool,
        `SELECT id, text, shared, created_at FROM party_questions WHERE case_id = $1 AND party = $2
         ORDER BY created_at, seq`,
        [caseId, party],
      ),
    setQuestionShared: (id, caseId, party, shared) =>
      changed(
        pool,
        'UPDATE party_questions SET shared = $1 WHERE id = $2 AND case_id = $3 AND party = $4',
        [shared ? 1 : 0, id, caseId, party],
      ),
    deleteQuestion: (id, caseId, party) =>
      changed(pool, 'DELETE FROM party_questions WHERE id = $1 AND case_id = $2 AND party = $3', [
        id,
        caseId,
        party,
      ]),
  };
}

export function createPgFollowUp(pool: PgPool): FollowUpStore {
  return {
    caseTimeZone: async (caseId) =>
      (
        await rowsOf<{ time_zone: string }>(pool, 'SELECT time_zone FROM cases WHERE id = $1', [
          caseId,
        ])
      )[0]?.time_zone ?? 'UTC',
    setCaseTimeZone: async (caseId, timeZone) => {
      await pool.query('UPDATE cases SET time_zone = $1 WHERE id = $2', [timeZone, caseId]);
    },
    openCasesForFacilitator: (id) =>
      rowsOf<CaseRow>(
        pool,
        `SELECT id, owner_id, title, created_at, closed_at FROM cases WHERE closed_at IS NULL AND (owner_id = $1
           OR id IN (SELECT case_id FROM case_facilitators WHERE facilitator_id = $1))
         ORDER BY created_at DESC`,
        [id],
      ),
  };
}

const RELAY_COLUMNS =
  'id, case_id, person_id, from_party, body, status, note, created_at, decided_at';

export function createPgRelay(pool: PgPool): RelayStore {
  return {
    relayOpen: async (caseId) =>
      (
        await rowsOf<{ relay_open: number }>(pool, 'SELECT relay_open FROM cases WHERE id = $1', [
          caseId,
        ])
      )[0]?.relay_open === 1,
    setRelayOpen: async (caseId, open) => {
      await pool.query('UPDATE cases SET relay_open = $1 WHERE id = $2', [open ? 1 : 0, caseId]);
    },
    insertRelayMessage: async (m) => {
      await pool.query(
        `INSERT INTO relay_messages (id, case_id, person_id, from_party, body, status, created_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6)`,
        [m.id, m.caseId, m.personId, m.fromParty, m.body, m.now],
      );
    },
    relayMessages: (caseId) =>
      rowsOf<RelayMessageRow>(
        pool,
        `SELECT ${RELAY_COLUMNS} FROM relay_messages WHERE case_id = $1 ORDER BY created_at, seq`,
        [caseId],
      ),
    relayMessageById: async (id) =>
      (
        await rowsOf<RelayMessageRow>(
          pool,
          `SELECT ${RELAY_COLUMNS} FROM relay_messages WHERE id = $1`,
          [id],
        )
      )[0],
    decideRelayMessage: (id, status, note, now) =>
      changed(
        pool,
        `UPDATE relay_messages SET status = $1, note = $2, decided_at = $3 WHERE id = $4 AND status = 'pending'`,
        [status, note, now, id],
      ),
  };
}

export function createPgFeedback(pool: PgPool): FeedbackStore {
  return {
    feedbackGiven: (meetingId, personId) =>
      changed(pool, 'SELECT 1 FROM feedback_given WHERE meeting_id = $1 AND person_id = $2', [
        meetingId,
        personId,
      ]),
    insertFeedback: (meetingId, personId, caseId, a: FeedbackAnswer) =>
      inTransaction(pool, async (c) => {
        const marked = await c.query(
          'INSERT INTO feedback_given (meeting_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [meetingId, personId],
        );
        if (!marked.rowCount) return false;
        // A random key and no time: the answer keeps no order of arrival (read back unordered).
        await c.query(
          `INSERT INTO feedback_answers (id, case_id, felt_safe, was_heard, it_helped, comment)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [randomId(24), caseId, a.feltSafe, a.wasHeard, a.itHelped, a.comment],
        );
        return true;
      }),
    feedbackByCase: async (caseId) =>
      (
        await rowsOf<{
          felt_safe: number | null;
          was_heard: number | null;
          it_helped: number | null;
          comment: string | null;
        }>(
          pool,
          'SELECT felt_safe, was_heard, it_helped, comment FROM feedback_answers WHERE case_id = $1 ORDER BY id',
          [caseId],
        )
      ).map((r) => ({
        feltSafe: r.felt_safe,
        wasHeard: r.was_heard,
        itHelped: r.it_helped,
        comment: r.comment,
      })),
  };
}

export function createPgNotifications(pool: PgPool): NotificationStore {
  return {
    personEmail: async (personId) =>
      (
        await rowsOf<{ email: string | null }>(pool, 'SELECT email FROM people WHERE id = $1', [
          personId,
        ])
      )[0]?.email ?? null,
    setPersonEmail: async (personId, email) => {
      await pool.query('UPDATE people SET email = $1 WHERE id = $2', [email, personId]);
    },
    peopleWithEmail: () =>
      rowsOf(
        pool,
        `SELECT p.id, p.case_id, p.party, p.email FROM people p JOIN cases c ON c.id = p.case_id
         WHERE p.email IS NOT NULL AND c.closed_at IS NULL`,
      ),
    scheduleNotification: async (n) => {
      await pool.query(
        `INSERT INTO notifications (id, person_id, kind, ref, due_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [n.id, n.personId, n.kind, n.ref, n.dueAt],
      );
    },
    dueNotifications: (now, limit, maxAttempts) =>
      rowsOf<NotificationRow>(
        pool,
        `SELECT id, person_id, kind, ref, due_at, sent_at, attempts FROM notifications
         WHERE sent_at IS NULL AND due_at <= $1 AND attempts < $2 ORDER BY due_at LIMIT $3`,
        [now, maxAttempts, limit],
      ),
    markNotificationSent: async (id, now) => {
      await pool.query(
        'UPDATE notifications SET sent_at = $1, attempts = attempts + 1 WHERE id = $2',
        [now, id],
      );
    },
    markNotificationFailed: async (id) => {
      await pool.query('UPDATE notifications SET attempts = attempts + 1 WHERE id = $1', [id]);
    },
  };
}
