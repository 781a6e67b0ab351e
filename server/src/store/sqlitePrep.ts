import type { Db } from './db';
import type {
  ConsentRow,
  MeetingMemberStore,
  PrepStore,
  QuestionRow,
  ReadinessRow,
  TimeProposalRow,
  Synchronous,
} from './ports';

/** Who is in which meeting, in SQLite (issue 15). */
export function createSqliteMeetingMembers(db: Db): Synchronous<MeetingMemberStore> {
  const q = {
    members: db.prepare(
      `SELECT mm.person_id FROM meeting_members mm JOIN people p ON p.id = mm.person_id
       WHERE mm.meeting_id = ? ORDER BY p.created_at, p.rowid`,
    ),
    clear: db.prepare('DELETE FROM meeting_members WHERE meeting_id = ?'),
    add: db.prepare('INSERT OR IGNORE INTO meeting_members (meeting_id, person_id) VALUES (?, ?)'),
  };
  return {
    memberIdsOf: (meetingId) =>
      (q.members.all(meetingId) as { person_id: string }[]).map((r) => r.person_id),
    setMeetingMembers: db.transaction((meetingId: string, personIds: string[]) => {
      q.clear.run(meetingId);
      for (const id of personIds) q.add.run(meetingId, id);
    }),
    addMeetingMember: (meetingId, personId) => q.add.run(meetingId, personId),
  };
}

/**
 * Readiness, consent, timing, preparation records, safety plans and questions in SQLite (issue
 * 15). Bodies are stored as JSON text; nothing here is ever logged.
 */
export function createSqlitePrep(db: Db): Synchronous<PrepStore> {
  const q = {
    insertReadiness: db.prepare(
      `INSERT INTO readiness (case_id, party, decision, decided_on, note, facilitator_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    latestReadiness: db.prepare(
      `SELECT party, decision, decided_on, note, at FROM readiness r
       WHERE case_id = ? AND id = (SELECT MAX(id) FROM readiness WHERE case_id = r.case_id AND party = r.party)
       ORDER BY party`,
    ),
    insertConsent: db.prepare(
      'INSERT INTO consents (meeting_id, person_id, version, at) VALUES (?, ?, ?, ?)',
    ),
    latestConsent: db.prepare(
      `SELECT id, version, at, withdrawn_at FROM consents WHERE meeting_id = ? AND person_id = ?
       ORDER BY id DESC LIMIT 1`,
    ),
    withdraw: db.prepare(
      'UPDATE consents SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL',
    ),
    clearChoice: db.prepare('DELETE FROM time_choices WHERE meeting_id = ?'),
    clearProposals: db.prepare('DELETE FROM time_proposals WHERE meeting_id = ?'),
    insertProposal: db.prepare(
      'INSERT INTO time_proposals (id, meeting_id, starts_at, minutes, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    proposals: db.prepare(
      'SELECT id, starts_at, minutes FROM time_proposals WHERE meeting_id = ? ORDER BY starts_at',
    ),
    choose: db.prepare(
      `INSERT INTO time_choices (meeting_id, proposal_id, person_id, at) VALUES (?, ?, ?, ?)
       ON CONFLICT(meeting_id) DO UPDATE SET proposal_id = excluded.proposal_id,
         person_id = excluded.person_id, at = excluded.at`,
    ),
    choice: db.prepare('SELECT proposal_id FROM time_choices WHERE meeting_id = ?'),
    putRecord: db.prepare(
      `INSERT INTO prep_records (case_id, party, body_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(case_id, party) DO UPDATE SET body_json = excluded.body_json, updated_at = excluded.updated_at`,
    ),
    records: db.prepare('SELECT party, body_json, updated_at FROM prep_records WHERE case_id = ?'),
    putSafety: db.prepare(
      `INSERT INTO safety_plans (person_id, body_json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(person_id) DO UPDATE SET body_json = excluded.body_json, updated_at = excluded.updated_at`,
    ),
    safety: db.prepare(
      `SELECT s.person_id, s.body_json, s.updated_at FROM safety_plans s
       JOIN people p ON p.id = s.person_id WHERE p.case_id = ?`,
    ),
    insertQuestion: db.prepare(
      'INSERT INTO party_questions (id, case_id, party, text, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    questions: db.prepare(
      `SELECT id, text, shared, created_at FROM party_questions WHERE case_id = ? AND party = ?
       ORDER BY created_at, rowid`,
    ),
    share: db.prepare(
      'UPDATE party_questions SET shared = ? WHERE id = ? AND case_id = ? AND party = ?',
    ),
    deleteQuestion: db.prepare(
      'DELETE FROM party_questions WHERE id = ? AND case_id = ? AND party = ?',
    ),
  };
  return {
    insertReadiness: (r) =>
      q.insertReadiness.run(
        r.caseId,
        r.party,
        r.decision,
        r.decidedOn,
        r.note,
        r.facilitatorId,
        r.now,
      ),
    latestReadiness: (caseId) => q.latestReadiness.all(caseId) as ReadinessRow[],
    insertConsent: (meetingId, personId, version, now) =>
      q.insertConsent.run(meetingId, personId, version, now),
    withdrawConsent: db.transaction((meetingId: string, personId: string, now: number) => {
      const last = q.latestConsent.get(meetingId, personId) as
        (ConsentRow & { id: number }) | undefined;
      return !!last && q.withdraw.run(now, last.id).changes > 0;
    }),
    latestConsent: (meetingId, personId) => {
      const r = q.latestConsent.get(meetingId, personId) as
        (ConsentRow & { id: number }) | undefined;
      return r ? { version: r.version, at: r.at, withdrawn_at: r.withdrawn_at } : undefined;
    },
    setTimeProposals: db.transaction((meetingId: string, times: TimeProposalRow[], now: number) => {
      q.clearChoice.run(meetingId);
      q.clearProposals.run(meetingId);
      for (const t of times) q.insertProposal.run(t.id, meetingId, t.starts_at, t.minutes, now);
    }),
    timeProposals: (meetingId) => q.proposals.all(meetingId) as TimeProposalRow[],
    chooseTime: (meetingId, proposalId, personId, now) =>
      q.choose.run(meetingId, proposalId, personId, now),
    timeChoice: (meetingId) =>
      q.choice.get(meetingId) as { proposal_id: string | null } | undefined,
    putPrepRecord: (caseId, party, bodyJson, now) => q.putRecord.run(caseId, party, bodyJson, now),
    prepRecords: (caseId) =>
      q.records.all(caseId) as { party: string; body_json: string; updated_at: number }[],
    putSafetyPlan: (personId, bodyJson, now) => q.putSafety.run(personId, bodyJson, now),
    safetyPlans: (caseId) =>
      q.safety.all(caseId) as { person_id: string; body_json: string; updated_at: number }[],
    insertQuestion: (x) => q.insertQuestion.run(x.id, x.caseId, x.party, x.text, x.now),
    questions: (caseId, party) => q.questions.all(caseId, party) as QuestionRow[],
    setQuestionShared: (id, caseId, party, shared) =>
      q.share.run(shared ? 1 : 0, id, caseId, party).changes > 0,
    deleteQuestion: (id, caseId, party) => q.deleteQuestion.run(id, caseId, party).changes > 0,
  };
}
