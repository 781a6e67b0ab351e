import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { COMMAND_ENVELOPE_SCHEMA } from '../../../shared/protocol/commands';
import type { Ack, AppError } from '../../../shared/protocol/errors';
import type {
  ClientToServerEvents,
  ClosedReason,
  HandshakeAuth,
  ServerToClientEvents,
} from '../../../shared/protocol/events';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';
import { errorReason } from '../logger';
import type { RoomEvent } from '../../../shared/room/types';
import type { RoomView } from '../../../shared/room/views';
import {
  canFacilitateCase,
  checkInvite,
  linkExpired,
  sameOrigin,
  sessionFromCookie,
  type ApiDeps,
} from '../http/api';
import type { MeetingHandle } from '../rooms/handle';
import { RoomActor, type Delivery } from '../rooms/RoomActor';
import type { RoomRegistry } from '../rooms/RoomRegistry';
import { EncodedJson, serverParser } from './viewEncoder';
import { captionChannel, followCaptions, relayCaption } from './captions';
import { CAPTION_LIMITS, hearsMainRoom, type CaptionLine } from '../../../shared/protocol/captions';
import { withReason } from '../http/errors';

export interface SocketData {
  meetingId: string;
  memberId: string;
  /** The invite this socket authenticated with (null for a facilitator's session). */
  inviteId: string | null;
  /** The stored hash of the facilitator session this socket authenticated with, if any. */
  sessionHash: string | null;
}

/** Between app nodes (Redis PUB/SUB, never the stream): a caption line (captions.ts). */
export interface InterServerEvents {
  'caption:line': (meetingId: string, line: CaptionLine, exceptSocketId: string) => void;
}

export type IoServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Socket.IO room names come from here, never built inline. */
export const memberChannel = (meetingId: string, memberId: string) => `m:${meetingId}:${memberId}`;
/** Every socket opened with one invite link: withdrawing the link closes them all. */
export const inviteChannel = (inviteId: string) => `i:${inviteId}`;
/** Every socket opened with one facilitator session (by its stored hash): signing out closes them. */
export const sessionChannel = (sessionHash: string) => `s:${sessionHash}`;

/**
 * Limits per person (all their sockets together, kept across reconnections): a token bucket of
 * messages and connection attempts, and how many of their commands may wait in the meeting's
 * queue at once; per socket: a count of invalid or over-limit messages before it is dropped.
 */
export const SOCKET_LIMITS = {
  burst: 30,
  perSecond: 15,
  maxInFlight: 8,
  maxStrikes: 10,
  maxPayloadBytes: 16_384,
} as const;

/** A refused handshake: the client reads `data` (a typed AppError with a plain message). */
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
    /** Several app nodes: caption lines also go to the other nodes (captions.ts). */
    clustered?: boolean;
  },
): IoServer {
  const { rooms, repo, logger, config } = deps;
  const limits = deps.limits ?? SOCKET_LIMITS;
  const caps = new SocketCaps(config.sockets);
  const budgets = new MemberBudgets(limits, deps.now);
  /** Caption lines have their own, tighter allowance on top of every packet's (captions.ts). */
  const captionBudgets = new MemberBudgets(CAPTION_LIMITS, deps.now);
  /** Commands of each person waiting in their meeting's queue (all their sockets together). */
  const inFlight = new Map<string, number>();
  const io: IoServer = new Server(httpServer, {
    parser: serverParser,
    maxHttpBufferSize: limits.maxPayloadBytes,
    serveClient: false,
    // A page on another site must not open a room connection with a visitor's cookie or link:
    // a browser's Origin must be this site. No Origin (not a browser) is let through; such a
    // client still needs an invite or a session.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(
        null,
        origin === undefined || sameOrigin(origin, req.headers.host, config.publicUrl),
      );
    },
    // No connection-state recovery: every message is a whole view with a version, and every
    // (re)connection is answered with the current view, so there is nothing to replay. A socket
    // that comes back is a new connection: authenticated again, then sent the view. (Recovery
    // would only keep a copy of recent views in memory for every person for nothing.)
  });

  // A caption line reaches this node's sockets of the audience directly, the other nodes' by a
  // server-side emit, and each of them writes it to its own (captions.ts CaptionFanout).
  const toLocalAudience = (meetingId: string, line: CaptionLine, exceptSocketId: string) =>
    io.local.to(captionChannel(meetingId)).except(exceptSocketId).emit('caption:line', line);
  const fanout = (meetingId: string, line: CaptionLine, exceptSocketId: string) => {
    toLocalAudience(meetingId, line, exceptSocketId);
    if (deps.clustered) io.serverSideEmit('caption:line', meetingId, line, exceptSocketId);
  };
  io.on('caption:line', toLocalAudience);

  /** The meeting's actor each authenticated socket was admitted to (read on its connection). */
  const actors = new WeakMap<IoSocket, MeetingHandle>();

  // Authentication runs on every connection, reconnections included.
  const authenticate = async (socket: IoSocket, next: (err?: Error) => void) => {
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
    let inviteId: string | null = null;
    let sessionHash: string | null = null;
    if (typeof auth.invite === 'string') {
      const check = await checkInvite(deps, auth.invite);
      if (!check.ok) return next(new AuthError({ code: check.code, message: check.message }));
      meetingId = check.invite.meeting_id;
      memberId = check.invite.person_id;
      inviteId = check.invite.id;
    } else if (typeof auth.meetingId === 'string' && auth.meetingId.length < 100) {
      const session = await sessionFromCookie(deps, socket.handshake.headers.cookie);
      sessionHash = session?.sessionHash ?? null;
      const f = session?.facilitator;
      if (!f) return next(new AuthError({ code: 'UNAUTHENTICATED', message: 'Please sign in.' }));
      const m = await repo.meetingById(auth.meetingId);
      // The case's lead or a facilitator account assigned to it; nobody else.
      if (!m || !(await canFacilitateCase(repo, m.caseId, f.id))) {
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
    const actor = await rooms.handle(meetingId);
    const member = actor?.state.members[memberId];
    if (!actor || !member)
      return next(new AuthError({ code: 'NOT_FOUND', message: 'That meeting was not found.' }));
    if (member.status === 'denied' || member.status === 'removed') {
      return next(new AuthError({ code: 'FORBIDDEN', message: 'You cannot join this meeting.' }));
    }
    // Consent first (PRE-4), as the link page asks it: a person who never gave it, or withdrew
    // it, is not let in by a page that skipped that step. Consent given to an earlier list of who
    // is there still lets them back in (a dropped connection after someone was added).
    if (inviteId) {
      const consent = await repo.latestConsent(meetingId, memberId);
      if (!consent || consent.withdrawn_at !== null)
        return next(
          new AuthError({
            code: 'FORBIDDEN',
            message: 'Please give your consent on your page before joining.',
          }),
        );
    }
    // A connection attempt spends from the person's budget too: a socket dropped for abuse and
    // opened again does not come back with a fresh allowance.
    if (!budgets.take(`${meetingId}:${memberId}`)) {
      return next(
        new AuthError({
          code: 'RATE_LIMITED',
          message: 'Too many attempts. Please wait a moment and try again.',
        }),
      );
    }
    // Caps: one person (or one address) cannot hold an unbounded number of connections.
    const release = caps.take(`${meetingId}:${memberId}`, clientAddress(socket));
    if (typeof release === 'string') {
      return next(
        new AuthError({
          code: 'RATE_LIMITED',
          message:
            release === 'member'
              ? 'This meeting is already open in too many windows. Please close one and try again.'
              : 'Too many connections from your network. Please try again in a few minutes.',
        }),
      );
    }
    // Released once, however the socket ends (a socket dropped before its connection event
    // never gets a 'disconnect', but its transport always closes).
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    socket.data = { meetingId, memberId, inviteId, sessionHash };
    actors.set(socket, actor);
    next();
  };
  io.use((socket, next) => {
    authenticate(socket, next).catch((err: unknown) => {
      logger.error('socket.auth.failed', { reason: errorReason(err) });
      next(new AuthError({ code: 'INTERNAL', message: 'Something went wrong on our side.' }));
    });
  });

  io.on('connection', (socket: IoSocket) => {
    const { meetingId, memberId, inviteId, sessionHash } = socket.data;
    const actor = actors.get(socket)!;
    void socket.join(memberChannel(meetingId, memberId));
    if (inviteId) void socket.join(inviteChannel(inviteId));
    if (sessionHash) void socket.join(sessionChannel(sessionHash));
    // A link withdrawn (or a sign-out) between the handshake and now found no socket to close.
    // Until this is known, nothing the socket sends is handled (handlers wait for it, in order),
    // and it is counted in (attach) only once it holds.
    const admitted = credentialsHold(deps, socket.data).then(
      (ok) => {
        if (!ok) socket.disconnect(true);
        return ok;
      },
      () => {
        socket.disconnect(true);
        return false;
      },
    );

    const memberKey = `${meetingId}:${memberId}`;
    let strikes = 0;
    const strike = () => {
      strikes += 1;
      if (strikes >= limits.maxStrikes) {
        logger.warn('socket.disconnected.abuse', { meetingId });
        socket.disconnect(true);
      }
    };
    // Rate limit every packet against the person's budget, shared by all their sockets, so
    // opening more sockets (or reopening dropped ones) buys no more messages.
    socket.use((packet, next) => {
      if (!budgets.take(memberKey)) {
        strike();
        const ack = packet[packet.length - 1];
        if (typeof ack === 'function')
          ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'Please slow down.' } });
        return;
      }
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
        // A refusal carries its code in the words catalogue, which the client translates.
        args[args.length - 1] = (res: Ack<unknown>) =>
          (ack as (r: Ack<unknown>) => void)(
            res.ok ? res : { ...res, error: withReason(res.error) },
          );
        void admitted.then((ok) => {
          if (ok) handler(...(args as A));
        });
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
        // One person's commands can hold only a few places in the meeting's queue, so a flood
        // from one link never makes the others (the facilitators above all) wait behind it.
        const waiting = inFlight.get(memberKey) ?? 0;
        if (waiting >= limits.maxInFlight) {
          strike();
          ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'Please slow down.' } });
          return;
        }
        inFlight.set(memberKey, waiting + 1);
        actor
          .dispatch({ ...command, actorId: memberId }, `${memberId}:${id}`)
          .then(
            // An interpreter's link changed in the room is saved on the case in the command's
            // own transaction (RoomActor, CommitRecord.interpreterLinks).
            (res) => ack(res),
            (err) => {
              logger.error('command.failed', {
                meetingId,
                command: command.type,
                reason: errorReason(err),
              });
              ack({
                ok: false,
                error: { code: 'INTERNAL', message: 'Something went wrong on our side.' },
              });
            },
          )
          .finally(() => decrement(inFlight, memberKey));
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

    // Not a room command: relayed to the main room and forgotten (captions.ts).
    const role = actor.state.members[memberId]?.role;
    socket.on(
      'caption:send',
      guard((payload: unknown, ack: (res: Ack<null>) => void) =>
        relayCaption(
          { socket, fanout, meetingId, memberId, role, budget: captionBudgets, strike },
          payload,
          ack,
        ),
      ),
    );

    socket.on(
      'room:sync',
      guard((_payload: unknown, ack: (res: Ack<RoomView>) => void) => {
        viewNow(actor, memberId, (view) =>
          ack(
            view
              ? { ok: true, data: view }
              : {
                  ok: false,
                  error: { code: 'FORBIDDEN', message: 'You cannot see this meeting.' },
                },
          ),
        );
      }),
    );

    socket.on('disconnect', () => {
      // Counted out only if it was counted in (attach, below, waits for the same check).
      void admitted.then((ok) => {
        if (!ok) return;
        actor.detach(memberId).catch((err: unknown) =>
          logger.error('presence.failed', {
            meetingId,
            reason: errorReason(err),
          }),
        );
      });
    });

    void admitted.then((ok) => {
      if (ok) void attach();
    });
    const attach = () =>
      actor.attach(memberId).then(
        () => {
          // Every socket, new or reconnecting, starts from the current view.
          viewNow(actor, memberId, (view) => {
            if (view && socket.connected) {
              socket.emit('room:view', view);
              // A new socket starts in the caption audience when this view says so; every later
              // view moves the person's sockets in or out (publishViews).
              if (hearsMainRoom(view)) void socket.join(captionChannel(meetingId));
            }
          });
        },
        (err: unknown) =>
          logger.error('presence.failed', {
            meetingId,
            reason: errorReason(err),
          }),
      );
  });

  return io;
}

/**
 * Counts open connections per member and per address, against config.sockets. `take` reserves a
 * place in both (or none) and returns its release, which only counts once, or which cap is full.
 */
class SocketCaps {
  private readonly members = new Map<string, number>();
  private readonly addresses = new Map<string, number>();
  constructor(private readonly caps: { perMember: number; perAddress: number }) {}

  take(memberKey: string, address: string): (() => void) | 'member' | 'address' {
    const m = this.members.get(memberKey) ?? 0;
    const a = this.addresses.get(address) ?? 0;
    if (m >= this.caps.perMember) return 'member';
    if (a >= this.caps.perAddress) return 'address';
    this.members.set(memberKey, m + 1);
    this.addresses.set(address, a + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      decrement(this.members, memberKey);
      decrement(this.addresses, address);
    };
  }
}

/**
 * One token bucket per person (`meetingId:memberId`), shared by all their sockets and kept across
 * reconnections. A bucket that has filled up again is the same as none, so those are dropped now
 * and then to keep the map small.
 */
class MemberBudgets {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();
  private takes = 0;
  constructor(
    private readonly limits: { burst: number; perSecond: number },
    private readonly now: () => number,
  ) {}

  /** Spends one token; false when the person has none left. */
  take(key: string): boolean {
    const t = this.now();
    if (++this.takes % 1000 === 0) this.prune(t);
    const b = this.buckets.get(key) ?? { tokens: this.limits.burst, last: t };
    b.tokens = Math.min(
      this.limits.burst,
      b.tokens + ((t - b.last) / 1000) * this.limits.perSecond,
    );
    b.last = t;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private prune(t: number): void {
    const refillMs = (this.limits.burst / this.limits.perSecond) * 1000;
    for (const [key, b] of this.buckets) if (t - b.last >= refillMs) this.buckets.delete(key);
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const n = (map.get(key) ?? 1) - 1;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The address a connection comes from. Like Express's `trust proxy: loopback` (app.ts): behind a
 * proxy on this machine, the nearest address that proxy recorded in X-Forwarded-For.
 */
function clientAddress(socket: IoSocket): string {
  const direct = socket.handshake.address;
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  if (!LOOPBACK.has(direct) || typeof forwarded !== 'string') return direct;
  const hops = forwarded
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!LOOPBACK.has(hops[i]!)) return hops[i]!;
  return direct;
}

/**
 * Hands `use` the member's current view: at once from an actor on this node (so nothing else of
 * the meeting can come in between), from the owning node otherwise.
 */
function viewNow(
  actor: MeetingHandle,
  memberId: string,
  use: (view: RoomView | null) => void,
): void {
  if (actor instanceof RoomActor) return use(actor.viewFor(memberId));
  actor.view(memberId).then(use, () => use(null));
}

/** Whether the invite or session a socket authenticated with is still valid now. */
async function credentialsHold(
  deps: Pick<ApiDeps, 'repo' | 'now'>,
  data: SocketData,
): Promise<boolean> {
  const now = deps.now();
  if (data.sessionHash && !(await deps.repo.sessionById(data.sessionHash, now))) return false;
  if (data.inviteId) {
    const invite = await deps.repo.inviteById(data.inviteId);
    if (!invite || invite.revoked_at !== null || (await linkExpired(deps.repo, invite, now)))
      return false;
  }
  return true;
}

/** Tells every socket in `channel` why, then closes them (they are not reconnected). */
function closeChannel(io: IoServer, channel: string, reason: ClosedReason): void {
  io.to(channel).emit('room:closed', { reason });
  io.in(channel).disconnectSockets(true);
}

/** Closes every socket opened with this invite link (withdrawn, replaced or expired). */
export function disconnectInvite(
  io: IoServer,
  inviteId: string,
  reason: 'revoked' | 'expired' = 'revoked',
): void {
  closeChannel(io, inviteChannel(inviteId), reason);
}

/** Closes every socket opened with this facilitator session (signed out or expired). */
export function disconnectSession(io: IoServer, sessionHash: string): void {
  closeChannel(io, sessionChannel(sessionHash), 'signed_out');
}

/** Closes every socket of one member of one meeting, telling them they were removed. */
export function disconnectMember(io: IoServer, meetingId: string, memberId: string): void {
  closeChannel(io, memberChannel(meetingId, memberId), 'removed');
}

/**
 * Closes every open socket whose credentials no longer hold: its session expired or was deleted,
 * or its invite expired or was withdrawn (revoking closes at once; this catches what time ends,
 * and anything changed behind the API's back). One indexed lookup per distinct credential; run
 * on a short timer (app.ts). Returns how many sockets were closed.
 */
export async function sweepSockets(
  io: IoServer,
  deps: Pick<ApiDeps, 'repo' | 'now'>,
): Promise<number> {
  const now = deps.now();
  const checked = new Set<string>();
  let closed = 0;
  for (const socket of io.of('/').sockets.values()) {
    const { inviteId, sessionHash } = socket.data ?? {};
    if (sessionHash && !checked.has(`s:${sessionHash}`)) {
      checked.add(`s:${sessionHash}`);
      if (!(await deps.repo.sessionById(sessionHash, now))) {
        closed += io.of('/').adapter.rooms.get(sessionChannel(sessionHash))?.size ?? 0;
        disconnectSession(io, sessionHash);
      }
    }
    if (inviteId && !checked.has(`i:${inviteId}`)) {
      checked.add(`i:${inviteId}`);
      const invite = await deps.repo.inviteById(inviteId);
      if (!invite || invite.revoked_at !== null || (await linkExpired(deps.repo, invite, now))) {
        closed += io.of('/').adapter.rooms.get(inviteChannel(inviteId))?.size ?? 0;
        disconnectInvite(io, inviteId, invite && !invite.revoked_at ? 'expired' : 'revoked');
      }
    }
  }
  return closed;
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
  encoded = true,
): void {
  const texts = deliveries.map((d) =>
    d.view && encoded ? new EncodedJson(JSON.stringify(d.view)) : d.view,
  );
  deliveries.forEach((d, i) => {
    // In or out of the caption audience before the view that says so arrives.
    followCaptions(io, meetingId, d.memberId, memberChannel(meetingId, d.memberId), d.view);
    publishTo(io, meetingId, d.memberId, texts[i]!, events);
  });
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
  view: EncodedJson | RoomView | null,
  events: RoomEvent[],
): void {
  const channel = memberChannel(meetingId, memberId);
  // The encoder writes the text as the view itself (viewEncoder.ts): the client gets a RoomView.
  if (view) io.to(channel).emit('room:view', view as unknown as RoomView);
  const closing = events.find(
    (e) =>
      (e.type === 'member.left' && e.actorId === memberId) ||
      // End safely with no facilitator free for their party: they go to the aftercare screen.
      (e.type === 'member.sentToAftercare' && e.targetId === memberId) ||
      ((e.type === 'member.denied' || e.type === 'member.removed') && e.targetId === memberId),
  );
  if (!closing) return;
  const reason =
    closing.type === 'member.left' || closing.type === 'member.sentToAftercare'
      ? 'left'
      : closing.type === 'member.denied'
        ? 'denied'
        : 'removed';
  io.to(channel).emit('room:closed', { reason });
  if (reason !== 'left') io.in(channel).disconnectSockets(true);
}
