import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freeTcpPort } from './livekit';

export interface PostgresServer {
  /** The server's own maintenance database (postgres) as a DATABASE_URL. */
  url: string;
  port: number;
  /** A new empty database on this server, its DATABASE_URL (one per test, so tests never share). */
  createDatabase(): Promise<string>;
  logs(): string;
  stop(): Promise<void>;
}

/** Debian's server binaries (scripts/ensure-services.sh exports PG_BIN_DIR; npm test runs it). */
function pgBinDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(path.join(base, v, 'bin/initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) {
    throw new Error(
      'PostgreSQL not found: run "bash scripts/ensure-services.sh" (npm test does), or set PG_BIN_DIR.',
    );
  }
  return path.join(base, versions[0]!, 'bin');
}

/**
 * PostgreSQL refuses to run as root: as root, the server runs as Debian's `postgres` user (the
 * package creates it), in a folder that user owns.
 */
function asUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Starts a real PostgreSQL server (Debian's) on a free loopback port in a temporary folder: no
 * other address, no Unix socket outside that folder, trust authentication on loopback only (it is
 * a throwaway test server). `stop` shuts it down at once and deletes the folder.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = pgBinDir();
  const user = asUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-postgres-'));
  chmodSync(dir, 0o700);
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const run = { uid: user?.uid, gid: user?.gid };
  execFileSync(
    path.join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
    { ...run, stdio: 'pipe' },
  );
  const port = await freeTcpPort();
  const child: ChildProcess = spawn(
    path.join(bin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
      '-c',
      'max_connections=200',
      // A throwaway server: the tests need what a commit guarantees to other connections, not
      // that it survives a power cut (the store itself asks nothing of these settings).
      '-c',
      'fsync=off',
      '-c',
      'full_page_writes=off',
    ],
    { ...run, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited (${child.exitCode}):\n${out}`);
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.query('SELECT 1');
      await c.end();
      break;
    } catch {
      await c.end().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`PostgreSQL did not start within 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  let n = 0;
  return {
    url,
    port,
    async createDatabase() {
      const name = `cg_test_${process.pid}_${++n}`;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    logs: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        // SIGINT: "fast" shutdown (open connections are ended, no waiting for them).
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
