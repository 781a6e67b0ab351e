/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof DIR`): the functions with the most
 * self time, and the total time under chosen functions (inclusive).
 *
 *   node --import tsx tests/load/profile-summary.ts DIR/app-123.cpuprofile [top=25]
 */
import { readFileSync } from 'node:fs';
import { frameLabel, type CallFrame } from './callFrame';

interface Node {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: profile-summary.ts FILE.cpuprofile [top]\n');
  process.exit(2);
}
const top = Number(process.argv[3] ?? 25);
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the samples and their time deltas (µs).
const selfUs = new Map<number, number>();
for (let i = 0; i < p.samples.length; i++) {
  const id = p.samples[i]!;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const label = (n: Node) => frameLabel(n.callFrame);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  self.set(label(n), (self.get(label(n)) ?? 0) + us);
  // Inclusive: count each distinct function once per stack.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + us);
  }
}

const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const share = (us: number) => `${((us / total) * 100).toFixed(1)}%`.padStart(6);
const idle = self.get('(idle)') ?? 0;
process.stdout.write(
  `profile: ${(total / 1e6).toFixed(1)} s sampled, ${(((total - idle) / total) * 100).toFixed(1)}% not idle\n\n`,
);
process.stdout.write('self time (top functions):\n');
for (const [l, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(`${ms(us)} ms ${share(us)}  ${l}\n`);
}
process.stdout.write('\ninclusive time (project functions):\n');
for (const [l, us] of [...inclusive]
  .filter(([l]) =>
    /(server|shared)\/|node_modules\/(socket\.io|engine\.io|ws|better-sqlite3)/.test(l),
  )
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)) {
  process.stdout.write(`${ms(us)} ms ${share(us)}  ${l}\n`);
}
