// Diagnostics preloaded into the app process by the benchmark through NODE_OPTIONS (--import;
// Node 20 refuses --cpu-prof there). Plain JavaScript: it loads before tsx. It changes nothing in
// the app unless a signal asks for it.
//
// CG_CPU_PROFILE_DIR (npm run bench -- --cpu-prof DIR): the first SIGUSR2 starts the V8 sampling
//   profiler, the second stops it and writes DIR/app-<pid>-<n>.cpuprofile, so the benchmark
//   profiles exactly its main measured window.
// CG_MEMORY_PROBE_DIR (npm run bench -- --probe-memory DIR): at the second SIGUSR2, measures how
//   much heap Socket.IO's connection-state-recovery packet buffer holds: a full GC, the heap, then
//   the buffer emptied (the app never reads it again in a benchmark: nobody reconnects), another
//   GC and the heap again. Writes DIR/memory-<pid>.json.
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

const profileDir = process.env.CG_CPU_PROFILE_DIR;
const memoryDir = process.env.CG_MEMORY_PROBE_DIR;
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
const probeMemory = () => {
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
    path.join(memoryDir, `memory-${process.pid}.json`),
    JSON.stringify({
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
    if (signals === 1 && session) {
      profiling = true;
      session.post('Profiler.start');
    } else if (signals === 2) {
      stopProfile();
      if (memoryDir) probeMemory();
    }
  });
  process.once('exit', stopProfile);
}
