import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What a meeting's actor reports (RoomActor.apply). Labels are command types and error codes
 * only: fixed sets from the protocol, never a meeting id, a member id, a name or a token.
 */
export interface CommandMetrics {
  /** A command was decided (accepted or refused). */
  decided(type: string): void;
  /** A command was refused with this error code. */
  rejected(code: string): void;
  /** An accepted command was acknowledged, this many seconds after its apply began. */
  acked(type: string, seconds: number): void;
}

/** What the command log reports (CommandLog): how long each fdatasync of its file took. */
export interface SyncMetrics {
  synced(seconds: number): void;
}

/** Where the two gauges read their values, at scrape time only. */
export interface MetricSources {
  liveMeetings(): number;
  connectedSockets(): number;
}

/** One app's metrics: its own registry (tests build several apps in one process). */
export interface AppMetrics {
  registry: Registry;
  commands: CommandMetrics;
  sync: SyncMetrics;
  /** The Prometheus text exposition of every metric (GET /metrics). */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Seconds, from half a millisecond (an in-memory command) to seconds (a disk in trouble). */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5];

/**
 * The child of a labelled metric for one label value, looked up once and kept: the hot path
 * (every command) then costs one Map lookup and an add, not a label object hashed each time.
 */
function perLabel<T>(make: (value: string) => T): (value: string) => T {
  const children = new Map<string, T>();
  return (value) => {
    let child = children.get(value);
    if (!child) {
      child = make(value);
      children.set(value, child);
    }
    return child;
  };
}

/**
 * Builds the app's Prometheus metrics on a registry of its own. The process and event-loop
 * defaults (prom-client's collectDefaultMetrics, which starts an event-loop delay monitor) begin
 * at the first scrape, so building an app starts nothing.
 */
export function createMetrics(sources: MetricSources): AppMetrics {
  const registry = new Registry();
  let defaults = false;

  new Gauge({
    name: 'cg_live_meetings',
    help: 'Meetings loaded in this process.',
    registers: [registry],
    collect() {
      this.set(sources.liveMeetings());
    },
  });
  new Gauge({
    name: 'cg_connected_sockets',
    help: 'Open Socket.IO connections.',
    registers: [registry],
    collect() {
      this.set(sources.connectedSockets());
    },
  });
  const commandSeconds = new Histogram({
    name: 'cg_command_ack_seconds',
    help: 'From the start of applying an accepted command to its acknowledgement (on the disk).',
    labelNames: ['type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const commandsTotal = new Counter({
    name: 'cg_commands_total',
    help: 'Room commands decided, accepted or refused, by command type.',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const rejectionsTotal = new Counter({
    name: 'cg_command_rejections_total',
    help: 'Room commands refused, by error code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const fsyncSeconds = new Histogram({
    name: 'cg_fsync_seconds',
    help: 'One fdatasync of the command log (shared by the commands written while it waited).',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  const ackOf = perLabel((type) => commandSeconds.labels(type));
  const countOf = perLabel((type) => commandsTotal.labels(type));
  const rejectOf = perLabel((code) => rejectionsTotal.labels(code));

  return {
    registry,
    commands: {
      decided: (type) => countOf(type).inc(),
      rejected: (code) => rejectOf(code).inc(),
      acked: (type, seconds) => ackOf(type).observe(seconds),
    },
    sync: { synced: (seconds) => fsyncSeconds.observe(seconds) },
    async render() {
      if (!defaults) {
        defaults = true;
        collectDefaultMetrics({ register: registry });
      }
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
