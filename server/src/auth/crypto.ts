import { createHmac, randomBytes, scrypt, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt with N=2^15, r=8, p=1 (OWASP's minimum for scrypt), 32-byte key, 16-byte salt. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * How many scrypt calls may run at once, and how many may wait. scrypt runs on libuv's thread pool
 * (four threads by default), the same pool that runs the command log's fdatasync: with at most two
 * hashes running, a burst of sign-ins always leaves threads free for the syncs every meeting's
 * acknowledgements wait for. A burst beyond the queue is refused at once (HashBusyError) rather
 * than queued without end.
 */
export const HASH_LIMITS = { concurrency: 2, queue: 32 } as const;

/** Thrown when too many password checks are already waiting: answer "busy", never queue more. */
export class HashBusyError extends Error {
  constructor() {
    super('password hashing is busy');
    this.name = 'HashBusyError';
  }
}

let running = 0;
let peak = 0;
const waiting: (() => void)[] = [];

/** Hashing load, for tests and metrics: running now, the most running at once, waiting. */
export function hashingStats(): { running: number; peak: number; waiting: number } {
  return { running, peak, waiting: waiting.length };
}

/** Starts the `peak` of hashingStats afresh (tests measure one burst at a time). */
export function resetHashingPeak(): void {
  peak = running;
}

/** Runs one scrypt call under the HASH_LIMITS semaphore. */
async function boundedScrypt(
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
): Promise<Buffer> {
  if (running >= HASH_LIMITS.concurrency) {
    if (waiting.length >= HASH_LIMITS.queue) throw new HashBusyError();
    // The slot is handed over by the finishing call (running stays counted), so no newcomer can
    // overtake a waiting one.
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  peak = Math.max(peak, running);
  try {
    return await scryptAsync(password, salt, keylen, options);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await boundedScrypt(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await boundedScrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function randomId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Signs an opaque id: `<id>.<mac>`. The link carries no names and no clinical words. */
export function signToken(secret: string, purpose: string, id: string): string {
  const mac = createHmac('sha256', secret)
    .update(`${purpose}:${id}`)
    .digest('base64url')
    .slice(0, 32);
  return `${id}.${mac}`;
}

export function verifyToken(secret: string, purpose: string, token: string): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const id = token.slice(0, dot);
  const expected = Buffer.from(signToken(secret, purpose, id));
  const actual = Buffer.from(token);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? id : null;
}
