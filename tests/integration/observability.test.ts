import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLiveKitGateway } from '../../server/src/livekit/gateway';
import {
  connect,
  createMeeting,
  startTestServer,
  type Client,
  type ScriptedMeeting,
  type TestServer,
} from '../support/server';

const NAMES = ['Philippa Quennell', 'Dr Octavia Brightwater'];

/** The value of one sample line (`name{labels} value`) of a Prometheus text exposition. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The access log lines (http/accessLog.ts) among the captured log lines. */
function accessLines(s: TestServer): Record<string, unknown>[] {
  return s.logLines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.event === 'http.request');
}

describe('observability: /metrics and the access log hold no names, ids or tokens', () => {
  let s: TestServer;
  let m: ScriptedMeeting;
  const clients: Client[] = [];
  beforeAll(async () => {
    s = await startTestServer({ livekit: createFakeLiveKitGateway() });
    m = await createMeeting(s, [
      { key: 'patient', name: NAMES[0]!, party: 'patient', role: 'patient' },
      { key: 'clinician', name: NAMES[1]!, party: 'hcw', role: 'hcw' },
    ]);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await s.close();
  });

  it('serves the default metrics and the command, rejection and fsync metrics', async () => {
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    const pat = await connect(s, { invite: m.people.patient!.token });
    clients.push(fac, pat);
    expect(await pat.command({ type: 'lobby.join' })).toMatchObject({ ok: true });
    expect(
      await fac.command({ type: 'lobby.admit', memberId: m.people.patient!.id }),
    ).toMatchObject({ ok: true });
    // Refused: only a facilitator starts the meeting.
    expect(await pat.command({ type: 'meeting.start' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await s.app.rooms.idle();

    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();

    // prom-client's process and event-loop defaults.
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('nodejs_heap_size_used_bytes');
    // The two gauges kept from before.
    expect(sample(text, 'cg_live_meetings')).toBe(1);
    expect(sample(text, 'cg_connected_sockets')).toBe(2);
    // Commands by type (accepted or refused), refusals by code, ack and fsync times.
    expect(sample(text, 'cg_commands_total{type="lobby.join"}')).toBe(1);
    expect(sample(text, 'cg_commands_total{type="lobby.admit"}')).toBe(1);
    expect(sample(text, 'cg_commands_total{type="meeting.start"}')).toBe(1);
    expect(sample(text, 'cg_command_rejections_total{code="FORBIDDEN"}')).toBe(1);
    expect(sample(text, 'cg_command_ack_seconds_count{type="lobby.admit"}')).toBe(1);
    expect(sample(text, 'cg_command_ack_seconds_bucket{le="+Inf",type="lobby.join"}')).toBe(1);
    // Refused commands are not acknowledged after a write: no ack time for them.
    expect(text).not.toContain('cg_command_ack_seconds_count{type="meeting.start"}');
    // Connecting the two people were commands too (system.connect), each written and synced.
    expect(sample(text, 'cg_commands_total{type="system.connect"}')).toBe(2);
    expect(sample(text, 'cg_fsync_seconds_count')).toBeGreaterThanOrEqual(1);

    // No meeting id, member id, case id, name or token anywhere.
    const people = Object.values(m.people);
    for (const needle of [
      m.meetingId,
      m.caseId,
      s.facilitator.id,
      ...people.flatMap((p) => [p.id, p.token, p.invite.id]),
      ...NAMES,
      'Quennell',
    ]) {
      expect(text, needle).not.toContain(needle);
    }
  });

  it('logs each request by its route pattern, never by its path or query', async () => {
    const token = m.people.clinician!.token;
    s.logLines.length = 0;
    await fetch(`${s.url}/j/${token}?from=${token}`);
    const invite = await fetch(`${s.url}/api/invite/${encodeURIComponent(token)}`);
    expect(invite.status).toBe(200);
    // A token that does not work goes through the error handler: still the pattern.
    const bad = await fetch(`${s.url}/api/invite/not-a-real-token-XYZ123`);
    expect(bad.ok).toBe(false);
    await fetch(`${s.url}/healthz`);

    const lines = accessLines(s);
    expect(lines).toHaveLength(4);
    const [page, ok, refused, health] = lines;
    // The page itself: the client's index.html when it is built, else nothing matched.
    expect(['spa', 'unmatched']).toContain(page!.route);
    expect(page).toMatchObject({ method: 'GET', level: 'debug' });
    expect(ok).toMatchObject({ route: '/api/invite/:token', status: 200, level: 'info' });
    expect(refused).toMatchObject({ route: '/api/invite/:token', status: bad.status });
    expect(health).toMatchObject({ route: '/healthz', status: 200, level: 'debug' });
    for (const l of lines) {
      expect(typeof l.ms).toBe('number');
      expect(Object.keys(l).sort()).toEqual([
        'event',
        'level',
        'method',
        'ms',
        'route',
        'status',
        't',
      ]);
    }

    const logs = s.logLines.join('\n');
    for (const needle of [token, encodeURIComponent(token), 'XYZ123', 'from=']) {
      expect(logs, needle).not.toContain(needle);
    }
  });
});
