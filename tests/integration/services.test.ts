import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../support/postgres';
import { startRedis, type RedisServer } from '../support/redis';

// The real PostgreSQL and Redis the distributed tests use, started on loopback and stopped after.
describe('test services', () => {
  let postgres: PostgresServer;
  let redis: RedisServer;
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  it('PostgreSQL gives each test a database of its own, on loopback', async () => {
    const [a, b] = [await postgres.createDatabase(), await postgres.createDatabase()];
    expect(a).not.toBe(b);
    const c = new pg.Client({ connectionString: a });
    await c.connect();
    await c.query('CREATE TABLE t (x int)');
    const r = await c.query<{ addr: string }>('SELECT inet_server_addr()::text AS addr');
    await c.end();
    expect(r.rows[0]!.addr).toBe('127.0.0.1/32');
    const d = new pg.Client({ connectionString: b });
    await d.connect();
    const tables = await d.query("SELECT 1 FROM pg_tables WHERE tablename = 't'");
    await d.end();
    expect(tables.rowCount).toBe(0);
  });

  it('Redis answers on loopback', async () => {
    const client = createClient({ url: redis.url });
    await client.connect();
    await client.set('k', 'v');
    expect(await client.get('k')).toBe('v');
    await client.quit();
  });
});
