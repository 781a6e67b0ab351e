import { Room } from '@livekit/rtc-node';
import { RoomServiceClient } from 'livekit-server-sdk';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { io as ioClient } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HASH_LIMITS, hashingStats, resetHashingPeak } from '../../server/src/auth/crypto';
import { createLiveKitGateway } from '../../server/src/livekit/gateway';
import { SOCKET_LIMITS } from '../../server/src/realtime/io';
import { DB_FILE } from '../../server/src/store/db';
import { CSRF_HEADER, type CaseDto, type InviteDto } from '../../shared/protocol/http';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import { startLiveKit, type LiveKitServer } from '../support/livekit';
import {
  api,
  connect,
  createMeeting,
  startTestServer,
  type Client,
  type ClientSocket,
  type TestServer,
} from '../support/server';
import { rowCount } from '../support/lifecycle';

/**
 * Issue 12, findings 4, 5, 6, 9 and 10, against the real server (real SQLite, real sockets on a
 * loopback port, the real LiveKit server for media tokens): revocation and sign-out end sockets
 * at once; sign-in throttling holds under concurrency and hashing is bounded; sockets are capped
 * per person and per address; the data directory is private and purged; foreign origins are
 * refused.
 */

const servers: TestServer[] = [];
const clients: { close(): void }[] = [];

async function server(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(opts);
  servers.push(s);
  return s;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.close();
});

function track<T extends { close(): void }>(c: T): T {
  clients.push(c);
  return c;
}

const n = rowCount;

const PEOPLE = [
  { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
  { key: 'clinician', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
] as const;

/** Resolves with how long after `since` the socket was disconnected by the server. */
function disconnected(c: Client, since: () => number): Promise<{ reason: string; ms: number }> {
  return new Promise((resolve) => {
    if (!c.socket.connected) return resolve({ reason: 'already', ms: 0 });
    c.socket.once('disconnect', (reason) => resolve({ reason, ms: performance.now() - since() }));
  });
}

/** A raw socket with chosen headers (Origin, X-Forwarded-For); resolves once connected or refused. */
function rawSocket(
  s: TestServer,
  auth: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<{ socket: ClientSocket; error: (Error & { data?: { code?: string } }) | null }> {
  const socket: ClientSocket = ioClient(s.url, {
    auth: { protocol: PROTOCOL_VERSION, ...auth },
    extraHeaders: headers,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  track({ close: () => socket.disconnect() });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, error: null }));
    socket.once('connect_error', (error) => resolve({ socket, error }));
  });
}

async function login(s: TestServer, email: string, password: string, address?: string) {
  const res = await fetch(`${s.url}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CSRF_HEADER]: '1',
      ...(address ? { 'x-forwarded-for': address } : {}),
    },
    body: JSON.stringify({ email, password }),
  });
  await res.arrayBuffer();
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] };
}

/** Connects, knocks and is admitted by the facilitator; resolves with the person's socket. */
async function admitted(s: TestServer, fac: Client, token: string, id: string): Promise<Client> {
  const c = track(await connect(s, { invite: token }));
  await c.command({ type: 'lobby.join' });
  await fac.command({ type: 'lobby.admit', memberId: id });
  await c.waitFor((v) => v.me.status === 'admitted');
  return c;
}

describe('finding 4: revocation and sign-out take effect at once', () => {
  let lk: LiveKitServer;
  beforeAll(async () => {
    lk = await startLiveKit();
  }, 60_000);
  afterAll(async () => {
    await lk?.stop();
  });

  it('revoking an invite closes its open socket within 2 s; media:token is no longer answered, the link is refused, and the person leaves the SFU', async () => {
    const s = await server({ livekit: createLiveKitGateway(lk) });
    const m = await createMeeting(s, [...PEOPLE]);
    const fac = track(await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie }));
    const pat = await admitted(s, fac, m.people.patient!.token, m.people.patient!.id);
    const clin = await admitted(s, fac, m.people.clinician!.token, m.people.clinician!.id);
    const before = await pat.socket.timeout(5000).emitWithAck('media:token', {});
    if (!before.ok) throw new Error(before.error.message);
    // The patient is in the call (a real WebRTC participant on the real LiveKit server).
    const room = new Room();
    track({ close: () => void room.disconnect().catch(() => undefined) });
    await room.connect(before.data.url, before.data.token, {
      autoSubscribe: false,
      dynacast: false,
    });
    const svc = new RoomServiceClient(`http://127.0.0.1:${lk.port}`, lk.apiKey, lk.apiSecret);
    const inCall = async () =>
      (await svc.listParticipants(`cg_${m.meetingId}`)).map((p) => p.identity);
    await expect.poll(inCall).toContain(m.people.patient!.id);

    let t0 = 0;
    const gone = disconnected(pat, () => t0);
    t0 = performance.now();
    const revoked = await api<InviteDto>(
      s,
      'POST',
      `/invites/${m.people.patient!.invite.id}/revoke`,
    );
    expect(revoked.revokedAt).not.toBeNull();
    const end = await gone;
    expect(end.reason).toBe('io server disconnect');
    expect(end.ms).toBeLessThan(2000);
    expect(pat.closed).toEqual(['revoked']);

    // The old socket gets no answer to anything, media tokens included.
    await expect(pat.socket.timeout(500).emitWithAck('media:token', {})).rejects.toThrow();
    // The link no longer opens a connection, nor the invite page.
    await expect(connect(s, { invite: m.people.patient!.token })).rejects.toMatchObject({
      data: { code: 'INVITE_REVOKED' },
    });
    const page = await fetch(`${s.url}/api/invite/${m.people.patient!.token}`);
    expect(page.status).toBe(410);
    // Everyone else stays connected.
    expect(clin.socket.connected).toBe(true);
    expect(fac.socket.connected).toBe(true);
    expect((await clin.socket.timeout(5000).emitWithAck('media:token', {})).ok).toBe(true);
    // With no socket left, the person is taken out of the LiveKit room too (media sync).
    await expect
      .poll(inCall, { timeout: Math.max(100, 2000 - (performance.now() - t0)) })
      .not.toContain(m.people.patient!.id);
  });

  it('a new link for a person withdraws the older one and closes the sockets that used it', async () => {
    const s = await server({ livekit: createLiveKitGateway(lk) });
    const m = await createMeeting(s, [...PEOPLE]);
    const fac = track(await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie }));
    const old = await admitted(s, fac, m.people.patient!.token, m.people.patient!.id);
    const clin = await admitted(s, fac, m.people.clinician!.token, m.people.clinician!.id);

    let t0 = 0;
    const gone = disconnected(old, () => t0);
    t0 = performance.now();
    const fresh = await api<InviteDto>(
      s,
      'POST',
      `/meetings/${m.meetingId}/invites/${m.people.patient!.id}`,
    );
    expect((await gone).ms).toBeLessThan(2000);
    expect(old.closed).toEqual(['revoked']);

    // The old link is refused; the case lists it as withdrawn and the new one as live.
    await expect(connect(s, { invite: m.people.patient!.token })).rejects.toMatchObject({
      data: { code: 'INVITE_REVOKED' },
    });
    const c = await api<CaseDto>(s, 'GET', `/cases/${m.caseId}`);
    const mine = c.invites.filter((i) => i.personId === m.people.patient!.id);
    expect(mine.map((i) => [i.id, i.revokedAt !== null])).toEqual([
      [m.people.patient!.invite.id, true],
      [fresh.id, false],
    ]);
    // The other person's link is untouched, and the new link works.
    expect(c.invites.find((i) => i.personId === m.people.clinician!.id)!.revokedAt).toBeNull();
    expect(clin.socket.connected).toBe(true);
    const again = track(await connect(s, { invite: fresh.url.split('/j/')[1]! }));
    expect((await again.waitFor((v) => v.me.id === m.people.patient!.id)).me.status).toBe(
      'admitted',
    );
  });

  it("signing out closes that session's sockets, and only that session's", async () => {
    const s = await server({ livekit: createLiveKitGateway(lk) });
    const m = await createMeeting(s, [...PEOPLE]);
    const other = await login(s, s.facilitator.email, s.facilitator.password);
    expect(other.status).toBe(200);
    const kept = track(await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie }));
    const ending = track(await connect(s, { meetingId: m.meetingId, cookie: other.cookie! }));
    await ending.waitFor((v) => v.me.status === 'admitted');

    let t0 = 0;
    const gone = disconnected(ending, () => t0);
    t0 = performance.now();
    await api(s, 'POST', '/auth/logout', undefined, other.cookie!);
    expect((await gone).ms).toBeLessThan(2000);
    expect(ending.closed).toEqual(['signed_out']);

    await expect(
      connect(s, { meetingId: m.meetingId, cookie: other.cookie! }),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    // The other session goes on.
    expect(kept.socket.connected).toBe(true);
    expect((await kept.socket.timeout(5000).emitWithAck('room:sync', {})).ok).toBe(true);
  });

  it('an expired session or link closes its sockets on the next sweep', async () => {
    const s = await server({ livekit: createLiveKitGateway(lk) });
    const m = await createMeeting(s, [...PEOPLE]);
    const fac = track(await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie }));
    const pat = track(await connect(s, { invite: m.people.patient!.token }));
    const clin = track(await connect(s, { invite: m.people.clinician!.token }));
    expect(await s.app.sweepSockets()).toBe(0);

    const db = s.app.db!;
    db.prepare('UPDATE invites SET expires_at = ? WHERE id = ?').run(
      Date.now() - 1,
      m.people.patient!.invite.id,
    );
    const patGone = disconnected(pat, () => 0);
    expect(await s.app.sweepSockets()).toBe(1);
    await patGone;
    expect(pat.closed).toEqual(['expired']);
    expect(clin.socket.connected).toBe(true);

    db.prepare('UPDATE sessions SET expires_at = ?').run(Date.now() - 1);
    const facGone = disconnected(fac, () => 0);
    expect(await s.app.sweepSockets()).toBe(1);
    await facGone;
    expect(fac.closed).toEqual(['signed_out']);
    expect(clin.socket.connected).toBe(true);
  });
});

describe('finding 5: sign-in throttling and bounded password hashing', () => {
  it('sixty concurrent wrong passwords for one account: at most LOGIN_MAX_FAILURES get 401, the rest 429', async () => {
    const s = await server();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(s, s.facilitator.email, `wrong-password-${i}`)),
    );
    const count = (status: number) => results.filter((r) => r.status === status).length;
    expect(count(401)).toBeGreaterThan(0);
    expect(count(401)).toBeLessThanOrEqual(5);
    expect(count(429)).toBe(60 - count(401));
    // The account stays locked for the window, even for the right password.
    expect((await login(s, s.facilitator.email, s.facilitator.password)).status).toBe(429);
  });

  it('the per-address limit holds across accounts, and is configurable', async () => {
    const s = await server({ env: { LOGIN_MAX_FAILURES_PER_IP: '8' } });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(s, `nobody${i}@example.org`, 'not-the-password')),
    );
    expect(results.filter((r) => r.status === 401).length).toBe(8);
    expect(results.filter((r) => r.status === 429).length).toBe(22);
  });

  it('a burst of sign-ins runs at most HASH_LIMITS.concurrency scrypt calls at once, refuses the overflow, and facilitator commands keep being acknowledged', async () => {
    const s = await server({
      env: { LOGIN_MAX_FAILURES: '1000', LOGIN_MAX_FAILURES_PER_IP: '100000' },
      // The facilitator sends commands back to back to measure them: no per-socket rate limit.
      socketLimits: { ...SOCKET_LIMITS, burst: 10_000, perSecond: 10_000 },
    });
    const m = await createMeeting(s, [...PEOPLE]);
    const fac = track(await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie }));
    await fac.waitFor((v) => v.me.status === 'admitted');

    const acks = async (n: number, until?: () => boolean) => {
      const ms: number[] = [];
      for (let i = 0; until ? !until() : i < n; i++) {
        const t = performance.now();
        const res = await fac.command({ type: 'lobby.lock', locked: i % 2 === 0 });
        ms.push(performance.now() - t);
        expect(res.ok).toBe(true);
      }
      return ms.sort((a, b) => a - b);
    };
    const quiet = await acks(40);

    resetHashingPeak();
    let settled = false;
    const burst = Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        login(s, i % 2 ? s.facilitator.email : `x${i}@example.org`, `wrong-${i}`),
      ),
    ).finally(() => (settled = true));
    // Commands back to back for as long as the sign-ins run.
    const busy = await acks(0, () => settled);
    const statuses = (await burst).map((r) => r.status);
    expect(busy.length).toBeGreaterThan(0);

    expect(hashingStats().peak).toBeGreaterThan(0);
    expect(hashingStats().peak).toBeLessThanOrEqual(HASH_LIMITS.concurrency);
    expect(statuses.filter((st) => st !== 401 && st !== 503)).toEqual([]);
    // 80 at once is more than run + wait (2 + 32): the rest are told "busy" at once.
    expect(statuses.filter((st) => st === 503).length).toBeGreaterThan(0);
    expect(hashingStats()).toMatchObject({ running: 0, waiting: 0 });
    const pct = (xs: number[], p: number) =>
      xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
    // Timing is reported, not asserted (a shared 2-core machine): see the report.
    console.log(
      `[sessions-hardening] facilitator ack ms, quiet p50 ${pct(quiet, 0.5).toFixed(1)} p99 ${pct(quiet, 0.99).toFixed(1)} | during 80 sign-ins p50 ${pct(busy, 0.5).toFixed(1)} p99 ${pct(busy, 0.99).toFixed(1)} max ${busy[busy.length - 1]!.toFixed(1)} (${busy.length} commands); 401 ${statuses.filter((x) => x === 401).length}, 503 ${statuses.filter((x) => x === 503).length}`,
    );
  });
});

describe('finding 6: sockets are capped per person and per address', () => {
  it('one invite cannot open more than SOCKETS_PER_MEMBER sockets', async () => {
    const s = await server({ env: { SOCKETS_PER_MEMBER: '3' } });
    const m = await createMeeting(s, [...PEOPLE]);
    const open: Client[] = [];
    for (let i = 0; i < 3; i++)
      open.push(track(await connect(s, { invite: m.people.patient!.token })));
    await expect(connect(s, { invite: m.people.patient!.token })).rejects.toMatchObject({
      data: { code: 'RATE_LIMITED' },
    });
    // Another person is not affected; a closed socket frees its place.
    track(await connect(s, { invite: m.people.clinician!.token }));
    open[0]!.close();
    await expect
      .poll(async () => {
        try {
          track(await connect(s, { invite: m.people.patient!.token }));
          return 'connected';
        } catch (e) {
          return (e as { data?: { code?: string } }).data?.code;
        }
      })
      .toBe('connected');
  });

  it("one person's message budget is shared by all their sockets and survives a reconnection; the facilitator is not held up", async () => {
    const limits = { ...SOCKET_LIMITS, burst: 10, perSecond: 0.001, maxStrikes: 1000 };
    const s = await server({ socketLimits: limits });
    const m = await createMeeting(s, [...PEOPLE]);
    const fac = track(await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie }));
    await fac.waitFor((v) => v.me.status === 'admitted');
    const sockets = [
      track(await connect(s, { invite: m.people.patient!.token })),
      track(await connect(s, { invite: m.people.patient!.token })),
    ];
    // Two connection attempts spent two of the ten tokens: eight commands get through, from
    // whichever socket, and everything after is refused.
    const flood = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sockets[i % 2]!.command({ type: 'self.stepOut' }).then((r) => r.error?.code ?? 'ok'),
      ),
    );
    expect(flood.filter((c) => c === 'RATE_LIMITED').length).toBe(12);
    // A new socket buys no new allowance: the attempt itself is refused.
    sockets[0]!.close();
    await expect(connect(s, { invite: m.people.patient!.token })).rejects.toMatchObject({
      data: { code: 'RATE_LIMITED' },
    });
    expect((await sockets[1]!.command({ type: 'self.stepOut' })).error?.code).toBe('RATE_LIMITED');
    // The facilitator's own budget is untouched.
    expect((await fac.command({ type: 'lobby.lock', locked: true })).ok).toBe(true);
  });

  it("one person's commands hold at most maxInFlight places in the meeting's queue", async () => {
    const s = await server({
      socketLimits: { ...SOCKET_LIMITS, burst: 1000, perSecond: 1000, maxInFlight: 3 },
    });
    const m = await createMeeting(s, [...PEOPLE]);
    const pat = track(await connect(s, { invite: m.people.patient!.token }));
    await pat.waitFor((v) => v.me.status === 'invited');
    // Sent in one turn: three wait in the queue, the rest are refused at once.
    const codes = await Promise.all(
      Array.from({ length: 10 }, () =>
        pat.command({ type: 'lobby.join' }).then((r) => r.error?.code ?? 'ok'),
      ),
    );
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBe(7);
  });

  it('one address cannot open more than SOCKETS_PER_ADDRESS sockets (behind a local proxy, by X-Forwarded-For)', async () => {
    const s = await server({ env: { SOCKETS_PER_ADDRESS: '3', SOCKETS_PER_MEMBER: '10' } });
    const m = await createMeeting(s, [...PEOPLE]);
    const auth = { invite: m.people.patient!.token };
    const proxied = (address: string) => ({ 'x-forwarded-for': address });
    for (let i = 0; i < 3; i++) {
      expect((await rawSocket(s, auth, proxied('203.0.113.7'))).error).toBeNull();
    }
    const refused = await rawSocket(s, auth, proxied('203.0.113.7'));
    expect(refused.error?.data?.code).toBe('RATE_LIMITED');
    // Someone else behind the same proxy still gets in.
    expect((await rawSocket(s, auth, proxied('198.51.100.20'))).error).toBeNull();
  });
});

describe('finding 9: data at rest', () => {
  it('DATA_DIR is 0700 and its files 0600 after start, also when the directory existed as 0755 with 0644 files', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'cg-modes-')), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    // What an older version left: a readable database (with its -wal and -shm) and secret.
    const old = new Database(path.join(dataDir, DB_FILE));
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE leftover (x)');
    writeFileSync(path.join(dataDir, 'session-secret'), 'a'.repeat(43) + '\n', { mode: 0o644 });
    for (const f of readdirSync(dataDir)) chmodSync(path.join(dataDir, f), 0o644);
    old.close();

    const s = await server({ dataDir });
    // Some writes, so the write-ahead log and shared memory files exist and are in use.
    const m = await createMeeting(s, [...PEOPLE]);
    const fac = track(await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie }));
    await fac.command({ type: 'lobby.lock', locked: true });

    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    const files = readdirSync(dataDir);
    expect(files).toEqual(
      expect.arrayContaining([DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, 'session-secret']),
    );
    for (const f of files) expect([f, mode(path.join(dataDir, f))]).toEqual([f, 0o600]);
  });

  it('a new DATA_DIR is 0700 with 0600 files', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'cg-modes-')), 'fresh');
    const s = await server({ dataDir });
    await createMeeting(s, [...PEOPLE]);
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    for (const f of readdirSync(dataDir))
      expect([f, mode(path.join(dataDir, f))]).toEqual([f, 0o600]);
  });

  it('secure_delete is on', async () => {
    const s = await server();
    expect(s.app.db!.pragma('secure_delete', { simple: true })).toBe(1);
  });

  it('the purge removes old audit rows, expired sessions, and links expired or withdrawn past the retention', async () => {
    const s = await server();
    const m = await createMeeting(s, [...PEOPLE]);
    const db = s.app.db!;
    const day = 86_400_000;
    const now = Date.now();
    const n = (sql: string, ...args: unknown[]) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${sql}`).get(...args) as { n: number }).n;

    // Old audit rows, next to recent ones.
    const auditBefore = n('audit');
    expect(auditBefore).toBeGreaterThan(0);
    db.prepare('INSERT INTO audit (meeting_id, at, event) VALUES (?, ?, ?)').run(
      m.meetingId,
      now - 91 * day,
      'old.event',
    );
    // An expired session (the signed-in one stays).
    db.prepare(
      'INSERT INTO sessions (id, facilitator_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ).run('expired-session', s.facilitator.id, now - 2 * day, now - day);
    // A link that expired long ago, one withdrawn long ago, one withdrawn yesterday.
    const patient = m.people.patient!.invite.id;
    const clinician = m.people.clinician!.invite.id;
    db.prepare('UPDATE invites SET expires_at = ? WHERE id = ?').run(now - 91 * day, patient);
    db.prepare('UPDATE invites SET revoked_at = ? WHERE id = ?').run(now - 91 * day, clinician);
    const recent = await api<InviteDto>(
      s,
      'POST',
      `/meetings/${m.meetingId}/invites/${m.people.clinician!.id}`,
    );
    const newest = await api<InviteDto>(
      s,
      'POST',
      `/meetings/${m.meetingId}/invites/${m.people.clinician!.id}`,
    );
    expect(n('invites WHERE id = ? AND revoked_at IS NOT NULL', recent.id)).toBe(1);

    const purged = await s.app.purgeExpired();
    expect(purged).toMatchObject({ audit: 1, sessions: 1, invites: 2 });
    expect(n('audit WHERE event = ?', 'old.event')).toBe(0);
    expect(n('audit')).toBeGreaterThanOrEqual(auditBefore);
    expect(n('sessions WHERE id = ?', 'expired-session')).toBe(0);
    expect(n('invites WHERE id IN (?, ?)', patient, clinician)).toBe(0);
    expect(n('invites WHERE id IN (?, ?)', recent.id, newest.id)).toBe(2);
    // The live session still works.
    expect((await api<{ id: string }>(s, 'GET', '/auth/me')).id).toBe(s.facilitator.id);
  });
});

describe('finding 10: Origin', () => {
  it('Socket.IO refuses a foreign Origin and accepts this site', async () => {
    const s = await server();
    const m = await createMeeting(s, [...PEOPLE]);
    const auth = { invite: m.people.patient!.token };
    const foreign = await rawSocket(s, auth, { origin: 'http://evil.example' });
    expect(foreign.error).not.toBeNull();
    expect(foreign.socket.connected).toBe(false);
    const nullOrigin = await rawSocket(s, auth, { origin: 'null' });
    expect(nullOrigin.error).not.toBeNull();
    const own = await rawSocket(s, auth, { origin: s.url });
    expect(own.error).toBeNull();
    expect(own.socket.connected).toBe(true);
  });

  it('a null or malformed Origin on a state-changing request is 403, not 500', async () => {
    const s = await server();
    const post = (origin: string) =>
      fetch(`${s.url}/api/cases`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CSRF_HEADER]: '1',
          cookie: s.facilitator.cookie,
          origin,
        },
        body: JSON.stringify({ title: 'Conversation B' }),
      });
    for (const origin of ['null', 'not a url', 'http://', 'file:///etc/passwd']) {
      const res = await post(origin);
      expect([origin, res.status]).toEqual([origin, 403]);
      expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    const cases = () => n(s, 'cases');
    expect(cases()).toBe(0);
    expect((await post(s.url)).status).toBe(201);
    expect(cases()).toBe(1);
  });
});
