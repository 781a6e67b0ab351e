/**
 * The distributed run of `npm run bench`: two app nodes (each its own process, as
 * tests/integration/cluster-failover.test.ts starts them), one PostgreSQL and one Redis (real,
 * tests/support), no LiveKit. The same generators drive the same script; the sockets of each
 * meeting alternate between the nodes (distributed-stats.ts nodeFor), so every command's views
 * cross Redis to reach half the room. Then the failover: a window in which one node is killed with
 * SIGKILL, its sockets reconnect to the survivor, and each meeting reports when all five were
 * back on one version.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { CSRF_HEADER } from '../../shared/protocol/http';
import { startPostgres } from '../support/postgres';
import { spawnServer, type ServerProcess } from '../support/process';
import { startRedis } from '../support/redis';
import { createMeeting, type TestServer } from '../support/server';
import { failoverFigures, type FailoverFigures } from './distributed-stats';
import type { MeetingSpec } from './generator';
import {
  children,
  generatorsReady,
  Load,
  log,
  pool,
  services,
  sleep,
  startGenerators,
  tempDirs,
  type LevelResult,
} from './harness';
import { freePort, rssKb } from './proc';
import { INVITEES, type PersonKey } from './script';
import type { BenchOptions } from './stats';

const FACILITATOR = { email: 'bench@example.org', password: 'bench-password-not-secret' };
const NODE_NAMES = ['node-a', 'node-b'] as const;
const NODE_START_MS = 120_000;

export interface DistributedResult {
  /** The steady run: both nodes, the sockets of each meeting on both. */
  level: LevelResult;
  /** The window in which a node was killed (its latencies include the commands it cut off). */
  failoverLevel: LevelResult;
  killed: string;
  survivor: string;
  /** Meetings run by each node just before the kill (their lease holder in Redis). */
  ownersAtKill: Record<string, number>;
  /** Meetings the killed node ran: from the kill to all five clients back on one version. */
  failoverOwned: FailoverFigures;
  /** Meetings the survivor ran: only their sockets on the killed node had to reconnect. */
  failoverOthers: FailoverFigures;
  /** When the kill happened, ms into the failover window. */
  killAfterMs: number;
}

/** Runs the distributed phase; every process and service it starts is stopped before it returns. */
export async function distributedPhase(opts: BenchOptions): Promise<DistributedResult> {
  log('distributed: starting PostgreSQL and Redis on loopback...');
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  services.add(pg);
  services.add(redis);
  const nodes: ServerProcess[] = [];
  let load: Load | null = null;
  const leases = createClient({ url: redis.url });
  leases.on('error', () => undefined);
  try {
    await leases.connect();
    const databaseUrl = await pg.createDatabase();
    const generators = startGenerators(opts.workers);
    // One node after the other: the first creates the facilitator's account, the second finds it.
    for (const name of NODE_NAMES) nodes.push(await startNode(name, databaseUrl, redis.url));
    const idle = nodes.map((n) => rssKb(n.child.pid));
    log(`distributed: ${NODE_NAMES.map((n, i) => `${n} ${nodes[i]!.url}`).join(', ')}`);

    const cookie = await signIn(nodes[0]!.url);
    const facilitatorId = cookie.id;
    let created = 0;
    // Meetings are created through the nodes in turn; whoever opens one first runs it.
    const newMeetings = (n: number) =>
      pool(Array.from({ length: n }), 16, async () => {
        const via = nodes[created++ % nodes.length]!;
        const s = { url: via.url, facilitator: { cookie: cookie.value } } as unknown as TestServer;
        const m = await createMeeting(s, INVITEES);
        const ids = { facilitator: facilitatorId } as Record<PersonKey, string>;
        const tokens: Partial<Record<PersonKey, string>> = {};
        for (const i of INVITEES) {
          ids[i.key] = m.people[i.key]!.id;
          tokens[i.key] = m.people[i.key]!.token;
        }
        return { meetingId: m.meetingId, ids, tokens } satisfies MeetingSpec;
      });
    await generatorsReady(generators);
    const specs: MeetingSpec[] = [];
    load = new Load(
      'app',
      nodes.map((n, i) => ({
        name: NODE_NAMES[i]!,
        pid: n.child.pid!,
        url: n.url,
        idleRssKb: idle[i]!,
      })),
      generators,
      async (n) => {
        const s = await newMeetings(n);
        specs.push(...s);
        return s;
      },
      cookie.value,
    );
    await load.addMeetings(opts.meetings);
    const level = await load.level('distributed', opts, opts.distDuration);

    // The failover window: the second node is killed a fifth of the way in.
    const ownerOf = async () => {
      const out = new Map<string, string | null>();
      for (const s of specs) out.set(s.meetingId, await leases.get(`cg:lease:${s.meetingId}`));
      return out;
    };
    const killedIdx = 1;
    const killed = nodes[killedIdx]!;
    const survivor = nodes[1 - killedIdx]!;
    const killAfterMs = Math.round((opts.failoverDuration * 1000) / 5);
    let owners = new Map<string, string | null>();
    let killedAt = 0;
    const failoverLevel = await load.level('failover', opts, opts.failoverDuration, undefined, {
      failover: { killUrl: killed.url, liveUrl: survivor.url, timeoutMs: 30_000 },
      during: async () => {
        await sleep(killAfterMs);
        owners = await ownerOf();
        killedAt = Date.now();
        killed.child.kill('SIGKILL');
        log(`failover: ${NODE_NAMES[killedIdx]} killed (SIGKILL)`);
      },
    });
    const ownersAtKill: Record<string, number> = {};
    for (const o of owners.values())
      ownersAtKill[o ?? 'none'] = (ownersAtKill[o ?? 'none'] ?? 0) + 1;
    const killedName = NODE_NAMES[killedIdx]!;
    const failoverOwned = failoverFigures(
      killedAt,
      failoverLevel.converged,
      (id) => owners.get(id) === killedName,
    );
    const failoverOthers = failoverFigures(
      killedAt,
      failoverLevel.converged,
      (id) => owners.get(id) !== killedName,
    );
    log(
      `failover: ${failoverOwned.converged} of ${failoverOwned.meetings} meetings of ${killedName} back on one version, p50 ${failoverOwned.ms.p50.toFixed(0)} ms, max ${failoverOwned.ms.max.toFixed(0)} ms; the survivor's ${failoverOthers.converged} of ${failoverOthers.meetings}, p50 ${failoverOthers.ms.p50.toFixed(0)} ms, max ${failoverOthers.ms.max.toFixed(0)} ms`,
    );
    return {
      level,
      failoverLevel,
      killed: killedName,
      survivor: NODE_NAMES[1 - killedIdx]!,
      ownersAtKill,
      failoverOwned,
      failoverOthers,
      killAfterMs,
    };
  } finally {
    await load?.close();
    for (const n of nodes) await n.kill('SIGKILL');
    await leases.quit().catch(() => undefined);
    services.delete(pg);
    services.delete(redis);
    await Promise.all([pg.stop(), redis.stop()]);
  }
}

async function startNode(name: string, databaseUrl: string, redisUrl: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `cg-bench-${name}-`));
  tempDirs.push(dataDir);
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    NODE_NAME: name,
    // Both nodes sign the same sessions (the facilitator's cookie works on either).
    SESSION_SECRET: 'bench-session-secret-0123456789abcdefghij',
    FACILITATOR_EMAIL: FACILITATOR.email,
    FACILITATOR_PASSWORD: FACILITATOR.password,
    FACILITATOR_NAME: 'Bench Facilitator',
    LOG_LEVEL: 'warn',
    SOCKETS_PER_ADDRESS: '1000000',
  };
  // No LiveKit, as in the embedded run. A longer wait for /healthz than the tests': on this
  // shared 2-core machine, a third and fourth server process (tsx compiling, migrations on
  // PostgreSQL) took more than 30 s while other tests ran.
  return spawnServer(env, await freePort(), {
    startMs: NODE_START_MS,
    inherit: (k) => !k.startsWith('LIVEKIT_'),
    outputLimit: 4000,
    onSpawn: (child) => children.add(child),
  });
}

async function signIn(url: string): Promise<{ value: string; id: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify(FACILITATOR),
  });
  if (!res.ok) throw new Error(`facilitator sign-in failed: ${res.status} ${await res.text()}`);
  const id = ((await res.json()) as { id: string }).id;
  return { value: res.headers.get('set-cookie')!.split(';')[0]!, id };
}
