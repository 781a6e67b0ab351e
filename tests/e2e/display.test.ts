import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { en } from '../../client/src/i18n/en';
import { connect, createMeeting, type Client, type ScriptedMeeting } from '../support/server';
import { button, byTestId, poll, waitForScreen } from './support/actors';
import { axeViolations, formatViolations } from './support/axe';
import { startStack, type Stack } from './support/stack';

/**
 * Issue 17 item 6, text size and contrast that persist per person, in real Chromium: a patient
 * chooses Larger text and High contrast on their link's welcome page; after a reload and into the
 * room the page keeps them (<html data-text-size, data-contrast>, the root font really larger);
 * the room at a laptop's 1366x768 still fits its window with no page scroll and the video stage in
 * view, with Larger and with Large text; axe-core finds no WCAG 2.2 AA violation in high contrast
 * on the welcome page and in the room. Another person on the same browser keeps their own (the
 * defaults), as with the language.
 */

const T = en.display;
const DESKTOP = { width: 1366, height: 768 };

const html = (page: Page) =>
  page.evaluate(() => ({
    size: document.documentElement.dataset.textSize ?? null,
    contrast: document.documentElement.dataset.contrast ?? null,
    rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
  }));

/** No page scroll, and the stage's visible part (clipped to the window) at least a quarter of it. */
const roomLayout = (page: Page) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const r = el?.getBoundingClientRect();
    const w = r ? Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0)) : 0;
    const h = r ? Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)) : 0;
    return {
      pageHeight: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight),
      pageWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      innerHeight,
      innerWidth,
      stageShare: (w * h) / (innerWidth * innerHeight),
    };
  }, byTestId('stage'));

async function choose(page: Page, group: string, option: string): Promise<void> {
  const panelOpen = await page.getByRole('group', { name: group }).isVisible();
  if (!panelOpen) await page.locator('.display-controls > summary:visible').click();
  await page
    .getByRole('group', { name: group })
    .getByRole('radio', { name: option, exact: true })
    .check();
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const v = await axeViolations(page);
  expect(v, formatViolations(where, v)).toEqual([]);
}

describe('display: text size and contrast per person (real Chromium + LiveKit)', () => {
  let stack: Stack;
  let m: ScriptedMeeting;
  let patient: Page;
  const sockets: Client[] = [];

  beforeAll(async () => {
    stack = await startStack();
    m = await createMeeting(stack.server, [
      { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'clinician', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
    ]);
    patient = await stack.newPage('patient', { viewport: DESKTOP, deviceScaleFactor: 1 });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await stack?.close();
  });

  it('the patient chooses Larger text and High contrast on the welcome page; a reload keeps them', async () => {
    await patient.goto(m.people.patient!.invite.url);
    await waitForScreen(patient, 'welcome');
    const before = await html(patient);
    expect(before).toMatchObject({ size: 'normal', contrast: 'standard' });

    await choose(patient, T.textSize, T.sizeLarger);
    await choose(patient, T.contrast, T.contrastHigh);
    const after = await html(patient);
    expect(after).toMatchObject({ size: 'larger', contrast: 'high' });
    expect(after.rootPx).toBeCloseTo(before.rootPx * 1.5, 1);
    await expectNoViolations(patient, 'welcome, high contrast, larger text, panel open');

    await patient.reload();
    await waitForScreen(patient, 'welcome');
    await poll(
      () => html(patient),
      (h) => h.size === 'larger' && h.contrast === 'high',
      'the choice after a reload',
    );
    // The control shows what is chosen.
    await patient.locator('.display-controls > summary:visible').click();
    expect(await patient.getByRole('radio', { name: T.sizeLarger, exact: true }).isChecked()).toBe(
      true,
    );
    expect(await patient.getByRole('radio', { name: T.contrastHigh }).isChecked()).toBe(true);
    await patient.keyboard.press('Escape');
    expect(await patient.getByRole('group', { name: T.textSize }).isVisible()).toBe(false);
    await expectNoViolations(patient, 'welcome after reload, high contrast, larger text');
  });

  it('into the room: still Larger and High; the room fits 1366x768 with the stage in view', async () => {
    await button(patient, en.welcome.continue).click();
    await waitForScreen(patient, 'device-check');
    await button(patient, en.devices.join).click();
    await waitForScreen(patient, 'waiting');

    const lead = await connect(stack.server, {
      meetingId: m.meetingId,
      cookie: stack.server.facilitator.cookie,
    });
    const hcw = await connect(stack.server, { invite: m.people.clinician!.token });
    sockets.push(lead, hcw);
    const ok = async (c: Client, command: object) =>
      expect(await c.command(command), JSON.stringify(command)).toMatchObject({ ok: true });
    await ok(hcw, { type: 'lobby.join' });
    await ok(lead, { type: 'lobby.admit', memberId: m.people.clinician!.id });
    await ok(lead, { type: 'lobby.admit', memberId: m.people.patient!.id });
    await waitForScreen(patient, 'room');
    await ok(lead, { type: 'meeting.start' });
    await patient.getByText(en.floor.facilitators).first().waitFor();

    expect(await html(patient)).toMatchObject({ size: 'larger', contrast: 'high' });
    const larger = await roomLayout(patient);
    expect
      .soft(larger.pageHeight, 'larger text: page height')
      .toBeLessThanOrEqual(larger.innerHeight + 1);
    expect
      .soft(larger.pageWidth, 'larger text: page width')
      .toBeLessThanOrEqual(larger.innerWidth + 1);
    expect.soft(larger.stageShare, 'larger text: stage share').toBeGreaterThan(0.2);
    await expectNoViolations(patient, 'room, high contrast, larger text');

    // The room's own control (in its top bar) changes it too, and the choice is saved for them.
    await choose(patient, T.textSize, T.sizeLarge);
    await patient.keyboard.press('Escape');
    expect(await html(patient)).toMatchObject({ size: 'large', contrast: 'high' });
    const large = await roomLayout(patient);
    expect(large.pageHeight, 'large text: page height').toBeLessThanOrEqual(large.innerHeight + 1);
    expect(large.pageWidth, 'large text: page width').toBeLessThanOrEqual(large.innerWidth + 1);
    expect(large.stageShare, 'large text: stage share').toBeGreaterThan(0.3);
    await expectNoViolations(patient, 'room, high contrast, large text');
    const saved = await patient.evaluate(
      (k) => localStorage.getItem(k),
      `cg.display.person:${m.people.patient!.id}`,
    );
    expect(JSON.parse(saved ?? '{}')).toEqual({ textSize: 'large', contrast: 'high' });

    // In French (longer words in the top bar) the room still fits.
    await button(patient, 'Français').click();
    await poll(
      () => patient.evaluate(() => document.documentElement.lang),
      (l) => l === 'fr',
      'the room in French',
    );
    const fr = await roomLayout(patient);
    expect(fr.pageHeight, 'French, large text: page height').toBeLessThanOrEqual(
      fr.innerHeight + 1,
    );
    expect(fr.pageWidth, 'French, large text: page width').toBeLessThanOrEqual(fr.innerWidth + 1);
    expect(fr.stageShare, 'French, large text: stage share').toBeGreaterThan(0.3);
  });

  it('another person on the same browser keeps their own display', async () => {
    const other = await patient.context().newPage();
    await other.goto(m.people.clinician!.invite.url);
    await waitForScreen(other, 'welcome');
    await poll(
      () => html(other),
      (h) => h.size === 'normal' && h.contrast === 'standard',
      "the clinician's defaults",
    );
    await other.close();
  });
});
