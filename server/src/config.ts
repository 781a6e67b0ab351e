import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { MediaIce } from '../../shared/protocol/events';
import { decideMediaIce } from './livekit/ice';

/** Environment variables, validated at start-up with clear errors. */
const ENV_SCHEMA = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    /** The address people open; invite links are built from it. */
    PUBLIC_URL: z.string().url().optional(),
    DATA_DIR: z.string().default('./data'),
    LIVEKIT_URL: z.string().url().optional(),
    /** The LiveKit address browsers use, when it differs from the one the app calls (behind a proxy). */
    LIVEKIT_PUBLIC_URL: z.string().url().optional(),
    LIVEKIT_API_KEY: z.string().min(3).optional(),
    /**
     * ICE servers for browsers: 'loopback' none (the local dev/test LiveKit), 'server' those
     * LiveKit sends (STUN/TURN). Default: loopback when the browsers' LiveKit URL is a loopback one.
     */
    MEDIA_ICE: z.enum(['loopback', 'server']).optional(),
    LIVEKIT_API_SECRET: z.string().min(10).optional(),
    /** Set by the start script when no LiveKit server could be started: what to tell people. */
    LIVEKIT_UNAVAILABLE: z.string().optional(),
    /** Signs invite links and sessions. Generated and stored on first run when absent. */
    SESSION_SECRET: z.string().min(32).optional(),
    /** Create the first facilitator from the environment instead of the set-up link. */
    FACILITATOR_EMAIL: z.string().email().optional(),
    FACILITATOR_PASSWORD: z.string().min(12).optional(),
    FACILITATOR_NAME: z.string().min(1).max(80).optional(),
    INVITE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Seconds a whole party may be disconnected before the room pauses itself. */
    PARTY_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(20),
    COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    /** Sign-in attempts per account, and per address, in each LOGIN_WINDOW_MINUTES. */
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20),
    LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    /** Open room connections allowed per person (one invite or one facilitator) and per address. */
    SOCKETS_PER_MEMBER: z.coerce.number().int().min(1).max(1000).default(4),
    SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(20),
    /** Minutes a meeting nobody uses stays in memory before it is dropped (reloaded on demand). */
    ROOM_IDLE_MINUTES: z.coerce.number().min(0).max(1440).default(10),
    /** PostgreSQL instead of SQLite in DATA_DIR (several app nodes share it). */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    /** Redis: with DATABASE_URL, this node is one of several (Socket.IO between them, leases). */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
    /** How long the nodes' Redis stream keeps a view (cluster.ts VIEW_STREAM), in seconds. */
    REDIS_STREAM_KEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** This node's name in the logs (several nodes); random when absent. */
    NODE_NAME: z
      .string()
      .regex(/^[\w.-]{1,40}$/)
      .optional(),
    /**
     * Optional e-mail notifications (issue 16): an SMTP server as a URL
     * (smtp://user:password@host:587, smtps://… for TLS) and the sender address. Off when unset.
     */
    SMTP_URL: z
      .string()
      .url()
      .refine((u) => /^smtps?:\/\//.test(u), 'Use smtp:// or smtps://')
      .optional(),
    SMTP_FROM: z.string().email().optional(),
  })
  .refine((e) => !e.SMTP_URL || e.SMTP_FROM, {
    message: 'SMTP_URL needs SMTP_FROM too',
  })
  .refine((e) => !e.REDIS_URL || e.DATABASE_URL, {
    message: 'REDIS_URL (several app nodes) needs DATABASE_URL too: the nodes share PostgreSQL',
  })
  .refine((e) => !e.LIVEKIT_URL || (e.LIVEKIT_API_KEY && e.LIVEKIT_API_SECRET), {
    message: 'LIVEKIT_URL needs LIVEKIT_API_KEY and LIVEKIT_API_SECRET too',
  });

export interface Config {
  port: number;
  host: string;
  publicUrl: string | null;
  dataDir: string;
  livekit: {
    url: string;
    publicUrl: string;
    apiKey: string;
    apiSecret: string;
    ice: MediaIce;
  } | null;
  livekitHelp: string | null;
  sessionSecret: string;
  bootstrapFacilitator: { email: string; password: string; name: string } | null;
  inviteTtlMs: number;
  retentionDays: number;
  partyGraceMs: number;
  cookieSecure: 'auto' | boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Sign-in throttling: attempts allowed per account and per address in each window. */
  login: { maxPerAccount: number; maxPerAddress: number; windowMs: number };
  /** Open room connections allowed per person and per address. */
  sockets: { perMember: number; perAddress: number };
  /** How long an idle meeting's actor stays in memory (RoomRegistry.evictIdle). */
  roomIdleEvictMs: number;
  /** PostgreSQL (null: SQLite in dataDir, the embedded default). */
  databaseUrl: string | null;
  /** Redis for several app nodes (null: this node is the only one). */
  redisUrl: string | null;
  /** How long the nodes' Redis stream keeps a view (REDIS_STREAM_KEEP_SECONDS). */
  redisStreamKeepMs: number;
  nodeName: string | null;
  /** E-mail notifications, when an SMTP server is configured (off by default). */
  smtp: { url: string; from: string } | null;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ENV_SCHEMA.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  protectDataDir(dataDir);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, '') ?? null,
    dataDir,
    livekit:
      e.LIVEKIT_URL && e.LIVEKIT_API_KEY && e.LIVEKIT_API_SECRET
        ? {
            url: e.LIVEKIT_URL,
            publicUrl: e.LIVEKIT_PUBLIC_URL ?? e.LIVEKIT_URL,
            apiKey: e.LIVEKIT_API_KEY,
            apiSecret: e.LIVEKIT_API_SECRET,
            ice: decideMediaIce(e.LIVEKIT_PUBLIC_URL ?? e.LIVEKIT_URL, e.MEDIA_ICE),
          }
        : null,
    livekitHelp: e.LIVEKIT_URL
      ? null
      : (e.LIVEKIT_UNAVAILABLE ??
        'Video is unavailable: no LiveKit server is configured. Install Go 1.26 or newer and run npm start again, or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.'),
    sessionSecret: e.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    bootstrapFacilitator:
      e.FACILITATOR_EMAIL && e.FACILITATOR_PASSWORD
        ? {
            email: e.FACILITATOR_EMAIL.toLowerCase(),
            password: e.FACILITATOR_PASSWORD,
            name: e.FACILITATOR_NAME ?? 'Facilitator',
          }
        : null,
    inviteTtlMs: e.INVITE_TTL_DAYS * 86_400_000,
    retentionDays: e.RETENTION_DAYS,
    partyGraceMs: e.PARTY_GRACE_SECONDS * 1000,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    logLevel: e.LOG_LEVEL,
    login: {
      maxPerAccount: e.LOGIN_MAX_FAILURES,
      maxPerAddress: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMs: e.LOGIN_WINDOW_MINUTES * 60_000,
    },
    sockets: { perMember: e.SOCKETS_PER_MEMBER, perAddress: e.SOCKETS_PER_ADDRESS },
    roomIdleEvictMs: e.ROOM_IDLE_MINUTES * 60_000,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    redisStreamKeepMs: e.REDIS_STREAM_KEEP_SECONDS * 1000,
    nodeName: e.NODE_NAME ?? null,
    smtp: e.SMTP_URL && e.SMTP_FROM ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
  };
}

/**
 * Names and board text live in DATA_DIR: it is made private to this user (0700) and its files
 * 0600, also when it was created before with looser modes (an older version, or the start
 * script's LiveKit keys and log). A directory this user cannot make private is a clear error.
 */
function protectDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dataDir, 0o700);
  } catch {
    throw new ConfigError(
      `Invalid configuration:\n  DATA_DIR: ${dataDir} must belong to the user running the server, so that it can be made private.`,
    );
  }
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    try {
      chmodSync(path.join(dataDir, entry.name), 0o600);
    } catch {
      // Not ours (another program's file): the private directory still keeps others out.
    }
  }
}

/** A development secret, generated once and stored beside the data (never sent to a browser). */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
