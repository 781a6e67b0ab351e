/**
 * The benchmark's baseline: bare Socket.IO doing the app's fan-out with none of its work. Each
 * socket says which meeting it belongs to in its handshake and joins that meeting's room; on
 * 'room:command' the server counts a version for the meeting, sends one payload of VIEW_BYTES bytes
 * to every socket of the meeting (the same five the app sends a view to) and acks with the version.
 * No validation, no state beyond the counter, no persistence, no connection-state recovery.
 *
 *   node --import tsx tests/load/baseline-server.ts   (env: VIEW_BYTES; prints "listening <port>")
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const viewBytes = Math.max(64, Number(process.env.VIEW_BYTES ?? 4096) | 0);
const httpServer = createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
});
// CG_BASELINE_CSR=1 (a diagnostic, not the baseline): turn on connection-state recovery as the
// app does, to see what its packet buffer costs on its own.
const io = new Server(httpServer, {
  serveClient: false,
  maxHttpBufferSize: 16_384,
  ...(process.env.CG_BASELINE_CSR === '1'
    ? { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 } }
    : {}),
});
const versions = new Map<string, number>();

/** A payload whose JSON is `viewBytes` long: {"meetingId":...,"version":...,"pad":"xxx..."}. */
const pads = new Map<number, string>();
function payload(meetingId: string, version: number) {
  const skeleton = JSON.stringify({ meetingId, version, pad: '' }).length;
  let pad = pads.get(skeleton);
  if (pad === undefined) pads.set(skeleton, (pad = 'x'.repeat(Math.max(0, viewBytes - skeleton))));
  return { meetingId, version, pad };
}

io.on('connection', (socket) => {
  const meetingId = String((socket.handshake.auth as { meetingId?: unknown }).meetingId ?? '');
  void socket.join(meetingId);
  socket.emit('room:view', payload(meetingId, versions.get(meetingId) ?? 0));
  socket.on('room:command', (_envelope: unknown, ack: unknown) => {
    const version = (versions.get(meetingId) ?? 0) + 1;
    versions.set(meetingId, version);
    io.to(meetingId).emit('room:view', payload(meetingId, version));
    if (typeof ack === 'function') ack({ ok: true, data: { version } });
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  const addr = httpServer.address();
  process.stdout.write(`listening ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
const stop = () => {
  io.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);
