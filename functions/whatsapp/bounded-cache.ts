import { LRUCache } from 'lru-cache';

export interface BoundedCacheLimits {
  /** Most entries kept; the least recently used goes first. */
  maxEntries: number;
  /** How long an entry lives after it was written. */
  ttlMs: number;
}

/**
 * The cache shape Baileys accepts for its retry counters, device lists, call offers and the
 * signal key cache (get/set/del/flushAll, plus the batch calls it uses when present), bounded
 * by entries and by age. Baileys' own default (node-cache) bounds only by age and runs a
 * sweep timer per cache; a worker holding thousands of sockets needs a hard ceiling and no
 * timers per session. Expired entries are dropped lazily, when read or pushed out.
 */
export class BoundedCache {
  readonly #entries: LRUCache<string, { value: unknown }>;

  constructor(limits: BoundedCacheLimits) {
    this.#entries = new LRUCache({ max: limits.maxEntries, ttl: limits.ttlMs });
  }

  get size(): number {
    return this.#entries.size;
  }

  get<T>(key: string): T | undefined {
    return this.#entries.get(key)?.value as T | undefined;
  }

  set<T>(key: string, value: T): boolean {
    // Wrapped: lru-cache refuses `undefined` values, Baileys may store any value.
    this.#entries.set(key, { value });
    return true;
  }

  del(key: string): number {
    return this.#entries.delete(key) ? 1 : 0;
  }

  flushAll(): void {
    this.#entries.clear();
  }

  async mget<T>(keys: string[]): Promise<Record<string, T | undefined>> {
    const found: Record<string, T | undefined> = {};
    for (const key of keys) found[key] = this.get<T>(key);
    return found;
  }

  mset<T>(entries: { key: string; value: T }[]): boolean {
    for (const { key, value } of entries) this.set(key, value);
    return true;
  }

  mdel(keys: string[]): number {
    let deleted = 0;
    for (const key of keys) deleted += this.del(key);
    return deleted;
  }
}
