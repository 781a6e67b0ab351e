import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { FACILITATOR_PASSWORD, type TestServer } from '../../support/server';

/** Page objects for the people in a meeting (Jitsi/tldraw style actors). */

export async function poll<T>(
  f: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  let v = await f();
  while (!ok(v)) {
    if (Date.now() > end)
      throw new Error(`${what}: not reached in ${ms} ms; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
    v = await f();
  }
  return v;
}

export const screen = (page: Page) => page.evaluate(() => document.body.dataset.screen ?? null);

export async function waitForScreen(page: Page, name: string, ms = 30_000): Promise<void> {
  await poll(
    () => screen(page),
    (s) => s === name,
    `screen ${name}`,
    ms,
  );
}

export async function signIn(page: Page, server: TestServer): Promise<void> {
  await page.goto(server.url + '/');
  await page.getByLabel('Email').fill(server.facilitator.email);
  await page.getByLabel('Password').fill(FACILITATOR_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForScreen(page, 'cases');
}

export interface CreatedMeeting {
  caseUrl: string;
  invites: Record<string, string>;
}

/** Through the UI: a case, its people, a meeting, and one invite link per person. */
export async function createMeetingThroughUi(
  page: Page,
  people: { name: string; party: string; role: string }[],
): Promise<CreatedMeeting> {
  await page.getByLabel('Case title').fill('Conversation about care in March');
  await page.getByRole('button', { name: 'Create case' }).click();
  await waitForScreen(page, 'case');
  for (const p of people) {
    await page.getByLabel('Display name').fill(p.name);
    await page.getByLabel('Party').selectOption(p.party);
    await page.getByLabel('Role').selectOption(p.role);
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.getByText(p.name, { exact: true }).count()).toBeGreaterThan(0);
  }
  await page.getByLabel('Meeting title').fill('Joint meeting');
  await page.getByRole('button', { name: 'Create meeting' }).click();
  const invites: Record<string, string> = {};
  for (const p of people) {
    await page.getByRole('button', { name: `Create invite link for ${p.name}` }).click();
    const link = page.locator('[data-testid^="invite-url-"]').filter({ hasText: '/j/' });
    await expect.poll(() => link.count()).toBeGreaterThanOrEqual(Object.keys(invites).length + 1);
    const urls = await link.allTextContents();
    const fresh = urls.map((u) => u.trim()).find((u) => !Object.values(invites).includes(u));
    invites[p.name] = fresh!;
  }
  return { caseUrl: page.url(), invites };
}

/** An invitee opens their link, reads the welcome, passes the device check, and waits. */
export async function joinAndWait(page: Page, inviteUrl: string): Promise<void> {
  await page.goto(inviteUrl);
  await waitForScreen(page, 'welcome');
  await page.getByRole('button', { name: 'Continue' }).click();
  await waitForScreen(page, 'device-check');
  await page.getByRole('button', { name: 'Join the waiting area' }).click();
  await waitForScreen(page, 'waiting');
}
