import type { Language } from '../../../shared/i18n/languages';
import type { MeetingDto, PersonDto } from '../../../shared/protocol/http';
import type { InterpreterLink } from '../../../shared/room/interpreters/mode';
import type { Party, Role } from '../../../shared/room/roles';
import type { MeetingKind } from '../../../shared/room/prep/gate';
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
export type MeetingRecord = MeetingDto & { floorMode: 'gentle' | 'protected'; kind: MeetingKind };

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
  /**
   * Interpreter links this command changed (issue 17): the person's link on the case follows, in
   * the same transaction, so the case's next meeting starts with it. Member id = person id.
   */
  interpreterLinks?: InterpreterLinkChange[];
  /**
   * People this command turned away at the lobby: their links to this meeting are withdrawn in
   * the same transaction. A link that reached the wrong person must not keep opening the case's
   * pages around the meeting (its preparation, questions, written exchange).
   */
  withdrawLinksOf?: string[];
}

export interface InterpreterLinkChange {
  personId: string;
  interpretsFor: { memberId: string; mode: 'spoken' | 'sign' } | null;
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
    /** English when not given. */
    language?: Language;
    /** An interpreter's person of the case (issue 17). */
    interpretsFor?: InterpreterLink | null;
    now: number;
  }): Promise<void>;
  /** Issue 17: the language the facilitator set for the person. */
  setPersonLanguage(id: string, language: Language): Promise<void>;
  /** Issue 17: whom an interpreter interprets for (null: nobody), as a facilitator set it. */
  setInterpreterLink(id: string, link: InterpreterLink | null): Promise<void>;
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
    /** Issue 15: joint unless said. */
    kind?: MeetingKind;
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

/** Issue 15: who is in which meeting (people of the case; facilitators come from the case). */
export interface MeetingMemberStore {
  memberIdsOf(meetingId: string): Promise<string[]>;
  /** Replaces a meeting's members in one transaction. */
  setMeetingMembers(meetingId: string, personIds: string[]): Promise<void>;
  addMeetingMember(meetingId: string, personId: string): Promise<void>;
}

/** One readiness decision (the latest per party counts; earlier ones are kept as history). */
export interface ReadinessRow {
  party: string;
  decision: string;
  decided_on: string;
  note: string;
  at: number;
}

/** One consent given (and perhaps withdrawn) by a person for a meeting. */
export interface ConsentRow {
  version: string;
  at: number;
  withdrawn_at: number | null;
}

export interface TimeProposalRow {
  id: string;
  starts_at: number;
  minutes: number;
}

export interface QuestionRow {
  id: string;
  text: string;
  shared: number;
  created_at: number;
}

/**
 * Issue 15: the preparation kept outside the room (never in its state or command log): readiness,
 * consent, timing, preparation records, safety plans and the patient's questions. Deleted with the
 * case (foreign keys cascade; secure_delete overwrites them).
 */
export interface PrepStore {
  insertReadiness(r: {
    caseId: string;
    party: string;
    decision: string;
    decidedOn: string;
    note: string;
    facilitatorId: string;
    now: number;
  }): Promise<void>;
  /** The latest decision of each party of a case. */
  latestReadiness(caseId: string): Promise<ReadinessRow[]>;
  insertConsent(meetingId: string, personId: string, version: string, now: number): Promise<void>;
  /** Withdraws the person's latest consent for the meeting; false when there was none live. */
  withdrawConsent(meetingId: string, personId: string, now: number): Promise<boolean>;
  latestConsent(meetingId: string, personId: string): Promise<ConsentRow | undefined>;
  /** Replaces the proposed times of a meeting (and any choice made among older ones). */
  setTimeProposals(meetingId: string, times: TimeProposalRow[], now: number): Promise<void>;
  timeProposals(meetingId: string): Promise<TimeProposalRow[]>;
  chooseTime(
    meetingId: string,
    proposalId: string | null,
    personId: string,
    now: number,
  ): Promise<void>;
  /** The choice: a proposal id, null for "none suits", or undefined when nobody chose yet. */
  timeChoice(meetingId: string): Promise<{ proposal_id: string | null } | undefined>;
  putPrepRecord(caseId: string, party: string, bodyJson: string, now: number): Promise<void>;
  prepRecords(caseId: string): Promise<{ party: string; body_json: string; updated_at: number }[]>;
  putSafetyPlan(personId: string, bodyJson: string, now: number): Promise<void>;
  safetyPlans(
    caseId: string,
  ): Promise<{ person_id: string; body_json: string; updated_at: number }[]>;
  insertQuestion(q: {
    id: string;
    caseId: string;
    party: string;
    text: string;
    now: number;
  }): Promise<void>;
  questions(caseId: string, party: string): Promise<QuestionRow[]>;
  setQuestionShared(id: string, caseId: string, party: string, shared: boolean): Promise<boolean>;
  deleteQuestion(id: string, caseId: string, party: string): Promise<boolean>;
}

/** Issue 16: each case's time zone (an IANA name), for follow-up dates in the case's own days. */
export interface FollowUpStore {
  caseTimeZone(caseId: string): Promise<string>;
  setCaseTimeZone(caseId: string, timeZone: string): Promise<void>;
  /** Open cases a facilitator leads or is assigned to (the overdue list spans them). */
  openCasesForFacilitator(facilitatorId: string): Promise<CaseRow[]>;
}

/** One message of the written exchange (PRE-6), as stored until its case is purged. */
export interface RelayMessageRow {
  id: string;
  case_id: string;
  person_id: string;
  from_party: string;
  body: string;
  /** 'pending' until the facilitator releases it to the other side or returns it with a note. */
  status: 'pending' | 'released' | 'returned';
  note: string | null;
  created_at: number;
  decided_at: number | null;
}

/** Issue 16: the written exchange relayed by the facilitator, kept only as long as its case. */
export interface RelayStore {
  relayOpen(caseId: string): Promise<boolean>;
  setRelayOpen(caseId: string, open: boolean): Promise<void>;
  insertRelayMessage(m: {
    id: string;
    caseId: string;
    personId: string;
    fromParty: string;
    body: string;
    now: number;
  }): Promise<void>;
  relayMessages(caseId: string): Promise<RelayMessageRow[]>;
  relayMessageById(id: string): Promise<RelayMessageRow | undefined>;
  /** Releases or returns a pending message; false when it was not pending (decided already). */
  decideRelayMessage(
    id: string,
    status: 'released' | 'returned',
    note: string | null,
    now: number,
  ): Promise<boolean>;
}

/** One anonymous answer: no person, no time (see the migration). Scores 1-5 or null (skipped). */
export interface FeedbackAnswer {
  feltSafe: number | null;
  wasHeard: number | null;
  itHelped: number | null;
  comment: string | null;
}

/** Issue 16: the programme's anonymous feedback, one answer per person and meeting. */
export interface FeedbackStore {
  feedbackGiven(meetingId: string, personId: string): Promise<boolean>;
  /**
   * Marks the person as having answered and stores the answer apart, in one transaction; false
   * (nothing written) when they had answered already.
   */
  insertFeedback(
    meetingId: string,
    personId: string,
    caseId: string,
    a: FeedbackAnswer,
  ): Promise<boolean>;
  feedbackByCase(caseId: string): Promise<FeedbackAnswer[]>;
}

/** One e-mail waiting to go (or gone): what for, to whom, from when. */
export interface NotificationRow {
  id: string;
  person_id: string;
  kind: string;
  ref: string;
  due_at: number;
  sent_at: number | null;
  attempts: number;
}

/** Issue 16: optional e-mail notifications, as due rows (a restart picks them up again). */
export interface NotificationStore {
  personEmail(personId: string): Promise<string | null>;
  setPersonEmail(personId: string, email: string | null): Promise<void>;
  /** People of open cases who have an e-mail address: whom notifications may go to. */
  peopleWithEmail(): Promise<{ id: string; case_id: string; party: string; email: string }[]>;
  /** Adds a notification unless one of that kind about that thing exists for the person. */
  scheduleNotification(n: {
    id: string;
    personId: string;
    kind: string;
    ref: string;
    dueAt: number;
  }): Promise<void>;
  /** Unsent notifications due by `now` with fewer than `maxAttempts` tries, oldest first. */
  dueNotifications(now: number, limit: number, maxAttempts: number): Promise<NotificationRow[]>;
  markNotificationSent(id: string, now: number): Promise<void>;
  markNotificationFailed(id: string): Promise<void>;
}

/** Everything the HTTP API and the sockets use: each caller names the parts it needs. */
export type Store = AccountStore &
  CaseStore &
  MeetingStore &
  InviteStore &
  AuditStore &
  RetentionStore &
  MeetingMemberStore &
  PrepStore &
  FollowUpStore &
  RelayStore &
  FeedbackStore &
  NotificationStore;
