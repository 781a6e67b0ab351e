import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { en } from '../../client/src/i18n/en';
import { connect, createMeeting, type Client, type ScriptedMeeting } from '../support/server';
import { button, byTestId, poll, waitForPresence, waitForScreen } from './support/actors';
import { startStack, type Stack } from './support/stack';

/**
 * Issue 17 item 5, "the pause screen, dialogs and menus trap and return focus", in real Chromium:
 * the bars' small menus (More, Display, Add a reason, the floor's explanation) close on Escape with
 * the focus back on their button, and close when the focus leaves them; "Leave?" closes on Escape
 * with the focus back on Leave. While the meeting is paused the pause screen holds the focus: Tab
 * and Shift+Tab go round it and what stays in reach (Leave, language, display) and never reach the
 * room behind it (inert); Escape does not lift it; after the resume the focus is back where it was,
 * or on the control that took its place.
 */

interface FocusedAt {
  what: string;
  inPause: boolean;
  inReach: boolean;
  inert: boolean;
}

const focusedAt = (page: Page) =>
  page.evaluate((): FocusedAt | null => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const name = (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ');
    return {
      what: `${el.tagName.toLowerCase()} "${name.trim().slice(0, 40)}"`,
      inPause: !!el.closest('[data-testid="pause-screen"]'),
      inReach: !!el.closest('[data-in-reach]'),
      inert: !!el.closest('[inert]'),
    };
  });

/** The text of the focused element (its accessible name, roughly) and its role or tag. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el
      ? `${el.getAttribute('role') ?? el.tagName.toLowerCase()} ${(el.textContent ?? '').trim()}`
      : null;
  });

const isOpen = (page: Page, selector: string) =>
  page.evaluate(
    (s) => (document.querySelector(s) as HTMLDetailsElement | null)?.open ?? null,
    selector,
  );

/** Presses Tab (or Shift+Tab) `n` times and returns where the focus was after each press. */
async function tabAround(page: Page, n: number, back = false): Promise<(FocusedAt | null)[]> {
  const seen: (FocusedAt | null)[] = [];
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    seen.push(await focusedAt(page));
  }
  return seen;
}

describe('focus: menus, Leave and the pause screen trap and return focus (real Chromium)', () => {
  let stack: Stack;
  let m: ScriptedMeeting;
  let patient: Page;
  let lead: Client;
  const sockets: Client[] = [];
  const ok = async (c: Client, command: object) =>
    expect(await c.command(command), JSON.stringify(command)).toMatchObject({ ok: true });

  beforeAll(async () => {
    stack = await startStack();
    m = await createMeeting(stack.server, [
      { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'clinician', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
    ]);
    patient = await stack.newPage('patient', { viewport: { width: 1366, height: 768 } });
    await patient.goto(m.people.patient!.invite.url);
    await waitForScreen(patient, 'welcome');
    await button(patient, en.welcome.continue).click();
    await waitForScreen(patient, 'device-check');
    await button(patient, en.devices.join).click();
    await waitForScreen(patient, 'waiting');
    lead = await connect(stack.server, {
      meetingId: m.meetingId,
      cookie: stack.server.facilitator.cookie,
    });
    const hcw = await connect(stack.server, { invite: m.people.clinician!.token });
    sockets.push(lead, hcw);
    await ok(hcw, { type: 'lobby.join' });
    await ok(lead, { type: 'lobby.admit', memberId: m.people.clinician!.id });
    await ok(lead, { type: 'lobby.admit', memberId: m.people.patient!.id });
    await waitForScreen(patient, 'room');
    await ok(lead, { type: 'meeting.start' });
    await patient.getByText(en.floor.facilitators).first().waitFor();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await stack?.close();
  });

  it('each small menu closes on Escape with the focus back on its button, and when the focus leaves it', async () => {
    const menus = [
      { summary: '.room__bar .devices > summary', details: '.room__bar .devices', controls: true },
      {
        summary: '.room__top .display-controls > summary',
        details: '.room__top .display-controls',
        controls: true,
      },
      {
        summary: '.self-control--pause .bar-popover > summary',
        details: '.self-control--pause .bar-popover',
        controls: true,
      },
      // Words only: Escape from its own button.
      { summary: '.floor-panel__more > summary', details: '.floor-panel__more', controls: false },
    ];
    for (const menu of menus) {
      // Opened from the keyboard, then into it with Tab where it has a control.
      await patient.focus(menu.summary);
      await patient.keyboard.press('Enter');
      expect(await isOpen(patient, menu.details), `${menu.details} opens`).toBe(true);
      const summaryName = await focusedName(patient);
      if (menu.controls) await patient.keyboard.press('Tab');
      await patient.keyboard.press('Escape');
      expect(await isOpen(patient, menu.details), `${menu.details} closed by Escape`).toBe(false);
      expect(await focusedName(patient), `focus back on ${menu.details}'s button`).toBe(
        summaryName,
      );

      // Open again, and Tab on until the focus is outside it: it closes by itself.
      await patient.keyboard.press('Enter');
      expect(await isOpen(patient, menu.details)).toBe(true);
      for (let i = 0; i < 12; i++) {
        const inside = await patient.evaluate(
          (s) => !!document.querySelector(s)?.contains(document.activeElement),
          menu.details,
        );
        if (!inside) break;
        await patient.keyboard.press('Tab');
      }
      expect(await isOpen(patient, menu.details), `${menu.details} closed once left`).toBe(false);
    }

    // A press on the menu's own words keeps it open; a press elsewhere closes it.
    await patient.locator('.room__top .display-controls > summary').click();
    await patient.locator('.room__top .display-controls .field__hint').click();
    expect(await isOpen(patient, '.room__top .display-controls')).toBe(true);
    await patient.locator(byTestId('stage')).click({ position: { x: 5, y: 5 } });
    expect(await isOpen(patient, '.room__top .display-controls')).toBe(false);
  });

  it('"Leave?" opens on Stay, and Escape closes it with the focus back on Leave', async () => {
    await button(patient, en.self.leave).focus();
    await patient.keyboard.press('Enter');
    await patient.getByText(en.self.leaveQuestion).waitFor();
    expect(await focusedName(patient)).toBe(`button ${en.self.stay}`);
    await patient.keyboard.press('Escape');
    await poll(
      () => focusedName(patient),
      (n) => n === `button ${en.self.leave}`,
      'the focus back on Leave',
    );
    expect(await patient.getByText(en.self.leaveQuestion).count()).toBe(0);
    await patient.keyboard.press('Enter');
    await patient.keyboard.press('Enter'); // "Stay", focused
    await poll(
      () => focusedName(patient),
      (n) => n === `button ${en.self.leave}`,
      'the focus back on Leave after Stay',
    );
  });

  it('the pause screen holds the focus, never lets Tab reach the room behind, and gives it back on resume', async () => {
    // Focused before the pause: "I need a pause", which the pause removes and the resume redraws.
    await button(patient, en.self.needPause).focus();
    await ok(lead, { type: 'pause.start', message: null, breakMinutes: null });
    await waitForPresence(patient, byTestId('pause-screen'));
    await poll(
      () => focusedName(patient),
      (n) => n === `h2 ${en.pause.title}`,
      'the focus on the pause screen’s title',
    );
    // The room behind is inert: its side panel and its microphone and camera controls.
    expect(await patient.locator('.room__side[inert]').count()).toBe(1);
    expect(await patient.locator('.room__bar .media-controls[inert]').count()).toBe(1);

    const forward = await tabAround(patient, 40);
    const backward = await tabAround(patient, 40, true);
    for (const f of [...forward, ...backward]) {
      expect(f, 'the focus stays on a control').not.toBeNull();
      expect(f!.inert, `${f!.what} is inert`).toBe(false);
      expect(f!.inPause || f!.inReach, `${f!.what} is behind the pause screen`).toBe(true);
    }
    const reached = new Set([...forward, ...backward].map((f) => f!.what));
    // Writing to the facilitators (the microphone is off), Leave, and the person's own settings.
    expect(reached).toContain(`textarea ""`);
    // (Send waits, disabled, until there is something to send.)
    expect(reached).toContain(`button "${en.self.leave}"`);
    expect(reached).toContain(`summary "${en.display.button}"`);

    // Escape does not lift the pause screen, nor let the focus out.
    await patient.keyboard.press('Escape');
    expect(await patient.locator(byTestId('pause-screen')).count()).toBe(1);
    const afterEscape = await focusedAt(patient);
    expect(afterEscape!.inPause || afterEscape!.inReach).toBe(true);

    await ok(lead, { type: 'pause.resume' });
    await waitForPresence(patient, byTestId('pause-screen'), false);
    await poll(
      () => focusedName(patient),
      (n) => n === `button ${en.self.needPause}`,
      'the focus back on "I need a pause" (drawn again after the resume)',
    );
    expect(await patient.locator('.room [inert]').count()).toBe(0);

    // A control that stays through the pause gets the focus back itself: the Agreements tab.
    const tab = patient.getByRole('tab', { name: new RegExp(`^${en.roomTabs.agreements}`) });
    await tab.focus();
    await ok(lead, { type: 'pause.start', message: null, breakMinutes: 5 });
    await waitForPresence(patient, byTestId('pause-screen'));
    await poll(
      () => focusedName(patient),
      (n) => n === `h2 ${en.pause.title}`,
      'the focus on the pause screen’s title',
    );
    await ok(lead, { type: 'pause.resume' });
    await waitForPresence(patient, byTestId('pause-screen'), false);
    await poll(
      () => patient.evaluate(() => document.activeElement?.getAttribute('role')),
      (r) => r === 'tab',
      'the focus back on the Agreements tab',
    );
    expect(await focusedName(patient)).toMatch(new RegExp(`^tab ${en.roomTabs.agreements}`));
    stack.assertCleanConsole();
  });
});
