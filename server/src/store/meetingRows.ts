import type { MeetingDto } from '../../../shared/protocol/http';
import type { MeetingKind } from '../../../shared/room/prep/gate';

/** A meeting's row as both stores (SQLite and PostgreSQL) hold it. */
export interface MeetingRow {
  id: string;
  case_id: string;
  title: string;
  floor_mode: 'gentle' | 'protected';
  created_at: number;
  status: 'open' | 'live' | 'ended';
  kind: MeetingKind;
}

export const toMeeting = (r: MeetingRow): MeetingDto => ({
  id: r.id,
  caseId: r.case_id,
  title: r.title,
  createdAt: r.created_at,
  status: r.status,
  kind: r.kind,
});
