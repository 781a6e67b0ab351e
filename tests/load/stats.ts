/**
 * Pure helpers of the load benchmark: percentiles, summaries, ratios, the table and the flags.
 * No I/O here (tests/unit/load/stats.test.ts covers them).
 */

export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Sorts a copy of the samples, ascending (numbers, not strings). */
export function sorted(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

/**
 * The p-th percentile (0..100) of samples already sorted ascending, by the nearest-rank method:
 * the smallest sample such that at least p% of the samples are less than or equal to it. NaN for
 * no samples. Nearest rank never invents a value that was not measured.
 */
export function percentile(sortedSamples: ArrayLike<number>, p: number): number {
  const n = sortedSamples.length;
  if (n === 0) return NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile out of range: ${p}`);
  if (p === 0) return sortedSamples[0]!;
  const rank = Math.ceil((p / 100) * n);
  return sortedSamples[Math.min(n, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: ArrayLike<number>): Summary {
  const s = sorted(samples);
  const n = s.length;
  if (n === 0) return { count: 0, min: NaN, mean: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i]!;
  return {
    count: n,
    min: s[0]!,
    mean: sum / n,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[n - 1]!,
  };
}

/**
 * The p-th percentile of the samples in consecutive time slices: `at[i]` is when sample i was
 * taken (same unit as `sliceLength`, from 0). Slices without samples give NaN.
 */
export function percentileBySlice(
  samples: ArrayLike<number>,
  at: ArrayLike<number>,
  sliceLength: number,
  slices: number,
  p: number,
): number[] {
  const buckets: number[][] = Array.from({ length: slices }, () => []);
  for (let i = 0; i < samples.length; i++) {
    const k = Math.min(slices - 1, Math.max(0, Math.floor(at[i]! / sliceLength)));
    buckets[k]!.push(samples[i]!);
  }
  return buckets.map((b) => percentile(sorted(b), p));
}

/** a / b, or null when either is missing or b is not positive (a ratio that means nothing). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

/** Rounds to `digits` decimals; null and non-finite numbers become null (JSON-friendly). */
export function round(x: number | null | undefined, digits = 2): number | null {
  if (x == null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * The largest load level whose p99 is under the limit, among the levels tested; 0 when none is.
 * Levels above a failing one do not count (a level that passes by luck after a failure does not
 * prove the failure wrong).
 */
export function maxLevelUnder(
  levels: { meetings: number; p99: number }[],
  limitMs: number,
): number {
  const byLoad = [...levels].sort((a, b) => a.meetings - b.meetings);
  let best = 0;
  for (const l of byLoad) {
    if (!(l.p99 < limitMs)) break;
    best = l.meetings;
  }
  return best;
}

/** Why the step-up stopped: a level failed, or one of its bounds (meetings, time) came first. */
export type StepUpStop = 'failed' | 'count' | 'time' | 'error' | 'off';

export interface StepUpOutcome {
  /** The measured limit: the largest level under the limit below the first failing one. */
  limit: number | null;
  /** The largest level known to pass (a lower bound when no level failed). */
  atLeast: number;
  /** The smallest level that failed, or null when none did. */
  firstFailure: number | null;
  stoppedBy: StepUpStop;
}

/**
 * What the step-up measured. Only a failing level makes the largest passing one a limit: when a
 * bound (the meeting cap, the time, an error) stopped it first, `limit` is null and `atLeast`
 * says how far it got, so a bound is never reported as the limit.
 */
export function stepUpOutcome(
  levels: { meetings: number; p99: number }[],
  limitMs: number,
  stoppedBy: StepUpStop,
): StepUpOutcome {
  const failing = levels.filter((l) => !(l.p99 < limitMs)).map((l) => l.meetings);
  const firstFailure = failing.length ? Math.min(...failing) : null;
  const atLeast = maxLevelUnder(levels, limitMs);
  return {
    limit: firstFailure === null ? null : atLeast,
    atLeast,
    firstFailure,
    stoppedBy: firstFailure === null ? stoppedBy : 'failed',
  };
}

/** The step-up's outcome in words, for the table ("not reached within N" is never a limit). */
export function describeStepUp(o: StepUpOutcome, limitMs: number): string {
  if (o.limit !== null)
    return `${o.limit} meetings (p99 passed ${limitMs} ms at ${o.firstFailure})`;
  const why = {
    count: 'the meeting cap',
    time: 'the time budget',
    error: 'an error',
    off: 'step-up off',
    failed: '',
  }[o.stoppedBy];
  return `not reached within ${o.atLeast} meetings (stopped by ${why})`;
}

/** CPU share (1.0 = one core busy) from two cumulative CPU readings in seconds, over a wall time. */
export function cpuShare(cpuSecondsBefore: number, cpuSecondsAfter: number, wallSeconds: number) {
  if (!(wallSeconds > 0)) return NaN;
  return (cpuSecondsAfter - cpuSecondsBefore) / wallSeconds;
}

/** A plain-text table: the first row is the header; columns are padded, numbers right-aligned. */
export function formatTable(rows: (string | number | null)[][]): string {
  if (rows.length === 0) return '';
  const cells = rows.map((r) => r.map((c) => (c === null ? '-' : String(c))));
  const cols = Math.max(...cells.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) =>
    Math.max(...cells.map((r) => (r[i] ?? '').length)),
  );
  const numeric = (s: string) => /^-?[\d.,]+(%|x| ms| kB| MB)?$/.test(s);
  const line = (r: string[]) =>
    r
      .map((c, i) => (i > 0 && numeric(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of cells.slice(1)) out.push(line(r));
  return out.join('\n');
}

export interface BenchOptions {
  /** Meetings at the main (default) load level. */
  meetings: number;
  /** Commands per meeting per second (each meeting's mean; the gaps have ±jitter). */
  rate: number;
  /** Seconds measured at the main level (after the warm-up). */
  duration: number;
  /** Seconds of warm-up before each measured window. */
  warmup: number;
  /** Step the load up after the main level to find the largest level with p99 under 100 ms. */
  stepUp: boolean;
  /** Seconds measured at each step-up level. */
  stepDuration: number;
  /** Meetings added at each step. */
  step: number;
  /** Load-generator processes. */
  workers: number;
  /** Wall-clock budget of the whole run, seconds: the step-up stops before it runs out. */
  budget: number;
  /** Seconds measured for the baseline. */
  baselineDuration: number;
  /** Skip the client build and measure client/dist as it is. */
  noBuild: boolean;
  /** Write a V8 CPU profile of the app process (its main measured window) into this directory. */
  cpuProf: string | null;
  /** Write a sampling heap profile of what the app allocates in its main window, garbage included. */
  heapProf: string | null;
  /**
   * Probe the app in its main window (event-loop delay, GC pauses by kind, the live heap at its
   * end), writing into this directory.
   */
  probe: string | null;
  /** Where the app's temporary DATA_DIR is created (default: the OS temp directory). */
  dataDir: string | null;
  /**
   * Seconds of the flood phase (tests/load/flood.ts: one invite floods while its meeting's
   * facilitator sends a steady stream; 0 skips it). A quiet window of a quarter of it comes first.
   */
  flood: number;
  /** The step-up's bound in meetings (it stops there even when p99 is still under 100 ms). */
  maxMeetings: number;
  /** The distributed run: two app nodes, PostgreSQL and Redis, after the embedded one. */
  distributed: boolean;
  /** Seconds measured in the distributed run (after the warm-up). */
  distDuration: number;
  /** Seconds of the failover window (a node is killed a fifth of the way in). */
  failoverDuration: number;
  quick: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  meetings: 200,
  rate: 1 / 1.5,
  duration: 35,
  warmup: 5,
  stepUp: true,
  stepDuration: 15,
  step: 200,
  workers: 2,
  budget: 480,
  baselineDuration: 25,
  noBuild: false,
  cpuProf: null,
  heapProf: null,
  probe: null,
  dataDir: null,
  flood: 20,
  maxMeetings: 2000,
  distributed: true,
  distDuration: 25,
  failoverDuration: 20,
  quick: false,
};

/** A smoke run of about 90 seconds (the flood phase and the distributed run are most of it). */
export const QUICK_OPTIONS: Partial<BenchOptions> = {
  meetings: 10,
  duration: 4,
  warmup: 1,
  stepUp: false,
  baselineDuration: 3,
  flood: 6,
  distDuration: 4,
  failoverDuration: 12,
  budget: 120,
};

const ON = new Set(['on', 'true', 'yes', '1']);
const OFF = new Set(['off', 'false', 'no', '0']);

/**
 * Parses `--name value`, `--name=value` and bare boolean flags. --quick applies QUICK_OPTIONS first,
 * so explicit flags still win over it. Throws on unknown flags and bad values.
 */
export function parseArgs(argv: string[]): BenchOptions {
  const raw = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`Unexpected argument: ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) {
      raw.set(a.slice(2, eq), a.slice(eq + 1));
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        raw.set(a.slice(2), next);
        i++;
      } else raw.set(a.slice(2), true);
    }
  }
  const quick = raw.has('quick') && raw.get('quick') !== 'off' && raw.get('quick') !== 'false';
  const o: BenchOptions = { ...DEFAULT_OPTIONS, ...(quick ? QUICK_OPTIONS : {}), quick };
  const num = (key: string, min: number, max: number, int = false): number | undefined => {
    const v = raw.get(key);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v === true || !Number.isFinite(n) || n < min || n > max || (int && !Number.isInteger(n))) {
      throw new Error(`--${key} needs ${int ? 'an integer' : 'a number'} from ${min} to ${max}`);
    }
    return n;
  };
  const bool = (key: string): boolean | undefined => {
    const v = raw.get(key);
    if (v === undefined) return undefined;
    if (v === true) return true;
    if (ON.has(v)) return true;
    if (OFF.has(v)) return false;
    throw new Error(`--${key} takes on or off`);
  };
  const known = new Set([
    'meetings',
    'rate',
    'duration',
    'warmup',
    'step-up',
    'step-duration',
    'step',
    'workers',
    'budget',
    'baseline-duration',
    'no-build',
    'cpu-prof',
    'heap-prof',
    'data-dir',
    'probe',
    'flood',
    'max-meetings',
    'distributed',
    'dist-duration',
    'failover-duration',
    'quick',
  ]);
  for (const k of raw.keys()) if (!known.has(k)) throw new Error(`Unknown flag: --${k}`);
  o.meetings = num('meetings', 1, 5000, true) ?? o.meetings;
  o.rate = num('rate', 0.01, 20) ?? o.rate;
  o.duration = num('duration', 1, 3600) ?? o.duration;
  o.warmup = num('warmup', 0, 600) ?? o.warmup;
  o.stepUp = bool('step-up') ?? o.stepUp;
  o.stepDuration = num('step-duration', 1, 600) ?? o.stepDuration;
  o.step = num('step', 1, 5000, true) ?? o.step;
  o.workers = num('workers', 1, 64, true) ?? o.workers;
  o.budget = num('budget', 10, 7200) ?? o.budget;
  o.baselineDuration = num('baseline-duration', 1, 3600) ?? o.baselineDuration;
  o.noBuild = bool('no-build') ?? o.noBuild;
  o.flood = num('flood', 0, 600) ?? o.flood;
  o.maxMeetings = num('max-meetings', 1, 20000, true) ?? o.maxMeetings;
  o.distributed = bool('distributed') ?? o.distributed;
  o.distDuration = num('dist-duration', 1, 3600) ?? o.distDuration;
  o.failoverDuration = num('failover-duration', 8, 600) ?? o.failoverDuration;
  const prof = raw.get('cpu-prof');
  if (prof !== undefined) o.cpuProf = prof === true ? 'cpu-profiles' : prof;
  const heapProf = raw.get('heap-prof');
  if (heapProf !== undefined) o.heapProf = heapProf === true ? 'heap-profiles' : heapProf;
  const probe = raw.get('probe');
  if (probe !== undefined) o.probe = probe === true ? 'probe' : probe;
  const dataDir = raw.get('data-dir');
  if (dataDir === true) throw new Error('--data-dir needs a directory');
  if (dataDir !== undefined) o.dataDir = dataDir;
  return o;
}
