// Diagnostics preloaded into the app process by the benchmark through NODE_OPTIONS (--import;
// Node 20 refuses --cpu-prof there). Plain JavaScript: it loads before tsx. It changes nothing in
// the app unless a signal asks for it.
//
// CG_CPU_PROFILE_DIR (npm run bench -- --cpu-prof DIR): the first SIGUSR2 starts the V8 sampling
//   profiler, the second stops it and writes DIR/app-<pid>-<n>.cpuprofile, so the benchmark
//   profiles exactly its main measured window.
// CG_PROBE_DIR (npm run bench -- --probe DIR): between the two SIGUSR2, records the event-loop
//   delay and every GC pause; at the second, measures how much heap Socket.IO's
//   connection-state-recovery packet buffer holds: a full GC, the heap, then the buffer emptied (the
//   app never reads it again in a benchmark: nobody reconnects), another GC and the heap again.
//   Writes DIR/probe-<pid>.json.
// CG_DIAG_NO_CSR_BUFFER=1 (a diagnostic experiment, not the product): Socket.IO keeps connection-
//   state recovery but stops buffering broadcast packets, to measure what that buffer costs.
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

const profileDir = process.env.CG_CPU_PROFILE_DIR;
const memoryDir = process.env.CG_PROBE_DIR;
const noCsrBuffer = process.env.CG_DIAG_NO_CSR_BUFFER === '1';
let signals = 0;

let session = null;
let profiling = false;
if (profileDir) {
  session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
}
const stopProfile = () => {
  if (!profiling) return;
  profiling = false;
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

const adapters = new Set();
let gc = null;
if (noCsrBuffer) {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  const { Adapter, SessionAwareAdapter } = require('socket.io-adapter');
  SessionAwareAdapter.prototype.broadcast = function (packet, opts) {
    return Adapter.prototype.broadcast.call(this, packet, opts);
  };
}
if (memoryDir) {
  v8.setFlagsFromString('--expose-gc');
  gc = vm.runInNewContext('gc');
  // The same module instance socket.io itself loads (hoisted in node_modules).
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  const { SessionAwareAdapter } = require('socket.io-adapter');
  const broadcast = SessionAwareAdapter.prototype.broadcast;
  SessionAwareAdapter.prototype.broadcast = function (packet, opts) {
    adapters.add(this);
    return broadcast.call(this, packet, opts);
  };
}
const loopDelay = memoryDir ? monitorEventLoopDelay({ resolution: 5 }) : null;
const gcPauses = [];
const gcObserver = memoryDir
  ? new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcPauses.push(e.duration);
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
  const sortedPauses = [...gcPauses].sort((a, b) => a - b);
  const eventLoop = {
    event_loop_delay_p50_ms: ms(loopDelay.percentile(50)),
    event_loop_delay_p99_ms: ms(loopDelay.percentile(99)),
    event_loop_delay_max_ms: ms(loopDelay.max),
    gc_pauses: gcPauses.length,
    gc_total_ms: Math.round(gcPauses.reduce((a, b) => a + b, 0)),
    gc_max_ms: Math.round((sortedPauses[sortedPauses.length - 1] ?? 0) * 10) / 10,
    gc_over_10ms: gcPauses.filter((d) => d > 10).length,
  };
  gc();
  const before = process.memoryUsage();
  let packets = 0;
  let jsonBytes = 0;
  for (const a of adapters) {
    packets += a.packets.length;
    for (const p of a.packets) jsonBytes += JSON.stringify(p.data).length;
    a.packets.length = 0;
  }
  gc();
  const after = process.memoryUsage();
  const mb = (x) => Math.round((x / 1048576) * 10) / 10;
  mkdirSync(memoryDir, { recursive: true });
  writeFileSync(
    path.join(memoryDir, `probe-${process.pid}.json`),
    JSON.stringify({
      ...eventLoop,
      csr_packets: packets,
      csr_packets_json_mb: mb(jsonBytes),
      heap_used_mb_before: mb(before.heapUsed),
      heap_used_mb_after_emptying: mb(after.heapUsed),
      heap_freed_mb: mb(before.heapUsed - after.heapUsed),
      rss_mb_before: mb(before.rss),
      rss_mb_after: mb(after.rss),
    }),
  );
};

if (profileDir || memoryDir) {
  process.on('SIGUSR2', () => {
    signals += 1;
    if (signals === 1) {
      if (memoryDir) startProbe();
      if (session) {
        profiling = true;
        session.post('Profiler.start');
      }
    } else if (signals === 2) {
      stopProfile();
      if (memoryDir) probeMemory();
    }
  });
  process.once('exit', stopProfile);
}
