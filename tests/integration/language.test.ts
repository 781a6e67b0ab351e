// Issue 17: each person's language is set by the facilitator on their place in the case (validated:
// 'en' or 'fr' only, a wrong value changes nothing), reaches their link, and the agreed summary's
// Markdown comes in that language, or in the one the reader chose (?lang=).
import { describe, expect, it } from 'vitest';
import type { InviteInfoDto, PersonDto, SummaryDto } from '../../shared/protocol/http';
import type { TimingDto } from '../../shared/protocol/prep';
import { errorReason } from '../../shared/i18n/server/reasons';
import { linkCall } from '../support/readiness';
import { useTestServer } from '../support/lifecycle';
import { api, connect, createMeeting, type Client, type TestServer } from '../support/server';

describe('a person’s language', () => {
  let s: TestServer;
  const clients: Client[] = [];
  useTestServer((x) => (s = x), clients);

  const invite = async (token: string) =>
    (await fetch(`${s.url}/api/invite/${token}`).then((r) => r.json())) as InviteInfoDto;
  const status = (p: Promise<unknown>) =>
    p.then(
      () => 200,
      (e: { status: number }) => e.status,
    );

  it('is set on the person, reaches their link, and only en or fr are accepted', async () => {
    const m = await createMeeting(s, [
      { key: 'patient', name: 'Amélie', party: 'patient', role: 'patient', language: 'fr' },
      { key: 'clinician', name: 'Dr Lee', party: 'hcw', role: 'hcw' },
    ]);
    expect(m.people.patient!.language).toBe('fr');
    expect(m.people.clinician!.language).toBe('en');
    expect((await invite(m.people.patient!.token)).person.language).toBe('fr');
    expect((await invite(m.people.clinician!.token)).person.language).toBe('en');

    // A language we do not have is refused at the boundary, and nobody is added.
    const before = (await api<{ people: PersonDto[] }>(s, 'GET', `/cases/${m.caseId}`)).people;
    expect(
      await status(
        api(s, 'POST', `/cases/${m.caseId}/people`, {
          displayName: 'X',
          party: 'patient',
          role: 'patient_support',
          language: 'de',
        }),
      ),
    ).toBe(400);
    const after = (await api<{ people: PersonDto[] }>(s, 'GET', `/cases/${m.caseId}`)).people;
    expect(after).toEqual(before);

    // The facilitator changes it later; the link follows.
    const path = `/cases/${m.caseId}/people/${m.people.clinician!.id}/language`;
    expect(await api<PersonDto>(s, 'POST', path, { language: 'fr' })).toMatchObject({
      id: m.people.clinician!.id,
      language: 'fr',
    });
    expect((await invite(m.people.clinician!.token)).person.language).toBe('fr');
    expect(await status(api(s, 'POST', path, { language: 'es' }))).toBe(400);
    expect(await status(api(s, 'POST', path, { language: 'en', extra: 1 }))).toBe(400);
    expect((await invite(m.people.clinician!.token)).person.language).toBe('fr');
    // Someone from another case cannot be changed through this case.
    const other = await createMeeting(s, [
      { key: 'p', name: 'Other', party: 'patient', role: 'patient' },
    ]);
    expect(
      await status(
        api(s, 'POST', `/cases/${m.caseId}/people/${other.people.p!.id}/language`, {
          language: 'fr',
        }),
      ),
    ).toBe(404);
  });

  it('gives the summary’s Markdown in the person’s language, or the one asked for', async () => {
    const m = await createMeeting(s, [
      { key: 'patient', name: 'Amélie', party: 'patient', role: 'patient', language: 'fr' },
      { key: 'clinician', name: 'Dr Lee', party: 'hcw', role: 'hcw' },
    ]);
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    const pat = await connect(s, { invite: m.people.patient!.token });
    const cli = await connect(s, { invite: m.people.clinician!.token });
    clients.push(fac, pat, cli);
    const ok = async (c: Client, command: object) =>
      expect(await c.command(command)).toMatchObject({ ok: true });
    for (const [c, key] of [
      [pat, 'patient'],
      [cli, 'clinician'],
    ] as const) {
      await ok(c, { type: 'lobby.join' });
      await ok(fac, { type: 'lobby.admit', memberId: m.people[key]!.id });
    }
    await ok(fac, { type: 'meeting.start' });
    await ok(pat, {
      type: 'board.propose',
      fields: {
        text: 'A letter explaining the review',
        category: 'answers',
        owner: 'Dr Lee',
        ownerMemberId: m.people.clinician!.id,
        dueDate: '2030-01-31',
        completionEvidence: '',
        visibleTo: ['patient', 'hcw', 'facilitation'],
        affectedParties: ['patient', 'hcw'],
      },
    });
    const item = (await fac.waitFor((v) => (v.board?.items.length ?? 0) === 1)).board!.items[0]!;
    for (const c of [pat, cli]) {
      await ok(c, {
        type: 'board.consent',
        itemId: item.id,
        baseVersion: item.version,
        decision: 'consent',
      });
    }
    await ok(fac, { type: 'board.finalise', noAgreement: false });
    await ok(pat, { type: 'board.consentSummary' });
    await ok(cli, { type: 'board.consentSummary' });

    const summary = async (token: string, q = '') => {
      const res = await fetch(`${s.url}/api/summary/${token}${q}`);
      return { status: res.status, body: (await res.json()) as SummaryDto };
    };
    const fr = (await summary(m.people.patient!.token)).body.markdown;
    expect(fr).toContain('# Joint meeting\u00a0: ce que nous avons convenu');
    expect(fr).toContain('## Réponses et informations');
    expect(fr).toContain('  - Qui\u00a0: Dr Lee');
    expect(fr).toContain('  - Pour quand\u00a0: 31 janvier 2030');
    expect(fr).toContain('Ce n’est pas un contrat juridique.');
    expect(fr).not.toMatch(/not a legal contract|Who:|By:/);

    const en = (await summary(m.people.clinician!.token)).body.markdown;
    expect(en).toContain('# Joint meeting: what we agreed');
    expect(en).toContain('## Answers and information');
    expect(en).toContain('  - Who: Dr Lee');
    expect(en).toContain('  - By: January 31, 2030');
    expect(en).toContain('It is not a legal contract.');

    // The reader's own choice on the page wins over the language set for them.
    expect((await summary(m.people.patient!.token, '?lang=en')).body.markdown).toContain(
      '## Answers and information',
    );
    expect((await summary(m.people.patient!.token, '?lang=xx')).status).toBe(400);
    const facFr = await api<SummaryDto>(s, 'GET', `/meetings/${m.meetingId}/summary?lang=fr`);
    expect(facFr.markdown).toContain('## Réponses et informations');
  });

  it('gives each person the calendar file in their language, still neutral', async () => {
    const m = await createMeeting(s, [
      { key: 'patient', name: 'Amélie', party: 'patient', role: 'patient' },
      { key: 'clinician', name: 'Dr Lee', party: 'hcw', role: 'hcw', language: 'fr' },
    ]);
    const proposed = await api<TimingDto>(s, 'POST', `/meetings/${m.meetingId}/timing`, {
      times: [{ startsAt: Date.UTC(2030, 2, 15, 14, 30), minutes: 90 }],
    });
    await linkCall(s, 'POST', `/invite/${m.people.patient!.token}/timing`, {
      proposalId: proposed.proposals[0]!.id,
    });
    const ics = async (key: string) =>
      (await fetch(`${s.url}/api/invite/${m.people[key]!.token}/calendar.ics`)).text();
    const fr = await ics('clinician');
    expect(fr).toContain('SUMMARY:Rencontre avec votre facilitateur');
    expect(fr).toContain('DESCRIPTION:Merci d’ouvrir le lien personnel');
    expect(fr).not.toMatch(/Meeting with|Dr Lee|Amélie/);
    expect(await ics('patient')).toContain('SUMMARY:Meeting with your facilitator');
  });

  it('sends each refusal with its code in the words catalogue, over HTTP and the socket', async () => {
    const m = await createMeeting(s, [
      { key: 'patient', name: 'Amélie', party: 'patient', role: 'patient', language: 'fr' },
    ]);
    const res = await fetch(`${s.url}/api/invite/not-a-real-token-at-all/calendar.ics`);
    const body = (await res.json()) as { error: { code: string; reason?: string } };
    expect(body.error.reason).toBeDefined();
    expect(errorReason((body.error as { message: string }).message)).toBe(body.error.reason);

    const pat = await connect(s, { invite: m.people.patient!.token });
    clients.push(pat);
    // Passing before being let in: refused by the room, with its code.
    expect(await pat.command({ type: 'floor.pass' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'room.afterAdmit' },
    });
  });
});
