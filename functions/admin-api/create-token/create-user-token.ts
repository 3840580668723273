import { issueTokenCredentials } from '../../domain/token/api-token.ts';
import type { TokenRecord, TokenStore } from '../../ports/token-store.ts';
import { tokenView } from './token-response.ts';

/**
 * POST /admin/tokens: a `user` token for one of the tenant's users (an admin makes no admin
 * tokens: those come from the operator's CLI). The token is in this answer only.
 */
export function createCreateUserToken(dependencies: { tokens: TokenStore; now?: () => Date }) {
  const now = dependencies.now ?? (() => new Date());
  return async (tenantId: string, input: { user: string; label?: string | undefined }) => {
    const { token, tokenHash, tokenId } = issueTokenCredentials();
    const record: TokenRecord = {
      tokenHash,
      tokenId,
      tenantId,
      userId: input.user,
      createdAt: now().toISOString(),
      ...(input.label ? { label: input.label } : {}),
    };
    await dependencies.tokens.create(record);
    return { ...tokenView(record), token };
  };
}

export type CreateUserToken = ReturnType<typeof createCreateUserToken>;
