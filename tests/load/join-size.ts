/**
 * The client's own figure: the gzip size of the JavaScript the join page needs before the call
 * starts. That is the entry script of index.html, its modulepreload links, everything they import
 * statically, and (if the router loads the join feature lazily) the join feature's chunk with its
 * static imports. Dynamic import() targets (the call code, the room) are not counted.
 *
 * By default the client is built afresh into a temporary directory (so the figure is the current
 * source's and client/dist is left alone); when that build fails, client/dist is measured instead
 * and the failure is reported.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface JoinSize {
  kb: number | null;
  files: { file: string; bytes: number; gzipBytes: number }[];
  /** Where the measured build came from. */
  source: string;
  buildError: string | null;
}

/** Static import specifiers of an ES module (import ... from "x", import "x", export ... from "x"). */
export function staticImports(code: string): string[] {
  const out = new Set<string>();
  const patterns = [/\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g];
  for (const re of patterns) for (const m of code.matchAll(re)) out.add(m[1]!);
  return [...out];
}

/** The entry scripts and modulepreload links of a built index.html (paths as written). */
export function htmlScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) out.push(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0]);
    if (href) out.push(href[1]!);
  }
  return out;
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}

/** Measures a built client directory. */
export function measureDist(dist: string): Omit<JoinSize, 'source' | 'buildError'> {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const toFile = (ref: string, from: string) =>
    ref.startsWith('/') ? path.join(dist, ref) : path.resolve(path.dirname(from), ref);
  const queue = htmlScripts(html)
    .filter((s) => /\.m?js(\?|$)/.test(s))
    .map((s) => toFile(s.split('?')[0]!, path.join(dist, 'index.html')));

  // A join feature the router loads lazily is still needed before the call: add its chunk.
  const manifestPath = path.join(dist, '.vite', 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<
      string,
      ManifestChunk
    >;
    for (const c of Object.values(manifest)) {
      if (c.isDynamicEntry && c.src && /(^|\/)src\/features\/join\//.test(c.src)) {
        queue.push(path.join(dist, c.file));
      }
    }
  }

  const seen = new Set<string>();
  const files: JoinSize['files'] = [];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const buf = readFileSync(file);
    files.push({
      file: path.relative(dist, file),
      bytes: buf.length,
      gzipBytes: gzipSync(buf, { level: 9 }).length,
    });
    for (const spec of staticImports(buf.toString('utf8'))) {
      if (spec.startsWith('.') || spec.startsWith('/')) queue.push(toFile(spec, file));
    }
  }
  const total = files.reduce((n, f) => n + f.gzipBytes, 0);
  return { kb: files.length ? total / 1024 : null, files };
}

/** Builds the client into a temporary directory (or uses client/dist) and measures it. */
export function joinPageSize(opts: { build: boolean; timeoutMs?: number }): JoinSize {
  const dist = path.join(ROOT, 'client', 'dist');
  let buildError: string | null = null;
  if (opts.build) {
    const out = mkdtempSync(path.join(tmpdir(), 'cg-bench-client-'));
    try {
      const r = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
          'build',
          '--config',
          'client/vite.config.ts',
          '--outDir',
          out,
          '--emptyOutDir',
          '--manifest',
          '--logLevel',
          'error',
        ],
        { cwd: ROOT, encoding: 'utf8', timeout: opts.timeoutMs ?? 120_000, env: process.env },
      );
      if (r.status === 0 && existsSync(path.join(out, 'index.html'))) {
        return { ...measureDist(out), source: 'fresh build of client/ (vite build)', buildError };
      }
      // Keep the first meaningful line of the error, without terminal colours.
      const text = `${r.stderr ?? ''}\n${r.stdout ?? ''}${r.error ? `\n${r.error.message}` : ''}`
        // eslint-disable-next-line no-control-regex
        .replace(/\x1b\[[0-9;]*m/g, '');
      const line =
        text
          .split('\n')
          .map((l) => l.trim())
          .find((l) => /error|Could not|failed/i.test(l) && !/^at /.test(l)) ?? 'build failed';
      buildError = line.slice(0, 300);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  if (!existsSync(path.join(dist, 'index.html'))) {
    return { kb: null, files: [], source: 'none (no client/dist)', buildError };
  }
  const when = statSync(path.join(dist, 'index.html')).mtime.toISOString();
  return { ...measureDist(dist), source: `client/dist as built at ${when}`, buildError };
}
