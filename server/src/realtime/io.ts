import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { COMMAND_ENVELOPE_SCHEMA } from '../../../shared/protocol/commands';
import type { Ack, AppError } from '../../../shared/protocol/errors';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  ServerToClientEvents,
} from '../../../shared/protocol/events';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';
import { errorReason } from '../logger';
import type { RoomEvent } from '../../../shared/room/types';
import type { RoomView } from '../../../shared/room/views';
import { checkInvite, facilitatorFromCookie, type ApiDeps } from '../http/api';
import type { Delivery } from '../rooms/RoomActor';
import type { RoomRegistry } from '../rooms/RoomRegistry';
import { EncodedJson, serverParser } from './viewEncoder';

export interface SocketData {
  meetingId: string;
  memberId: string;
}

export type IoServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type IoSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** Socket.IO room names come from here, never built inline. */
export const memberChannel = (meetingId: string, memberId: string) => `m:${meetingId}:${memberId}`;

/** Per-socket limits: a token bucket of messages and a count of invalid ones. */
export const SOCKET_LIMITS = {
  burst: 30,
  perSecond: 15,
  maxStrikes: 10,
  maxPayloadBytes: 16_384,
} as const;

class AuthError extends Error {
  data: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.data = error;
  }
}

export type SocketLimits = { [K in keyof typeof SOCKET_LIMITS]: number };

export function createIo(
  httpServer: HttpServer,
  deps: Pick<ApiDeps, 'repo' | 'config' | 'now' | 'logger'> & {
    rooms: RoomRegistry;
    limits?: SocketLimits;
  },
): IoServer {
  const { rooms, repo, logger } = deps;
  const limits = deps.limits ?? SOCKET_LIMITS;
  const io: IoServer = new Server(httpServer, {
    parser: serverParser,
    maxHttpBufferSize: limits.maxPayloadBytes,
    serveClient: false,
    // No connection-state recovery: every message is a whole view with a version, and every
    // (re)connection is answered with the current view, so there is nothing to replay. A socket
    // that comes back is a new connection: authenticated again, then sent the view. (Recovery
    // would only keep a copy of recent views in memory for every person for nothing.)
  });

  // Authentication runs on every connection, reconnections included.
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as Partial<HandshakeAuth>;
    if (auth.protocol !== PROTOCOL_VERSION) {
      const code =
        typeof auth.protocol === 'number' && auth.protocol < PROTOCOL_VERSION
          ? 'CLIENT_TOO_OLD'
          : 'SERVER_TOO_OLD';
      return next(
        new AuthError({ code, message: 'Please reload the page to get the latest version.' }),
      );
    }
    let meetingId: string;
    let memberId: string;
    if (typeof auth.invite === 'string') {
      const check = checkInvite(deps, auth.invite);
      if (!check.ok) return next(new AuthError({ code: check.code, message: check.message }));
      meetingId = check.invite.meeting_id;
      memberId = check.invite.person_id;
    } else if (typeof auth.meetingId === 'string' && auth.meetingId.length < 100) {
      const f = facilitatorFromCookie(deps, socket.handshake.headers.cookie);
      if (!f) return next(new AuthError({ code: 'UNAUTHENTICATED', message: 'Please sign in.' }));
      const m = repo.meetingById(auth.meetingId);
      if (!m || repo.caseById(m.caseId)?.owner_id !== f.id) {
        return next(new AuthError({ code: 'NOT_FOUND', message: 'That meeting was not found.' }));
      }
      meetingId = m.id;
      memberId = f.id;
    } else {
      return next(
        new AuthError({
          code: 'UNAUTHENTICATED',
          message: 'Please open your personal link again.',
        }),
      );
    }
    const actor = rooms.get(meetingId);
    const member = actor?.state.members[memberId];
    if (!actor || !member)
      return next(new AuthError({ code: 'NOT_FOUND', message: 'That meeting was not found.' }));
    if (member.status === 'denied' || member.status === 'removed') {
      return next(new AuthError({ code: 'FORBIDDEN', message: 'You cannot join this meeting.' }));
    }
    socket.data = { meetingId, memberId };
    next();
  });

  io.on('connection', (socket: IoSocket) => {
    const { meetingId, memberId } = socket.data;
    const actor = rooms.get(meetingId)!;
    void socket.join(memberChannel(meetingId, memberId));

    let tokens: number = limits.burst;
    let last = Date.now();
    let strikes = 0;
    const strike = () => {
      strikes += 1;
      if (strikes >= limits.maxStrikes) {
        logger.warn('socket.disconnected.abuse', { meetingId });
        socket.disconnect(true);
      }
    };
    // Rate limit every packet (token bucket).
    socket.use((_packet, next) => {
      const t = Date.now();
      tokens = Math.min(limits.burst, tokens + ((t - last) / 1000) * limits.perSecond);
      last = t;
      if (tokens < 1) {
        strike();
        const ack = _packet[_packet.length - 1];
        if (typeof ack === 'function')
          ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'Please slow down.' } });
        return;
      }
      tokens -= 1;
      next();
    });

    const guard =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: unknown[]) => {
        const ack = args[args.length - 1];
        if (typeof ack !== 'function') {
          strike();
          return;
        }
        handler(...(args as A));
      };

    socket.on(
      'room:command',
      guard((envelope: unknown, ack: (res: Ack<{ version: number }>) => void) => {
        const parsed = COMMAND_ENVELOPE_SCHEMA.safeParse(envelope);
        if (!parsed.success) {
          strike();
          ack({
            ok: false,
            error: {
              code: 'INVALID_PAYLOAD',
              message: 'That request was not valid.',
              issues: parsed.error.issues
                .slice(0, 10)
                .map((i) => ({ path: i.path.join('.'), message: i.message })),
            },
          });
          return;
        }
        const { id, command } = parsed.data;
        actor.dispatch({ ...command, actorId: memberId }, `${memberId}:${id}`).then(ack, (err) => {
          logger.error('command.failed', {
            meetingId,
            command: command.type,
            reason: errorReason(err),
          });
          ack({
            ok: false,
            error: { code: 'INTERNAL', message: 'Something went wrong on our side.' },
          });
        });
      }),
    );

    socket.on(
      'media:token',
      guard(
        (
          _payload: unknown,
          ack: (res: Ack<import('../../../shared/protocol/events').MediaGrant>) => void,
        ) => {
          actor.mintToken(memberId).then(ack, () =>
            ack({
              ok: false,
              error: {
                code: 'INTERNAL',
                message: 'Video could not be started. Please try again.',
              },
            }),
          );
        },
      ),
    );

    socket.on(
      'room:sync',
      guard((_payload: unknown, ack: (res: Ack<RoomView>) => void) => {
        const view = actor.viewFor(memberId);
        ack(
          view
            ? { ok: true, data: view }
            : { ok: false, error: { code: 'FORBIDDEN', message: 'You cannot see this meeting.' } },
        );
      }),
    );

    socket.on('disconnect', () => {
      actor.detach(memberId).catch((err) =>
        logger.error('presence.failed', {
          meetingId,
          reason: errorReason(err),
        }),
      );
    });

    actor.attach(memberId).then(
      () => {
        // Every socket, new or reconnecting, starts from the current view.
        if (socket.connected) {
          const view = actor.viewFor(memberId);
          if (view) socket.emit('room:view', view);
        }
      },
      (err) =>
        logger.error('presence.failed', {
          meetingId,
          reason: errorReason(err),
        }),
    );
  });

  return io;
}

/**
 * Pushes each member's view to their sockets, in order. Every view is serialised first and the
 * sockets are written after, back to back: a write wakes whoever reads it, and the views written
 * later should not wait for that behind the serialising of the others.
 */
export function publishViews(
  io: IoServer,
  meetingId: string,
  deliveries: Delivery[],
  events: RoomEvent[],
): void {
  const texts = deliveries.map((d) => d.view && new EncodedJson(JSON.stringify(d.view)));
  deliveries.forEach((d, i) => publishTo(io, meetingId, d.memberId, texts[i]!, events));
}

/**
 * Pushes one member's view (serialised by publishViews) to their sockets; when an event of this
 * command took them out of the room, also tells them why, and (for denied or removed people)
 * drops their sockets.
 */
function publishTo(
  io: IoServer,
  meetingId: string,
  memberId: string,
  view: EncodedJson | null,
  events: RoomEvent[],
): void {
  const channel = memberChannel(meetingId, memberId);
  // The encoder writes the text as the view itself (viewEncoder.ts): the client gets a RoomView.
  if (view) io.to(channel).emit('room:view', view as unknown as RoomView);
  const closing = events.find(
    (e) =>
      (e.type === 'member.left' && e.actorId === memberId) ||
      ((e.type === 'member.denied' || e.type === 'member.removed') && e.targetId === memberId),
  );
  if (!closing) return;
  const reason =
    closing.type === 'member.left'
      ? 'left'
      : closing.type === 'member.denied'
        ? 'denied'
        : 'removed';
  io.to(channel).emit('room:closed', { reason });
  if (reason !== 'left') io.in(channel).disconnectSockets(true);
}
