/**
 * Summarises a V8 sampling heap profile (from `npm run bench -- --heap-prof DIR`): where the app
 * allocated during its main measured window, garbage included (what drives the scavenges), by
 * function: self, and inclusive of what it called.
 *
 *   node --import tsx tests/load/heap-summary.ts DIR/app-123.heapprofile [top=25]
 */
import { readFileSync } from 'node:fs';
import { frameLabel, type CallFrame } from './callFrame';

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: heap-summary.ts FILE.heapprofile [top]\n');
  process.exit(2);
}
const top = Number(process.argv[3] ?? 25);
const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };

const label = (n: HeapNode) => frameLabel(n.callFrame);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
/** Adds a node's allocations to its function, and to every distinct function on its stack. */
function walk(n: HeapNode, stack: string[]): number {
  const l = label(n);
  self.set(l, (self.get(l) ?? 0) + n.selfSize);
  let size = n.selfSize;
  for (const c of n.children) size += walk(c, [...stack, l]);
  if (!stack.includes(l)) inclusive.set(l, (inclusive.get(l) ?? 0) + size);
  return size;
}
const total = walk(head, []);

const mb = (b: number) => (b / 1048576).toFixed(1).padStart(7);
const share = (b: number) => `${((b / total) * 100).toFixed(1)}%`.padStart(6);
process.stdout.write(`allocated: ${(total / 1048576).toFixed(1)} MB sampled\n\n`);
process.stdout.write('self (top functions):\n');
for (const [l, b] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(`${mb(b)} MB ${share(b)}  ${l}\n`);
}
process.stdout.write('\ninclusive (project functions):\n');
for (const [l, b] of [...inclusive]
  .filter(([l]) => /(server|shared)\/|node_modules\/(socket\.io|engine\.io|ws|immer)/.test(l))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)) {
  process.stdout.write(`${mb(b)} MB ${share(b)}  ${l}\n`);
}
