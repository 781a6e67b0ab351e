/**
 * npm run bench: a bounded load test of Common Ground on loopback, against a bare Socket.IO
 * baseline driven by the same generator. Prints a table and, as its last line, one JSON object.
 *
 *   npm run bench                       default: 200 meetings (1,000 people), step-up, flood,
 *                                       baseline, distributed run and failover; ≤ 11 min
 *   npm run bench -- --quick            a ~90-second smoke run (10 meetings, no step-up, a 6 s flood)
 *   npm run bench -- --meetings 100 --rate 1 --duration 60 --step-up off --workers 2
 *   npm run bench -- --cpu-prof DIR     also write a V8 CPU profile of the app process into DIR
 *   npm run bench -- --heap-prof DIR    also write a sampling heap profile (allocations) into DIR
 *   npm run bench -- --flood 0          skip the flood phase (one invite floods; default 20 s)
 *
 * What runs: the app as its own process (server/src/main.ts, temporary DATA_DIR, no LiveKit, the
 * default socket limits), a pool of load-generator processes (tests/load/generator.ts) that open
 * five sockets per meeting (facilitator, patient, support person, clinician, peer supporter), and
 * after the step-up, the flood phase (tests/load/flood.ts: one invite floods while a facilitator
 * sends a steady stream; its ack p99 is the figure), then the baseline server
 * (tests/load/baseline-server.ts), then the distributed run (tests/load/distributed.ts: two app
 * nodes, PostgreSQL, Redis, and a node killed mid-load). Server CPU and memory are read from
 * /proc for each server process. Everything is bounded by counts and deadlines, and every
 * child is killed on exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CSRF_HEADER } from '../../shared/protocol/http';
import { spawnServer, type ServerProcess } from '../support/process';
import { createMeeting, type TestServer } from '../support/server';
import { floodPhase, type FloodResult } from './flood';
import { distributedPhase, type DistributedResult } from './distributed';
import { distributedJson, distributedLines } from './distributed-report';
import type { MeetingSpec } from './generator';
import {
  children,
  exitAfterCleanup,
  generatorsReady,
  Load,
  log,
  pool,
  sleep,
  startedAt,
  startGenerators,
  tempDirs,
  withDeadline,
  type LevelResult,
} from './harness';
import { joinPageSize, type JoinSize } from './join-size';
import { freePort, rssKb } from './proc';
import { INVITEES, PEOPLE, type PersonKey } from './script';
import {
  describeStepUp,
  formatTable,
  parseArgs,
  ratio,
  round,
  stepUpOutcome,
  type BenchOptions,
  type StepUpStop,
} from './stats';

const HERE = import.meta.dirname;
const P99_LIMIT_MS = 100;
const FACILITATOR = { email: 'bench@example.org', password: 'bench-password-not-secret' };

// ---------------------------------------------------------------------------------------------
// the app

async function startApp(opts: BenchOptions): Promise<{ server: ServerProcess; target: Load }> {
  // The generators load (tsx) while the server starts.
  const generators = startGenerators(opts.workers);
  const dataDir = mkdtempSync(path.join(opts.dataDir ?? os.tmpdir(), 'cg-bench-data-'));
  tempDirs.push(dataDir);
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    FACILITATOR_EMAIL: FACILITATOR.email,
    FACILITATOR_PASSWORD: FACILITATOR.password,
    FACILITATOR_NAME: 'Bench Facilitator',
    LOG_LEVEL: 'warn',
    // Every simulated person connects from 127.0.0.1: the per-address cap is for real addresses.
    // The per-member cap and the per-socket rate limit stay at their defaults (the flood phase
    // measures them).
    SOCKETS_PER_ADDRESS: '1000000',
  };
  // Diagnostics (tests/load/app-probe.mjs), toggled by SIGUSR2 around the main measured window.
  if (opts.cpuProf || opts.heapProf || opts.probe) {
    const preload = path.join(HERE, 'app-probe.mjs');
    env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`.trim();
    if (opts.cpuProf) env.CG_CPU_PROFILE_DIR = path.resolve(opts.cpuProf);
    if (opts.heapProf) env.CG_HEAP_PROFILE_DIR = path.resolve(opts.heapProf);
    if (opts.probe) env.CG_PROBE_DIR = path.resolve(opts.probe);
  }
  // No LiveKit (media is not part of this benchmark): spawnServer passes on process.env, so drop
  // any LIVEKIT_* from it for the spawn (empty values would fail the config's validation).
  const inherited = { ...process.env };
  for (const k of Object.keys(inherited)) if (k.startsWith('LIVEKIT_')) delete inherited[k];
  const savedEnv = process.env;
  process.env = inherited;
  let server: ServerProcess;
  try {
    server = await spawnServer(env, await freePort());
  } finally {
    process.env = savedEnv;
  }
  children.add(server.child);
  log(`app process ${server.child.pid} at ${server.url}, DATA_DIR ${dataDir}`);
  await sleep(500);
  const idle = rssKb(server.child.pid);

  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify(FACILITATOR),
  });
  if (!login.ok)
    throw new Error(`facilitator sign-in failed: ${login.status} ${await login.text()}`);
  const facilitatorId = ((await login.json()) as { id: string }).id;
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  // tests/support/server.ts's helpers only need the URL and the facilitator's cookie.
  const asTestServer = { url: server.url, facilitator: { cookie } } as unknown as TestServer;

  const newMeetings = (n: number) =>
    pool(Array.from({ length: n }), 16, async () => {
      const m = await createMeeting(asTestServer, INVITEES);
      const ids = { facilitator: facilitatorId } as Record<PersonKey, string>;
      const tokens: Partial<Record<PersonKey, string>> = {};
      for (const i of INVITEES) {
        ids[i.key] = m.people[i.key]!.id;
        tokens[i.key] = m.people[i.key]!.token;
      }
      return { meetingId: m.meetingId, ids, tokens } satisfies MeetingSpec;
    });

  await generatorsReady(generators);
  const target = new Load(
    'app',
    [{ name: 'app', pid: server.child.pid!, url: server.url, idleRssKb: idle }],
    generators,
    newMeetings,
    cookie,
  );
  return { server, target };
}

// ---------------------------------------------------------------------------------------------
// the baseline

async function startBaseline(
  opts: BenchOptions,
  viewBytes: number,
): Promise<{ child: ChildProcess; target: Load }> {
  const generators = startGenerators(opts.workers);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(HERE, 'baseline-server.ts')],
    {
      env: { ...process.env, VIEW_BYTES: String(Math.round(viewBytes)) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.add(child);
  const port = await withDeadline(
    new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /listening (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`baseline server exited (${code})`)));
    }),
    30_000,
    'baseline server start',
  );
  await sleep(500);
  const idle = rssKb(child.pid);
  let seq = 0;
  const newMeetings = async (n: number) =>
    Array.from({ length: n }, () => {
      const meetingId = `bm${String(++seq).padStart(7, '0')}`;
      const ids = Object.fromEntries(PEOPLE.map((k) => [k, `${meetingId}-${k}`])) as Record<
        PersonKey,
        string
      >;
      return { meetingId, ids, tokens: {} };
    });
  await generatorsReady(generators);
  const target = new Load(
    'baseline',
    [{ name: 'baseline', pid: child.pid!, url: `http://127.0.0.1:${port}`, idleRssKb: idle }],
    generators,
    newMeetings,
    '',
  );
  return { child, target };
}

// ---------------------------------------------------------------------------------------------
// output

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '-');

function levelRow(l: LevelResult): (string | number)[] {
  const rej = Object.values(l.rejected).reduce((a, b) => a + b, 0);
  const err = Object.values(l.errors).reduce((a, b) => a + b, 0) + l.disconnects;
  return [
    l.label,
    l.meetings,
    l.connected,
    l.latency.count,
    f1(l.throughput),
    f1(l.latency.p50),
    f1(l.latency.p95),
    f1(l.latency.p99),
    f1(l.latency.max),
    f1(l.ack.p50),
    pct(l.serverCpu),
    pct(l.generatorCpu),
    f1(l.rssKb / 1024),
    f1(l.rssPerParticipantKb),
    rej,
    err,
  ];
}

function machine() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memory_gib: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

// ---------------------------------------------------------------------------------------------
// the flood phase's figures

/** Facilitator commands per second in the flood phase (under the per-socket rate limit). */
const FLOOD_FACILITATOR_RATE = 10;
/** The facilitator's ack p99 during the flood must stay within the app's own p99 target. */
const FLOOD_P99_LIMIT_MS = 50;
/** The flood's bounds: sockets open at once, and commands in flight on each. */
const FLOOD_SOCKETS = 64;
const FLOOD_IN_FLIGHT = 16;

/** The quiet window before the flood: a quarter of it, at least 2 s. */
function floodQuietSeconds(opts: BenchOptions): number {
  return Math.max(2, Math.round(opts.flood / 4));
}

const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} x${v}`)
    .join(', ') || 'none';

function floodLines(f: FloodResult): string[] {
  const row = (name: string, s: FloodResult['quiet']) => [
    name,
    s.sent,
    s.ack.count,
    f1(s.ack.p50),
    f1(s.ack.p95),
    f1(s.ack.p99),
    f1(s.ack.max),
    Object.values(s.rejected).reduce((a, b) => a + b, 0) + s.unanswered,
  ];
  const fl = f.flood;
  return [
    `Flood: one invite opens as many sockets as it may (≤ ${FLOOD_SOCKETS} at once) and keeps ${FLOOD_IN_FLIGHT} commands in flight on each, while facilitators send ${FLOOD_FACILITATOR_RATE} commands/s (floor.setMode); ack = emit -> answer.`,
    formatTable([
      ['facilitator', 'sent', 'acked', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'not ok'],
      row('flooded meeting, before', f.quiet),
      row('flooded meeting, flood', f.flooded),
      row('other meeting, flood', f.other),
    ]),
    `The flood: ${fl.attempts} connection attempts, ${fl.opened} sockets opened (at most ${fl.peakOpen} at once), ${fl.refused} refused, ${fl.closedByServer} closed by the server; ${fl.sent} commands sent in ${(fl.elapsedMs / 1000).toFixed(1)} s, ${fl.accepted} accepted, refused: ${counts(fl.rejected)}, unanswered ${fl.unanswered}.`,
    `Facilitator commands not accepted: ${counts({ ...f.quiet.rejected, ...f.flooded.rejected, ...f.other.rejected })}; unanswered ${f.quiet.unanswered + f.flooded.unanswered + f.other.unanswered}.`,
  ];
}

function floodJson(f: FloodResult) {
  const notOk = (s: FloodResult['quiet']) =>
    Object.values(s.rejected).reduce((a, b) => a + b, 0) + s.unanswered;
  return {
    flood_facilitator_ack_p50_ms: round(f.flooded.ack.p50),
    flood_facilitator_ack_p99_ms: round(f.flooded.ack.p99),
    flood_facilitator_ack_max_ms: round(f.flooded.ack.max),
    flood_facilitator_acks: f.flooded.ack.count,
    flood_facilitator_not_ok: notOk(f.flooded),
    quiet_facilitator_ack_p50_ms: round(f.quiet.ack.p50),
    quiet_facilitator_ack_p99_ms: round(f.quiet.ack.p99),
    flood_other_facilitator_ack_p99_ms: round(f.other.ack.p99),
    flood_sockets_opened: f.flood.opened,
    flood_sockets_refused: f.flood.refused,
    flood_sockets_peak: f.flood.peakOpen,
    flood_sockets_closed_by_server: f.flood.closedByServer,
    flood_commands_sent: f.flood.sent,
    flood_commands_accepted: f.flood.accepted,
    flood_commands_refused: f.flood.rejected,
  };
}

// ---------------------------------------------------------------------------------------------

/** The app process's probe (tests/load/app-probe.mjs), once it has written it. */
async function readProbe(dir: string, pid: number): Promise<Record<string, number> | null> {
  const file = path.join(path.resolve(dir), `probe-${pid}.json`);
  for (let i = 0; i < 100; i++) {
    if (existsSync(file)) {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
      } catch {
        // still being written
      }
    }
    await sleep(100);
  }
  log('probe: no answer from the app process');
  return null;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const deadline = startedAt + opts.budget * 1000;
  // A watchdog far past the budget: whatever hangs, the benchmark stops by itself.
  const watchdog = setTimeout(
    () => {
      log('watchdog: the run took far longer than its budget; stopping');
      void exitAfterCleanup(3);
    },
    (opts.budget + (opts.distributed ? 180 : 90)) * 1000,
  );
  watchdog.unref();
  const load0 = os.loadavg()[0]!;
  if (load0 > os.availableParallelism() * 0.5)
    log(
      `WARNING: the machine is busy (load average ${load0.toFixed(1)} on ${os.availableParallelism()} CPUs): figures will be noisy`,
    );
  log(
    `options: ${opts.meetings} meetings, ${opts.rate.toFixed(2)} commands/s per meeting, ${opts.duration} s measured (+${opts.warmup} s warm-up), step-up ${opts.stepUp ? 'on' : 'off'}, ${opts.workers} generator processes`,
  );

  // 1. The client's figure first (it needs the CPU to itself for a few seconds).
  log('building the client to measure the join page...');
  const join: JoinSize = joinPageSize({ build: !opts.noBuild, timeoutMs: 90_000 });
  if (join.buildError) log(`client build FAILED: ${join.buildError} (measured ${join.source})`);
  log(
    `join page JS: ${join.kb === null ? 'n/a' : `${join.kb.toFixed(1)} kB gzip`} (${join.source})`,
  );

  // 2. The app at the main level, then stepping up.
  log('starting the app (server/src/main.ts) on loopback...');
  const app = await startApp(opts);
  const levels: LevelResult[] = [];
  let main: LevelResult;
  let flood: FloodResult | null = null;
  let floodError: string | null = null;
  let probe: Record<string, number> | null = null;
  let stepStop: StepUpStop = 'off';
  if (opts.cpuProf || opts.heapProf || opts.probe) {
    // Profile (and probe) the main level's measured window only (tests/load/app-probe.mjs).
    app.target.onWindow = (_edge, label) => {
      if (label === 'app') app.server.child.kill('SIGUSR2');
    };
  }
  try {
    await app.target.addMeetings(opts.meetings);
    main = await app.target.level('app', opts, opts.duration);
    levels.push(main);
    if (opts.probe) probe = await readProbe(opts.probe, app.server.child.pid!);

    // Leave room for the flood phase (quiet window, flood window, set-up and drain) and for the
    // baseline: its set-up, warm-up, window and some slack.
    const floodReserveMs = opts.flood > 0 ? (floodQuietSeconds(opts) + opts.flood + 15) * 1000 : 0;
    const baselineReserveMs =
      opts.meetings * 15 + (opts.warmup + opts.baselineDuration) * 1000 + 15_000 + floodReserveMs;
    // The distributed run: services and nodes, set-up over PostgreSQL, its two windows.
    const distReserveMs = opts.distributed
      ? opts.meetings * 40 +
        (2 * opts.warmup + opts.distDuration + opts.failoverDuration + 30) * 1000
      : 0;
    // The largest level known to pass and the smallest known to fail (p99 under 100 ms). The
    // step-up goes on until a level fails; only its bounds (meetings, time) stop it earlier, and
    // then the outcome says so (stepUpOutcome).
    const under = (l: LevelResult) => l.latency.p99 < P99_LIMIT_MS;
    let pass = under(main) ? main.meetings : 0;
    let fail = under(main) ? Infinity : main.meetings;
    stepStop = opts.stepUp ? 'failed' : 'off';
    while (opts.stepUp && fail === Infinity) {
      const add = Math.min(opts.step, opts.maxMeetings - app.target.meetings);
      if (add <= 0) {
        log(
          `step-up: the cap of ${opts.maxMeetings} meetings is reached, p99 still under ${P99_LIMIT_MS} ms`,
        );
        stepStop = 'count';
        break;
      }
      const needMs =
        add * app.target.setupMsPerMeeting * 1.5 +
        (opts.warmup + opts.stepDuration) * 1000 +
        10_000;
      if (Date.now() + needMs + baselineReserveMs + distReserveMs > deadline) {
        log(
          `step-up: no time left for ${app.target.meetings + add} meetings within the ${opts.budget} s budget`,
        );
        stepStop = 'time';
        break;
      }
      try {
        await app.target.addMeetings(add);
      } catch (e) {
        log(`step-up: could not add meetings: ${(e as Error).message}`);
        stepStop = 'error';
        break;
      }
      const l = await app.target.level('app step', opts, opts.stepDuration);
      levels.push(l);
      if (under(l)) pass = l.meetings;
      else fail = l.meetings;
    }
    // Then narrow the gap between the two (twice at most): the meetings in between run the
    // script, the rest stay connected and idle. When the main level itself fails this halves it.
    for (let i = 0; opts.stepUp && fail !== Infinity && i < 2; i++) {
      const mid = pass === 0 ? Math.floor(fail / 2) : Math.round((pass + fail) / 2 / 25) * 25;
      if (mid <= pass || mid >= fail || mid < 10) break;
      const needMs = (opts.warmup + opts.stepDuration) * 1000 + 10_000;
      if (Date.now() + needMs + baselineReserveMs + distReserveMs > deadline) {
        log(`refine: no time left to try ${mid} meetings within the ${opts.budget} s budget`);
        break;
      }
      const l = await app.target.level('app refine', opts, opts.stepDuration, mid);
      levels.push(l);
      if (under(l)) pass = mid;
      else fail = mid;
    }

    // The flood phase: the other meetings stay connected, idle. A failure here is reported and
    // the rest of the benchmark goes on.
    if (opts.flood > 0) {
      try {
        flood = await floodPhase({
          url: app.server.url,
          cookie: app.target.cookie,
          quietSeconds: floodQuietSeconds(opts),
          floodSeconds: opts.flood,
          rate: FLOOD_FACILITATOR_RATE,
          sockets: FLOOD_SOCKETS,
          attempts: 20_000,
          inFlight: FLOOD_IN_FLIGHT,
          maxCommands: 2_000_000,
          children,
          log,
        });
        log(
          `flood: facilitator ack p50 ${f1(flood.flooded.ack.p50)} ms, p99 ${f1(flood.flooded.ack.p99)} ms (before the flood p99 ${f1(flood.quiet.ack.p99)} ms; other meeting p99 ${f1(flood.other.ack.p99)} ms); the flood: ${flood.flood.opened} sockets opened, ${flood.flood.refused} refused, ${flood.flood.sent} commands sent, ${flood.flood.accepted} accepted`,
        );
      } catch (e) {
        floodError = String((e as Error)?.message ?? e).slice(0, 300);
        log(`flood phase FAILED: ${floodError}`);
      }
    }
  } finally {
    await app.target.close();
    await app.server.kill('SIGTERM');
  }

  // 3. The baseline at the main level, with payloads the size of the app's average view.
  const viewBytes = main.viewBytes || 4096;
  log(`starting the baseline (bare Socket.IO, ${Math.round(viewBytes)}-byte payloads)...`);
  const base = await startBaseline(opts, viewBytes);
  let baseline: LevelResult;
  try {
    await base.target.addMeetings(opts.meetings);
    baseline = await base.target.level('baseline', opts, opts.baselineDuration);
  } finally {
    await base.target.close();
    base.child.kill('SIGTERM');
  }

  // 4. The distributed run: two app nodes, PostgreSQL, Redis; then a node is killed mid-load.
  // A failure here is reported and the rest of the report still goes out.
  let dist: DistributedResult | null = null;
  let distError: string | null = null;
  const distLoad = { start: os.loadavg()[0]!, end: NaN };
  if (opts.distributed) {
    try {
      dist = await distributedPhase(opts);
    } catch (e) {
      distError = String((e as Error)?.stack ?? e).slice(0, 600);
      log(`distributed run FAILED: ${distError}`);
    }
    distLoad.end = os.loadavg()[0]!;
  }

  // 5. Report.
  const stepUp = stepUpOutcome(
    levels.map((l) => ({ meetings: l.meetings, p99: l.latency.p99 })),
    P99_LIMIT_MS,
    stepStop,
  );
  const maxMeetings = stepUp.limit;
  const m = machine();
  const ratioP50 = ratio(main.latency.p50, baseline.latency.p50);
  const ratioP99 = ratio(main.latency.p99, baseline.latency.p99);
  const rssRatio = ratio(main.rssPerParticipantKb, baseline.rssPerParticipantKb);

  const out: string[] = [];
  out.push('');
  out.push(
    `Common Ground load benchmark, loopback. Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memory_gib} GiB, Node ${m.node}, ${m.platform}`,
  );
  out.push(
    `Load average (1 min) at start ${load0.toFixed(2)}, at end ${os.loadavg()[0]!.toFixed(2)}; app DATA_DIR under ${opts.dataDir ?? os.tmpdir()}.`,
  );
  out.push(
    `Script: ${PEOPLE.length} people per meeting, ${opts.rate.toFixed(2)} commands/s per meeting (±33% jitter), warm-up ${opts.warmup} s. Latency: emit -> every other participant holds the new view.`,
  );
  out.push('');
  out.push(
    formatTable([
      [
        'run',
        'meetings',
        'sockets',
        'commands',
        'cmd/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'ack p50',
        'srv CPU',
        'gen CPU',
        'RSS MB',
        'kB/person',
        'rejected',
        'errors',
      ],
      ...levels.map(levelRow),
      levelRow(baseline),
    ]),
  );
  out.push('');
  out.push('Per command at the main level (app):');
  out.push(
    formatTable([
      ['command', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      ...Object.entries(main.byType)
        .sort((a, b) => b[1].count - a[1].count)
        .map(([k, s]) => [k, s.count, f1(s.p50), f1(s.p95), f1(s.p99), f1(s.max)]),
    ]),
  );
  out.push(
    `p99 of the main level in ${main.sliceSeconds.toFixed(1)} s slices: ${main.p99BySlice.map((x) => f1(x)).join(', ')} ms`,
  );
  const rejections = Object.entries(main.rejected);
  const errs = Object.entries({ ...main.errors, ...baseline.errors });
  if (rejections.length)
    out.push(`Rejected (app): ${rejections.map(([k, v]) => `${k} x${v}`).join(', ')}`);
  if (errs.length) out.push(`Errors: ${errs.map(([k, v]) => `${k} x${v}`).join(', ')}`);
  if (main.late || baseline.late)
    out.push(`Commands sent >50 ms behind schedule: app ${main.late}, baseline ${baseline.late}`);
  if (probe) {
    out.push(
      `Probe (app, main window): event-loop delay p99 ${probe.event_loop_delay_p99_ms} ms, max ${probe.event_loop_delay_max_ms} ms; ${probe.gc_pauses} GC pauses, ${probe.gc_total_ms} ms in all, longest ${probe.gc_max_ms} ms (scavenges ${probe.gc_scavenge}, longest ${probe.gc_scavenge_max_ms} ms; mark-compacts ${probe.gc_mark_compact}, longest ${probe.gc_mark_compact_max_ms} ms).`,
    );
    out.push(
      `Probe (app, end of the main window): heap ${probe.heap_used_mb} MB, of which live (after a full GC) ${probe.heap_live_mb} MB; V8 holds ${probe.heap_total_mb} MB (young generation ${probe.new_space_mb} MB, old ${probe.old_space_mb} MB), external ${probe.external_mb} MB; RSS ${probe.rss_mb} MB.`,
    );
  }
  out.push('');
  out.push(
    `Step-up (embedded): p99 under ${P99_LIMIT_MS} ms up to ${describeStepUp(stepUp, P99_LIMIT_MS)}.`,
    '',
  );
  if (flood) out.push(...floodLines(flood), '');
  if (dist) out.push(...distributedLines(dist, main, distLoad), '');
  if (distError) out.push(`Distributed run FAILED: ${distError}`, '');
  if (floodError) out.push(`Flood phase FAILED: ${floodError}`, '');
  out.push(
    `Join page JS (${join.source}): ${join.kb === null ? 'n/a' : `${join.kb.toFixed(1)} kB gzip`}`,
  );
  for (const f of join.files)
    out.push(
      `  ${f.file}  ${(f.bytes / 1024).toFixed(1)} kB, ${(f.gzipBytes / 1024).toFixed(1)} kB gzip`,
    );
  if (join.buildError) out.push(`  client build FAILED: ${join.buildError}`);
  out.push('');
  const check = (name: string, value: number | null, op: '<=' | '>=', limit: number, unit = '') => [
    name,
    value === null ? '-' : `${round(value, 2)}${unit}`,
    `${op} ${limit}${unit}`,
    value === null ? 'n/a' : (op === '<=' ? value <= limit : value >= limit) ? 'met' : 'MISSED',
  ];
  out.push(
    formatTable([
      ['target', 'value', 'limit', ''],
      check('ratio_p99', ratioP99, '<=', 2),
      check('p99_ms', main.latency.p99, '<=', 50),
      check('rss per participant vs baseline', rssRatio, '<=', 2, 'x'),
      // A lower bound (the step-up stopped by a bound, p99 still under 100 ms) meets the target
      // when it is above it, but is shown as what it is, never as the limit.
      stepUp.limit !== null
        ? check('max_meetings_p99_under_100ms', stepUp.limit, '>=', 400)
        : [
            'max_meetings_p99_under_100ms',
            `not reached within ${stepUp.atLeast}`,
            '>= 400',
            stepUp.atLeast >= 400 ? 'met (lower bound)' : 'n/a',
          ],
      check('join_page_js_gzip_kb', join.kb, '<=', 150),
      // Issue 12: a flood from one invite must not delay a facilitator's command.
      ...(flood
        ? [check('flood_facilitator_ack_p99_ms', flood.flooded.ack.p99, '<=', FLOOD_P99_LIMIT_MS)]
        : []),
    ]),
  );
  if (opts.meetings !== 200)
    out.push(`(targets are defined at 200 meetings; this run used ${opts.meetings})`);
  out.push('');
  process.stdout.write(out.join('\n') + '\n');

  const json = {
    meetings: main.meetings,
    participants: main.participants,
    commands: main.latency.count,
    duration_s: opts.duration,
    rate_per_meeting: round(opts.rate, 3),
    offered_cmd_s: round(main.meetings * opts.rate, 1),
    throughput_cmd_s: round(main.throughput, 1),
    views_per_s: round(main.throughput * PEOPLE.length, 1),
    p50_ms: round(main.latency.p50),
    p95_ms: round(main.latency.p95),
    p99_ms: round(main.latency.p99),
    p99_by_slice_ms: main.p99BySlice.map((x) => round(x, 1)),
    slice_s: round(main.sliceSeconds, 1),
    max_ms: round(main.latency.max),
    ack_p50_ms: round(main.ack.p50),
    baseline_p50_ms: round(baseline.latency.p50),
    baseline_p95_ms: round(baseline.latency.p95),
    baseline_p99_ms: round(baseline.latency.p99),
    ratio_p50: round(ratioP50),
    ratio_p99: round(ratioP99),
    server_cpu_pct: round(main.serverCpu * 100, 1),
    baseline_cpu_pct: round(baseline.serverCpu * 100, 1),
    generator_cpu_pct: round(main.generatorCpu * 100, 1),
    rss_mb: round(main.rssKb / 1024, 1),
    rss_before_commands_mb: round(main.rssBeforeKb / 1024, 1),
    idle_rss_mb: round(app.target.idleRssKb / 1024, 1),
    baseline_rss_mb: round(baseline.rssKb / 1024, 1),
    rss_per_participant_kb: round(main.rssPerParticipantKb, 1),
    baseline_rss_per_participant_kb: round(baseline.rssPerParticipantKb, 1),
    rss_ratio: round(rssRatio),
    view_bytes: Math.round(viewBytes),
    max_meetings_p99_under_100ms: maxMeetings,
    step_up: {
      limit: stepUp.limit,
      at_least: stepUp.atLeast,
      first_failure: stepUp.firstFailure,
      stopped_by: stepUp.stoppedBy,
      max_meetings: opts.maxMeetings,
    },
    ...(dist ? distributedJson(dist, distLoad) : {}),
    ...(distError ? { distributed_error: distError.slice(0, 300) } : {}),
    ...(flood ? floodJson(flood) : {}),
    ...(floodError ? { flood_error: floodError } : {}),
    ...(probe ? { probe } : {}),
    levels: levels.map((l) => ({
      meetings: l.meetings,
      connected: l.connected,
      p50_ms: round(l.latency.p50),
      p99_ms: round(l.latency.p99),
      cpu_pct: round(l.serverCpu * 100, 1),
      rss_per_participant_kb: round(l.rssPerParticipantKb, 1),
      rss_before_commands_mb: round(l.rssBeforeKb / 1024, 1),
      rss_mb: round(l.rssKb / 1024, 1),
    })),
    rejected: Object.values(main.rejected).reduce((a, b) => a + b, 0),
    errors:
      Object.values(main.errors).reduce((a, b) => a + b, 0) +
      Object.values(baseline.errors).reduce((a, b) => a + b, 0) +
      main.disconnects +
      baseline.disconnects,
    join_page_js_gzip_kb: round(join.kb, 1),
    join_page_source: join.source,
    client_build_error: join.buildError,
    machine: m,
    load_avg_1m: { start: round(load0, 2), end: round(os.loadavg()[0]!, 2) },
    elapsed_s: round((Date.now() - startedAt) / 1000, 1),
  };
  process.stdout.write(JSON.stringify(json) + '\n');
}

main().then(
  () => exitAfterCleanup(0),
  (e) => {
    log(`FAILED: ${(e as Error)?.stack ?? e}`);
    return exitAfterCleanup(1);
  },
);
