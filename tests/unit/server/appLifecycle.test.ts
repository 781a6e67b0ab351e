// createApp builds without starting anything that runs by itself; start() starts the timers and
// the checkpoint thread, and close() stops what start() started.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../server/src/app';
import { loadConfig } from '../../../server/src/config';
import { createFakeLiveKitGateway } from '../../../server/src/livekit/gateway';
import { createLogger } from '../../../server/src/logger';
import { openDb } from '../../../server/src/store/db';

/** Intervals set and not cleared since the spies were installed (unref'd ones included). */
function watchIntervals() {
  const live = new Set<unknown>();
  const set = setInterval;
  const clear = clearInterval;
  vi.spyOn(globalThis, 'setInterval').mockImplementation(((fn: () => void, ms?: number) => {
    const t = set(fn, ms);
    live.add(t);
    return t;
  }) as typeof setInterval);
  vi.spyOn(globalThis, 'clearInterval').mockImplementation(((t?: NodeJS.Timeout) => {
    live.delete(t);
    clear(t);
  }) as typeof clearInterval);
  return () => live.size;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('App lifecycle', () => {
  it('createApp starts no timer or thread; start() does; close() stops them', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cg-app-'));
    const db = openDb(dataDir);
    const timers = watchIntervals();
    const app = await createApp({
      config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      db,
      livekit: createFakeLiveKitGateway(),
      logger: createLogger('silent'),
    });
    expect(timers()).toBe(0);
    // Nothing copies the write-ahead log yet: automatic checkpoints are still on.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(0);

    app.start();
    // The purge, the socket sweep, the media sweep and the eviction sweep.
    expect(timers()).toBe(4);
    // The checkpoint thread took over the copying.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    app.start();
    expect(timers()).toBe(4);

    await app.close();
    expect(timers()).toBe(0);
    db.close();
  });
});
