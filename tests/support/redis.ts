import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeTcpPort } from './livekit';

export interface RedisServer {
  /** REDIS_URL for the app. */
  url: string;
  /** host:port, as LiveKit's config names it. */
  address: string;
  port: number;
  logs(): string;
  stop(): Promise<void>;
}

/** One PING over a plain socket: true when the server answers PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.setTimeout(1000);
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts a real Redis server (Debian's redis-server, scripts/ensure-services.sh) on a free
 * loopback port in a temporary folder, without persistence (nothing is written to the disk).
 * `stop` ends it and deletes the folder.
 */
export async function startRedis(): Promise<RedisServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-redis-'));
  const port = await freeTcpPort();
  const child: ChildProcess = spawn(
    process.env.REDIS_SERVER_BIN ?? 'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const failed = new Promise<never>((_, reject) =>
    child.once('error', (e) =>
      reject(
        new Error(`redis-server did not start (${e.message}): run scripts/ensure-services.sh`),
      ),
    ),
  );
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Redis exited (${child.exitCode}):\n${out}`);
    if (await Promise.race([ping(port), failed])) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Redis did not start within 20 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    address: `127.0.0.1:${port}`,
    port,
    logs: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
