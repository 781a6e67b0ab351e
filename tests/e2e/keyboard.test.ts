import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACILITATOR_PASSWORD, createMeeting, type ScriptedMeeting } from '../support/server';
import {
  CONSOLE,
  byTestId,
  joinAndWait,
  poll,
  waitForPresence,
  waitForScreen,
} from './support/actors';
import { startStack, type Stack } from './support/stack';

/**
 * Issue 17, "Must show": a whole short meeting with the keyboard only, for the facilitator and
 * the patient (A11Y-3). Every step is Tab / Shift+Tab to a control, then Enter or Space (arrows in
 * tab lists); no mouse, no element.click(). Each control reached must show its focus, and each
 * change (admission, phase, floor, pause) must be said once in the polite live region.
 */

const PROPOSAL = 'A named contact on the ward to answer questions for a year.';

/** Records each text the live region says, in order (installed before the app loads). */
const RECORD_ANNOUNCEMENTS = `
  window.__said = [];
  document.addEventListener('DOMContentLoaded', () => {
    let last = '';
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="announcer"]')?.textContent?.trim() ?? '';
      if (text !== last && text) window.__said.push(text);
      last = text;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
`;

const said = (page: Page) =>
  page.evaluate(() => (window as unknown as { __said: string[] }).__said);

/** Waits until the live region has said something containing `text`, and checks it said it once. */
async function heardOnce(page: Page, text: string): Promise<void> {
  await poll(
    () => said(page),
    (s) => s.some((x) => x.includes(text)),
    `the live region says "${text}"`,
  );
  expect((await said(page)).filter((x) => x.includes(text))).toHaveLength(1);
}

interface Focused {
  role: string;
  name: string;
  visible: boolean;
  /** In the Tab order (a heading focused on arrival, tabindex -1, is not a control). */
  tabbable: boolean;
}

function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const ids = el.getAttribute('aria-labelledby');
    const byIds = ids
      ? ids
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
      : '';
    const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
    const name = (el.getAttribute('aria-label') || byIds || label || el.textContent || '')
      .replace(/\s+/g, ' ')
      .trim();
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    return {
      role: el.getAttribute('role') ?? el.tagName.toLowerCase(),
      name,
      visible: outline || s.boxShadow !== 'none',
      tabbable: el.tabIndex >= 0,
    };
  });
}

describe('a whole meeting with the keyboard only (issue 17)', () => {
  let stack: Stack;
  let m: ScriptedMeeting;
  let fac: Page;
  let patient: Page;
  let clinician: Page;
  /** Controls reached by Tab that showed no focus indicator. */
  const noFocusRing: string[] = [];

  /**
   * Moves focus with Tab (or Shift+Tab) until it is on the control with this role and name
   * (the one already focused counts), and checks it shows its focus.
   */
  async function tabTo(
    page: Page,
    role: string,
    name: string | RegExp,
    back = false,
  ): Promise<void> {
    const fits = (f: Focused | null) =>
      !!f && f.role === role && (typeof name === 'string' ? f.name === name : name.test(f.name));
    const seen: string[] = [];
    for (let i = 0; i < 250; i++) {
      const f = await focused(page);
      if (f && f.tabbable && !f.visible) noFocusRing.push(`${f.role} "${f.name}"`);
      if (fits(f)) return;
      if (f) seen.push(`${f.role} "${f.name.slice(0, 40)}"`);
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(
      `no ${role} "${String(name)}" reached by Tab; went through: ${seen.join(', ')}`,
    );
  }

  async function press(
    page: Page,
    role: string,
    name: string | RegExp,
    key = 'Enter',
    back = false,
  ) {
    await tabTo(page, role, name, back);
    await page.keyboard.press(key);
  }

  /** Tabs into the tab list, then arrows to the tab whose name starts with `label`. */
  async function chooseTab(page: Page, label: string): Promise<void> {
    await tabTo(page, 'tab', /.*/);
    for (let i = 0; i < 12; i++) {
      const f = await focused(page);
      if (f?.role === 'tab' && f.name.startsWith(label)) {
        await poll(
          () => page.evaluate(() => document.activeElement?.getAttribute('aria-selected')),
          (v) => v === 'true',
          `tab ${label} selected`,
        );
        return;
      }
      await page.keyboard.press('ArrowRight');
    }
    throw new Error(`no tab ${label}`);
  }

  beforeAll(async () => {
    stack = await startStack();
    m = await createMeeting(stack.server, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'cli', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
    ]);
    [fac, patient, clinician] = await Promise.all([
      stack.newPage('facilitator'),
      stack.newPage('patient'),
      stack.newPage('clinician'),
    ]);
    await fac.addInitScript({ content: RECORD_ANNOUNCEMENTS });
    await patient.addInitScript({ content: RECORD_ANNOUNCEMENTS });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('the facilitator and the patient run the meeting from the keyboard, and hear each change once', async () => {
    // --- the facilitator signs in and opens the room -------------------------------------------
    await fac.goto(stack.server.url + '/');
    await tabTo(fac, 'input', 'Email');
    await fac.keyboard.type(stack.server.facilitator.email);
    await tabTo(fac, 'input', 'Password');
    await fac.keyboard.type(FACILITATOR_PASSWORD);
    await fac.keyboard.press('Enter');
    await waitForScreen(fac, 'cases');
    await fac.goto(`${stack.server.url}/cases/${m.caseId}`);
    await waitForScreen(fac, 'case');
    await fac.getByRole('link', { name: 'Open the meeting room' }).first().waitFor();
    await press(fac, 'a', 'Open the meeting room');
    await waitForScreen(fac, 'device-check');
    await press(fac, 'button', 'Go into the meeting room');
    await waitForScreen(fac, 'room');

    // --- the patient arrives and waits --------------------------------------------------------
    await patient.goto(m.people.pat!.invite.url);
    await waitForScreen(patient, 'welcome');
    await press(patient, 'button', 'Continue');
    await waitForScreen(patient, 'device-check');
    await press(patient, 'button', 'Join the waiting area');
    await waitForScreen(patient, 'waiting');
    await joinAndWait(clinician, m.people.cli!.invite.url);

    // --- admit ---------------------------------------------------------------------------------
    await heardOnce(fac, 'Pat Doe is in the waiting area.');
    await chooseTab(fac, CONSOLE.people);
    await press(fac, 'button', 'Admit Pat Doe');
    await waitForScreen(patient, 'room');
    await heardOnce(fac, 'Pat Doe has joined the meeting room.');
    await heardOnce(patient, 'You are in the meeting room.');
    await press(fac, 'button', 'Admit Dr Casey Lee');
    await waitForScreen(clinician, 'room');

    // --- start ---------------------------------------------------------------------------------
    await chooseTab(fac, CONSOLE.start);
    await press(fac, 'button', 'Start the meeting');
    await heardOnce(patient, 'Now: Welcome and ground rules.');
    await heardOnce(fac, 'Now: Welcome and ground rules.');

    // --- give the floor, and pass ----------------------------------------------------------------
    await chooseTab(fac, CONSOLE.turns);
    await press(fac, 'button', 'Give the floor to the patient and family');
    await heardOnce(patient, 'You have the floor. Unmute when you are ready.');
    await press(patient, 'button', 'Pass');
    await heardOnce(patient, 'The facilitator will decide who speaks next.');

    // --- pause and resume (the pause is in the facilitator's top bar) -----------------------------
    await press(fac, 'button', 'Pause the meeting');
    await waitForPresence(patient, byTestId('pause-screen'));
    await heardOnce(patient, 'The meeting is paused.');
    await heardOnce(fac, 'The meeting is paused.');
    await press(fac, 'button', 'Resume');
    await waitForPresence(patient, byTestId('pause-screen'), false);
    await heardOnce(patient, 'The meeting has resumed.');

    // --- propose and consent to a board item -------------------------------------------------------
    await chooseTab(patient, 'Agreements');
    await tabTo(patient, 'textarea', 'What should happen');
    await patient.keyboard.type(PROPOSAL);
    await press(patient, 'button', 'Propose');
    await patient.getByText(PROPOSAL, { exact: true }).waitFor();
    // The item's card is above the form: back with Shift+Tab.
    await press(patient, 'button', 'Consent', 'Space', true);
    const consent = patient.getByRole('button', { name: 'Consent', exact: true });
    await poll(
      () => consent.getAttribute('aria-pressed'),
      (v) => v === 'true',
      'the patient’s consent recorded',
    );
    await chooseTab(fac, CONSOLE.agreements);
    await fac.getByText('Patient and family: agreed').first().waitFor();

    // Checked before the end: closing the LiveKit rooms may log its own teardown warnings.
    stack.assertCleanConsole();

    // --- end -------------------------------------------------------------------------------------
    await chooseTab(fac, CONSOLE.ending);
    await press(fac, 'button', 'End the meeting');
    await press(fac, 'button', 'Yes, end it for everyone');
    await Promise.all([waitForScreen(fac, 'ended'), waitForScreen(patient, 'ended')]);

    expect(noFocusRing).toEqual([]);
  });
});
