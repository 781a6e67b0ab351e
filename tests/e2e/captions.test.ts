import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en';
import { api, connect, createMeeting, type Client, type ScriptedMeeting } from '../support/server';
import {
  admit,
  button,
  byTestId,
  enterMeetingRoom,
  joinAndWait,
  openTab,
  poll,
  present,
  signIn,
  waitForPresence,
  waitForScreen,
} from './support/actors';
import { expectNoAxeViolations } from './support/axe';
import { startStack, type Stack } from './support/stack';

/**
 * Issue 17, "Must show": a captioner (CART) is invited, waits, is let in and types; the patient and
 * the clinician, who turned captions on, see the text as it is typed; the facilitator, with
 * captions off, does not (until they turn them on, and see that a captioner is here). The delay
 * from the captioner's keystroke to the text painted on the others' pages is measured over
 * SAMPLES words and written to BENCHMARKS.md (never asserted: timing belongs to the benchmark).
 * After the meeting, the caption text is in no file of the server's data directory (the SQLite
 * database, its -wal, the command log), in none of its log lines and not in the summary.
 */

const SAMPLES = 20;
/** Each sample ends with its own token; no token is a prefix of another (zq01x, zq02x, ...). */
const token = (i: number) => `zq${String(i).padStart(2, '0')}x`;
const WORDS = ['morning', 'listen', 'answers', 'together', 'letter', 'review', 'quiet', 'thanks'];
const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Records, on a receiving page, when each awaited token first reached the page's DOM (React's
 * commit, seen by a MutationObserver). Not the frame after it: the test's pages are background
 * tabs of a headless browser, which run no animation frames, so no paint can be timed there.
 */
const RECORD_PAINTS = `
  window.__painted = {};
  window.__want = [];
  const check = () => {
    const el = document.querySelector('[data-testid="captions"]');
    if (!el) return;
    const text = el.textContent || '';
    for (const tok of window.__want) {
      if (window.__painted[tok] !== undefined || !text.includes(tok)) continue;
      window.__painted[tok] = performance.timeOrigin + performance.now();
    }
  };
  // The document itself: its <html> may not exist yet when this runs.
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
  });
`;

/** Records, on the captioner's page, when each key went down (same clock: timeOrigin + now). */
const RECORD_KEYS = `
  window.__keys = [];
  document.addEventListener(
    'keydown',
    (e) => window.__keys.push({ key: e.key, at: performance.timeOrigin + performance.now() }),
    true,
  );
`;

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Replaces (or appends) this test's own section of BENCHMARKS.md. */
/**
 * The measured delay, as a section of BENCHMARKS.md would put it, in test-results (each run's own
 * figure; BENCHMARKS.md quotes a run and says where the latest is).
 */
function writeBenchmark(section: string): void {
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-results', 'caption-delay.md'), `${section}\n`);
}

describe('live captions with a human captioner (real Chromium + LiveKit)', () => {
  let stack: Stack;
  let m: ScriptedMeeting;
  let fac: Page;
  let patient: Page;
  let clinician: Page;
  let captioner: Page;
  let lead: Client | undefined;

  beforeAll(async () => {
    stack = await startStack();
    m = await createMeeting(stack.server, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'cli', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
      { key: 'cap', name: 'Kim Captioner', party: 'other', role: 'captioner' },
    ]);
    [fac, patient, clinician, captioner] = await Promise.all([
      stack.newPage('facilitator'),
      stack.newPage('patient'),
      stack.newPage('clinician'),
      stack.newPage('captioner'),
    ]);
    for (const page of [fac, patient, clinician]) await page.addInitScript(RECORD_PAINTS);
    await captioner.addInitScript(RECORD_KEYS);
  });
  afterAll(async () => {
    lead?.close();
    await stack?.close();
  });

  it('captions as typed for those who turned them on; nothing kept after the meeting', async () => {
    // The patient's side asked for captions in preparation: theirs start on.
    await api(stack.server, 'POST', `/cases/${m.caseId}/prep/patient`, {
      access: { captions: true },
    });
    await signIn(fac, stack.server);
    await fac.goto(`${stack.server.url}/cases/${m.caseId}`);
    await waitForScreen(fac, 'case');
    await enterMeetingRoom(fac);
    await joinAndWait(patient, m.people.pat!.invite.url);
    await joinAndWait(clinician, m.people.cli!.invite.url);
    await joinAndWait(captioner, m.people.cap!.invite.url);
    await admit(fac, patient, 'Pat Doe');
    await admit(fac, clinician, 'Dr Casey Lee');
    await admit(fac, captioner, 'Kim Captioner');
    lead = await connect(stack.server, {
      meetingId: m.meetingId,
      cookie: stack.server.facilitator.cookie,
    });
    const ok = async (command: object) =>
      expect(await lead!.command(command), JSON.stringify(command)).toMatchObject({ ok: true });
    await ok({ type: 'meeting.start' });

    // The captioner's page: a typing surface under the stage. They never publish: no microphone
    // or camera right at the media server, whatever the floor.
    const input = captioner.getByTestId('caption-input');
    await input.waitFor();
    const capView = await lead.waitFor((v) =>
      v.members.some((p) => p.role === 'captioner' && p.connected),
    );
    expect(capView.members.find((p) => p.role === 'captioner')?.name).toBe('Kim Captioner');
    // The facilitator sees that a captioner is here; their own captions are off.
    await waitForPresence(fac, byTestId('captioner-present'));
    expect(await fac.getByTestId('captions-toggle').getAttribute('aria-pressed')).toBe('false');

    // The patient's captions are on already (their side asked in preparation); the clinician
    // turns theirs on. The patient chooses large ones.
    await waitForPresence(patient, byTestId('captions'));
    await clinician.getByTestId('captions-toggle').click();
    for (const page of [patient, clinician]) {
      await waitForPresence(page, byTestId('captions'));
      expect(await page.getByTestId('captions-toggle').getAttribute('aria-pressed')).toBe('true');
    }
    // The captioner sends no picture or sound: no empty tile for them, on their page or others',
    // once everyone else's tiles are there.
    await waitForPresence(patient, `[data-tile-id="${m.people.cli!.id}"]`);
    await waitForPresence(captioner, `[data-tile-id="${m.people.pat!.id}"]`);
    for (const page of [patient, clinician, captioner])
      expect(await page.locator(`[data-tile-id="${m.people.cap!.id}"]`).count()).toBe(0);
    await patient.getByTestId('captions-size').selectOption('large');
    expect(await patient.getByTestId('captions').getAttribute('data-size')).toBe('large');
    const kept = await patient.evaluate(
      (id) => window.localStorage.getItem(`cg.captions.${id}`),
      m.people.pat!.id,
    );
    expect(JSON.parse(kept!)).toEqual({ on: true, size: 'large' });

    // The captioner types; each sample's delay: its last keystroke to the frame showing it.
    const tokens = Array.from({ length: SAMPLES }, (_, i) => token(i + 1));
    for (const page of [patient, clinician, fac]) {
      await page.evaluate((t) => ((window as unknown as { __want: string[] }).__want = t), tokens);
    }
    await input.click();
    const delays: number[] = [];
    const painted = (page: Page, tok: string) =>
      page.evaluate(
        (t) => (window as unknown as { __painted: Record<string, number> }).__painted[t] ?? 0,
        tok,
      );
    for (const [i, tok] of tokens.entries()) {
      await captioner.keyboard.type(`${WORDS[i % WORDS.length]} ${tok}`, { delay: 35 });
      // The key read next is this token's last; the space after it is typed once it is shown.
      const keyAt = await captioner.evaluate(() => {
        const keys = (window as unknown as { __keys: { at: number }[] }).__keys;
        return keys[keys.length - 1]!.at;
      });
      for (const page of [patient, clinician]) {
        const at = await poll(
          () => painted(page, tok),
          (t) => t > 0,
          `${tok} painted`,
        );
        delays.push(at - keyAt);
      }
      // Every few words, Enter starts a new line (the others see the last three).
      if (i % 4 === 3) await captioner.keyboard.press('Enter');
      else await captioner.keyboard.type(' ');
    }
    // Text as typed, in the captions region, on both pages.
    const last = tokens.at(-1)!;
    for (const page of [patient, clinician]) {
      expect(await page.getByTestId('captions').textContent()).toContain(last);
      expect(await page.getByTestId('captions').getAttribute('aria-live')).toBe('off');
    }
    // The facilitator, captions off, sees none of it.
    expect(await present(fac, byTestId('captions'))).toBe(false);
    expect(await fac.evaluate(() => document.body.textContent ?? '')).not.toContain('zq0');

    // Accessibility: the captioner's page, and the room with captions on.
    await expectNoAxeViolations(captioner, 'captioner page');
    await expectNoAxeViolations(patient, 'room with captions on');

    // The facilitator turns their captions on, and sees the next line as it is typed.
    await fac.getByTestId('captions-toggle').click();
    await waitForPresence(fac, byTestId('captions'));
    await captioner.keyboard.press('Enter');
    await captioner.keyboard.type('Thank you all for coming', { delay: 20 });
    await poll(
      async () => (await fac.getByTestId('captions').textContent()) ?? '',
      (t) => t.includes('Thank you all for coming'),
      'the facilitator sees the caption',
    );

    // During a pause a facilitator may still speak: the captioner keeps typing on their pause
    // screen (the desk stays in reach of the keyboard), and the patient reads it over theirs.
    await ok({ type: 'pause.start', message: null, breakMinutes: null });
    for (const page of [patient, captioner]) await waitForPresence(page, byTestId('pause-screen'));
    await input.focus();
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    await captioner.keyboard.press('Enter');
    await captioner.keyboard.type('We will take a short break', { delay: 20 });
    await poll(
      async () => (await patient.getByTestId('captions').textContent()) ?? '',
      (t) => t.includes('We will take a short break'),
      'the patient reads the caption during the pause',
    );
    expect(await patient.getByTestId('captions').isVisible()).toBe(true);
    await ok({ type: 'pause.resume' });
    await waitForPresence(patient, byTestId('pause-screen'), false);

    const sorted = [...delays].sort((a, b) => a - b);
    const p50 = quantile(sorted, 0.5);
    const p95 = quantile(sorted, 0.95);
    writeBenchmark(
      [
        '## Caption delay (issue 17)',
        '',
        'From a captioner\u2019s keystroke to the text on another person\u2019s page (in its DOM,',
        'as React commits it: the test\u2019s headless background pages run no animation frames,',
        'so the paint after it is not timed):',
        `\`tests/e2e/captions.test.ts\`, ${SAMPLES} words typed at 35 ms a key, measured on the`,
        'patient\u2019s and the clinician\u2019s pages (real Chromium, one machine, the real server on',
        'loopback). The clock is `performance.timeOrigin + performance.now()` on both pages',
        '(one machine, one browser). It includes the captioner page\u2019s send throttle',
        '(`CAPTION_LIMITS.throttleMs` = 120 ms: the last keystroke goes out at most that long after',
        'the send before it), the socket relay through the server and the React render.',
        '',
        '| samples | p50 | p95 | max |',
        '| --- | --- | --- | --- |',
        `| ${delays.length} | ${Math.round(p50)} ms | ${Math.round(p95)} ms | ${Math.round(sorted.at(-1)!)} ms |`,
        '',
        `Measured ${new Date().toISOString().slice(0, 10)} on a shared 2-core machine (load average`,
        `${loadavg()[0]!.toFixed(1)} at the end), other engineers\u2019 builds and e2e runs beside it: the`,
        'tail varies with that load; the throttle alone accounts for 0 to 120 ms of each sample.',
      ].join('\n'),
    );
    process.stdout.write(
      `caption delay over ${delays.length} samples: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms\n`,
    );

    // The end: a summary to download (no agreement is a valid outcome), then the meeting ends.
    await ok({ type: 'board.finalise', noAgreement: true });
    for (const page of [patient, clinician]) {
      await openTab(page, en.roomTabs.agreements);
      await button(page, en.board.summaryAgree).click();
    }
    await lead.waitFor((v) => !!v.board?.summaryConsents.patient && !!v.board.summaryConsents.hcw);
    stack.assertCleanConsole();
    await ok({ type: 'meeting.end' });
    for (const page of [patient, clinician, captioner]) await waitForScreen(page, 'ended');
    for (const page of [patient, clinician, captioner]) {
      expect(await present(page, byTestId('captions'))).toBe(false);
      expect(await page.evaluate(() => document.body.textContent ?? '')).not.toContain('zq');
    }
    // The end closes the meeting's LiveKit rooms at once, and livekit-client may log its own
    // teardown warnings then ("createOffer with closed peer connection"): the console was
    // checked just before the end, as in the other e2e files.
    stack.clearConsole();

    await patient.goto(`${stack.server.url}/j/${m.people.pat!.token}/summary`);
    await waitForScreen(patient, 'summary');
    const [download] = await Promise.all([
      patient.waitForEvent('download'),
      button(patient, en.summary.download).click(),
    ]);
    const summary = readFileSync((await download.path())!, 'utf8');
    const summaryPage = (await patient.evaluate(() => document.body.textContent)) ?? '';
    expect(summary.length).toBeGreaterThan(20);

    await stack.server.app.rooms.idle();
    stack.server.app.db!.pragma('wal_checkpoint(PASSIVE)');
    const needles = [...tokens, 'Thank you all for coming'];
    const files = filesUnder(path.dirname(stack.server.app.db!.name));
    expect(files.some((f) => f.endsWith('.sqlite'))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f).toString('latin1');
      for (const n of needles) expect(bytes.includes(n), `${n} in ${path.basename(f)}`).toBe(false);
    }
    const logs = stack.server.logLines.join('\n');
    expect(stack.server.logLines.length).toBeGreaterThan(5);
    for (const n of needles) {
      expect(logs).not.toContain(n);
      expect(summary).not.toContain(n);
      expect(summaryPage).not.toContain(n);
    }
  });
});
