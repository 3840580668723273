import { NotFoundError } from '../../domain/errors/app-errors.ts';
import type { TokenStore } from '../../ports/token-store.ts';

/**
 * DELETE /admin/tokens/{id}: revokes one of the tenant's tokens. Another tenant's id is as
 * unknown here as one that never existed (404). The authorizers that cached the token stop
 * accepting it within their cache window (60 s at most).
 */
export function createRevokeUserToken(dependencies: { tokens: TokenStore; now?: () => Date }) {
  const now = dependencies.now ?? (() => new Date());
  return async (tenantId: string, tokenId: string) => {
    const records = await dependencies.tokens.listByTenant(tenantId);
    const record = records.find((candidate) => candidate.tokenId === tokenId);
    if (!record) throw new NotFoundError(`no token ${tokenId} in this tenant`);
    const revokedAt = record.revokedAt ?? now().toISOString();
    await dependencies.tokens.revoke(record.tokenHash, revokedAt);
    return { id: record.tokenId, revoked_at: revokedAt };
  };
}

export type RevokeUserToken = ReturnType<typeof createRevokeUserToken>;
