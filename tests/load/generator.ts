/**
 * One load-generator process (forked by bench.ts, several of them, so the generator is not the
 * bottleneck and its CPU is counted apart from the server's). It owns a slice of the meetings:
 * their five sockets each, the admission before the timed phase, and the scripted commands during
 * it. For every accepted command it measures the time from the emit to the moment every OTHER
 * participant of the meeting holds a 'room:view' whose version is at least the acked version.
 *
 * Talks to its parent over IPC (advanced serialization): see GeneratorRequest / GeneratorReply.
 */
import { performance } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { RoomView } from '../../shared/room/views';
import { nodeFor } from './distributed-stats';
import { INVITEES, nextStep, PEOPLE, type PersonKey, type ScriptContext } from './script';

export interface MeetingSpec {
  meetingId: string;
  ids: Record<PersonKey, string>;
  /** Invite tokens of the four invitees (empty for the baseline). */
  tokens: Partial<Record<PersonKey, string>>;
}

export type Target = 'app' | 'baseline';

/**
 * A node is about to be killed mid-run: sockets on `killUrl` that drop reconnect to `liveUrl`
 * (as a browser behind a proxy would reach the surviving node), and each meeting whose sockets
 * dropped reports when all five were back on one version (RunResult.converged).
 */
export interface Failover {
  killUrl: string;
  liveUrl: string;
  /** How long a dropped socket keeps trying to reconnect. */
  timeoutMs: number;
}

export type GeneratorRequest =
  | {
      type: 'setup';
      target: Target;
      /** The target's servers: the sockets of a meeting alternate between them (nodeFor). */
      urls: string[];
      cookie: string;
      meetings: MeetingSpec[];
    }
  | {
      type: 'run';
      /** Epoch ms at which the first commands go out (all generators share it). */
      startAt: number;
      warmupMs: number;
      measureMs: number;
      /** Commands per meeting per second. */
      rate: number;
      /** How many of this generator's meetings run the script (the others stay connected, idle). */
      active: number;
      failover?: Failover;
    }
  | { type: 'close' };

export interface RunResult {
  type: 'result';
  latencies: Float64Array;
  /** When each of `latencies` was emitted: ms since the measured window began. */
  emittedAt: Float64Array;
  ackLatencies: Float64Array;
  byType: Record<string, number[]>;
  sent: number;
  accepted: number;
  rejected: Record<string, number>;
  errors: Record<string, number>;
  /** Commands that went out more than 50 ms after their scheduled time. */
  late: number;
  viewBytes: { sum: number; count: number };
  disconnects: number;
  /** With a failover: each disturbed meeting and when (epoch ms) it was back on one version. */
  converged: [string, number | null][];
}

export type GeneratorReply =
  | { type: 'ready' }
  | { type: 'setupDone'; meetings: number; failed: number; errors: string[]; viewBytes: number }
  | RunResult
  | { type: 'fatal'; message: string };

/** CG_BENCH_DEBUG=1: after a failover, print what each meeting that did not come back holds. */
const DEBUG = !!process.env.CG_BENCH_DEBUG;
const COMMAND_TIMEOUT_MS = 10_000;
const VIEW_TIMEOUT_MS = 10_000;
const RING = 64;

type Waiter = { version: number; resolve: (t: number) => void };

/** One participant's socket and what it has received. */
class Person {
  socket!: Socket;
  /** The server this socket is on, and how it signs in (to reconnect after a failover). */
  url = '';
  auth: Record<string, unknown> = {};
  cookie: string | undefined;
  /** A view arrived on the current socket (after a reconnect: the server answered). */
  fresh = false;
  /** Versions received on the surviving node (CG_BENCH_DEBUG only). */
  seen: number[] = [];
  latest: RoomView | null = null;
  lastVersion = -1;
  private versions = new Float64Array(RING);
  private times = new Float64Array(RING);
  private n = 0;
  private waiters: Waiter[] = [];

  received(view: { version: number }, t: number): void {
    if (view.version <= this.lastVersion) return;
    this.lastVersion = view.version;
    const i = this.n++ % RING;
    this.versions[i] = view.version;
    this.times[i] = t;
    if (this.waiters.length) {
      const still: Waiter[] = [];
      for (const w of this.waiters) {
        if (view.version >= w.version) w.resolve(t);
        else still.push(w);
      }
      this.waiters = still;
    }
  }

  /** When this socket first held a view of at least `version` (waits for it; rejects on timeout). */
  arrival(version: number): Promise<number> {
    if (this.lastVersion >= version) {
      let best = NaN;
      const from = Math.max(0, this.n - RING);
      for (let k = this.n - 1; k >= from; k--) {
        const i = k % RING;
        if (this.versions[i]! >= version) best = this.times[i]!;
        else break;
      }
      return Promise.resolve(Number.isNaN(best) ? this.times[(this.n - 1) % RING]! : best);
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        version,
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error('VIEW_TIMEOUT'));
      }, VIEW_TIMEOUT_MS);
      this.waiters.push(w);
    });
  }
}

interface Meeting {
  spec: MeetingSpec;
  people: Record<PersonKey, Person>;
  ctx: ScriptContext;
  pos: number;
  /** A socket of it dropped in a failover; when it was back on one version (epoch ms). */
  disturbed: boolean;
  convergedAt: number | null;
}

let target: Target = 'app';
let urls: string[] = [];
/** Meetings set up so far in this process (which node each person's socket goes to). */
let meetingSeq = 0;
let failover: Failover | null = null;
const meetings: Meeting[] = [];
let disconnects = 0;
let running = false;
const viewBytes = { sum: 0, count: 0 };
let viewCounter = 0;
let cmdSeq = 0;

function send(msg: GeneratorReply): void {
  process.send?.(msg);
}

/**
 * After a failover, a meeting is back when every socket of it is connected and answered, all hold
 * the same version, and that version shows every member connected (the new owner counted
 * everyone in).
 */
function checkConverged(m: Meeting): void {
  if (!m.disturbed || m.convergedAt !== null) return;
  const ps = PEOPLE.map((k) => m.people[k]);
  if (!ps.every((p) => p.socket.connected && p.fresh)) return;
  const v = ps[0]!.lastVersion;
  if (!ps.every((p) => p.lastVersion === v)) return;
  const view = m.people.facilitator.latest;
  if (target === 'app' && !(view?.version === v && view.members.every((x) => x.connected))) return;
  m.convergedAt = Date.now();
}

/** A dropped socket of a killed node: reconnect to the surviving one until it answers. */
async function reconnect(m: Meeting, p: Person, f: Failover): Promise<void> {
  const end = Date.now() + f.timeoutMs;
  while (Date.now() < end) {
    try {
      await connectPerson(p, f.liveUrl, p.auth, p.cookie, m);
      return;
    } catch {
      p.socket.disconnect();
      await sleep(100);
    }
  }
}

function connectPerson(
  p: Person,
  to: string,
  auth: Record<string, unknown>,
  cookie: string | undefined,
  m: Meeting,
): Promise<void> {
  p.url = to;
  p.auth = auth;
  p.cookie = cookie;
  p.fresh = false;
  const socket = ioClient(to, {
    auth: { protocol: PROTOCOL_VERSION, ...auth },
    extraHeaders: cookie ? { cookie } : undefined,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  p.socket = socket;
  socket.on('room:view', (v: RoomView) => {
    const t = performance.now();
    if (target === 'app' && ++viewCounter % 16 === 0) {
      viewBytes.sum += Buffer.byteLength(JSON.stringify(v));
      viewBytes.count += 1;
    }
    const before = p.lastVersion;
    p.received(v, t);
    if (target === 'app' && v.version > before) p.latest = v;
    if (p.socket === socket) p.fresh = true;
    if (DEBUG && failover && p.url === failover.liveUrl) p.seen.push(v.version);
    checkConverged(m);
  });
  socket.on('disconnect', () => {
    if (running) disconnects += 1;
    const f = failover;
    if (f && running && p.socket === socket && p.url === f.killUrl) {
      m.disturbed = true;
      void reconnect(m, p, f);
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      resolve();
      checkConverged(m);
    });
    socket.once('connect_error', (e) => reject(new Error(`connect_error: ${e.message}`)));
  });
}

type Ack = { ok: boolean; data?: { version: number }; error?: { code: string; message?: string } };

function emitCommand(p: Person, command: object): Promise<Ack> {
  const id = `lg-${process.pid}-${++cmdSeq}`;
  return p.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('room:command', { id, command });
}

async function mustCommand(p: Person, command: object): Promise<number> {
  const ack = await emitCommand(p, command);
  if (!ack.ok) throw new Error(`${JSON.stringify(command)}: ${ack.error?.code}`);
  return ack.data!.version;
}

async function waitFirstView(p: Person): Promise<void> {
  await p.arrival(0);
}

async function setUpMeeting(spec: MeetingSpec, cookie: string): Promise<Meeting> {
  const people = Object.fromEntries(PEOPLE.map((k) => [k, new Person()])) as Record<
    PersonKey,
    Person
  >;
  const m: Meeting = {
    spec,
    people,
    ctx: { view: null, ids: spec.ids, memo: { phaseDir: 1, proposals: 0 } },
    pos: Math.floor(Math.random() * 5),
    disturbed: false,
    convergedAt: null,
  };
  const seq = meetingSeq++;
  const urlOf = (k: PersonKey) => urls[nodeFor(seq, PEOPLE.indexOf(k), urls.length)]!;
  if (target === 'baseline') {
    await Promise.all(
      PEOPLE.map((k) =>
        connectPerson(people[k], urlOf(k), { meetingId: spec.meetingId }, undefined, m),
      ),
    );
    await Promise.all(PEOPLE.map((k) => waitFirstView(people[k])));
    return m;
  }
  const f = people.facilitator;
  await connectPerson(f, urlOf('facilitator'), { meetingId: spec.meetingId }, cookie, m);
  await waitFirstView(f);
  await Promise.all(
    INVITEES.map((i) =>
      connectPerson(people[i.key], urlOf(i.key), { invite: spec.tokens[i.key] }, undefined, m),
    ),
  );
  await Promise.all(INVITEES.map((i) => waitFirstView(people[i.key])));
  await Promise.all(INVITEES.map((i) => mustCommand(people[i.key], { type: 'lobby.join' })));
  for (const i of INVITEES)
    await mustCommand(f, { type: 'lobby.admit', memberId: spec.ids[i.key] });
  const v = await mustCommand(f, { type: 'meeting.start' });
  await Promise.all(PEOPLE.map((k) => people[k].arrival(v)));
  return m;
}

async function setup(msg: Extract<GeneratorRequest, { type: 'setup' }>): Promise<GeneratorReply> {
  target = msg.target;
  urls = msg.urls;
  const errors: string[] = [];
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < msg.meetings.length) {
      const spec = msg.meetings[next++]!;
      try {
        meetings.push(await setUpMeeting(spec, msg.cookie));
      } catch (e) {
        failed += 1;
        if (errors.length < 5) errors.push(String((e as Error).message).slice(0, 200));
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const bytes = viewBytes.count ? viewBytes.sum / viewBytes.count : 0;
  return {
    type: 'setupDone',
    meetings: msg.meetings.length - failed,
    failed,
    errors,
    viewBytes: bytes,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function run(msg: Extract<GeneratorRequest, { type: 'run' }>): Promise<RunResult> {
  const origin = performance.now() + (msg.startAt - Date.now());
  const measureFrom = origin + msg.warmupMs;
  const endAt = measureFrom + msg.measureMs;
  const interval = 1000 / msg.rate;
  const latencies: number[] = [];
  const emittedAt: number[] = [];
  const ackLatencies: number[] = [];
  const byType: Record<string, number[]> = {};
  const rejected: Record<string, number> = {};
  const errors: Record<string, number> = {};
  let sent = 0;
  let accepted = 0;
  let late = 0;
  viewBytes.sum = 0;
  viewBytes.count = 0;
  disconnects = 0;
  failover = msg.failover ?? null;
  running = true;

  const loop = async (m: Meeting) => {
    let due = origin + Math.random() * interval;
    for (;;) {
      await sleep(due - performance.now());
      const t0 = performance.now();
      if (t0 >= endAt) return;
      if (t0 - due > 50) late += 1;
      m.ctx.view = target === 'app' ? m.people.facilitator.latest : null;
      const { step, next } = nextStep(m.ctx, m.pos);
      m.pos = next;
      const actor = m.people[step.actor];
      const measured = t0 >= measureFrom;
      try {
        if (!actor.socket.connected) throw new Error('DISCONNECTED');
        sent += 1;
        const ack = await emitCommand(actor, step.command);
        const tAck = performance.now();
        if (!ack.ok) {
          const code = `${step.command.type}:${ack.error?.code ?? '?'}`;
          rejected[code] = (rejected[code] ?? 0) + 1;
        } else {
          accepted += 1;
          const version = ack.data!.version;
          const others = PEOPLE.filter((k) => k !== step.actor).map((k) => m.people[k]);
          const arrivals = await Promise.all(others.map((p) => p.arrival(version)));
          // The actor's own view comes before its ack; wait for it too, so the next step reads it.
          await m.people[step.actor].arrival(version);
          if (measured) {
            const lat = Math.max(...arrivals) - t0;
            latencies.push(lat);
            emittedAt.push(t0 - measureFrom);
            ackLatencies.push(tAck - t0);
            (byType[step.command.type] ??= []).push(lat);
          }
        }
      } catch (e) {
        const code = String((e as Error).message).slice(0, 60);
        errors[code] = (errors[code] ?? 0) + 1;
      }
      due += interval * (1 + (Math.random() * 2 - 1) / 3);
      const now = performance.now();
      if (due < now) due = now;
    }
  };
  await Promise.all(meetings.slice(0, msg.active).map(loop));
  running = false;
  const converged: [string, number | null][] = meetings
    .filter((m) => m.disturbed)
    .map((m) => [m.spec.meetingId, m.convergedAt]);
  if (DEBUG)
    for (const m of meetings.filter((x) => x.disturbed && x.convergedAt === null))
      process.stderr.write(
        `not converged ${m.spec.meetingId}: ${PEOPLE.map((k) => {
          const p = m.people[k];
          return `${k} ${p.socket.connected ? 'up' : 'down'}${p.fresh ? '' : ' stale'} v${p.lastVersion} [${p.seen.join(',')}]`;
        }).join(', ')}; facilitator sees ${m.people.facilitator.latest?.members
          .map((x) => `${x.role}:${x.connected ? 'on' : 'off'}`)
          .join(' ')} at v${m.people.facilitator.latest?.version}\n`,
      );
  return {
    type: 'result',
    latencies: Float64Array.from(latencies),
    emittedAt: Float64Array.from(emittedAt),
    ackLatencies: Float64Array.from(ackLatencies),
    byType,
    sent,
    accepted,
    rejected,
    errors,
    late,
    viewBytes: { ...viewBytes },
    disconnects,
    converged,
  };
}

process.on('message', (msg: GeneratorRequest) => {
  const fail = (e: unknown) => send({ type: 'fatal', message: String((e as Error)?.stack ?? e) });
  if (msg.type === 'setup') setup(msg).then(send, fail);
  else if (msg.type === 'run') run(msg).then(send, fail);
  else if (msg.type === 'close') {
    for (const m of meetings) for (const k of PEOPLE) m.people[k].socket?.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});
// Never outlive the benchmark.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
