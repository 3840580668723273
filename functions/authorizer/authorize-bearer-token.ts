import { UnauthorizedError } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { hashApiToken, isUuidV4, type TokenRole } from '../domain/token/api-token.ts';
import type { TokenStore } from '../ports/token-store.ts';
import type { TokenLookupCache } from './token-lookup-cache.ts';

export interface AuthorizedCaller extends SessionIdentity {
  tokenId: string;
  role: TokenRole;
}

/**
 * Checks an Authorization header value: scheme Bearer (any case), token a UUID v4, known and not
 * revoked. Failures are UnauthorizedErrors whose messages never repeat the token.
 */
export function createAuthorizeBearerToken(dependencies: {
  tokens: TokenStore;
  cache: TokenLookupCache;
}) {
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
    };
  };
}

export type AuthorizeBearerToken = ReturnType<typeof createAuthorizeBearerToken>;
