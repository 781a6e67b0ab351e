import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleMessage, Page } from 'playwright-core';
import {
  button,
  byTestId,
  CONSOLE,
  createMeetingThroughUi,
  deny,
  enterMeetingRoom,
  joinAndWait,
  openTab,
  poll,
  readyToStart,
  recordSocketTraffic,
  screen,
  signIn,
  unmute,
  waitForPresence,
  waitForScreen,
  waitForText,
} from './support/actors';
import { liveAudio, playingVideos, selectedPairs, startStack, type Stack } from './support/stack';

const LOOPBACK = new Set(['127.0.0.1', '::1']);

describe('foundation: sign in, invite, lobby, admit, see and hear each other (real Chromium + LiveKit)', () => {
  let stack: Stack;
  let facilitator: Page;
  let patient: Page;
  let clinician: Page;
  let denied: Page;

  beforeAll(async () => {
    stack = await startStack();
    [facilitator, patient, clinician, denied] = await Promise.all([
      stack.newPage('facilitator'),
      stack.newPage('patient'),
      stack.newPage('clinician'),
      stack.newPage('uninvited'),
    ]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('runs the whole first meeting', async () => {
    // The sign-in page loads without a failed request: no console error (such as a 401) there.
    const signInErrors: string[] = [];
    const onConsole = (m: ConsoleMessage) => {
      if (m.type() === 'error') signInErrors.push(m.text());
    };
    facilitator.on('console', onConsole);
    await signIn(facilitator, stack.server);
    facilitator.off('console', onConsole);
    expect(signInErrors).toEqual([]);
    const people = [
      { name: 'Pat Doe', party: 'patient', role: 'patient' },
      { name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
      { name: 'Sam Other', party: 'other', role: 'org_rep' },
    ];
    const created = await createMeetingThroughUi(facilitator, people);
    const { invites } = created;
    // Each person's consent and each side's "go" (issue 15), so the links lead straight on.
    await readyToStart(stack.server, created);
    for (const url of Object.values(invites)) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/j\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    }

    // The facilitator checks camera and microphone first, as everyone does, and goes in muted.
    await enterMeetingRoom(facilitator);

    // The person who will be denied: their page's real-time traffic (WebSocket frames and
    // Socket.IO's long-polling, both ways) and every address it uses, recorded from before the
    // page loads, so that a token sent while it connects is not missed.
    const deniedTraffic = recordSocketTraffic(denied);
    await Promise.all([
      joinAndWait(patient, invites['Pat Doe']!),
      joinAndWait(clinician, invites['Dr Casey Lee']!),
      joinAndWait(denied, invites['Sam Other']!),
    ]);

    // Deny asks first, in plain words; focus goes to Cancel, and Escape cancels (nothing sent).
    await openTab(facilitator, CONSOLE.people);
    await button(facilitator, 'Deny Sam Other').click();
    const ask = facilitator.getByRole('group', { name: 'Deny Sam Other?' });
    await expect.poll(() => ask.count()).toBe(1);
    expect(await ask.getAttribute('aria-describedby')).toBeTruthy();
    await expect
      .poll(() => ask.textContent())
      .toContain('They will see that they cannot join this meeting');
    const focused = () => facilitator.evaluate(() => document.activeElement?.textContent ?? null);
    await expect.poll(focused).toBe('Cancel');
    await facilitator.keyboard.press('Escape');
    await expect.poll(() => ask.count()).toBe(0);
    await expect.poll(focused).toBe('Deny Sam Other');
    expect(await screen(denied)).toBe('waiting');
    await deny(facilitator, 'Sam Other');
    await waitForScreen(denied, 'denied');

    // A private check-in from the waiting area is a call too: the person is told, in words, who
    // can hear them (issue 14), muted first, only the facilitator once they unmute.
    const hear = byTestId('who-can-hear');
    await button(facilitator, 'Check in privately with Pat Doe').click();
    await waitForText(patient, hear, 'Your microphone is off: nobody can hear you.');
    await unmute(patient);
    await waitForText(patient, hear, 'Only the facilitator can hear you (private conversation).');
    await button(patient, 'Mute').click();
    await waitForText(patient, hear, 'Your microphone is off: nobody can hear you.');
    await button(facilitator, 'End the check-in with Pat Doe').click();
    await waitForPresence(patient, hear, false);

    await facilitator.getByRole('button', { name: 'Admit Pat Doe' }).click();
    await facilitator.getByRole('button', { name: 'Admit Dr Casey Lee' }).click();
    await Promise.all([waitForScreen(patient, 'room'), waitForScreen(clinician, 'room')]);

    const personId = (name: string) =>
      (
        stack.server.app.db!.prepare('SELECT id FROM people WHERE display_name = ?').get(name) as {
          id: string;
        }
      ).id;
    const [facId, patId, cliId] = [
      stack.server.facilitator.id,
      personId('Pat Doe'),
      personId('Dr Casey Lee'),
    ];

    // Everyone enters muted; each unmutes. Then each page plays the other two's video and
    // receives their audio.
    for (const page of [facilitator, patient, clinician]) await unmute(page);
    const expectations: [Page, string[]][] = [
      [facilitator, [patId, cliId]],
      [patient, [facId, cliId]],
      [clinician, [facId, patId]],
    ];
    for (const [page, others] of expectations) {
      await poll(
        () => playingVideos(page),
        (v) => others.every((id) => v.includes(id)),
        'remote video playing',
        60_000,
      );
      await poll(
        () => liveAudio(page),
        (a) => others.every((id) => a.includes(id)),
        'remote audio live',
        60_000,
      );
    }

    // Every selected ICE candidate pair is on loopback: the SFU end always (it listens and
    // advertises 127.0.0.1 only); the browser end too when the suite runs in its own network
    // namespace whose only interface is loopback (npm test does that as root).
    const strict = process.env.CG_E2E_NETNS === '1';
    for (const page of [facilitator, patient, clinician]) {
      const pairs = await poll(
        () => selectedPairs(page),
        (p) => p.length > 0,
        'selected ICE pairs',
      );
      for (const p of pairs) {
        expect(LOOPBACK.has(p.remote), `remote ${p.remote}`).toBe(true);
        if (strict) expect(LOOPBACK.has(p.local), `local ${p.local}`).toBe(true);
      }
    }

    // A picture of each view, for people to look at (README's screenshot comes from here).
    mkdirSync('test-results', { recursive: true });
    await facilitator.screenshot({ path: 'test-results/foundation-facilitator.png' });
    await patient.screenshot({ path: 'test-results/foundation-patient.png' });

    // The denied page never connected to LiveKit, never got a token and never saw anyone: its
    // only sockets are the app's own, whose frames (recorded from the first) hold no media grant
    // and no other person's name.
    expect(
      await denied.evaluate(() => (window as unknown as { __pcs: unknown[] }).__pcs.length),
    ).toBe(0);
    await deniedTraffic.settled();
    const app = new URL(stack.server.url);
    const lk = new URL(stack.lk.url);
    expect(deniedTraffic.webSockets.length).toBeGreaterThan(0);
    for (const ws of deniedTraffic.webSockets) {
      expect(new URL(ws).host, ws).toBe(app.host);
      expect(new URL(ws).pathname, ws).toBe('/socket.io/');
    }
    expect(deniedTraffic.requests.filter((r) => new URL(r).host === lk.host)).toEqual([]);
    // The recording began before the connection: it holds the Engine.IO handshake ("0{"sid"...).
    expect(deniedTraffic.received.some((f) => f.startsWith('0{"sid"'))).toBe(true);
    const frames = [...deniedTraffic.sent, ...deniedTraffic.received];
    const leaks = frames.filter(
      (f) =>
        f.includes('"token"') ||
        /eyJ[\w-]+\.eyJ[\w-]+/.test(f) || // a JWT, whatever it is wrapped in
        f.includes(stack.lk.url) ||
        f.includes(lk.host) ||
        f.includes('Pat Doe') ||
        f.includes('Dr Casey Lee'),
    );
    expect(leaks).toEqual([]);
    expect(stack.offLoopback).toEqual([]);
  });

  it('left no console error or warning on any page', () => {
    stack.assertCleanConsole();
  });
});
