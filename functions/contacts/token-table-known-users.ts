import { type SessionIdentity, sessionKey } from '../domain/session/session-identity.ts';
import { whenServiceAvailable } from '../platform/aws-service-failure.ts';
import type { KnownUsers } from '../ports/known-users.ts';
import type { TokenStore } from '../ports/token-store.ts';

/**
 * A user exists while it holds at least one unrevoked API token. Positive answers are cached
 * briefly, as the authorizer caches token lookups, so a revocation bites within `ttlMs`.
 */
export class TokenTableKnownUsers implements KnownUsers {
  readonly #tokens: TokenStore;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #known = new Map<string, number>();

  constructor(options: { tokens: TokenStore; ttlMs: number; now?: () => number }) {
    this.#tokens = options.tokens;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  async exists(identity: SessionIdentity): Promise<boolean> {
    const key = sessionKey(identity);
    const knownUntil = this.#known.get(key);
    if (knownUntil !== undefined && knownUntil > this.#now()) return true;
    const records = await whenServiceAvailable('the user directory', () =>
      this.#tokens.listByTenant(identity.tenantId),
    );
    const exists = records.some((record) => record.userId === identity.userId && !record.revokedAt);
    if (exists) this.#known.set(key, this.#now() + this.#ttlMs);
    else this.#known.delete(key);
    return exists;
  }
}
