import type { TokenRecord } from '../../ports/token-store.ts';

/** A token as the admin routes show it: never the token, never its hash. */
export function tokenView(record: TokenRecord) {
  return {
    id: record.tokenId,
    user: record.userId,
    label: record.label ?? null,
    role: record.role ?? 'user',
    created_at: record.createdAt,
  };
}
