import express from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HashBusyError, randomId, signToken } from './auth/crypto';
import type { Config } from './config';
import { accessLog, MOUNT_PATH, ROUTE_LABEL } from './http/accessLog';
import { createApiRouter, type ApiDeps } from './http/api';
import { HttpError, sendError } from './http/errors';
import type { LiveKitGateway } from './livekit/gateway';
import { actorForRoom, createMediaSweep, MEDIA_SWEEP_MS } from './livekit/mediaSweep';
import { errorReason, type Logger } from './logger';
import { createMetrics } from './metrics';
import { createSmtpMailer } from './notify/mailer';
import { createNotifier, NOTIFY_TICK_MS, type Notifier } from './notify/notifier';
import {
  createIo,
  disconnectInvite,
  disconnectMember,
  disconnectSession,
  publishViews,
  sweepSockets,
  type IoServer,
  type SocketLimits,
} from './realtime/io';
import type { Clock } from './rooms/RoomActor';
import { RoomRegistry } from './rooms/RoomRegistry';
import { startCheckpoints, type Checkpointer } from './store/checkpointer';
import { CommandLog, type Fdatasync } from './store/commandLog';
import type { Db } from './store/db';
import type { Store } from './store/ports';
import { createSqliteStore } from './store/sqliteStore';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { ClusterNode, VIEW_STREAM } from './cluster/cluster';
import { PgCommandLog } from './store/pgCommands';
import type { PgPool } from './store/pgDb';
import { createPgStore } from './store/pgStore';

export interface AppDeps {
  config: Config;
  /** SQLite (the embedded default); or, with config.databaseUrl, `pg` instead. */
  db?: Db;
  /** PostgreSQL (DATABASE_URL), opened and migrated by the caller (store/pgDb.ts openPg). */
  pg?: PgPool;
  livekit: LiveKitGateway | null;
  logger: Logger;
  clock?: Clock;
  newId?: () => string;
  /** Where the built client is (defaults to client/dist). */
  clientDir?: string;
  /** Per-socket rate and abuse limits (defaults: SOCKET_LIMITS). */
  socketLimits?: SocketLimits;
  /** How the command log flushes its file (defaults to node:fs fdatasync; tests make it fail). */
  fdatasync?: Fdatasync;
  /** How often the media sweep runs (defaults to MEDIA_SWEEP_MS). */
  mediaSweepMs?: number;
  /** How often open sockets are checked for expired sessions and links (default SOCKET_SWEEP_MS). */
  socketSweepMs?: number;
  /** How often idle meetings are dropped from memory (default ROOM_EVICT_SWEEP_MS). */
  roomEvictSweepMs?: number;
}

/** How often meetings idle for config.roomIdleEvictMs are dropped from memory. */
export const ROOM_EVICT_SWEEP_MS = 60_000;

/** How often closed cases and old records are purged (also once at start). */
export const PURGE_MS = 3600_000;

/** How often open sockets are checked for an expired session or link (app.ts sweep). */
export const SOCKET_SWEEP_MS = 15_000;

/** What one retention purge deleted. */
export interface Purged {
  caseIds: string[];
  meetingIds: string[];
  audit: number;
  sessions: number;
  invites: number;
}

export interface App {
  app: express.Express;
  httpServer: HttpServer;
  io: IoServer;
  /** The store behind its ports (store/ports.ts); SQLite here. */
  store: Store;
  /** The main SQLite connection (tests read rows through it); null on PostgreSQL. */
  db: Db | null;
  /** This node among several (REDIS_URL), or null when it is the only one. */
  cluster: ClusterNode | null;
  rooms: RoomRegistry;
  setup: { token: string | null };
  /**
   * Deletes every case closed more than RETENTION_DAYS ago, with all it holds; audit rows older
   * than that; expired sessions; and links that expired or were withdrawn longer ago than that.
   */
  purgeExpired(): Promise<Purged>;
  /** One media sweep now (it also runs every MEDIA_SWEEP_MS while LiveKit is configured). */
  sweepMedia(): Promise<void>;
  /** Closes open sockets whose session or link no longer holds (also run on a timer). */
  sweepSockets(): Promise<number>;
  /** E-mail notifications (issue 16): null unless SMTP is configured; ticks on a timer once started. */
  notifier: Notifier | null;
  /**
   * Starts what runs by itself: the checkpoint thread, the purge (once now, then hourly), the
   * socket sweep, the media sweep (with LiveKit) and the idle-meeting eviction. Until then the app
   * only answers what it is asked. Once only.
   */
  start(): void;
  /** Stops what start() started, closes sockets and the command log. Call before db.close(). */
  close(): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms) };

/**
 * Builds Express + Socket.IO around the given dependencies. Never listens, and starts no timer or
 * thread: `start()` does (tests inject deps, and start what they need).
 */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config, logger, livekit } = deps;
  const clock = deps.clock ?? realClock;
  const db = deps.db ?? null;
  const pool = deps.pg ?? null;
  if (!db === !pool) throw new Error('createApp needs exactly one of db (SQLite) and pg');
  const repo = db ? createSqliteStore(db) : createPgStore(pool!);
  const app = express();
  const httpServer = createServer(app);
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  // The registry publishes through Socket.IO, which is created after it (it needs the registry).
  const ioRef: { current: IoServer | null } = { current: null };
  // Prometheus metrics on this app's own registry; the gauges read rooms and io at scrape time.
  const metrics = createMetrics({
    liveMeetings: () => rooms.all().length,
    connectedSockets: () => ioRef.current?.engine.clientsCount ?? 0,
  });
  // Accepted commands are written at once and fsynced on the thread pool (CommandLog); the log is
  // copied into the database file on the checkpoint thread (started by start()). Neither fsync
  // holds up the event loop.
  // On PostgreSQL a command is committed before write() returns (pgCommands.ts).
  const commands = db
    ? new CommandLog(
        db,
        (reason) => logger.error('store.sync.failed', { reason }),
        deps.fdatasync,
        metrics.sync.synced,
      )
    : new PgCommandLog(pool!);
  // Several app nodes: meetings are run under leases and reached through Redis (cluster/).
  const cluster: ClusterNode | null = config.redisUrl
    ? await ClusterNode.connect({
        url: config.redisUrl,
        rooms: (): RoomRegistry => rooms,
        store: repo,
        logger,
        nodeId: config.nodeName ?? undefined,
        streamKeepMs: config.redisStreamKeepMs,
      })
    : null;
  const rooms = new RoomRegistry({
    lease: cluster
      ? {
          acquire: (id) => cluster.leases.acquire(id),
          release: (id) => void cluster.leases.release(id).catch(() => undefined),
        }
      : undefined,
    store: repo,
    commands,
    idleEvictMs: config.roomIdleEvictMs,
    livekit,
    logger,
    clock,
    newId: deps.newId ?? (() => randomId(9)),
    partyGraceMs: config.partyGraceMs,
    metrics: metrics.commands,
    // Between nodes the views travel as objects (the adapter encodes them); one node sends each
    // view's text once, serialised before the writes.
    publish: (meetingId, deliveries, events) =>
      publishViews(io, meetingId, deliveries, events, !cluster),
  });

  const setup = { token: (await repo.facilitatorCount()) === 0 ? randomId(24) : null };
  const apiDeps: ApiDeps = {
    config,
    repo,
    rooms,
    logger,
    now: () => clock.now(),
    setup,
    videoAvailable: livekit !== null,
    livekit,
    // Socket.IO is created after the router (it needs the same deps): reached through ioRef.
    disconnect: {
      invite: (id) => {
        if (ioRef.current) disconnectInvite(ioRef.current, id);
      },
      session: (hash) => {
        if (ioRef.current) disconnectSession(ioRef.current, hash);
      },
      member: (meetingId, memberId) => {
        if (ioRef.current) disconnectMember(ioRef.current, meetingId, memberId);
      },
    },
  };

  // A strict Content-Security-Policy under which LiveKit still works: media and signalling go to
  // the configured LiveKit server only.
  const lk = livekit?.url ? new URL(livekit.url) : null;
  const lkOrigins = lk
    ? [`${lk.protocol}//${lk.host}`, `${lk.protocol === 'wss:' ? 'https:' : 'http:'}//${lk.host}`]
    : [];
  // One content-free line per request: the route's pattern, never its path (http/accessLog.ts).
  app.use(accessLog(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          mediaSrc: ["'self'", 'blob:', 'mediastream:'],
          connectSrc: ["'self'", ...lkOrigins],
          workerSrc: ["'self'", 'blob:'],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader(
      'Permissions-Policy',
      'camera=(self), microphone=(self), display-capture=(), geolocation=()',
    );
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    // Not ready once the command log has stopped writing (a failed fsync) or the database fails.
    let store = commands.failure === null;
    try {
      if (db) db.prepare('SELECT 1').get();
      else await pool!.query('SELECT 1');
    } catch {
      store = false;
    }
    let video: boolean | null = null;
    if (livekit) {
      try {
        await livekit.listRooms(['cg_readyz']);
        video = true;
      } catch {
        video = false;
      }
    }
    const ready = store && video !== false;
    res.status(ready ? 200 : 503).json({ ready, store, livekit: video });
  });
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.render();
    res.type(contentType).send(body);
  });

  // LiveKit webhooks: verified (signed with our API secret) and idempotent (by event id).
  const seenWebhooks = new Set<string>();
  app.post('/livekit/webhook', express.text({ type: '*/*', limit: '64kb' }), async (req, res) => {
    if (!livekit) return res.status(404).end();
    try {
      const event = await livekit.receiveWebhook(String(req.body ?? ''), req.get('authorization'));
      if (event.id && seenWebhooks.has(event.id)) return res.status(200).json({ duplicate: true });
      if (event.id) {
        seenWebhooks.add(event.id);
        if (seenWebhooks.size > 10_000) seenWebhooks.delete(seenWebhooks.values().next().value!);
      }
      logger.debug('livekit.webhook', { reason: event.event });
      // Someone joined a LiveKit room: compare it with the state at once (a removed person with a
      // saved token, an old token's rights). Rooms that are not a meeting's are ignored.
      const roomName = event.room?.name;
      if (event.event === 'participant_joined' && roomName) {
        void actorForRoom(rooms, roomName)
          .then((actor) => actor?.syncMedia())
          .catch(() => undefined);
      }
      res.status(200).json({ ok: true });
    } catch {
      res
        .status(401)
        .json({ error: { code: 'UNAUTHENTICATED', message: 'Webhook signature not valid.' } });
    }
  });

  app.use(
    '/api',
    (_req, res, next) => {
      res.locals[MOUNT_PATH] = '/api';
      next();
    },
    createApiRouter(apiDeps),
  );

  const here = path.dirname(fileURLToPath(import.meta.url));
  const clientDir = deps.clientDir ?? path.resolve(here, '../../client/dist');
  if (existsSync(clientDir)) {
    app.use(
      express.static(clientDir, {
        index: false,
        maxAge: '1h',
        setHeaders: (res) => {
          (res as express.Response).locals[ROUTE_LABEL] = 'static';
        },
      }),
    );
    app.get(/^\/(?!api\/|socket\.io\/|livekit\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.sendFile(path.join(clientDir, 'index.html'));
    });
  }

  app.use(
    (err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      if (err instanceof HashBusyError) {
        // Too many password checks waiting (auth/crypto.ts): say so at once, queue nothing.
        logger.warn('auth.hashing.busy');
        res.setHeader('Retry-After', '5');
        return sendError(
          res,
          new HttpError(
            503,
            'RATE_LIMITED',
            'Many people are signing in right now. Please try again in a moment.',
          ),
        );
      }
      const status = (err as { status?: number }).status;
      if (!status || status >= 500)
        logger.error('http.error', { reason: String((err as Error)?.name ?? 'error') });
      sendError(res, err);
    },
  );

  const io = createIo(httpServer, {
    ...apiDeps,
    rooms,
    limits: deps.socketLimits,
    clustered: cluster !== null,
  });
  ioRef.current = io;
  if (cluster) {
    // Views and socket closings reach a person's sockets on any node: the Socket.IO adapter on
    // Redis Streams (a short Redis outage loses no message: the nodes read on from the stream).
    // The stream is trimmed short: it holds people's views only as long as a brief outage needs.
    io.adapter(
      createAdapter(cluster.redis, {
        streamName: VIEW_STREAM,
        maxLen: 2_000,
        onlyPlaintext: true,
      }),
    );
    await cluster.start();
  }

  const purgeExpired = async (): Promise<Purged> => {
    const t = clock.now();
    const cutoff = t - config.retentionDays * 86_400_000;
    const purged = await repo.purgeClosedBefore(cutoff);
    for (const id of purged.meetingIds) rooms.forget(id);
    const records = await repo.purgeRecords(cutoff, t);
    if (purged.caseIds.length) logger.info('retention.purged', { count: purged.caseIds.length });
    return { ...purged, ...records };
  };
  // Sessions and links also end by time: a cheap check of every open socket's credentials.
  const sweep = () => sweepSockets(io, apiDeps);
  const mediaSweep = livekit ? createMediaSweep({ livekit, rooms, logger }) : null;
  const notifier = config.smtp
    ? createNotifier({
        repo,
        mailer: createSmtpMailer(config.smtp),
        now: () => clock.now(),
        newId: () => randomId(16),
        linkFor: (inviteId) => {
          const port = (httpServer.address() as { port?: number } | null)?.port ?? config.port;
          const base = config.publicUrl ?? `http://${config.host}:${port}`;
          return `${base}/j/${signToken(config.sessionSecret, 'invite', inviteId)}`;
        },
        logger,
      })
    : null;

  // What start() starts, and close() stops.
  let checkpoints: Checkpointer | null = null;
  let started = false;
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, fn: () => unknown) => {
    const t = setInterval(fn, ms);
    t.unref();
    timers.push(t);
  };

  return {
    app,
    httpServer,
    io,
    store: repo,
    db,
    cluster,
    rooms,
    setup,
    purgeExpired,
    sweepMedia: () => mediaSweep?.sweep() ?? Promise.resolve(),
    sweepSockets: sweep,
    notifier,
    start() {
      if (started) return;
      started = true;
      if (db)
        checkpoints = startCheckpoints(db, (reason) =>
          logger.error('store.checkpoint.failed', { reason }),
        );
      const purge = () =>
        purgeExpired().catch((err: unknown) =>
          logger.error('retention.failed', { reason: errorReason(err) }),
        );
      void purge();
      every(PURGE_MS, purge);
      every(deps.socketSweepMs ?? SOCKET_SWEEP_MS, () =>
        sweep().catch((err: unknown) =>
          logger.warn('socket.sweep.failed', { reason: errorReason(err) }),
        ),
      );
      // The safety net behind the per-command and webhook media passes.
      if (mediaSweep) every(deps.mediaSweepMs ?? MEDIA_SWEEP_MS, () => void mediaSweep.sweep());
      every(deps.roomEvictSweepMs ?? ROOM_EVICT_SWEEP_MS, () => rooms.evictIdle());
      if (notifier) every(NOTIFY_TICK_MS, () => void notifier.tick());
    },
    async close() {
      for (const t of timers.splice(0)) clearInterval(t);
      await mediaSweep?.close();
      await notifier?.close();
      // The calls outlive this process: its sockets' disconnects must not end them (the next
      // process restores them from the state).
      for (const actor of rooms.all()) actor.suspendMedia();
      // Sockets first: their disconnects are commands too, and must be written before we return.
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await rooms.idle();
      await cluster?.close();
      await commands.close();
      await checkpoints?.close();
      if (httpServer.listening)
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
