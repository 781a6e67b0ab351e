// Issue 15 through the real server: meetings with their own members, the gate on a joint
// meeting's start, consent versions and withdrawal, the patient's timing, the preparation record's
// access, the patient's questions and the purge.
import { describe, expect, it } from 'vitest';
import type { InviteDto, InviteInfoDto, MeetingDto, PersonDto } from '../../shared/protocol/http';
import type {
  CasePrepDto,
  ConsentTermsDto,
  MeetingPrepDto,
  QuestionDto,
  TimingDto,
} from '../../shared/protocol/prep';
import { apiCall, useTestServer } from '../support/lifecycle';
import { consent, linkCall, recordReadiness } from '../support/readiness';
import {
  api,
  connect,
  createColleague,
  createMeeting,
  type Client,
  type TestServer,
} from '../support/server';

const PEOPLE = [
  { key: 'patient', name: 'Rowan Patient', party: 'patient' as const, role: 'patient' as const },
  { key: 'hcw', name: 'Dr Casey Lee', party: 'hcw' as const, role: 'hcw' as const },
];

/** A raw call from a person's link page (no cookie): status and body. */
async function linkRaw(s: TestServer, method: string, p: string, body?: unknown) {
  return linkCall(s, method, p, body).then(
    (b) => ({ status: 200, body: b as Record<string, unknown> }),
    (e: { status: number; body: string }) => ({
      status: e.status,
      body: JSON.parse(e.body) as Record<string, unknown>,
    }),
  );
}

const invite = async (s: TestServer, meetingId: string, personId: string) =>
  (await api<InviteDto>(s, 'POST', `/meetings/${meetingId}/invites/${personId}`)).url.split(
    '/j/',
  )[1]!;

describe('issue 15: before the joint meeting', () => {
  let s: TestServer;
  const clients: Client[] = [];
  useTestServer((x) => (s = x), clients);

  it('refuses to start a joint meeting without readiness and consent, naming what is missing', async () => {
    const m = await createMeeting(s, PEOPLE, 'gentle', { ready: false });
    const pat = m.people.patient!;
    const hcw = m.people.hcw!;
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    clients.push(fac);
    await fac.waitFor((v) => v.facilitator !== null);

    const refused = (await fac.command({ type: 'meeting.start' })) as {
      ok: boolean;
      error?: { code: string; missing?: unknown[] };
    };
    expect(refused.ok).toBe(false);
    expect(refused.error!.code).toBe('INVALID_STATE');
    expect(refused.error!.missing).toEqual([
      { code: 'readiness', party: 'patient', decision: null },
      { code: 'readiness', party: 'hcw', decision: null },
      { code: 'consent', personId: pat.id, reason: 'missing' },
      { code: 'consent', personId: hcw.id, reason: 'missing' },
    ]);
    expect(fac.latest()!.facilitator!.gate.missing).toHaveLength(4);

    // "Not yet" is not "go"; the room's checklist follows every change, live.
    await recordReadiness(s, m.caseId, 'patient', 'go');
    await recordReadiness(s, m.caseId, 'hcw', 'not_yet');
    await consent(s, pat.token);
    const v = await fac.waitFor((x) => x.facilitator!.gate.missing.length === 2);
    expect(v.facilitator!.gate.missing).toEqual([
      { code: 'readiness', party: 'hcw', decision: 'not_yet' },
      { code: 'consent', personId: hcw.id, reason: 'missing' },
    ]);
    expect((await fac.command({ type: 'meeting.start' })).ok).toBe(false);

    await recordReadiness(s, m.caseId, 'hcw', 'go');
    await consent(s, hcw.token);
    await fac.waitFor((x) => x.facilitator!.gate.missing.length === 0);
    const prep = await api<MeetingPrepDto>(s, 'GET', `/meetings/${m.meetingId}/prep`);
    expect(prep.missing).toEqual([]);
    expect(prep.consents.map((c) => c.status)).toEqual(['current', 'current']);
    expect(await fac.command({ type: 'meeting.start' })).toMatchObject({ ok: true });
  });

  it('a preparation meeting has only its party: no link for anyone else, and others stay out', async () => {
    const m = await createMeeting(s, PEOPLE, 'gentle', { ready: false });
    const pat = m.people.patient!;
    const hcw = m.people.hcw!;
    // Two sides in one preparation meeting, or nobody named: refused, nothing made.
    for (const memberIds of [[pat.id, hcw.id], [], undefined]) {
      const r = await apiCall(s, 'POST', `/cases/${m.caseId}/meetings`, {
        title: 'Preparation',
        kind: 'prep',
        memberIds,
      });
      expect(r.status).toBe(400);
    }
    const prep = await api<MeetingDto>(s, 'POST', `/cases/${m.caseId}/meetings`, {
      title: 'Preparation',
      kind: 'prep',
      memberIds: [pat.id],
    });
    expect(prep).toMatchObject({ kind: 'prep' });
    const refused = await apiCall(s, 'POST', `/meetings/${prep.id}/invites/${hcw.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error!.code).toBe('FORBIDDEN');
    // The clinician's own (joint meeting) link opens the joint meeting, never this one, and
    // only once they consented to it (their page asks first; a page that skips it is refused).
    const early = await connect(s, { invite: hcw.token }).catch((e: Error) => e);
    expect(early).toMatchObject({
      message: 'Please give your consent on your page before joining.',
    });
    await consent(s, hcw.token);
    const c = await connect(s, { invite: hcw.token, meetingId: prep.id });
    clients.push(c);
    const v = await c.waitFor(() => true);
    expect(v.meetingId).toBe(m.meetingId);

    const fac = await connect(s, { meetingId: prep.id, cookie: s.facilitator.cookie });
    clients.push(fac);
    const fv = await fac.waitFor((x) => x.facilitator !== null);
    expect(fv.kind).toBe('prep');
    expect(fv.phases.map((p) => p.kind)).toEqual(['opening', 'checkin', 'closing']);
    expect(fv.facilitator!.lobby.map((x) => x.id)).toEqual([pat.id]);
    // The gate is for the joint meeting: a preparation meeting starts as it is.
    expect(await fac.command({ type: 'meeting.start' })).toMatchObject({ ok: true });
  });

  it('changing who is in a meeting withdraws the links of those taken out and asks consent again', async () => {
    const m = await createMeeting(s, PEOPLE, 'gentle', { ready: false });
    const pat = m.people.patient!;
    const hcw = m.people.hcw!;
    await consent(s, pat.token);
    const obs = await api<PersonDto>(s, 'POST', `/cases/${m.caseId}/people`, {
      displayName: 'Sam Observer',
      party: 'other',
      role: 'observer',
    });
    // A new person in the joint meeting changes who is present: the earlier consent is outdated.
    let terms = await linkCall<ConsentTermsDto>(s, 'GET', `/invite/${pat.token}/consent`);
    expect(terms.status).toBe('outdated');
    expect(terms.present.map((p) => p.name)).toContain('Sam Observer');
    const stale = await linkRaw(s, 'POST', `/invite/${pat.token}/consent`, {
      version: 'an-old-version',
      participate: true,
      attendees: true,
      summary: true,
    });
    expect(stale.status).toBe(409);
    // Each part must be agreed to.
    const partial = await linkRaw(s, 'POST', `/invite/${pat.token}/consent`, {
      version: terms.version,
      participate: true,
      attendees: false,
      summary: true,
    });
    expect(partial.status).toBe(400);
    terms = await consent(s, pat.token);
    expect(terms.status).toBe('current');

    const obsToken = await invite(s, m.meetingId, obs.id);
    const prep = await api<MeetingPrepDto>(s, 'POST', `/meetings/${m.meetingId}/members`, {
      memberIds: [pat.id, hcw.id],
    });
    expect(prep.memberIds).toEqual([pat.id, hcw.id]);
    expect((await linkRaw(s, 'GET', `/invite/${obsToken}`)).status).toBe(410);
    expect((await apiCall(s, 'POST', `/meetings/${m.meetingId}/invites/${obs.id}`)).status).toBe(
      403,
    );
    expect((await linkCall<ConsentTermsDto>(s, 'GET', `/invite/${pat.token}/consent`)).status).toBe(
      'outdated',
    );
    // Someone else's case: its people cannot be chosen.
    const other = await createMeeting(s, [PEOPLE[0]!], 'gentle', { ready: false });
    const wrong = await apiCall(s, 'POST', `/meetings/${m.meetingId}/members`, {
      memberIds: [other.people.patient!.id],
    });
    expect(wrong.status).toBe(404);
  });

  it('withdrawing consent from the link tells the facilitators at once and closes the gate', async () => {
    const m = await createMeeting(s, PEOPLE, 'gentle');
    const pat = m.people.patient!;
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    clients.push(fac);
    await fac.waitFor((v) => v.facilitator?.gate.missing.length === 0);
    const after = await linkCall<ConsentTermsDto>(
      s,
      'POST',
      `/invite/${pat.token}/consent/withdraw`,
    );
    expect(after).toMatchObject({ status: 'withdrawn' });
    const v = await fac.waitFor(
      (x) =>
        x.facilitator!.alerts.some((a) => a.kind === 'consent-withdrawn') &&
        x.facilitator!.gate.missing.length > 0,
    );
    expect(v.facilitator!.alerts.at(-1)).toMatchObject({
      kind: 'consent-withdrawn',
      memberId: pat.id,
    });
    expect(v.facilitator!.gate.missing).toEqual([
      { code: 'consent', personId: pat.id, reason: 'withdrawn' },
    ]);
    const refused = (await fac.command({ type: 'meeting.start' })) as {
      error?: { missing?: unknown };
    };
    expect(refused.error!.missing).toEqual(v.facilitator!.gate.missing);
    // Withdrawn, their link no longer joins, even from a page that skips the consent step.
    const out = await connect(s, { invite: pat.token }).catch((e: Error) => e);
    expect(out).toMatchObject({ data: { code: 'FORBIDDEN' } });
    // Withdrawing twice changes nothing; consenting again opens the gate (and the door) again.
    await linkCall(s, 'POST', `/invite/${pat.token}/consent/withdraw`);
    await consent(s, pat.token);
    await fac.waitFor((x) => x.facilitator!.gate.missing.length === 0);
    const back = await connect(s, { invite: pat.token });
    clients.push(back);
    expect((await back.waitFor(() => true)).meetingId).toBe(m.meetingId);
  });

  it('the patient chooses the time; the clinicians see only the chosen time, in a neutral calendar file', async () => {
    const m = await createMeeting(s, PEOPLE, 'gentle');
    const pat = m.people.patient!;
    const hcw = m.people.hcw!;
    const times = [Date.UTC(2030, 2, 14, 9, 0), Date.UTC(2030, 2, 15, 14, 30)];
    const proposed = await api<TimingDto>(s, 'POST', `/meetings/${m.meetingId}/timing`, {
      times: times.map((startsAt) => ({ startsAt, minutes: 90 })),
    });
    expect(proposed.proposals).toHaveLength(2);
    const seenByHcw = await linkCall<TimingDto>(s, 'GET', `/invite/${hcw.token}/timing`);
    expect(seenByHcw).toEqual({ proposals: [], chosen: null, noneSuits: false, canChoose: false });
    expect((await linkRaw(s, 'GET', `/invite/${hcw.token}/calendar.ics`)).status).toBe(404);
    const pick = proposed.proposals[1]!;
    expect(
      (await linkRaw(s, 'POST', `/invite/${hcw.token}/timing`, { proposalId: pick.id })).status,
    ).toBe(403);

    const seenByPat = await linkCall<TimingDto>(s, 'GET', `/invite/${pat.token}/timing`);
    expect(seenByPat.canChoose).toBe(true);
    await linkCall(s, 'POST', `/invite/${pat.token}/timing`, { noneSuits: true });
    expect(await api<TimingDto>(s, 'GET', `/meetings/${m.meetingId}/timing`)).toMatchObject({
      noneSuits: true,
      chosen: null,
    });
    expect((await linkCall<TimingDto>(s, 'GET', `/invite/${hcw.token}/timing`)).chosen).toBeNull();
    await linkCall(s, 'POST', `/invite/${pat.token}/timing`, { proposalId: pick.id });
    expect((await linkCall<TimingDto>(s, 'GET', `/invite/${hcw.token}/timing`)).chosen).toEqual(
      pick,
    );

    const ics = await fetch(`${s.url}/api/invite/${hcw.token}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await ics.text();
    expect(text).toContain('DTSTART:20300315T143000Z');
    expect(text).toContain('DTEND:20300315T160000Z');
    expect(text).toContain('SUMMARY:Meeting with your facilitator');
    for (const word of ['Rowan', 'Casey', 'Lee', 'Fran', 'Conversation A', 'harm', 'incident'])
      expect(text).not.toContain(word);
    expect(text).not.toContain(hcw.token);
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });

  it('the preparation record is for the case’s facilitators only, and never logged', async () => {
    const m = await createMeeting(s, PEOPLE, 'gentle');
    const pat = m.people.patient!;
    const record = {
      hopes: 'SECRET-HOPE to be heard',
      questions: 'SECRET-QUESTION why',
      avoidTopics: 'SECRET-TOPIC',
      namesPronouns: 'Rowan, they/them',
      supportPeople: 'a sister',
      access: { captions: true, interpreter: false, language: '', audioOnly: false, breaks: true },
    };
    await api(s, 'POST', `/cases/${m.caseId}/prep/patient`, record);
    await api(s, 'POST', `/cases/${m.caseId}/people/${pat.id}/safety`, {
      location: 'at home',
      callbackNumber: '+44 20 7946 0000',
      afterSupport: 'SECRET-SUPPORT',
      ifDistressed: 'call back',
    });
    const prep = await api<CasePrepDto>(s, 'GET', `/cases/${m.caseId}/prep`);
    expect(prep.records.patient).toMatchObject(record);
    expect(prep.safety[pat.id]).toMatchObject({ callbackNumber: '+44 20 7946 0000' });

    // Another facilitator account not on the case, and nobody signed in: nothing.
    const stranger = await createColleague(s, 'Stan Stranger');
    for (const cookie of [stranger.cookie, 'cg_session=nope']) {
      const r = await apiCall(s, 'GET', `/cases/${m.caseId}/prep`, undefined, cookie);
      expect([401, 404]).toContain(r.status);
      const w = await apiCall(s, 'POST', `/cases/${m.caseId}/prep/hcw`, record, cookie);
      expect([401, 404]).toContain(w.status);
    }
    // A person's link opens none of it: only the two access defaults of their own side
    // (captions on for the patient's side here; nothing for the clinicians' side).
    for (const [token, captions] of [
      [pat.token, true],
      [m.people.hcw!.token, false],
    ] as const) {
      const r = await linkRaw(s, 'GET', `/invite/${token}`);
      expect(JSON.stringify(r.body)).not.toContain('SECRET');
      expect((r.body as unknown as InviteInfoDto).access).toEqual({ captions, audioOnly: false });
      expect((await linkRaw(s, 'GET', `/invite/${token}/prep`)).status).toBe(404);
    }
    await api(s, 'POST', `/cases/${m.caseId}/prep/hcw`, {
      access: { captions: false, interpreter: false, language: '', audioOnly: true, breaks: false },
    });
    const hcwInfo = await linkRaw(s, 'GET', `/invite/${m.people.hcw!.token}`);
    expect((hcwInfo.body as unknown as InviteInfoDto).access).toEqual({
      captions: false,
      audioOnly: true,
    });
    // Bad input is a typed 400 and changes nothing.
    const bad = await apiCall(s, 'POST', `/cases/${m.caseId}/people/${pat.id}/safety`, {
      callbackNumber: 'call <script>',
    });
    expect(bad.status).toBe(400);
    expect(
      (await api<CasePrepDto>(s, 'GET', `/cases/${m.caseId}/prep`)).safety[pat.id],
    ).toMatchObject({ callbackNumber: '+44 20 7946 0000' });
    expect(s.logLines.join('\n')).not.toContain('SECRET');
  });

  it('the patient’s questions reach the clinicians only as the patient shares them', async () => {
    const m = await createMeeting(s, PEOPLE, 'gentle');
    const pat = m.people.patient!;
    const hcw = m.people.hcw!;
    let list = await linkCall<QuestionDto[]>(s, 'POST', `/invite/${pat.token}/questions`, {
      text: 'What happened that night?',
    });
    list = await linkCall<QuestionDto[]>(s, 'POST', `/invite/${pat.token}/questions`, {
      text: 'What has changed since?',
    });
    expect(list.map((q) => q.shared)).toEqual([false, false]);
    const seen = () =>
      linkCall<{ own: boolean; questions: QuestionDto[] }>(
        s,
        'GET',
        `/invite/${hcw.token}/questions`,
      );
    expect((await seen()).questions).toEqual([]);
    await linkCall(s, 'POST', `/invite/${pat.token}/questions/${list[1]!.id}/share`, {
      shared: true,
    });
    expect((await seen()).questions.map((q) => q.text)).toEqual(['What has changed since?']);
    // The clinicians cannot write or share; the patient can withdraw a shared question.
    expect(
      (await linkRaw(s, 'POST', `/invite/${hcw.token}/questions`, { text: 'Mine' })).status,
    ).toBe(403);
    expect(
      (
        await linkRaw(s, 'POST', `/invite/${hcw.token}/questions/${list[0]!.id}/share`, {
          shared: true,
        })
      ).status,
    ).toBe(403);
    await linkCall(s, 'POST', `/invite/${pat.token}/questions/${list[1]!.id}/share`, {
      shared: false,
    });
    expect((await seen()).questions).toEqual([]);
    expect(await api<QuestionDto[]>(s, 'GET', `/cases/${m.caseId}/questions`)).toHaveLength(2);
    expect(s.logLines.join('\n')).not.toContain('that night');
  });

  it('is purged with its case: members, readiness, consents, times, records and questions', async () => {
    const m = await createMeeting(s, PEOPLE, 'gentle');
    const pat = m.people.patient!;
    await api(s, 'POST', `/meetings/${m.meetingId}/timing`, {
      times: [{ startsAt: Date.UTC(2030, 0, 1, 10), minutes: 60 }],
    });
    const t = await linkCall<TimingDto>(s, 'GET', `/invite/${pat.token}/timing`);
    await linkCall(s, 'POST', `/invite/${pat.token}/timing`, { proposalId: t.proposals[0]!.id });
    await api(s, 'POST', `/cases/${m.caseId}/prep/patient`, { hopes: 'to be heard' });
    await api(s, 'POST', `/cases/${m.caseId}/people/${pat.id}/safety`, { location: 'home' });
    await linkCall(s, 'POST', `/invite/${pat.token}/questions`, { text: 'Why?' });
    const tables = [
      'meeting_members',
      'readiness',
      'consents',
      'time_proposals',
      'time_choices',
      'prep_records',
      'safety_plans',
      'party_questions',
    ];
    const count = (table: string) =>
      (s.app.db!.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const before = Object.fromEntries(tables.map((x) => [x, count(x)]));
    for (const x of tables) expect(before[x], x).toBeGreaterThan(0);
    await api(s, 'POST', `/cases/${m.caseId}/close`);
    s.app
      .db!.prepare('UPDATE cases SET closed_at = closed_at - ? WHERE id = ?')
      .run(90 * 86_400_000 + 60_000, m.caseId);
    expect((await s.app.purgeExpired()).caseIds).toEqual([m.caseId]);
    const left = (table: string, where: string, v: string) =>
      (
        s.app.db!.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where} = ?`).get(v) as {
          n: number;
        }
      ).n;
    expect(left('meeting_members', 'meeting_id', m.meetingId)).toBe(0);
    expect(left('readiness', 'case_id', m.caseId)).toBe(0);
    expect(left('consents', 'meeting_id', m.meetingId)).toBe(0);
    expect(left('time_proposals', 'meeting_id', m.meetingId)).toBe(0);
    expect(left('time_choices', 'meeting_id', m.meetingId)).toBe(0);
    expect(left('prep_records', 'case_id', m.caseId)).toBe(0);
    expect(left('safety_plans', 'person_id', pat.id)).toBe(0);
    expect(left('party_questions', 'case_id', m.caseId)).toBe(0);
  });
});
