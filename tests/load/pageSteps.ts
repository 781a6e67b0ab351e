/** Steps of the benchmarks that drive real Chromium pages (uiBench.ts, mediaBench.ts). */
import type { Page } from 'playwright-core';

/** Reads `f` until `ok` holds of it, and returns that value; fails naming `what` after `ms`. */
export async function until<T>(
  f: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: not reached in ${ms} ms (last: ${String(v)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The screen a page shows (its body's data-screen). */
export const screenOf = (page: Page) => page.evaluate(() => document.body.dataset.screen ?? null);

export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Shows a facilitator control wherever the console keeps it (one of the console's tabs). */
export async function reveal(page: Page, name: string): Promise<void> {
  const target = button(page, name).first();
  if (await target.isVisible()) return;
  const tabs = page.locator('[data-testid="console-tabs"] [role="tab"]');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    const shown = await target.waitFor({ state: 'visible', timeout: 1_000 }).then(
      () => true,
      () => false,
    );
    if (shown) return;
  }
  throw new Error(`"${name}" not found on the facilitator's page`);
}

/** Waits until the page shows the screen `name`. */
export const screenIs = (page: Page, name: string, what = name) =>
  until(
    () => screenOf(page),
    (x) => x === name,
    what,
  );

/**
 * The signed-in facilitator (their session `cookie`, "name=value") opens the meeting's room,
 * through their device check when it shows.
 */
export async function enterAsFacilitator(
  page: Page,
  o: { url: string; cookie: string; meetingId: string },
): Promise<void> {
  const [name, ...value] = o.cookie.split('=');
  await page.context().addCookies([{ name: name!, value: value.join('='), url: o.url }]);
  await page.goto(`${o.url}/meet/${o.meetingId}`);
  const first = await until(
    () => screenOf(page),
    (x) => x === 'room' || x === 'device-check',
    'facilitator room',
  );
  if (first === 'device-check') await button(page, 'Go into the meeting room').click();
  await screenIs(page, 'room', 'facilitator room');
}

/** A person opens their link, passes the welcome and the device check, and waits to be let in. */
export async function joinWaitingArea(page: Page, inviteUrl: string): Promise<void> {
  await page.goto(inviteUrl);
  await screenIs(page, 'welcome');
  await button(page, 'Continue').click();
  await screenIs(page, 'device-check', 'device check');
  await button(page, 'Join the waiting area').click();
  await screenIs(page, 'waiting', 'waiting area');
}

/** The facilitator lets `name` in from wherever the console keeps it; their page shows the room. */
export async function admit(fac: Page, page: Page, name: string): Promise<void> {
  await reveal(fac, `Admit ${name}`);
  await button(fac, `Admit ${name}`).click();
  await screenIs(page, 'room', `${name} in the room`);
}
