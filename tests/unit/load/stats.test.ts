import { describe, expect, it } from 'vitest';
import { htmlScripts, staticImports } from '../../load/join-size';
import {
  cpuShare,
  DEFAULT_OPTIONS,
  formatTable,
  maxLevelUnder,
  parseArgs,
  percentile,
  percentileBySlice,
  ratio,
  round,
  sorted,
  summarize,
} from '../../load/stats';

describe('percentile (nearest rank)', () => {
  const s = sorted([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]);

  it('sorts numerically, not as strings', () => {
    expect([...sorted([10, 9, 100, 1])]).toEqual([1, 9, 10, 100]);
  });

  it('returns a measured sample, never an interpolated one', () => {
    expect(percentile(s, 50)).toBe(5);
    expect(percentile(s, 90)).toBe(9);
    expect(percentile(s, 95)).toBe(10);
    expect(percentile(s, 99)).toBe(10);
    expect(percentile(s, 100)).toBe(10);
    expect(percentile(s, 0)).toBe(1);
    expect(percentile(s, 10)).toBe(1);
    expect(percentile(s, 11)).toBe(2);
  });

  it('p99 of 1000 samples is the 990th smallest', () => {
    const xs = sorted(Array.from({ length: 1000 }, (_, i) => 1000 - i));
    expect(percentile(xs, 99)).toBe(990);
    expect(percentile(xs, 50)).toBe(500);
  });

  it('is NaN without samples and refuses nonsense', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });
});

describe('percentileBySlice', () => {
  it('takes the percentile of each time slice, NaN for an empty one', () => {
    const samples = [1, 2, 3, 10, 20, 30];
    const at = [0, 4, 9.9, 10, 15, 999];
    const [a, b, c] = percentileBySlice(samples, at, 10, 3, 100);
    expect(a).toBe(3);
    // The last slice takes whatever comes after it too.
    expect(b).toBe(20);
    expect(c).toBe(30);
    expect(percentileBySlice([5], [25], 10, 3, 50)).toEqual([NaN, NaN, 5]);
  });
});

describe('summarize', () => {
  it('gives count, min, mean, p50, p95, p99 and max', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarize(xs)).toEqual({
      count: 100,
      min: 1,
      mean: 50.5,
      p50: 50,
      p95: 95,
      p99: 99,
      max: 100,
    });
  });

  it('accepts typed arrays and leaves the input alone', () => {
    const xs = Float64Array.from([3, 1, 2]);
    expect(summarize(xs).p50).toBe(2);
    expect([...xs]).toEqual([3, 1, 2]);
  });

  it('is all NaN (count 0) without samples', () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect(s.p99).toBeNaN();
  });
});

describe('ratio, round, cpuShare', () => {
  it('divides, or says null when the ratio means nothing', () => {
    expect(ratio(10, 4)).toBe(2.5);
    expect(ratio(10, 0)).toBeNull();
    expect(ratio(NaN, 1)).toBeNull();
    expect(ratio(null, 1)).toBeNull();
  });

  it('rounds for JSON, with null for what is not a number', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.23456, 1)).toBe(1.2);
    expect(round(NaN)).toBeNull();
    expect(round(Infinity)).toBeNull();
  });

  it('turns two CPU readings into a share of one core', () => {
    expect(cpuShare(10, 15, 10)).toBe(0.5);
    expect(cpuShare(0, 1, 0)).toBeNaN();
  });
});

describe('maxLevelUnder', () => {
  it('is the largest level under the limit, counting up to the first failure', () => {
    expect(
      maxLevelUnder(
        [
          { meetings: 400, p99: 80 },
          { meetings: 200, p99: 30 },
          { meetings: 600, p99: 150 },
        ],
        100,
      ),
    ).toBe(400);
    // A pass above a failure does not count.
    expect(
      maxLevelUnder(
        [
          { meetings: 200, p99: 120 },
          { meetings: 400, p99: 90 },
        ],
        100,
      ),
    ).toBe(0);
    expect(maxLevelUnder([], 100)).toBe(0);
    expect(maxLevelUnder([{ meetings: 200, p99: NaN }], 100)).toBe(0);
  });
});

describe('formatTable', () => {
  it('pads columns, right-aligns numbers and shows null as a dash', () => {
    const t = formatTable([
      ['run', 'p99 ms'],
      ['app', '12.5'],
      ['baseline', null],
    ]);
    expect(t.split('\n')).toEqual([
      'run       p99 ms',
      '--------  ------',
      'app         12.5',
      'baseline  -',
    ]);
  });
});

describe('parseArgs', () => {
  it('has the documented defaults', () => {
    expect(parseArgs([])).toEqual(DEFAULT_OPTIONS);
    expect(DEFAULT_OPTIONS.meetings).toBe(200);
  });

  it('reads --flag value, --flag=value and on/off switches', () => {
    const o = parseArgs(['--meetings', '50', '--rate=1', '--step-up', 'off', '--duration', '10']);
    expect(o).toMatchObject({ meetings: 50, rate: 1, stepUp: false, duration: 10 });
    expect(parseArgs(['--step-up']).stepUp).toBe(true);
  });

  it('takes a directory for each diagnostic, or a default one', () => {
    expect(parseArgs(['--heap-prof', '/tmp/h', '--cpu-prof=/tmp/c'])).toMatchObject({
      heapProf: '/tmp/h',
      cpuProf: '/tmp/c',
      probe: null,
    });
    expect(parseArgs(['--heap-prof']).heapProf).toBe('heap-profiles');
  });

  it('--flood sets the flood phase in seconds; 0 skips it', () => {
    expect(DEFAULT_OPTIONS.flood).toBe(20);
    expect(parseArgs(['--flood', '0']).flood).toBe(0);
    expect(parseArgs(['--quick']).flood).toBeLessThan(DEFAULT_OPTIONS.flood);
    expect(() => parseArgs(['--flood', '-1'])).toThrow(/--flood/);
  });

  it('--quick is a short smoke run, and explicit flags still win', () => {
    const q = parseArgs(['--quick']);
    expect(q.quick).toBe(true);
    expect(q.stepUp).toBe(false);
    expect(q.meetings).toBeLessThan(DEFAULT_OPTIONS.meetings);
    expect(parseArgs(['--quick', '--meetings', '30']).meetings).toBe(30);
  });

  it('refuses unknown flags and bad values', () => {
    expect(() => parseArgs(['--rooms', '5'])).toThrow(/Unknown flag/);
    expect(() => parseArgs(['--meetings', 'many'])).toThrow(/--meetings/);
    expect(() => parseArgs(['--meetings', '1.5'])).toThrow(/integer/);
    expect(() => parseArgs(['--step-up', 'maybe'])).toThrow(/on or off/);
    expect(() => parseArgs(['stray'])).toThrow(/Unexpected/);
  });
});

describe('join page scripts', () => {
  it('finds the entry script and modulepreload links in index.html', () => {
    const html = `<script type="module" crossorigin src="/assets/index-a.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-b.js">
      <link rel="stylesheet" href="/assets/index-c.css">`;
    expect(htmlScripts(html)).toEqual(['/assets/index-a.js', '/assets/vendor-b.js']);
  });

  it('follows static imports and not dynamic import()', () => {
    const code =
      'import{a as b}from"./chunk-1.js";import"./side-2.js";export{c}from"./re-3.js";' +
      'const Room=lazy(()=>import("./Room-4.js"));__vitePreload(()=>import("./Call-5.js"),[])';
    expect(staticImports(code).sort()).toEqual(['./chunk-1.js', './re-3.js', './side-2.js']);
  });
});
