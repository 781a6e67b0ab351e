// Prints the gzip size of the JS the /j/:token page loads before the call starts: the entry chunk
// and everything it imports statically (not the lazy call, board or facilitator chunks).
// Usage (after `npx vite build --config client/vite.config.ts`):
//   node client/scripts/join-bundle-size.mjs [budgetKb]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budgetKb = Number(process.argv[2] ?? 150);
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
if (!entry) throw new Error('No module entry in client/dist/index.html');

const seen = new Set();
const queue = [entry];
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(path.join(dist, file), 'utf8');
  // Static imports only: `import … from "./x.js"` / `import "./x.js"`, never `import("./x.js")`.
  for (const m of code.matchAll(
    /(?:^|[;\n}])\s*import\s*(?:[^"'()]*?from\s*)?["'](\.\/[^"']+)["']/g,
  )) {
    queue.push(path.posix.join(path.posix.dirname(file), m[1]));
  }
}

let total = 0;
for (const file of [...seen].sort()) {
  const size = gzipSync(readFileSync(path.join(dist, file))).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} kB  ${file}`);
}
const kb = total / 1024;
console.log(
  `${kb.toFixed(1).padStart(7)} kB  total gzip for /j/:token before the call (budget ${budgetKb} kB)`,
);
if (kb > budgetKb) process.exitCode = 1;
