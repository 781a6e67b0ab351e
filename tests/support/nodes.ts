/**
 * Helpers for the tests that drive the app as separate processes (tests/support/process.ts
 * spawnServer): a restart, several app nodes on PostgreSQL and Redis. They talk to a node only
 * through its HTTP API and its sockets, as a browser would.
 */
import { io as ioClient } from 'socket.io-client';
import type { Ack } from '../../shared/protocol/errors';
import {
  CSRF_HEADER,
  type CaseDto,
  type InviteDto,
  type MeetingDto,
  type PersonDto,
} from '../../shared/protocol/http';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { RoomView } from '../../shared/room/views';
import { makeReady } from './readiness';
import type { ClientSocket } from './server';

/** The facilitator account a node creates at its first start (FACILITATOR_* in `nodeEnv`). */
export const NODE_PASSWORD = 'a long enough password';

/** A JSON call with the CSRF header the client sends; throws on any status but 2xx. */
export async function http<T>(
  url: string,
  method: string,
  body?: unknown,
  cookie?: string,
): Promise<{ data: T; cookie?: string }> {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      [CSRF_HEADER]: '1',
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return { data: (await res.json()) as T, cookie: res.headers.get('set-cookie')?.split(';')[0] };
}

/**
 * A socket client that keeps the newest view it was sent. By default it reconnects by itself,
 * quickly, as the browser does; `reconnectionDelay: null` turns reconnection off.
 */
export function nodeClient(
  url: string,
  auth: object,
  cookie?: string,
  reconnectionDelay: number | null = 100,
) {
  const socket: ClientSocket = ioClient(url, {
    auth: { protocol: PROTOCOL_VERSION, ...auth },
    extraHeaders: cookie ? { cookie } : undefined,
    transports: ['websocket'],
    ...(reconnectionDelay === null
      ? { reconnection: false }
      : { reconnectionDelay, reconnectionDelayMax: reconnectionDelay * 3 }),
  });
  const state = { view: undefined as RoomView | undefined };
  socket.on('room:view', (v) => {
    if (!state.view || v.version >= state.view.version) state.view = v;
  });
  /** A room command with its client id (a retry with the same id applies once). */
  const command = (command: object, id: string) =>
    socket.timeout(5000).emitWithAck('room:command', { id, command } as never) as Promise<
      Ack<{ version: number }>
    >;
  return { socket, state, command };
}
export type NodeClient = ReturnType<typeof nodeClient>;

/** Waits until `f` holds, checking every 50 ms; fails naming `what` after `ms`. */
export async function until(
  f: () => boolean | Promise<boolean>,
  what: string,
  ms = 20_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`${what}: not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The environment of app node `i` of a cluster on one PostgreSQL database and one Redis (issue
 * 18). Every node shares the session secret (a cookie made on one works on the other); the first
 * to start creates the facilitator account `email`, the others find it.
 */
export function nodeEnv(
  i: number,
  o: { databaseUrl: string; redisUrl: string; email: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    NODE_NAME: `node${i}`,
    SESSION_SECRET: 'cluster-session-secret-0123456789abcdefghij',
    FACILITATOR_EMAIL: o.email,
    FACILITATOR_PASSWORD: NODE_PASSWORD,
    FACILITATOR_NAME: 'Fran',
    PARTY_GRACE_SECONDS: '60',
    ...extra,
  };
}

/**
 * Through one node's API, as the facilitator `email` does it: signs in, makes a case with these
 * people and a joint meeting (that node runs it: it takes the meeting's lease first), gives each
 * person a link, and makes the meeting ready to start (every party at "go", everyone's consent
 * through their own link), through `readyThrough` when given (another node).
 */
export async function seedMeeting(
  nodeUrl: string,
  email: string,
  people: { displayName: string; party: string; role: string }[],
  readyThrough = nodeUrl,
) {
  const api = `${nodeUrl}/api`;
  const { cookie } = await http(`${api}/auth/login`, 'POST', { email, password: NODE_PASSWORD });
  const c = (await http<CaseDto>(`${api}/cases`, 'POST', { title: 'Case' }, cookie)).data;
  const added: PersonDto[] = [];
  for (const p of people)
    added.push((await http<PersonDto>(`${api}/cases/${c.id}/people`, 'POST', p, cookie)).data);
  const meeting = (
    await http<MeetingDto>(`${api}/cases/${c.id}/meetings`, 'POST', { title: 'Joint' }, cookie)
  ).data;
  const tokens: string[] = [];
  for (const p of added)
    tokens.push(
      (
        await http<InviteDto>(
          `${api}/meetings/${meeting.id}/invites/${p.id}`,
          'POST',
          undefined,
          cookie,
        )
      ).data.url.split('/j/')[1]!,
    );
  await makeReady(
    { url: readyThrough, facilitator: { cookie: cookie! } },
    { caseId: c.id, meetingId: meeting.id },
    tokens,
  );
  return { cookie: cookie!, caseId: c.id, meeting, people: added, tokens };
}
