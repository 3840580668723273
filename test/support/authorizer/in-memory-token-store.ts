import { hashApiToken } from '../../../functions/domain/token/api-token.ts';
import type { TenantUsageKey } from '../../../functions/ports/tenant-usage-keys.ts';
import type { TokenRecord, TokenStore } from '../../../functions/ports/token-store.ts';

/** The usage key the in-memory store gives a tenant. */
export function usageKeyOf(tenantId: string): string {
  return `usage-key-of-${tenantId}-0123456789`;
}

/** A token's record as the token CLI writes it: tenant acme, user alice unless overridden. */
export function tokenRecord(token: string, overrides: Partial<TokenRecord> = {}): TokenRecord {
  const tokenHash = hashApiToken(token);
  return {
    tokenHash,
    tokenId: `tok_${tokenHash.slice(0, 12)}`,
    tenantId: 'acme',
    userId: 'alice',
    createdAt: '2026-06-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * The token store port in memory, for tests about the authorizer rather than DynamoDB: records
 * the hashes it was asked for, and fails every lookup while `failure` is set. Like the tokens
 * table, it also holds each tenant's usage key, made with the tenant's first token (`find`).
 */
export class InMemoryTokenStore implements TokenStore {
  readonly lookups: string[] = [];
  readonly records = new Map<string, TokenRecord>();
  readonly usageKeys = new Map<string, string>();
  failure: Error | undefined;

  constructor(records: TokenRecord[] = [], failure?: Error) {
    for (const entry of records) {
      this.records.set(entry.tokenHash, entry);
      this.usageKeys.set(entry.tenantId, usageKeyOf(entry.tenantId));
    }
    this.failure = failure;
  }

  async find(tenantId: string): Promise<TenantUsageKey | null> {
    if (this.failure) throw this.failure;
    const usageKey = this.usageKeys.get(tenantId);
    return usageKey === undefined ? null : { tenantId, usageKey };
  }

  async findByHash(tokenHash: string) {
    this.lookups.push(tokenHash);
    if (this.failure) throw this.failure;
    return this.records.get(tokenHash) ?? null;
  }

  async create(entry: TokenRecord) {
    if (!this.usageKeys.has(entry.tenantId)) {
      this.usageKeys.set(entry.tenantId, usageKeyOf(entry.tenantId));
    }
    this.records.set(entry.tokenHash, entry);
  }

  async listByTenant(tenantId: string) {
    return [...this.records.values()].filter((entry) => entry.tenantId === tenantId);
  }

  async revoke(tokenHash: string, revokedAt: string) {
    const entry = this.records.get(tokenHash);
    if (!entry) return false;
    this.records.set(tokenHash, { ...entry, revokedAt });
    return true;
  }
}
