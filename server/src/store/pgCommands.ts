import type { PgPool } from './pgDb';
import type { CommandStore, CommitRecord } from './ports';

/** Another writer got to this meeting's version first: this node's state of it is stale. */
export class VersionConflictError extends Error {
  constructor(
    readonly meetingId: string,
    readonly version: number,
  ) {
    super(`meeting ${meetingId} is no longer at version ${version - 1} in the store`);
    this.name = 'VersionConflictError';
  }
}

/*
 * One accepted command as ONE statement (so one round trip, and atomic on its own): the snapshot
 * moves from version n-1 to n only if it is still at n-1, and the command row, the status and the
 * audit rows are written (and, when it ends the meeting, its safety plans deleted; when it
 * changes an interpreter's link, the link on the case; when it turns someone away at the lobby,
 * their links to the meeting withdrawn) only if it did. Two nodes that both think they own a meeting can never both write version n: the second
 * finds 0 rows and writes nothing.
 */
const COMMIT = `
WITH snap AS (
  UPDATE room_snapshots SET version = $2, state_json = $3, updated_at = $6
  WHERE meeting_id = $1 AND version = $2 - 1
  RETURNING meeting_id
), cmd AS (
  INSERT INTO room_commands (meeting_id, version, client_id, type, at)
  SELECT meeting_id, $2, $4, $5, $6 FROM snap
), st AS (
  UPDATE meetings SET status = $7 WHERE $7::text IS NOT NULL AND id IN (SELECT meeting_id FROM snap)
), sp AS (
  -- A joint or follow-up meeting that ends takes its members' safety plans (PRE-8; commitSql.ts).
  DELETE FROM safety_plans WHERE $7::text = 'ended'
    AND person_id IN (SELECT mm.person_id FROM meeting_members mm JOIN snap ON mm.meeting_id = snap.meeting_id)
    AND EXISTS (SELECT 1 FROM meetings WHERE id = $1 AND kind <> 'prep')
), il AS (
  -- An interpreter's link changed in the room is theirs on the case too (commitSql.ts).
  UPDATE people SET interprets_for = l.interprets_for, interpret_mode = l.interpret_mode
  FROM unnest($11::text[], $12::text[], $13::text[]) AS l(person_id, interprets_for, interpret_mode)
  WHERE people.id = l.person_id AND EXISTS (SELECT 1 FROM snap)
), wl AS (
  -- Someone turned away at the lobby loses their links to the meeting (commitSql.ts).
  UPDATE invites SET revoked_at = $6
  WHERE meeting_id = $1 AND person_id = ANY($14::text[]) AND revoked_at IS NULL
    AND EXISTS (SELECT 1 FROM snap)
), au AS (
  INSERT INTO audit (meeting_id, at, event, actor_id, actor_role)
  SELECT snap.meeting_id, $6, a.event, a.actor_id, a.actor_role
  FROM snap, unnest($8::text[], $9::text[], $10::text[]) AS a(event, actor_id, actor_role)
)
SELECT count(*)::int AS n FROM snap`;

/** The interpreter links of a commit as three parallel arrays ($11 to $13 of COMMIT). */
function interpreterLinkColumns(r: CommitRecord): [string[], (string | null)[], (string | null)[]] {
  const links = r.interpreterLinks ?? [];
  return [
    links.map((l) => l.personId),
    links.map((l) => l.interpretsFor?.memberId ?? null),
    links.map((l) => l.interpretsFor?.mode ?? null),
  ];
}

/**
 * The command log on PostgreSQL: a command is committed (on the disk, with PostgreSQL's default
 * synchronous_commit) before `write` returns, so it is durable at once, and every node reads it
 * from then on.
 */
export class PgCommandLog implements CommandStore {
  private failed: string | null = null;

  constructor(private readonly pool: PgPool) {}

  /** Commands are refused only while PostgreSQL is unreachable; never a sticky failure here. */
  get failure(): string | null {
    return this.failed;
  }

  async write(r: CommitRecord): Promise<{ durable: Promise<void> }> {
    const { rows } = await this.pool.query<{ n: number }>(COMMIT, [
      r.meetingId,
      r.state.version,
      JSON.stringify(r.state),
      r.clientId,
      r.type,
      r.now,
      r.status ?? null,
      r.audit.map((a) => a.event),
      r.audit.map((a) => a.actorId),
      r.audit.map((a) => a.actorRole),
      ...interpreterLinkColumns(r),
      r.withdrawLinksOf ?? [],
    ]);
    if (rows[0]!.n !== 1) throw new VersionConflictError(r.meetingId, r.state.version);
    return { durable: Promise.resolve() };
  }

  async recentClientIds(meetingId: string, limit: number): Promise<[string, number][]> {
    const { rows } = await this.pool.query<{ client_id: string; version: number }>(
      'SELECT client_id, version FROM room_commands WHERE meeting_id = $1 AND client_id IS NOT NULL ORDER BY version DESC LIMIT $2',
      [meetingId, limit],
    );
    return rows.reverse().map((r) => [r.client_id, r.version]);
  }

  async close(): Promise<void> {
    // The pool is the app's (closed by whoever opened it).
  }
}
