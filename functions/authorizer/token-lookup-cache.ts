import type { TokenRecord } from '../ports/token-store.ts';

/**
 * A short in-memory cache of token lookups inside the authorizer, positive and negative.
 * API Gateway's own authorizer cache stays off because it would replay a stale Deny context
 * (and its old timestamp); this one bounds how long a revocation takes to bite (`ttlMs`).
 */
export class TokenLookupCache {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { record: TokenRecord | null; expiresAt: number }>();

  constructor(options: { ttlMs: number; maxEntries?: number; now?: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The cached lookup, `undefined` when not cached (null is a cached "no such token"). */
  get(tokenHash: string): TokenRecord | null | undefined {
    const entry = this.#entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(tokenHash);
      return undefined;
    }
    return entry.record;
  }

  set(tokenHash: string, record: TokenRecord | null): void {
    if (this.#entries.size >= this.#maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(tokenHash, { record, expiresAt: this.#now() + this.#ttlMs });
  }
}
