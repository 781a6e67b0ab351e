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
