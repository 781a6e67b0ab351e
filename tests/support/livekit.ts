import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LiveKitGateway } from '../../server/src/livekit/gateway';

export interface LiveKitServer {
  url: string;
  apiKey: string;
  apiSecret: string;
  port: number;
  udpPort: number;
  /** Everything the server printed (for diagnosing a failed test). */
  logs(): string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
export const LIVEKIT_BIN = process.env.LIVEKIT_BIN ?? path.join(ROOT, '.tools/bin/livekit-server');

export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real LiveKit server (built by scripts/ensure-livekit.sh) on free loopback ports with
 * the strict-loopback config from scripts/livekit-config.sh.
 */
export async function startLiveKit(
  opts: {
    webhookUrl?: string;
    /** Multi-node mode on this Redis (host:port); nodes sharing it must share key and secret. */
    redis?: string;
    keys?: { apiKey: string; apiSecret: string };
    /** More top-level YAML for this node only (e.g. a loopback TURN section), appended to it. */
    extraYaml?: string;
  } = {},
): Promise<LiveKitServer> {
  if (!existsSync(LIVEKIT_BIN)) {
    throw new Error(
      `LiveKit server not found at ${LIVEKIT_BIN}: run "bash scripts/ensure-livekit.sh" (npm test does).`,
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-livekit-'));
  const [port, udpPort] = [await freeTcpPort(), await freeUdpPort()];
  const apiKey = opts.keys?.apiKey ?? 'testkey';
  const apiSecret =
    opts.keys?.apiSecret ?? `test-secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const file = path.join(dir, 'livekit.yaml');
  const args = [
    path.join(ROOT, 'scripts/livekit-config.sh'),
    file,
    String(port),
    String(udpPort),
    apiKey,
    apiSecret,
  ];
  if (opts.webhookUrl || opts.redis) args.push(opts.webhookUrl ?? '');
  if (opts.redis) args.push(opts.redis);
  execFileSync('bash', args);
  if (opts.extraYaml) appendFileSync(file, opts.extraYaml);
  const child: ChildProcess = spawn(LIVEKIT_BIN, ['--config', file, '--bind', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `ws://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`LiveKit exited (${child.exitCode}):\n${out}\n${readFileSync(file, 'utf8')}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`LiveKit did not start within 20 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    apiKey,
    apiSecret,
    port,
    udpPort,
    logs: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/**
 * A gateway whose real target is set later. The app must be listening before LiveKit starts when
 * LiveKit's webhooks are to reach it (the URL names the app's port), and the app takes its gateway
 * when it is created: this stands in between. Until `set`, every call fails.
 */
export function lateGateway(): { gateway: LiveKitGateway; set(target: LiveKitGateway): void } {
  let target: LiveKitGateway | null = null;
  const gateway = new Proxy({} as LiveKitGateway, {
    get(_o, prop: string | symbol) {
      if (prop === 'url') return target?.url ?? null;
      if (prop === 'ice') return target?.ice ?? 'loopback';
      if (typeof prop !== 'string' || prop === 'then') return undefined; // not a thenable
      if (!target) return () => Promise.reject(new Error('LiveKit is not started yet'));
      const v = target[prop as keyof LiveKitGateway];
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return {
    gateway,
    set: (t) => {
      target = t;
    },
  };
}

/**
 * LiveKit's built-in TURN for one test node (startLiveKit's `extraYaml`): TURN over UDP only (no
 * TLS, so no domain or certificate is needed), listening and relaying on 127.0.0.1 only, on the
 * given free UDP ports. LiveKit then hands every joining client `turn:127.0.0.1:PORT` with
 * short-lived credentials, as a deployment's LiveKit does under its real name.
 */
export async function loopbackTurnYaml(): Promise<{ yaml: string; udpPort: number }> {
  const [udpPort, relay] = [await freeUdpPort(), await freeUdpPort()];
  const yaml = [
    'turn:',
    '  enabled: true',
    '  domain: localhost',
    `  udp_port: ${udpPort}`,
    '  bind_addresses:',
    '    - 127.0.0.1',
    `  relay_range_start: ${relay}`,
    `  relay_range_end: ${relay}`,
    '',
  ].join('\n');
  return { yaml, udpPort };
}
