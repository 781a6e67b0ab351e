import { afterEach, describe, expect, it } from 'vitest';
import type { LinkFollowUpDto, OverdueItemDto } from '../../shared/protocol/around';
import { CSRF_HEADER } from '../../shared/protocol/http';
import { createFakeLiveKitGateway } from '../../server/src/livekit/gateway';
import { meetingWithAgreedItems } from '../support/followup';
import { apiCall } from '../support/lifecycle';
import { api, connect, startTestServer, type Client, type TestServer } from '../support/server';

const DAY = 86_400_000;

async function signInAgain(s: TestServer): Promise<void> {
  const res = await fetch(`${s.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify({ email: s.facilitator.email, password: s.facilitator.password }),
  });
  expect(res.status).toBe(200);
  s.facilitator.cookie = res.headers.get('set-cookie')!.split(';')[0]!;
}

/**
 * Follow-up that lasts (issue 16): late items in the case's own days, on the patient's link and
 * in the facilitators' overdue list, and a link that still works 60 days after the meeting while
 * the case is open (the server's clock injected and moved on).
 */
describe('follow-up that lasts', () => {
  let s: TestServer;
  const clients: Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await s?.close();
  });

  it('counts late in the case’s time zone and keeps the link while the case is open', async () => {
    // 23:30 UTC on 10 March is already 11 March in Auckland (12:30, daylight time).
    let at = Date.parse('2026-03-10T23:30:00Z');
    const clock = { now: () => at, setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) };
    s = await startTestServer({ livekit: createFakeLiveKitGateway(), clock });

    const {
      m,
      itemIds,
      clients: open,
    } = await meetingWithAgreedItems(s, [
      { text: 'Write down the answers to the questions', dueDate: '2026-03-10' },
      { text: 'Meet again to talk it through', dueDate: '2026-03-11' },
      { text: 'Review the checklist together', dueDate: '2026-03-01' },
    ]);
    clients.push(...open);
    const [dueYesterday, dueToday, notPossible] = itemIds as [string, string, string];
    const cli = open[2]!;
    expect(
      await cli.command({
        type: 'followup.update',
        itemId: notPossible,
        status: 'not_possible',
        reason: 'The team changed',
      }),
    ).toMatchObject({ ok: true });
    const link = m.people.pat!.token;

    // In UTC the first item is due today, so nothing is late yet.
    let mine = await api<LinkFollowUpDto>(s, 'GET', `/invite/${link}/follow-up`);
    expect(mine).toEqual({ timeZone: 'UTC', today: '2026-03-10', late: [] });

    // A bad time zone is refused and changes nothing.
    const bad = await apiCall(s, 'POST', `/cases/${m.caseId}/time-zone`, { timeZone: 'Mars/Base' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('INVALID_PAYLOAD');
    expect((await api<LinkFollowUpDto>(s, 'GET', `/invite/${link}/follow-up`)).timeZone).toBe(
      'UTC',
    );

    // In the case's own zone it is the 11th: the item due on the 10th is late (yesterday), the
    // one due today is not, the one marked not possible is not.
    await api(s, 'POST', `/cases/${m.caseId}/time-zone`, { timeZone: 'Pacific/Auckland' });
    mine = await api<LinkFollowUpDto>(s, 'GET', `/invite/${link}/follow-up`);
    expect(mine).toEqual({
      timeZone: 'Pacific/Auckland',
      today: '2026-03-11',
      late: [dueYesterday],
    });
    let overdue = await api<OverdueItemDto[]>(s, 'GET', '/follow-up/overdue');
    expect(overdue).toEqual([
      expect.objectContaining({
        caseId: m.caseId,
        meetingId: m.meetingId,
        itemId: dueYesterday,
        dueDate: '2026-03-10',
        daysLate: 1,
        timeZone: 'Pacific/Auckland',
        text: 'Write down the answers to the questions',
      }),
    ]);
    expect(overdue.map((o) => o.itemId)).not.toContain(dueToday);
    const cases = await api<{ id: string; overdueItems: number }[]>(s, 'GET', '/cases');
    expect(cases.find((c) => c.id === m.caseId)?.overdueItems).toBe(1);

    // Sixty days on (the link's own expiry, 30 days, long past), with the case still open: the
    // link opens, its socket is let in and sees the agreed items, the sweeps leave it be.
    for (const c of clients.splice(0)) c.close();
    at += 60 * DAY;
    expect((await s.app.store.inviteById(m.people.pat!.invite.id))!.expires_at).toBeLessThan(at);
    const info = await apiCall(s, 'GET', `/invite/${link}`, undefined, '');
    expect(info.status).toBe(200);
    const pat = await connect(s, { invite: link });
    clients.push(pat);
    const view = await pat.waitFor((v) => (v.board?.items.length ?? 0) === 3);
    expect(view.status).toBe('ended');
    await s.app.purgeExpired();
    expect(await s.app.sweepSockets()).toBe(0);
    expect(await s.app.store.inviteById(m.people.pat!.invite.id)).toBeDefined();
    expect(pat.socket.connected).toBe(true);
    // The facilitator's session ended long ago (12 hours): they sign in again.
    await signInAgain(s);
    overdue = await api<OverdueItemDto[]>(s, 'GET', '/follow-up/overdue');
    // By now the item due "today" back then is late too; the one not possible never is.
    expect(overdue.map((o) => [o.itemId, o.daysLate])).toEqual([
      [dueYesterday, 61],
      [dueToday, 60],
    ]);

    // Once the case is closed the link's time is over (and the overdue list forgets the case).
    await api(s, 'POST', `/cases/${m.caseId}/close`);
    const closed = await apiCall(s, 'GET', `/invite/${link}`, undefined, '');
    expect(closed.status).toBe(410);
    expect(closed.body.error?.code).toBe('INVITE_EXPIRED');
    expect(await s.app.sweepSockets()).toBeGreaterThan(0);
    expect(await api<OverdueItemDto[]>(s, 'GET', '/follow-up/overdue')).toEqual([]);
  });

  it('lets only the lead set the time zone, and nobody without a session', async () => {
    s = await startTestServer({ livekit: createFakeLiveKitGateway() });
    const c = await api<{ id: string }>(s, 'POST', '/cases', { title: 'Conversation B' });
    const anon = await apiCall(s, 'POST', `/cases/${c.id}/time-zone`, { timeZone: 'UTC' }, '');
    expect(anon.status).toBe(401);
    const extra = await apiCall(s, 'POST', `/cases/${c.id}/time-zone`, {
      timeZone: 'UTC',
      more: 1,
    });
    expect(extra.status).toBe(400);
    expect(await apiCall(s, 'GET', '/follow-up/overdue', undefined, '')).toMatchObject({
      status: 401,
    });
  });
});
