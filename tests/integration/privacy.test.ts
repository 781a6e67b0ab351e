import { describe, expect, it } from 'vitest';
import { api, connect, createMeeting, type Client, type TestServer } from '../support/server';
import { useTestServer } from '../support/lifecycle';

const NAMES = ['Philippa Quennell', 'Dr Octavia Brightwater', 'Mervyn Quennell'];
const SECRET_TEXTS = [
  'We will explain what happened with the medication on the ward',
  'The ward team will review the handover checklist together',
  'I felt nobody listened to me that night',
  'Pausing for a moment of quiet',
  'I need some air',
];

/** A full scripted meeting: nothing in the logs may hold a name or anything anyone typed. */
describe('privacy: logs and the audit log stay content-free', () => {
  let s: TestServer;
  const clients: Client[] = [];
  useTestServer((x) => (s = x), clients);

  it('runs a whole meeting without a name or board text reaching the logs', async () => {
    const m = await createMeeting(s, [
      { key: 'patient', name: NAMES[0]!, party: 'patient', role: 'patient' },
      { key: 'clinician', name: NAMES[1]!, party: 'hcw', role: 'hcw' },
      { key: 'support', name: NAMES[2]!, party: 'patient', role: 'patient_support' },
    ]);
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    const pat = await connect(s, { invite: m.people.patient!.token });
    const cli = await connect(s, { invite: m.people.clinician!.token });
    const sup = await connect(s, { invite: m.people.support!.token });
    clients.push(fac, pat, cli, sup);
    const ok = async (c: Client, command: object) =>
      expect(await c.command(command)).toMatchObject({ ok: true });
    for (const [c, key] of [
      [pat, 'patient'],
      [cli, 'clinician'],
      [sup, 'support'],
    ] as const) {
      await ok(c, { type: 'lobby.join' });
      await ok(fac, { type: 'lobby.admit', memberId: m.people[key]!.id });
    }
    await ok(fac, { type: 'meeting.start' });
    await ok(fac, { type: 'phase.next' });
    await ok(fac, { type: 'phase.next' });
    await ok(pat, { type: 'floor.pass' });
    await ok(pat, { type: 'message.toFacilitators', text: SECRET_TEXTS[2] });
    await ok(sup, { type: 'pause.request', reason: SECRET_TEXTS[4] });
    await ok(fac, { type: 'pause.start', message: SECRET_TEXTS[3], breakMinutes: 5 });
    await ok(fac, { type: 'pause.resume' });
    const fields = (text: string) => ({
      text,
      category: 'answers',
      owner: NAMES[1],
      ownerMemberId: m.people.clinician!.id,
      dueDate: '2030-01-31',
      completionEvidence: 'A letter',
      visibleTo: ['patient', 'hcw', 'facilitation'],
      affectedParties: ['patient', 'hcw'],
    });
    await ok(pat, { type: 'board.propose', fields: fields(SECRET_TEXTS[0]!) });
    const item = (await fac.waitFor((v) => (v.board?.items.length ?? 0) === 1)).board!.items[0]!;
    await ok(fac, {
      type: 'board.edit',
      itemId: item.id,
      baseVersion: item.version,
      fields: fields(SECRET_TEXTS[1]!),
    });
    await ok(pat, {
      type: 'board.consent',
      itemId: item.id,
      baseVersion: item.version + 1,
      decision: 'consent',
    });
    await ok(cli, {
      type: 'board.consent',
      itemId: item.id,
      baseVersion: item.version + 1,
      decision: 'consent',
    });
    await ok(fac, { type: 'board.finalise', noAgreement: false });
    await ok(pat, { type: 'board.consentSummary' });
    await ok(cli, { type: 'board.consentSummary' });
    await ok(cli, {
      type: 'followup.update',
      itemId: item.id,
      status: 'in_progress',
      reason: null,
    });
    await ok(sup, { type: 'self.leave' });
    await ok(fac, { type: 'meeting.end' });
    // A summary request and a bad login attempt with a name in it, for good measure.
    await api(s, 'GET', `/meetings/${m.meetingId}/summary`);
    await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-common-ground': '1' },
      body: JSON.stringify({ email: 'philippa.quennell@example.org', password: SECRET_TEXTS[0] }),
    });
    await s.app.rooms.idle();

    expect(s.logLines.length).toBeGreaterThan(10);
    const logs = s.logLines.join('\n').toLowerCase();
    for (const needle of [...NAMES, ...SECRET_TEXTS, 'quennell', 'medication', 'handover']) {
      expect(logs, needle).not.toContain(needle.toLowerCase());
    }

    // The audit log: who (by role) did what, when; no content at all.
    const audit = await s.app.store.auditByMeeting(m.meetingId);
    const events = audit.map((a) => a.event);
    for (const e of [
      'member.admitted',
      'meeting.started',
      'pause.started',
      'pause.resumed',
      'meeting.ended',
      'board.finalised',
    ]) {
      expect(events).toContain(e);
    }
    expect(audit.find((a) => a.event === 'pause.started')!.actor_role).toBe('facilitator');
    const auditText = JSON.stringify(audit).toLowerCase();
    for (const needle of [...NAMES, ...SECRET_TEXTS])
      expect(auditText).not.toContain(needle.toLowerCase());

    // Session-only content (messages, pause requests) is gone once the meeting ends.
    const state = (await s.app.rooms.get(m.meetingId))!.state;
    expect(state.messages).toEqual([]);
    expect(state.pauseRequests).toEqual([]);
  });

  it('purges a closed case after the retention period, with everything it holds', async () => {
    const m = await createMeeting(s, [
      { key: 'patient', name: 'Rita Purge', party: 'patient', role: 'patient' },
    ]);
    await api(s, 'POST', `/cases/${m.caseId}/close`);
    expect((await s.app.purgeExpired()).caseIds).toEqual([]);
    // Ninety days and a minute later (the default retention), the case and its data are gone.
    s.app
      .db!.prepare('UPDATE cases SET closed_at = closed_at - ? WHERE id = ?')
      .run(90 * 86_400_000 + 60_000, m.caseId);
    expect((await s.app.purgeExpired()).caseIds).toEqual([m.caseId]);
    const left = (t: string, col: string, v: string) =>
      (
        s.app.db!.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE ${col} = ?`).get(v) as {
          n: number;
        }
      ).n;
    expect(left('cases', 'id', m.caseId)).toBe(0);
    expect(left('people', 'case_id', m.caseId)).toBe(0);
    expect(left('meetings', 'id', m.meetingId)).toBe(0);
    expect(left('invites', 'meeting_id', m.meetingId)).toBe(0);
    expect(left('room_snapshots', 'meeting_id', m.meetingId)).toBe(0);
    await expect(api(s, 'GET', `/invite/${m.people.patient!.token}`)).rejects.toMatchObject({
      status: 404,
    });
  });
});
