import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { SOCKET_PATH } from '../../../shared/protocol/events';
import { makeReady } from '../../support/readiness';
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
  caseId: string;
  meetingId: string;
  invites: Record<string, string>;
}

/** Through the UI: a case, its people, a meeting, and one invite link per person. */
export async function createMeetingThroughUi(
  page: Page,
  people: { name: string; party: string; role: string }[],
): Promise<CreatedMeeting> {
  await page.getByLabel('Case title', { exact: true }).fill('Conversation about care in March');
  await page.getByRole('button', { name: 'Create case' }).click();
  await waitForScreen(page, 'case');
  for (const p of people) {
    await page.getByLabel('Display name', { exact: true }).fill(p.name);
    await page.getByLabel('Party', { exact: true }).selectOption(p.party);
    await page.getByLabel('Role', { exact: true }).selectOption(p.role);
    await page.getByRole('button', { name: 'Add person', exact: true }).click();
    await expect.poll(() => page.getByText(p.name, { exact: true }).count()).toBeGreaterThan(0);
  }
  await page.getByLabel('Meeting title', { exact: true }).fill('Joint meeting');
  await page.getByRole('button', { name: 'Create meeting', exact: true }).click();
  const invites: Record<string, string> = {};
  for (const p of people) {
    await page.getByRole('button', { name: `Create invite link for ${p.name}` }).click();
    const link = page.locator('[data-testid^="invite-url-"]').filter({ hasText: '/j/' });
    await expect.poll(() => link.count()).toBeGreaterThanOrEqual(Object.keys(invites).length + 1);
    const urls = await link.allTextContents();
    const fresh = urls.map((u) => u.trim()).find((u) => !Object.values(invites).includes(u));
    invites[p.name] = fresh!;
  }
  const room = page.getByRole('link', { name: 'Open the meeting room' }).first();
  const meetingId = (await room.getAttribute('href'))!.split('/').pop()!;
  const caseId = new URL(page.url()).pathname.split('/').pop()!;
  return { caseUrl: page.url(), caseId, meetingId, invites };
}

/**
 * The start gate of a joint meeting (issue 15) opened through the real API: "go" for each party
 * and each person's consent through their own link, as facilitators and people do it.
 */
export async function readyToStart(server: TestServer, m: CreatedMeeting): Promise<void> {
  const tokens = Object.values(m.invites).map((u) => u.split('/j/')[1]!);
  await makeReady(server, m, tokens);
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

/** A button by its exact accessible name (getByRole matches substrings unless told otherwise). */
export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

export const byTestId = (id: string) => `[data-testid="${id}"]`;

/** The whitespace-normalised text of the first element matching `selector`, or null if none. */
export function textOf(page: Page, selector: string): Promise<string | null> {
  return page.evaluate(
    (s) => document.querySelector(s)?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
    selector,
  );
}

/** True while an element matching `selector` is in the page. */
export function present(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => document.querySelector(s) !== null, selector);
}

/** Waits until the element's text is `expected` (or contains it, for a RegExp). */
export async function waitForText(
  page: Page,
  selector: string,
  expected: string | RegExp,
  ms = 30_000,
): Promise<void> {
  await poll(
    () => textOf(page, selector),
    (t) => (typeof expected === 'string' ? t === expected : t !== null && expected.test(t)),
    `${selector} to read ${String(expected)}`,
    ms,
  );
}

/** Waits until an element matching `selector` is in the page (or, with `shown` false, gone). */
export async function waitForPresence(
  page: Page,
  selector: string,
  shown = true,
  ms = 30_000,
): Promise<void> {
  await poll(
    () => present(page, selector),
    (p) => p === shown,
    `${selector} ${shown ? 'shown' : 'gone'}`,
    ms,
  );
}

/**
 * The opposite of poll: checks `ok` over a whole window and fails as soon as it does not hold
 * (for "nothing happens" properties, such as nobody's microphone coming back on by itself).
 */
export async function holdsFor<T>(
  f: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  ms: number,
): Promise<void> {
  const end = Date.now() + ms;
  do {
    const v = await f();
    if (!ok(v)) throw new Error(`${what}: broken; value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  } while (Date.now() < end);
}

/** The one-line floor status a participant sees ("You have the floor…", "Now speaking: …"). */
export const floorStatus = (page: Page) => textOf(page, byTestId('floor-status'));

/** Every page shows `phase` as the current phase. */
export async function waitForPhase(pages: Page[], phase: string): Promise<void> {
  await Promise.all(pages.map((p) => waitForText(p, byTestId('current-phase'), phase)));
}

/**
 * Opens a tab of the room's side panel or of the facilitator's console (issue 14: the panels are
 * tabs beside the stage) by the start of its name (a badge may follow: "People & lobby 2 need you").
 */
export async function openTab(page: Page, name: string): Promise<void> {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tab = page.getByRole('tab', { name: new RegExp(`^${escaped}`) });
  await tab.click();
  await poll(
    () => tab.getAttribute('aria-selected'),
    (v) => v === 'true',
    `tab ${name} selected`,
  );
}

/** The facilitator's console tabs (FacilitatorConsole), by their names. */
export const CONSOLE = {
  people: 'People & lobby',
  turns: 'Turns',
  phases: 'Phases',
  private: 'Private talks',
  agreements: 'Agreements',
  start: 'Start',
  ending: 'Ending',
} as const;

/**
 * The facilitator opens the meeting room from the case page: their own camera and microphone
 * check first (issue 14), then the room.
 */
export async function enterMeetingRoom(facilitator: Page): Promise<void> {
  // Their connection is what shows the facilitator present to the people waiting: it opens only
  // once they go in, never while the device check is on their screen.
  const connections: string[] = [];
  const onRequest = (r: { url: () => string }) => {
    if (new URL(r.url()).pathname.startsWith(SOCKET_PATH)) connections.push(r.url());
  };
  facilitator.on('request', onRequest);
  facilitator.on('websocket', onRequest);
  const link = facilitator.getByRole('link', { name: 'Open the meeting room' }).first();
  // The case page re-renders as the readiness and consents it shows arrive; a click that lands
  // during one is clicked again (the link itself must still lead to the check).
  await poll(
    async () => {
      if ((await screen(facilitator)) === 'case')
        await link.click({ timeout: 2_000 }).catch(() => undefined);
      return screen(facilitator);
    },
    (s) => s === 'device-check',
    'the device check after Open the meeting room',
  );
  expect(await facilitator.getByLabel('Join with my microphone muted').isChecked()).toBe(true);
  expect(connections).toEqual([]);
  facilitator.off('request', onRequest);
  facilitator.off('websocket', onRequest);
  await button(facilitator, 'Go into the meeting room').click();
  await waitForScreen(facilitator, 'room');
}

/** The facilitator admits someone from the waiting area, and their page shows the room. */
export async function admit(facilitator: Page, invitee: Page, name: string): Promise<void> {
  await openTab(facilitator, CONSOLE.people);
  await button(facilitator, `Admit ${name}`).click();
  await waitForScreen(invitee, 'room');
}

/** Leave safely: "Leave", then the confirmation; the aftercare screen shows. */
export async function leaveSafely(page: Page): Promise<void> {
  await button(page, 'Leave').click();
  await button(page, 'Leave the meeting').click();
  await waitForScreen(page, 'aftercare');
}

/** Everything a page sent and received on its room connection, and every address it used. */
export interface SocketTraffic {
  /** Every WebSocket the page opened (the app's, and LiveKit's if it ever connected). */
  webSockets: string[];
  /** Every HTTP request the page made (Socket.IO's long-polling included). */
  requests: string[];
  /** Text of every frame or polling body the page sent, and received, on any of them. */
  sent: string[];
  received: string[];
  /** Waits for the polling bodies still being read. */
  settled(): Promise<void>;
}

/**
 * Records a page's real-time traffic: every WebSocket it opens and every frame on it in both
 * directions, and the bodies of Socket.IO's HTTP long-polling (the client starts there and
 * upgrades, so the first packets, the handshake included, travel over HTTP). Call it before
 * `page.goto`, so that nothing sent while the page connects is missed.
 */
export function recordSocketTraffic(page: Page): SocketTraffic {
  const text = (p: string | Buffer) => (typeof p === 'string' ? p : p.toString('utf8'));
  const reading: Promise<void>[] = [];
  const t: SocketTraffic = {
    webSockets: [],
    requests: [],
    sent: [],
    received: [],
    settled: async () => {
      await Promise.all(reading);
    },
  };
  const isPolling = (url: string) => new URL(url).pathname.startsWith('/socket.io/');
  page.on('websocket', (ws) => {
    t.webSockets.push(ws.url());
    ws.on('framesent', (f) => t.sent.push(text(f.payload)));
    ws.on('framereceived', (f) => t.received.push(text(f.payload)));
  });
  page.on('request', (req) => {
    t.requests.push(req.url());
    const body = req.postData();
    if (body && isPolling(req.url())) t.sent.push(body);
  });
  page.on('response', (res) => {
    if (!isPolling(res.url())) return;
    reading.push(
      res.text().then(
        (body) => void t.received.push(body),
        () => undefined,
      ),
    );
  });
  return t;
}

/** Deny: the button, then the confirmation that says what happens next. */
export async function deny(facilitator: Page, name: string): Promise<void> {
  await openTab(facilitator, CONSOLE.people);
  await button(facilitator, `Deny ${name}`).click();
  await button(facilitator, `Yes, deny ${name}`).click();
}

/** End the meeting for everyone: the button, then the confirmation. */
export async function endMeeting(facilitator: Page): Promise<void> {
  await openTab(facilitator, CONSOLE.ending);
  await button(facilitator, 'End the meeting').click();
  await button(facilitator, 'Yes, end it for everyone').click();
}

/** Records the text of every WebSocket frame the page receives (attach before the page loads). */
export function recordSocketFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) =>
      frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8')),
    ),
  );
  return frames;
}

/** Everyone enters muted: the person's own click on Unmute turns the microphone on. */
export async function unmute(page: Page): Promise<void> {
  await button(page, 'Unmute').click();
  await button(page, 'Mute').waitFor();
}
