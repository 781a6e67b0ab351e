import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Sign-in attempts allowed per account and per address in each window (config.login). */
export interface LoginLimits {
  maxPerAccount: number;
  maxPerAddress: number;
  windowMs: number;
}

/** The outcome of taking a sign-in attempt: allowed, or refused until `retryAfterMs` from now. */
export type LoginTicket = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Sign-in throttling that holds under concurrency. An attempt takes its point from the account's
 * and the address's counters BEFORE the password is checked, and the taking is atomic (the
 * in-memory counter is incremented synchronously, inside `consume`), so sixty requests arriving
 * at once can never all read "no failures yet": only the first `maxPerAccount` reach the password
 * check. A successful sign-in clears the account's counter and gives the address its point back,
 * so only failures add up.
 *
 * The counters live in memory: a restart forgets them. That is acceptable for one process (an
 * attacker cannot restart the server), and keeps the hot path off the database.
 */
export class LoginThrottle {
  private readonly accounts: RateLimiterMemory;
  private readonly addresses: RateLimiterMemory;

  constructor(limits: LoginLimits) {
    const duration = Math.max(1, Math.round(limits.windowMs / 1000));
    this.accounts = new RateLimiterMemory({
      keyPrefix: 'login-account',
      points: limits.maxPerAccount,
      duration,
    });
    this.addresses = new RateLimiterMemory({
      keyPrefix: 'login-address',
      points: limits.maxPerAddress,
      duration,
    });
  }

  /** Takes one attempt for this account (by email) and address; refused once either is spent. */
  async take(email: string, address: string): Promise<LoginTicket> {
    // Both counters are incremented now, synchronously, before anything is awaited.
    const byAddress = this.addresses.consume(address);
    const byAccount = this.accounts.consume(email.toLowerCase());
    const results = await Promise.allSettled([byAddress, byAccount]);
    let refused = false;
    let retryAfterMs = 0;
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      if (!(r.reason instanceof RateLimiterRes)) throw r.reason;
      refused = true;
      retryAfterMs = Math.max(retryAfterMs, r.reason.msBeforeNext);
    }
    return refused ? { ok: false, retryAfterMs } : { ok: true };
  }

  /** A correct password: the account starts afresh, and the address gets its attempt back. */
  async succeeded(email: string, address: string): Promise<void> {
    await Promise.all([
      this.accounts.delete(email.toLowerCase()),
      this.addresses.reward(address, 1),
    ]);
  }
}
