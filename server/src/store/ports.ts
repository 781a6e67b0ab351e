import type { MeetingDto, PersonDto } from '../../../shared/protocol/http';
import type { Party, Role } from '../../../shared/room/roles';
import type { RoomState } from '../../../shared/room/state';

/*
 * The store's ports: what the app needs of storage, one interface per use, so that callers depend
 * on what they use and a second implementation (PostgreSQL, for several app nodes) can be added
 * beside the SQLite one (sqlite*.ts) without touching them. Tests pass plain objects that satisfy
 * the interface they need: no casts.
 */

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
  facilitatorCount(): number;
  facilitatorByEmail(email: string): FacilitatorRow | undefined;
  facilitatorById(id: string): FacilitatorRow | undefined;
  insertFacilitator(f: NewFacilitator): void;
  setLoginFailures(id: string, failures: number, lockedUntil: number): void;
  /** Every facilitator account (no password data): whom a lead may assign. */
  allFacilitators(): FacilitatorSummary[];
  /** Sessions are stored by the hash of their id only. */
  insertSession(id: string, facilitatorId: string, now: number, expiresAt: number): void;
  sessionById(id: string, now: number): { id: string; facilitator_id: string } | undefined;
  deleteSession(id: string): void;
  /** Stores a colleague's one-time account set-up link, by the hash of its token only. */
  insertAccountInvite(tokenHash: string, createdBy: string, now: number, expiresAt: number): void;
  /**
   * Uses a set-up link and creates the account in one transaction: false (and nothing written)
   * when the link is unknown, used or expired.
   */
  redeemAccountInvite(tokenHash: string, f: NewFacilitator): boolean;
}

/** Cases, their people and the facilitator accounts assigned to them. */
export interface CaseStore {
  insertCase(id: string, ownerId: string, title: string, now: number): void;
  caseById(id: string): CaseRow | undefined;
  casesByOwner(ownerId: string): CaseRow[];
  closeCase(id: string, now: number): void;
  /** Cases a facilitator leads or is assigned to, newest first. */
  casesForFacilitator(facilitatorId: string): CaseRow[];
  /** Assigns a facilitator account to a case as a co-facilitator (idempotent). */
  assignFacilitator(caseId: string, facilitatorId: string, now: number): void;
  unassignFacilitator(caseId: string, facilitatorId: string): void;
  isAssigned(caseId: string, facilitatorId: string): boolean;
  facilitatorsByCase(caseId: string): FacilitatorSummary[];
  /**
   * Hands a case to one of its assigned facilitators: they become the owner and the old owner
   * becomes assigned, in one transaction.
   */
  handOverCase(caseId: string, fromId: string, toId: string, now: number): void;
  insertPerson(p: {
    id: string;
    caseId: string;
    displayName: string;
    party: Party;
    role: Role;
    now: number;
  }): void;
  peopleByCase(caseId: string): PersonDto[];
  personById(id: string): PersonRecord | undefined;
  /** The room states of a case's meetings (the case list counts overdue follow-ups). */
  snapshotsByCase(caseId: string): RoomState[];
}

/** Meetings, their room state and what their accepted commands leave behind. */
export interface MeetingStore {
  insertMeeting(m: {
    id: string;
    caseId: string;
    title: string;
    floorMode: string;
    now: number;
  }): void;
  meetingById(id: string): MeetingRecord | undefined;
  meetingsByCase(caseId: string): MeetingDto[];
  /** Meetings not ended: loaded again after a restart. */
  liveMeetingIds(): string[];
  loadSnapshot(meetingId: string): RoomState | undefined;
  /** Writes a state outside the command log (a new meeting's first), with its status. */
  saveSnapshot(state: RoomState, now: number): void;
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
  write(record: CommitRecord): { durable: Promise<void> };
  /** The client command ids of a meeting's latest `limit` commands, oldest first, with versions. */
  recentClientIds(meetingId: string, limit: number): [string, number][];
}

/** Personal meeting links. */
export interface InviteStore {
  insertInvite(i: {
    id: string;
    meetingId: string;
    personId: string;
    now: number;
    expiresAt: number;
  }): void;
  inviteById(id: string): InviteRow | undefined;
  invitesByCase(caseId: string): InviteRow[];
  revokeInvite(id: string, now: number): void;
  /** Withdraws every live link of one person for one meeting except `keepId`; their ids. */
  revokeOtherInvites(meetingId: string, personId: string, keepId: string, now: number): string[];
}

/** The content-free audit log. */
export interface AuditStore {
  audit(
    meetingId: string | null,
    now: number,
    event: string,
    actorId: string | null,
    actorRole: string | null,
  ): void;
  auditByMeeting(meetingId: string): AuditRow[];
}

/** What the retention purge deletes. */
export interface RetentionStore {
  /** Every case closed before `cutoff`, with all it holds (people, meetings, invites, state). */
  purgeClosedBefore(cutoff: number): { caseIds: string[]; meetingIds: string[] };
  /**
   * Deletes audit rows older than `cutoff`, sessions expired by `now`, and invites that expired
   * or were withdrawn before `cutoff`; how many of each.
   */
  purgeRecords(cutoff: number, now: number): { audit: number; sessions: number; invites: number };
}

/** Everything the HTTP API and the sockets use: each caller names the parts it needs. */
export type Store = AccountStore &
  CaseStore &
  MeetingStore &
  InviteStore &
  AuditStore &
  RetentionStore;
