// The store contract: one suite, run against both implementations of the store's ports (SQLite,
// the embedded default, and PostgreSQL, for several app nodes), each on a real database.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoomState } from '../../shared/room/state';
import type { InterpreterLink } from '../../shared/room/interpreters/mode';
import { CommandLog } from '../../server/src/store/commandLog';
import { openDb } from '../../server/src/store/db';
import { PgCommandLog } from '../../server/src/store/pgCommands';
import { openPg } from '../../server/src/store/pgDb';
import { createPgStore } from '../../server/src/store/pgStore';
import type { CommandStore, CommitRecord, Store } from '../../server/src/store/ports';
import { createSqliteStore } from '../../server/src/store/sqliteStore';
import { startPostgres, type PostgresServer } from '../support/postgres';

interface Backend {
  store: Store;
  commands: CommandStore;
  close(): Promise<void>;
}

let postgres: PostgresServer;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

const IMPLEMENTATIONS: [string, () => Promise<Backend>][] = [
  [
    'SQLite',
    async () => {
      const db = openDb(mkdtempSync(path.join(tmpdir(), 'cg-contract-')));
      const commands = new CommandLog(db, () => undefined);
      return {
        store: createSqliteStore(db),
        commands,
        close: async () => {
          await commands.close();
          db.close();
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const pool = await openPg(await postgres.createDatabase());
      return {
        store: createPgStore(pool),
        commands: new PgCommandLog(pool),
        close: () => pool.end(),
      };
    },
  ],
];

const T0 = 1_790_000_000_000;
const DAY = 86_400_000;

describe.each(IMPLEMENTATIONS)('store contract: %s', (_name, open) => {
  let b: Backend;
  let s: Store;
  beforeAll(async () => {
    b = await open();
    s = b.store;
  }, 30_000);
  afterAll(async () => {
    await b?.close();
  });

  let n = 0;
  const id = (p: string) => `${p}-${++n}`;

  async function facilitator(name = 'Fran') {
    const f = { id: id('f'), email: `${id('e')}@example.org`, name, passwordHash: 'h', now: T0 };
    await s.insertFacilitator(f);
    return f;
  }

  /** A case with a facilitator, one person and one meeting whose first snapshot is stored. */
  async function meeting() {
    const f = await facilitator();
    const caseId = id('c');
    await s.insertCase(caseId, f.id, 'Case', T0);
    const personId = id('p');
    await s.insertPerson({
      id: personId,
      caseId,
      displayName: 'Pat',
      party: 'patient',
      role: 'patient',
      now: T0,
    });
    const meetingId = id('m');
    await s.insertMeeting({ id: meetingId, caseId, title: 'M', floorMode: 'gentle', now: T0 });
    const state = createRoomState({
      meetingId,
      members: [
        { id: f.id, name: f.name, role: 'facilitator', party: 'facilitation' },
        { id: personId, name: 'Pat', role: 'patient', party: 'patient' },
      ],
      floorMode: 'gentle',
    });
    await s.saveSnapshot(state, T0);
    return { f, caseId, personId, meetingId, state };
  }

  const commit = (
    state: ReturnType<typeof createRoomState>,
    version: number,
    clientId: string | null,
    extra: Partial<CommitRecord> = {},
  ): CommitRecord => ({
    meetingId: state.meetingId,
    state: { ...state, version },
    clientId,
    type: 'lobby.lock',
    now: T0 + version,
    audit: [{ event: 'lobby.locked', actorId: 'x', actorRole: 'facilitator' }],
    ...extra,
  });

  it('accounts: facilitators by email and id, counted, listed by name', async () => {
    const before = await s.facilitatorCount();
    const a = await facilitator('Zoe');
    const b2 = await facilitator('Amy');
    expect(await s.facilitatorCount()).toBe(before + 2);
    expect(await s.facilitatorByEmail(a.email)).toMatchObject({
      id: a.id,
      name: 'Zoe',
      password_hash: 'h',
      created_at: T0,
      failed_logins: 0,
      locked_until: 0,
    });
    expect((await s.facilitatorById(b2.id))?.email).toBe(b2.email);
    expect(await s.facilitatorById('nobody')).toBeUndefined();
    await s.setLoginFailures(a.id, 3, T0 + 5);
    expect(await s.facilitatorById(a.id)).toMatchObject({ failed_logins: 3, locked_until: T0 + 5 });
    const names = (await s.allFacilitators()).map((f) => f.name);
    expect(names.indexOf('Amy')).toBeLessThan(names.indexOf('Zoe'));
    await expect(s.insertFacilitator({ ...a, id: id('f') })).rejects.toThrow();
  });

  it('sessions live until they expire or are deleted', async () => {
    const f = await facilitator();
    await s.insertSession('sess-1', f.id, T0, T0 + 1000);
    expect(await s.sessionById('sess-1', T0 + 999)).toMatchObject({ facilitator_id: f.id });
    expect(await s.sessionById('sess-1', T0 + 1000)).toBeUndefined();
    await s.deleteSession('sess-1');
    expect(await s.sessionById('sess-1', T0)).toBeUndefined();
  });

  it('an account set-up link works once, before it expires, and creates the account with it', async () => {
    const f = await facilitator();
    await s.insertAccountInvite('hash-1', f.id, T0, T0 + DAY);
    const newF = {
      id: id('f'),
      email: `${id('e')}@example.org`,
      name: 'New',
      passwordHash: 'h',
      now: T0 + 1,
    };
    expect(await s.redeemAccountInvite('hash-1', newF)).toBe(true);
    expect(await s.facilitatorById(newF.id)).toBeDefined();
    const again = { ...newF, id: id('f'), email: `${id('e')}@example.org` };
    expect(await s.redeemAccountInvite('hash-1', again)).toBe(false);
    expect(await s.facilitatorById(again.id)).toBeUndefined();
    await s.insertAccountInvite('hash-2', f.id, T0, T0 + 10);
    expect(await s.redeemAccountInvite('hash-2', { ...again, now: T0 + 10 })).toBe(false);
    expect(await s.facilitatorById(again.id)).toBeUndefined();
  });

  it('cases: owned, assigned, handed over in one step, closed', async () => {
    const lead = await facilitator();
    const co = await facilitator('Co');
    const c1 = id('c');
    const c2 = id('c');
    await s.insertCase(c1, lead.id, 'First', T0);
    await s.insertCase(c2, lead.id, 'Second', T0 + 1);
    expect((await s.casesByOwner(lead.id)).map((c) => c.id)).toEqual([c2, c1]);
    expect(await s.caseById(c1)).toMatchObject({
      id: c1,
      owner_id: lead.id,
      title: 'First',
      created_at: T0,
      closed_at: null,
    });
    expect(await s.casesForFacilitator(co.id)).toEqual([]);
    await s.assignFacilitator(c1, co.id, T0);
    await s.assignFacilitator(c1, co.id, T0); // idempotent
    expect(await s.isAssigned(c1, co.id)).toBe(true);
    expect((await s.casesForFacilitator(co.id)).map((c) => c.id)).toEqual([c1]);
    expect(await s.facilitatorsByCase(c1)).toEqual([{ id: co.id, email: co.email, name: 'Co' }]);
    await s.handOverCase(c1, lead.id, co.id, T0 + 2);
    expect((await s.caseById(c1))!.owner_id).toBe(co.id);
    expect(await s.isAssigned(c1, co.id)).toBe(false);
    expect(await s.isAssigned(c1, lead.id)).toBe(true);
    await s.unassignFacilitator(c1, lead.id);
    expect(await s.isAssigned(c1, lead.id)).toBe(false);
    await s.closeCase(c2, T0 + 3);
    expect((await s.caseById(c2))!.closed_at).toBe(T0 + 3);
  });

  it('people and meetings keep the order they were added in', async () => {
    const f = await facilitator();
    const caseId = id('c');
    await s.insertCase(caseId, f.id, 'Case', T0);
    const ids = [id('p'), id('p'), id('p')];
    for (const pid of ids)
      await s.insertPerson({
        id: pid,
        caseId,
        displayName: pid,
        party: 'hcw',
        role: 'hcw',
        now: T0,
      });
    expect((await s.peopleByCase(caseId)).map((p) => p.id)).toEqual(ids);
    expect(await s.personById(ids[1]!)).toEqual({
      id: ids[1],
      displayName: ids[1],
      party: 'hcw',
      role: 'hcw',
      language: 'en',
      caseId,
    });
    const mids = [id('m'), id('m')];
    for (const mid of mids)
      await s.insertMeeting({ id: mid, caseId, title: mid, floorMode: 'protected', now: T0 });
    expect(await s.meetingsByCase(caseId)).toEqual(
      mids.map((mid) => ({
        id: mid,
        caseId,
        title: mid,
        createdAt: T0,
        status: 'open',
        kind: 'joint',
      })),
    );
    expect(await s.meetingById(mids[0]!)).toMatchObject({ floorMode: 'protected', status: 'open' });
  });

  it('snapshots: saved with the status, loaded as written, listed per case; live meetings', async () => {
    const m = await meeting();
    expect(await s.loadSnapshot(m.meetingId)).toEqual(m.state);
    expect(await s.snapshotsByCase(m.caseId)).toEqual([m.state]);
    expect(await s.liveMeetingIds()).toContain(m.meetingId);
    await s.saveSnapshot({ ...m.state, status: 'ended' }, T0 + 1);
    expect((await s.meetingById(m.meetingId))!.status).toBe('ended');
    expect(await s.liveMeetingIds()).not.toContain(m.meetingId);
  });

  it('a command is written with its snapshot, status and audit rows in one transaction', async () => {
    const m = await meeting();
    const { durable } = await b.commands.write(commit(m.state, 1, 'c-1', { status: 'live' }));
    await durable;
    expect((await s.loadSnapshot(m.meetingId))!.version).toBe(1);
    expect((await s.meetingById(m.meetingId))!.status).toBe('live');
    expect(await s.auditByMeeting(m.meetingId)).toEqual([
      { at: T0 + 1, event: 'lobby.locked', actor_id: 'x', actor_role: 'facilitator' },
    ]);
    await (
      await b.commands.write(commit(m.state, 2, null))
    ).durable;
    await (
      await b.commands.write(commit(m.state, 3, 'c-3'))
    ).durable;
    expect(await b.commands.recentClientIds(m.meetingId, 10)).toEqual([
      ['c-1', 1],
      ['c-3', 3],
    ]);
    expect(await b.commands.recentClientIds(m.meetingId, 1)).toEqual([['c-3', 3]]);
  });

  it('two writers of one version: one wins, the other writes nothing at all', async () => {
    const m = await meeting();
    await (
      await b.commands.write(commit(m.state, 1, 'a-1'))
    ).durable;
    // A second writer that also read version 0 writes version 1 again, with other content.
    const other = commit({ ...m.state, title: 'other' } as typeof m.state, 1, 'b-1', {
      status: 'ended',
      audit: [{ event: 'meeting.ended', actorId: 'y', actorRole: 'facilitator' }],
    });
    await expect(b.commands.write(other)).rejects.toThrow();
    expect(await b.commands.recentClientIds(m.meetingId, 10)).toEqual([['a-1', 1]]);
    expect((await s.meetingById(m.meetingId))!.status).toBe('open');
    expect((await s.auditByMeeting(m.meetingId)).map((a) => a.event)).toEqual(['lobby.locked']);
    // The same client command id twice is refused too (a retry is answered from memory).
    await expect(b.commands.write(commit(m.state, 2, 'a-1'))).rejects.toThrow();
    expect((await s.loadSnapshot(m.meetingId))!.version).toBe(1);
  });

  it('invites: created, listed per case, withdrawn one by one or all but one', async () => {
    const m = await meeting();
    const inv = (iid: string, now: number) =>
      s.insertInvite({
        id: iid,
        meetingId: m.meetingId,
        personId: m.personId,
        now,
        expiresAt: now + DAY,
      });
    await inv('i-a', T0);
    await inv('i-b', T0 + 1);
    await inv('i-c', T0 + 2);
    expect((await s.invitesByCase(m.caseId)).map((i) => i.id)).toEqual(['i-a', 'i-b', 'i-c']);
    expect(await s.inviteById('i-a')).toEqual({
      id: 'i-a',
      meeting_id: m.meetingId,
      person_id: m.personId,
      created_at: T0,
      expires_at: T0 + DAY,
      revoked_at: null,
    });
    await s.revokeInvite('i-a', T0 + 5);
    await s.revokeInvite('i-a', T0 + 9); // the first withdrawal stands
    expect((await s.inviteById('i-a'))!.revoked_at).toBe(T0 + 5);
    expect((await s.revokeOtherInvites(m.meetingId, m.personId, 'i-c', T0 + 6)).sort()).toEqual([
      'i-b',
    ]);
    expect((await s.inviteById('i-b'))!.revoked_at).toBe(T0 + 6);
    expect((await s.inviteById('i-c'))!.revoked_at).toBeNull();
  });

  it('retention: a closed case goes with everything it holds; old records go by age', async () => {
    const m = await meeting();
    const keep = await meeting();
    await s.insertInvite({
      id: id('i'),
      meetingId: m.meetingId,
      personId: m.personId,
      now: T0,
      expiresAt: T0 + DAY,
    });
    await (
      await b.commands.write(commit(m.state, 1, 'r-1'))
    ).durable;
    await s.closeCase(m.caseId, T0 + 10);
    // Closed at T0 + 10: kept by a cutoff of T0 + 10 (an earlier test's closed case may go).
    expect((await s.purgeClosedBefore(T0 + 10)).caseIds).not.toContain(m.caseId);
    expect(await s.purgeClosedBefore(T0 + 11)).toEqual({
      caseIds: [m.caseId],
      meetingIds: [m.meetingId],
    });
    expect(await s.caseById(m.caseId)).toBeUndefined();
    expect(await s.personById(m.personId)).toBeUndefined();
    expect(await s.meetingById(m.meetingId)).toBeUndefined();
    expect(await s.loadSnapshot(m.meetingId)).toBeUndefined();
    expect(await s.invitesByCase(m.caseId)).toEqual([]);
    expect(await b.commands.recentClientIds(m.meetingId, 10)).toEqual([]);
    expect(await s.meetingById(keep.meetingId)).toBeDefined();

    await s.audit(null, T0 - 2 * DAY, 'case.created', 'x', 'facilitator');
    await s.insertSession(id('s'), keep.f.id, T0, T0 + 100);
    await s.insertInvite({
      id: 'old-i',
      meetingId: keep.meetingId,
      personId: keep.personId,
      now: T0 - 3 * DAY,
      expiresAt: T0 - 2 * DAY,
    });
    const purged = await s.purgeRecords(T0 - DAY, T0 + 100);
    expect(purged.audit).toBeGreaterThanOrEqual(1);
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(purged.invites).toBeGreaterThanOrEqual(1);
    expect(await s.inviteById('old-i')).toBeUndefined();
    expect(await s.purgeRecords(T0 - DAY, T0 + 100)).toEqual({ audit: 0, sessions: 0, invites: 0 });
  });

  it('meeting members keep the order their people were added in, and are replaced in one step', async () => {
    const m = await meeting();
    const other = id('p');
    await s.insertPerson({
      id: other,
      caseId: m.caseId,
      displayName: 'O',
      party: 'hcw',
      role: 'hcw',
      now: T0 + 1,
    });
    await s.setMeetingMembers(m.meetingId, [other, m.personId]);
    expect(await s.memberIdsOf(m.meetingId)).toEqual([m.personId, other]);
    await s.setMeetingMembers(m.meetingId, [other]);
    await s.addMeetingMember(m.meetingId, other); // already in: no change
    expect(await s.memberIdsOf(m.meetingId)).toEqual([other]);
    await s.setPersonLanguage(other, 'fr');
    expect((await s.personById(other))!.language).toBe('fr');
  });

  /** An interpreter on the meeting's case, linked to `interpretsFor` or to nobody. */
  const interpreter = async (caseId: string, interpretsFor?: InterpreterLink): Promise<string> => {
    const interp = id('p');
    await s.insertPerson({
      id: interp,
      caseId,
      displayName: 'I',
      party: 'other',
      role: 'interpreter',
      ...(interpretsFor ? { interpretsFor } : {}),
      now: T0 + 1,
    });
    return interp;
  };

  it('an interpreter’s person and mode: stored on the invite, changed, cleared (issue 17)', async () => {
    const m = await meeting();
    const interp = await interpreter(m.caseId, { memberId: m.personId, mode: 'sign' });
    expect((await s.personById(interp))!.interpretsFor).toEqual({
      memberId: m.personId,
      mode: 'sign',
    });
    expect((await s.personById(m.personId))!.interpretsFor).toBeUndefined();
    await s.setInterpreterLink(interp, { memberId: m.personId, mode: 'spoken' });
    const listed = (await s.peopleByCase(m.caseId)).find((p) => p.id === interp);
    expect(listed!.interpretsFor).toEqual({ memberId: m.personId, mode: 'spoken' });
    await s.setInterpreterLink(interp, null);
    expect((await s.personById(interp))!.interpretsFor).toBeUndefined();
  });

  it('an interpreter’s link changed in the room is saved with the command, and only with it', async () => {
    const m = await meeting();
    const interp = await interpreter(m.caseId);
    const link = { memberId: m.personId, mode: 'sign' as const };
    await (
      await b.commands.write(
        commit(m.state, 1, 'c1', { interpreterLinks: [{ personId: interp, interpretsFor: link }] }),
      )
    ).durable;
    expect((await s.personById(interp))!.interpretsFor).toEqual(link);
    // A command that loses the version race writes nothing: the link stays as it was.
    await expect(
      b.commands.write(
        commit(m.state, 1, 'c2', { interpreterLinks: [{ personId: interp, interpretsFor: null }] }),
      ),
    ).rejects.toThrow();
    expect((await s.personById(interp))!.interpretsFor).toEqual(link);
    await (
      await b.commands.write(
        commit(m.state, 2, 'c3', { interpreterLinks: [{ personId: interp, interpretsFor: null }] }),
      )
    ).durable;
    expect((await s.personById(interp))!.interpretsFor).toBeUndefined();
  });

  it('someone turned away at the lobby loses their links to that meeting, with the command', async () => {
    const m = await meeting();
    const other = id('m');
    await s.insertMeeting({
      id: other,
      caseId: m.caseId,
      title: 'N',
      floorMode: 'gentle',
      now: T0,
    });
    const link = (meetingId: string) => ({
      id: id('i'),
      meetingId,
      personId: m.personId,
      now: T0,
      expiresAt: T0 + DAY,
    });
    const here = link(m.meetingId);
    const elsewhere = link(other);
    for (const l of [here, elsewhere]) await s.insertInvite(l);
    const revoked = async (inviteId: string) => (await s.inviteById(inviteId))!.revoked_at;
    // A commit that loses the version race withdraws nothing.
    await (
      await b.commands.write(commit(m.state, 1, 'd1'))
    ).durable;
    await expect(
      b.commands.write(commit(m.state, 1, 'd2', { withdrawLinksOf: [m.personId] })),
    ).rejects.toThrow();
    expect(await revoked(here.id)).toBeNull();
    await (
      await b.commands.write(commit(m.state, 2, 'd3', { withdrawLinksOf: [m.personId] }))
    ).durable;
    expect(await revoked(here.id)).toBe(T0 + 2);
    // Their link to another meeting of the case stays.
    expect(await revoked(elsewhere.id)).toBeNull();
  });

  it('preparation: latest readiness per party, consent withdrawn once, one time chosen', async () => {
    const m = await meeting();
    const r = (party: string, decision: string, now: number) =>
      s.insertReadiness({
        caseId: m.caseId,
        party,
        decision,
        decidedOn: '2030-01-01',
        note: '',
        facilitatorId: m.f.id,
        now,
      });
    await r('patient', 'not_yet', T0);
    await r('patient', 'go', T0 + 1);
    await r('hcw', 'go', T0 + 2);
    expect((await s.latestReadiness(m.caseId)).map((x) => [x.party, x.decision])).toEqual([
      ['hcw', 'go'],
      ['patient', 'go'],
    ]);
    expect(await s.withdrawConsent(m.meetingId, m.personId, T0)).toBe(false);
    await s.insertConsent(m.meetingId, m.personId, 'v1', T0);
    expect(await s.withdrawConsent(m.meetingId, m.personId, T0 + 5)).toBe(true);
    expect(await s.withdrawConsent(m.meetingId, m.personId, T0 + 6)).toBe(false);
    expect(await s.latestConsent(m.meetingId, m.personId)).toEqual({
      version: 'v1',
      at: T0,
      withdrawn_at: T0 + 5,
    });
    const times = [
      { id: id('t'), starts_at: T0 + 2 * DAY, minutes: 60 },
      { id: id('t'), starts_at: T0 + DAY, minutes: 90 },
    ];
    await s.setTimeProposals(m.meetingId, times, T0);
    expect((await s.timeProposals(m.meetingId)).map((t) => t.id)).toEqual([
      times[1]!.id,
      times[0]!.id,
    ]);
    expect(await s.timeChoice(m.meetingId)).toBeUndefined();
    await s.chooseTime(m.meetingId, times[0]!.id, m.personId, T0);
    await s.chooseTime(m.meetingId, null, m.personId, T0 + 1);
    expect(await s.timeChoice(m.meetingId)).toEqual({ proposal_id: null });
    const q = id('q');
    await s.insertQuestion({ id: q, caseId: m.caseId, party: 'patient', text: 'Why?', now: T0 });
    expect(await s.setQuestionShared(q, m.caseId, 'hcw', true)).toBe(false); // not that side's
    expect(await s.setQuestionShared(q, m.caseId, 'patient', true)).toBe(true);
    expect((await s.questions(m.caseId, 'patient'))[0]).toMatchObject({ id: q, shared: 1 });
    expect(await s.deleteQuestion(q, m.caseId, 'patient')).toBe(true);
  });

  it('safety plans: a joint meeting that ends takes its members’ plans; a preparation meeting keeps them', async () => {
    const m = await meeting();
    const other = id('p');
    await s.insertPerson({
      id: other,
      caseId: m.caseId,
      displayName: 'O',
      party: 'hcw',
      role: 'hcw',
      now: T0,
    });
    await s.setMeetingMembers(m.meetingId, [m.personId]);
    const prepId = id('m');
    await s.insertMeeting({
      id: prepId,
      caseId: m.caseId,
      title: 'P',
      floorMode: 'gentle',
      now: T0,
      kind: 'prep',
    });
    await s.setMeetingMembers(prepId, [m.personId, other]);
    await s.saveSnapshot({ ...m.state, meetingId: prepId }, T0);
    for (const p of [m.personId, other]) await s.putSafetyPlan(p, '{"location":"home"}', T0);
    const planned = async () => (await s.safetyPlans(m.caseId)).map((x) => x.person_id).sort();
    // Ending the preparation meeting keeps both plans (they are for the meeting to come).
    await (
      await b.commands.write(
        commit({ ...m.state, meetingId: prepId }, 1, null, { status: 'ended' }),
      )
    ).durable;
    expect(await planned()).toEqual([m.personId, other].sort());
    // A command of the joint meeting that does not end it keeps them too.
    await (
      await b.commands.write(commit(m.state, 1, null, { status: 'live' }))
    ).durable;
    expect(await planned()).toEqual([m.personId, other].sort());
    // Ending it takes the plan of its member, and only theirs.
    await (
      await b.commands.write(commit(m.state, 2, null, { status: 'ended' }))
    ).durable;
    expect(await planned()).toEqual([other]);
  });

  it('feedback is given once per person and meeting, and stored apart from who gave it', async () => {
    const m = await meeting();
    const a = { feltSafe: 5, wasHeard: 4, itHelped: null, comment: 'ok' };
    expect(await s.feedbackGiven(m.meetingId, m.personId)).toBe(false);
    expect(await s.insertFeedback(m.meetingId, m.personId, m.caseId, a)).toBe(true);
    expect(await s.insertFeedback(m.meetingId, m.personId, m.caseId, a)).toBe(false);
    expect(await s.feedbackGiven(m.meetingId, m.personId)).toBe(true);
    expect(await s.feedbackByCase(m.caseId)).toEqual([a]);
  });

  it('the relayed exchange: a message is decided once; the case time zone defaults to UTC', async () => {
    const m = await meeting();
    expect(await s.relayOpen(m.caseId)).toBe(false);
    await s.setRelayOpen(m.caseId, true);
    expect(await s.relayOpen(m.caseId)).toBe(true);
    const msg = id('r');
    await s.insertRelayMessage({
      id: msg,
      caseId: m.caseId,
      personId: m.personId,
      fromParty: 'patient',
      body: 'b',
      now: T0,
    });
    expect(await s.decideRelayMessage(msg, 'released', null, T0 + 1)).toBe(true);
    expect(await s.decideRelayMessage(msg, 'returned', 'n', T0 + 2)).toBe(false);
    expect(await s.relayMessageById(msg)).toMatchObject({
      status: 'released',
      decided_at: T0 + 1,
      note: null,
    });
    expect((await s.relayMessages(m.caseId)).map((x) => x.id)).toEqual([msg]);
    expect(await s.caseTimeZone(m.caseId)).toBe('UTC');
    await s.setCaseTimeZone(m.caseId, 'Europe/Paris');
    expect(await s.caseTimeZone(m.caseId)).toBe('Europe/Paris');
  });

  it('notifications: one per person, kind and thing; due ones oldest first; sent ones not again', async () => {
    const m = await meeting();
    await s.setPersonEmail(m.personId, 'pat@example.org');
    expect(await s.personEmail(m.personId)).toBe('pat@example.org');
    expect((await s.peopleWithEmail()).map((p) => p.id)).toContain(m.personId);
    const n = (nid: string, ref: string, dueAt: number) =>
      s.scheduleNotification({ id: nid, personId: m.personId, kind: 'invitation', ref, dueAt });
    await n('n-late-' + m.meetingId, 'a-' + m.meetingId, T0 + 10);
    await n('n-early-' + m.meetingId, 'b-' + m.meetingId, T0 + 5);
    await n('n-dup-' + m.meetingId, 'a-' + m.meetingId, T0); // the same thing: ignored
    const due = (await s.dueNotifications(T0 + 10, 100, 3)).filter(
      (x) => x.person_id === m.personId,
    );
    expect(due.map((x) => x.id)).toEqual(['n-early-' + m.meetingId, 'n-late-' + m.meetingId]);
    await s.markNotificationSent('n-early-' + m.meetingId, T0 + 11);
    await s.markNotificationFailed('n-late-' + m.meetingId);
    const again = (await s.dueNotifications(T0 + 20, 100, 3)).filter(
      (x) => x.person_id === m.personId,
    );
    expect(again.map((x) => [x.id, x.attempts])).toEqual([['n-late-' + m.meetingId, 1]]);
  });
});
