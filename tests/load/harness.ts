/**
 * The benchmark's moving parts shared by its phases (bench.ts, distributed.ts): the log, the
 * child processes it must kill on exit, the load-generator processes (generator.ts) and a load
 * on one target (one or several server processes) measured level by level.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type {
  Failover,
  GeneratorReply,
  GeneratorRequest,
  MeetingSpec,
  RunResult,
  Target,
} from './generator';
import { cpuSeconds, rssKb } from './proc';
import { PEOPLE } from './script';
import { cpuShare, percentileBySlice, summarize, type BenchOptions, type Summary } from './stats';

const HERE = import.meta.dirname;

export const startedAt = Date.now();
export const children = new Set<ChildProcess>();
export const tempDirs: string[] = [];

export function log(msg: string): void {
  const s = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${msg}\n`);
}

export function killAll(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      try {
        c.kill(signal);
      } catch {
        // gone already
      }
    }
  }
}
export function cleanup(): void {
  killAll();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
}
/**
 * Services that stop asynchronously (PostgreSQL, Redis: tests/support), stopped before the
 * benchmark exits on a signal or its watchdog; the normal path stops them itself.
 */
export const services = new Set<{ stop(): Promise<void> }>();
export async function stopServices(): Promise<void> {
  const all = [...services];
  services.clear();
  await Promise.race([Promise.all(all.map((s) => s.stop().catch(() => undefined))), sleep(10_000)]);
}
/** Everything stopped, then exit: the signal handlers, the watchdog and the end of the run. */
export async function exitAfterCleanup(code: number): Promise<never> {
  killAll();
  await stopServices();
  cleanup();
  process.exit(code);
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    void exitAfterCleanup(130);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// load-generator processes

export class Generator {
  readonly child: ChildProcess;
  private pending: ((m: GeneratorReply) => void) | null = null;
  private fatal: string | null = null;
  /** Resolves once the process has loaded (tsx compiles it first: a few seconds). */
  readonly ready: Promise<void>;

  constructor() {
    this.child = fork(path.join(HERE, 'generator.ts'), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(this.child);
    let markReady!: () => void;
    this.ready = new Promise<void>((r) => (markReady = r));
    this.child.on('message', (m: GeneratorReply) => {
      if (m.type === 'ready') return markReady();
      if (m.type === 'fatal') this.fatal = m.message;
      const p = this.pending;
      this.pending = null;
      p?.(m);
    });
    this.child.on('exit', (code) => {
      const p = this.pending;
      this.pending = null;
      p?.({ type: 'fatal', message: `generator exited (${code})` });
    });
  }

  request(msg: GeneratorRequest, timeoutMs: number): Promise<GeneratorReply> {
    if (this.fatal) return Promise.reject(new Error(this.fatal));
    return withDeadline(
      new Promise<GeneratorReply>((resolve) => {
        this.pending = resolve;
        this.child.send(msg);
      }),
      timeoutMs,
      'load generator',
    ).then((m) => {
      if (m.type === 'fatal') throw new Error(`load generator failed: ${m.message}`);
      return m;
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    this.child.send({ type: 'close' } satisfies GeneratorRequest);
    await withDeadline(
      new Promise<void>((r) => this.child.once('exit', () => r())),
      3000,
      'generator exit',
    ).catch(() => this.child.kill('SIGKILL'));
  }
}

// ---------------------------------------------------------------------------------------------
// one target (the app, the baseline, or two app nodes): its processes, generators and meetings

/** One server process of a target: its name in the output, pid, URL and RSS when idle. */
export interface ServerRef {
  name: string;
  pid: number;
  url: string;
  idleRssKb: number;
}

/** One server process's share of a level: CPU (1.0 = one core) and RSS at the end. */
export interface NodeFigures {
  name: string;
  cpu: number;
  rssKb: number;
}

export interface LevelResult {
  label: string;
  target: Target;
  /** Meetings running the script. */
  meetings: number;
  participants: number;
  /** Sockets connected (more than participants when a step-down leaves meetings idle). */
  connected: number;
  measureSeconds: number;
  latency: Summary;
  /** p99 in consecutive slices of the measured window (does it drift as the run goes on?). */
  p99BySlice: number[];
  sliceSeconds: number;
  ack: Summary;
  byType: Record<string, Summary>;
  accepted: number;
  sent: number;
  throughput: number;
  rejected: Record<string, number>;
  errors: Record<string, number>;
  late: number;
  disconnects: number;
  serverCpu: number;
  generatorCpu: number;
  rssKb: number;
  /** RSS with everyone connected, before this level's commands began. */
  rssBeforeKb: number;
  rssPerParticipantKb: number;
  viewBytes: number;
  /** Per server process (one for the app and the baseline, one per node when distributed). */
  perNode: NodeFigures[];
  /** With a failover: when each meeting was back on one version (epoch ms), null if never. */
  converged: Map<string, number | null>;
}

/** A level's options beyond its size: a failover to survive, work to run inside the window. */
export interface LevelExtras {
  failover?: Failover;
  /** Runs once the measured window starts (e.g. kills a node); the level waits for it too. */
  during?: () => Promise<void>;
}

export class Load {
  meetings = 0;
  setupMsPerMeeting = 0;
  private next = 0;
  constructor(
    readonly target: Target,
    readonly servers: ServerRef[],
    readonly generators: Generator[],
    readonly newMeetings: (n: number) => Promise<MeetingSpec[]>,
    readonly cookie: string,
  ) {}

  get pid(): number {
    return this.servers[0]!.pid;
  }
  /** The idle RSS of every server process of the target together. */
  get idleRssKb(): number {
    return this.servers.reduce((n, s) => n + s.idleRssKb, 0);
  }
  private rss(): number {
    return this.servers.reduce((n, s) => n + rssKb(s.pid), 0);
  }

  /** Creates `n` more meetings and has the generators connect and admit everyone in them. */
  async addMeetings(n: number): Promise<void> {
    const t0 = Date.now();
    const specs = await this.newMeetings(n);
    const httpMs = Date.now() - t0;
    const slices: MeetingSpec[][] = this.generators.map(() => []);
    for (const s of specs) slices[this.next++ % this.generators.length]!.push(s);
    const replies = await Promise.all(
      this.generators.map((g, i) =>
        g.request(
          {
            type: 'setup',
            target: this.target,
            urls: this.servers.map((s) => s.url),
            cookie: this.cookie,
            meetings: slices[i]!,
          },
          // Two nodes over PostgreSQL admit more slowly than SQLite on a busy machine.
          Math.max(120_000, n * 1_500),
        ),
      ),
    );
    let failed = 0;
    for (const r of replies) {
      if (r.type !== 'setupDone') continue;
      failed += r.failed;
      for (const e of r.errors) log(`  set-up error: ${e}`);
    }
    if (failed) throw new Error(`${failed} of ${n} meetings could not be set up`);
    this.meetings += n;
    this.setupMsPerMeeting = (Date.now() - t0) / n;
    log(
      `${this.target}: ${this.meetings} meetings ready (${n} added in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${(httpMs / 1000).toFixed(1)} s of it over HTTP)`,
    );
  }

  /** Runs the script on every meeting: warm-up, then the measured window. */
  /** Called at the start and the end of the measured window (e.g. to toggle a CPU profile). */
  onWindow: ((edge: 'start' | 'end', label: string) => void) | null = null;

  async level(
    label: string,
    opts: BenchOptions,
    measureSeconds: number,
    active = this.meetings,
    extras: LevelExtras = {},
  ): Promise<LevelResult> {
    // Meetings were dealt round-robin, so the first `active` are spread evenly over the generators.
    const perGenerator = this.generators.map(
      (_, i) =>
        Math.floor(active / this.generators.length) + (i < active % this.generators.length ? 1 : 0),
    );
    const rssBefore = this.rss();
    const startAt = Date.now() + 300;
    const warmupMs = opts.warmup * 1000;
    const measureMs = measureSeconds * 1000;
    const results = this.generators.map((g, i) =>
      g.request(
        {
          type: 'run',
          startAt,
          warmupMs,
          measureMs,
          rate: opts.rate,
          active: perGenerator[i]!,
          failover: extras.failover,
        },
        warmupMs + measureMs + 60_000,
      ),
    );
    const genPids = this.generators.map((g) => g.child.pid);
    const genCpu = () => genPids.reduce((n: number, pid) => n + cpuSeconds(pid), 0);
    await sleep(startAt + warmupMs - Date.now());
    this.onWindow?.('start', label);
    const cpu0 = this.servers.map((s) => cpuSeconds(s.pid));
    const gen0 = genCpu();
    const t0 = Date.now();
    await Promise.all([sleep(measureMs), extras.during?.()]);
    const wall = (Date.now() - t0) / 1000;
    const cpu1 = this.servers.map((s) => cpuSeconds(s.pid));
    const gen1 = genCpu();
    const perNode: NodeFigures[] = this.servers.map((s, i) => ({
      name: s.name,
      cpu: cpuShare(cpu0[i]!, cpu1[i]!, wall),
      rssKb: rssKb(s.pid),
    }));
    const rss = perNode.reduce((n, x) => n + x.rssKb, 0);
    this.onWindow?.('end', label);
    const replies = (await Promise.all(results)) as RunResult[];

    const lat: number[] = [];
    const at: number[] = [];
    const ack: number[] = [];
    const byType: Record<string, number[]> = {};
    const rejected: Record<string, number> = {};
    const errors: Record<string, number> = {};
    let accepted = 0;
    let sent = 0;
    let late = 0;
    let disconnects = 0;
    let vbSum = 0;
    let vbCount = 0;
    const converged = new Map<string, number | null>();
    for (const r of replies) {
      for (const [id, t] of r.converged) converged.set(id, t);
      for (const x of r.latencies) lat.push(x);
      for (const x of r.emittedAt) at.push(x);
      for (const x of r.ackLatencies) ack.push(x);
      for (const [k, v] of Object.entries(r.byType)) (byType[k] ??= []).push(...v);
      for (const [k, v] of Object.entries(r.rejected)) rejected[k] = (rejected[k] ?? 0) + v;
      for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
      accepted += r.accepted;
      sent += r.sent;
      late += r.late;
      disconnects += r.disconnects;
      vbSum += r.viewBytes.sum;
      vbCount += r.viewBytes.count;
    }
    const participants = active * PEOPLE.length;
    const latency = summarize(lat);
    const slices = Math.max(1, Math.min(12, Math.floor(measureSeconds / 5)));
    const sliceMs = measureMs / slices;
    const result: LevelResult = {
      p99BySlice: percentileBySlice(lat, at, sliceMs, slices, 99),
      sliceSeconds: sliceMs / 1000,
      label,
      target: this.target,
      meetings: active,
      connected: this.meetings * PEOPLE.length,
      participants,
      measureSeconds,
      latency,
      ack: summarize(ack),
      byType: Object.fromEntries(Object.entries(byType).map(([k, v]) => [k, summarize(v)])),
      accepted,
      sent,
      throughput: latency.count / measureSeconds,
      rejected,
      errors,
      late,
      disconnects,
      serverCpu: perNode.reduce((n, x) => n + x.cpu, 0),
      generatorCpu: cpuShare(gen0, gen1, wall),
      rssKb: rss,
      rssBeforeKb: rssBefore,
      rssPerParticipantKb: (rss - this.idleRssKb) / (this.meetings * PEOPLE.length),
      viewBytes: vbCount ? vbSum / vbCount : 0,
      perNode,
      converged,
    };
    log(
      `${label}: ${active} meetings${active < this.meetings ? ` (of ${this.meetings} connected)` : ''}, ${latency.count} commands measured, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, server CPU ${Number.isFinite(result.serverCpu) ? `${(result.serverCpu * 100).toFixed(0)}%` : 'not read (a node was killed)'}, generators ${(result.generatorCpu * 100).toFixed(0)}%`,
    );
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.generators.map((g) => g.close()));
  }
}

export function startGenerators(n: number): Generator[] {
  return Array.from({ length: n }, () => new Generator());
}

export async function generatorsReady(gs: Generator[]): Promise<void> {
  await withDeadline(Promise.all(gs.map((g) => g.ready)), 60_000, 'load generators start');
}

/** Runs `fn` on the items with at most `limit` at once. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  fn: (t: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
