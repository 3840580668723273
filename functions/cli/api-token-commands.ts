import { NotFoundError, ValidationError } from '../domain/errors/app-errors.ts';
import { identifierSchema } from '../domain/session/identifier-schema.ts';
import {
  hashApiToken,
  issueTokenCredentials,
  isUuidV4,
  type TokenRole,
} from '../domain/token/api-token.ts';
import type { TokenRecord, TokenStore } from '../ports/token-store.ts';

/** Issues a token: the clear token is returned once and stored only as its hash. */
export async function createApiToken(
  store: TokenStore,
  input: { tenantId: string; userId: string; label?: string; role?: TokenRole },
  now: Date = new Date(),
): Promise<{ token: string; record: TokenRecord }> {
  const tenantId = identifierSchema.parse(input.tenantId);
  const userId = identifierSchema.parse(input.userId);
  const { token, tokenHash, tokenId } = issueTokenCredentials();
  const record: TokenRecord = {
    tokenHash,
    tokenId,
    tenantId,
    userId,
    createdAt: now.toISOString(),
    ...(input.label ? { label: input.label } : {}),
    ...(input.role === 'admin' ? { role: 'admin' as const } : {}),
  };
  await store.create(record);
  return { token, record };
}

/** Revokes by the clear token, or by tenant and public token id (for a token nobody kept). */
export async function revokeApiToken(
  store: TokenStore,
  target: { token: string } | { tenantId: string; tokenId: string },
  now: Date = new Date(),
): Promise<TokenRecord> {
  let record: TokenRecord | null | undefined;
  if ('token' in target) {
    if (!isUuidV4(target.token)) throw new ValidationError('that is not an API token (UUID v4)');
    record = await store.findByHash(hashApiToken(target.token));
  } else {
    const records = await store.listByTenant(target.tenantId);
    record = records.find((candidate) => candidate.tokenId === target.tokenId);
  }
  if (!record) throw new NotFoundError('no such token');
  await store.revoke(record.tokenHash, now.toISOString());
  return { ...record, revokedAt: record.revokedAt ?? now.toISOString() };
}
