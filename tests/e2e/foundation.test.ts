import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createMeetingThroughUi, joinAndWait, poll, signIn, waitForScreen } from './support/actors';
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
    await signIn(facilitator, stack.server);
    const people = [
      { name: 'Pat Doe', party: 'patient', role: 'patient' },
      { name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
      { name: 'Sam Other', party: 'other', role: 'org_rep' },
    ];
    const { invites } = await createMeetingThroughUi(facilitator, people);
    for (const url of Object.values(invites)) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/j\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    }

    await facilitator.getByRole('link', { name: 'Open the meeting room' }).first().click();
    await waitForScreen(facilitator, 'room');

    await Promise.all([
      joinAndWait(patient, invites['Pat Doe']!),
      joinAndWait(clinician, invites['Dr Casey Lee']!),
      joinAndWait(denied, invites['Sam Other']!),
    ]);

    // The denied person: no LiveKit token and no room state, at the socket level too.
    const tokenCalls: string[] = [];
    denied.on('websocket', (ws) =>
      ws.on('framereceived', (f) => {
        const text = String(f.payload);
        if (text.includes('"token"') || text.includes('Pat Doe') || text.includes('Dr Casey Lee'))
          tokenCalls.push(text);
      }),
    );
    await facilitator.getByRole('button', { name: 'Deny Sam Other' }).click();
    await waitForScreen(denied, 'denied');

    await facilitator.getByRole('button', { name: 'Admit Pat Doe' }).click();
    await facilitator.getByRole('button', { name: 'Admit Dr Casey Lee' }).click();
    await Promise.all([waitForScreen(patient, 'room'), waitForScreen(clinician, 'room')]);

    const personId = (name: string) =>
      (
        stack.server.app.repo.db
          .prepare('SELECT id FROM people WHERE display_name = ?')
          .get(name) as {
          id: string;
        }
      ).id;
    const [facId, patId, cliId] = [
      stack.server.facilitator.id,
      personId('Pat Doe'),
      personId('Dr Casey Lee'),
    ];

    // Each page plays the other two's video and receives their audio.
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

    // The denied page never connected to LiveKit and never saw anyone.
    expect(
      await denied.evaluate(() => (window as unknown as { __pcs: unknown[] }).__pcs.length),
    ).toBe(0);
    expect(tokenCalls).toEqual([]);
    expect(stack.offLoopback).toEqual([]);
  });
});
