/**
 * The flooding invitee of the benchmark's flood phase (forked by tests/load/flood.ts), in a
 * process of its own so that its work is not counted against the facilitator it tries to delay.
 * With one invite link it opens as many sockets as the server lets it (up to `sockets` at once,
 * `attempts` in all) and on each keeps `inFlight` commands on their way, sending the next as soon
 * as one is answered, until `durationMs` has passed or `maxCommands` were sent. A socket that is
 * refused or closed by the server is replaced while attempts remain. Loopback only: the URL is the
 * bench's app. Talks to its parent over IPC: FloodRequest in, FloodReply out.
 */
import { io as ioClient, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';

export interface FloodRequest {
  type: 'flood';
  url: string;
  invite: string;
  /** Sockets open at once (at most). */
  sockets: number;
  /** Connection attempts in all (refused and closed sockets are replaced while these last). */
  attempts: number;
  /** Commands awaiting an answer on each socket. */
  inFlight: number;
  durationMs: number;
  maxCommands: number;
}

export interface FloodStats {
  type: 'flooded';
  attempts: number;
  /** Sockets the server accepted (connected). */
  opened: number;
  /** Connection attempts the server refused (connect_error). */
  refused: number;
  /** Accepted sockets the server closed later. */
  closedByServer: number;
  /** Most sockets connected at the same time. */
  peakOpen: number;
  sent: number;
  accepted: number;
  /** Answers that refused the command, by error code. */
  rejected: Record<string, number>;
  /** Commands with no answer (timed out, or the socket closed first). */
  unanswered: number;
  elapsedMs: number;
}

export type FloodReply = { type: 'ready' } | FloodStats | { type: 'fatal'; message: string };

/** What a patient may send: floor requests and withdrawals, messages, pause requests. */
const COMMANDS: object[] = [
  { type: 'floor.request' },
  { type: 'floor.withdraw' },
  { type: 'message.toFacilitators', text: 'Flood message from the load benchmark.' },
  { type: 'pause.request', reason: null },
];

const ANSWER_TIMEOUT_MS = 5000;
/** After a refused connection, the slot tries again this much later. */
const REFUSED_RETRY_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Ack = { ok: boolean; error?: { code?: string } };

async function flood(req: FloodRequest): Promise<FloodStats> {
  const t0 = Date.now();
  const endAt = t0 + req.durationMs;
  const stats: FloodStats = {
    type: 'flooded',
    attempts: 0,
    opened: 0,
    refused: 0,
    closedByServer: 0,
    peakOpen: 0,
    sent: 0,
    accepted: 0,
    rejected: {},
    unanswered: 0,
    elapsedMs: 0,
  };
  let open = 0;
  let seq = 0;
  const live = new Set<Socket>();
  const more = () => Date.now() < endAt && stats.sent < req.maxCommands;

  /** Keeps `inFlight` commands on their way on one socket until it closes or the time is up. */
  const pump = (socket: Socket) =>
    new Promise<void>((resolve) => {
      let pending = 0;
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          resolve();
        }
      };
      const sendOne = () => {
        if (!socket.connected || !more()) {
          if (pending === 0) finish();
          return;
        }
        pending += 1;
        stats.sent += 1;
        const command = COMMANDS[seq % COMMANDS.length]!;
        const id = `flood-${process.pid}-${++seq}`;
        socket
          .timeout(ANSWER_TIMEOUT_MS)
          .emitWithAck('room:command', { id, command })
          .then(
            (ack: Ack) => {
              if (ack.ok) stats.accepted += 1;
              else {
                const code = ack.error?.code ?? '?';
                stats.rejected[code] = (stats.rejected[code] ?? 0) + 1;
              }
            },
            () => (stats.unanswered += 1),
          )
          .finally(() => {
            pending -= 1;
            sendOne();
          });
      };
      socket.once('disconnect', () => {
        if (pending === 0) finish();
      });
      for (let i = 0; i < req.inFlight; i++) sendOne();
    });

  /** One slot: connect, flood, and replace the socket when it is refused or closed. */
  const slot = async () => {
    while (more() && stats.attempts < req.attempts) {
      stats.attempts += 1;
      const socket = ioClient(req.url, {
        auth: { protocol: PROTOCOL_VERSION, invite: req.invite },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: ANSWER_TIMEOUT_MS,
      });
      const connected = await new Promise<boolean>((resolve) => {
        socket.once('connect', () => resolve(true));
        socket.once('connect_error', () => resolve(false));
      });
      if (!connected) {
        stats.refused += 1;
        socket.close();
        // Refused: try again a little later (a tight loop would only measure this process).
        await sleep(REFUSED_RETRY_MS);
        continue;
      }
      stats.opened += 1;
      open += 1;
      stats.peakOpen = Math.max(stats.peakOpen, open);
      live.add(socket);
      let closedByUs = false;
      socket.once('disconnect', (reason) => {
        open -= 1;
        live.delete(socket);
        if (!closedByUs && reason !== 'io client disconnect') stats.closedByServer += 1;
      });
      await pump(socket);
      if (socket.connected) {
        closedByUs = true;
        socket.disconnect();
      }
    }
  };

  await Promise.all(Array.from({ length: req.sockets }, slot));
  for (const s of live) s.disconnect();
  stats.elapsedMs = Date.now() - t0;
  return stats;
}

function send(msg: FloodReply): void {
  process.send?.(msg);
}

process.on('message', (msg: FloodRequest) => {
  if (msg.type !== 'flood') return;
  flood(msg).then(send, (e: unknown) =>
    send({ type: 'fatal', message: String((e as Error)?.stack ?? e) }),
  );
});
// Never outlive the benchmark.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
