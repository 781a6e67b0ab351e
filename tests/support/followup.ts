import { expect } from 'vitest';
import { apiCall } from './lifecycle';
import {
  connect,
  createMeeting,
  type Client,
  type ScriptedMeeting,
  type TestServer,
} from './server';

/**
 * What a joint meeting needs before it may start (issue 15's gate): each side ready ("go") and
 * each person's consent, given through their own link. Routes a server does not have are skipped.
 */
export async function passStartGate(s: TestServer, m: ScriptedMeeting): Promise<void> {
  for (const party of ['patient', 'hcw']) {
    await apiCall(s, 'POST', `/cases/${m.caseId}/readiness`, {
      party,
      decision: 'go',
      decidedOn: '2026-01-01',
    });
  }
  for (const p of Object.values(m.people)) {
    const terms = await apiCall(s, 'GET', `/invite/${p.token}/consent`, undefined, '');
    if (terms.status !== 200) continue;
    await apiCall(
      s,
      'POST',
      `/invite/${p.token}/consent`,
      { version: terms.body.version, participate: true, attendees: true, summary: true },
      '',
    );
  }
}

/** An agreed item to put on the board: its text and due date (YYYY-MM-DD, or null). */
export interface AgreedItem {
  text: string;
  dueDate: string | null;
}

/**
 * Through the real sockets: a meeting with a patient and a clinician, each agreed item proposed,
 * consented to by both sides (owned by the clinician), the board finalised, the summary agreed,
 * and the meeting ended. Returns the meeting, the items' ids in order, and the open sockets.
 */
export async function meetingWithAgreedItems(
  s: TestServer,
  items: AgreedItem[],
  names = { patient: 'Pat Doe', clinician: 'Dr Casey Lee' },
): Promise<{ m: ScriptedMeeting; itemIds: string[]; clients: Client[] }> {
  const m = await createMeeting(s, [
    { key: 'pat', name: names.patient, party: 'patient', role: 'patient' },
    { key: 'cli', name: names.clinician, party: 'hcw', role: 'hcw' },
  ]);
  await passStartGate(s, m);
  const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
  const pat = await connect(s, { invite: m.people.pat!.token });
  const cli = await connect(s, { invite: m.people.cli!.token });
  const clients = [fac, pat, cli];
  const ok = async (c: Client, command: object) =>
    expect(await c.command(command), JSON.stringify(command)).toMatchObject({ ok: true });
  for (const [c, key] of [
    [pat, 'pat'],
    [cli, 'cli'],
  ] as const) {
    await ok(c, { type: 'lobby.join' });
    await ok(fac, { type: 'lobby.admit', memberId: m.people[key]!.id });
  }
  await ok(fac, { type: 'meeting.start' });
  await ok(fac, { type: 'phase.next' });
  await ok(fac, { type: 'phase.next' });
  const itemIds: string[] = [];
  for (const it of items) {
    await ok(pat, {
      type: 'board.propose',
      fields: {
        text: it.text,
        category: 'answers',
        owner: names.clinician,
        ownerMemberId: m.people.cli!.id,
        dueDate: it.dueDate,
        completionEvidence: 'A letter',
        visibleTo: ['patient', 'hcw', 'facilitation'],
        affectedParties: ['patient', 'hcw'],
      },
    });
    const view = await fac.waitFor((v) => (v.board?.items.length ?? 0) === itemIds.length + 1);
    const item = view.board!.items[itemIds.length]!;
    itemIds.push(item.id);
    for (const c of [pat, cli]) {
      await ok(c, {
        type: 'board.consent',
        itemId: item.id,
        baseVersion: item.version,
        decision: 'consent',
      });
    }
  }
  await ok(fac, { type: 'board.finalise', noAgreement: false });
  await ok(pat, { type: 'board.consentSummary' });
  await ok(cli, { type: 'board.consentSummary' });
  await ok(fac, { type: 'meeting.end' });
  await s.app.rooms.idle();
  return { m, itemIds, clients };
}
