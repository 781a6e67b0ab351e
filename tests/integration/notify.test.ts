import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseDto, InviteDto, MeetingDto, PersonDto } from '../../shared/protocol/http';
import { createFakeLiveKitGateway } from '../../server/src/livekit/gateway';
import { REMINDER_BEFORE_MS } from '../../server/src/notify/plan';
import { meetingWithAgreedItems } from '../support/followup';
import { rowCount } from '../support/lifecycle';
import { api, startTestServer, type TestServer } from '../support/server';

const HOUR = 3600_000;
const TITLE_WORDS = ['Kestrel', 'Harbour', 'Lantern'];
const NAMES = ['Philippa', 'Quennell', 'Octavia', 'Brightwater'];

interface Mail {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps every message it accepts. */
async function startSmtp(
  port = 0,
): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const bound = (server.server.address() as AddressInfo).port;
  return { port: bound, mails, close: () => new Promise((r) => server.close(() => r())) };
}

/** Subject and body of a raw message, quoted-printable undone. */
const readable = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

describe('notifications by e-mail (real SMTP server on loopback)', () => {
  let s: TestServer | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  afterEach(async () => {
    await s?.close();
    await smtp?.close();
    s = undefined;
  });

  /** A case with a distinctive title, two people with addresses, a meeting and their links. */
  const setUpCase = async (server: TestServer) => {
    const c = await api<CaseDto>(server, 'POST', '/cases', { title: 'Kestrel Harbour matter' });
    const pat = await api<PersonDto>(server, 'POST', `/cases/${c.id}/people`, {
      displayName: 'Philippa Quennell',
      party: 'patient',
      role: 'patient',
    });
    const cli = await api<PersonDto>(server, 'POST', `/cases/${c.id}/people`, {
      displayName: 'Dr Octavia Brightwater',
      party: 'hcw',
      role: 'hcw',
    });
    const m = await api<MeetingDto>(server, 'POST', `/cases/${c.id}/meetings`, {
      title: 'Lantern session',
    });
    const links: Record<string, InviteDto> = {};
    for (const p of [pat, cli]) {
      links[p.id] = await api<InviteDto>(server, 'POST', `/meetings/${m.id}/invites/${p.id}`);
    }
    await api(server, 'POST', `/cases/${c.id}/people/${pat.id}/email`, {
      email: 'pat@example.org',
    });
    await api(server, 'POST', `/cases/${c.id}/people/${cli.id}/email`, {
      email: 'Casey@Example.org',
    });
    return { c, pat, cli, m, links };
  };

  it('sends the invitation, the chosen time and the reminder once, in neutral words', async () => {
    smtp = await startSmtp();
    let at = Date.parse('2026-06-01T08:00:00Z');
    const clock = { now: () => at, setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) };
    s = await startTestServer({
      livekit: createFakeLiveKitGateway(),
      clock,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        SMTP_FROM: 'noreply@example.org',
        PUBLIC_URL: 'https://meet.example.org',
      },
    });
    const { c, pat, cli, m, links } = await setUpCase(s);
    expect(s.app.notifier).not.toBeNull();
    await api(s, 'POST', `/cases/${c.id}/time-zone`, { timeZone: 'Europe/London' });

    // The invitations: each person gets their own link, nothing else.
    expect(await s.app.notifier!.tick()).toEqual({ sent: 2, failed: 0 });
    expect(smtp.mails.map((x) => x.to[0]).sort()).toEqual(['casey@example.org', 'pat@example.org']);
    const invitation = readable(smtp.mails.find((x) => x.to[0] === 'pat@example.org')!.raw);
    expect(invitation).toContain('Subject: Your invitation');
    expect(invitation).toContain(
      links[pat.id]!.url.replace(/^http:\/\/[^/]+/, 'https://meet.example.org'),
    );
    expect(invitation).not.toContain(links[cli.id]!.url.split('/j/')[1]!);

    // A time is chosen (issue 15's store), 36 hours ahead: the time now, the reminder a day before.
    const startsAt = at + 36 * HOUR;
    await s.app.store.setTimeProposals(
      m.id,
      [{ id: 'slot1', starts_at: startsAt, minutes: 90 }],
      at,
    );
    await s.app.store.chooseTime(m.id, 'slot1', pat.id, at);
    expect(await s.app.notifier!.tick()).toEqual({ sent: 2, failed: 0 });
    expect(readable(smtp.mails[2]!.raw)).toContain('Subject: Your meeting time');
    expect(await s.app.notifier!.tick()).toEqual({ sent: 0, failed: 0 });

    at = startsAt - REMINDER_BEFORE_MS + 1;
    expect(await s.app.notifier!.tick()).toEqual({ sent: 2, failed: 0 });
    const reminder = readable(smtp.mails.at(-1)!.raw);
    expect(reminder).toContain('Subject: A reminder for tomorrow');
    expect(reminder).toContain('(Europe/London)');
    expect(await s.app.notifier!.tick()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(6);

    // Every text is neutral: no word of the case's or meeting's title, nobody's name, no
    // clinical or incident word.
    for (const mail of smtp.mails) {
      const text = readable(mail.raw);
      for (const w of [...TITLE_WORDS, ...NAMES, 'incident', 'harm', 'error', 'clinical'])
        expect(text.toLowerCase(), w).not.toContain(w.toLowerCase());
    }
    // The logs say how many, never to whom.
    expect(s.logLines.join('\n')).not.toContain('example.org');
  });

  it('tells the owner and the patient side when an agreed step is due, then late', async () => {
    smtp = await startSmtp();
    let at = Date.parse('2026-06-01T08:00:00Z');
    const clock = { now: () => at, setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) };
    s = await startTestServer({
      livekit: createFakeLiveKitGateway(),
      clock,
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'noreply@example.org' },
    });
    const { m, clients } = await meetingWithAgreedItems(
      s,
      [{ text: 'Send the Kestrel letter', dueDate: '2026-06-01' }],
      { patient: 'Philippa Quennell', clinician: 'Dr Octavia Brightwater' },
    );
    for (const c of clients) c.close();
    for (const [key, email] of [
      ['pat', 'pat@example.org'],
      ['cli', 'owner@example.org'],
    ] as const) {
      await api(s, 'POST', `/cases/${m.caseId}/people/${m.people[key]!.id}/email`, { email });
    }
    // The meeting is over, so no invitation any more: only "due today", to the owner and the
    // patient side.
    expect(await s.app.notifier!.tick()).toEqual({ sent: 2, failed: 0 });
    expect(smtp.mails).toHaveLength(2);
    const due = smtp.mails.filter((x) => /Subject: An agreed step is due/.test(x.raw));
    expect(due.map((x) => x.to[0]).sort()).toEqual(['owner@example.org', 'pat@example.org']);
    expect(readable(due[0]!.raw)).toContain('1 June 2026');

    at += 24 * HOUR;
    expect(await s.app.notifier!.tick()).toEqual({ sent: 2, failed: 0 });
    const late = smtp.mails.filter((x) => /Subject: An agreed step is not done yet/.test(x.raw));
    expect(late.map((x) => x.to[0]).sort()).toEqual(['owner@example.org', 'pat@example.org']);
    expect(await s.app.notifier!.tick()).toEqual({ sent: 0, failed: 0 });
    for (const mail of smtp.mails) {
      const text = readable(mail.raw).toLowerCase();
      for (const w of ['kestrel', 'letter', ...NAMES.map((n) => n.toLowerCase())])
        expect(text, w).not.toContain(w);
    }
  });

  it('keeps what could not be sent in the data, and sends it after a restart', async () => {
    const down = await startSmtp();
    const port = down.port;
    await down.close(); // nothing listens there now
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cg-notify-'));
    const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'noreply@example.org' };
    s = await startTestServer({ livekit: createFakeLiveKitGateway(), dataDir, env });
    await setUpCase(s);
    expect(await s.app.notifier!.tick()).toEqual({ sent: 0, failed: 2 });
    expect(rowCount(s, 'notifications')).toBe(2);
    await s.close();

    // The same data, a new process, the mail server back on the same port.
    smtp = await startSmtp(port);
    s = await startTestServer({ livekit: createFakeLiveKitGateway(), dataDir, env });
    expect(await s.app.notifier!.tick()).toEqual({ sent: 2, failed: 0 });
    expect(smtp.mails).toHaveLength(2);
    expect(await s.app.notifier!.tick()).toEqual({ sent: 0, failed: 0 });
  });

  it('tells the other side, in neutral words, that a released message waits for them', async () => {
    smtp = await startSmtp();
    s = await startTestServer({
      livekit: createFakeLiveKitGateway(),
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'noreply@example.org' },
    });
    const { c, pat, links } = await setUpCase(s);
    expect(await s.app.notifier!.tick()).toEqual({ sent: 2, failed: 0 }); // the invitations
    await api(s, 'POST', `/cases/${c.id}/relay`, { open: true });
    const token = links[pat.id]!.url.split('/j/')[1]!;
    await api(s, 'POST', `/invite/${token}/relay`, { body: 'About the Kestrel night shift' }, '');
    // Not released yet: nothing goes.
    expect(await s.app.notifier!.tick()).toEqual({ sent: 0, failed: 0 });
    const msg = (await s.app.store.relayMessages(c.id))[0]!;
    await api(s, 'POST', `/relay/${msg.id}/release`);
    expect(await s.app.notifier!.tick()).toEqual({ sent: 1, failed: 0 });
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['casey@example.org']);
    const text = readable(mail.raw);
    expect(text).toContain('Subject: A message is waiting for you');
    for (const w of ['Kestrel', 'night', ...NAMES]) expect(text).not.toContain(w);

    // A message returned to its writer with a note: the writer hears of it, in neutral words.
    await api(s, 'POST', `/invite/${token}/relay`, { body: 'About the Kestrel corridor' }, '');
    const second = (await s.app.store.relayMessages(c.id)).find((m) => m.status === 'pending')!;
    await api(s, 'POST', `/relay/${second.id}/return`, { note: 'Could you say more, Kestrel?' });
    expect(await s.app.notifier!.tick()).toEqual({ sent: 1, failed: 0 });
    const back = smtp.mails.at(-1)!;
    expect(back.to).toEqual(['pat@example.org']);
    const backText = readable(back.raw);
    expect(backText).toContain('Subject: A note from your facilitator');
    expect(backText).toContain(`/j/${token}`);
    for (const w of ['Kestrel', 'corridor', 'say more', ...NAMES])
      expect(backText).not.toContain(w);
    expect(await s.app.notifier!.tick()).toEqual({ sent: 0, failed: 0 });
  });

  it('sends nothing when SMTP is not configured', async () => {
    smtp = await startSmtp();
    s = await startTestServer({ livekit: createFakeLiveKitGateway() });
    const { c } = await setUpCase(s);
    expect(s.app.notifier).toBeNull();
    const settings = await api<{ enabled: boolean }>(s, 'GET', `/cases/${c.id}/notifications`);
    expect(settings.enabled).toBe(false);
    expect(rowCount(s, 'notifications')).toBe(0);
    expect(smtp.mails).toEqual([]);
  });

  it('refuses a bad address and keeps addresses from anyone but the case’s facilitators', async () => {
    s = await startTestServer({ livekit: createFakeLiveKitGateway() });
    const { c, pat } = await setUpCase(s);
    const bad = await fetch(`${s.url}/api/cases/${c.id}/people/${pat.id}/email`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-common-ground': '1',
        cookie: s.facilitator.cookie,
      },
      body: JSON.stringify({ email: 'not an address' }),
    });
    expect(bad.status).toBe(400);
    expect(await s.app.store.personEmail(pat.id)).toBe('pat@example.org');
    const anon = await fetch(`${s.url}/api/cases/${c.id}/notifications`);
    expect(anon.status).toBe(401);
  });
});
