import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * The real server as its own process, started as `npm start` starts it (scripts/start.sh: `node
 * --max-semi-space-size=32 --heap-growing-percent=50 --import tsx server/src/main.ts`), on the
 * given port. Options (the benchmark's nodes): how long to wait for /healthz, which variables of
 * this process it inherits, how much of its output to keep (the tail), and who to tell of the
 * child at once (to kill it however the caller ends).
 */
export async function spawnServer(
  env: Record<string, string>,
  port: number,
  opts: {
    startMs?: number;
    inherit?: (name: string) => boolean;
    outputLimit?: number;
    onSpawn?: (child: ChildProcess) => void;
  } = {},
): Promise<ServerProcess> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => opts.inherit?.(k) ?? true),
  );
  const child = spawn(
    process.execPath,
    [
      '--max-semi-space-size=32',
      '--heap-growing-percent=50',
      '--import',
      'tsx',
      path.join(ROOT, 'server/src/main.ts'),
    ],
    {
      cwd: ROOT,
      env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  opts.onSpawn?.(child);
  let out = '';
  const keep = (d: Buffer) => {
    out += String(d);
    if (opts.outputLimit && out.length > opts.outputLimit) out = out.slice(-opts.outputLimit);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const startMs = opts.startMs ?? 30_000;
  const deadline = Date.now() + startMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within ${startMs / 1000} s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    output: () => out,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
