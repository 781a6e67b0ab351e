import { describe, expect, it } from 'vitest';
import { randomId, sha256 } from '../../server/src/auth/crypto';
import {
  CSRF_HEADER,
  type AccountInviteDto,
  type CaseDto,
  type CaseSummaryDto,
  type InviteDto,
  type MeetingDto,
  type PersonDto,
} from '../../shared/protocol/http';
import {
  FACILITATOR_PASSWORD,
  addCofacilitator,
  api,
  connect,
  createColleague,
  createMeeting,
  type Client,
  type TestServer,
} from '../support/server';
import { apiCall, rowCount, useTestServer } from '../support/lifecycle';

/**
 * Issue 12, findings 1 and 2, and "a closed case is read-only", against the real server (real
 * HTTP, real sockets, real SQLite): facilitator power comes only from a signed-in facilitator
 * account; a co-facilitator is a colleague's account set up through a one-time link and assigned
 * to the case; nobody can remove the lead; the lead can hand the case over.
 */

const PEOPLE = [
  { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
  { key: 'support', name: 'Sam Doe', party: 'patient', role: 'patient_support' },
  { key: 'clinician', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
  { key: 'observer', name: 'Olly Obs', party: 'other', role: 'observer' },
] as const;

const call = apiCall;
const count = rowCount;

async function connectError(
  s: TestServer,
  auth: Parameters<typeof connect>[1],
): Promise<string | undefined> {
  try {
    const c = await connect(s, auth);
    c.close();
    return 'CONNECTED';
  } catch (e) {
    return (e as { data?: { code?: string } }).data?.code;
  }
}

describe('issue 12: membership you can trust (accounts, assignment, hand-over)', () => {
  let s: TestServer;
  const clients: Client[] = [];
  const track = (c: Client) => (clients.push(c), c);

  useTestServer((x) => (s = x), clients, { each: true });

  describe('finding 1: facilitator power comes only from a signed-in facilitator account', () => {
    it('the people API refuses facilitator roles and wrong parties with a typed 400 and changes nothing', async () => {
      const c = await api<CaseDto>(s, 'POST', '/cases', { title: 'Conversation A' });
      const bad = [
        { role: 'facilitator', party: 'patient', field: 'role' },
        { role: 'facilitator', party: 'facilitation', field: 'role' },
        { role: 'cofacilitator', party: 'facilitation', field: 'role' },
        { role: 'cofacilitator', party: 'hcw', field: 'role' },
        { role: 'patient', party: 'hcw', field: 'party' },
        { role: 'patient_support', party: 'facilitation', field: 'party' },
        { role: 'hcw', party: 'patient', field: 'party' },
        { role: 'hcw_support', party: 'other', field: 'party' },
        { role: 'org_rep', party: 'hcw', field: 'party' },
        { role: 'interpreter', party: 'patient', field: 'party' },
        { role: 'observer', party: 'facilitation', field: 'party' },
      ];
      const before = count(s, 'people');
      for (const b of bad) {
        const res = await call(s, 'POST', `/cases/${c.id}/people`, {
          displayName: 'Someone',
          role: b.role,
          party: b.party,
        });
        expect(res.status, `${b.role} in ${b.party}`).toBe(400);
        expect(res.body.error).toMatchObject({
          code: 'INVALID_PAYLOAD',
          issues: [expect.objectContaining({ path: b.field })],
        });
      }
      const issue = (
        await call(s, 'POST', `/cases/${c.id}/people`, {
          displayName: 'Someone',
          role: 'cofacilitator',
          party: 'facilitation',
        })
      ).body.error;
      expect(issue?.issues?.[0]?.message).toMatch(/own facilitator account/);
      expect(count(s, 'people')).toBe(before);
      expect((await api<CaseDto>(s, 'GET', `/cases/${c.id}`)).people).toEqual([]);

      // Every role the permission matrix allows, in its party, is still accepted.
      const good = [
        ['patient', 'patient'],
        ['patient_support', 'patient'],
        ['hcw', 'hcw'],
        ['hcw_support', 'hcw'],
        ['org_rep', 'other'],
        ['interpreter', 'other'],
        ['observer', 'other'],
      ];
      for (const [role, party] of good) {
        const p = await api<PersonDto>(s, 'POST', `/cases/${c.id}/people`, {
          displayName: `Person ${role}`,
          role,
          party,
        });
        expect(p).toMatchObject({ role, party });
      }
      expect(count(s, 'people')).toBe(before + good.length);
    });

    it('an invite link never carries facilitator powers', async () => {
      const m = await createMeeting(s, [...PEOPLE]);
      // What finding 1 did: add a "facilitator" and a "co-facilitator" as people of the case.
      for (const [role, party] of [
        ['facilitator', 'patient'],
        ['cofacilitator', 'facilitation'],
      ]) {
        const res = await call(s, 'POST', `/cases/${m.caseId}/people`, {
          displayName: 'Would-be facilitator',
          role,
          party,
        });
        expect(res.status).toBe(400);
      }
      const lead = track(
        await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie }),
      );
      await lead.waitFor((v) => v.me.status === 'admitted');
      // Every person of the case, each through a fresh invite link.
      const everyone = (await api<CaseDto>(s, 'GET', `/cases/${m.caseId}`)).people;
      expect(everyone).toHaveLength(PEOPLE.length);
      for (const person of everyone) {
        const invite = await api<InviteDto>(
          s,
          'POST',
          `/meetings/${m.meetingId}/invites/${person.id}`,
        );
        const p = { ...person, token: invite.url.split('/j/')[1]! };
        const c = track(await connect(s, { invite: p.token }));
        const v = await c.waitFor((x) => x.me.id === p.id);
        expect(v.me.isFacilitator).toBe(false);
        expect(v.me.status).toBe('invited');
        expect(v.facilitator).toBeNull();
        expect(await c.command({ type: 'lobby.join' })).toMatchObject({ ok: true });
        for (const command of [
          { type: 'lobby.admit', memberId: p.id },
          { type: 'member.remove', memberId: s.facilitator.id },
          { type: 'meeting.start' },
          { type: 'lobby.lock', locked: true },
        ]) {
          expect(await c.command(command), `${p.role}: ${command.type}`).toMatchObject({
            ok: false,
            error: { code: 'FORBIDDEN' },
          });
        }
        c.close();
      }
      expect(lead.latest()!.status).toBe('open');
      expect(lead.latest()!.members.find((x) => x.id === s.facilitator.id)).toBeDefined();

      // A person recorded with a facilitator role before issue 12 (written straight to the
      // store, as an old database would hold it): their link opens nothing.
      const legacyId = randomId();
      await s.app.store.insertPerson({
        id: legacyId,
        caseId: m.caseId,
        displayName: 'Old Cofac',
        party: 'facilitation',
        role: 'cofacilitator',
        now: Date.now(),
      });
      const inviteId = randomId(18);
      await s.app.store.insertInvite({
        id: inviteId,
        meetingId: m.meetingId,
        personId: legacyId,
        now: Date.now(),
        expiresAt: Date.now() + 3600_000,
      });
      const legacy = (await api<CaseDto>(s, 'GET', `/cases/${m.caseId}`)).invites.find(
        (i) => i.id === inviteId,
      )!;
      const token = legacy.url.split('/j/')[1]!;
      expect(await connectError(s, { invite: token })).toBe('NOT_FOUND');
      expect((await call(s, 'GET', `/invite/${token}`)).status).toBe(404);
    });

    it('a colleague set up through the one-time link and assigned joins signed in with facilitator controls', async () => {
      const m = await createMeeting(s, [...PEOPLE]);

      // The link: only its token's hash is stored; it works once.
      const link = await api<AccountInviteDto>(s, 'POST', '/account-invites');
      const token = decodeURIComponent(link.url.split('#token=')[1]!);
      expect(link.url).toContain('/setup/colleague#token=');
      expect(link.expiresAt).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
      const rows = s.app.db!.prepare('SELECT * FROM account_invites').all() as {
        token_hash: string;
        used_at: number | null;
      }[];
      expect(rows).toEqual([expect.objectContaining({ token_hash: sha256(token), used_at: null })]);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(s.logLines.join('\n')).not.toContain(token);

      const setup = (email: string, t = token) =>
        fetch(`${s.url}/api/setup/colleague`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
          body: JSON.stringify({
            token: t,
            email,
            name: 'Cory Cofac',
            password: FACILITATOR_PASSWORD,
          }),
        });
      const facilitatorsBefore = count(s, 'facilitators');
      // An email that already has an account: refused, and the link is not spent.
      expect((await setup(s.facilitator.email)).status).toBe(409);
      expect((await setup('cory@example.org', 'not-a-real-token-at-all')).status).toBe(403);
      const ok = await setup('cory@example.org');
      expect(ok.status).toBe(201);
      const cofacId = ((await ok.json()) as { id: string }).id;
      const cookie = ok.headers.get('set-cookie')!.split(';')[0]!;
      expect((await setup('cory2@example.org')).status).toBe(403);
      expect(count(s, 'facilitators')).toBe(facilitatorsBefore + 1);
      expect((await call(s, 'GET', '/auth/me', undefined, cookie)).body).toMatchObject({
        id: cofacId,
        email: 'cory@example.org',
      });

      // Not assigned yet: the case and its meeting do not exist for them.
      expect((await call(s, 'GET', `/cases/${m.caseId}`, undefined, cookie)).status).toBe(404);
      expect(await api<CaseSummaryDto[]>(s, 'GET', '/cases', undefined, cookie)).toEqual([]);
      expect(await connectError(s, { meetingId: m.meetingId, cookie })).toBe('NOT_FOUND');

      // The lead assigns them by email; the open meeting learns it.
      const after = await api<CaseDto>(s, 'POST', `/cases/${m.caseId}/facilitators`, {
        email: 'cory@example.org',
      });
      expect(after.facilitators).toEqual([
        { id: cofacId, email: 'cory@example.org', name: 'Cory Cofac' },
      ]);
      expect(
        (await api<CaseSummaryDto[]>(s, 'GET', '/cases', undefined, cookie)).map((c) => c.id),
      ).toEqual([m.caseId]);
      const seen = await api<CaseDto>(s, 'GET', `/cases/${m.caseId}`, undefined, cookie);
      expect(seen.viewerIsLead).toBe(false);
      // Only the lead changes the case.
      expect(
        (
          await call(
            s,
            'POST',
            `/cases/${m.caseId}/people`,
            { displayName: 'X', role: 'patient', party: 'patient' },
            cookie,
          )
        ).status,
      ).toBe(403);

      const cofac = track(await connect(s, { meetingId: m.meetingId, cookie }));
      const v = await cofac.waitFor((x) => x.me.status === 'admitted');
      expect(v.me).toMatchObject({ id: cofacId, role: 'cofacilitator', isFacilitator: true });
      expect(v.facilitator).not.toBeNull();

      // Facilitator controls: they admit the patient from the waiting area.
      const patient = track(await connect(s, { invite: m.people.patient!.token }));
      expect(await patient.command({ type: 'lobby.join' })).toMatchObject({ ok: true });
      await cofac.waitFor(
        (x) =>
          !!x.facilitator?.lobby.some(
            (e) => e.id === m.people.patient!.id && e.status === 'waiting',
          ),
      );
      expect(
        await cofac.command({ type: 'lobby.admit', memberId: m.people.patient!.id }),
      ).toMatchObject({ ok: true });
      await patient.waitFor((x) => x.me.status === 'admitted');

      // Taken off the case: out of the open meeting at once, and refused from then on.
      await api<CaseDto>(s, 'POST', `/cases/${m.caseId}/facilitators/${cofacId}/unassign`);
      await expect.poll(() => cofac.socket.connected).toBe(false);
      expect(await connectError(s, { meetingId: m.meetingId, cookie })).toBe('NOT_FOUND');
      expect((await call(s, 'GET', `/cases/${m.caseId}`, undefined, cookie)).status).toBe(404);
    });

    it('an unassigned facilitator account gets NOT_FOUND for the meeting, a new meeting includes the assigned', async () => {
      const m = await createMeeting(s, [...PEOPLE]);
      const stranger = await createColleague(s, 'Sol Stranger');
      expect(await connectError(s, { meetingId: m.meetingId, cookie: stranger.cookie })).toBe(
        'NOT_FOUND',
      );
      expect(
        (await call(s, 'GET', `/meetings/${m.meetingId}/summary`, undefined, stranger.cookie))
          .status,
      ).toBe(404);
      // Assigned before a meeting exists: its state includes them from the start.
      const cofac = await addCofacilitator(s, m.caseId);
      const m2 = await api<MeetingDto>(s, 'POST', `/cases/${m.caseId}/meetings`, {
        title: 'Second meeting',
      });
      const c = track(await connect(s, { meetingId: m2.id, cookie: cofac.cookie }));
      expect((await c.waitFor((v) => v.me.status === 'admitted')).me.role).toBe('cofacilitator');
      expect(await connectError(s, { meetingId: m2.id, cookie: stranger.cookie })).toBe(
        'NOT_FOUND',
      );
      // Assigning an unknown email says so and changes nothing.
      const res = await call(s, 'POST', `/cases/${m.caseId}/facilitators`, {
        email: 'nobody@example.org',
      });
      expect(res.status).toBe(404);
      expect(count(s, 'case_facilitators')).toBe(1);
    });
  });

  describe('finding 2: nobody removes the lead; the lead hands the case over', () => {
    /** A new meeting with an assigned co-facilitator: the lead and they connected and let in. */
    async function leadAndCofacilitatorIn() {
      const m = await createMeeting(s, [...PEOPLE]);
      const cofacAccount = await addCofacilitator(s, m.caseId);
      const lead = track(
        await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie }),
      );
      await lead.waitFor((v) => v.me.status === 'admitted');
      const cofac = track(
        await connect(s, { meetingId: m.meetingId, cookie: cofacAccount.cookie }),
      );
      await cofac.waitFor((v) => v.me.status === 'admitted');
      return { m, cofacAccount, lead, cofac };
    }

    it("a co-facilitator's member.remove of the lead is refused and the lead can still join", async () => {
      const { m, lead, cofac } = await leadAndCofacilitatorIn();

      expect(
        await cofac.command({ type: 'member.remove', memberId: s.facilitator.id }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(lead.closed).toEqual([]);
      lead.close();
      const again = track(
        await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie }),
      );
      const v = await again.waitFor((x) => x.me.status === 'admitted');
      expect(v.me).toMatchObject({ role: 'facilitator', isFacilitator: true });
    });

    it('hand-over: the owner changes and the roles swap in an open meeting', async () => {
      const { m, cofacAccount, lead, cofac } = await leadAndCofacilitatorIn();

      // Only to an assigned facilitator, and only by the lead.
      const stranger = await createColleague(s, 'Sol Stranger');
      expect(
        (await call(s, 'POST', `/cases/${m.caseId}/handover`, { facilitatorId: stranger.id }))
          .status,
      ).toBe(404);
      expect(
        (
          await call(
            s,
            'POST',
            `/cases/${m.caseId}/handover`,
            { facilitatorId: cofacAccount.id },
            cofacAccount.cookie,
          )
        ).status,
      ).toBe(403);
      expect((await s.app.store.caseById(m.caseId))!.owner_id).toBe(s.facilitator.id);

      const after = await api<CaseDto>(s, 'POST', `/cases/${m.caseId}/handover`, {
        facilitatorId: cofacAccount.id,
      });
      expect(after.lead.id).toBe(cofacAccount.id);
      expect(after.viewerIsLead).toBe(false);
      expect(after.facilitators.map((f) => f.id)).toEqual([s.facilitator.id]);
      expect((await s.app.store.caseById(m.caseId))!.owner_id).toBe(cofacAccount.id);

      // The open meeting's views: the roles swapped, both still facilitators in the room.
      const cv = await cofac.waitFor((v) => v.me.role === 'facilitator');
      expect(cv.me.isFacilitator).toBe(true);
      const lv = await lead.waitFor((v) => v.me.role === 'cofacilitator');
      expect(lv.me.isFacilitator).toBe(true);

      // The new lead's case; the old lead can no longer change it, and cannot remove the new lead.
      const mine = await api<CaseDto>(
        s,
        'GET',
        `/cases/${m.caseId}`,
        undefined,
        cofacAccount.cookie,
      );
      expect(mine.viewerIsLead).toBe(true);
      expect(
        (await call(s, 'POST', `/cases/${m.caseId}/meetings`, { title: 'Another' })).status,
      ).toBe(403);
      expect(
        await lead.command({ type: 'member.remove', memberId: cofacAccount.id }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });
  });

  describe('a closed case is read-only', () => {
    it('adding people, meetings, invites or facilitators to a closed case is a 409 and changes nothing', async () => {
      const m = await createMeeting(s, [...PEOPLE]);
      const colleague = await createColleague(s);
      await api<CaseDto>(s, 'POST', `/cases/${m.caseId}/close`);
      const before = ['people', 'meetings', 'invites', 'case_facilitators'].map((t) => count(s, t));
      const attempts: [string, unknown][] = [
        [`/cases/${m.caseId}/people`, { displayName: 'Late', role: 'patient', party: 'patient' }],
        [`/cases/${m.caseId}/meetings`, { title: 'Another' }],
        [`/meetings/${m.meetingId}/invites/${m.people.patient!.id}`, undefined],
        [`/cases/${m.caseId}/facilitators`, { email: colleague.email }],
      ];
      for (const [p, body] of attempts) {
        const res = await call(s, 'POST', p, body);
        expect(res.status, p).toBe(409);
        expect(res.body.error).toEqual({
          code: 'INVALID_STATE',
          message: 'This case is closed, so nothing can be added to it.',
          reason: 'case.closed',
        });
      }
      expect(
        ['people', 'meetings', 'invites', 'case_facilitators'].map((t) => count(s, t)),
      ).toEqual(before);
      // Reading it still works.
      expect((await api<CaseDto>(s, 'GET', `/cases/${m.caseId}`)).closedAt).not.toBeNull();
      const invites: InviteDto[] = (await api<CaseDto>(s, 'GET', `/cases/${m.caseId}`)).invites;
      expect(invites).toHaveLength(PEOPLE.length);
    });
  });
});
