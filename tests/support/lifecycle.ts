import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { CSRF_HEADER } from '../../shared/protocol/http';
import { createFakeLiveKitGateway } from '../../server/src/livekit/gateway';
import { startTestServer, type Client, type TestServer } from './server';

/*
 * The set-up lines the integration files shared: a server started before the tests of a describe
 * and closed after them with the sockets they opened, a raw API call that returns the status
 * whatever it is, and a row count read from the server's own database.
 */

type StartOptions = NonNullable<Parameters<typeof startTestServer>[0]>;

/**
 * Starts a test server before all the tests of the enclosing describe (`each`: before each test),
 * hands it to `use` (tests keep their own `s`), and after them closes every socket in `clients`
 * (emptied) and the server. `options` is called at each start (default: the fake LiveKit gateway).
 */
export function useTestServer(
  use: (s: TestServer) => void,
  clients: Client[],
  o: { each?: boolean; options?: () => StartOptions } = {},
): void {
  let s: TestServer | undefined;
  (o.each ? beforeEach : beforeAll)(async () => {
    s = await startTestServer(o.options?.() ?? { livekit: createFakeLiveKitGateway() });
    use(s);
  });
  (o.each ? afterEach : afterAll)(async () => {
    for (const c of clients.splice(0)) c.close();
    await s?.close();
  });
}

/** An API answer's body, error or not. */
export interface ApiAnswer {
  error?: { code: string; message: string; issues?: { path: string; message: string }[] };
  [key: string]: unknown;
}

/**
 * A raw API call with the CSRF header (as the signed-in facilitator unless `cookie` says who):
 * the status and parsed body, whatever the status.
 */
export async function apiCall(
  s: TestServer,
  method: string,
  p: string,
  body?: unknown,
  cookie?: string,
): Promise<{ status: number; body: ApiAnswer }> {
  const res = await fetch(`${s.url}/api${p}`, {
    method,
    headers: {
      'content-type': 'application/json',
      [CSRF_HEADER]: '1',
      cookie: cookie ?? s.facilitator.cookie,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as ApiAnswer };
}

/** Rows in a table, read from the server's own database. */
export const rowCount = (s: TestServer, table: string): number =>
  (s.app.db!.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
