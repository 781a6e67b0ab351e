// The app's Prometheus metrics (server/src/metrics.ts): one registry per app, labels from fixed
// sets only, and the process defaults started by the first scrape, not by building an app.
import { register } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../server/src/metrics';

const sources = (live = 0, sockets = 0) => ({
  liveMeetings: () => live,
  connectedSockets: () => sockets,
});

describe('createMetrics', () => {
  it('builds any number of apps in one process, each with its own registry', async () => {
    const a = createMetrics(sources(2, 5));
    const b = createMetrics(sources(7, 1));
    a.commands.decided('floor.pass');
    a.commands.decided('floor.pass');
    b.commands.decided('lobby.join');
    const ta = (await a.render()).body;
    const tb = (await b.render()).body;
    expect(ta).toContain('cg_commands_total{type="floor.pass"} 2');
    expect(ta).not.toContain('lobby.join');
    expect(tb).toContain('cg_commands_total{type="lobby.join"} 1');
    expect(ta).toContain('cg_live_meetings 2');
    expect(ta).toContain('cg_connected_sockets 5');
    expect(tb).toContain('cg_live_meetings 7');
    // Nothing lands on prom-client's global registry.
    expect((await register.metrics()).trim()).toBe('');
  });

  it('counts refusals by code and records ack and fsync times in seconds', async () => {
    const m = createMetrics(sources());
    m.commands.rejected('FORBIDDEN');
    m.commands.acked('board.propose', 0.003);
    m.commands.acked('board.propose', 0.3);
    m.sync.synced(0.0015);
    const { body, contentType } = await m.render();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('cg_command_rejections_total{code="FORBIDDEN"} 1');
    expect(body).toContain('cg_command_ack_seconds_bucket{le="0.005",type="board.propose"} 1');
    expect(body).toContain('cg_command_ack_seconds_bucket{le="0.5",type="board.propose"} 2');
    expect(body).toContain('cg_command_ack_seconds_count{type="board.propose"} 2');
    expect(body).toContain('cg_fsync_seconds_bucket{le="0.002"} 1');
    expect(body).toContain('cg_fsync_seconds_count 1');
  });

  it('starts the process and event-loop defaults at the first scrape', async () => {
    const m = createMetrics(sources());
    expect((await m.registry.metrics()).includes('nodejs_eventloop_lag_seconds')).toBe(false);
    const first = (await m.render()).body;
    expect(first).toContain('nodejs_eventloop_lag_seconds');
    expect(first).toContain('process_cpu_user_seconds_total');
    // A second scrape does not register them again (that would throw).
    expect((await m.render()).body).toContain('process_resident_memory_bytes');
  });
});
