/**
 * A token bucket per session: `burst` live lookups at once, refilled at `perMinute`. Lives in
 * the worker's memory, which is right because one worker (the shard's lease holder) serves a
 * session at a time; a takeover starts the bucket full, at most one burst more.
 */
export interface LiveLookupBudgetOptions {
  burst: number;
  perMinute: number;
  now?: () => number;
}

export type BudgetDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

const MAX_TRACKED_SESSIONS = 10_000;

export class LiveLookupBudget {
  readonly #burst: number;
  readonly #perMs: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: LiveLookupBudgetOptions) {
    this.#burst = options.burst;
    this.#perMs = options.perMinute / 60_000;
    this.#now = options.now ?? Date.now;
  }

  take(sessionKey: string): BudgetDecision {
    const now = this.#now();
    const bucket = this.#refilled(sessionKey, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitMs = (1 - bucket.tokens) / this.#perMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /**
   * Takes up to `count` lookups at once (a batch: each contact is one lookup). `granted` is how
   * many the budget allowed; when fewer than asked, `retryAfterSeconds` says when the next one
   * will be.
   */
  takeUpTo(sessionKey: string, count: number): { granted: number; retryAfterSeconds?: number } {
    const now = this.#now();
    const bucket = this.#refilled(sessionKey, now);
    const granted = Math.max(0, Math.min(count, Math.floor(bucket.tokens)));
    bucket.tokens -= granted;
    if (granted === count) return { granted };
    const waitMs = (1 - bucket.tokens) / this.#perMs;
    return { granted, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  #refilled(sessionKey: string, now: number): Bucket {
    let bucket = this.#buckets.get(sessionKey);
    if (!bucket) {
      if (this.#buckets.size >= MAX_TRACKED_SESSIONS) this.#forgetFullBuckets(now);
      bucket = { tokens: this.#burst, updatedAtMs: now };
      this.#buckets.set(sessionKey, bucket);
      return bucket;
    }
    const elapsed = Math.max(0, now - bucket.updatedAtMs);
    bucket.tokens = Math.min(this.#burst, bucket.tokens + elapsed * this.#perMs);
    bucket.updatedAtMs = now;
    return bucket;
  }

  /** A full bucket carries no information: forgetting it changes nothing. */
  #forgetFullBuckets(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      const tokens = bucket.tokens + (now - bucket.updatedAtMs) * this.#perMs;
      if (tokens >= this.#burst) this.#buckets.delete(key);
    }
  }
}
