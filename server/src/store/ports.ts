import type { MeetingDto, PersonDto } from '../../../shared/protocol/http';
import type { Party, Role } from '../../../shared/room/roles';
import type { RoomState } from '../../../shared/room/state';

/*
 * The store's ports: what the app needs of storage, one interface per use, so that callers depend
 * on what they use. Two implementations: SQLite (sqlite*.ts, the embedded default, synchronous
 * inside) and PostgreSQL (pg*.ts, chosen by DATABASE_URL, for several app nodes). Every method
 * answers with a promise, so that callers are the same for both. Tests pass plain objects that
 * satisfy the interface they need: no casts.
 */

/** A port as its synchronous implementation (SQLite) writes it: the same methods, no promises. */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

/**
 * A synchronous implementation as its port: every method answers with a promise, and a throw
 * becomes a rejection. The work itself is done at once, on the caller's turn.
 */
export function promised<T extends object>(impl: Synchronous<T>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(impl)) {
    out[k] =
      typeof v === 'function'
        ? (...args: unknown[]) => {
            try {
              return Promise.resolve((v as (...a: unknown[]) => unknown)(...args));
            } catch (err) {
              return Promise.reject(err);
            }
          }
        : v;
  }
  return out as T;
}

export interface FacilitatorRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
  failed_logins: number;
  locked_until: number;
}

/** A facilitator account as others may see it. */
export interface FacilitatorSummary {
  id: string;
  email: string;
  name: string;
}

/** A new facilitator account (the password already hashed). */
export interface NewFacilitator {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  now: number;
}

export interface CaseRow {
  id: string;
  owner_id: string;
  title: string;
  created_at: number;
  closed_at: number | null;
}

export interface InviteRow {
  id: string;
  meeting_id: string;
  person_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** A meeting's row: its status ('open' | 'live' | 'ended') follows the room state's. */
export type MeetingRecord = MeetingDto & { floorMode: 'gentle' | 'protected' };

/** A person of a case, with the case. */
export type PersonRecord = PersonDto & { caseId: string };

/** One content-free audit row. */
export interface AuditRow {
  at: number;
  event: string;
  actor_id: string | null;
  actor_role: string | null;
}

/** One accepted command, as written before it is acknowledged. */
export interface CommitRecord {
  meetingId: string;
  state: RoomState;
  clientId: string | null;
  type: string;
  now: number;
  audit: { event: string; actorId: string | null; actorRole: string | null }[];
  /**
   * The meeting's new status when this command changed it (written to the meeting's row in the
   * same transaction as the snapshot, so the two never disagree), else null or absent.
   */
  status?: RoomState['status'] | null;
}

/** Facilitator accounts, their sessions and colleagues' one-time set-up links. */
export interface AccountStore {
  facilitatorCount(): Promise<number>;
  facilitatorByEmail(email: string): Promise<FacilitatorRow | undefined>;
  facilitatorById(id: string): Promise<FacilitatorRow | undefined>;
  insertFacilitator(f: NewFacilitator): Promise<void>;
  setLoginFailures(id: string, failures: number, lockedUntil: number): Promise<void>;
  /** Every facilitator account (no password data): whom a lead may assign. */
  allFacilitators(): Promise<FacilitatorSummary[]>;
  /** Sessions are stored by the hash of their id only. */
  insertSession(id: string, facilitatorId: string, now: number, expiresAt: number): Promise<void>;
  sessionById(id: string, now: number): Promise<{ id: string; facilitator_id: string } | undefined>;
  deleteSession(id: string): Promise<void>;
  /** Stores a colleague's one-time account set-up link, by the hash of its token only. */
  insertAccountInvite(
    tokenHash: string,
    createdBy: string,
    now: number,
    expiresAt: number,
  ): Promise<void>;
  /**
   * Uses a set-up link and creates the account in one transaction: false (and nothing written)
   * when the link is unknown, used or expired.
   */
  redeemAccountInvite(tokenHash: string, f: NewFacilitator): Promise<boolean>;
}

/** Cases, their people and the facilitator accounts assigned to them. */
export interface CaseStore {
  insertCase(id: string, ownerId: string, title: string, now: number): Promise<void>;
  caseById(id: string): Promise<CaseRow | undefined>;
  casesByOwner(ownerId: string): Promise<CaseRow[]>;
  closeCase(id: string, now: number): Promise<void>;
  /** Cases a facilitator leads or is assigned to, newest first. */
  casesForFacilitator(facilitatorId: string): Promise<CaseRow[]>;
  /** Assigns a facilitator account to a case as a co-facilitator (idempotent). */
  assignFacilitator(caseId: string, facilitatorId: string, now: number): Promise<void>;
  unassignFacilitator(caseId: string, facilitatorId: string): Promise<void>;
  isAssigned(caseId: string, facilitatorId: string): Promise<boolean>;
  facilitatorsByCase(caseId: string): Promise<FacilitatorSummary[]>;
  /**
   * Hands a case to one of its assigned facilitators: they become the owner and the old owner
   * becomes assigned, in one transaction.
   */
  handOverCase(caseId: string, fromId: string, toId: string, now: number): Promise<void>;
  insertPerson(p: {
    id: string;
    caseId: string;
    displayName: string;
    party: Party;
    role: Role;
    now: number;
  }): Promise<void>;
  peopleByCase(caseId: string): Promise<PersonDto[]>;
  personById(id: string): Promise<PersonRecord | undefined>;
  /** The room states of a case's meetings (the case list counts overdue follow-ups). */
  snapshotsByCase(caseId: string): Promise<RoomState[]>;
}

/** Meetings, their room state and what their accepted commands leave behind. */
export interface MeetingStore {
  insertMeeting(m: {
    id: string;
    caseId: string;
    title: string;
    floorMode: string;
    now: number;
  }): Promise<void>;
  meetingById(id: string): Promise<MeetingRecord | undefined>;
  meetingsByCase(caseId: string): Promise<MeetingDto[]>;
  /** Meetings not ended: loaded again after a restart. */
  liveMeetingIds(): Promise<string[]>;
  loadSnapshot(meetingId: string): Promise<RoomState | undefined>;
  /** Writes a state outside the command log (a new meeting's first), with its status. */
  saveSnapshot(state: RoomState, now: number): Promise<void>;
}

/**
 * A meeting's command log as its actor needs it: each accepted command written at once and on
 * the disk a moment later (commandLog.ts), and the client ids already applied.
 */
export interface CommandStore {
  /**
   * Writes one accepted command (its row, the meeting's new snapshot and status, its audit rows)
   * in one transaction, at once, on the caller's turn; throws if it could not, and then nothing
   * was written. `durable` settles once the command is on the disk itself.
   */
  write(record: CommitRecord): Promise<{ durable: Promise<void> }>;
  /** The client command ids of a meeting's latest `limit` commands, oldest first, with versions. */
  recentClientIds(meetingId: string, limit: number): Promise<[string, number][]>;
}

/** Personal meeting links. */
export interface InviteStore {
  insertInvite(i: {
    id: string;
    meetingId: string;
    personId: string;
    now: number;
    expiresAt: number;
  }): Promise<void>;
  inviteById(id: string): Promise<InviteRow | undefined>;
  invitesByCase(caseId: string): Promise<InviteRow[]>;
  revokeInvite(id: string, now: number): Promise<void>;
  /** Withdraws every live link of one person for one meeting except `keepId`; their ids. */
  revokeOtherInvites(
    meetingId: string,
    personId: string,
    keepId: string,
    now: number,
  ): Promise<string[]>;
}

/** The content-free audit log. */
export interface AuditStore {
  audit(
    meetingId: string | null,
    now: number,
    event: string,
    actorId: string | null,
    actorRole: string | null,
  ): Promise<void>;
  auditByMeeting(meetingId: string): Promise<AuditRow[]>;
}

/** What the retention purge deletes. */
export interface RetentionStore {
  /** Every case closed before `cutoff`, with all it holds (people, meetings, invites, state). */
  purgeClosedBefore(cutoff: number): Promise<{ caseIds: string[]; meetingIds: string[] }>;
  /**
   * Deletes audit rows older than `cutoff`, sessions expired by `now`, and invites that expired
   * or were withdrawn before `cutoff`; how many of each.
   */
  purgeRecords(
    cutoff: number,
    now: number,
  ): Promise<{ audit: number; sessions: number; invites: number }>;
}

/** Everything the HTTP API and the sockets use: each caller names the parts it needs. */
export type Store = AccountStore &
  CaseStore &
  MeetingStore &
  InviteStore &
  AuditStore &
  RetentionStore;
