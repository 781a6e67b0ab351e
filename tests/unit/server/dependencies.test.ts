// The view encoder (server/src/realtime/viewEncoder.ts) replaces the encoder of socket.io's own
// parser: it must be the very copy socket.io loads, at the version package.json pins.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(path.join(ROOT, 'package.json'));
const readJson = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')) as {
    version: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

describe('package.json', () => {
  it('pins socket.io-parser to the copy socket.io itself loads', () => {
    const ours = require.resolve('socket.io-parser');
    const theirs = createRequire(require.resolve('socket.io')).resolve('socket.io-parser');
    expect(theirs).toBe(ours);
    const pkg = readJson(path.join(ROOT, 'package.json'));
    const installed = readJson(path.join(path.dirname(ours), '..', '..', 'package.json'));
    expect(pkg.dependencies?.['socket.io-parser']).toBe(installed.version);
  });

  it('keeps the browser-only packages out of the runtime dependencies', () => {
    const pkg = readJson(path.join(ROOT, 'package.json'));
    for (const name of [
      'react',
      'react-dom',
      'livekit-client',
      'socket.io-client',
      'i18next',
      'react-i18next',
    ]) {
      expect(pkg.dependencies?.[name], name).toBeUndefined();
      expect(pkg.devDependencies?.[name], name).toBeDefined();
    }
  });
});
