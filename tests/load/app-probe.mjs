// Diagnostics preloaded into the app process by the benchmark through NODE_OPTIONS (--import;
// Node 20 refuses --cpu-prof there). Plain JavaScript: it loads before tsx. It changes nothing in
// the app unless a signal asks for it.
//
// CG_CPU_PROFILE_DIR (npm run bench -- --cpu-prof DIR): the first SIGUSR2 starts the V8 sampling
//   profiler, the second stops it and writes DIR/app-<pid>-<n>.cpuprofile, so the benchmark
//   profiles exactly its main measured window.
// CG_HEAP_PROFILE_DIR (npm run bench -- --heap-prof DIR): between the two SIGUSR2, V8's sampling
//   heap profiler records every allocation's stack, garbage included (what the scavenges clean
//   up), and writes DIR/app-<pid>.heapprofile.
// CG_PROBE_DIR (npm run bench -- --probe DIR): between the two SIGUSR2, records the event-loop
//   delay and every GC pause by kind (scavenge, mark-compact, incremental marking); at the second,
//   the heap before and after a full GC (what is live), what V8 holds (young and old generation)
//   and external memory. Writes DIR/probe-<pid>.json.
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

const profileDir = process.env.CG_CPU_PROFILE_DIR;
const heapDir = process.env.CG_HEAP_PROFILE_DIR;
const memoryDir = process.env.CG_PROBE_DIR;
let signals = 0;

let session = null;
let profiling = false;
if (profileDir || heapDir) {
  session = new Session();
  session.connect();
}
if (profileDir) {
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
}
const startProfile = () => {
  profiling = true;
  if (profileDir) session.post('Profiler.start');
  if (heapDir) {
    session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
};
const stopProfile = () => {
  if (!profiling) return;
  profiling = false;
  if (heapDir) {
    session.post('HeapProfiler.stopSampling', (err, res) => {
      if (err || !res) return;
      mkdirSync(heapDir, { recursive: true });
      writeFileSync(
        path.join(heapDir, `app-${process.pid}.heapprofile`),
        JSON.stringify(res.profile),
      );
    });
  }
  if (!profileDir) return;
  // Same-thread inspector sessions answer synchronously, so this also completes inside 'exit'.
  session.post('Profiler.stop', (err, res) => {
    if (err || !res) return;
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(
      path.join(profileDir, `app-${process.pid}-${signals}.cpuprofile`),
      JSON.stringify(res.profile),
    );
  });
};

let gc = null;
if (memoryDir) {
  v8.setFlagsFromString('--expose-gc');
  gc = vm.runInNewContext('gc');
}
const loopDelay = memoryDir ? monitorEventLoopDelay({ resolution: 5 }) : null;
const gcPauses = [];
const GC_KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark_compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
};
const gcObserver = memoryDir
  ? new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        gcPauses.push({ ms: e.duration, kind: GC_KINDS[e.detail?.kind] ?? 'other' });
    })
  : null;
const startProbe = () => {
  loopDelay.enable();
  gcObserver.observe({ entryTypes: ['gc'] });
};
const probeMemory = () => {
  loopDelay.disable();
  gcObserver.disconnect();
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const round = (x) => Math.round(x * 10) / 10;
  const durations = gcPauses.map((p) => p.ms);
  const byKind = {};
  for (const kind of ['scavenge', 'mark_compact', 'incremental']) {
    const d = gcPauses.filter((p) => p.kind === kind).map((p) => p.ms);
    byKind[`gc_${kind}`] = d.length;
    byKind[`gc_${kind}_max_ms`] = round(Math.max(0, ...d));
  }
  const eventLoop = {
    event_loop_delay_p50_ms: ms(loopDelay.percentile(50)),
    event_loop_delay_p99_ms: ms(loopDelay.percentile(99)),
    event_loop_delay_max_ms: ms(loopDelay.max),
    gc_pauses: gcPauses.length,
    gc_total_ms: Math.round(durations.reduce((a, b) => a + b, 0)),
    gc_max_ms: round(Math.max(0, ...durations)),
    gc_over_10ms: durations.filter((d) => d > 10).length,
    ...byKind,
  };
  const before = process.memoryUsage();
  const spaces = Object.fromEntries(
    v8.getHeapSpaceStatistics().map((sp) => [sp.space_name, sp.physical_space_size]),
  );
  gc();
  const after = process.memoryUsage();
  const mb = (x) => Math.round((x / 1048576) * 10) / 10;
  mkdirSync(memoryDir, { recursive: true });
  writeFileSync(
    path.join(memoryDir, `probe-${process.pid}.json`),
    JSON.stringify({
      ...eventLoop,
      heap_used_mb: mb(before.heapUsed),
      heap_live_mb: mb(after.heapUsed),
      heap_total_mb: mb(before.heapTotal),
      new_space_mb: mb(spaces.new_space ?? 0),
      old_space_mb: mb(spaces.old_space ?? 0),
      external_mb: mb(before.external),
      rss_mb: mb(before.rss),
    }),
  );
};

if (profileDir || heapDir || memoryDir) {
  process.on('SIGUSR2', () => {
    signals += 1;
    if (signals === 1) {
      if (memoryDir) startProbe();
      if (session) startProfile();
    } else if (signals === 2) {
      stopProfile();
      if (memoryDir) probeMemory();
    }
  });
  process.once('exit', stopProfile);
}
