// Meeting leases on a real Redis: one holder at a time, renewed only by its holder, free again
// once its holder stops renewing, and given back only by its holder.
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEASE_MS, Leases } from '../../server/src/cluster/leases';
import { startRedis, type RedisServer } from '../support/redis';

describe('meeting leases (Redis)', () => {
  let redis: RedisServer;
  let client: RedisClientType;
  beforeAll(async () => {
    redis = await startRedis();
    client = createClient({ url: redis.url });
    await client.connect();
  }, 30_000);
  afterAll(async () => {
    await client?.quit();
    await redis?.stop();
  });

  it('one holder at a time; the others see who; only the holder renews or releases', async () => {
    const a = new Leases(client, 'node-a');
    const b = new Leases(client, 'node-b');
    expect(await a.acquire('m1')).toBe(true);
    expect(await a.acquire('m1')).toBe(true); // already ours
    expect(await b.acquire('m1')).toBe(false);
    expect(await b.owner('m1')).toBe('node-a');
    expect(await b.renew('m1')).toBe(false);
    expect(await a.renew('m1')).toBe(true);
    await b.release('m1'); // not b's to give back
    expect(await a.owner('m1')).toBe('node-a');
    await a.release('m1');
    expect(await b.owner('m1')).toBeNull();
    expect(await b.acquire('m1')).toBe(true);
  });

  it('a lease its holder stops renewing is free again after LEASE_MS, and the holder knows it lost it', async () => {
    const a = new Leases(client, 'node-a');
    const b = new Leases(client, 'node-b');
    expect(await a.acquire('m2')).toBe(true);
    // The holder dies: nobody renews. Redis expires the key by itself.
    await new Promise((r) => setTimeout(r, LEASE_MS + 200));
    expect(await b.owner('m2')).toBeNull();
    expect(await b.acquire('m2')).toBe(true);
    expect(await a.renew('m2')).toBe(false);
  });
});
