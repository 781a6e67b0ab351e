/** The distributed run's lines in the table and its figures in the JSON line (bench.ts). */
import type { DistributedResult } from './distributed';
import type { FailoverFigures } from './distributed-stats';
import type { LevelResult } from './harness';
import { formatTable, round } from './stats';

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '-');
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

export interface LoadAvg {
  start: number;
  end: number;
}

function failoverRow(name: string, f: FailoverFigures) {
  return [
    name,
    f.meetings,
    f.converged,
    f.meetings - f.converged,
    f1(f.ms.p50),
    f1(f.ms.p99),
    f1(f.ms.max),
  ];
}

export function distributedLines(d: DistributedResult, embedded: LevelResult, load: LoadAvg) {
  const row = (mode: string, l: LevelResult) => [
    mode,
    l.meetings,
    l.latency.count,
    f1(l.latency.p50),
    f1(l.latency.p95),
    f1(l.latency.p99),
    f1(l.latency.max),
    f1(l.ack.p50),
    pct(l.serverCpu),
    f1(l.rssKb / 1024),
    sum(l.rejected),
    sum(l.errors) + l.disconnects,
  ];
  const l = d.level;
  return [
    `Distributed (two app nodes, PostgreSQL, Redis; each meeting's sockets alternate between the nodes), load average ${f1(load.start)} -> ${f1(load.end)}:`,
    formatTable([
      [
        'mode',
        'meetings',
        'commands',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'ack p50',
        'srv CPU',
        'RSS MB',
        'rejected',
        'errors',
      ],
      row('embedded', embedded),
      row('distributed', l),
      row('failover window', d.failoverLevel),
    ]),
    `Per node (distributed window): ${l.perNode.map((n) => `${n.name} CPU ${pct(n.cpu)}, RSS ${f1(n.rssKb / 1024)} MB`).join('; ')}.`,
    `Failover: ${d.killed} killed with SIGKILL ${(d.killAfterMs / 1000).toFixed(1)} s into the window; meetings run by each node then: ${Object.entries(
      d.ownersAtKill,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}. Time from the kill to every client of a meeting back on one version:`,
    formatTable([
      ['meetings run by', 'meetings', 'back', 'never', 'p50 ms', 'p99 ms', 'max ms'],
      failoverRow(`${d.killed} (killed)`, d.failoverOwned),
      failoverRow(`${d.survivor} (survived)`, d.failoverOthers),
    ]),
  ];
}

export function distributedJson(d: DistributedResult, load: LoadAvg) {
  const l = d.level;
  return {
    distributed_meetings: l.meetings,
    distributed_p50_ms: round(l.latency.p50),
    distributed_p95_ms: round(l.latency.p95),
    distributed_p99_ms: round(l.latency.p99),
    distributed_ack_p50_ms: round(l.ack.p50),
    distributed_errors: sum(l.errors) + l.disconnects,
    distributed_nodes: l.perNode.map((n) => ({
      name: n.name,
      cpu_pct: round(n.cpu * 100, 1),
      rss_mb: round(n.rssKb / 1024, 1),
    })),
    failover_ms_p50: round(d.failoverOwned.ms.p50, 0),
    failover_ms_max: round(d.failoverOwned.ms.max, 0),
    failover_meetings: d.failoverOwned.meetings,
    failover_not_converged: d.failoverOwned.meetings - d.failoverOwned.converged,
    failover_survivor_meetings_ms_p50: round(d.failoverOthers.ms.p50, 0),
    failover_survivor_meetings_ms_max: round(d.failoverOthers.ms.max, 0),
    failover_window_p99_ms: round(d.failoverLevel.latency.p99),
    distributed_load_avg_1m: { start: round(load.start, 2), end: round(load.end, 2) },
  };
}
