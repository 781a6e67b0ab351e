// When the disk fails an fsync, nothing more is acknowledged: the command that was waiting for it
// and every later one are answered with an error, and /readyz says the store is not ready.
import { fdatasync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fdatasync } from '../../server/src/store/commandLog';
import { connect, createMeeting, startTestServer, type TestServer } from '../support/server';

describe('a failed fsync', () => {
  let s: TestServer | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  it('stops acknowledging commands and makes /readyz answer 503', async () => {
    let disk: 'ok' | 'failing' = 'ok';
    const sync: Fdatasync = (fd, done) =>
      disk === 'ok' ? fdatasync(fd, done) : done(Object.assign(new Error('EIO'), { code: 'EIO' }));
    s = await startTestServer({ fdatasync: sync });
    const server = s;
    const ready = async () => {
      const res = await fetch(`${server.url}/readyz`);
      return { status: res.status, body: (await res.json()) as { store: boolean } };
    };
    expect(await ready()).toMatchObject({ status: 200, body: { store: true } });

    const m = await createMeeting(s, [
      { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
    ]);
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    try {
      expect(await fac.command({ type: 'lobby.lock', locked: true })).toMatchObject({ ok: true });

      disk = 'failing';
      const internal = { ok: false, error: { code: 'INTERNAL' } };
      expect(await fac.command({ type: 'lobby.lock', locked: false })).toMatchObject(internal);
      expect(await ready()).toMatchObject({ status: 503, body: { store: false } });
      // Refused from now on, even once the disk answers again: only a restart recovers.
      disk = 'ok';
      expect(await fac.command({ type: 'lobby.lock', locked: true })).toMatchObject(internal);
      expect(s.logLines.some((l) => l.includes('"store.sync.failed"') && l.includes('EIO'))).toBe(
        true,
      );
    } finally {
      fac.close();
    }
  });
});
