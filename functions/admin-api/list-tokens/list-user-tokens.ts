import type { TokenStore } from '../../ports/token-store.ts';
import { tokenView } from '../create-token/token-response.ts';

/** GET /admin/tokens: the tenant's live tokens (revoked ones are gone), oldest first. */
export function createListUserTokens(dependencies: { tokens: TokenStore }) {
  return async (tenantId: string, filter: { user?: string | undefined }) => {
    const records = await dependencies.tokens.listByTenant(tenantId);
    return records
      .filter((record) => !record.revokedAt && (!filter.user || record.userId === filter.user))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(tokenView);
  };
}

export type ListUserTokens = ReturnType<typeof createListUserTokens>;
