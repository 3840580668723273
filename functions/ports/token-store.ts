import type { SessionIdentity } from '../domain/session/session-identity.ts';
import type { TokenRole } from '../domain/token/api-token.ts';

export interface TokenRecord extends SessionIdentity {
  tokenHash: string;
  /** Public identifier, safe to show and log. */
  tokenId: string;
  label?: string;
  /** Absent on records written before roles existed: those are `user` tokens. */
  role?: TokenRole;
  createdAt: string;
  revokedAt?: string;
}

export interface TokenStore {
  findByHash(tokenHash: string): Promise<TokenRecord | null>;
  create(record: TokenRecord): Promise<void>;
  listByTenant(tenantId: string): Promise<TokenRecord[]>;
  /** Marks the token revoked; false when no such token exists. */
  revoke(tokenHash: string, revokedAt: string): Promise<boolean>;
}
