/**
 * The benchmark's flood phase: can one invite link delay a facilitator? Two fresh meetings, each
 * with its facilitator and an admitted patient. Both facilitators send a steady stream of
 * commands (floor.setMode, gentle and protected in turn: accepted whatever the room's state) and
 * the time from each emit to its acknowledgement is recorded: first in a quiet window, then while
 * the first meeting's patient, from another process (tests/load/flooder.ts), opens as many sockets
 * as its one invite is allowed and sends commands on each as fast as the answers come back.
 * Figures: the facilitator's ack p50/p99 in the flooded meeting (and, for comparison, before the
 * flood and in the other meeting during it), and what the flood itself achieved. Bounded in time,
 * sockets and commands; loopback only. Nothing here depends on the server's caps: whatever it
 * refuses is counted, not treated as an error.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import { createMeeting, type TestServer } from '../support/server';
import type { FloodReply, FloodRequest, FloodStats } from './flooder';
import { summarize, type Summary } from './stats';

export interface FloodOptions {
  url: string;
  /** The signed-in facilitator's session cookie. */
  cookie: string;
  /** Seconds of the quiet window (no flood) and of the flood window. */
  quietSeconds: number;
  floodSeconds: number;
  /** Facilitator commands per second, in each of the two meetings. */
  rate: number;
  /** Bounds of the flood: sockets at once, connection attempts, commands in flight per socket. */
  sockets: number;
  attempts: number;
  inFlight: number;
  maxCommands: number;
  /** Every child process started here (the bench kills them all on exit). */
  children: Set<ChildProcess>;
  log: (msg: string) => void;
}

/** One facilitator's stream in one window. */
export interface StreamResult {
  ack: Summary;
  sent: number;
  rejected: Record<string, number>;
  /** Commands not answered within the timeout (or lost with the socket). */
  unanswered: number;
}

export interface FloodResult {
  /** The flooded meeting's facilitator, before the flood and during it. */
  quiet: StreamResult;
  flooded: StreamResult;
  /** The other meeting's facilitator during the flood. */
  other: StreamResult;
  flood: FloodStats;
}

const ACK_TIMEOUT_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

type Ack = { ok: boolean; data?: { version: number }; error?: { code?: string } };

function connect(url: string, auth: Record<string, unknown>, cookie?: string): Promise<Socket> {
  const socket = ioClient(url, {
    auth: { protocol: PROTOCOL_VERSION, ...auth },
    extraHeaders: cookie ? { cookie } : undefined,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('room:view', () => resolve(socket));
    socket.once('connect_error', (e) => reject(new Error(`connect_error: ${e.message}`)));
  });
}

let seq = 0;
function command(socket: Socket, cmd: object): Promise<Ack> {
  const id = `bench-flood-${process.pid}-${++seq}`;
  return socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:command', { id, command: cmd });
}

async function must(socket: Socket, cmd: object): Promise<void> {
  const ack = await command(socket, cmd);
  if (!ack.ok) throw new Error(`${JSON.stringify(cmd)}: ${ack.error?.code}`);
}

interface FloodMeeting {
  facilitator: Socket;
  patient: Socket;
  invite: string;
}

/** A meeting with the facilitator and an admitted patient, started. */
async function setUp(opts: FloodOptions): Promise<FloodMeeting> {
  const server = { url: opts.url, facilitator: { cookie: opts.cookie } } as unknown as TestServer;
  const m = await createMeeting(server, [
    { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
  ]);
  const patient = m.people.patient!;
  const facilitator = await connect(opts.url, { meetingId: m.meetingId }, opts.cookie);
  const patientSocket = await connect(opts.url, { invite: patient.token });
  await must(patientSocket, { type: 'lobby.join' });
  await must(facilitator, { type: 'lobby.admit', memberId: patient.id });
  await must(facilitator, { type: 'meeting.start' });
  return { facilitator, patient: patientSocket, invite: patient.token };
}

/**
 * Sends floor.setMode at `rate` per second for `seconds`, on a fixed schedule that does not wait
 * for answers (a slow answer delays no later command, so no delay is hidden), and records each
 * command's emit-to-ack time.
 */
async function stream(socket: Socket, rate: number, seconds: number): Promise<StreamResult> {
  const acks: number[] = [];
  const rejected: Record<string, number> = {};
  let unanswered = 0;
  let sent = 0;
  const interval = 1000 / rate;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const pending: Promise<void>[] = [];
  for (let due = t0; due < end; due += interval) {
    await sleep(due - performance.now());
    const mode = sent % 2 === 0 ? 'protected' : 'gentle';
    sent += 1;
    const at = performance.now();
    pending.push(
      command(socket, { type: 'floor.setMode', mode }).then(
        (ack) => {
          if (ack.ok) acks.push(performance.now() - at);
          else {
            const code = ack.error?.code ?? '?';
            rejected[code] = (rejected[code] ?? 0) + 1;
          }
        },
        () => void (unanswered += 1),
      ),
    );
  }
  await Promise.all(pending);
  return { ack: summarize(acks), sent, rejected, unanswered };
}

/** The flooder process, loaded and waiting for its orders. */
function startFlooder(children: Set<ChildProcess>): {
  child: ChildProcess;
  ready: Promise<void>;
  result: Promise<FloodStats>;
} {
  const child = fork(path.join(import.meta.dirname, 'flooder.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  const result = new Promise<FloodStats>((resolve, reject) => {
    child.on('message', (m: FloodReply) => {
      if (m.type === 'ready') markReady();
      else if (m.type === 'fatal') reject(new Error(`flooder failed: ${m.message}`));
      else resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`flooder exited (${code})`)));
  });
  result.catch(() => undefined);
  return { child, ready, result };
}

/** Runs the quiet window, then the flood window; see the file's comment. */
export async function floodPhase(opts: FloodOptions): Promise<FloodResult> {
  const flooder = startFlooder(opts.children);
  const meetings: FloodMeeting[] = [];
  try {
    meetings.push(await setUp(opts), await setUp(opts));
    const [a, b] = meetings as [FloodMeeting, FloodMeeting];
    await Promise.race([
      flooder.ready,
      sleep(60_000).then(() => Promise.reject(new Error('the flooder did not start'))),
    ]);
    opts.log(`flood: quiet window, ${opts.quietSeconds} s`);
    const quiet = await stream(a.facilitator, opts.rate, opts.quietSeconds);

    // The patient's own socket goes; from now on their invite is the flooder's.
    a.patient.disconnect();
    opts.log(
      `flood: one invite floods (≤ ${opts.sockets} sockets, ${opts.inFlight} commands in flight each) for ${opts.floodSeconds} s`,
    );
    const request: FloodRequest = {
      type: 'flood',
      url: opts.url,
      invite: a.invite,
      sockets: opts.sockets,
      attempts: opts.attempts,
      inFlight: opts.inFlight,
      durationMs: opts.floodSeconds * 1000,
      maxCommands: opts.maxCommands,
    };
    flooder.child.send(request);
    const [flooded, other] = await Promise.all([
      stream(a.facilitator, opts.rate, opts.floodSeconds),
      stream(b.facilitator, opts.rate, opts.floodSeconds),
    ]);
    const flood = await Promise.race([
      flooder.result,
      sleep(30_000).then(() => Promise.reject(new Error('the flooder did not report'))),
    ]);
    return { quiet, flooded, other, flood };
  } finally {
    for (const m of meetings) {
      m.facilitator.disconnect();
      m.patient.disconnect();
    }
    if (flooder.child.exitCode === null) flooder.child.kill('SIGKILL');
  }
}
