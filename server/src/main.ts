import { createApp } from './app';
import { hashPassword, randomId } from './auth/crypto';
import { ConfigError, loadConfig } from './config';
import { createLiveKitGateway } from './livekit/gateway';
import { createLogger } from './logger';
import { openDb } from './store/db';
import { openPg } from './store/pgDb';

async function main(): Promise<void> {
  // Every file this process creates (the database, its -wal and -shm, the secret) is for this user
  // only; loadConfig and openDb also fix the modes of a DATA_DIR made by an older version.
  process.umask(0o077);
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  // SQLite in DATA_DIR (the embedded default), or PostgreSQL (DATABASE_URL), migrated at start.
  const db = config.databaseUrl ? null : openDb(config.dataDir);
  const pg = config.databaseUrl ? await openPg(config.databaseUrl) : null;
  const livekit = config.livekit ? createLiveKitGateway(config.livekit) : null;
  const app = await createApp({
    config,
    db: db ?? undefined,
    pg: pg ?? undefined,
    livekit,
    logger,
  });

  if (config.bootstrapFacilitator && (await app.store.facilitatorCount()) === 0) {
    const b = config.bootstrapFacilitator;
    await app.store.insertFacilitator({
      id: randomId(),
      email: b.email,
      name: b.name,
      passwordHash: await hashPassword(b.password),
      now: Date.now(),
    });
    app.setup.token = null;
  }

  // The checkpoint thread, the purge, the sweeps and the idle-meeting eviction.
  app.start();
  const restored = await app.rooms.restoreLive();
  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  const addr = app.httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url =
    config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info('server.listening', { port, count: restored });

  const out: string[] = ['', `  Common Ground is running: open ${url}`];
  if (app.setup.token) {
    out.push(`  First time? Create the first facilitator account here (one-time link):`);
    out.push(`    ${url}/setup#token=${app.setup.token}`);
  } else {
    out.push('  Facilitators sign in on that page.');
  }
  if (!livekit) out.push(`  ${config.livekitHelp}`);
  out.push('  Press Ctrl-C to stop.', '');
  process.stdout.write(out.join('\n') + '\n');

  const stop = async () => {
    logger.info('server.stopping');
    await app.close();
    db?.close();
    await pg?.end();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main();
