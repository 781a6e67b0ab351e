import type { Language } from '../../shared/i18n/languages';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createApp, type App } from '../../server/src/app';
import { hashPassword, randomId } from '../../server/src/auth/crypto';
import { loadConfig } from '../../server/src/config';
import type { LiveKitGateway } from '../../server/src/livekit/gateway';
import { createLogger } from '../../server/src/logger';
import type { Fdatasync } from '../../server/src/store/commandLog';
import { openDb } from '../../server/src/store/db';
import type { Clock } from '../../server/src/rooms/RoomActor';
import type { SocketLimits } from '../../server/src/realtime/io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import {
  CSRF_HEADER,
  type AccountInviteDto,
  type CaseDto,
  type InviteDto,
  type MeetingDto,
  type PersonDto,
} from '../../shared/protocol/http';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { Party, Role } from '../../shared/room/roles';
import type { RoomView } from '../../shared/room/views';
import { makeReady } from './readiness';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  app: App;
  url: string;
  logLines: string[];
  facilitator: { email: string; password: string; cookie: string; id: string };
  close(): Promise<void>;
}

export const FACILITATOR_PASSWORD = 'correct horse battery staple';

/** The real app on a free loopback port, with a temporary data directory and a signed-in facilitator. */
export async function startTestServer(
  opts: {
    livekit?: LiveKitGateway | null;
    env?: Record<string, string>;
    clock?: Clock;
    dataDir?: string;
    socketLimits?: SocketLimits;
    fdatasync?: Fdatasync;
    mediaSweepMs?: number;
  } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'cg-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'debug',
    PARTY_GRACE_SECONDS: '1',
    ...opts.env,
  });
  const logLines: string[] = [];
  const logger = createLogger('debug', (l) => logLines.push(l));
  const db = openDb(dataDir);
  const app = await createApp({
    config,
    db,
    livekit: opts.livekit ?? null,
    logger,
    clock: opts.clock,
    socketLimits: opts.socketLimits,
    fdatasync: opts.fdatasync,
    mediaSweepMs: opts.mediaSweepMs,
  });
  // Every timer and thread the real server runs (main.ts).
  app.start();
  await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r));
  const port = (app.httpServer.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const email = `f${randomId(4).toLowerCase()}@example.org`.replace(/[^a-z0-9@.]/g, 'x');
  let id: string;
  if ((await app.store.facilitatorCount()) === 0) {
    id = randomId();
    await app.store.insertFacilitator({
      id,
      email,
      name: 'Fran Facilitator',
      passwordHash: await hashPassword(FACILITATOR_PASSWORD),
      now: Date.now(),
    });
  } else {
    id = (app.db!.prepare('SELECT id FROM facilitators LIMIT 1').get() as { id: string }).id;
  }
  const f = (await app.store.facilitatorById(id))!;
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify({ email: f.email, password: FACILITATOR_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return {
    app,
    url,
    logLines,
    facilitator: { email: f.email, password: FACILITATOR_PASSWORD, cookie, id },
    async close() {
      await app.close();
      db.close();
    },
  };
}

/** JSON API call as the signed-in facilitator. */
export async function api<T>(
  s: TestServer,
  method: string,
  p: string,
  body?: unknown,
  cookie = s.facilitator.cookie,
): Promise<T> {
  const res = await fetch(`${s.url}/api${p}`, {
    method,
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', cookie },
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

/** A facilitator account made through the real flows, with its signed-in session cookie. */
export interface TestFacilitator {
  id: string;
  email: string;
  name: string;
  password: string;
  cookie: string;
}

/**
 * A colleague's facilitator account, set up through the real one-time link the lead creates
 * (POST /api/account-invites, then POST /api/setup/colleague), signed in by that set-up.
 */
export async function createColleague(
  s: TestServer,
  name = 'Cory Cofac',
  by = s.facilitator.cookie,
): Promise<TestFacilitator> {
  const link = await api<AccountInviteDto>(s, 'POST', '/account-invites', undefined, by);
  const token = decodeURIComponent(link.url.split('#token=')[1]!);
  const email = `c${randomId(6).toLowerCase()}@example.org`.replace(/[^a-z0-9@.]/g, 'x');
  const res = await fetch(`${s.url}/api/setup/colleague`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify({ token, email, name, password: FACILITATOR_PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`colleague set-up: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { id, email, name, password: FACILITATOR_PASSWORD, cookie };
}

/** A colleague's account (see createColleague), assigned to the case by its lead. */
export async function addCofacilitator(
  s: TestServer,
  caseId: string,
  name = 'Cory Cofac',
): Promise<TestFacilitator> {
  const colleague = await createColleague(s, name);
  await api<CaseDto>(s, 'POST', `/cases/${caseId}/facilitators`, { email: colleague.email });
  return colleague;
}

export interface ScriptedMeeting {
  caseId: string;
  meetingId: string;
  people: Record<string, PersonDto & { invite: InviteDto; token: string }>;
}

/** A case and meeting with the given people, each with a personal invite link. */
export async function createMeeting(
  s: TestServer,
  people: {
    key: string;
    name: string;
    party: Party;
    role: Role;
    language?: Language;
    /** Issue 17: an interpreter's person (the key of someone listed before) and mode. */
    interpretsFor?: { key: string; mode: 'spoken' | 'sign' };
  }[],
  floorMode: 'gentle' | 'protected' = 'gentle',
  /** Issue 15: ready to start (every party at "go", everyone consented) unless told not. */
  opts: { ready?: boolean } = {},
): Promise<ScriptedMeeting> {
  const c = await api<CaseDto>(s, 'POST', '/cases', { title: 'Conversation A' });
  const out: ScriptedMeeting['people'] = {};
  const added: (PersonDto & { key: string })[] = [];
  for (const p of people) {
    const person = await api<PersonDto>(s, 'POST', `/cases/${c.id}/people`, {
      displayName: p.name,
      party: p.party,
      role: p.role,
      ...(p.language ? { language: p.language } : {}),
      ...(p.interpretsFor
        ? {
            interpretsFor: {
              memberId: added.find((a) => a.key === p.interpretsFor!.key)!.id,
              mode: p.interpretsFor.mode,
            },
          }
        : {}),
    });
    added.push({ ...person, key: p.key });
  }
  const m = await api<MeetingDto>(s, 'POST', `/cases/${c.id}/meetings`, {
    title: 'Joint meeting',
    floorMode,
  });
  for (const p of added) {
    const invite = await api<InviteDto>(s, 'POST', `/meetings/${m.id}/invites/${p.id}`);
    out[p.key] = { ...p, invite, token: invite.url.split('/j/')[1]! };
  }
  const meeting = { caseId: c.id, meetingId: m.id, people: out };
  if (opts.ready !== false) {
    await makeReady(
      s,
      meeting,
      Object.values(out).map((p) => p.token),
    );
  }
  return meeting;
}

/** A Socket.IO client that keeps the latest view it received. */
export interface Client {
  socket: ClientSocket;
  views: RoomView[];
  closed: string[];
  latest(): RoomView | undefined;
  command(
    command: object,
    id?: string,
  ): Promise<{ ok: boolean; data?: { version: number }; error?: { code: string } }>;
  waitFor(pred: (v: RoomView) => boolean, timeoutMs?: number): Promise<RoomView>;
  close(): void;
}

let seq = 0;

export function connect(
  s: TestServer,
  auth: { invite?: string; meetingId?: string; cookie?: string },
): Promise<Client> {
  const socket: ClientSocket = ioClient(s.url, {
    auth: { protocol: PROTOCOL_VERSION, invite: auth.invite, meetingId: auth.meetingId },
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : undefined,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const views: RoomView[] = [];
  const closed: string[] = [];
  socket.on('room:view', (v) => {
    if (!views.length || v.version >= views[views.length - 1]!.version) views.push(v);
  });
  socket.on('room:closed', (c) => closed.push(c.reason));
  const client: Client = {
    socket,
    views,
    closed,
    latest: () => views[views.length - 1],
    command: (command, id = `cmd-${++seq}-${randomId(4)}`) =>
      socket.timeout(5000).emitWithAck('room:command', { id, command } as never) as never,
    waitFor: (pred, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const hit = views.find(pred);
        if (hit) return resolve(hit);
        const t = setTimeout(() => {
          socket.off('room:view', on);
          reject(
            new Error(
              `view not reached; latest: ${JSON.stringify(client.latest())?.slice(0, 400)}`,
            ),
          );
        }, timeoutMs);
        const on = (v: RoomView) => {
          if (pred(v)) {
            clearTimeout(t);
            socket.off('room:view', on);
            resolve(v);
          }
        };
        socket.on('room:view', on);
      }),
    close: () => socket.disconnect(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (e) =>
      reject(Object.assign(new Error(e.message), { data: (e as { data?: unknown }).data })),
    );
  });
}
