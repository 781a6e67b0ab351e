// Which ICE servers browsers use (issue 18 item 6): the server decides, from MEDIA_ICE or from
// whether the LiveKit browsers reach is the local loopback dev/test server, and says so in every
// media grant (server/src/livekit/ice.ts, config.ts, gateway.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/src/config';
import {
  createFakeLiveKitGateway,
  createLiveKitGateway,
} from '../../../server/src/livekit/gateway';
import { decideMediaIce, isLoopbackUrl } from '../../../server/src/livekit/ice';
import { createPracticeRooms } from '../../../server/src/livekit/practiceRooms';

const KEYS = { LIVEKIT_API_KEY: 'key', LIVEKIT_API_SECRET: 'a-secret-of-some-length' };
const dataDir = () => mkdtempSync(path.join(tmpdir(), 'cg-ice-'));
const config = (env: Record<string, string>) =>
  loadConfig({ DATA_DIR: dataDir(), LOG_LEVEL: 'silent', ...env });

describe('the ICE decision', () => {
  it('counts 127.0.0.0/8, ::1 and localhost as loopback, and nothing else', () => {
    for (const url of [
      'ws://127.0.0.1:7880',
      'ws://127.8.9.10',
      'wss://localhost:7443',
      'ws://LOCALHOST',
      'ws://[::1]:7880',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
    for (const url of [
      'wss://media.example.org',
      'ws://10.0.0.5:7880',
      'ws://192.168.1.2',
      'ws://127.0.0.1.example.org',
      'ws://[::2]',
      'not a url',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });

  it("defaults to loopback for a loopback LiveKit and to the server's ICE otherwise", () => {
    expect(decideMediaIce('ws://127.0.0.1:7880')).toBe('loopback');
    expect(decideMediaIce('wss://media.example.org')).toBe('server');
  });

  it('lets MEDIA_ICE override the default either way', () => {
    expect(decideMediaIce('ws://127.0.0.1:7880', 'server')).toBe('server');
    expect(decideMediaIce('wss://media.example.org', 'loopback')).toBe('loopback');
  });
});

describe('MEDIA_ICE in the configuration', () => {
  it('is loopback for the embedded dev server (npm start, the tests)', () => {
    const c = config({ LIVEKIT_URL: 'ws://127.0.0.1:7880', ...KEYS });
    expect(c.livekit?.ice).toBe('loopback');
  });

  it('is server for a LiveKit browsers reach elsewhere, judged by the public URL', () => {
    expect(config({ LIVEKIT_URL: 'wss://media.example.org', ...KEYS }).livekit?.ice).toBe('server');
    // The app calls LiveKit on loopback behind a proxy, browsers go through the proxy.
    const proxied = config({
      LIVEKIT_URL: 'ws://127.0.0.1:7880',
      LIVEKIT_PUBLIC_URL: 'wss://media.example.org',
      ...KEYS,
    });
    expect(proxied.livekit?.ice).toBe('server');
  });

  it('takes an explicit MEDIA_ICE', () => {
    const c = config({ LIVEKIT_URL: 'ws://127.0.0.1:7880', MEDIA_ICE: 'server', ...KEYS });
    expect(c.livekit?.ice).toBe('server');
    const d = config({ LIVEKIT_URL: 'wss://media.example.org', MEDIA_ICE: 'loopback', ...KEYS });
    expect(d.livekit?.ice).toBe('loopback');
  });

  it('refuses any other value with a clear error', () => {
    expect(() =>
      config({ LIVEKIT_URL: 'ws://127.0.0.1:7880', MEDIA_ICE: 'turn', ...KEYS }),
    ).toThrow(ConfigError);
    expect(() => config({ MEDIA_ICE: 'TURN' })).toThrow(/MEDIA_ICE/);
  });
});

describe('the gateway carries the decision into every grant', () => {
  it("from the config, or decided from the browsers' URL when not given", () => {
    const base = { apiKey: 'key', apiSecret: 'a-secret-of-some-length' };
    expect(createLiveKitGateway({ ...base, url: 'ws://127.0.0.1:7880' }).ice).toBe('loopback');
    expect(
      createLiveKitGateway({
        ...base,
        url: 'ws://127.0.0.1:7880',
        publicUrl: 'wss://media.example.org',
      }).ice,
    ).toBe('server');
    expect(createLiveKitGateway({ ...base, url: 'ws://127.0.0.1:7880', ice: 'server' }).ice).toBe(
      'server',
    );
    expect(createFakeLiveKitGateway().ice).toBe('loopback');
  });

  it('practice grants carry it too', async () => {
    for (const ice of ['loopback', 'server'] as const) {
      const lk = { ...createFakeLiveKitGateway(), ice };
      const grant = await createPracticeRooms(lk, () => 0).open('link-a', 'A');
      expect(typeof grant === 'object' && grant.ice).toBe(ice);
    }
  });
});
