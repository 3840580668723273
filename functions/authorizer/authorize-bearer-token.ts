import { UnauthorizedError } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { hashApiToken, isUuidV4, type TokenRole } from '../domain/token/api-token.ts';
import type { TenantUsageKeys } from '../ports/tenant-usage-keys.ts';
import type { TokenStore } from '../ports/token-store.ts';
import type { TokenLookupCache } from './token-lookup-cache.ts';

export interface AuthorizedCaller extends SessionIdentity {
  tokenId: string;
  role: TokenRole;
  /** The tenant's usage key: API Gateway counts the request against the tenant's usage plan. */
  usageKey: string;
}

/** Tenants whose usage key is kept in memory (a key never changes once made). */
const MAX_CACHED_USAGE_KEYS = 10_000;

/**
 * Checks an Authorization header value: scheme Bearer (any case), token a UUID v4, known and not
 * revoked. Failures are UnauthorizedErrors whose messages never repeat the token.
 */
export function createAuthorizeBearerToken(dependencies: {
  tokens: TokenStore;
  cache: TokenLookupCache;
  usageKeys: Pick<TenantUsageKeys, 'find'>;
}) {
  const usageKeyOf = new Map<string, string>();
  async function tenantUsageKey(tenantId: string): Promise<string> {
    const cached = usageKeyOf.get(tenantId);
    if (cached !== undefined) return cached;
    const found = await dependencies.usageKeys.find(tenantId);
    if (!found) {
      throw new UnauthorizedError(
        "this token's tenant has no usage key yet; the operator runs npm run token -- usage-key --tenant <id>",
      );
    }
    if (usageKeyOf.size >= MAX_CACHED_USAGE_KEYS) usageKeyOf.clear();
    usageKeyOf.set(tenantId, found.usageKey);
    return found.usageKey;
  }

  return async function authorizeBearerToken(
    authorization: string | undefined,
  ): Promise<AuthorizedCaller> {
    if (authorization === undefined || authorization.trim() === '') {
      throw new UnauthorizedError(
        'missing Authorization header; send Authorization: Bearer <token>',
      );
    }
    if (/^\s*bearer\s*$/i.test(authorization)) {
      throw new UnauthorizedError('the bearer token is missing: Authorization: Bearer <token>');
    }
    const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(authorization);
    if (match?.[1]?.toLowerCase() !== 'bearer') {
      throw new UnauthorizedError('the Authorization header must use the Bearer scheme');
    }
    const token = match[2] ?? '';
    if (!isUuidV4(token)) {
      throw new UnauthorizedError('the bearer token is malformed; API tokens are UUID v4');
    }
    const tokenHash = hashApiToken(token);
    let record = dependencies.cache.get(tokenHash);
    if (record === undefined) {
      record = await dependencies.tokens.findByHash(tokenHash);
      dependencies.cache.set(tokenHash, record);
    }
    if (!record) throw new UnauthorizedError('the bearer token is not recognised');
    if (record.revokedAt) throw new UnauthorizedError('the bearer token has been revoked');
    return {
      tenantId: record.tenantId,
      userId: record.userId,
      tokenId: record.tokenId,
      role: record.role ?? 'user',
      usageKey: await tenantUsageKey(record.tenantId),
    };
  };
}

export type AuthorizeBearerToken = ReturnType<typeof createAuthorizeBearerToken>;
