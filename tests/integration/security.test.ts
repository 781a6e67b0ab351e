import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { createLiveKitGateway } from '../../server/src/livekit/gateway';
import { CSRF_HEADER } from '../../shared/protocol/http';
import { api, connect, createMeeting, type Client, type TestServer } from '../support/server';
import { useTestServer } from '../support/lifecycle';

const LK = {
  url: 'ws://127.0.0.1:9',
  apiKey: 'seckey',
  apiSecret: 'a-webhook-and-token-secret-of-length',
};

describe('security at the boundary', () => {
  let s: TestServer;
  const clients: Client[] = [];
  useTestServer((x) => (s = x), clients, {
    each: true,
    // No LiveKit server answers at LK.url: the room a token needs is taken as created.
    options: () => ({
      livekit: { ...createLiveKitGateway(LK), createRoom: async () => undefined },
    }),
  });

  const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('locks a facilitator account after repeated failed sign-ins', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (
          await post(
            '/api/auth/login',
            { email: s.facilitator.email, password: `wrong-${i}` },
            { [CSRF_HEADER]: '1' },
          )
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Locked: even the right password is refused until the lockout ends.
    const right = await post(
      '/api/auth/login',
      { email: s.facilitator.email, password: s.facilitator.password },
      { [CSRF_HEADER]: '1' },
    );
    expect(right.status).toBe(429);
  });

  it('refuses cookie-authenticated changes without the CSRF header or from another origin', async () => {
    const noHeader = await post('/api/cases', { title: 'X' }, { cookie: s.facilitator.cookie });
    expect(noHeader.status).toBe(403);
    const otherOrigin = await post(
      '/api/cases',
      { title: 'X' },
      { cookie: s.facilitator.cookie, [CSRF_HEADER]: '1', origin: 'https://evil.example' },
    );
    expect(otherOrigin.status).toBe(403);
    expect((await api<unknown[]>(s, 'GET', '/cases')).length).toBe(0);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, and Secure off loopback', async () => {
    const res = await post(
      '/api/auth/login',
      { email: s.facilitator.email, password: s.facilitator.password },
      { [CSRF_HEADER]: '1' },
    );
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    // The same sign-in reaching the server under a public host name (fetch cannot set Host).
    const remoteCookie = await new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ email: s.facilitator.email, password: s.facilitator.password });
      const req = request(
        `${s.url}/api/auth/login`,
        {
          method: 'POST',
          headers: {
            host: 'meet.example.org',
            'content-type': 'application/json',
            [CSRF_HEADER]: '1',
          },
        },
        (res) => {
          res.resume();
          resolve(String(res.headers['set-cookie']));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(remoteCookie).toMatch(/;\s*Secure/i);
  });

  it('limits body sizes and answers with a typed error', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(40_000) });
    const res = await post('/api/cases', big, { cookie: s.facilitator.cookie, [CSRF_HEADER]: '1' });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_PAYLOAD' } });
  });

  it('sends a strict Content-Security-Policy that allows only this site and the LiveKit server', async () => {
    const res = await fetch(`${s.url}/healthz`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:9 http:\/\/127\.0\.0\.1:9/);
    expect(csp).not.toContain('unsafe-eval');
  });

  it('mints short-lived, least-privilege LiveKit tokens only for admitted people', async () => {
    const m = await createMeeting(s, [
      { key: 'patient', name: 'Pat', party: 'patient', role: 'patient' },
    ]);
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    const pat = await connect(s, { invite: m.people.patient!.token });
    clients.push(fac, pat);
    await pat.command({ type: 'lobby.join' });
    await fac.command({ type: 'lobby.admit', memberId: m.people.patient!.id });
    await pat.waitFor((v) => v.me.status === 'admitted');
    const grant = await pat.socket.timeout(5000).emitWithAck('media:token', {});
    if (!grant.ok) throw new Error(grant.error.message);
    const claims = await new TokenVerifier(LK.apiKey, LK.apiSecret).verify(grant.data.token);
    expect(claims.sub).toBe(m.people.patient!.id);
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(600);
    expect(claims.video).toMatchObject({
      room: `cg_${m.meetingId}`,
      roomJoin: true,
      canPublishData: false,
      canUpdateOwnMetadata: false,
    });
    for (const admin of [
      'roomAdmin',
      'roomCreate',
      'roomList',
      'roomRecord',
      'ingressAdmin',
      'recorder',
      'hidden',
      'agent',
    ] as const) {
      expect(claims.video?.[admin]).toBeFalsy();
    }
    // The LiveKit secret never reaches a browser: not in any API answer, not in the built client.
    const bodies = [
      JSON.stringify(grant),
      JSON.stringify(await api(s, 'GET', '/config')),
      JSON.stringify(pat.views),
    ];
    for (const b of bodies) expect(b).not.toContain(LK.apiSecret);
    const dist = path.resolve(import.meta.dirname, '../../client/dist/assets');
    if (existsSync(dist)) {
      for (const f of readdirSync(dist))
        expect(readFileSync(path.join(dist, f), 'utf8')).not.toContain('LIVEKIT_API_SECRET');
    }
  });

  it('disconnects a socket after repeated invalid messages', async () => {
    const m = await createMeeting(s, [
      { key: 'patient', name: 'Pat', party: 'patient', role: 'patient' },
    ]);
    const pat = await connect(s, { invite: m.people.patient!.token });
    clients.push(pat);
    const gone = new Promise<string>((r) => pat.socket.once('disconnect', (reason) => r(reason)));
    for (let i = 0; i < 10; i++) {
      await pat.socket
        .timeout(2000)
        .emitWithAck('room:command', { id: 'bad', command: { type: 'nope' } } as never)
        .catch(() => undefined);
    }
    expect(await gone).toBe('io server disconnect');
  });

  it('verifies LiveKit webhooks and handles each event once', async () => {
    const body = JSON.stringify({ event: 'participant_joined', id: 'EV_123', createdAt: '1' });
    const at = new AccessToken(LK.apiKey, LK.apiSecret);
    at.sha256 = createHash('sha256').update(body).digest('base64');
    const auth = await at.toJwt();
    const send = (authorization?: string) =>
      fetch(`${s.url}/livekit/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/webhook+json',
          ...(authorization ? { authorization } : {}),
        },
        body,
      });
    expect((await send()).status).toBe(401);
    const forged = new AccessToken(LK.apiKey, 'not-the-secret-not-the-secret-xx');
    forged.sha256 = at.sha256;
    expect((await send(await forged.toJwt())).status).toBe(401);
    const first = await send(auth);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true });
    expect(await (await send(auth)).json()).toEqual({ duplicate: true });
  });
});
