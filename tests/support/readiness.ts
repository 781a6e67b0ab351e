import type { MeetingPrepDto } from '../../shared/protocol/prep';
import type { ConsentTermsDto } from '../../shared/protocol/prep';
import { CSRF_HEADER } from '../../shared/protocol/http';

/** What these helpers need of the test server (tests/support/server.ts), without importing it. */
interface TestServer {
  url: string;
  facilitator: { cookie: string };
}

function api<T>(s: TestServer, method: string, p: string, body: unknown, cookie: string) {
  return call<T>(s, method, p, body, cookie);
}

/**
 * Makes a joint meeting ready to start through the real API (issue 15): "go" for every party of
 * its members (recorded by the signed-in facilitator) and each member's consent through their own
 * link. What the gate asks, done the way facilitators and people do it.
 */
export async function makeReady(
  s: TestServer,
  m: { caseId: string; meetingId: string },
  tokens: string[],
  cookie = s.facilitator.cookie,
): Promise<MeetingPrepDto> {
  const prep = await api<MeetingPrepDto>(
    s,
    'GET',
    `/meetings/${m.meetingId}/prep`,
    undefined,
    cookie,
  );
  const parties = new Set(prep.missing.flatMap((i) => (i.code === 'readiness' ? [i.party] : [])));
  for (const party of parties) {
    await recordReadiness(s, m.caseId, party, 'go', cookie);
  }
  for (const token of tokens) await consent(s, token);
  return api<MeetingPrepDto>(s, 'GET', `/meetings/${m.meetingId}/prep`, undefined, cookie);
}

export function recordReadiness(
  s: TestServer,
  caseId: string,
  party: string,
  decision: 'go' | 'not_yet' | 'indirect_only' | 'stop',
  cookie = s.facilitator.cookie,
) {
  return api(
    s,
    'POST',
    `/cases/${caseId}/readiness`,
    { party, decision, decidedOn: '2026-03-14', note: '' },
    cookie,
  );
}

/** A person's consent through their own link (reads the terms, then agrees to that version). */
export async function consent(s: TestServer, token: string): Promise<ConsentTermsDto> {
  const terms = await linkCall<ConsentTermsDto>(s, 'GET', `/invite/${token}/consent`);
  return linkCall<ConsentTermsDto>(s, 'POST', `/invite/${token}/consent`, {
    version: terms.version,
    participate: true,
    attendees: true,
    summary: true,
  });
}

/** A call from a person's link page: no cookie, the CSRF header like the client sends. */
export function linkCall<T>(s: TestServer, method: string, p: string, body?: unknown) {
  return call<T>(s, method, p, body);
}

async function call<T>(
  s: TestServer,
  method: string,
  p: string,
  body?: unknown,
  cookie?: string,
): Promise<T> {
  const res = await fetch(`${s.url}/api${p}`, {
    method,
    headers: {
      'content-type': 'application/json',
      [CSRF_HEADER]: '1',
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok)
    throw Object.assign(new Error(`${method} ${p}: ${res.status} ${text}`), {
      status: res.status,
      body: text,
    });
  return (text ? JSON.parse(text) : null) as T;
}
