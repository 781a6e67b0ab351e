import { describe, expect, it } from 'vitest';
import type { CaseRelayDto, LinkRelayDto } from '../../shared/protocol/around';
import { apiCall, rowCount, useTestServer } from '../support/lifecycle';
import {
  api,
  createColleague,
  createMeeting,
  type Client,
  type TestServer,
} from '../support/server';

const TEXT = 'A private question about that evening';

/** The written exchange: who may write, read and decide, and that it goes with its case. */
describe('indirect path: the written exchange through the facilitator', () => {
  let s: TestServer;
  const clients: Client[] = [];
  useTestServer((x) => (s = x), clients, { each: true });

  const setup = () =>
    createMeeting(s, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'cli', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
      { key: 'obs', name: 'Olive Observer', party: 'other', role: 'observer' },
    ]);
  const write = (token: string, body: unknown) =>
    apiCall(s, 'POST', `/invite/${token}/relay`, body, '');

  it('takes messages only while open, only from the two sides, and valid ones only', async () => {
    const m = await setup();
    expect((await write(m.people.pat!.token, { body: TEXT })).status).toBe(409);
    await api(s, 'POST', `/cases/${m.caseId}/relay`, { open: true });
    expect((await write(m.people.obs!.token, { body: TEXT })).status).toBe(409);
    const empty = await write(m.people.pat!.token, { body: '   ' });
    expect(empty.status).toBe(400);
    expect((await write(m.people.pat!.token, { body: TEXT, extra: 1 })).status).toBe(400);
    expect((await write(m.people.pat!.token, { body: 'x'.repeat(4001) })).status).toBe(400);
    expect(rowCount(s, 'relay_messages')).toBe(0);
    expect((await write('no.such-link', { body: TEXT })).status).toBe(404);
    expect((await write(m.people.pat!.token, { body: TEXT })).status).toBe(201);
    // The observer's link reads nothing of it.
    const obs = await apiCall(s, 'GET', `/invite/${m.people.obs!.token}/relay`, undefined, '');
    expect(obs.body).toMatchObject({ canWrite: false, mine: [], received: [] });
  });

  it('lets only the case’s facilitators read and decide, once', async () => {
    const m = await setup();
    await api(s, 'POST', `/cases/${m.caseId}/relay`, { open: true });
    await write(m.people.pat!.token, { body: TEXT });
    const [msg] = (await api<CaseRelayDto>(s, 'GET', `/cases/${m.caseId}/relay`)).messages;
    expect(msg).toMatchObject({ body: TEXT, status: 'pending', fromParty: 'patient' });

    const stranger = await createColleague(s, 'Sam Stranger');
    for (const [method, path, body] of [
      ['GET', `/cases/${m.caseId}/relay`, undefined],
      ['POST', `/relay/${msg!.id}/release`, {}],
      ['POST', `/relay/${msg!.id}/return`, { note: 'No' }],
      ['POST', `/cases/${m.caseId}/relay`, { open: false }],
    ] as const) {
      expect((await apiCall(s, method, path, body, stranger.cookie)).status).toBe(404);
      expect((await apiCall(s, method, path, body, '')).status).toBe(401);
    }
    // A return needs a note; a decided message cannot be decided again.
    expect((await apiCall(s, 'POST', `/relay/${msg!.id}/return`, {})).status).toBe(400);
    await api(s, 'POST', `/relay/${msg!.id}/release`);
    expect((await apiCall(s, 'POST', `/relay/${msg!.id}/return`, { note: 'Later' })).status).toBe(
      409,
    );
    const cli = await api<LinkRelayDto>(s, 'GET', `/invite/${m.people.cli!.token}/relay`);
    expect(cli.received.map((r) => r.body)).toEqual([TEXT]);
    // The writer's own side does not "receive" its own message.
    const pat = await api<LinkRelayDto>(s, 'GET', `/invite/${m.people.pat!.token}/relay`);
    expect(pat.received).toEqual([]);
    expect(pat.mine.map((x) => x.status)).toEqual(['released']);
  });

  it('is purged with its case, and never logged', async () => {
    const m = await setup();
    await api(s, 'POST', `/cases/${m.caseId}/relay`, { open: true });
    await write(m.people.pat!.token, { body: TEXT });
    await api(s, 'POST', `/cases/${m.caseId}/close`);
    expect((await write(m.people.pat!.token, { body: TEXT })).status).toBe(409);
    s.app.db!.prepare('UPDATE cases SET closed_at = 1 WHERE id = ?').run(m.caseId);
    await s.app.purgeExpired();
    expect(rowCount(s, 'relay_messages')).toBe(0);
    expect(s.logLines.join('\n')).not.toContain('private question');
  });
});
