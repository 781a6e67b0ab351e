import type { RoomState } from '../../../shared/room/state';
import { COMMIT_SQL } from './commitSql';
import type { Db } from './db';
import type { MeetingStore, Synchronous } from './ports';
import { toMeeting, type MeetingRow } from './meetingRows';

/** Meetings and their room snapshots in SQLite (prepared statements). */
export function createSqliteMeetings(db: Db): Synchronous<MeetingStore> {
  const q = {
    insertMeeting: db.prepare(
      'INSERT INTO meetings (id, case_id, title, floor_mode, created_at, kind) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    meetingById: db.prepare('SELECT * FROM meetings WHERE id = ?'),
    meetingsByCase: db.prepare(
      'SELECT * FROM meetings WHERE case_id = ? ORDER BY created_at, rowid',
    ),
    liveMeetings: db.prepare("SELECT id FROM meetings WHERE status != 'ended'"),
    snapshot: db.prepare('SELECT version, state_json FROM room_snapshots WHERE meeting_id = ?'),
    upsertSnapshot: db.prepare(COMMIT_SQL.snapshot),
    setStatus: db.prepare(COMMIT_SQL.status),
  };

  return {
    insertMeeting: (m) =>
      q.insertMeeting.run(m.id, m.caseId, m.title, m.floorMode, m.now, m.kind ?? 'joint'),
    meetingById: (id) => {
      const r = q.meetingById.get(id) as MeetingRow | undefined;
      return r ? { ...toMeeting(r), floorMode: r.floor_mode, kind: r.kind } : undefined;
    },
    meetingsByCase: (caseId) => (q.meetingsByCase.all(caseId) as MeetingRow[]).map(toMeeting),
    liveMeetingIds: () => (q.liveMeetings.all() as { id: string }[]).map((r) => r.id),
    loadSnapshot: (meetingId) => {
      const r = q.snapshot.get(meetingId) as { version: number; state_json: string } | undefined;
      return r ? (JSON.parse(r.state_json) as RoomState) : undefined;
    },
    saveSnapshot: db.transaction((state: RoomState, now: number) => {
      q.upsertSnapshot.run(state.meetingId, state.version, JSON.stringify(state), now);
      q.setStatus.run(state.status, state.meetingId);
    }),
  };
}
