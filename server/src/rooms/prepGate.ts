import type { ConsentStatus } from '../../../shared/protocol/prep';
import type { GateItem, ReadinessDecision } from '../../../shared/room/prep/gate';
import type { Party } from '../../../shared/room/roles';
import type { NewMember } from '../../../shared/room/state';
import { sha256 } from '../auth/crypto';
import type { CaseStore, MeetingMemberStore, MeetingStore, PrepStore } from '../store/ports';

/** What the gate is derived from: the meeting, its members, readiness and consents. */
export type GateStore = Pick<MeetingStore, 'meetingById'> &
  Pick<CaseStore, 'personById'> &
  MeetingMemberStore &
  Pick<PrepStore, 'latestReadiness' | 'latestConsent'>;

/**
 * The consent version of a meeting: a digest of who is present (each member's id, name and role,
 * observers included). Any change to the list makes earlier consents outdated (PRE-4).
 */
/** The people of a meeting, in order (a person deleted meanwhile is skipped). */
async function peopleOf(store: GateStore, meetingId: string) {
  const ids = await store.memberIdsOf(meetingId);
  return (await Promise.all(ids.map((id) => store.personById(id)))).filter((p) => p !== undefined);
}

/** A meeting's people (not its facilitators) as its room takes them in. */
export async function newMembersOf(store: GateStore, meetingId: string): Promise<NewMember[]> {
  return (await peopleOf(store, meetingId)).map((p) => ({
    id: p.id,
    name: p.displayName,
    role: p.role,
    party: p.party,
    interpretsFor: p.interpretsFor ?? null,
  }));
}

export async function consentVersion(store: GateStore, meetingId: string): Promise<string> {
  const list = (await peopleOf(store, meetingId))
    .map((p) => `${p.id}|${p.role}|${p.displayName}`)
    .sort();
  return sha256(list.join('\n')).slice(0, 16);
}

/** One member's consent now: current, outdated (who is present changed), withdrawn or missing. */
export async function consentStatus(
  store: GateStore,
  meetingId: string,
  personId: string,
  knownVersion?: string,
): Promise<{ status: ConsentStatus; at: number | null }> {
  const version = knownVersion ?? (await consentVersion(store, meetingId));
  const c = await store.latestConsent(meetingId, personId);
  if (!c) return { status: 'missing', at: null };
  if (c.withdrawn_at !== null) return { status: 'withdrawn', at: c.withdrawn_at };
  return { status: c.version === version ? 'current' : 'outdated', at: c.at };
}

/**
 * What still stops a joint meeting from starting (NOT-9): each party of its members not at "go",
 * and each member without current consent. Empty for other kinds of meeting.
 */
export async function gateItems(store: GateStore, meetingId: string): Promise<GateItem[]> {
  const m = await store.meetingById(meetingId);
  if (!m || m.kind !== 'joint') return [];
  // A captioner (CART) is in no party and is no party's choice to make: the list everyone consents
  // to names them (consentVersion), but neither a readiness decision nor their own consent gates
  // the start (issue 17).
  const people = (await peopleOf(store, meetingId)).filter((p) => p.role !== 'captioner');
  const decisions = new Map(
    (await store.latestReadiness(m.caseId)).map((r) => [r.party, r.decision as ReadinessDecision]),
  );
  const parties = [...new Set(people.map((p) => p.party))] as Party[];
  const missing: GateItem[] = [];
  for (const party of parties) {
    const decision = decisions.get(party) ?? null;
    if (decision !== 'go') missing.push({ code: 'readiness', party, decision });
  }
  const version = await consentVersion(store, meetingId);
  for (const p of people) {
    const { status } = await consentStatus(store, meetingId, p.id, version);
    if (status !== 'current') missing.push({ code: 'consent', personId: p.id, reason: status });
  }
  return missing;
}

/** Whether two gate lists say the same (the room is told only when something changed). */
export const sameGate = (a: GateItem[] | undefined, b: GateItem[]): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b);
